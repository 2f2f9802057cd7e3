/* What every script needs to know about the page, in one place (first in quizkit.js, so the others can use it).
 *
 * - onPage(fn): fn runs now if a page is shown, and again whenever Material shows a new one (its
 *   document$, on the first load and after every instant navigation). Without Material, once the DOM is ready.
 * - onStored(fn): fn runs once whatever the store saved changes: an answer, "Delete all my data", an
 *   import ("quizkit:stored", from the store in quiz.js), "keep nothing" switched, or another tab.
 *   Several changes in one task make one call, so a delete redraws each view once.
 * - After an instant navigation, focus goes to the new page's main heading (or to the address's
 *   #target), without scrolling: the next Tab is then inside the page, not back at the menu's top.
 *   After Back or Forward, to the link the reader followed from that page, where they left it.
 * - A link opens its page at the top, or at its #target (held there while the page finishes drawing), even
 *   when Material's scroll record of the old page wins a race with the new one (landOnTarget). Back and
 *   Forward keep the offset Material restores, held the same way.
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

  // The link each page was left by (its address without #fragment -> the link's href), for focus after Back.
  const leftBy = new Map();
  const bare = (href) => href.split("#")[0];
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link) leftBy.set(bare(location.href), link.href);
  }, true);

  /** After Back/Forward: focus the link the reader left this page by, the one on screen if there are several. */
  function focusLeftBy() {
    const href = leftBy.get(bare(location.href));
    const links = href ? Array.from(document.querySelectorAll("a[href]")).filter((a) => a.href === href) : [];
    const onScreen = (a) => { const r = a.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; };
    const link = links.find(onScreen) || links[0];
    if (!link) return false;
    link.focus({ preventScroll: true });
    return document.activeElement === link; // a link now hidden (a closed menu) takes no focus
  }

  // The light/dark switch is Material's pair of radios, which it turns on Enter; a switch turns on Space too
  // (a checked radio ignores Space). Handed to Material's own Enter handler on the palette form.
  document.addEventListener("keydown", (event) => {
    const radio = event.target instanceof Element ? event.target.closest(".md-header .md-option") : null;
    if (!radio || event.key !== " " || event.repeat) return;
    event.preventDefault();
    radio.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  });

  // The address Back/Forward went to, to an entry Material recorded an offset for: it restores that, leave it.
  // A fragment navigation (Material's own to a #target, or landOnTarget's) fires popstate too, with no state.
  let restored = null;
  window.addEventListener("popstate", (event) => { if (event.state !== null) restored = location.href; });

  /** After an instant navigation by a link: start at the top, or at the address's #target, and hold the target.
   * True for Back/Forward. */
  function landOnTarget() {
    const back = restored === location.href;
    restored = null;
    if (back) {
      // Back/Forward: Material restores the offset this entry recorded, measured on the finished page. The
      // page's late styles may change heights above it, and the browser's scroll anchoring then keeps what was
      // on screen at the restore, not that offset: the reader came back 48 px from where they left.
      const offset = history.state && history.state.y;
      if (typeof offset === "number") hold(() => window.scrollTo(0, offset));
      return true;
    }
    const target = location.hash ? start() : null;
    // A new entry has no state when Material scrolls (it pushed null), unless its debounced scroll record wrote
    // the old page's offset there first (a tap while the old page still scrolls, a slow fetch): the new page
    // then opened at the old page's offset, the end of a long lesson for its "Next step". Start over as
    // Material would have: at the top, or by a fragment navigation to the #target (same address: the entry is
    // replaced, not added), which makes it :target, whose scroll-margin keeps it clear of the header.
    if (history.state !== null) {
      history.replaceState(null, "");
      if (target && !target.matches("h1")) {
        const link = document.createElement("a");
        link.href = location.hash;
        link.click();
      } else {
        window.scrollTo(0, 0);
      }
    }
    // The target is :target: its scroll-margin clears the header. Its place, not an offset measured at landing:
    // the browser may itself defer the fragment's scroll until pending stylesheets are in.
    if (target) hold(() => { if (target.isConnected) target.scrollIntoView({ behavior: "instant" }); });
    return false;
  }

  /* The page's own styles come with its content and load after it is shown (on a phone its tables become cards,
     thousands of pixels taller), and loader.js adds scripts that redraw parts of it: what is above the reader's
     place can change height after the landing. Put the page back at that place (place()) whenever the content
     changes size, until the reader scrolls, taps, clicks or presses a key, or the styles are in and nothing has
     moved for a second (20 s at most). */
  const READER_MOVES = ["wheel", "touchstart", "pointerdown", "keydown"];
  function hold(place) {
    const content = document.querySelector(".md-content") || document.body;
    const watch = new ResizeObserver(() => {
      place();
      settled(); // something moved: wait for a quiet second again
    });
    const styled = () => Array.from(document.querySelectorAll("link[rel=stylesheet]")).every((link) => link.sheet)
      && !(window.coursePage.loading && window.coursePage.loading()); // and loader.js's scripts have run
    // A scroll nobody asked for in the first two seconds (no reader move came first: those stop the hold) is
    // Material's record or restore landing late under load: back to the place. Seen in CI: a link's #target
    // left 1,279 px below the top after the page had landed.
    const began = performance.now();
    const drift = () => { if (performance.now() - began < 2000) place(); };
    let quiet = 0;
    const settled = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => (styled() ? stop() : settled()), 1000);
    };
    const stop = () => {
      watch.disconnect();
      clearTimeout(quiet);
      window.removeEventListener("scroll", drift);
      READER_MOVES.forEach((type) => window.removeEventListener(type, stop, true));
      window.removeEventListener("popstate", back);
    };
    // Back or Forward: this page is leaving, and a scroll now would be recorded on the entry gone back to.
    const back = (event) => { if (event.state !== null) stop(); };
    READER_MOVES.forEach((type) => window.addEventListener(type, stop, { capture: true, passive: true }));
    window.addEventListener("popstate", back);
    window.addEventListener("scroll", drift, { passive: true });
    watch.observe(content);
    settled();
    setTimeout(stop, 20000);
  }

  function shownNow() {
    shown += 1;
    if (shown > 1) {
      const back = landOnTarget();
      // A full load leaves focus to the browser (the skip link is the first Tab). Back/Forward: the link left
      // by, so the next Tab goes on from where the reader was, not from the heading at the top.
      if (!(back && focusLeftBy())) focusStart();
    }
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
