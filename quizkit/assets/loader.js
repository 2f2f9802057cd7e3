/* Loads a tool's script and styles on the pages that use it (quizkit/assets_pipeline.py).
 *
 * It runs last in quizkit.js, the one script every page carries. Its tag lists the
 * on-demand files (data-quizkit-assets: [{name, when}]); whenever Material shows a page,
 * on the first load and after every instant navigation (page.js: onPage), each file whose
 * `when` selector matches the page is added once, from the site's own origin (the
 * Content-Security-Policy's 'self'). Styles a page's own <link> already carries are
 * named in its data-quizkit-has, so they are not fetched twice.
 */
(() => {
  "use strict";
  const tag = document.currentScript;
  if (!tag) return;
  // Resolved now: the attribute is relative, and instant navigation changes the page it is relative to.
  const base = tag.src;
  let wanted = [];
  try {
    wanted = JSON.parse(tag.dataset.quizkitAssets || "[]");
  } catch (e) {
    wanted = [];
  }
  const added = new Set();
  let loading = 0; // files added and not yet loaded (page.js waits for them before it lets go of a #target)

  function add(name) {
    added.add(name);
    const url = new URL(name, base).href;
    loading += 1;
    const loaded = () => { loading -= 1; };
    if (name.endsWith(".css")) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = url;
      link.addEventListener("load", loaded, { once: true });
      link.addEventListener("error", loaded, { once: true });
      document.head.append(link);
    } else {
      const script = document.createElement("script");
      script.src = url;
      script.async = false; // run in list order, after this bundle
      script.addEventListener("load", loaded, { once: true });
      script.addEventListener("error", loaded, { once: true });
      document.head.append(script);
    }
  }

  function load() {
    // A page's own stylesheet may carry some (on a full load, and instant navigation copies it over).
    document.querySelectorAll("link[data-quizkit-has]").forEach((link) =>
      link.dataset.quizkitHas.split(" ").forEach((name) => added.add(name)));
    for (const { name, when } of wanted) {
      if (added.has(name)) continue;
      try {
        if (document.querySelector(when)) add(name);
      } catch (e) {
        // an invalid selector is the build's mistake: skip that file, keep the rest
      }
    }
  }

  window.coursePage.onPage(load); // page.js, first in the same bundle
  window.coursePage.loading = () => loading;
})();
