/* "Your country" on Get help now (quizkit/helplines.py renders the lists and the picker).
 *
 * Choosing a country moves its lines to the top of every list, the rest staying in the data's
 * order; the change is said in a polite live region. The choice goes through the course's store,
 * so it stays in this browser only while "keep nothing" is off; while it is on, it lasts as long
 * as the page. No location is asked for and nothing leaves the page. Without JavaScript the
 * picker stays hidden and every line shows in the data's order.
 * @quizkit-when [data-aa-lines]
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return;
  const { store, util } = window.courseQuiz;

  function order(choice) {
    document.querySelectorAll("[data-aa-lines]").forEach((list) => {
      const items = Array.from(list.children);
      items.forEach((li, i) => { if (!li.dataset.aaOrder) li.dataset.aaOrder = String(i); });
      const mine = (li) => Boolean(choice) && (li.dataset.aaPlaces || "").split("|").includes(choice);
      items.sort((a, b) => (mine(b) - mine(a)) || (a.dataset.aaOrder - b.dataset.aaOrder));
      items.forEach((li) => {
        li.classList.toggle("aa-line--mine", mine(li));
        list.appendChild(li);
      });
    });
  }

  function enhance(root) {
    if (root.dataset.aaReady) return;
    root.dataset.aaReady = "1";
    const select = root.querySelector("[data-aa-country-select]");
    const said = root.querySelector("[data-aa-country-said]");
    const known = (value) => typeof value === "string" && Array.from(select.options).some((o) => o.value === value && value);
    const kept = store.read().country; // a value this page does not offer (or a damaged one) is ignored
    if (known(kept)) {
      select.value = kept;
      order(kept);
    }
    root.hidden = false;
    select.addEventListener("change", () => {
      const choice = select.value;
      store.write((data) => {
        if (choice) data.country = choice;
        else delete data.country;
      });
      order(choice);
      said.textContent = choice ? util.fmt(said.dataset.aaSaid, { place: choice }) : "";
    });
  }

  function init() {
    document.querySelectorAll("[data-aa-country]").forEach(enhance);
  }

  window.coursePage.onPage(init);
})();
