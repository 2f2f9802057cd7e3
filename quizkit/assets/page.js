/* What every script needs to know about the page, in one place (first in quizkit.js, so the others can use it).
 *
 * - onPage(fn): fn runs now if a page is shown, and again whenever Material shows a new one (its
 *   document$, on the first load and after every instant navigation). Without Material, once the DOM is ready.
 * - onStored(fn): fn runs once whatever the store saved changes: an answer, "Delete all my data", an
 *   import ("quizkit:stored", from the store in quiz.js), "keep nothing" switched, or another tab.
 *   Several changes in one task make one call, so a delete redraws each view once.
 * - After an instant navigation, focus goes to the new page's main heading (or to the address's
 *   #target), without scrolling: the next Tab is then inside the page, not back at the menu's top.
 */
(() => {
  "use strict";

  const pageFns = [];
  let shown = 0; // pages shown in this document: 1 after the first load, more after instant navigation

  /** The element a new page starts at: the address's #target, else the content's first heading. */
  function start() {
    let target = null;
    try {
      target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (e) {
      target = null; // a malformed %-escape in the address
    }
    return target || document.querySelector(".md-content h1, main h1");
  }

  function focusStart() {
    const target = start();
    if (!target) return;
    // -1: focusable from script only, so it never becomes a Tab stop of its own.
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true }); // Material has already scrolled where the new page starts
  }

  function shownNow() {
    shown += 1;
    if (shown > 1) focusStart(); // a full load leaves focus to the browser (the skip link is the first Tab)
    pageFns.forEach((fn) => fn());
  }

  function onPage(fn) {
    pageFns.push(fn);
    if (shown) fn(); // loaded later (loader.js) or after the first page: the page is already there
  }

  const storedFns = [];
  let pending = false;
  function storedNow() {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      storedFns.forEach((fn) => fn());
    });
  }
  document.addEventListener("quizkit:stored", storedNow);
  document.addEventListener("quizkit:keeping", storedNow);
  window.addEventListener("storage", storedNow); // another tab saved or deleted

  window.coursePage = { onPage, onStored: (fn) => storedFns.push(fn), focusStart };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(shownNow);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", shownNow);
  else shownNow();
})();
