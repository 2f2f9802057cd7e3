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
 * What "done" means is defined here once (stepState, status) and used by every view, My progress too.
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

  /* ---------------------------------------------------------------- state
   * The course's one definition of done, used by every view: the done marks here, the home page's
   * Continue, a chapter quiz's chapter-complete panel and the finish page (journey-pages.js), My
   * progress (progress.js). A question counts when its saved answer carries its fingerprint now or
   * the one before (store.adopt moves such an answer on); its score is the first try's. A lesson
   * is done when every graded question is answered (a lesson with none, only reflections or ratings:
   * when each of those is, its "o"); a chapter quiz when it is also passed (the one pass rule:
   * rules.quizResult); a chapter when all its steps are; the course when all chapters are.
   */
  function answers() {
    try {
      const data = store.read();
      return util.isRecord(data) && util.isRecord(data.answers) ? data.answers : {};
    } catch (e) {
      return {};
    }
  }

  /** q: [id, fingerprint, earlier fingerprint]. */
  function current(entry, q) {
    return util.isRecord(entry) && "v" in entry && (entry.h === q[1] || (Boolean(q[2]) && entry.h === q[2]));
  }

  /** One step ({q: [[id, h, was], …], o: the same for a step with nothing graded, k: kind, p: pass mark}) against
      saved answers: {scores (first-try score or null, per graded question), answered, correct, total, percent,
      passPercent, complete, done, last}. */
  function stepState(step, saved) {
    let last = 0;
    const entry = (q) => {
      const e = saved[q[0]];
      if (!current(e, q)) return null;
      if (typeof e.t === "number") last = Math.max(last, e.t);
      return e;
    };
    const scores = step.q.map((q) => {
      const e = entry(q);
      // The first attempt's score (quiz.js); entries saved before scores were kept have only "ok".
      return !e ? null : typeof e.s === "number" && e.s >= 0 && e.s <= 1 ? e.s : e.ok === true ? 1 : 0;
    });
    const r = rules.quizResult(scores, Number(step.p || 0.7));
    // Nothing graded: each rating answered and each reflection saved (a reflection is saved only when the reader
    // ticks its box, and one emptied or unticked again is deleted: quiz.js).
    const only = step.q.length ? null : step.o || [];
    const answered = only ? only.filter(entry).length : r.answered;
    const total = only ? only.length : r.total;
    const complete = total > 0 && answered === total;
    const done = step.k === "chapter-quiz" ? r.passed : complete;
    const correct = scores.filter((x) => x === 1).length;
    return { scores, answered, correct, total, percent: r.percent, passPercent: r.passPercent, complete, done, last };
  }

  /** Where a reader picks a started step up: its first unanswered question, else (a quiz not passed) its
      first miss; -1 for a step done or not started (its top: there is reading before the questions). */
  function firstOpen(state) {
    if (state.done || !state.answered) return -1;
    const open = state.scores.indexOf(null);
    return open >= 0 ? open : state.scores.findIndex((x) => x < 1);
  }

  /** The step answered most recently if it is open, else the first open one after it (wrapping round); or null. */
  function nextOpen(steps, stateOf) {
    let latest = -1;
    let when = 0;
    steps.forEach((s, i) => { const l = stateOf(s).last; if (l > when) { when = l; latest = i; } });
    const open = (s) => !stateOf(s).done;
    if (latest >= 0 && open(steps[latest])) return steps[latest];
    return steps.slice(latest + 1).concat(steps.slice(0, latest + 1)).find(open) || null;
  }

  /** Every step, chapter and the course, from what is saved now. */
  function status() {
    const saved = answers();
    const steps = new Map();
    journey.steps.forEach((s) => steps.set(s.u, stepState(s, saved)));
    const chapters = journey.chapters.map((ch) => {
      const open = journey.steps.filter((s) => ch.s.includes(s.u) && !steps.get(s.u).done);
      return { chapter: ch, open, done: ch.s.length > 0 && open.length === 0 };
    });
    return { steps, chapters, done: chapters.every((c) => c.done), get: (u) => steps.get(u) };
  }

  /** A step's address, at its first open question when it has one (#qz-<id>: the widget's own ids). */
  function pickupHref(step, state) {
    const at = firstOpen(state);
    const url = urlOf(step.u);
    if (at >= 0) url.hash = `qz-${step.q[at][0]}`;
    return url.href;
  }

  /** Done pages by site path: steps, and chapter pages whose every step is done. */
  function donePaths(st) {
    const done = new Set();
    journey.steps.forEach((s) => { if (st.get(s.u).done) done.add(urlOf(s.u).pathname); });
    st.chapters.forEach((c) => { if (c.chapter.u && c.done) done.add(urlOf(c.chapter.u).pathname); });
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
    const text = link.querySelector(":scope > .md-ellipsis"); // before the menu's own icon, if it has one
    if (text) text.after(span);
    else link.appendChild(span);
  }

  function markLinks(st) {
    const done = donePaths(st);
    const links = document.querySelectorAll(
      ".md-sidebar--primary a.md-nav__link[href], .md-content article li > a[href], .md-content article td a[href]");
    links.forEach((a) => {
      // Review links and recaps are not a list of lessons; My progress and the finish page say done in words.
      if (a.closest(".qz, .aa-complete, .aa-finish-part, .aa-finish-chapters, .aa-chapter-open, [data-aa-progress]")) return;
      const href = a.getAttribute("href");
      if (!href || href.startsWith("#")) return mark(a, false);
      const path = pathOf(href);
      mark(a, path !== null && !new URL(href, location.href).hash && done.has(path));
    });
    // The page shown is a label in the menu where its table of contents opens (the phone's drawer shows it, not its link).
    const here = pathOf(location.href);
    document.querySelectorAll('.md-sidebar--primary label.md-nav__link[for="__toc"]').forEach((label) => mark(label, done.has(here)));
  }

  /* ------------------------------------------------------------- pick up
   * "Pick up where you left off" links to a step's first open question (pickupHref). On arrival the
   * question is marked, scrolled to and focused, so the reader does not start at the top of a long lesson.
   */
  function pickupTarget() {
    const id = location.hash.startsWith("#qz-") ? location.hash.slice(1) : "";
    const el = id ? document.getElementById(id) : null;
    return el && el.classList.contains("qz-question") ? el : null;
  }

  function markPickup(q) {
    document.querySelectorAll(".aa-pickup").forEach((el) => { if (el !== q) el.classList.remove("aa-pickup"); });
    if (!q.classList.contains("aa-pickup")) {
      q.classList.add("aa-pickup");
      q.dataset.aaPickup = t("jr_pickup_here"); // shown by journey.css above the question
      if (!q.hasAttribute("tabindex")) q.setAttribute("tabindex", "-1");
      const prompt = q.querySelector(".qz-prompt");
      if (prompt && prompt.id && !q.hasAttribute("aria-labelledby")) q.setAttribute("aria-labelledby", prompt.id);
    }
    q.scrollIntoView({ block: "start" }); // the widget above may have grown since the browser scrolled
    q.focus({ preventScroll: true }); // after instant navigation page.js also holds it (its race with Material)
  }

  /* ----------------------------------------------------------------- init */
  const parts = []; // [{render(status, announce), wants()}] from journey-pages.js

  function refresh(announce) {
    if (!journey) return;
    const st = status();
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

  window.courseJourney = {
    refresh: () => update(false),
    ready: () => load().then(() => refresh(false)),
    /** A page part: render(status, announce) on every refresh; wants() says the page needs the path
        even with nothing saved (the course-complete page). */
    part(render, wants = () => false) {
      parts.push({ render, wants });
      update(false);
    },
    // The one definition of done and what the views share with the done marks.
    get path() { return journey; },
    t, urlOf, answers, current, stepState, firstOpen, nextOpen, pickupHref,
  };
  window.coursePage.onPage(() => {
    update(false);
    const q = pickupTarget();
    if (q) load().then(() => { if (journey && q.isConnected) markPickup(q); });
  });
  // An answer, a delete, an import, "keep nothing" switched, another tab: every view at once (page.js).
  window.coursePage.onStored(() => update(true));
  // Answered: the question is no longer where the reader left off.
  document.addEventListener("submit", (e) => { const q = e.target.closest(".aa-pickup"); if (q) q.classList.remove("aa-pickup"); });
})();
