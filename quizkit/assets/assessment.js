/* "Where do I lean?": scores the self-assessment and the optional "How do we dance?" reflection.
 *
 * The page is rendered by quizkit/tools_extension.py; with JavaScript off it
 * reads as a list of statements with a "score it by hand" guide. The scoring
 * rule is the one in quizkit/assessment.py: reverse-keyed answers count as
 * (points + 1 - x), each dimension is the mean of its statements, and a mean
 * counts as high only when it is ABOVE the midpoint (exactly the midpoint is
 * low). The midpoint and the chart geometry come from the page's data, so
 * Python and the browser share one source.
 *
 * Saved through window.courseQuiz.store under the top-level key "assessment":
 *   {draft: {itemId: 1..7}, results: [{t, anx, avo, region}], dance: {answers: {id: index}, result, t}}
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return; // quiz.js did not load: the page stays plain HTML
  const { fmt, isRecord, dateText, claim } = window.courseQuiz.util;
  const SVG = "http://www.w3.org/2000/svg";
  const REGIONS = ["secure", "anxious", "avoidant", "both"];


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

  function regionFor(anx, avo, mid) {
    const highAnx = anx > mid;
    const highAvo = avo > mid;
    if (highAnx && highAvo) return "both";
    if (highAnx) return "anxious";
    if (highAvo) return "avoidant";
    return "secure";
  }

  function position(chart, anx, avo) {
    const span = chart.max - chart.min;
    return {
      x: chart.x0 + ((avo - chart.min) / span) * chart.w,
      y: chart.y0 + ((chart.max - anx) / span) * chart.h,
    };
  }

  function danceResult(dance, answers) {
    const count = { pursue: 0, withdraw: 0 };
    dance.items.forEach((item) => {
      const lean = item.leans[answers[item.id]];
      if (lean in count) count[lean] += 1;
    });
    if (count.pursue > count.withdraw) return "pursue";
    if (count.withdraw > count.pursue) return "withdraw";
    return "mixed";
  }

  /* ------------------------------------------------------------ storage */
  const api = () => window.courseQuiz;

  function state() {
    const data = api().store.read();
    const a = isRecord(data.assessment) ? data.assessment : {};
    return {
      draft: isRecord(a.draft) ? a.draft : {},
      results: Array.isArray(a.results) ? a.results.filter(validResult) : [],
      dance: isRecord(a.dance) ? a.dance : {},
    };
  }

  function validResult(r) {
    return isRecord(r) && typeof r.t === "number" && typeof r.anx === "number" && typeof r.avo === "number" && REGIONS.includes(r.region);
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


  const one = (n) => (Math.round(n * 100) / 100).toFixed(2).replace(/0$/, "");

  /* ------------------------------------------------------------- widget */
  function lessonList(lessons, heading) {
    const wrap = document.createElement("div");
    if (!lessons || !lessons.length) return wrap;
    const p = document.createElement("p");
    p.textContent = heading;
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
    const form = root.querySelector("[data-sa-form]");
    const status = root.querySelector("[data-sa-status]");
    const missingBox = root.querySelector("[data-sa-missing]");
    const result = root.querySelector("[data-sa-result]");
    const items = data.items;
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
      status.textContent = done ? fmt(s.sa_answered, { done, total: items.length }) : "";
    };

    root.querySelector("[data-sa-actions]").hidden = false;
    api().store.onNotice((kind) => {
      if (kind !== "storage_off") return;
      const note = root.querySelector("[data-sa-storage]");
      note.textContent = s.sa_storage_off;
      note.hidden = false;
    });

    // Restore the saved draft (partial answers are kept).
    const saved = state();
    items.forEach((item) => {
      const v = saved.draft[item.id];
      if (Number.isInteger(v)) inputs(item.id).forEach((i) => { i.checked = Number(i.value) === v; });
    });
    showCount();

    form.addEventListener("change", (event) => {
      const input = event.target;
      if (!input.name || !input.name.startsWith("sa-")) return;
      const id = input.name.slice(3);
      update((a) => { a.draft[id] = Number(input.value); });
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
            e.preventDefault();
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
      const m = means(data, given);
      const entry = { t: Date.now(), anx: m.anxiety, avo: m.avoidance, region: regionFor(m.anxiety, m.avoidance, data.midpoint) };
      update((a) => { a.results.push(entry); });
      showResult(true);
    });

    root.querySelector("[data-sa-clear]").addEventListener("click", () => {
      clearAnswers();
      status.textContent = s.sa_cleared;
    });

    root.querySelector("[data-sa-again]").addEventListener("click", () => {
      clearAnswers();
      result.hidden = true;
      const first = form.querySelector("input");
      first.closest("[data-sa-item]").scrollIntoView({ block: "center" });
      first.focus();
    });

    function clearAnswers() {
      update((a) => { a.draft = {}; });
      form.querySelectorAll("input").forEach((i) => { i.checked = false; });
      form.querySelectorAll(".sa-item--missing").forEach((li) => li.classList.remove("sa-item--missing"));
      missingBox.textContent = "";
    }

    function showResult(focus) {
      const { results } = state();
      if (!results.length) return;
      const latest = results[results.length - 1];
      const region = data.regions[latest.region];
      const summary = fmt(s.sa_result_summary, { anx: one(latest.anx), avo: one(latest.avo), region: region.name });
      root.querySelector("[data-sa-summary]").textContent = summary;
      root.querySelector("[data-sa-chart-desc]").textContent = summary;
      drawPoints(results);
      const box = root.querySelector("[data-sa-region]");
      box.textContent = "";
      const h = document.createElement("h3");
      h.textContent = fmt(s.sa_region_label, { region: region.name });
      const p = document.createElement("p");
      p.textContent = region.text;
      box.append(h, p, lessonList(region.lessons, s.sa_lessons_heading));
      drawHistory(results);
      result.hidden = false;
      if (focus) result.focus();
    }

    function drawPoints(results) {
      const g = root.querySelector("[data-sa-points]");
      g.textContent = "";
      const shown = results.slice(-6);
      shown.forEach((r, i) => {
        const now = i === shown.length - 1;
        const pos = position(data.chart, r.anx, r.avo);
        const dot = document.createElementNS(SVG, "circle");
        dot.setAttribute("cx", pos.x.toFixed(2));
        dot.setAttribute("cy", pos.y.toFixed(2));
        dot.setAttribute("r", now ? "9" : "6");
        dot.setAttribute("class", now ? "sa-dot sa-dot--now" : "sa-dot sa-dot--earlier");
        dot.setAttribute("data-anx", String(r.anx));
        dot.setAttribute("data-avo", String(r.avo));
        g.appendChild(dot);
        const label = document.createElementNS(SVG, "text");
        label.setAttribute("x", (pos.x + (now ? 13 : 9)).toFixed(2));
        label.setAttribute("y", (pos.y - (now ? 9 : 6)).toFixed(2));
        label.setAttribute("class", now ? "sa-dot-label sa-dot-label--now" : "sa-dot-label");
        label.textContent = now ? s.sa_point_label : String(results.length - shown.length + i + 1);
        g.appendChild(label);
      });
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
      ["#", s.sa_col_date, data.dims.anxiety, data.dims.avoidance, s.sa_col_region].forEach((text) => {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = text;
        head.appendChild(th);
      });
      const body = table.createTBody();
      results.slice().reverse().forEach((r, i) => {
        const row = body.insertRow();
        const n = results.length - i;
        [String(n), dateText(r.t), one(r.anx), one(r.avo), data.regions[r.region].name].forEach((text, j) => {
          const cell = j === 0 ? document.createElement("th") : row.insertCell();
          if (j === 0) { cell.scope = "row"; row.appendChild(cell); }
          cell.textContent = text;
        });
        if (i === 0) row.className = "sa-history-now";
      });
      box.appendChild(table);
    }

    if (!Object.keys(saved.draft).length && saved.results.length) showResult(false);
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
    const saved = state().dance;
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
      p.textContent = r.text;
      out.append(h, p, lessonList(r.lessons, s.sa_lessons_heading));
    }
    if (typeof saved.result === "string") show(saved.result);
  }

  function init() {
    document.querySelectorAll("[data-aa-assessment]").forEach(enhanceAssessment);
    document.querySelectorAll("[data-aa-dance]").forEach(enhanceDance);
  }

  window.courseAssessment = { itemScore, means, regionFor, position, danceResult };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
