/* The reader's journey: what depends on saved progress, on top of the static parts the plugin wrote.
 *
 * On every page: done marks in the navigation and in the page's lists of lessons (with words for
 * screen readers). The parts only some pages have (the home page's Continue, a chapter quiz's
 * chapter-complete panel, the course-complete page) are in journey-pages.js, loaded on those pages
 * only; it adds them here (window.courseJourney.part) and this file runs them on every refresh.
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

  /* ----------------------------------------------------------------- init */
  const parts = []; // [{render(states, announce), wants()}] from journey-pages.js

  function refresh(announce) {
    if (!journey) return;
    const st = states();
    markLinks(st);
    parts.forEach((part) => part.render(st, announce));
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
    return saved || parts.some((part) => part.wants());
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

  window.courseJourney = {
    refresh: () => update(false),
    ready: () => load().then(() => refresh(false)),
    /** A page part: render(states, announce) on every refresh; wants() says the page needs the path
        even with nothing saved (the course-complete page). */
    part(render, wants = () => false) {
      parts.push({ render, wants });
      update(false);
    },
    // What the parts share with the done marks.
    get path() { return journey; },
    t, urlOf, answers, current,
  };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
