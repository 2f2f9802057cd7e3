/* The reader's journey: what depends on saved progress, on top of the static parts the plugin wrote.
 *
 * - done marks in the navigation and in the page's lists of lessons (with words for screen readers);
 * - the home page's Start button becomes "Continue: <next open step>" once progress exists;
 * - a chapter quiz shows its chapter-complete panel once passed (announced when it happens now);
 * - the course-complete page: finished or what is left, the reader's reflections, the latest
 *   self-assessment result.
 *
 * The path (steps in course order, the questions that make each one done) comes from
 * assets/quizkit/journey.json, written at build time (quizkit/journey.py) and fetched once, and
 * only when something depends on it: saved answers or a self-assessment result, or the
 * course-complete page. A first visit, with nothing saved, costs no request for it.
 * A step counts as done exactly as on the progress page (progress.js): every graded question
 * answered under its current fingerprint; a chapter quiz also needs its pass mark.
 * Reads only: this file never writes to storage. Blocked or broken storage means no marks.
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return; // quiz.js did not load: the static page stands
  const { store, util, rules } = window.courseQuiz;
  const fmt = util.fmt;
  const script = document.currentScript;
  // The site's root, from this script's own address (…/assets/quizkit/journey.js); instant navigation never changes it.
  const root = new URL("../../", script ? script.src : location.href);
  let journey = null;
  let loading = null;

  function load() {
    if (!loading) {
      loading = fetch(new URL("assets/quizkit/journey.json", root))
        .then((r) => (r.ok ? r.json() : null))
        .then((data) => { journey = data && data.v === 1 && Array.isArray(data.steps) ? data : null; return journey; })
        .catch(() => null);
    }
    return loading;
  }

  const t = (key, vars = {}) => fmt((journey.strings || {})[key] || key, vars);
  const pathOf = (href) => {
    try {
      const u = new URL(href, location.href);
      return u.origin === root.origin ? u.pathname.replace(/index\.html$/, "") : null;
    } catch (e) {
      return null;
    }
  };
  const urlOf = (sitePath) => new URL(sitePath, root);

  /* ---------------------------------------------------------------- state */
  function answers() {
    try {
      const data = store.read();
      return util.isRecord(data) && util.isRecord(data.answers) ? data.answers : {};
    } catch (e) {
      return {};
    }
  }

  function current(entry, q) {
    return util.isRecord(entry) && "v" in entry && (entry.h === q[1] || (q[2] && entry.h === q[2]));
  }

  /** { answered, total, done, last } for one step, as progress.js counts it (the one pass rule: rules.quizResult). */
  function stepState(step, saved) {
    let last = 0;
    const scores = step.q.map((q) => {
      const e = saved[q[0]];
      if (!current(e, q)) return null;
      if (typeof e.t === "number") last = Math.max(last, e.t);
      // The first attempt's score (quiz.js); entries saved before scores were kept have only "ok".
      return typeof e.s === "number" && e.s >= 0 && e.s <= 1 ? e.s : e.ok === true ? 1 : 0;
    });
    const r = rules.quizResult(scores, Number(step.p || 0.7));
    const complete = r.total > 0 && r.answered === r.total;
    const done = step.k === "chapter-quiz" ? r.passed : complete;
    return { answered: r.answered, total: r.total, done, last };
  }

  function states() {
    const saved = answers();
    const byUrl = new Map();
    journey.steps.forEach((s) => byUrl.set(s.u, stepState(s, saved)));
    return byUrl;
  }

  /** Done pages by site path: steps, and chapter pages whose every step is done. */
  function donePaths(st) {
    const done = new Set();
    journey.steps.forEach((s) => { if (st.get(s.u).done) done.add(urlOf(s.u).pathname); });
    journey.chapters.forEach((ch) => {
      if (ch.u && ch.s.length && ch.s.every((u) => st.get(u) && st.get(u).done)) done.add(urlOf(ch.u).pathname);
    });
    return done;
  }

  /* ---------------------------------------------------------- done marks */
  function mark(link, done) {
    const old = link.querySelector(":scope > .aa-done-mark");
    if (!done) {
      if (old) old.remove();
      link.classList.remove("aa-done");
      return;
    }
    link.classList.add("aa-done");
    if (old) return;
    const span = document.createElement("span");
    span.className = "aa-done-mark";
    const icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "✓";
    const words = document.createElement("span");
    words.className = "aa-sr";
    words.textContent = ` (${t("jr_done")})`;
    span.append(icon, words);
    link.appendChild(span);
  }

  function markLinks(st) {
    const done = donePaths(st);
    const links = document.querySelectorAll(
      ".md-sidebar--primary a.md-nav__link[href], .md-content article li > a[href], .md-content article td a[href]");
    links.forEach((a) => {
      if (a.closest(".qz, .aa-complete, .aa-finish-part")) return; // review links and recaps are not a list of lessons
      const href = a.getAttribute("href");
      if (!href || href.startsWith("#")) return mark(a, false);
      const path = pathOf(href);
      mark(a, path !== null && !new URL(href, location.href).hash && done.has(path));
    });
  }

  /* ------------------------------------------------------- Start/Continue */
  /** The step answered most recently if it is open, else the first open step after it (as progress.js). */
  function nextOpen(st) {
    const steps = journey.steps;
    let latest = -1;
    let when = 0;
    steps.forEach((s, i) => { const l = st.get(s.u).last; if (l > when) { when = l; latest = i; } });
    const open = (s) => !st.get(s.u).done;
    if (latest >= 0 && open(steps[latest])) return steps[latest];
    return steps.slice(latest + 1).concat(steps.slice(0, latest + 1)).find(open) || null;
  }

  function updateStart(st) {
    document.querySelectorAll("[data-aa-start-link]").forEach((a) => {
      if (!a.dataset.aaFirst) a.dataset.aaFirst = JSON.stringify([a.getAttribute("href"), a.textContent]);
      const started = journey.steps.some((s) => st.get(s.u).answered);
      if (!started) {
        const [href, text] = JSON.parse(a.dataset.aaFirst);
        a.setAttribute("href", href);
        a.textContent = text;
        return;
      }
      const next = nextOpen(st);
      if (next) {
        a.href = urlOf(next.u).href;
        a.textContent = t("jr_continue", { title: next.t });
      } else if (journey.finish) {
        a.href = urlOf(journey.finish).href;
        a.textContent = t("jr_see_finish");
      }
    });
  }

  /* ------------------------------------------------------ chapter complete */
  function thisStep() {
    const here = location.pathname.replace(/index\.html$/, "");
    return journey.steps.find((s) => urlOf(s.u).pathname === here) || null;
  }

  function updateChapterComplete(st, announce) {
    const slot = document.querySelector("[data-aa-chapter-complete]");
    const step = thisStep();
    if (!slot || !step) return;
    const panel = slot.querySelector("[data-aa-panel]");
    const done = st.get(step.u).done;
    const was = !panel.hidden;
    panel.hidden = !done;
    const say = slot.querySelector("[data-aa-announce]");
    if (done && !was && announce) say.textContent = say.dataset.aaSay;
    if (!done) say.textContent = "";
  }

  /* ------------------------------------------------------- course complete */
  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function para(text, className) {
    const p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function renderFinish(st) {
    const status = document.querySelector("[data-aa-finish-status]");
    if (status) {
      status.textContent = "";
      const open = journey.steps.filter((s) => !st.get(s.u).done);
      if (!open.length) {
        status.appendChild(para(t("jr_finish_done"), "aa-finish-status__done"));
      } else {
        const quizzes = open.filter((s) => s.k === "chapter-quiz").length;
        status.appendChild(para(t("jr_finish_open", { checks: open.length - quizzes, quizzes })));
        const next = nextOpen(st);
        if (next) {
          const p = para(t("jr_finish_continue") + " ");
          p.appendChild(link(urlOf(next.u).href, next.t));
          status.appendChild(p);
        }
      }
    }
    const reflections = document.querySelector('[data-aa-finish="reflections"]');
    if (reflections) {
      reflections.textContent = "";
      const saved = answers();
      const mine = journey.reflections.filter((r) => {
        const e = saved[r.id];
        return current(e, [r.id, r.h, r.w]) && typeof e.v === "string" && e.v.trim();
      });
      if (!mine.length) reflections.appendChild(para(t("jr_reflections_none")));
      mine.forEach((r) => {
        const figure = document.createElement("figure");
        figure.className = "aa-reflection";
        const quote = document.createElement("blockquote");
        saved[r.id].v.trim().split(/\n{2,}/).forEach((chunk) => quote.appendChild(para(chunk)));
        const caption = document.createElement("figcaption");
        caption.appendChild(document.createTextNode(r.p + " "));
        caption.appendChild(link(urlOf(r.u).href, t("jr_reflection_from", { title: r.t })));
        figure.append(caption, quote);
        reflections.appendChild(figure);
      });
    }
    const assessment = document.querySelector('[data-aa-finish="assessment"]');
    if (assessment) {
      assessment.textContent = "";
      let stored = null;
      try {
        stored = store.read().assessment;
      } catch (e) {
        stored = null;
      }
      const scales = journey.scales;
      // Both stored versions (v1 with a region, v2 with a statement set) carry t, anx and avo.
      const results = scales && util.isRecord(stored) && Array.isArray(stored.results)
        ? stored.results.filter((r) => util.isRecord(r) && typeof r.t === "number" && Number.isFinite(r.anx) && Number.isFinite(r.avo))
        : [];
      const selfHref = journey.assessment ? urlOf(journey.assessment).href : null;
      const offer = (p, key) => { if (selfHref) p.appendChild(link(selfHref, t(key))); };
      if (!results.length) {
        const p = para(t("jr_assessment_none") + " ");
        offer(p, "jr_assessment_take");
        assessment.appendChild(p);
      } else {
        const r = results[results.length - 1];
        assessment.appendChild(para(t("jr_assessment_result", { date: util.dateText(r.t) })));
        // The same "leans" sentences as the self-assessment page (assessment.js), one number format.
        const list = document.createElement("ul");
        [["anxiety", r.anx], ["avoidance", r.avo]].forEach(([dim, mean]) => {
          const d = scales.dims[dim];
          const distance = Math.abs(mean - scales.midpoint);
          const strength = distance === 0 ? "middle" : distance < 1 ? "little" : "toward";
          const li = document.createElement("li");
          li.textContent = t(`sa_lean_${strength}`, {
            dim: d.label, score: util.score(mean), max: scales.points, end: mean > scales.midpoint ? d.high : d.low,
          });
          list.appendChild(li);
        });
        assessment.appendChild(list);
        const p = document.createElement("p");
        offer(p, "jr_assessment_again");
        assessment.appendChild(p);
      }
    }
  }

  /* ----------------------------------------------------------------- init */
  function refresh(announce) {
    if (!journey) return;
    const st = states();
    markLinks(st);
    updateStart(st);
    updateChapterComplete(st, announce);
    renderFinish(st);
  }

  /** Whether this page shows anything from the path: read on every page, so damaged storage is found anywhere. */
  function needed() {
    let data = null;
    try {
      data = store.read();
    } catch (e) {
      data = null;
    }
    const saved = util.isRecord(data) && ((util.isRecord(data.answers) && Object.keys(data.answers).length > 0)
      || util.isRecord(data.assessment));
    return saved || document.querySelector("[data-aa-finish-status], [data-aa-finish]") !== null;
  }

  function update(announce) {
    if (journey) refresh(announce);
    else if (needed()) load().then(() => refresh(announce));
  }

  const init = () => update(false);
  // quiz.js saves in its own submit/click handlers, which run before these (the event bubbles to document).
  const later = () => setTimeout(() => update(true), 0);
  document.addEventListener("submit", (e) => { if (e.target.closest(".qz")) later(); });
  document.addEventListener("click", (e) => { if (e.target.closest(".qz button")) later(); });
  window.addEventListener("storage", () => update(false)); // another tab saved
  // "Keep nothing on this device" switched (privacy.js): the store now holds something else.
  document.addEventListener("quizkit:keeping", () => update(false));

  window.courseJourney = { refresh: () => update(false), ready: () => load().then(() => refresh(false)) };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
