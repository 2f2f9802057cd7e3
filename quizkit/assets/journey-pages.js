/* The reader's journey on the pages that show more of it than done marks (journey.js has the rest).
 *
 * - the home page's Start button becomes "Continue: <next open step>" once progress exists;
 * - a chapter quiz shows its chapter-complete panel once passed (announced when it happens now);
 * - the course-complete page: finished or what is left, the reader's reflections, the latest
 *   self-assessment result.
 *
 * Loaded only on those pages (after instant navigation too: assets/loader.js), after quizkit.js,
 * whose journey.js fetches the path and counts what is done; this file draws from its counts.
 * @quizkit-when [data-aa-start], [data-aa-chapter-complete], [data-aa-finish-status], [data-aa-finish]
 */
(() => {
  "use strict";

  const journeyApi = window.courseJourney;
  if (!journeyApi || !window.courseQuiz) return; // the static page stands
  const { store, util } = window.courseQuiz;
  const { t, urlOf, answers, current } = journeyApi;
  let journey = null; // the path, as journey.js fetched it

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
  journeyApi.part((st, announce) => {
    journey = journeyApi.path;
    updateStart(st);
    updateChapterComplete(st, announce);
    renderFinish(st);
  }, () => document.querySelector("[data-aa-finish-status], [data-aa-finish]") !== null);
})();
