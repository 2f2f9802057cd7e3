/* Quiz widget: enhances the server-rendered questions (see overrides/partials/quiz/).
 *
 * Without this file every question still reads, with its answer behind a
 * <details>. With it: check answers, feedback in aria-live regions, a score,
 * answers remembered in localStorage under one versioned key, "try again".
 * Initialised through Material's document$ so instant navigation works, and
 * idempotent: a widget is enhanced once, however often init runs.
 */
(() => {
  "use strict";

  const SCHEMA = 1;
  const config = readConfig();
  const t = (key, vars = {}) =>
    (config.strings[key] || key).replace(/\{(\w+)\}/g, (m, name) => (name in vars ? vars[name] : m));

  /* The plugin writes the settings into this script's own tag (data-quizkit-config): the tag sits
     outside the content, so instant navigation never rebuilds it, and no inline script is needed. */
  function readConfig() {
    const el = document.currentScript || document.querySelector("script[data-quizkit-config]");
    try {
      const data = JSON.parse((el && el.dataset.quizkitConfig) || "{}");
      return { key: data.key || "aa-course", strings: data.strings || {} };
    } catch (e) {
      return { key: "aa-course", strings: {} };
    }
  }

  /* ---------------------------------------------------------------- store
   * One key, value {"v": 1, "answers": {id: entry}, ...}. Every write reads
   * the stored value afresh and changes only what it was asked to, so other
   * tabs' progress and anything we do not understand are kept. A value that
   * cannot be parsed is set aside under "<key>:corrupt:<time>", never dropped.
   */
  const store = (() => {
    let memory = { v: SCHEMA, answers: {} };
    let available = true;
    let readOnly = false;
    /* "Keep nothing on this device" (privacy.js draws the switch). While it is on, answers live in
       memory only and localStorage is never read or written. The choice itself is kept in
       sessionStorage, which the browser clears when the tab closes: a saved "keep nothing" setting
       would itself be a trace. */
    const KEEP_NOTHING = `${config.key}:keep-nothing`;
    let keeping = (() => {
      try {
        return window.sessionStorage.getItem(KEEP_NOTHING) !== "1";
      } catch (e) {
        return true;
      }
    })();
    const notices = new Set();
    const listeners = [];

    function storage() {
      try {
        return window.localStorage;
      } catch (e) {
        return null;
      }
    }

    function notify(kind) {
      if (notices.has(kind)) return;
      notices.add(kind);
      listeners.forEach((fn) => fn(kind));
    }

    function isRecord(value) {
      return value !== null && typeof value === "object" && !Array.isArray(value);
    }

    function read() {
      if (!keeping) return memory;
      const ls = storage();
      let raw = null;
      try {
        if (!ls) throw new Error("no storage");
        raw = ls.getItem(config.key);
      } catch (e) {
        available = false;
        notify("storage_off");
        return memory;
      }
      if (raw === null) return { v: SCHEMA, answers: {} };
      let data;
      try {
        data = JSON.parse(raw);
      } catch (e) {
        data = null;
      }
      if (!isRecord(data) || typeof data.v !== "number") {
        setAside(ls, raw);
        return { v: SCHEMA, answers: {} };
      }
      if (data.v > SCHEMA) readOnly = true; // written by a newer version of the course: never overwrite
      if (!isRecord(data.answers)) data.answers = {};
      return data;
    }

    function setAside(ls, raw) {
      try {
        ls.setItem(`${config.key}:corrupt:${Date.now()}`, raw);
        ls.removeItem(config.key);
      } catch (e) {
        readOnly = true; // could not keep a copy: leave the original where it is
      }
      notify("storage_corrupt");
    }

    function write(change) {
      const data = read();
      change(data);
      data.v = Math.max(SCHEMA, data.v || 0);
      memory = data;
      if (!keeping || !available || readOnly) return data;
      // The first time anything is kept, the page says so once (privacy.js listens): `told` remembers it.
      const first = !data.told && hasContent(data);
      if (first) data.told = Date.now();
      try {
        window.localStorage.setItem(config.key, JSON.stringify(data));
      } catch (e) {
        available = false;
        notify("storage_off");
        return data;
      }
      if (first) document.dispatchEvent(new CustomEvent("quizkit:first-save"));
      return data;
    }

    function hasContent(data) {
      return (isRecord(data.answers) && Object.keys(data.answers).length > 0) || isRecord(data.assessment);
    }

    /** Switch "keep nothing" on (false) or off (true). Either way the page starts from what the new mode holds. */
    function keep(value) {
      keeping = Boolean(value);
      memory = { v: SCHEMA, answers: {} };
      try {
        if (keeping) window.sessionStorage.removeItem(KEEP_NOTHING);
        else window.sessionStorage.setItem(KEEP_NOTHING, "1");
      } catch (e) {
        /* no sessionStorage: the choice lasts until the page is reloaded */
      }
      document.dispatchEvent(new CustomEvent("quizkit:keeping", { detail: { keeping } }));
    }

    /** Is anything of ours in localStorage? (Works whatever the switch says.) */
    function saved() {
      try {
        const ls = window.localStorage;
        for (let i = 0; i < ls.length; i += 1) {
          const k = ls.key(i);
          if (k === config.key || k.startsWith(`${config.key}:`)) return true;
        }
      } catch (e) {
        /* blocked storage holds nothing */
      }
      return false;
    }

    /** Delete the theme's preferences under this site's path (`themeScope`) and, unless `ours` is false,
        our key and its set-aside copies. */
    function wipe(themeScope, ours = true) {
      try {
        const ls = window.localStorage;
        const doomed = [];
        for (let i = 0; i < ls.length; i += 1) {
          const k = ls.key(i);
          const mine = ours && (k === config.key || k.startsWith(`${config.key}:`));
          if (mine || (themeScope && k.startsWith(themeScope))) doomed.push(k);
        }
        doomed.forEach((k) => ls.removeItem(k));
      } catch (e) {
        /* blocked storage holds nothing */
      }
      if (ours) memory = { v: SCHEMA, answers: {} };
    }

    function answer(id) {
      const entry = read().answers[id];
      return isRecord(entry) && "v" in entry ? entry : null;
    }

    return {
      read,
      write,
      answer,
      saveAnswer: (id, entry) => write((d) => { d.answers[id] = Object.assign({ t: Date.now() }, entry); }),
      forget: (id) => write((d) => { delete d.answers[id]; }),
      /** An answer saved under a question's earlier fingerprint `was` (same right answer) now carries `now`. */
      adopt(id, was, now) {
        const entry = answer(id);
        if (entry && was && entry.h === was && was !== now) write((d) => { d.answers[id].h = now; });
      },
      onNotice: (fn) => listeners.push(fn),
      keep,
      saved,
      wipe,
      get keeping() { return keeping; },
      get available() { return available; },
      isRecord,
    };
  })();

  /* ------------------------------------------------------------ questions */
  const choiceInputs = (q) => Array.from(q.querySelectorAll("input[type=radio], input[type=checkbox]"));

  const types = {
    single: {
      get: (q) => { const c = choiceInputs(q).find((i) => i.checked); return c ? Number(c.value) : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = Number(i.value) === v; }),
      grade: (q, v) => (choiceInputs(q)[v] && choiceInputs(q)[v].hasAttribute("data-qz-correct") ? 1 : 0),
      chosen: (v) => [String(v)],
    },
    multiple: {
      get: (q) => { const v = choiceInputs(q).filter((i) => i.checked).map((i) => Number(i.value)); return v.length ? v : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = v.includes(Number(i.value)); }),
      grade: (q, v) => {
        const inputs = choiceInputs(q);
        const right = inputs.filter((i) => i.hasAttribute("data-qz-correct")).map((i) => Number(i.value));
        const hits = v.filter((x) => right.includes(x)).length;
        if (hits === right.length && v.length === right.length) return 1;
        return hits > 0 ? 0.5 : 0;
      },
      chosen: (v) => v.map(String),
    },
    truefalse: {
      get: (q) => { const c = choiceInputs(q).find((i) => i.checked); return c ? c.value === "true" : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = (i.value === "true") === v; }),
      grade: (q, v) => (choiceInputs(q).find((i) => (i.value === "true") === v).hasAttribute("data-qz-correct") ? 1 : 0),
      chosen: (v) => [String(v)],
    },
    ordering: {
      items: (q) => Array.from(q.querySelectorAll("[data-qz-item]")),
      get: (q) => types.ordering.items(q).map((li) => Number(li.dataset.qzItem)),
      set: (q, v) => {
        const list = q.querySelector("[data-qz-order]");
        const byIndex = new Map(types.ordering.items(q).map((li) => [Number(li.dataset.qzItem), li]));
        if (v.length !== byIndex.size || !v.every((x) => byIndex.has(x))) return;
        v.forEach((x) => list.appendChild(byIndex.get(x)));
      },
      grade: (q, v) => (v.every((x, i) => x === i) ? 1 : 0),
      chosen: () => [],
    },
    matching: {
      selects: (q) => Array.from(q.querySelectorAll("select[data-qz-pair]")),
      get: (q) => {
        const v = types.matching.selects(q).map((s) => (s.value === "" ? null : Number(s.value)));
        return v.includes(null) ? null : v;
      },
      set: (q, v) => types.matching.selects(q).forEach((s, i) => { s.value = v[i] === undefined || v[i] === null ? "" : String(v[i]); }),
      grade: (q, v) => (v.every((x, i) => x === i) ? 1 : 0),
      chosen: () => [],
    },
  };

  function validValue(type, value) {
    if (value === null || value === undefined) return false;
    if (type === "single") return Number.isInteger(value);
    if (type === "truefalse") return typeof value === "boolean";
    if (type === "likert") return Number.isInteger(value);
    if (type === "reflection") return typeof value === "string";
    return Array.isArray(value) && value.every(Number.isInteger);
  }

  function feedbackFor(q, value, score) {
    const box = q.querySelector("[data-qz-feedback]");
    const key = q.querySelector("[data-qz-key]");
    box.textContent = "";
    const verdict = document.createElement("p");
    verdict.className = "qz-verdict " + (score === 1 ? "qz-verdict--right" : score > 0 ? "qz-verdict--partly" : "qz-verdict--wrong");
    const strong = document.createElement("strong");
    strong.textContent = score === 1 ? t("correct") : score > 0 ? t("partly") : t("incorrect");
    verdict.appendChild(strong);
    box.appendChild(verdict);
    const type = q.dataset.qzType;
    for (const option of types[type].chosen(value)) {
      const source = key.querySelector(`[data-qz-option="${option}"] [data-qz-option-feedback]`);
      if (source) box.appendChild(cloneContent(source, "qz-option-feedback"));
    }
    const explanation = key.querySelector("[data-qz-explanation]");
    if (explanation) box.appendChild(cloneContent(explanation, "qz-explanation"));
    const review = key.querySelector("[data-qz-review]");
    if (review && score < 1) {
      const p = document.createElement("p");
      p.className = "qz-review";
      p.appendChild(review.cloneNode(true));
      box.appendChild(p);
    }
  }

  function cloneContent(source, className) {
    const div = document.createElement("div");
    div.className = className;
    source.childNodes.forEach((n) => div.appendChild(n.cloneNode(true)));
    return div;
  }

  function markChoices(q, value, checked) {
    const chosen = checked ? types[q.dataset.qzType].chosen(value) : [];
    choiceInputs(q).forEach((input) => {
      const label = input.closest(".qz-option");
      label.classList.toggle("qz-option--right", checked && input.hasAttribute("data-qz-correct"));
      label.classList.toggle("qz-option--wrong", checked && chosen.includes(input.value) && !input.hasAttribute("data-qz-correct"));
    });
    if (q.dataset.qzType === "matching") {
      types.matching.selects(q).forEach((s, i) => {
        s.classList.toggle("qz-select--right", checked && Number(s.value) === i);
        s.classList.toggle("qz-select--wrong", checked && s.value !== "" && Number(s.value) !== i);
      });
    }
  }

  function showChecked(q, value, focus) {
    const type = q.dataset.qzType;
    const score = types[type].grade(q, value);
    q.dataset.qzScore = String(score);
    q.querySelector("fieldset").disabled = true;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = true; });
    markChoices(q, value, true);
    feedbackFor(q, value, score);
    const key = q.querySelector("[data-qz-key]");
    key.hidden = false;
    key.open = false;
    q.querySelector("button[type=submit]").hidden = true;
    const retry = q.querySelector("[data-qz-retry]");
    retry.hidden = false;
    if (focus) retry.focus();
    return score;
  }

  function reset(q) {
    delete q.dataset.qzScore;
    const type = q.dataset.qzType;
    q.querySelector("fieldset").disabled = false;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = false; });
    if (type === "matching") types.matching.selects(q).forEach((s) => { s.value = ""; });
    else if (type !== "ordering") choiceInputs(q).forEach((i) => { i.checked = false; });
    markChoices(q, null, false);
    q.querySelector("[data-qz-feedback]").textContent = "";
    q.querySelector("[data-qz-key]").hidden = true;
    q.querySelector("button[type=submit]").hidden = false;
    q.querySelector("[data-qz-retry]").hidden = true;
  }

  function enhanceGraded(q, onChange) {
    const type = q.dataset.qzType;
    const form = q.querySelector("[data-qz-form]");
    q.querySelector("[data-qz-actions]").hidden = false;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = false; });
    q.querySelector("[data-qz-key]").hidden = true;

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = types[type].get(q);
      if (value === null) {
        q.querySelector("[data-qz-feedback]").textContent = type === "matching" ? t("match_first") : t("pick_first");
        return;
      }
      const score = showChecked(q, value, true);
      store.saveAnswer(q.dataset.qzId, { v: value, ok: score === 1, s: score, h: q.dataset.qzHash });
      onChange();
    });

    q.querySelector("[data-qz-retry]").addEventListener("click", () => {
      reset(q);
      store.forget(q.dataset.qzId);
      onChange();
      const first = q.querySelector("input, select, [data-qz-move]");
      if (first) first.focus();
    });

    if (type === "ordering") {
      q.querySelector("[data-qz-order]").addEventListener("click", (event) => {
        const button = event.target.closest("[data-qz-move]");
        if (!button) return;
        const li = button.closest("[data-qz-item]");
        const step = Number(button.dataset.qzMove);
        const sibling = step < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (sibling) li.parentNode.insertBefore(li, step < 0 ? sibling : sibling.nextElementSibling);
        button.focus();
        const all = types.ordering.items(q);
        q.querySelector("[data-qz-feedback]").textContent = t("moved", {
          item: li.querySelector(".qz-order-text").textContent.trim(),
          pos: all.indexOf(li) + 1,
          total: all.length,
        });
      });
    }

    const saved = store.answer(q.dataset.qzId);
    if (saved && saved.h === q.dataset.qzHash && validValue(type, saved.v)) {
      types[type].set(q, saved.v);
      if (types[type].get(q) !== null) showChecked(q, types[type].get(q), false);
    }
  }

  function enhanceUngraded(q) {
    const id = q.dataset.qzId;
    const status = q.querySelector("[data-qz-feedback]");
    const saved = store.answer(id);
    const fresh = saved && saved.h === q.dataset.qzHash && validValue(q.dataset.qzType, saved.v);
    const say = () => { if (!status.textContent) status.textContent = t("saved"); };
    if (q.dataset.qzType === "likert") {
      const inputs = choiceInputs(q);
      if (fresh) inputs.forEach((i) => { i.checked = Number(i.value) === saved.v; });
      inputs.forEach((i) => i.addEventListener("change", () => {
        store.saveAnswer(id, { v: Number(i.value), ok: null, h: q.dataset.qzHash });
        say();
      }));
    } else {
      const box = q.querySelector("[data-qz-text]");
      if (fresh) box.value = saved.v;
      let timer = null;
      box.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (box.value.trim()) store.saveAnswer(id, { v: box.value, ok: null, h: q.dataset.qzHash });
          else store.forget(id);
          say();
        }, 400);
      });
    }
  }

  /* -------------------------------------------------------------- summary */
  function summarise(widget) {
    const out = widget.querySelector("[data-qz-summary]");
    const graded = Array.from(widget.querySelectorAll(".qz-question[data-qz-hash]")).filter((q) => q.dataset.qzType in types);
    const checked = graded.filter((q) => q.dataset.qzScore !== undefined);
    const correct = checked.filter((q) => q.dataset.qzScore === "1").length;
    out.textContent = "";
    if (!checked.length) return;
    const line = document.createElement("p");
    out.appendChild(line);
    if (widget.dataset.qzKind !== "chapter-quiz") {
      line.textContent = t("score", { correct, total: graded.length });
      return;
    }
    const percent = Math.round((100 * correct) / graded.length);
    const pass = Math.round(100 * Number(widget.dataset.qzPass || 0.7));
    if (checked.length < graded.length) {
      line.textContent = `${t("quiz_score", { correct, total: graded.length, percent })} ${t("finish_first", { left: graded.length - checked.length })}`;
      return;
    }
    line.textContent = `${t("quiz_score", { correct, total: graded.length, percent })} ${percent >= pass ? t("passed", { pass }) : t("not_passed", { pass })}`;
    const missed = checked.filter((q) => q.dataset.qzScore !== "1");
    if (missed.length) {
      const heading = document.createElement("p");
      heading.textContent = t("to_review");
      const list = document.createElement("ul");
      missed.forEach((q) => {
        const link = q.querySelector("[data-qz-review]");
        const li = document.createElement("li");
        const prompt = q.querySelector(".qz-prompt").textContent.trim();
        if (link) {
          const a = link.cloneNode(false);
          a.textContent = prompt;
          li.appendChild(a);
        } else li.textContent = prompt;
        list.appendChild(li);
      });
      out.append(heading, list);
    }
    const restart = document.createElement("button");
    restart.type = "button";
    restart.className = "md-button";
    restart.textContent = t("restart_quiz");
    restart.addEventListener("click", () => {
      graded.forEach((q) => { reset(q); store.forget(q.dataset.qzId); });
      summarise(widget);
      const first = widget.querySelector("input, select, [data-qz-move]");
      if (first) first.focus();
    });
    out.appendChild(restart);
  }

  /* ----------------------------------------------------------------- init */
  function showNotice(kind) {
    const widget = document.querySelector(".qz");
    if (!widget) return;
    let note = widget.querySelector(".qz-storage-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "qz-note qz-storage-note";
      note.setAttribute("role", "status");
      widget.insertBefore(note, widget.firstChild);
    }
    note.textContent = t(kind);
  }
  store.onNotice(showNotice);

  function enhance(widget) {
    if (widget.dataset.qzReady) return;
    widget.dataset.qzReady = "1";
    widget.classList.add("qz--js");
    widget.querySelectorAll("[data-qz-was]").forEach((q) => store.adopt(q.dataset.qzId, q.dataset.qzWas, q.dataset.qzHash));
    const update = () => summarise(widget);
    widget.querySelectorAll(".qz-question[data-qz-hash]").forEach((q) => {
      if (q.dataset.qzType in types) enhanceGraded(q, update);
      else enhanceUngraded(q);
    });
    update();
  }

  function init() {
    document.querySelectorAll(".qz").forEach(enhance);
  }

  /* Small helpers the course tools (assessment.js, progress.js, cycle.js) share. */
  const util = {
    fmt: (text, vars) => String(text || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m)),
    isRecord: store.isRecord,
    /** The JSON a tool ships in its root's data-aa-data attribute (attributes survive instant navigation), or null. */
    readData(root) {
      try {
        return JSON.parse(root.dataset.aaData || "null");
      } catch (e) {
        return null;
      }
    },
    /** Enhance a tool once: its data when `root` is new and the data passes `accept`, else null.
        Marks the root done and adds `jsClass`, which switches its CSS from the no-JS layout. */
    claim(root, jsClass, accept = () => true) {
      if (root.dataset.aaReady) return null;
      const data = util.readData(root);
      if (!data || !accept(data)) return null;
      root.dataset.aaReady = "1";
      root.classList.add(jsClass);
      return data;
    },
    dateText(time) {
      try {
        return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(time));
      } catch (e) {
        return new Date(time).toLocaleString();
      }
    },
  };

  window.courseQuiz = { store, t, init, util, key: config.key };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
