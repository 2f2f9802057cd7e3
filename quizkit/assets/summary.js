/* "My summary": a sheet the reader can print or save as a PDF for a partner or a therapist.
 *
 * Built here, in the browser, from what window.courseQuiz.store holds (answers
 * by question id; the self-assessment under "assessment"). The page's data
 * (quizkit/summary.py) says which reflection belongs to which part. The reader
 * ticks the parts to include; the sheet is rebuilt on every change. Nothing
 * is sent anywhere and nothing is saved by this page.
 * @quizkit-when [data-aa-summary]
   (loaded only on pages where this matches: quizkit/assets_pipeline.py)
 */
(() => {
  "use strict";

  if (!window.courseQuiz) return; // quiz.js did not load: the page explains itself in <noscript>
  const { fmt, isRecord, dateText, claim, score } = window.courseQuiz.util;
  const api = () => window.courseQuiz;

  function today() {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(new Date());
    } catch (e) {
      return new Date().toDateString();
    }
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function written(answers, id) {
    const e = answers[id];
    return isRecord(e) && typeof e.v === "string" && e.v.trim() ? e.v.trim() : null;
  }

  function latestResult(saved) {
    const a = isRecord(saved.assessment) ? saved.assessment : {};
    const results = Array.isArray(a.results) ? a.results.filter((r) => isRecord(r) && typeof r.t === "number"
      && Number.isFinite(r.anx) && Number.isFinite(r.avo)) : [];  // both stored versions (v1 and v2) carry these
    const dance = isRecord(a.dance) && typeof a.dance.result === "string" ? a.dance.result : null;
    return { result: results.length ? results[results.length - 1] : null, dance };
  }

  function reflectionEntries(data, answers, section, box) {
    let count = 0;
    data.reflections.filter((r) => r.section === section).forEach((r) => {
      const text = written(answers, r.id);
      if (!text) return;
      const entry = el("div", undefined, "sm-entry");
      entry.append(el("p", r.prompt, "sm-prompt"), el("blockquote", text));
      box.appendChild(entry);
      count += 1;
    });
    return count;
  }

  function nothingYet(data, s, section, box) {
    const p = el("p", s.sm_nothing + " ", "sm-empty");
    const first = data.reflections.find((r) => r.section === section);
    if (first) {
      const a = el("a", first.lesson);
      a.href = first.href;
      const [before, after] = s.sm_write_it.split("{lesson}");
      p.append(before || "", a, after || "");
    }
    box.appendChild(p);
  }

  function part(data, s, key, saved) {
    const answers = isRecord(saved.answers) ? saved.answers : {};
    const box = el("section", undefined, "sm-part");
    box.dataset.smPart = key;
    box.appendChild(el("h3", s[`sm_${key}`]));
    if (key === "lean") {
      const { result } = latestResult(saved);
      if (!result || !data.scales) {
        box.appendChild(el("p", s.sm_nothing, "sm-empty"));
        box.classList.add("sm-part--empty");
        return box;
      }
      // The same "leans" sentences as the self-assessment page (assessment.js): a position, never a box label.
      const { midpoint, points, dims } = data.scales;
      box.appendChild(el("p", fmt(s.sm_lean_result, { date: dateText(result.t) })));
      const list = el("ul");
      [["anxiety", result.anx], ["avoidance", result.avo]].forEach(([dim, mean]) => {
        const distance = Math.abs(mean - midpoint);
        const strength = distance === 0 ? "middle" : distance < 1 ? "little" : "toward";
        list.appendChild(el("li", fmt(s[`sa_lean_${strength}`], {
          dim: dims[dim].label, score: score(mean), max: points, end: mean > midpoint ? dims[dim].high : dims[dim].low,
        })));
      });
      box.appendChild(list);
      // The side of the midpoint on each scale picks the guidance text (exactly the midpoint is low).
      const high = (mean) => mean > midpoint;
      const key = high(result.anx) ? (high(result.avo) ? "both" : "anxious") : high(result.avo) ? "avoidant" : "secure";
      const region = data.regions[key] || { text: "" };
      if (region.text) {
        const said = el("div", undefined, "sm-entry");
        said.append(el("p", s.sm_lean_says, "sm-prompt"), el("blockquote", region.text));
        box.appendChild(said);
      }
      box.appendChild(el("p", s.sm_lean_note, "sm-prompt"));
      return box;
    }
    let count = 0;
    if (key === "cycle") {
      if (data.steps.length) box.appendChild(el("p", fmt(s.sm_steps, { steps: data.steps.join(" → ") })));
      const { dance } = latestResult(saved);
      if (dance && data.dance[dance]) {
        box.appendChild(el("p", fmt(s.sm_dance_result, { name: data.dance[dance].name })));
        count += 1;
      }
    }
    count += reflectionEntries(data, answers, key, box);
    if (!count) {
      nothingYet(data, s, key, box);
      box.classList.add("sm-part--empty");
    }
    return box;
  }

  function enhance(root) {
    const data = claim(root, "aa-tool--js");
    if (!data) return;
    const s = data.strings;
    const form = root.querySelector("[data-sm-form]");
    const sheet = root.querySelector("[data-sm-sheet]");
    const status = root.querySelector("[data-sm-status]");
    form.hidden = false;

    function build(announce) {
      const chosen = Array.from(form.querySelectorAll("input[name=sm-part]:checked")).map((i) => i.value);
      const saved = api().store.read();
      sheet.textContent = "";
      if (!chosen.length) {
        sheet.hidden = true;
        status.textContent = s.sm_none_chosen;
        return;
      }
      const title = el("h2", s.sm_sheet_title);
      title.id = "sm-title";
      sheet.append(title, el("p", fmt(s.sm_made, { date: today() }), "sm-prompt"));
      chosen.forEach((key) => sheet.appendChild(part(data, s, key, saved)));
      sheet.hidden = false;
      const notes = [];
      if (!api().store.keeping) notes.push(s.sm_keep_nothing);
      if (announce) notes.push(s.sm_ready);
      status.textContent = notes.join(" ");
    }

    form.addEventListener("change", () => build(true));
    rebuild.push(() => { if (root.isConnected) build(false); });
    root.querySelector("[data-sm-print]").addEventListener("click", () => {
      build(false);
      window.print();
    });
    build(false);
  }

  const rebuild = []; // the sheets on this page, redrawn whenever what is saved changes
  function init() {
    rebuild.length = 0;
    document.querySelectorAll("[data-aa-summary]").forEach(enhance);
  }

  window.coursePage.onPage(init);
  window.coursePage.onStored(() => rebuild.forEach((fn) => fn()));
})();
