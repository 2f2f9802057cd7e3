/* "My progress": reads what window.courseQuiz.store holds and shows it against the course map.
 *
 * The course map (chapters -> lessons -> graded questions with their answer
 * fingerprints and review links) is generated at build time by
 * quizkit/course_map.py and shipped in the page as JSON. A saved answer counts
 * only when its fingerprint matches the current question, as in quiz.js.
 *
 * Also: export everything as a JSON file, import such a file (validated; a bad
 * file changes nothing), delete everything after a confirmation.
 * @quizkit-when [data-aa-progress], [data-aa-progress-assessment], [data-aa-progress-data]
   (loaded only on pages where this matches: quizkit/assets_pipeline.py)
 */
(() => {
  "use strict";

  const FORMAT = "aa-course-export";
  const SCHEMA = 1; // the store's version (quiz.js); a newer file is refused
  const REGIONS = ["secure", "anxious", "avoidant", "both"]; // only version 1 results name one
  if (!window.courseQuiz) return; // quiz.js did not load: the page stays plain HTML
  const { fmt, plural, isRecord, readData, dateText, claim, score } = window.courseQuiz.util;
  const api = () => window.courseQuiz;


  /* ------------------------------------------------------------ course */
  /** A lesson's state by the course's one definition of done (journey.js: stepState), plus what it missed. */
  function lessonState(lesson, answers) {
    const q = lesson.questions.map((x) => [x.id, x.h, x.w]);
    const o = (lesson.answered || []).map((x) => [x.id, x.h, x.w]); // nothing graded: reflections, ratings
    const st = window.courseJourney.stepState({ q, o, k: lesson.kind, p: lesson.pass }, answers);
    const missed = lesson.questions.filter((x, i) => st.scores[i] !== null && st.scores[i] < 1);
    return { ...st, pass: st.passPercent, missed };
  }

  /** Where a lesson picks up: its first open question (journey.js: firstOpen), scrolled to and marked there. */
  function pickupHref(lesson, st) {
    const at = window.courseJourney.firstOpen(st);
    return at >= 0 ? `${lesson.href}#qz-${lesson.questions[at].id}` : lesson.href;
  }

  function renderCourse(root) {
    const data = readData(root);
    if (!data) return;
    const s = data.strings;
    const lessons = [];
    data.chapters.forEach((ch) => ch.lessons.forEach((l) => lessons.push(l)));
    const answers = window.courseJourney.answers();
    let checksDone = 0;
    let quizzesPassed = 0;
    const states = new Map();
    lessons.forEach((lesson) => {
      const st = lessonState(lesson, answers);
      states.set(lesson.page, st);
      const li = root.querySelector(`[data-pg-lesson="${CSS.escape(lesson.page)}"]`);
      if (!li) return;
      const status = li.querySelector("[data-pg-status]");
      const missedBox = li.querySelector("[data-pg-missed]");
      li.classList.remove("pg-lesson--done", "pg-lesson--partial", "pg-lesson--todo");
      let text;
      if (lesson.kind === "chapter-quiz") {
        if (st.done) quizzesPassed += 1;
        if (!st.answered) text = s.pg_no_answers;
        else if (!st.complete) text = fmt(s.pg_quiz_partial, st);
        else text = fmt(st.done ? s.pg_quiz_passed : s.pg_quiz_not_passed, st);
      } else {
        if (st.complete) checksDone += 1;
        if (!st.answered) text = s.pg_no_answers;
        else if (!lesson.questions.length) text = fmt(st.complete ? s.pg_reflect_done : s.pg_reflect_status, st);
        else text = fmt(st.complete ? s.pg_check_done : s.pg_check_status, st);
      }
      li.classList.add(st.done ? "pg-lesson--done" : st.answered ? "pg-lesson--partial" : "pg-lesson--todo");
      status.textContent = text;
      missedBox.textContent = "";
      if (st.missed.length) {
        const p = document.createElement("p");
        p.className = "pg-missed-title";
        p.textContent = s.pg_missed_heading;
        const ul = document.createElement("ul");
        st.missed.forEach((q) => {
          const item = document.createElement("li");
          const a = document.createElement("a");
          a.href = q.review;
          a.textContent = q.prompt;
          item.appendChild(a);
          ul.appendChild(item);
        });
        missedBox.append(p, ul);
      }
    });

    const summary = root.querySelector("[data-pg-summary]");
    summary.textContent = "";
    const checks = lessons.filter((l) => l.kind !== "chapter-quiz").length;
    const quizzes = lessons.length - checks;
    const line = document.createElement("p");
    const counts = { done: checksDone, checks, passed: quizzesPassed, quizzes };
    line.textContent = `${plural(s, "pg_summary_checks", checksDone, counts)} ${plural(s, "pg_summary_quizzes", quizzesPassed, counts)}`;
    summary.appendChild(line);
    const next = window.courseJourney.nextOpen(lessons, (l) => states.get(l.page));
    const p = document.createElement("p");
    p.className = "pg-continue";
    if (!next) {
      p.textContent = s.pg_all_done;
    } else {
      const started = lessons.some((l) => states.get(l.page).answered);
      const strong = document.createElement("strong");
      strong.textContent = (started ? s.pg_continue : s.pg_start) + " ";
      const a = document.createElement("a");
      a.href = started ? pickupHref(next, states.get(next.page)) : next.href;
      a.textContent = next.title;
      a.setAttribute("data-pg-continue", "");
      p.append(strong, a);
    }
    summary.appendChild(p);
    if (hiddenSaved()) {
      const hidden = document.createElement("p");
      hidden.textContent = s.pg_hidden_saved;
      summary.appendChild(hidden);
    }
  }

  /* "Keep nothing" after "Leave them": what was saved before is still in this browser, and the views, which show
     this tab only, hide it (reader walks 16 and 17). */
  const hiddenSaved = () => !api().store.keeping && api().store.saved();

  /** Everything of the reader's for an export: the store, and with "keep nothing" on, what was saved before it
      too, under this tab's answers (an export that held only the tab lost the rest to a delete: walk 17). */
  function everything() {
    const store = api().store;
    const tab = store.read();
    const saved = store.keeping ? null : store.readSaved();
    if (!saved) return tab;
    const both = { ...saved, ...tab, answers: { ...saved.answers, ...tab.answers } };
    if (isRecord(saved.review) || isRecord(tab.review)) both.review = { ...saved.review, ...tab.review };
    const results = (d) => (isRecord(d.assessment) && Array.isArray(d.assessment.results) ? d.assessment.results : []);
    if (results(saved).length || results(tab).length) {
      both.assessment = { ...saved.assessment, ...tab.assessment, results: [...results(saved), ...results(tab)] };
    }
    return both;
  }

  function renderAssessment(root) {
    const data = readData(root);
    if (!data) return;
    const s = data.strings;
    const stored = api().store.read().assessment;
    const a = isRecord(stored) ? stored : {};
    // Every version of a stored result shows (quizkit/assessment.py): a time and two means on the scale.
    const results = Array.isArray(a.results) ? a.results.filter(showable) : [];
    const dims = isRecord(data.dims) ? data.dims : {};
    const box = root.querySelector("[data-pg-sa]");
    box.textContent = "";
    if (!results.length) {
      const p = document.createElement("p");
      p.textContent = (hiddenSaved() ? s.pg_hidden_saved : s.pg_no_assessment) + " ";
      const link = document.createElement("a");
      link.href = data.href;
      link.textContent = s.pg_take_assessment;
      p.appendChild(link);
      box.appendChild(p);
    } else {
      const ul = document.createElement("ul");
      ul.className = "pg-sa-results";
      results.slice().reverse().forEach((r) => {
        const li = document.createElement("li");
        li.textContent = fmt(s.pg_assessment_row, {
          date: dateText(r.t), anx_label: dims.anxiety || "anxiety", anx: score(r.anx), avo_label: dims.avoidance || "avoidance", avo: score(r.avo),
        });
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    if (isRecord(a.dance) && typeof a.dance.result === "string" && data.dance[a.dance.result]) {
      const p = document.createElement("p");
      p.textContent = fmt(s.pg_dance_row, { name: data.dance[a.dance.result] });
      box.appendChild(p);
    }
  }

  /* A stored result the page can show: a time and two means on the 1-7 scale, whatever else it holds. */
  function showable(r) {
    const onScale = (x) => typeof x === "number" && Number.isFinite(x) && x >= 1 && x <= 7;
    return isRecord(r) && typeof r.t === "number" && Number.isFinite(r.t) && onScale(r.anx) && onScale(r.avo);
  }

  /* An imported file is held to more: version 1 named a known region, version 2 carries a version number. */
  function validResult(r) {
    return showable(r) && (r.region === undefined || REGIONS.includes(r.region)) && (r.v === undefined || Number.isInteger(r.v));
  }

  /* "12 answers, 2 reflections you typed and 1 self-assessment result" ({what}), in the plural forms and
     list words of the page's language; a count of none is left out. */
  function countText(s, template, c, extra = {}) {
    const parts = [
      [c.answers, "pg_count_answers"], [c.reflections, "pg_count_reflections"], [c.results, "pg_count_results"],
    ].filter(([n]) => n > 0).map(([n, key]) => plural(s, key, n, { n }));
    let what = parts.length ? parts.join(", ") : plural(s, "pg_count_answers", 0, { n: 0 });
    try {
      if (parts.length) what = new Intl.ListFormat(document.documentElement.lang || undefined, { type: "conjunction" }).format(parts);
    } catch (e) {
      /* no Intl.ListFormat: commas */
    }
    return fmt(template, { ...extra, what });
  }

  function renderAll() {
    document.querySelectorAll("[data-aa-progress]").forEach(renderCourse);
    document.querySelectorAll("[data-aa-progress-assessment]").forEach(renderAssessment);
    document.querySelectorAll("[data-aa-progress-data]").forEach(renderStored);
  }

  /* -------------------------------------------------------------- data */
  /** What is stored: answers, the reflections the reader typed (kept as answers, shown apart), results. */
  function counts(data) {
    const entries = isRecord(data.answers) ? Object.values(data.answers) : [];
    const reflections = entries.filter((e) => isRecord(e) && typeof e.v === "string" && e.v.trim()).length;
    const a = isRecord(data.assessment) ? data.assessment : {};
    const results = Array.isArray(a.results) ? a.results.length : 0;
    return { answers: entries.length - reflections, reflections, results };
  }

  function renderStored(root) {
    const data = readData(root);
    if (!data) return;
    const c = counts(api().store.read());
    const stored = root.querySelector("[data-pg-stored]");
    const any = c.answers || c.reflections || c.results;
    if (!api().store.keeping) { // "keep nothing": what the views show lives in this tab only (reader walk 15)
      stored.textContent = any ? countText(data.strings, data.strings.pg_kept_in_tab, c) : data.strings.pg_nothing_kept;
      // What was saved before it was switched on (the reader chose "Leave them") is still there (walk 16).
      if (hiddenSaved()) stored.append(` ${data.strings.pg_saved_before}`);
      return;
    }
    stored.textContent = any ? countText(data.strings, data.strings.pg_stored_summary, c) : data.strings.pg_nothing_stored;
    // The entry's real name on this site: the page's text can only give an example (it depends on the address).
    const key = document.createElement("code");
    key.textContent = api().key;
    const [before, after = ""] = data.strings.pg_stored_key.split("{key}");
    stored.append(` ${before}`, key, after);
  }

  /* Check an imported file. Returns {data} or {error, reason}. Nothing is written here. */
  function validateExport(file) {
    const bad = (reason) => ({ error: "pg_import_bad_format", reason });
    if (!isRecord(file) || file.format !== FORMAT) return bad("format");
    const data = file.data;
    if (!isRecord(data)) return bad("data");
    if (!Number.isInteger(data.v) || data.v < 1) return bad("v");
    if (data.v > SCHEMA) return { error: "pg_import_newer" };
    if (!isRecord(data.answers)) return bad("answers");
    for (const [id, e] of Object.entries(data.answers)) {
      if (!isRecord(e) || !("v" in e)) return bad(`answers.${id}`);
      if (!(e.ok === undefined || e.ok === null || typeof e.ok === "boolean")) return bad(`answers.${id}.ok`);
      if (!(e.s === undefined || (typeof e.s === "number" && e.s >= 0 && e.s <= 1))) return bad(`answers.${id}.s`);
      if (!(e.h === undefined || typeof e.h === "string")) return bad(`answers.${id}.h`);
      if (!(e.t === undefined || typeof e.t === "number")) return bad(`answers.${id}.t`);
    }
    if (data.assessment !== undefined) {
      const a = data.assessment;
      if (!isRecord(a)) return bad("assessment");
      if (a.draft !== undefined) {
        if (!isRecord(a.draft)) return bad("assessment.draft");
        for (const v of Object.values(a.draft)) if (!Number.isInteger(v) || v < 1 || v > 7) return bad("assessment.draft");
      }
      if (a.results !== undefined) {
        if (!Array.isArray(a.results)) return bad("assessment.results");
        if (!a.results.every(validResult)) return bad("assessment.results");
      }
      if (a.dance !== undefined && !isRecord(a.dance)) return bad("assessment.dance");
    }
    if (data.review !== undefined) { // the spaced-review schedule (review.js)
      if (!isRecord(data.review)) return bad("review");
      for (const [id, e] of Object.entries(data.review)) if (!window.courseReview.valid(e)) return bad(`review.${id}`);
    }
    return { data };
  }

  /* What an import keeps: the store's fields and an answer's, by name; nothing else (never "__proto__"). */
  // An answer's fields as quiz.js writes them (store.saveAnswer): a field added there is added here.
  const ENTRY_FIELDS = ["v", "s", "r", "ok", "h", "n", "k", "p", "o", "t"];
  const ASSESSMENT_FIELDS = ["draft", "results", "dance"];
  const REVIEW_FIELDS = ["s", "d"]; // a question's place in the review schedule (review.js)
  function pick(from, fields) {
    const out = {};
    fields.forEach((f) => { if (Object.prototype.hasOwnProperty.call(from, f)) out[f] = from[f]; });
    return out;
  }

  function imported(data) {
    const plain = JSON.parse(JSON.stringify(data)); // data only, no shared objects
    const answers = {};
    Object.keys(plain.answers).forEach((id) => {
      if (id !== "__proto__") answers[id] = pick(plain.answers[id], ENTRY_FIELDS);
    });
    const out = { v: plain.v, answers };
    if (isRecord(plain.assessment)) out.assessment = pick(plain.assessment, ASSESSMENT_FIELDS);
    if (isRecord(plain.review)) {
      out.review = {};
      Object.keys(plain.review).forEach((id) => { if (id !== "__proto__") out.review[id] = pick(plain.review[id], REVIEW_FIELDS); });
    }
    if (typeof plain.told === "number") out.told = plain.told;
    return out;
  }

  function enhanceData(root) {
    const data = claim(root, "aa-tool--js");
    if (!data) return;
    const s = data.strings;
    const message = root.querySelector("[data-pg-message]");
    const confirmBox = root.querySelector("[data-pg-confirm]");
    const confirmText = root.querySelector("[data-pg-confirm-text]");
    const yes = root.querySelector("[data-pg-confirm-yes]");
    const no = root.querySelector("[data-pg-confirm-no]");
    const file = root.querySelector("[data-pg-file]");
    let pending = null; // what "yes" will do
    let returnFocus = null;
    root.querySelector("[data-pg-actions]").hidden = false;

    const say = (text, kind) => {
      message.textContent = text;
      message.classList.toggle("pg-message--error", kind === "error");
    };
    /* The dialog's own Quick exit (the page behind is inert) goes exactly where the header's is on screen
       now, so the reader finds it where it always is; a11y.css's corner is the fallback. */
    const pinExit = () => {
      const own = confirmBox.querySelector("[data-aa-exit]");
      const header = document.querySelector(".md-header [data-aa-exit]");
      const at = header && header.getBoundingClientRect();
      if (!own || !at || !at.width) return;
      own.style.top = `${at.top}px`;
      own.style.left = `${at.left}px`;
      own.style.right = "auto";
    };
    const ask = (text, yesLabel, action, from) => {
      pending = action;
      returnFocus = from;
      confirmText.textContent = text;
      yes.textContent = yesLabel;
      if (typeof confirmBox.showModal === "function") confirmBox.showModal();
      else confirmBox.setAttribute("open", "");
      pinExit();
      no.focus(); // the safe choice first: Enter on arrival never deletes
    };
    const closeConfirm = () => {
      if (confirmBox.open && typeof confirmBox.close === "function") confirmBox.close();
      else confirmBox.removeAttribute("open");
    };
    // However the dialog closes (Cancel, Escape, a choice), nothing is pending and focus goes back.
    confirmBox.addEventListener("close", () => {
      pending = null;
      if (returnFocus) returnFocus.focus();
    });

    root.querySelector("[data-pg-export]").addEventListener("click", () => {
      const payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), data: everything() };
      const name = `aa-course-progress-${new Date().toISOString().slice(0, 10)}.json`;
      const blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      say(fmt(s.pg_export_done, { file: name }));
    });

    const importButton = root.querySelector("[data-pg-import]");
    importButton.addEventListener("click", () => {
      file.value = "";
      file.click();
    });
    file.addEventListener("change", async () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      let text;
      let parsed;
      try {
        text = await chosen.text();
        parsed = JSON.parse(text);
      } catch (e) {
        say(s.pg_import_bad_json, "error");
        return;
      }
      const checked = validateExport(parsed);
      if (checked.error) {
        say(fmt(s[checked.error], { reason: checked.reason || "" }), "error");
        return;
      }
      say("");
      const c = counts(checked.data);
      const when = typeof parsed.exported === "string" && !Number.isNaN(Date.parse(parsed.exported)) ? dateText(Date.parse(parsed.exported)) : "?";
      const tabOnly = !api().store.keeping; // "keep nothing": the file is used in this tab, not saved
      ask(countText(s, tabOnly ? s.pg_import_confirm_tab : s.pg_import_confirm, c, { date: when }), s.pg_import_yes, () => {
        api().store.write((d) => {
          Object.keys(d).forEach((k) => { delete d[k]; });
          Object.assign(d, imported(checked.data));
        }); // every view redraws now: the store tells them (page.js: onStored)
        say(tabOnly ? s.pg_import_done_tab : s.pg_import_done);
      }, importButton);
    });

    const deleteButton = root.querySelector("[data-pg-delete]");
    deleteButton.addEventListener("click", () => {
      say("");
      ask(s.pg_delete_confirm, s.pg_delete_yes, () => {
        // The store's own delete (quiz.js): our key and its set-aside copies, in storage and in memory,
        // whatever "keep nothing on this device" says.
        api().store.wipe(); // every view redraws now (page.js: onStored)
        say(s.pg_delete_done);
      }, deleteButton);
    });

    yes.addEventListener("click", () => {
      const action = pending;
      closeConfirm();
      if (action) action();
    });
    no.addEventListener("click", closeConfirm);
    root.querySelector("[data-pg-print]").addEventListener("click", () => window.print());
  }

  function init() {
    if (!api()) return;
    const roots = document.querySelectorAll("[data-aa-progress], [data-aa-progress-assessment], [data-aa-progress-data]");
    if (!roots.length) return;
    document.querySelectorAll("[data-aa-progress-data]").forEach(enhanceData);
    renderAll();
  }

  window.courseProgress = { validateExport, lessonState };
  window.coursePage.onPage(init);
  window.coursePage.onStored(() => { if (document.querySelector("[data-aa-progress], [data-aa-progress-assessment], [data-aa-progress-data]")) renderAll(); });
})();
