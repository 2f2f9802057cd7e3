/* Quiz widget: enhances the server-rendered questions (see overrides/partials/quiz/).
 *
 * Without this file every question still reads, with its answer behind a
 * <details>. With it: check answers, feedback in aria-live regions, a score,
 * answers remembered in localStorage under one versioned key. A first wrong
 * answer gets its feedback and a second try; the key shows after a second
 * wrong answer or on request. The first check is what counts (see rules): a
 * saved answer's "s" is that first-try score and no later round changes it
 * ("r" is the latest round's, "o" marks a question reopened for a retry,
 * "p" one practised right on the practice page).
 * Initialised on every page shown (page.js: onPage) so instant navigation works, and
 * idempotent: a widget is enhanced once, however often init runs.
 */
(() => {
  "use strict";

  const SCHEMA = 1;
  const config = readConfig();
  const t = (key, vars = {}) =>
    (config.strings[key] || key).replace(/\{(\w+)\}/g, (m, name) => (name in vars ? vars[name] : m));

  /* Plural forms live in the strings files as "<key>_one", "<key>_other" (CLDR categories, so a
     language can add "_few" or "_many"); pluralKey picks the form for n in the page's language. */
  const pluralRules = (() => {
    try {
      return new Intl.PluralRules(document.documentElement.lang || "en");
    } catch (e) {
      return { select: (n) => (n === 1 ? "one" : "other") };
    }
  })();
  const pluralKey = (table, key, n) => {
    const form = `${key}_${pluralRules.select(n)}`;
    return form in table ? form : `${key}_other`;
  };

  /* The plugin writes the settings into this script's own tag (data-quizkit-config): the tag sits
     outside the content, so instant navigation never rebuilds it, and no inline script is needed. */
  function readConfig() {
    const el = document.currentScript || document.querySelector("script[data-quizkit-config]");
    try {
      const data = JSON.parse((el && el.dataset.quizkitConfig) || "{}");
      return { key: data.key || "aa-course", was: data.was || null, strings: data.strings || {} };
    } catch (e) {
      return { key: "aa-course", was: null, strings: {} };
    }
  }

  /* ---------------------------------------------------------------- store
   * One key, value {"v": 1, "answers": {id: entry}, ...}. Every write reads
   * the stored value afresh and changes only what it was asked to, so other
   * tabs' progress and anything we do not understand are kept. A value that
   * cannot be parsed is set aside under "<key>:corrupt:<time>" (the newest KEEP_CORRUPT), never dropped.
   * The key names the site's own path ("aa-course:/anxious-avoidant-course/"): sites that share the
   * origin (a user's GitHub Pages sites) keep apart. What the course saved under the old key
   * (`config.was`, "aa-course") moves to it once.
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
    const KEEP_CORRUPT = 3;
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
      if (raw === null && config.was && config.was !== config.key) raw = carryOver(ls);
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

    /* The old key's value, moved under this key; then the old key is removed: other sites on the origin
       could read it, and a later "delete everything" would otherwise bring it back. */
    function carryOver(ls) {
      try {
        const old = ls.getItem(config.was);
        if (old === null) return null;
        ls.setItem(config.key, old);
        ls.removeItem(config.was);
        return old;
      } catch (e) {
        return null; // could not move it: it stays where it is, for a later visit
      }
    }

    function setAside(ls, raw) {
      try {
        ls.setItem(`${config.key}:corrupt:${Date.now()}`, raw);
        ls.removeItem(config.key);
        const prefix = `${config.key}:corrupt:`;
        const copies = [];
        for (let i = 0; i < ls.length; i += 1) if (ls.key(i).startsWith(prefix)) copies.push(ls.key(i));
        copies.sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)));
        copies.slice(KEEP_CORRUPT).forEach((k) => ls.removeItem(k)); // the newest few are enough to recover from
      } catch (e) {
        readOnly = true; // could not keep a copy: leave the original where it is
      }
      notify("storage_corrupt");
    }

    /** One of our keys: this course's, its set-aside copies, or what the old key still holds. */
    function ours(k) {
      return k === config.key || k.startsWith(`${config.key}:`) || (config.was && (k === config.was || k.startsWith(`${config.was}:corrupt:`)));
    }

    /** Every change to what is saved is told (page.js: onStored), so each view redraws at once. */
    const changed = () => document.dispatchEvent(new CustomEvent("quizkit:stored"));

    function write(change) {
      const data = save(change);
      changed();
      return data;
    }

    function save(change) {
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

    /** What this browser saved, whatever the switch says (with "keep nothing" on, read() gives the tab's memory);
        null if nothing readable is saved. Reads only: nothing is moved or set aside. */
    function readSaved() {
      try {
        const raw = storage() ? storage().getItem(config.key) : null;
        const data = raw === null ? null : JSON.parse(raw);
        return isRecord(data) && isRecord(data.answers) ? data : null;
      } catch (e) {
        return null;
      }
    }

    /** Is anything of ours in localStorage? (Works whatever the switch says.) */
    function saved() {
      try {
        const ls = window.localStorage;
        for (let i = 0; i < ls.length; i += 1) {
          const k = ls.key(i);
          if (ours(k)) return true;
        }
      } catch (e) {
        /* blocked storage holds nothing */
      }
      return false;
    }

    /** Delete the theme's preferences under this site's path (light or dark, …: they show the site was used)
        and, unless `mine` is false, our key and its set-aside copies. */
    function wipe({ mine = true } = {}) {
      const themeScope = window.__md_scope ? `${window.__md_scope.pathname}.` : "";
      try {
        const ls = window.localStorage;
        const doomed = [];
        for (let i = 0; i < ls.length; i += 1) {
          const k = ls.key(i);
          if ((mine && ours(k)) || (themeScope && k.startsWith(themeScope))) doomed.push(k);
        }
        doomed.forEach((k) => ls.removeItem(k));
      } catch (e) {
        /* blocked storage holds nothing */
      }
      if (mine) memory = { v: SCHEMA, answers: {} };
      changed();
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
      readSaved,
      wipe,
      get keeping() { return keeping; },
      get available() { return available; },
      isRecord,
    };
  })();

  /* ---------------------------------------------------------------- rules
   * The course's one scoring rule, stated in quizkit/scoring.py; this is its
   * browser copy, checked against the Python one on generated cases
   * (tests/test_scoring.py). A response names options by their AUTHORED index
   * (the input's value), never by where the option is shown.
   */
  const rules = {
    /** spec: {type, n, correct: [authored indices] (single/multiple), answer: bool (truefalse)}. */
    questionScore(spec, value) {
      if (spec.type === "single") return spec.correct.includes(value) ? 1 : 0;
      if (spec.type === "truefalse") return value === spec.answer ? 1 : 0;
      if (spec.type === "multiple") {
        const right = spec.correct.length;
        const wrong = spec.n - right;
        const picked = Array.from(new Set(value));
        const hits = picked.filter((x) => spec.correct.includes(x)).length;
        const misses = picked.length - hits;
        return Math.max(0, hits / right - (wrong ? misses / wrong : 0));
      }
      if (spec.type === "ordering" || spec.type === "matching") {
        let inPlace = 0;
        for (let i = 0; i < spec.n; i += 1) if (value[i] === i) inPlace += 1;
        return spec.n ? inPlace / spec.n : 0;
      }
      return 0;
    },
    /** Half up, like scoring.whole_percent. */
    wholePercent: (share) => Math.floor(100 * share + 0.5),
    /** scores: each question's first-attempt score, or null when not answered yet. */
    quizResult(scores, passMark) {
      const total = scores.length;
      let points = 0;
      let answered = 0;
      scores.forEach((s) => { if (s !== null && s !== undefined) { points += s; answered += 1; } });
      const percent = total ? rules.wholePercent(points / total) : 0;
      const passPercent = rules.wholePercent(passMark);
      return { points, answered, total, percent, passPercent, passed: total > 0 && answered === total && percent >= passPercent };
    },
  };

  /* ------------------------------------------------------------ questions */
  const choiceInputs = (q) => Array.from(q.querySelectorAll("input[type=radio], input[type=checkbox]"));
  const orderItems = (q) => Array.from(q.querySelectorAll("[data-qz-item]"));
  const matchSelects = (q) => Array.from(q.querySelectorAll("select[data-qz-pair]"));

  /** What makes an answer right, read from the page (the same shape rules.questionScore takes). */
  function specOf(q) {
    const type = q.dataset.qzType;
    if (type === "single" || type === "multiple") {
      const inputs = choiceInputs(q);
      return { type, n: inputs.length, correct: inputs.filter((i) => i.hasAttribute("data-qz-correct")).map((i) => Number(i.value)) };
    }
    if (type === "truefalse") {
      const right = choiceInputs(q).find((i) => i.hasAttribute("data-qz-correct"));
      return { type, n: 2, answer: right ? right.value === "true" : null };
    }
    return { type, n: type === "ordering" ? orderItems(q).length : matchSelects(q).length };
  }

  const types = {
    single: {
      get: (q) => { const c = choiceInputs(q).find((i) => i.checked); return c ? Number(c.value) : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = Number(i.value) === v; }),
      chosen: (v) => [String(v)],
    },
    multiple: {
      get: (q) => { const v = choiceInputs(q).filter((i) => i.checked).map((i) => Number(i.value)); return v.length ? v : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = v.includes(Number(i.value)); }),
      chosen: (v) => v.map(String),
    },
    truefalse: {
      get: (q) => { const c = choiceInputs(q).find((i) => i.checked); return c ? c.value === "true" : null; },
      set: (q, v) => choiceInputs(q).forEach((i) => { i.checked = (i.value === "true") === v; }),
      chosen: (v) => [String(v)],
    },
    ordering: {
      get: (q) => orderItems(q).map((li) => Number(li.dataset.qzItem)),
      set: (q, v) => {
        const list = q.querySelector("[data-qz-order]");
        const byIndex = new Map(orderItems(q).map((li) => [Number(li.dataset.qzItem), li]));
        if (v.length !== byIndex.size || !v.every((x) => byIndex.has(x))) return;
        v.forEach((x) => list.appendChild(byIndex.get(x)));
      },
      chosen: () => [],
    },
    matching: {
      get: (q) => {
        const v = matchSelects(q).map((s) => (s.value === "" ? null : Number(s.value)));
        return v.includes(null) ? null : v;
      },
      set: (q, v) => matchSelects(q).forEach((s, i) => { s.value = v[i] === undefined || v[i] === null ? "" : String(v[i]); }),
      chosen: () => [],
    },
  };
  const grade = (q, value) => rules.questionScore(specOf(q), value);

  function validValue(type, value) {
    if (value === null || value === undefined) return false;
    if (type === "single") return Number.isInteger(value);
    if (type === "truefalse") return typeof value === "boolean";
    if (type === "likert") return Number.isInteger(value);
    if (type === "reflection") return typeof value === "string";
    return Array.isArray(value) && value.every(Number.isInteger);
  }

  function cloneContent(source, className) {
    const div = document.createElement("div");
    div.className = className;
    source.childNodes.forEach((n) => div.appendChild(n.cloneNode(true)));
    return div;
  }

  /* A question is in one of three states once checked:
   *   "retry"  the first check was not fully right: say so, show the chosen option's
   *            feedback (or the nudge), mark ordering/matching items; the key stays hidden;
   *   "done"   right, or the key was revealed (a second wrong check, or "Show the answer").
   * The score is always the FIRST check's (see rules); later checks are for learning. */
  function verdict(box, score, second) {
    const p = document.createElement("p");
    p.className = "qz-verdict " + (score === 1 ? "qz-verdict--right" : score > 0 ? "qz-verdict--partly" : "qz-verdict--wrong");
    const strong = document.createElement("strong");
    strong.textContent = score === 1 ? t("correct") : score > 0 ? t("partly") : t("incorrect");
    p.appendChild(strong);
    const rest = score === 1 ? "" : second ? t("answer_shown") : t("not_yet");
    if (rest) p.append(" ", rest);
    box.appendChild(p);
  }

  function chosenFeedback(q, value, wrongOnly) {
    const key = q.querySelector("[data-qz-key]");
    if (q.dataset.qzType === "matching") return pairFeedback(key, value);
    const spec = specOf(q);
    const out = [];
    for (const option of types[q.dataset.qzType].chosen(value)) {
      if (wrongOnly && spec.correct && spec.correct.includes(Number(option))) continue;
      const source = key.querySelector(`[data-qz-option="${option}"] [data-qz-option-feedback]`);
      if (source) out.push(cloneContent(source, "qz-option-feedback"));
    }
    return out;
  }

  /** Matching: the feedback of each left item matched to the wrong answer, top to bottom. */
  function pairFeedback(key, value) {
    const out = [];
    (value || []).forEach((chosen, i) => {
      if (chosen === i) return;
      const source = key.querySelector(`[data-qz-pair-key="${i}"] [data-qz-pair-feedback]`);
      if (source) out.push(cloneContent(source, "qz-option-feedback"));
    });
    return out;
  }

  function reviewLink(q, box) {
    const review = q.querySelector("[data-qz-key] [data-qz-review]");
    if (!review) return;
    const p = document.createElement("p");
    p.className = "qz-review";
    p.appendChild(review.cloneNode(true));
    box.appendChild(p);
  }

  function markItems(q, value, on) {
    const type = q.dataset.qzType;
    const mark = (el, right) => {
      const label = el.querySelector("[data-qz-mark]") || el.parentNode.querySelector("[data-qz-mark]");
      if (label) label.textContent = on ? ` ${t(right ? words[0] : words[1])}` : "";
    };
    const words = type === "matching" ? ["match_right", "match_wrong"] : ["mark_right", "mark_wrong"];
    if (type === "ordering") {
      orderItems(q).forEach((li, i) => {
        const right = on && Number(li.dataset.qzItem) === i;
        li.classList.toggle("qz-order-item--right", right);
        li.classList.toggle("qz-order-item--wrong", on && !right);
        mark(li, right);
      });
    }
    if (type === "matching") {
      matchSelects(q).forEach((s, i) => {
        const right = on && Number(s.value) === i;
        s.classList.toggle("qz-select--right", right);
        s.classList.toggle("qz-select--wrong", on && !right);
        mark(s.closest("li"), right);
      });
    }
  }

  function markChoices(q, value, state) {
    const chosen = state ? types[q.dataset.qzType].chosen(value) : [];
    const revealed = state === "done";
    choiceInputs(q).forEach((input) => {
      const label = input.closest(".qz-option");
      const right = input.hasAttribute("data-qz-correct");
      // Before the key is revealed only a single answer's wrong pick is marked: it gives nothing else away.
      const showWrong = revealed || (q.dataset.qzType !== "multiple" && state === "retry");
      label.classList.toggle("qz-option--right", revealed && right);
      label.classList.toggle("qz-option--wrong", showWrong && chosen.includes(input.value) && !right);
    });
    markItems(q, value, Boolean(state));
  }

  function show(q, value, state, score, focus) {
    const box = q.querySelector("[data-qz-feedback]");
    const key = q.querySelector("[data-qz-key]");
    const next = q.querySelector("[data-qz-next]");
    q.dataset.qzState = state;
    q.querySelector("fieldset").disabled = true;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = true; });
    markChoices(q, value, state);
    box.textContent = "";
    const right = grade(q, value) === 1;
    verdict(box, right ? 1 : score, state === "done" && !right);
    if (state === "retry") {
      const type = q.dataset.qzType;
      const own = chosenFeedback(q, value, type === "multiple");
      const nudge = key.querySelector("[data-qz-nudge]");
      if (own.length) own.forEach((el) => box.appendChild(el));
      else if (nudge) box.appendChild(cloneContent(nudge, "qz-nudge"));
      reviewLink(q, box);
      key.hidden = true;
      next.hidden = false;
    } else {
      chosenFeedback(q, value, false).forEach((el) => box.appendChild(el));
      const explanation = key.querySelector("[data-qz-explanation]");
      if (explanation) box.appendChild(cloneContent(explanation, "qz-explanation"));
      if (!right) reviewLink(q, box);
      key.hidden = right; // right: the explanation is above, so "Show the answer" has nothing to add
      key.open = false;
      next.hidden = true;
    }
    // "Check" stays where it was, disabled: a second click of a double click lands on nothing.
    q.querySelector("[data-qz-check]").disabled = true;
    if (focus) box.focus();
  }

  function reset(q) {
    delete q.dataset.qzScore;
    delete q.dataset.qzState;
    const type = q.dataset.qzType;
    q.querySelector("fieldset").disabled = false;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = false; });
    if (type === "matching") matchSelects(q).forEach((s) => { s.value = ""; });
    else if (type !== "ordering") choiceInputs(q).forEach((i) => { i.checked = false; });
    markChoices(q, null, null);
    q.querySelector("[data-qz-feedback]").textContent = "";
    q.querySelector("[data-qz-key]").hidden = true;
    q.querySelector("[data-qz-next]").hidden = true;
    q.querySelector("[data-qz-check]").disabled = false;
  }

  /** Back to answering after a first wrong check: the answer stays, to be changed. Nothing is erased. */
  function reopen(q) {
    q.dataset.qzState = "again";
    q.querySelector("fieldset").disabled = false;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = false; });
    markChoices(q, null, null);
    q.querySelector("[data-qz-feedback]").textContent = "";
    q.querySelector("[data-qz-next]").hidden = true;
    q.querySelector("[data-qz-check]").disabled = false;
  }

  function enhanceGraded(q, onChange, fresh) {
    const type = q.dataset.qzType;
    const id = q.dataset.qzId;
    const form = q.querySelector("[data-qz-form]");
    q.querySelector("[data-qz-actions]").hidden = false;
    q.querySelectorAll("[data-qz-moves]").forEach((m) => { m.hidden = false; });
    const key = q.querySelector("[data-qz-key]");
    key.hidden = true;
    // The key shows only once the answer is (the "Show the answer" button, or a second miss): its own
    // title then says what it adds, not "Show the answer" a second time.
    key.querySelector("summary").textContent = t("key_in_full");

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (q.querySelector("[data-qz-check]").disabled) return; // already checked: a double click
      const value = types[type].get(q);
      if (value === null) {
        q.querySelector("[data-qz-feedback]").textContent = type === "matching" ? t("match_first") : t("pick_first");
        return;
      }
      const score = grade(q, value);
      const second = q.dataset.qzState === "again";
      const first = second ? Number(q.dataset.qzScore) : score;
      const state = score === 1 || second ? "done" : "retry";
      q.dataset.qzScore = String(first);
      // The first try ever keeps counting: a retry, a restart or practice never replaces it.
      const saved = store.answer(id);
      const counted = firstTry(saved, q.dataset.qzHash);
      const s = counted === null ? first : counted;
      q.dataset.qzFirst = String(s);
      show(q, value, state, first, true);
      const entry = { v: value, s, r: first, ok: s === 1, h: q.dataset.qzHash, n: second ? 2 : 1, k: state === "done" };
      if (fresh && first === 1) entry.p = true;
      // Practice keeps when the question was answered in its lesson or quiz ("t"): where the reader picks
      // the course up (journey.js) and when a first miss is due (review.js) follow the course, not practice.
      if (fresh && saved && typeof saved.t === "number") entry.t = saved.t;
      store.saveAnswer(id, entry);
      onChange();
    });

    q.querySelector("[data-qz-retry]").addEventListener("click", () => {
      reopen(q);
      const first = q.querySelector("input:checked, input, select, [data-qz-move]");
      if (first) first.focus();
    });

    q.querySelector("[data-qz-reveal]").addEventListener("click", () => {
      const value = types[type].get(q);
      if (value === null) return;
      show(q, value, "done", Number(q.dataset.qzScore), true);
      const saved = store.answer(id);
      if (saved) store.saveAnswer(id, Object.assign({}, saved, { k: true }));
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
        const all = orderItems(q);
        q.querySelector("[data-qz-feedback]").textContent = t("moved", {
          item: li.querySelector(".qz-order-text").textContent.trim(),
          pos: all.indexOf(li) + 1,
          total: all.length,
        });
      });
    }

    const saved = fresh ? null : store.answer(id);
    if (saved && saved.h === q.dataset.qzHash && validValue(type, saved.v)) {
      if (saved.o) {  // reopened for a retry and not answered since: the first try still counts
        const kept = firstTry(saved, q.dataset.qzHash);
        if (kept !== null) q.dataset.qzFirst = String(kept);
        return;
      }
      types[type].set(q, saved.v);
      const value = types[type].get(q);
      if (value !== null) {
        const kept = firstTry(saved, q.dataset.qzHash);
        const round = typeof saved.r === "number" ? saved.r : kept === null ? grade(q, value) : kept;
        q.dataset.qzScore = String(round);
        q.dataset.qzFirst = String(kept === null ? round : kept);
        // Saved before attempts were tracked (no "k"): shown as finished, as it was then.
        show(q, value, saved.k === false ? "retry" : "done", round, false);
      }
    }
  }

  /** The counted (first-try) score of a saved answer to this version of a question, or null. */
  function firstTry(saved, hash) {
    if (!saved || saved.h !== hash) return null;
    if (typeof saved.s === "number" && saved.s >= 0 && saved.s <= 1) return saved.s;
    return typeof saved.ok === "boolean" ? (saved.ok ? 1 : 0) : null;
  }

  /** Open a question again for learning: its answer goes, its first-try score stays. */
  function reopenForRetry(q) {
    reset(q);
    const saved = store.answer(q.dataset.qzId);
    if (saved) store.saveAnswer(q.dataset.qzId, Object.assign({}, saved, { o: true }));
  }

  function enhanceUngraded(q) {
    const id = q.dataset.qzId;
    const status = q.querySelector("[data-qz-feedback]");
    const saved = store.answer(id);
    const fresh = saved && saved.h === q.dataset.qzHash && validValue(q.dataset.qzType, saved.v);
    if (q.dataset.qzType === "likert") {
      // Saved, or (with "keep nothing" on) kept on this page only: the words say which.
      const where = () => t(store.keeping && store.available ? "saved" : "saved_here");
      const inputs = choiceInputs(q);
      if (fresh) inputs.forEach((i) => { i.checked = Number(i.value) === saved.v; });
      inputs.forEach((i) => i.addEventListener("change", () => {
        store.saveAnswer(id, { v: Number(i.value), ok: null, h: q.dataset.qzHash });
        const choice = i.closest("label").textContent.trim();
        status.textContent = `${t("likert_chosen", { choice })} ${where()}`;
      }));
      return;
    }
    // A reflection may be about a partner, and anyone who uses this device could read what is saved: it is
    // saved only when the reader ticks the box under it (expert review 14, S1). Unticking deletes it.
    const box = q.querySelector("[data-qz-text]");
    const keep = document.createElement("input");
    keep.type = "checkbox";
    keep.id = `qz-${id}-keep`;
    keep.checked = Boolean(fresh);
    const label = document.createElement("label");
    label.className = "qz-keep";
    label.htmlFor = keep.id;
    label.append(keep, " ", t("reflection_keep"));
    status.before(label);
    if (fresh) box.value = saved.v;
    const where = () => {
      if (!(store.keeping && store.available)) return t("saved_here");
      return t(keep.checked ? "saved_reflection" : "reflection_unsaved");
    };
    const save = () => {
      if (keep.checked && box.value.trim()) store.saveAnswer(id, { v: box.value, ok: null, h: q.dataset.qzHash });
      else store.forget(id);
    };
    box.addEventListener("focus", () => { if (!status.textContent) status.textContent = where(); }, { once: true });
    keep.addEventListener("change", () => {
      const had = Boolean(store.answer(id));
      save();
      status.textContent = !keep.checked && had ? t("reflection_deleted") : where();
    });
    let timer = null;
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (keep.checked) save();
        status.textContent = where();
      }, 400);
    });
  }

  /* -------------------------------------------------------------- summary */
  const gradedIn = (root) => Array.from(root.querySelectorAll(".qz-question[data-qz-hash]")).filter((q) => q.dataset.qzType in types);
  const firstScore = (q) => (q.dataset.qzFirst === undefined ? null : Number(q.dataset.qzFirst));

  function button(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  /** A new round of `questions` (`retry`: only these, the ones missed; else the whole quiz again): its
      first question shown, in view and focused, so a screen reader starts at its prompt. */
  function focusFirst(questions, retry) {
    if (!questions.length) return;
    const first = questions[0];
    const widget = first.closest(".qz");
    if (widget && widget.qzOne) {
      widget.qzOne.round(retry ? questions : null, first); // one-question mode counts and steps through the round
      return;
    }
    first.tabIndex = -1;
    first.focus();
  }

  function summarise(widget) {
    const out = widget.querySelector("[data-qz-summary]");
    const graded = gradedIn(widget).filter((q) => !q.closest("[hidden]"));
    const checked = graded.filter((q) => firstScore(q) !== null);
    out.textContent = "";
    if (!checked.length) return;
    const line = document.createElement("p");
    out.appendChild(line);
    if (widget.dataset.qzKind !== "chapter-quiz") {
      line.textContent = t("score", { correct: checked.filter((q) => firstScore(q) === 1).length, total: graded.length });
      return;
    }
    if (graded.some((q) => q.dataset.qzScore === undefined && firstScore(q) !== null)) {
      const note = document.createElement("p");
      note.textContent = t("retry_note");
      out.appendChild(note);
    }
    const result = rules.quizResult(graded.map(firstScore), Number(widget.dataset.qzPass || 0.7));
    if (result.answered < result.total) {  // the score waits for the end
      line.textContent = t("quiz_progress", { answered: result.answered, total: result.total });
      return;
    }
    const pass = result.passPercent;
    const right = graded.filter((q) => firstScore(q) === 1).length;
    const partly = graded.filter((q) => firstScore(q) > 0 && firstScore(q) < 1).length;
    const words = { right, partly, total: result.total, percent: result.percent };
    line.textContent = `${t(partly ? "quiz_score_partly" : "quiz_score", words)} `
      + `${result.passed ? t("passed", { pass }) : t("not_passed", { pass })} ${t("first_counts")}`;
    const missed = checked.filter((q) => firstScore(q) < 1);
    if (missed.length) {
      const heading = document.createElement("p");
      heading.textContent = t("to_review");
      const list = document.createElement("ul");
      // Each missed question: its number in bold, its prompt as plain text, then one short link to its lesson.
      missed.forEach((q) => {
        const link = q.querySelector("[data-qz-review]");
        const li = document.createElement("li");
        const number = q.querySelector(".qz-prompt .qz-number");
        const label = document.createElement("strong");
        label.textContent = number ? number.textContent.trim() : "";
        const prompt = q.querySelector(".qz-prompt").textContent.trim().slice(label.textContent.length).trim();
        li.append(label, ` ${prompt}`);
        if (link) li.append(" ", link.cloneNode(true));
        list.appendChild(li);
      });
      list.className = "qz-review-list";
      out.append(heading, list);
    }
    const actions = document.createElement("div");
    actions.className = "qz-summary-actions";
    out.appendChild(actions);
    if (missed.length) {
      actions.appendChild(button(t("retry_missed"), () => {
        missed.forEach(reopenForRetry);
        summarise(widget);
        focusFirst(missed, true);
      }));
    }
    const restart = button(t("restart_quiz"), () => {
      // A new attempt clears this quiz's saved result, so it asks first, in place (reader walk:
      // one stray tap on a phone erased a pass). "Keep my result" puts the buttons back.
      const ask = document.createElement("p");
      ask.className = "qz-restart-ask";
      ask.textContent = t("restart_ask");
      const yes = button(t("restart_yes"), () => {
        // A new attempt at the whole quiz: every answer is given afresh, so its first tries count.
        graded.forEach((q) => { reset(q); delete q.dataset.qzFirst; store.forget(q.dataset.qzId); });
        summarise(widget);
        focusFirst(graded, false);
      });
      const keep = button(t("restart_keep"), () => {
        ask.remove();
        yes.remove();
        keep.remove();
        restart.hidden = false;
        restart.focus();
      });
      keep.classList.add("md-button--primary");
      restart.hidden = true;
      actions.append(ask, keep, yes);
      keep.focus();
    });
    actions.appendChild(restart);
  }

  /* ------------------------------------------------- one question at a time
   * On a phone (quiz.css shows it below 45em only) a chapter quiz, or a check of more than four
   * questions, shows one question (or scenario) at a time, with "Question n of N" (a polite live
   * region) and Previous / Next under it. "Show all questions" turns it off. Wider screens, print
   * and pages without JavaScript get every question, as the HTML has them; so does a keyboard or
   * screen-reader user who prefers the whole set. The hiding is one class, for the screen only.
   * "Retry the ones I missed" starts a round of the missed ones only: the counter counts them
   * ("Retry 1 of 4 (question 3)") and Previous / Next step through them.
   */
  const ONE_MIN = 5;

  function oneAtATime(widget) {
    const units = Array.from(widget.querySelectorAll(":scope > .qz-question, :scope > .qz-scenario"));
    if (widget.dataset.qzKind !== "chapter-quiz" && units.length < ONE_MIN) return;
    const make = (tag, className, text) => {
      const el = document.createElement(tag);
      el.className = className;
      if (text) el.textContent = text;
      return el;
    };
    const top = make("div", "qz-one-top");
    const counter = make("p", "qz-one-counter");
    counter.setAttribute("aria-live", "polite");
    const toggle = make("button", "qz-link-button qz-one-toggle");
    toggle.type = "button";
    top.append(counter, toggle);
    const nav = make("div", "qz-one-nav");
    const prev = button(t("qz_one_prev"), () => step(-1));
    const next = button(t("qz_one_next"), () => step(1));
    next.classList.add("md-button--primary");
    nav.append(prev, next);
    units[0].before(top);
    units[units.length - 1].after(nav);
    let current = 0;
    let retrying = null; // the units of a retry round, in order; null: the whole quiz

    /** Show unit `index`; `focusOn` (the unit or a question in it): moved there by the reader, so focus and scroll. */
    function go(index, focusOn) {
      current = Math.max(0, Math.min(units.length - 1, index));
      units.forEach((u, i) => u.classList.toggle("qz-unit--away", i !== current));
      const round = retrying || units;
      const at = round.indexOf(units[current]);
      // Numbered as the questions' own labels are: a scenario is one number ("Question 3a", "3b").
      counter.textContent = retrying && at >= 0
        ? t("qz_one_retry_counter", { n: at + 1, total: round.length, question: current + 1 })
        : t("qz_one_counter", { n: current + 1, total: units.length });
      prev.disabled = at <= 0;
      next.disabled = at === round.length - 1;
      if (!focusOn) return;
      focusOn.tabIndex = -1;
      focusOn.focus({ preventScroll: true });
      // The counter above the question when one question shows (on a phone); else the question itself.
      const counted = widget.classList.contains("qz--one") && top.getClientRects().length;
      (counted ? top : focusOn).scrollIntoView({ block: "start" });
    }

    function step(by) {
      const round = retrying || units;
      const at = round.indexOf(units[current]);
      const unit = at < 0 ? round[0] : round[at + by];
      if (unit) go(units.indexOf(unit), unit);
    }

    function single(on) {
      widget.classList.toggle("qz--one", on);
      toggle.textContent = t(on ? "qz_one_all" : "qz_one_single");
      toggle.setAttribute("aria-expanded", String(!on));
      if (!on) units.forEach((u) => u.classList.remove("qz-unit--away"));
      else go(current, null);
    }
    toggle.addEventListener("click", () => single(!widget.classList.contains("qz--one")));

    // Start where the reader left off: the first question not answered yet.
    const graded = (u) => (u.matches(".qz-question") ? [u] : gradedIn(u)).filter((q) => q.dataset.qzType in types);
    const open = units.findIndex((u) => graded(u).some((q) => !q.dataset.qzState));
    current = open < 0 ? 0 : open;
    single(true);
    const unitOf = (q) => units.findIndex((u) => u.contains(q));
    widget.qzOne = {
      /** A new round: `questions` to retry (null: the whole quiz), starting at `first`, focused. */
      round(questions, first) {
        retrying = questions ? units.filter((u) => questions.some((q) => u.contains(q))) : null;
        go(unitOf(first), first);
      },
    };
    // A link to a question further on (#qz-id) shows that question.
    const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const at = target ? unitOf(target) : -1;
    if (at >= 0) go(at, null);
  }

  /* ----------------------------------------------------------------- init */
  function showNotice(kind) {
    // Any page may be the one that finds a damaged value (the nav's journey marks read the store
    // everywhere): with no quiz on the page, the note goes at the top of the article instead.
    const widget = document.querySelector(".qz") || document.querySelector("article.md-content__inner, article, main");
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
    if (widget.dataset.qzReady || widget.dataset.qzKind === "practice") return; // practice.js has the practice page
    widget.dataset.qzReady = "1";
    widget.classList.add("qz--js");
    widget.querySelectorAll("[data-qz-was]").forEach((q) => store.adopt(q.dataset.qzId, q.dataset.qzWas, q.dataset.qzHash));
    const update = () => summarise(widget);
    widget.querySelectorAll(".qz-question[data-qz-hash]").forEach((q) => {
      if (q.dataset.qzType in types) enhanceGraded(q, update, false);
      else enhanceUngraded(q);
    });
    oneAtATime(widget);
    update();
  }

  function init() {
    document.querySelectorAll(".qz").forEach(enhance);
  }

  /* Small helpers the course tools (assessment.js, progress.js, cycle.js) share. */
  const util = {
    fmt: (text, vars) => String(text || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m)),
    /** `table`'s text for `key` in the plural form that suits the count `n`, filled with `vars`. */
    plural: (table, key, n, vars) => util.fmt(table[pluralKey(table, key, n)], vars),
    /** A score in the page's language with one decimal ("5.9", "5,9"): the one number format of the tools. */
    score(n) {
      try {
        return new Intl.NumberFormat(document.documentElement.lang || undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
      } catch (e) {
        return n.toFixed(1);
      }
    },
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

  /** Practice recalls the answer, not its place: the options come in a new order (values stay the
      authored indices, so scoring and saved answers do not change). */
  function shuffleOptions(q) {
    const list = q.querySelector(".qz-options");
    if (!list) return;
    const items = Array.from(list.children);
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    items.forEach((li) => list.appendChild(li));
  }

  /* What the practice page (practice.js) builds on: a question enhanced as here, fresh or as saved. */
  const questions = { enhanceGraded, gradedIn, validValue, shuffleOptions, plural: (key, n, vars) => t(pluralKey(config.strings, key, n), vars) };
  window.courseQuiz = { store, t, init, util, rules, specOf, questions, key: config.key };
  window.coursePage.onPage(init);
})();
