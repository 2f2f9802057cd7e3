/* Material for MkDocs 9.8.2, partials/javascripts/base.html (MIT licence), moved out of the page
   so a Content-Security-Policy can forbid inline scripts. Two changes: the scope comes from the
   script's data-scope, and __md_get/__md_set survive blocked or corrupted storage (Material's
   own reads would otherwise throw and stop the palette and search). tests/test_theme_scripts.py
   fails when Material's original changes, so this copy is re-ported rather than left stale.
   One addition: while the reader has "Keep nothing on this device" on (quizkit's privacy.js; the flag
   lives in sessionStorage under data-keep-nothing), the theme's preferences (palette, ...) are not
   written to localStorage either. */
__md_scope = new URL(document.currentScript.dataset.scope, location);
__md_keep_nothing = document.currentScript.dataset.keepNothing || "";
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _, t = __md_scope) => {
  try {
    return JSON.parse((_ || localStorage).getItem(t.pathname + "." + e));
  } catch (err) {
    return null;
  }
};
__md_set = (e, _, t, a = __md_scope) => {
  try {
    if (!t && __md_keep_nothing && sessionStorage.getItem(__md_keep_nothing) === "1") return;
    (t || localStorage).setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (err) {}
};
