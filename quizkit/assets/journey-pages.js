/* The reader's journey on the pages that show more of it than done marks (journey.js has the rest,
 * and the one definition of done: everything here draws from its status).
 *
 * - the home page's Start button becomes "Continue: <next open step>" once progress exists, with
 *   "3 to review today" under it when reviews are due (review.js counts them);
 * - a chapter page's "Start this chapter" card becomes "Continue this chapter" (its next open step)
 *   once the chapter is begun, and "Review this chapter" once it is complete;
 * - a chapter quiz shows its chapter-complete panel once the whole chapter is done (announced when
 *   it happens now); passed with lessons still open, it says which, with links to where each picks up;
 * - the course-complete page: what the reader did (chapters, reflections, practice, self-assessment
 *   results over time), from this browser only, and nothing while "keep nothing" is on.
 *
 * Loaded only on those pages (after instant navigation too: assets/loader.js), after quizkit.js,
 * whose journey.js fetches the path and counts what is done; this file draws from its counts.
 * @quizkit-when [data-aa-start], [data-aa-chapter-start], [data-aa-chapter-complete], [data-aa-finish-status], [data-aa-finish]
 */
(() => {
  "use strict";

  const journeyApi = window.courseJourney;
  if (!journeyApi || !window.courseQuiz) return; // the static page stands
  const { store, util, questions } = window.courseQuiz;
  const { t, urlOf, answers, current } = journeyApi;
  let journey = null; // the path, as journey.js fetched it

  const plural = (key, n, vars = {}) => util.plural(journey.strings || {}, key, n, { n, ...vars });
  const nextOpen = (st) => journeyApi.nextOpen(journey.steps, (s) => st.get(s.u));
  const pickup = (step, st) => journeyApi.pickupHref(step, st.get(step.u));
  /** "a, b and c" in the page's language. */
  function listText(items) {
    try {
      return new Intl.ListFormat(document.documentElement.lang || undefined, { type: "conjunction" }).format(items);
    } catch (e) {
      return items.join(", ");
    }
  }

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

  /* ------------------------------------------------------- Start/Continue */
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
        a.href = pickup(next, st);
        a.textContent = t("jr_continue", { title: next.t });
      } else if (journey.finish) {
        a.href = urlOf(journey.finish).href;
        a.textContent = t("jr_see_finish");
      }
    });
  }

  /* -------------------------------------------- a chapter page's Start card */
  /** "Lesson 3 of 7" or "Chapter quiz · 10 questions": where a step sits (its reading time is the build's). */
  function stepMeta(step, chapter) {
    if (step.k === "chapter-quiz") return `${t("jr_chapter_quiz")} · ${plural("jr_questions", step.q.length)}`;
    const lessons = journey.steps.filter((s) => chapter.s.includes(s.u) && s.k !== "chapter-quiz");
    return t("jr_lesson_of", { n: lessons.indexOf(step) + 1, total: lessons.length });
  }

  function updateChapterStart(st) {
    document.querySelectorAll("[data-aa-chapter-start]").forEach((card) => {
      const c = st.chapters.find((x) => String(x.chapter.n) === card.dataset.aaChapterStart);
      const label = card.querySelector(".aa-next__label");
      const a = card.querySelector(".aa-next__link");
      const title = a.querySelector(".aa-next__title");
      const meta = a.querySelector(".aa-next__meta");
      if (!card.dataset.aaFirst) {
        card.dataset.aaFirst = JSON.stringify([label.textContent, a.getAttribute("href"), title.textContent, meta ? meta.textContent : ""]);
      }
      const [label0, href0, title0, meta0] = JSON.parse(card.dataset.aaFirst);
      const steps = c ? journey.steps.filter((s) => c.chapter.s.includes(s.u)) : [];
      const next = c && !c.done && steps.some((s) => st.get(s.u).answered) ? journeyApi.nextOpen(steps, (s) => st.get(s.u)) : null;
      // The one definition of done: begun is any answer saved in the chapter, complete is every step done.
      const words = c && c.done ? t("jr_review_chapter") : next ? t("jr_continue_chapter") : label0;
      label.textContent = words;
      card.setAttribute("aria-label", words);
      a.setAttribute("href", next ? pickup(next, st) : href0);
      title.textContent = next ? next.t : title0;
      if (meta) meta.textContent = next ? stepMeta(next, c.chapter) : meta0;
    });
  }

  /** Home: "3 to review today" under Start/Continue, at once after any change; nothing when none is due. */
  function updateDue() {
    document.querySelectorAll("[data-aa-start]").forEach((start) => {
      let line = start.querySelector("[data-aa-review-due]");
      const n = journey.practice ? waitingNow().due.size : 0;
      if (!n) {
        if (line) line.remove();
        return;
      }
      if (!line) {
        line = document.createElement("p");
        line.className = "aa-review-due";
        line.setAttribute("data-aa-review-due", "");
        start.querySelector(".aa-start__actions").after(line);
      }
      line.textContent = "";
      line.appendChild(link(urlOf(journey.practice).href, questions.plural("review_due", n, { n })));
    });
  }

  /* ------------------------------------------------------ chapter complete */
  function thisStep() {
    const here = location.pathname.replace(/index\.html$/, "");
    return journey.steps.find((s) => urlOf(s.u).pathname === here) || null;
  }

  /** The open steps of a chapter as links, each to where it picks up. */
  function openList(open, st) {
    const ul = document.createElement("ul");
    open.forEach((s) => {
      const li = document.createElement("li");
      li.appendChild(link(pickup(s, st), s.t));
      ul.appendChild(li);
    });
    return ul;
  }

  function updateChapterComplete(st, announce) {
    const slot = document.querySelector("[data-aa-chapter-complete]");
    const step = thisStep();
    if (!slot || !step) return;
    const chapter = st.chapters.find((c) => c.chapter.s.includes(step.u));
    const passed = st.get(step.u).done;
    // One definition of done: the chapter is complete when every step of it is, not when its quiz is passed.
    const state = chapter && chapter.done ? "complete" : passed ? "open" : "";
    const was = slot.dataset.aaState || "";
    slot.dataset.aaState = state;
    slot.querySelector("[data-aa-panel]").hidden = state !== "complete";
    let left = slot.querySelector("[data-aa-chapter-open]");
    if (state === "open") {
      if (!left) {
        left = document.createElement("section");
        left.className = "aa-chapter-open";
        left.setAttribute("data-aa-chapter-open", "");
        slot.appendChild(left);
      }
      left.textContent = "";
      left.append(para(plural("jr_chapter_open", chapter.open.length, { chapter: chapter.chapter.n })), openList(chapter.open, st));
    } else if (left) left.remove();
    const say = slot.querySelector("[data-aa-announce]");
    if (!state) say.textContent = "";
    else if (announce && state !== was) {
      say.textContent = state === "complete" ? say.dataset.aaSay : plural("jr_chapter_open", chapter.open.length, { chapter: chapter.chapter.n });
    }
  }

  /* ------------------------------------------------------- course complete
   * Each part reads what is saved through journey.js (answers) or the store, and shows nothing of the
   * reader's own while "keep nothing" is on: the page then says only that nothing is kept.
   */
  function part(name) {
    const box = document.querySelector(`[data-aa-finish="${name}"]`);
    if (!box) return null;
    box.textContent = "";
    if (store.keeping) return box;
    box.appendChild(para(t("jr_finish_keep_nothing")));
    return null;
  }

  function renderStatus(st) {
    const status = document.querySelector("[data-aa-finish-status]");
    if (!status) return;
    status.textContent = "";
    document.querySelectorAll("[data-aa-finish-chapters]").forEach((el) => el.remove());
    if (!store.keeping) {
      status.appendChild(para(t("jr_finish_keep_nothing")));
      return;
    }
    const open = journey.steps.filter((s) => !st.get(s.u).done);
    if (!open.length) {
      status.appendChild(para(t("jr_finish_done"), "aa-finish-status__done"));
    } else {
      const quizzes = open.filter((s) => s.k === "chapter-quiz").length;
      const checks = open.length - quizzes;
      const parts = [];
      if (checks) parts.push(plural("jr_open_checks", checks));
      if (quizzes) parts.push(plural("jr_open_quizzes", quizzes));
      status.appendChild(para(t("jr_finish_open", { open: listText(parts) })));
      const next = nextOpen(st);
      if (next) {
        const p = para(t("jr_finish_continue") + " ");
        p.appendChild(link(pickup(next, st), next.t));
        status.appendChild(p);
      }
    }
    // Chapter by chapter, done or how far: after the status, not in it (a live region reads out whole).
    const list = document.createElement("ul");
    list.className = "aa-finish-chapters";
    list.setAttribute("data-aa-finish-chapters", "");
    st.chapters.forEach((c) => {
      const li = document.createElement("li");
      const steps = c.chapter.s.length;
      li.className = c.done ? "aa-finish-chapters__done" : "";
      const title = t("jr_chapter_named", { n: c.chapter.n, title: c.chapter.t });
      if (c.chapter.u) li.appendChild(link(urlOf(c.chapter.u).href, title));
      else li.appendChild(document.createTextNode(title));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(document.createTextNode(c.done ? t("jr_chapter_all_done")
        : plural("jr_chapter_steps_done", steps, { done: steps - c.open.length })));
      list.appendChild(li);
    });
    status.after(list);
  }

  function renderReflections() {
    const box = part("reflections");
    if (!box) return;
    const saved = answers();
    const mine = journey.reflections.filter((r) => {
      const e = saved[r.id];
      return current(e, [r.id, r.h, r.w]) && typeof e.v === "string" && e.v.trim();
    });
    if (!mine.length) box.appendChild(para(t("jr_reflections_none")));
    // Words about a partner stay closed until the reader opens them: someone else may see the screen.
    const shut = document.createElement("details");
    shut.className = "aa-reflections";
    const summary = document.createElement("summary");
    summary.textContent = plural("jr_reflections_show", mine.length);
    shut.appendChild(summary);
    if (mine.length) box.appendChild(shut);
    mine.forEach((r) => {
      const figure = document.createElement("figure");
      figure.className = "aa-reflection";
      const quote = document.createElement("blockquote");
      saved[r.id].v.trim().split(/\n{2,}/).forEach((chunk) => quote.appendChild(para(chunk)));
      const caption = document.createElement("figcaption");
      caption.appendChild(document.createTextNode(r.p + " "));
      caption.appendChild(link(urlOf(r.u).href, t("jr_reflection_from", { title: r.t })));
      figure.append(caption, quote);
      shut.appendChild(figure);
    });
  }

  /** What Practice offers now (review.js: one count for the practice, home and finish pages). */
  function waitingNow() {
    const cr = window.courseReview;
    return cr ? cr.waiting(journey.steps.map((s) => s.q)) : { due: new Set(), offered: new Set() };
  }

  /** Practice done: first misses since answered right on the Practice page, and those still waiting. */
  function renderPractice(st) {
    const box = part("practice");
    if (!box) return;
    const { offered } = waitingNow();
    const waiting = offered.size;
    let practised = 0;
    journey.steps.forEach((s) => {
      const scores = st.get(s.u).scores;
      s.q.forEach((q, i) => { if (scores[i] !== null && scores[i] < 1 && !offered.has(q[0])) practised += 1; });
    });
    const href = journey.practice ? urlOf(journey.practice).href : null;
    if (!practised && !waiting) box.appendChild(para(t("jr_practice_none")));
    if (practised) box.appendChild(para(plural("jr_practice_done", practised)));
    if (waiting) {
      const p = para(plural("jr_practice_waiting", waiting) + " ");
      if (href) p.appendChild(link(href, t("jr_practice_go")));
      box.appendChild(p);
    }
  }

  /** Every saved self-assessment result, oldest first, that names a time and two means. */
  function results() {
    let stored = null;
    try {
      stored = store.read().assessment;
    } catch (e) {
      stored = null;
    }
    // Both stored versions (v1 with a region, v2 with a statement set) carry t, anx and avo.
    return util.isRecord(stored) && Array.isArray(stored.results)
      ? stored.results.filter((r) => util.isRecord(r) && typeof r.t === "number" && Number.isFinite(r.anx) && Number.isFinite(r.avo))
      : [];
  }

  function renderAssessment() {
    const box = part("assessment");
    if (!box) return;
    const scales = journey.scales;
    const all = scales ? results() : [];
    const selfHref = journey.assessment ? urlOf(journey.assessment).href : null;
    const offer = (p, key) => { if (selfHref) p.appendChild(link(selfHref, t(key))); };
    if (!all.length) {
      const p = para(t("jr_assessment_none") + " ");
      offer(p, "jr_assessment_take");
      box.appendChild(p);
      return;
    }
    const r = all[all.length - 1];
    box.appendChild(para(t("jr_assessment_result", { date: util.dateText(r.t) })));
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
    box.appendChild(list);
    if (all.length > 1) {
      // Over time: the earlier results, newest first, as two numbers each.
      box.appendChild(para(t("jr_assessment_earlier")));
      const earlier = document.createElement("ul");
      earlier.className = "aa-finish-earlier";
      all.slice(0, -1).reverse().forEach((e) => {
        const li = document.createElement("li");
        li.textContent = t("jr_assessment_row", {
          date: util.dateText(e.t), anx_label: scales.dims.anxiety.label, anx: util.score(e.anx),
          avo_label: scales.dims.avoidance.label, avo: util.score(e.avo),
        });
        earlier.appendChild(li);
      });
      box.appendChild(earlier);
    }
    const p = document.createElement("p");
    offer(p, "jr_assessment_again");
    box.appendChild(p);
  }

  function renderFinish(st) {
    renderStatus(st);
    renderReflections();
    renderPractice(st);
    renderAssessment();
  }

  /* ----------------------------------------------------------------- init */
  journeyApi.part((st, announce) => {
    journey = journeyApi.path;
    updateStart(st);
    updateDue();
    updateChapterStart(st);
    updateChapterComplete(st, announce);
    renderFinish(st);
  }, () => document.querySelector("[data-aa-finish-status], [data-aa-finish]") !== null);
})();
