/* The break timer on the "Right now" page (docs/right-now.md): start, pause, resume and stop.
 *
 * Without this file the page's steps stand and the timer stays hidden. The time left is counted
 * from the clock (an end time), not from ticks, so a busy or sleeping tab never drifts. The big
 * figure is a role="timer" (never read out by itself); the status line speaks at the start, every
 * 5 minutes, in the last minute, on pause and stop, and at the end, not every second. A sound only
 * when the reader ticks the box (made here, no file, no request).
 *
 * A reader in the middle of a fight must not lose the break by looking at another page. The break
 * lives in this script, which instant navigation keeps, and in sessionStorage (this tab only, gone
 * when the tab closes, when the break ends or on Stop), so coming back by a click, Back or a reload
 * shows the time left. With "keep nothing" on it stays in memory only, as answers do (quiz.js):
 * pages opened by a click keep it, a reload loses it. It holds a time and a length, nothing else.
 * @quizkit-when [data-aa-timer]
 */
(() => {
  "use strict";

  const MINUTE = 60 * 1000;
  const EVERY = 5; // minutes between spoken updates
  const KEY = `${(window.courseQuiz && window.courseQuiz.key) || "aa-course"}:break`;

  const clock = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  /* ------------------------------------------------ the break, whichever page is shown
   * null when idle; else {length (minutes), sound, and end (running) or left (paused), or done}. */
  const keeping = () => !window.courseQuiz || window.courseQuiz.store.keeping;
  let brk = load();
  let ticker = null;
  let view = null; // the page's timer, while one is on screen

  function load() {
    if (!keeping()) return null;
    try {
      const b = JSON.parse(window.sessionStorage.getItem(KEY));
      const ok = b && typeof b === "object" && Number.isFinite(b.length) && b.length > 0
        && (b.done === true || (Number.isFinite(b.end) && b.end - Date.now() <= b.length * MINUTE)
          || (Number.isFinite(b.left) && b.left > 0 && b.left <= b.length * MINUTE));
      return ok ? b : null; // anything else was not written by this script: ignored
    } catch (e) {
      return null;
    }
  }

  function save() {
    try {
      if (brk && keeping()) window.sessionStorage.setItem(KEY, JSON.stringify(brk));
      else window.sessionStorage.removeItem(KEY);
    } catch (e) {
      /* no sessionStorage: the break lasts as long as this script */
    }
  }

  document.addEventListener("quizkit:keeping", save); // "keep nothing" switched on: out of storage at once

  function halt() {
    clearInterval(ticker);
    ticker = null;
  }

  function run() {
    halt();
    ticker = setInterval(tick, 1000);
  }

  function tick() {
    if (view && !view.root.isConnected) view = null; // the reader moved to another page: the break goes on
    const ms = brk.end - Date.now();
    if (ms <= 0) return finish();
    if (view) view.running(ms);
    return undefined;
  }

  function finish() {
    halt();
    const sound = brk.sound;
    // Seen on the page now, or on coming back to it (once).
    brk = view ? null : { length: brk.length, done: true };
    save();
    if (view) view.done();
    if (sound) chime();
  }

  /* ------------------------------------------------ the page's timer */
  function enhance(root) {
    if (root.dataset.aaReady) return;
    root.dataset.aaReady = "1";
    let words;
    try {
      words = JSON.parse(root.dataset.aaWords); // the page's own words, in its language
    } catch (e) {
      return; // no words, no timer: the steps stand
    }
    root.hidden = false;
    const fmt = (key, vars = {}) => String(words[key] || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
    const minutes = (n) => fmt(n === 1 ? "left_one" : "left_other", { n });
    // Time left said in words: the nearest whole minute (4:01 is "4 minutes", not 5), never "0 minutes".
    const inWords = (ms) => minutes(Math.max(1, Math.round(ms / MINUTE)));
    const $ = (name) => root.querySelector(`[data-aa-timer-${name}]`);
    const time = $("time");
    const length = $("length");
    const start = $("start");
    const pause = $("pause");
    const stop = $("stop");
    const sound = $("sound");
    const status = $("status");
    let spoken = 0; // the whole minute (rounded up) when the time was last said aloud

    const total = () => Number(length.value) * MINUTE;
    const say = (text) => { status.textContent = text; };
    const draw = (ms) => { time.textContent = clock(ms); };

    function buttons(state) { // "idle", "running", "paused"
      start.disabled = state === "running";
      start.textContent = fmt(state === "paused" ? "resume" : "start");
      pause.disabled = state !== "running";
      stop.disabled = state === "idle";
      length.disabled = state !== "idle";
    }

    view = {
      root,
      running(ms) {
        draw(ms);
        const whole = Math.ceil(ms / MINUTE);
        // Aloud every 5 minutes, and once when one minute is left.
        if (whole < spoken && (whole % EVERY === 0 || whole === 1)) {
          spoken = whole;
          say(minutes(whole));
        }
      },
      done() {
        buttons("idle");
        draw(total());
        say(fmt("done"));
      },
    };

    start.addEventListener("click", () => {
      const ms = (brk && brk.left) || total();
      const resuming = Boolean(brk && brk.left);
      brk = { length: Number(length.value), sound: sound.checked, end: Date.now() + ms };
      save();
      spoken = Math.ceil(ms / MINUTE);
      say(fmt(resuming ? "going" : "started", { left: inWords(ms) }));
      run();
      buttons("running");
      draw(ms);
      pause.focus();
    });

    pause.addEventListener("click", () => {
      if (!brk || !brk.end) return;
      const left = Math.max(0, brk.end - Date.now());
      halt();
      brk = { length: brk.length, sound: brk.sound, left };
      save();
      buttons("paused");
      draw(left);
      say(fmt("paused", { clock: clock(left) }));
      start.focus();
    });

    stop.addEventListener("click", () => {
      halt();
      brk = null;
      save();
      buttons("idle");
      draw(total());
      say(fmt("stopped"));
      start.focus();
    });

    sound.addEventListener("change", () => {
      if (!brk) return;
      brk.sound = sound.checked;
      save();
    });
    length.addEventListener("change", () => draw(total()));

    // Back on the page with a break under way (or just over): as it stands now.
    if (brk && [...length.options].some((o) => Number(o.value) === brk.length)) length.value = String(brk.length);
    if (brk) sound.checked = Boolean(brk.sound);
    if (brk && brk.done) {
      brk = null;
      save();
      view.done();
    } else if (brk && brk.left) {
      buttons("paused");
      draw(brk.left);
      say(fmt("paused", { clock: clock(brk.left) }));
    } else if (brk && brk.end) {
      const ms = brk.end - Date.now();
      if (ms <= 0) {
        finish();
      } else {
        spoken = Math.ceil(ms / MINUTE);
        buttons("running");
        draw(ms);
        say(fmt("going", { left: inWords(ms) }));
        if (!ticker) run();
      }
    } else {
      buttons("idle");
      draw(total());
    }
  }

  /** A soft two-note chime, made in the browser; silent if the browser has no Web Audio. */
  function chime() {
    try {
      const Audio = window.AudioContext || window.webkitAudioContext;
      const ctx = new Audio();
      [523.25, 659.25].forEach((hz, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        const at = ctx.currentTime + i * 0.6;
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.2, at + 0.05);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.2);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 1.3);
      });
    } catch (e) {
      /* no sound: the status line says it */
    }
  }

  function init() {
    document.querySelectorAll("[data-aa-timer]").forEach(enhance);
  }

  window.coursePage.onPage(init);
})();
