/* The explorable cycle on "The loop": step through the five steps one at a time.
 *
 * With JavaScript off the figure shows the diagram and every step in full as
 * an ordered list. With it, one step shows at a time; "Previous" and "Next"
 * wrap round (it is a loop), the numbered step buttons jump straight to a
 * step, and arrow keys / Home / End move between them. The step in view is
 * marked in the diagram and announced in a polite live region. The step
 * buttons sit above the step's text and Previous/Next under it, so a reader
 * reads, then moves on; a step whose top has scrolled away is brought back.
 * Motion is CSS only and off under prefers-reduced-motion (tools.css).
 * @quizkit-when [data-aa-cycle]
   (loaded only on pages where this matches: quizkit/assets_pipeline.py)
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return; // quiz.js did not load: the static list stays
  const { fmt, claim } = window.courseQuiz.util;

  function enhance(root) {
    const data = claim(root, "cy--js");
    if (!data) return;
    const steps = Array.from(root.querySelectorAll("[data-cy-step]"));
    const tabs = Array.from(root.querySelectorAll("[data-cy-goto]"));
    const nodes = Array.from(root.querySelectorAll("[data-cy-node]"));
    const live = root.querySelector("[data-cy-live]");
    const count = steps.length;
    let current = 0;
    root.querySelector("[data-cy-controls]").hidden = false;
    root.querySelector("[data-cy-nav]").hidden = false;
    const calm = window.matchMedia("(prefers-reduced-motion: reduce)");

    /* After a move, the new step's text goes where the eye is: if its top is out of view (a phone,
       after reading down to Next), bring it back to just under the header, or on a phone under the
       diagram, which stays on screen there (cycle.css), so the two are seen together. */
    const stage = root.querySelector("[data-cy-stage]");
    function reveal(step) {
      const header = document.querySelector(".md-header");
      let covered = header ? header.getBoundingClientRect().bottom : 0;
      if (getComputedStyle(stage).position === "sticky") covered += stage.offsetHeight;
      const top = step.getBoundingClientRect().top;
      if (top >= covered && top < window.innerHeight * 0.7) return;
      window.scrollBy({ top: top - covered - 8, behavior: calm.matches ? "auto" : "smooth" });
    }

    function show(index, announce) {
      current = ((index % count) + count) % count;
      steps.forEach((step, i) => { step.hidden = i !== current; });
      tabs.forEach((tab, i) => {
        if (i === current) tab.setAttribute("aria-current", "step");
        else tab.removeAttribute("aria-current");
      });
      nodes.forEach((node, i) => {
        node.classList.toggle("is-current", i === current);
      });
      root.dataset.cyCurrent = String(current);
      // Animate only the reader's own moves: the first step is simply there on load.
      if (announce) root.classList.add("cy--moved");
      if (announce) live.textContent = fmt(data.strings.cy_step_of, { n: current + 1, total: count, name: data.names[current] });
      if (announce) reveal(steps[current]);
    }

    root.querySelector("[data-cy-prev]").addEventListener("click", () => show(current - 1, true));
    root.querySelector("[data-cy-next]").addEventListener("click", () => show(current + 1, true));
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => show(i, true));
      tab.addEventListener("keydown", (event) => {
        const moves = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: count - 1 };
        if (!(event.key in moves)) return;
        event.preventDefault();
        const target = ((moves[event.key] % count) + count) % count;
        show(target, true);
        tabs[target].focus();
      });
    });
    nodes.forEach((node, i) => node.addEventListener("click", () => show(i, true))); // a pointer shortcut; the buttons carry keyboard use
    show(0, false);
  }

  function init() {
    document.querySelectorAll("[data-aa-cycle]").forEach(enhance);
  }

  window.coursePage.onPage(init);
})();
