/* The break timer on the "Right now" page (docs/right-now.md): start, pause, resume and stop.
 *
 * Without this file the page's steps stand and the timer stays hidden. The time left is counted
 * from the clock (an end time), not from ticks, so a busy or sleeping tab never drifts. The big
 * figure is a role="timer" (never read out by itself); the status line speaks at the start, every
 * 5 minutes, in the last minute, on pause and stop, and at the end, not every second. A sound only
 * when the reader ticks the box (made here, no file, no request). Nothing is stored.
 * @quizkit-when [data-aa-timer]
 */
(() => {
  "use strict";

  const MINUTE = 60 * 1000;
  const EVERY = 5; // minutes between spoken updates

  const clock = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

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
    const $ = (name) => root.querySelector(`[data-aa-timer-${name}]`);
    const time = $("time");
    const length = $("length");
    const start = $("start");
    const pause = $("pause");
    const stop = $("stop");
    const sound = $("sound");
    const status = $("status");
    let end = 0; // when the break ends, while running
    let left = 0; // what is left, while paused
    let spoken = 0; // the last whole minute said aloud
    let ticker = null;

    const total = () => Number(length.value) * MINUTE;
    const running = () => ticker !== null;
    const say = (text) => { status.textContent = text; };
    const draw = (ms) => { time.textContent = clock(ms); };

    function buttons(state) { // "idle", "running", "paused"
      start.disabled = state === "running";
      start.textContent = fmt(state === "paused" ? "resume" : "start");
      pause.disabled = state !== "running";
      stop.disabled = state === "idle";
      length.disabled = state !== "idle";
    }

    function halt() {
      clearInterval(ticker);
      ticker = null;
    }

    function tick() {
      if (!root.isConnected) return halt(); // the reader moved to another page
      const ms = end - Date.now();
      draw(ms);
      if (ms <= 0) return finish();
      const whole = Math.ceil(ms / MINUTE);
      // Aloud every 5 minutes, and once when one minute is left.
      if (whole < spoken && (whole % EVERY === 0 || whole === 1)) {
        spoken = whole;
        say(minutes(whole));
      }
      return undefined;
    }

    function finish() {
      halt();
      buttons("idle");
      draw(total());
      say(fmt("done"));
      if (sound.checked) chime();
    }

    start.addEventListener("click", () => {
      const ms = left || total();
      end = Date.now() + ms;
      spoken = Math.ceil(ms / MINUTE);
      say(fmt(left ? "going" : "started", { left: minutes(spoken) }));
      left = 0;
      ticker = setInterval(tick, 1000);
      buttons("running");
      draw(ms);
      pause.focus();
    });

    pause.addEventListener("click", () => {
      if (!running()) return;
      left = Math.max(0, end - Date.now());
      halt();
      buttons("paused");
      draw(left);
      say(fmt("paused", { clock: clock(left) }));
      start.focus();
    });

    stop.addEventListener("click", () => {
      halt();
      left = 0;
      buttons("idle");
      draw(total());
      say(fmt("stopped"));
      start.focus();
    });

    length.addEventListener("change", () => draw(total()));
    buttons("idle");
    draw(total());
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
