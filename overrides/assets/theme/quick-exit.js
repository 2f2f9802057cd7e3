/* Quick exit: leave for a neutral page at once, replacing this page in the tab's history.
 *
 * The link in the header (overrides/partials/header.html, [data-aa-exit]; a dialog carries
 * its own copy) already goes to the neutral page without JavaScript. Here a click on any of
 * them, or Shift pressed three times in a row (not Escape: search and dialogs use it), hides
 * the page and calls location.replace, so Back does not return to it. Listeners sit on the
 * document: Material's instant navigation keeps the document, so they keep working, and they
 * are added once even if this file runs again.
 */
(function () {
  "use strict";
  if (window.__aaQuickExit) return;
  window.__aaQuickExit = true;

  var PRESSES = 3;
  var WITHIN_MS = 2000; // between one Shift press and the next

  function exitLink() {
    return document.querySelector("[data-aa-exit]");
  }

  function leave(url) {
    if (!url) return;
    // Hide what is on screen while the neutral page loads.
    document.documentElement.classList.add("aa-leaving");
    document.title = "";
    window.location.replace(url);
  }

  // Capture phase, before Material's instant navigation sees the click. Every click leaves
  // here, even with a modifier key: a new tab would leave this page on screen.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("[data-aa-exit]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    leave(link.href);
  }, true);

  var count = 0;
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      count = 0; // typing capitals (Shift, then a letter) never adds up
      return;
    }
    if (event.repeat) return; // holding Shift down counts once
    var now = Date.now();
    count = now - last <= WITHIN_MS ? count + 1 : 1;
    last = now;
    if (count >= PRESSES) {
      count = 0;
      var link = exitLink();
      leave(link && link.href);
    }
  }, true);

  // A page restored from the back-forward cache must not stay hidden.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("aa-leaving");
  });
})();
