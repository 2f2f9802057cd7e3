/* "Where do I lean?": scores the self-assessment and the optional "How do we dance?" reflection.
 *
 * The page is rendered by quizkit/tools_extension.py; with JavaScript off it
 * reads as a list of statements with a "score it by hand" guide. The scoring
 * rule is the one in quizkit/assessment.py: reverse-keyed answers count as
 * (points + 1 - x), each dimension is the mean of its statements, and a mean
 * counts as high only when it is ABOVE the midpoint (exactly the midpoint is
 * low). The midpoint comes from the page's data, so Python and the browser
 * share one source.
 *
 * The result is a position on two continuous scales, described in "leans"
 * words; which side of the middle each score falls on only picks the guidance
 * text. The chart is drawn at the width it is shown (and again when that
 * changes), so its words keep their CSS size on a phone and on a laptop.
 *
 * Saved through window.courseQuiz.store under the top-level key "assessment":
 *   {draft: {itemId: 1..7}, done: t of the result the draft produced,
 *    results: [{v: 2, t, anx, avo, set}], dance: {answers: {id: index}, result, t}}
 * Version 1 results ({t, anx, avo, region}, no "v") still display; see quizkit/assessment.py.
 * @quizkit-when [data-aa-assessment], [data-aa-dance]
   (loaded only on pages where this matches: quizkit/assets_pipeline.py)
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return; // quiz.js did not load: the page stays plain HTML
  const { fmt, plural, isRecord, dateText, claim, score } = window.courseQuiz.util;
  const SVG = "http://www.w3.org/2000/svg";
  const RESULT_VERSION = 2;
  const SHOWN_POINTS = 6; // the chart shows the latest few; the table lists them all

  /* ------------------------------------------------------------ scoring */
  function itemScore(item, x, points) {
    return item.rev ? points + 1 - x : x;
  }

  function missingItems(items, answers) {
    return items.filter((item) => !Number.isInteger(answers[item.id]));
  }

  function means(data, answers) {
    const out = {};
    for (const dim of ["anxiety", "avoidance"]) {
      const group = data.items.filter((i) => i.dim === dim);
      const sum = group.reduce((total, item) => total + itemScore(item, answers[item.id], data.points), 0);
      out[dim] = sum / group.length;
    }
    return out;
  }

  /* Which guidance text to show: the side of the midpoint each mean is on (exactly the midpoint is low). */
  function regionFor(anx, avo, mid) {
    const highAnx = anx > mid;
    const highAvo = avo > mid;
    if (highAnx && highAvo) return "both";
    if (highAnx) return "anxious";
    if (highAvo) return "avoidant";
    return "secure";
  }

  /* "middle", "little" or "toward": how far a mean sits from the midpoint, in words. */
  function leanStrength(mean, mid) {
    const distance = Math.abs(mean - mid);
    if (distance === 0) return "middle";
    return distance < 1 ? "little" : "toward";
  }

  function danceResult(dance, answers) {
    const count = { pursue: 0, withdraw: 0, both: 0, calm: 0 };
    dance.items.forEach((item) => {
      const lean = item.leans[answers[item.id]];
      if (lean in count) count[lean] += 1;
    });
    // Mostly calm answers are no clear pattern, not a switch of positions.
    if (count.calm > count.pursue && count.calm > count.withdraw && count.calm > count.both) return "calm";
    if (count.pursue > count.withdraw) return "pursue";
    if (count.withdraw > count.pursue) return "withdraw";
    return "mixed";
  }

  /* ------------------------------------------------------------ storage */
  const api = () => window.courseQuiz;

  /* A stored result as {t, anx, avo, earlier}, or null when it cannot be shown. Any version with
     a time and two means on the scale displays; "earlier" marks one from another statement set. */
  function readResult(r, points, set) {
    if (!isRecord(r)) return null;
    const onScale = (x) => typeof x === "number" && Number.isFinite(x) && x >= 1 && x <= points;
    if (typeof r.t !== "number" || !Number.isFinite(r.t) || !onScale(r.anx) || !onScale(r.avo)) return null;
    return { t: r.t, anx: r.anx, avo: r.avo, earlier: r.set !== set };
  }

  function state(points = 7, set = null) {
    const data = api().store.read();
    const a = isRecord(data.assessment) ? data.assessment : {};
    const draft = {};
    if (isRecord(a.draft)) {
      Object.entries(a.draft).forEach(([id, v]) => { if (Number.isInteger(v) && v >= 1 && v <= points) draft[id] = v; });
    }
    const results = Array.isArray(a.results) ? a.results.map((r) => readResult(r, points, set)).filter(Boolean) : [];
    return { draft, done: typeof a.done === "number" ? a.done : null, results, dance: isRecord(a.dance) ? a.dance : {} };
  }

  function update(change) {
    api().store.write((d) => {
      if (!isRecord(d.assessment)) d.assessment = {};
      const a = d.assessment;
      if (!isRecord(a.draft)) a.draft = {};
      if (!Array.isArray(a.results)) a.results = [];
      if (!isRecord(a.dance)) a.dance = {};
      change(a);
    });
  }

  /** `text` into `p`, its mention of "Get help now" a link to that page (the one in the announcement bar,
      whose words and address are this page's own), as everywhere else in the course. */
  function withHelpLink(p, text) {
    const help = document.querySelector("[data-aa-help]");
    const words = help ? help.textContent.trim() : "";
    const at = words ? text.indexOf(words) : -1;
    if (at < 0) {
      p.textContent = text;
      return;
    }
    const a = document.createElement("a");
    a.href = help.href;
    a.textContent = words;
    p.replaceChildren(text.slice(0, at), a, text.slice(at + words.length));
  }

  /* -------------------------------------------------------------- chart */
  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, typeof v === "number" ? v.toFixed(1) : v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /* A text element already in `g`, with its measured box (the CSS class sets the font):
     w and line (its height) in CSS pixels, ascent from its top to the baseline. */
  function measuredText(g, cls, text) {
    const el = svgEl("text", { class: cls, x: 0, y: 0 }, text);
    g.appendChild(el);
    const size = parseFloat(getComputedStyle(el).fontSize) || 13;
    const box = el.getBBox();
    return { el, w: box.width, size, line: Math.ceil(box.height) || Math.ceil(size * 1.3), ascent: -box.y || size * 0.8 };
  }

  const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  /* Places each label beside its dot where it overlaps no other label and no other dot, trying
     eight directions at growing distances; the first label (the latest result) gets the first pick.
     `labels`: [{x, y, r, w, h}] (dot centre and radius, label size); returns [{x, y, w, h}] boxes. */
  function placeLabels(labels, bounds) {
    const placed = [];
    const dots = labels.map((l) => ({ x: l.x - l.r, y: l.y - l.r, w: 2 * l.r, h: 2 * l.r }));
    const directions = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];
    labels.forEach((l, i) => {
      let best = null;
      let bestScore = Infinity;
      for (const gap of [4, 14, 28, 44]) {
        for (const [dx, dy] of directions) {
          const cx = l.x + dx * (l.r + gap + l.w / 2);
          const cy = l.y + dy * (l.r + gap + l.h / 2);
          const box = { x: cx - l.w / 2, y: cy - l.h / 2, w: l.w, h: l.h };
          const outside = box.x < bounds.x || box.y < bounds.y || box.x + box.w > bounds.x + bounds.w || box.y + box.h > bounds.y + bounds.h;
          if (outside) continue;
          const hits = placed.filter((p) => overlaps(box, p)).length * 10 + dots.filter((d, j) => j !== i && overlaps(box, d)).length;
          if (hits < bestScore) { best = box; bestScore = hits; }
          if (hits === 0) break;
        }
        if (bestScore === 0) break;
      }
      if (!best) best = { x: Math.min(Math.max(l.x + l.r + 4, bounds.x), bounds.x + bounds.w - l.w), y: l.y - l.h / 2, w: l.w, h: l.h };
      placed.push(best);
    });
    return placed;
  }

  /* Two end labels along one axis of length `length`: side by side when they fit, else on two lines. */
  const endsFit = (a, b, length) => a.w + b.w + 16 <= length;

  function drawChart(svg, data, shown, numbers) {
    const s = data.strings;
    const width = Math.round(svg.parentElement.getBoundingClientRect().width);
    if (!width) return;
    const g = svg.querySelector("[data-sa-plot]");
    g.textContent = "";
    const dims = data.dims;
    const lo = 1;
    const hi = data.points;

    // Measure every fixed word first; the layout follows from their sizes.
    const yTitle = measuredText(g, "sa-axis", `${dims.anxiety.label} →`);
    const xTitle = measuredText(g, "sa-axis", `${dims.avoidance.label} →`);
    const yLow = measuredText(g, "sa-axis-end", dims.anxiety.low);
    const yHigh = measuredText(g, "sa-axis-end", dims.anxiety.high);
    const xLow = measuredText(g, "sa-axis-end", dims.avoidance.low);
    const xHigh = measuredText(g, "sa-axis-end", dims.avoidance.high);
    const ticks = [];
    for (let v = lo; v <= hi; v += 1) ticks.push([v, measuredText(g, "sa-tick", String(v)), measuredText(g, "sa-tick", String(v))]);
    const tickW = Math.max(...ticks.map(([, t]) => t.w));

    const top = 10;
    const right = 10;
    // Columns left of the plot, outermost first: the two ends (rotated), the title (rotated), the ticks.
    const leftFor = (lines) => lines * yLow.line + 4 + yTitle.line + 6 + tickW + 6;
    let yLines = 1;
    let left = leftFor(1);
    let side = width - left - right;
    if (!endsFit(yLow, yHigh, side)) {
      yLines = 2;
      left = leftFor(2);
      side = width - left - right;
    }
    const xLines = endsFit(xLow, xHigh, width) ? 1 : 2;
    const bottom = 6 + ticks[0][1].line + 6 + xTitle.line + 2 + xLines * xLow.line + 4;
    const height = top + side + bottom;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));

    const px = (avo) => left + ((avo - lo) / (hi - lo)) * side;
    const py = (anx) => top + ((hi - anx) / (hi - lo)) * side;
    const mid = data.midpoint;

    // Plot area: a neutral frame, faint lines at every point of the scale, dashed lines at the middle.
    const frame = svgEl("g", { class: "sa-grid" });
    frame.appendChild(svgEl("rect", { class: "sa-frame", x: left, y: top, width: side, height: side }));
    for (let v = lo + 1; v < hi; v += 1) {
      if (v === mid) continue;
      frame.appendChild(svgEl("line", { class: "sa-gridline", x1: px(v), y1: top, x2: px(v), y2: top + side }));
      frame.appendChild(svgEl("line", { class: "sa-gridline", x1: left, y1: py(v), x2: left + side, y2: py(v) }));
    }
    frame.appendChild(svgEl("line", { class: "sa-mid", x1: px(mid), y1: top, x2: px(mid), y2: top + side }));
    frame.appendChild(svgEl("line", { class: "sa-mid", x1: left, y1: py(mid), x2: left + side, y2: py(mid) }));
    g.insertBefore(frame, g.firstChild);

    // Ticks.
    const tickBase = top + side + 6 + ticks[0][1].size;
    ticks.forEach(([v, under, beside]) => {
      under.el.setAttribute("x", px(v).toFixed(1));
      under.el.setAttribute("y", tickBase.toFixed(1));
      under.el.setAttribute("text-anchor", "middle");
      beside.el.setAttribute("x", (left - 6).toFixed(1));
      beside.el.setAttribute("y", (py(v) + beside.size * 0.35).toFixed(1));
      beside.el.setAttribute("text-anchor", "end");
    });

    // The across axis: title centred under the ticks, then its two ends.
    const xTitleBase = tickBase + 6 + xTitle.size;
    xTitle.el.setAttribute("x", (left + side / 2).toFixed(1));
    xTitle.el.setAttribute("y", xTitleBase.toFixed(1));
    xTitle.el.setAttribute("text-anchor", "middle");
    const xEndBase = xTitleBase + 2 + xLow.line;
    xLow.el.setAttribute("x", xLines === 1 ? left.toFixed(1) : "0");
    xLow.el.setAttribute("y", xEndBase.toFixed(1));
    xHigh.el.setAttribute("x", (xLines === 1 ? left + side : width).toFixed(1));
    xHigh.el.setAttribute("y", (xEndBase + (xLines - 1) * xLow.line).toFixed(1));
    xHigh.el.setAttribute("text-anchor", "end");
    if (xLines === 1 && (xLow.w + xHigh.w + 16 > side)) { // wider than the plot: use the whole width
      xLow.el.setAttribute("x", "0");
      xHigh.el.setAttribute("x", String(width));
    }

    // The up axis, rotated: ends outermost, the title next to the ticks.
    const rotate = (t, x, y, anchor) => {
      t.el.setAttribute("x", x.toFixed(1));
      t.el.setAttribute("y", y.toFixed(1));
      t.el.setAttribute("text-anchor", anchor);
      t.el.setAttribute("transform", `rotate(-90 ${x.toFixed(1)} ${y.toFixed(1)})`);
    };
    const endX = yLow.size;
    rotate(yLow, endX, top + side, "start");
    rotate(yHigh, endX + (yLines - 1) * yLow.line, top, "end");
    rotate(yTitle, yLines * yLow.line + 4 + yTitle.size, top + side / 2, "middle");

    // Points: the latest results, earlier ones hollow; results at one spot share one label.
    const spots = [];
    shown.forEach((r, i) => {
      const x = px(r.avo);
      const y = py(r.anx);
      const now = i === shown.length - 1;
      const name = now ? s.sa_point_label : String(numbers[i]);
      const spot = spots.find((p) => Math.abs(p.x - x) < 1 && Math.abs(p.y - y) < 1);
      if (spot) { spot.names.push(name); spot.now = spot.now || now; } else spots.push({ x, y, names: [name], now, result: r });
    });
    spots.sort((a, b) => Number(b.now) - Number(a.now)); // the latest first: it gets the clearest place
    const dotLayer = svgEl("g", { class: "sa-points" });
    spots.slice().reverse().forEach((p) => {
      dotLayer.appendChild(svgEl("circle", {
        class: p.now ? "sa-dot sa-dot--now" : "sa-dot sa-dot--earlier",
        cx: p.x, cy: p.y, r: p.now ? 8 : 5.5, "data-anx": String(p.result.anx), "data-avo": String(p.result.avo),
      }));
    });
    g.appendChild(dotLayer);
    const texts = spots.map((p) => measuredText(g, p.now ? "sa-dot-label sa-dot-label--now" : "sa-dot-label", p.names.join(", ")));
    const halo = 3; // the label's outline in the page colour (tools.css) is part of its box
    const boxes = placeLabels(
      spots.map((p, i) => ({ x: p.x, y: p.y, r: p.now ? 8 : 5.5, w: texts[i].w + 2 * halo, h: texts[i].line + 2 * halo })),
      { x: left, y: 0, w: side + right, h: top + side },
    );
    boxes.forEach((box, i) => {
      texts[i].el.setAttribute("x", (box.x + halo).toFixed(1));
      texts[i].el.setAttribute("y", (box.y + halo + texts[i].ascent).toFixed(1));
    });
  }

  /* The date or the time of a result, in the page's language (the table puts them on two lines on a phone). */
  function dateParts(time, style) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, style).format(new Date(time));
    } catch (e) {
      return dateText(time);
    }
  }

  /* ------------------------------------------------------------- widget */
  /* After a yes in the page's safety check, its "Get help now first" stands: the lessons are for later (walk 16). */
  const lessonsHeading = (s) => (document.querySelector("[data-aa-safety] .sc-said--yes") ? s.sa_lessons_later : s.sa_lessons_heading);

  function lessonList(lessons, heading) {
    const wrap = document.createElement("div");
    if (!lessons || !lessons.length) return wrap;
    const p = document.createElement("p");
    p.textContent = heading;
    p.dataset.saLessonsHeading = "";
    const ul = document.createElement("ul");
    lessons.forEach((l) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = l.href;
      a.textContent = l.title;
      li.appendChild(a);
      ul.appendChild(li);
    });
    wrap.append(p, ul);
    return wrap;
  }

  function enhanceAssessment(root) {
    const data = claim(root, "aa-tool--js");
    if (!data) return;
    const s = data.strings;
    // The safety check sits in the result: a yes answered after the result is drawn retitles its lessons.
    root.addEventListener("change", (event) => {
      if (!event.target.closest("[data-aa-safety]")) return;
      document.querySelectorAll("[data-sa-lessons-heading]").forEach((p) => { p.textContent = lessonsHeading(s); });
    });
    const form = root.querySelector("[data-sa-form]");
    const status = root.querySelector("[data-sa-status]");
    const missingBox = root.querySelector("[data-sa-missing]");
    const result = root.querySelector("[data-sa-result]");
    const svg = root.querySelector("[data-sa-chart]");
    const jump = root.querySelector("[data-sa-jump]");
    const items = data.items;
    const read = () => state(data.points, data.set);
    const inputs = (id) => Array.from(form.querySelectorAll(`input[name="sa-${id}"]`));
    const valueOf = (id) => {
      const c = inputs(id).find((i) => i.checked);
      return c ? Number(c.value) : null;
    };
    const answers = () => {
      const out = {};
      items.forEach((i) => { const v = valueOf(i.id); if (v !== null) out[i.id] = v; });
      return out;
    };
    const showCount = () => {
      const done = Object.keys(answers()).length;
      // Under "keep nothing" the answers live only in this page: say so, not "saved".
      const key = api().store.keeping === false ? "sa_answered_unsaved" : "sa_answered";
      status.textContent = done ? plural(s, key, done, { done, total: items.length }) : "";
    };

    root.querySelector("[data-sa-actions]").hidden = false;
    api().store.onNotice((kind) => {
      if (kind !== "storage_off") return;
      const note = root.querySelector("[data-sa-storage]");
      note.textContent = s.sa_storage_off;
      note.hidden = false;
    });

    // Restore the saved draft (partial answers are kept).
    const saved = read();
    items.forEach((item) => {
      const v = saved.draft[item.id];
      if (Number.isInteger(v)) inputs(item.id).forEach((i) => { i.checked = Number(i.value) === v; });
    });
    showCount();

    form.addEventListener("change", (event) => {
      const input = event.target;
      if (!input.name || !input.name.startsWith("sa-")) return;
      const id = input.name.slice(3);
      update((a) => { a.draft[id] = Number(input.value); delete a.done; });
      const li = input.closest("[data-sa-item]");
      if (li) li.classList.remove("sa-item--missing");
      showCount();
      if (missingBox.textContent && !missingItems(items, answers()).length) missingBox.textContent = "";
    });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const given = answers();
      const missing = missingItems(items, given);
      missingBox.textContent = "";
      form.querySelectorAll(".sa-item--missing").forEach((li) => li.classList.remove("sa-item--missing"));
      if (missing.length) {
        const p = document.createElement("p");
        p.textContent = s.sa_missing;
        const ul = document.createElement("ul");
        missing.forEach((item) => {
          const n = items.indexOf(item) + 1;
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = `#sa-${item.id}`;
          a.textContent = fmt(s.sa_missing_item, { n });
          a.addEventListener("click", (e) => {
            // Ours alone: Material's instant navigation took the click too, as a new page, and moved
            // focus on to the statement's row once this had put it on the scale (walk 13).
            e.preventDefault();
            e.stopPropagation();
            const first = inputs(item.id)[0];
            first.closest("[data-sa-item]").scrollIntoView({ block: "center" });
            first.focus();
          });
          li.appendChild(a);
          ul.appendChild(li);
          form.querySelector(`[data-sa-item="${item.id}"]`).classList.add("sa-item--missing");
        });
        missingBox.append(p, ul);
        return;
      }
      // The same answers scored twice are one result: a second press only shows it again.
      const before = read();
      const latest = before.results[before.results.length - 1];
      if (!(before.done !== null && latest && latest.t === before.done)) {
        const m = means(data, given);
        const t = Date.now();
        update((a) => {
          a.results.push({ v: RESULT_VERSION, t, anx: m.anxiety, avo: m.avoidance, set: data.set });
          a.done = t;
        });
      }
      showResult(true);
    });

    root.querySelector("[data-sa-clear]").addEventListener("click", () => {
      clearAnswers();
      status.textContent = s.sa_cleared;
    });

    root.querySelector("[data-sa-again]").addEventListener("click", () => {
      clearAnswers();
      result.hidden = true;
      jump.hidden = true;
      const first = form.querySelector("input");
      first.closest("[data-sa-item]").scrollIntoView({ block: "center" });
      first.focus();
    });

    function clearAnswers() {
      update((a) => { a.draft = {}; delete a.done; });
      form.querySelectorAll("input").forEach((i) => { i.checked = false; });
      form.querySelectorAll(".sa-item--missing").forEach((li) => li.classList.remove("sa-item--missing"));
      missingBox.textContent = "";
    }

    let drawn = [];
    function showResult(focus) {
      const { results } = read();
      if (!results.length) return;
      const latest = results[results.length - 1];
      const lines = ["anxiety", "avoidance"].map((dim) => {
        const mean = dim === "anxiety" ? latest.anx : latest.avo;
        const strength = leanStrength(mean, data.midpoint);
        const d = data.dims[dim];
        return fmt(s[`sa_lean_${strength}`], { dim: d.label, score: score(mean), max: data.points, end: mean > data.midpoint ? d.high : d.low });
      });
      const summary = root.querySelector("[data-sa-summary]");
      summary.textContent = "";
      lines.forEach((line) => { const li = document.createElement("li"); li.textContent = line; summary.appendChild(li); });
      root.querySelector("[data-sa-chart-desc]").textContent = lines.join(" ");
      const region = data.regions[regionFor(latest.anx, latest.avo, data.midpoint)];
      const box = root.querySelector("[data-sa-guidance]");
      box.textContent = "";
      const h = document.createElement("h3");
      h.textContent = s.sa_guidance_heading;
      const p = document.createElement("p");
      withHelpLink(p, region.text);
      box.append(h, p, lessonList(region.lessons, lessonsHeading(s)));
      drawHistory(results);
      result.hidden = false;
      drawn = results;
      redraw();
      if (focus) land();
    }

    /* "See my result" lands on the result: its top just under the header (whatever the header's
       height: it has two rows on a phone), focus on its heading, which is read out first. */
    function land() {
      const heading = result.querySelector("h2");
      const header = document.querySelector(".md-header");
      const covered = header ? header.getBoundingClientRect().bottom : 0;
      heading.tabIndex = -1;
      window.scrollBy(0, result.getBoundingClientRect().top - covered - 8);
      heading.focus({ preventScroll: true });
    }

    function redraw() {
      if (!drawn.length || result.hidden) return;
      const first = Math.max(0, drawn.length - SHOWN_POINTS);
      const shown = drawn.slice(first);
      drawChart(svg, data, shown, shown.map((_, i) => first + i + 1));
    }
    let lastWidth = 0;
    if (typeof ResizeObserver === "function") {
      new ResizeObserver((entries) => {
        const w = Math.round(entries[0].contentRect.width);
        if (w && w !== lastWidth) { lastWidth = w; redraw(); }
      }).observe(svg.parentElement);
    }

    function drawHistory(results) {
      const box = root.querySelector("[data-sa-history]");
      box.textContent = "";
      if (results.length < 2) {
        const p = document.createElement("p");
        p.textContent = s.sa_history_none;
        box.appendChild(p);
      }
      const table = document.createElement("table");
      table.className = "sa-history";
      const head = table.createTHead().insertRow();
      [s.sa_col_number, s.sa_col_date, data.dims.anxiety.label, data.dims.avoidance.label].forEach((text) => {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = text;
        head.appendChild(th);
      });
      const body = table.createTBody();
      results.slice().reverse().forEach((r, i) => {
        const row = body.insertRow();
        const n = results.length - i;
        const number = document.createElement("th");
        number.scope = "row";
        number.textContent = String(n);
        row.appendChild(number);
        const date = row.insertCell();
        [["sa-date", { dateStyle: "medium" }], ["sa-time", { timeStyle: "short" }]].forEach(([cls, style], k) => {
          const part = document.createElement("span");
          part.className = cls;
          part.textContent = (k ? " " : "") + dateParts(r.t, style);
          date.appendChild(part);
        });
        if (r.earlier) date.lastChild.textContent += " *"; // with the time, so it never sits on a line alone
        [r.anx, r.avo].forEach((mean) => { row.insertCell().textContent = score(mean); });
        if (i === 0) row.className = "sa-history-now";
      });
      box.appendChild(table);
      if (results.some((r) => r.earlier)) {
        const note = document.createElement("p");
        note.className = "sa-earlier-note";
        note.textContent = `* ${s.sa_earlier_set}`;
        box.appendChild(note);
      }
    }

    // A saved result is shown on arrival, with a link to it from the top of the form.
    if (saved.results.length) {
      const latest = saved.results[saved.results.length - 1];
      jump.textContent = `${fmt(s.sa_last_result, { date: dateText(latest.t) })} `;
      const link = document.createElement("a");
      link.href = "#sa-result";
      link.textContent = s.sa_last_result_link;
      link.addEventListener("click", (e) => {
        e.preventDefault();
        e.stopPropagation(); // ours alone, as the missing statements' links (no #sa-result left in the address)
        result.scrollIntoView({ block: "start" });
        result.focus({ preventScroll: true });
      });
      jump.appendChild(link);
      jump.hidden = false;
      showResult(false);
    }
  }

  function enhanceDance(root) {
    const data = claim(root, "aa-tool--js", (d) => d.dance && d.dance.items.length);
    if (!data) return;
    const s = data.strings;
    const dance = data.dance;
    const form = root.querySelector("[data-sa-dance-form]");
    const missingBox = root.querySelector("[data-sa-dance-missing]");
    const out = root.querySelector("[data-sa-dance-result]");
    root.querySelector("[data-sa-actions]").hidden = false;
    const valueOf = (id) => {
      const c = Array.from(form.querySelectorAll(`input[name="sa-${id}"]`)).find((i) => i.checked);
      return c ? Number(c.value) : null;
    };
    const saved = state(data.points, data.set).dance;
    const savedAnswers = isRecord(saved.answers) ? saved.answers : {};
    dance.items.forEach((item) => {
      const v = savedAnswers[item.id];
      if (Number.isInteger(v)) form.querySelectorAll(`input[name="sa-${item.id}"]`).forEach((i) => { i.checked = Number(i.value) === v; });
    });

    form.addEventListener("change", (event) => {
      const input = event.target;
      if (!input.name || !input.name.startsWith("sa-")) return;
      update((a) => {
        if (!isRecord(a.dance.answers)) a.dance.answers = {};
        a.dance.answers[input.name.slice(3)] = Number(input.value);
      });
    });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answers = {};
      dance.items.forEach((item) => { const v = valueOf(item.id); if (v !== null) answers[item.id] = v; });
      if (Object.keys(answers).length < dance.items.length) {
        missingBox.textContent = s.sa_dance_missing;
        return;
      }
      missingBox.textContent = "";
      const key = danceResult(dance, answers);
      update((a) => { a.dance.answers = answers; a.dance.result = key; a.dance.t = Date.now(); });
      show(key);
    });

    function show(key) {
      const r = dance.results[key];
      if (!r) return;
      out.textContent = "";
      const h = document.createElement("h3");
      h.textContent = r.name;
      const p = document.createElement("p");
      withHelpLink(p, r.text);
      out.append(h, p, lessonList(r.lessons, lessonsHeading(s)));
    }
    if (typeof saved.result === "string") show(saved.result);
  }

  function init() {
    document.querySelectorAll("[data-aa-assessment]").forEach(enhanceAssessment);
    document.querySelectorAll("[data-aa-dance]").forEach(enhanceDance);
  }

  window.courseAssessment = { itemScore, means, regionFor, leanStrength, readResult, placeLabels, danceResult };
  window.coursePage.onPage(init);
})();
