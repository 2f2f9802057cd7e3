/* Quick exit: leave for a neutral page at once, replacing this page in the tab's history.
 *
 * The link in the header (overrides/partials/header.html, [data-aa-exit]; a dialog carries
 * its own copy) already goes to the neutral page without JavaScript. Here a click on any of
 * them, or Shift pressed three times in a row (not Escape: search and dialogs use it), hides
 * the page and calls location.replace, so Back does not return to it. Listeners sit on the
 * document: Material's instant navigation keeps the document, so they keep working, and they
 * are added once even if this file runs again.
 *
 * No script can remove the tab's earlier entries: the pages opened before this one (by a full
 * load or by instant navigation) stay behind the Back button. Going back to the first of this
 * document's entries before leaving was tried: the later ones stay as Forward entries, and each
 * step back costs time the exit must not take. Replacing every instant navigation would keep the
 * course to one entry, but Back would then leave the course for every reader. So the exit leaves
 * a mark for this tab (sessionStorage, gone with the tab): a course page that Back or Forward
 * brings back, from the browser's cache or loaded again, is never shown and leaves again at once.
 * A new visit (a typed address, a link, a reload) clears the mark. This file runs in the page's
 * head (overrides/main.html), before anything is drawn. What it cannot hide (the titles in the
 * Back button's list, the browser's history) is said on Get help now and on Right now.
 */
(function () {
  "use strict";
  if (window.__aaQuickExit) return;
  window.__aaQuickExit = true;

  var PRESSES = 3;
  var WITHIN_MS = 2000; // between one Shift press and the next

  var script = document.currentScript;
  var neutral = script && script.dataset.aaExitUrl;
  // One mark per course: sites that share the origin keep apart (the site's path, from this file's address).
  var site = script ? new URL("../../", script.src).pathname : "/";
  var LEFT = "aa-quick-exit:" + site;

  function mark(on) {
    try {
      if (on) window.sessionStorage.setItem(LEFT, "1");
      else window.sessionStorage.removeItem(LEFT);
    } catch (e) {
      /* no sessionStorage: the exit still replaces this page */
    }
  }

  function marked() {
    try {
      return window.sessionStorage.getItem(LEFT) === "1";
    } catch (e) {
      return false;
    }
  }

  function exitLink() {
    return document.querySelector("[data-aa-exit]");
  }

  function leave(url) {
    if (!url) return;
    // Hide what is on screen while the neutral page loads.
    document.documentElement.classList.add("aa-leaving");
    document.title = "";
    mark(true);
    window.location.replace(url);
  }

  // Brought back by Back or Forward after an exit in this tab: leave again before anything shows.
  // Any other way in is the reader coming back on purpose.
  if (marked()) {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (nav && nav.type === "back_forward") leave(neutral);
    else mark(false);
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

  // A page restored from the back-forward cache is hidden still (it was left hidden): after an exit
  // it leaves again; otherwise it shows.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    if (marked()) leave(neutral || (exitLink() && exitLink().href));
    else document.documentElement.classList.remove("aa-leaving");
  });
})();
