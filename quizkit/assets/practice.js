/* The practice page: every graded question of the course is in it, hidden; this shows the ones to
 * answer again, fresh, due reviews first.
 *
 * Due (review.js): a first miss a day after it was last answered, then each review as the schedule
 * says. Also offered, as before the schedule: every first miss until it is practised right here, and
 * what was left unanswered in a check or quiz the reader started. The first try of each visit is the
 * review: right moves the question on, a miss brings it back tomorrow. Answers are saved under the
 * same ids as in the lessons (quiz.js), so My progress sees them.
 * @quizkit-when .qz-practice
 */
(() => {
  "use strict";

  if (!window.courseQuiz || !window.courseQuiz.questions || !window.courseReview) return;
  const { store, util, t, questions } = window.courseQuiz;
  const review = window.courseReview;

  function enhance(widget) {
    if (widget.dataset.qzReady) return;
    widget.dataset.qzReady = "1";
    widget.classList.add("qz--js");
    widget.querySelectorAll("[data-qz-was]").forEach((q) => store.adopt(q.dataset.qzId, q.dataset.qzWas, q.dataset.qzHash));
    const { answers, review: schedule } = review.read();
    // What to offer: review.js decides, for this page, the home page and the finish page alike.
    const groups = [...widget.querySelectorAll("[data-qz-practice]")].map((group) => questions.gradedIn(group));
    const offer = review.waiting(groups.map((graded) => graded.map((q) => [q.dataset.qzId, q.dataset.qzHash, q.dataset.qzWas])));
    const due = new Set();
    const pick = new Set();
    const before = new Map(); // each question's place in the schedule when the page opened
    groups.flat().forEach((q) => {
      const id = q.dataset.qzId;
      const e = answers[id];
      before.set(q, util.isRecord(e) && e.h === q.dataset.qzHash ? review.state(id, e, schedule) : null);
      if (offer.due.has(id)) due.add(q);
      if (offer.offered.has(id)) pick.add(q);
    });

    questions.gradedIn(widget).forEach((q) => {
      q.hidden = !pick.has(q);
      if (!pick.has(q)) return;
      questions.shuffleOptions(q);
      questions.enhanceGraded(q, () => answered(q), true);
      if (due.has(q)) mark(q);
    });
    // A scenario, and a lesson's group, show when any of their questions is to practise.
    widget.querySelectorAll("[data-qz-practice], [data-qz-practice] .qz-scenario").forEach((box) => {
      box.hidden = !questions.gradedIn(box).some((q) => pick.has(q));
    });
    dueFirst(widget, due);

    const left = new Set(pick); // offered and not yet answered on this visit
    function answered(q) {
      const e = store.answer(q.dataset.qzId);
      if (!e || e.n !== 1) return; // the second try of a visit is for learning; the first was the review
      before.set(q, review.record(q.dataset.qzId, before.get(q), e.r === 1));
      left.delete(q);
      if (!left.size) status.textContent = t("practice_all_answered"); // not the count the page opened with
    }

    const status = widget.querySelector("[data-qz-practice-status]");
    const parts = [];
    if (due.size) parts.push(questions.plural("review_due_status", due.size, { n: due.size }));
    if (pick.size) parts.push(questions.plural("practice_count", pick.size, { n: pick.size }));
    else parts.push(t(Object.keys(answers).length ? "practice_none" : "practice_empty"));
    status.textContent = parts.join(" ");
    status.hidden = false;
  }

  /** Say which questions are due: a line above each (words, not colour alone). */
  function mark(q) {
    const note = document.createElement("p");
    note.className = "qz-due";
    note.textContent = t("review_due_mark");
    q.prepend(note);
  }

  /** Groups with a due question go first (in course order), and in each group its due questions lead. */
  function dueFirst(widget, due) {
    const boxOf = (q) => q.closest(".qz-scenario") || q;
    let at = widget.querySelector("[data-qz-practice-status]"); // the groups follow it
    widget.querySelectorAll("[data-qz-practice]").forEach((g) => {
      if (!questions.gradedIn(g).some((q) => due.has(q))) return;
      at.after(g);
      at = g;
      const heading = g.querySelector(":scope > h2");
      const boxes = [...new Set(questions.gradedIn(g).filter((q) => due.has(q)).map(boxOf))];
      boxes.reverse().forEach((box) => heading.after(box));
    });
  }

  function init() {
    document.querySelectorAll(".qz-practice").forEach(enhance);
  }

  window.coursePage.onPage(init);
})();
