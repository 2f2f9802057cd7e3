/* Spaced review: a question missed on the first try comes back after about 1, then 3, then 7 days.
 *
 * The schedule lives in the course's one store (quiz.js) as "review": {question id: {s, d}}, where
 * "s" counts the reviews passed (0-3; 3 is done) and "d" is when the next one is due (ms). A first
 * miss needs no entry: until it is reviewed, it is due a day after it was last answered. The
 * practice page (practice.js) records each review: right moves it on a step, a miss starts it over
 * at 1 day. A broken value is ignored, never erased; with "keep nothing" on, the store keeps it in
 * memory only.
 *
 * What Practice offers is worked out here once (waiting), for the practice page, the home page's
 * "3 to review today" and the finish page (journey-pages.js), so they give one number.
 * Here too: Practice offered under a chapter quiz's result when it has misses. The practice page's
 * address is on the header (overrides/partials/header.html).
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return;
  const { store, util, t, questions } = window.courseQuiz;
  const DAY = 24 * 60 * 60 * 1000;
  const STEPS = [1, 3, 7]; // days to the next review: after a miss, then after each right review
  const DONE = STEPS.length;

  /** A step as stored: {s: reviews passed, d: due time}; anything else is not one. */
  const valid = (e) => util.isRecord(e) && Number.isInteger(e.s) && e.s >= 0 && e.s <= DONE
    && typeof e.d === "number" && Number.isFinite(e.d);
  const graded = (e) => util.isRecord(e) && "v" in e && typeof e.ok === "boolean";
  const firstScore = (e) => (typeof e.s === "number" && e.s >= 0 && e.s <= 1 ? e.s : e.ok ? 1 : 0);

  function read() {
    try {
      const data = store.read();
      return {
        answers: util.isRecord(data.answers) ? data.answers : {},
        review: util.isRecord(data.review) ? data.review : {},
      };
    } catch (e) {
      return { answers: {}, review: {} };
    }
  }

  /** Where a graded answer stands in the schedule, or null (never missed, or practised right before
      the schedule existed: "p" without an entry). */
  function state(id, answer, review) {
    if (!graded(answer)) return null;
    if (valid(review[id])) return review[id];
    if (firstScore(answer) >= 1 || answer.p) return null;
    return { s: 0, d: (typeof answer.t === "number" ? answer.t : 0) + STEPS[0] * DAY };
  }

  /** Due today: by the end of the reader's day, not to the minute. */
  function isDue(st, now = Date.now()) {
    const end = new Date(now);
    end.setHours(24, 0, 0, 0);
    return Boolean(st) && st.s < DONE && st.d < end.getTime();
  }

  /** The step after a review: right moves a due question on (early practice leaves it), a miss starts over. */
  function next(before, right, now) {
    if (!right) return { s: 0, d: now + STEPS[0] * DAY };
    if (!before || !isDue(before, now)) return before;
    const s = before.s + 1;
    return { s, d: s >= DONE ? now : now + STEPS[s] * DAY };
  }

  /** Record a review of `id` (its state before, from `state`); returns the new state. */
  function record(id, before, right, now = Date.now()) {
    const after = next(before, right, now);
    if (after) {
      store.write((d) => {
        if (!util.isRecord(d.review)) d.review = {}; // only a broken schedule is replaced, nothing else
        d.review[id] = { s: after.s, d: after.d };
      });
    }
    return after;
  }

  /** What Practice offers, from `steps`: each a list of questions [id, fingerprint, earlier fingerprint]
      (a lesson's check or a chapter quiz, as journey.json has them). `due`: the ids due for review today;
      `offered`: those, every first miss not yet practised right, and every question left unanswered in a
      step the reader started. Only a graded answer to the question as it is now counts; an answer to a
      question the course no longer has counts nowhere. */
  function waiting(steps, now = Date.now()) {
    const { answers, review } = read();
    const current = (e, q) => graded(e) && (e.h === q[1] || (Boolean(q[2]) && e.h === q[2]));
    const due = new Set();
    const offered = new Set();
    steps.forEach((step) => {
      const entries = step.map((q) => (current(answers[q[0]], q) ? answers[q[0]] : null));
      const started = entries.some(Boolean);
      step.forEach(([id], i) => {
        const e = entries[i];
        if (!e) {
          if (started) offered.add(id);
        } else if (isDue(state(id, e, review), now)) {
          due.add(id);
          offered.add(id);
        } else if (firstScore(e) < 1 && !e.p) offered.add(id); // a retry inside a quiz does not clear it
      });
    });
    return { due, offered };
  }

  /* ------------------------------------------------------ where it shows */
  const practiceHref = () => {
    const header = document.querySelector("[data-aa-practice]");
    return header ? header.dataset.aaPractice : null;
  };

  function link(text) {
    const a = document.createElement("a");
    a.href = practiceHref();
    a.textContent = text;
    return a;
  }

  /** A chapter quiz, finished with misses: offer Practice under its result. */
  function quizOffer(widget) {
    const summary = widget.querySelector("[data-qz-summary]");
    if (!summary || !practiceHref()) return;
    const show = () => {
      const graded = questions.gradedIn(widget);
      const firsts = graded.map((q) => q.dataset.qzFirst);
      const missed = firsts.every((f) => f !== undefined) && firsts.some((f) => Number(f) < 1);
      let offer = widget.querySelector("[data-aa-review-offer]");
      if (!missed) {
        if (offer) offer.remove();
        return;
      }
      if (offer) return;
      offer = document.createElement("p");
      offer.className = "qz-note aa-review-offer";
      offer.setAttribute("data-aa-review-offer", "");
      offer.append(`${t("review_offer")} `, link(t("review_offer_link")));
      summary.after(offer);
    };
    new MutationObserver(show).observe(summary, { childList: true }); // quiz.js redraws its result on every change
    show();
  }

  function init() {
    document.querySelectorAll('.qz[data-qz-kind="chapter-quiz"]').forEach((widget) => {
      if (widget.dataset.aaReviewReady) return;
      widget.dataset.aaReviewReady = "1";
      quizOffer(widget);
    });
  }

  window.courseReview = { valid, state, isDue, record, waiting, read, DAY };
  window.coursePage.onPage(init);
})();
