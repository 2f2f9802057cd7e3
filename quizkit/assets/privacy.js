/* "Keep nothing on this device", and the one-time note the first time anything is saved.
 *
 * The switch sits in the announcement bar on every page (overrides/partials/keep-nothing.html).
 * It only flips quiz.js's store (window.courseQuiz.store.keep): every tool saves through that
 * store, so one switch covers them all. While it is on, <html> carries `aa-keep-nothing`, which
 * hides done marks (CSS), and the theme's own preferences are not written either (base.js).
 * Turning it on offers to delete what is already saved; the default stays "saving on".
 */
(() => {
  "use strict";

  if (!window.courseQuiz || !window.courseQuiz.store.keep) return;
  const { store, t } = window.courseQuiz;

  function reflect(root) {
    const on = !store.keeping;
    document.documentElement.classList.toggle("aa-keep-nothing", on);
    if (root) root.querySelector("[data-aa-keep-switch]").setAttribute("aria-checked", String(on));
  }

  function enhance(root) {
    if (root.dataset.aaKeepReady) return;
    root.dataset.aaKeepReady = "1";
    root.hidden = false;
    const button = root.querySelector("[data-aa-keep-switch]");
    const panel = root.querySelector("[data-aa-keep-panel]");
    const text = root.querySelector("[data-aa-keep-text]");
    const actions = root.querySelector("[data-aa-keep-actions]");
    const say = (message, ask) => {
      panel.hidden = false;
      text.textContent = message;
      actions.hidden = !ask;
    };
    reflect(root);

    button.addEventListener("click", () => {
      const turningOn = store.keeping;
      store.keep(!turningOn);
      // The theme's display preferences (light or dark, …) hold nothing personal but show the site
      // was used: they go at once. The reader's own answers are theirs to keep or delete (below).
      if (turningOn) store.wipe({ mine: false });
      reflect(root);
      if (!turningOn) say(t("keep_off_now"), false);
      else if (store.saved()) say(`${t("keep_on_now")} ${t("keep_ask_delete")}`, true);
      else say(t("keep_on_now"), false);
    });
    root.querySelector("[data-aa-keep-delete]").addEventListener("click", () => {
      store.wipe();
      say(t("keep_deleted"), false);
      button.focus();
    });
    root.querySelector("[data-aa-keep-leave]").addEventListener("click", () => {
      say(t("keep_left"), false);
      button.focus();
    });
  }

  /* ------------------------------------------------ the first time anything is saved */
  function firstSaveNote() {
    if (document.querySelector("[data-aa-first-save]")) return;
    const box = document.createElement("section");
    box.className = "aa-first-save";
    box.setAttribute("data-aa-first-save", "");
    box.setAttribute("aria-label", t("first_save_label"));
    const message = document.createElement("p");
    message.setAttribute("role", "status");
    const row = document.createElement("p");
    row.className = "aa-first-save__actions";
    const stop = document.createElement("button");
    stop.type = "button";
    stop.className = "aa-keep__action";
    stop.textContent = t("first_save_stop");
    const ok = document.createElement("button");
    ok.type = "button";
    ok.className = "aa-keep__action";
    ok.textContent = t("first_save_ok");
    row.append(stop, ok);
    box.append(message, row);
    // Right where the reader just acted (the question, the statement, the tool), so it covers nothing.
    const active = document.activeElement;
    // (A statement's whole row, never one 44 px point of its scale, which is a list item too.)
    const host = active && active !== document.body ? active.closest(".qz-question, .sa-item, .aa-tool") || active.closest("li") : null;
    // What the reader is using stays under their finger: the page scrolls by what grew above it.
    const steady = (change) => {
      const keep = host && active.isConnected;
      const before = keep ? active.getBoundingClientRect().top : 0;
      change();
      const moved = keep ? active.getBoundingClientRect().top - before : 0;
      if (moved) window.scrollBy({ top: moved, behavior: "instant" });
    };
    // Above a statement, so Tab from its scale goes on to the next statement, never to "Keep nothing".
    steady(() => {
      if (host && host.matches(".sa-item")) host.prepend(box);
      else if (host) host.appendChild(box);
      else (document.querySelector("article.md-content__inner") || document.body).prepend(box);
    });
    // Filled after the region is in the page, so screen readers announce it.
    setTimeout(() => steady(() => { message.textContent = t("first_save_text"); }), 50);
    const close = () => steady(() => box.remove());
    // OK: back to where the reader was, which has not moved.
    ok.addEventListener("click", () => {
      close();
      if (host && active.isConnected) active.focus({ preventScroll: true });
    });
    stop.addEventListener("click", () => {
      close();
      const root = document.querySelector("[data-aa-keep]");
      if (store.keeping && root) root.querySelector("[data-aa-keep-switch]").click();
      if (root) root.querySelector("[data-aa-keep-switch]").focus();
    });
  }
  document.addEventListener("quizkit:first-save", firstSaveNote);

  function init() {
    document.querySelectorAll("[data-aa-keep]").forEach(enhance);
    reflect(document.querySelector("[data-aa-keep]"));
  }

  window.coursePage.onPage(init);
})();
