/* The short safety check (templates/tools/safety-check.html): answered on the page, kept nowhere.
 *
 * Any yes about the partner shows, at once, why Get help comes first and a clear link to its abuse
 * helplines; a yes about the reader's own behaviour, a link to its part on that; all no, a neutral
 * word. Said in a polite live region. This script never reads or writes storage, whatever "keep
 * nothing" says. Without JavaScript the questions and the link to Get help are all there.
 * @quizkit-when [data-aa-safety]
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return;
  const { claim } = window.courseQuiz.util;

  function say(box, text, href, label) {
    const p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    if (!href) return;
    const go = document.createElement("a");
    go.className = "md-button md-button--primary sc-go";
    go.href = href;
    // A full page load, not Material's instant navigation: that one, racing the address's section
    // tracking, could land the reader at the wrong place on Get help (seen in tests).
    go.addEventListener("click", (event) => {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      window.location.assign(go.href);
    });
    go.textContent = label;
    const row = document.createElement("p");
    row.appendChild(go);
    box.appendChild(row);
  }

  function enhance(root) {
    const data = claim(root, "sc--js");
    if (!data) return;
    const s = data.strings;
    const said = root.querySelector("[data-sc-said]");
    const items = Array.from(root.querySelectorAll("[data-sc-item]"));
    root.querySelector("[data-sc-form]").addEventListener("change", () => {
      const answer = (item) => (item.querySelector("input:checked") || {}).value;
      const partner = items.filter((item) => item.dataset.scItem !== "own");
      const own = items.find((item) => item.dataset.scItem === "own");
      said.textContent = "";
      said.classList.remove("sc-said--yes");
      if (partner.some((item) => answer(item) === "yes")) {
        said.classList.add("sc-said--yes");
        say(said, s.sc_said_yes, data.help, s.sc_go);
      }
      if (own && answer(own) === "yes") {
        said.classList.add("sc-said--yes");
        say(said, s.sc_said_own, data.own, s.sc_go_own);
      }
      if (items.every((item) => answer(item) === "no")) say(said, s.sc_said_no);
    });
  }

  function init() {
    document.querySelectorAll("[data-aa-safety]").forEach(enhance);
  }

  window.coursePage.onPage(init);
})();
