"""The course tools in Chromium: self-assessment by keyboard, progress export/delete/import, the explorable cycle.

Under the real conditions: the course built for and served at http://127.0.0.1:PORT/course/ with
its Content-Security-Policy (meta and header), no bypass; any violation fails the test.
Where the layout matters (chart labels, the delete dialog, the cycle's step text) the tests run
at the two sizes readers use most: a 375 x 667 phone in the dark scheme and a 1366 x 900 laptop
in the light one.
"""
from __future__ import annotations

import json

import pytest

from tests.axe_helper import describe, run_axe
from tests.serve import SCROLL_SETTLED

pytestmark = pytest.mark.browser

KEY = "aa-course:/course/"  # the key names the site's path (built for /course/)
# Hand-computed (see tests/test_assessment.py::test_real_items_mixed_case): answers in page order
ANSWERS = [6, 2, 5, 6, 2, 5, 1, 2, 6, 5, 3, 6, 5, 6, 7, 3]
ANXIETY, AVOIDANCE = 41 / 8, 21 / 8  # 5.125 and 2.625: the "anxious" guidance text
SIZES = {"phone": ({"width": 375, "height": 667}, "dark"), "laptop": ({"width": 1366, "height": 900}, "light")}


@pytest.fixture(scope="module")
def server(deployed_course):
    return deployed_course[0]


@pytest.fixture
def open_page(reader_page, server):
    """A page of the deployed course in a fresh context (tests/conftest.py: reader_page)."""
    def make(path: str = "", scheme: str = "light", js: bool = True, width: int = 1100, height: int = 900):
        page = reader_page(server, viewport={"width": width, "height": height}, color_scheme=scheme, java_script_enabled=js)
        page.goto(server + path)
        return page
    return make


def stored(page) -> dict:
    raw = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {}


def tool_data(page, selector: str) -> dict:
    """The data a tool ships in its root's data-aa-data attribute."""
    return json.loads(page.locator(selector).get_attribute("data-aa-data"))


def frame(page) -> dict:
    """The chart's plot area (SVG user units)."""
    f = page.locator(".sa-frame")
    return {k: float(f.get_attribute(k)) for k in ("x", "y", "width", "height")}


def sized(open_page, size: str, path: str):
    viewport, scheme = SIZES[size]
    return open_page(path, scheme=scheme, width=viewport["width"], height=viewport["height"])


def answer_all(page, values=ANSWERS):
    for item, value in zip(page.locator("[data-sa-item]").all(), values, strict=False):  # a prefix answers only the first few
        item.locator(f"input[value='{value}']").check()


def see_result(page):
    page.click("[data-sa-actions] button[type=submit]")
    page.locator("[data-sa-result]").wait_for(state="visible")


def seed_assessment(page, assessment):
    """Store `assessment` as if an earlier visit had saved it, then reload."""
    page.evaluate("(a) => window.courseQuiz.store.write((d) => { d.assessment = a; })", assessment)
    page.reload()


def chart(page) -> dict:
    return tool_data(page, "[data-aa-assessment]")["chart"]


def answer_by_keyboard(page, values):
    """Tab into each statement's radio group, Space picks 1, each ArrowRight moves one point up."""
    page.locator("[data-sa-item] input").first.focus()
    for i, value in enumerate(values):
        if i:
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")


# ------------------------------------------------------------ self-assessment
def test_assessment_by_keyboard_places_the_point(open_page):
    page = open_page("self-assessment/")
    answer_by_keyboard(page, ANSWERS)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    result = page.locator("[data-sa-result]")
    result.wait_for(state="visible")
    dot = page.locator(".sa-dot--now")
    assert float(dot.get_attribute("data-anx")) == pytest.approx(ANXIETY)
    assert float(dot.get_attribute("data-avo")) == pytest.approx(AVOIDANCE)
    f = frame(page)
    assert float(dot.get_attribute("cx")) == pytest.approx(f["x"] + (AVOIDANCE - 1) / 6 * f["width"], abs=0.1)
    assert float(dot.get_attribute("cy")) == pytest.approx(f["y"] + (7 - ANXIETY) / 6 * f["height"], abs=0.1)
    # A position in "leans" words, one number format, the same scale names as the chart and the table.
    summary = page.locator("[data-sa-summary]").inner_text()
    assert "Worry about the relationship: 5.1 out of 7. Your answers lean toward “More worry”." in summary
    assert "Discomfort with closeness: 2.6 out of 7. Your answers lean toward “At ease with closeness”." in summary
    assert "5.1" in page.locator("[data-sa-chart-desc]").text_content()
    chart_words = [t.text_content() for t in page.locator(".sa-chart .sa-axis").all()]
    headers = page.locator("table.sa-history thead th").all_inner_texts()
    for name in ("Worry about the relationship", "Discomfort with closeness"):
        assert f"{name} →" in chart_words and name in headers and name in summary
    # The region only picks the guidance text: no box label anywhere in the result.
    result_text = page.locator("[data-sa-result]").inner_text()
    assert "unease with closeness is at or below the middle" in result_text
    for box in ("Leaning anxious", "Mostly secure", "Leaning avoidant", "Anxious and avoidant", "Your area"):
        assert box not in result_text
    assert page.locator("[data-sa-guidance] a[href*='if-you-lean-anxious']").count() == 1
    results = stored(page)["assessment"]["results"]
    assert len(results) == 1
    assert results[0]["v"] == 2 and results[0]["set"] == tool_data(page, "[data-aa-assessment]")["set"]
    assert "region" not in results[0]


def test_midpoint_exactly_counts_as_low_in_the_browser(open_page):
    page = open_page("self-assessment/")
    for item in page.locator("[data-sa-item]").all():
        item.locator("input[value='4']").check()
    see_result(page)
    summary = page.locator("[data-sa-summary]").inner_text()
    assert summary.count("4.0 out of 7, right at the middle of this scale.") == 2
    secure = tool_data(page, "[data-aa-assessment]")["regions"]["secure"]["text"]
    assert secure in page.locator("[data-sa-guidance]").inner_text()


def test_missing_answers_are_named_and_partial_answers_kept(open_page):
    page = open_page("self-assessment/")
    items = page.locator("[data-sa-item]")
    for i in range(3):
        items.nth(i).locator("input[value='5']").check()
    page.click("[data-sa-actions] button[type=submit]")
    missing = page.locator("[data-sa-missing]")
    text = missing.inner_text()
    assert "Statement 4" in text and "Statement 16" in text and "Statement 3" not in text
    assert page.locator("[data-sa-result]").is_hidden()
    assert "results" not in stored(page).get("assessment", {}) or not stored(page)["assessment"]["results"]
    # "Statement 16" puts focus on that statement's scale, where the answer is given, and it stays there:
    # instant navigation took the click as a new page and left focus on the row (walk 13: the body).
    missing.get_by_role("link", name="Statement 16").click()
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))")
    assert page.evaluate("() => document.activeElement.closest('[data-sa-item]') === document.querySelectorAll('[data-sa-item]')[15]")
    assert page.evaluate("() => document.activeElement.matches('input[type=radio]') && location.hash === ''")
    page.reload()
    checked = [items.nth(i).locator("input:checked").count() for i in range(5)]
    assert checked == [1, 1, 1, 0, 0]


def test_taking_it_again_keeps_dated_history(open_page):
    page = open_page("self-assessment/")
    # Two different sets of answers (the same answer to every statement is the middle, 4.0 on both scales).
    for values in ([2] * len(ANSWERS), ANSWERS):
        answer_all(page, values)
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
        if values is not ANSWERS:
            page.click("[data-sa-again]")
    rows = page.locator("table.sa-history tbody tr")
    assert rows.count() == 2
    assert page.locator(".sa-dot").count() == 2
    assert len(stored(page)["assessment"]["results"]) == 2


def test_dance_reflection_is_separate(open_page):
    page = open_page("self-assessment/")
    form = page.locator("[data-sa-dance-form]")
    form.locator("button[type=submit]").click()
    assert "answer every question" in page.locator("[data-sa-dance-missing]").inner_text()
    for item in form.locator("[data-sa-dance-item]").all():
        item.locator("input").first.check()  # the first option of each leans 'pursue'
    form.locator("button[type=submit]").click()
    assert "pursuing position" in page.locator("[data-sa-dance-result]").inner_text()
    help_link = page.locator("[data-sa-dance-result]").get_by_role("link", name="Get help now")
    assert help_link.get_attribute("href").endswith("get-help/")
    assert "results" not in stored(page)["assessment"] or stored(page)["assessment"]["results"] == []
    for item in form.locator("[data-sa-dance-item]").all():
        item.locator("input").last.check()  # the last option of each leans 'calm'
    form.locator("button[type=submit]").click()
    assert "No clear pattern" in page.locator("[data-sa-dance-result]").inner_text()


# ------------------------------------------------------------------- progress
def _seed_answers(page) -> dict:
    data = tool_data(page, "[data-aa-progress]")
    lesson = data["chapters"][0]["lessons"][0]
    q1, q2 = lesson["questions"][0], lesson["questions"][1]
    page.evaluate("""([q1, q2]) => {
        const s = window.courseQuiz.store;
        s.saveAnswer(q1.id, {v: 0, ok: true, s: 1, h: q1.h});
        s.saveAnswer(q2.id, {v: 1, ok: false, s: 0, h: q2.h});
        s.write((d) => { d.assessment = {draft: {}, results: [{t: 1700000000000, anx: 5.875, avo: 2.375, region: "anxious"}]}; });
    }""", [q1, q2])
    page.reload()
    return {"lesson": lesson, "missed": q2}


def test_progress_export_delete_import_round_trip(open_page, tmp_path):
    page = open_page("progress/")
    seeded = _seed_answers(page)
    li = page.locator(f"[data-pg-lesson='{seeded['lesson']['page']}']")
    status = li.locator("[data-pg-status]").inner_text()
    assert status.startswith("Check: 2 of") and "1 right on the first try" in status
    assert li.locator(f"[data-pg-missed] a[href='{seeded['missed']['review']}']").count() == 1
    assert page.locator("[data-pg-continue]").inner_text() == seeded["lesson"]["title"]
    assert "Worry about the relationship 5.9, Discomfort with closeness 2.4" in page.locator("[data-pg-sa]").inner_text()
    assert "0 answers" not in page.locator("[data-pg-stored]").inner_text()
    assert "2 answers and 1 self-assessment result." in page.locator("[data-pg-stored]").inner_text()
    before = stored(page)

    with page.expect_download() as info:
        page.click("[data-pg-export]")
    exported = tmp_path / "export.json"
    info.value.save_as(exported)
    payload = json.loads(exported.read_text())
    assert payload["format"] == "aa-course-export" and payload["data"] == before

    page.click("[data-pg-delete]")
    assert page.locator("[data-pg-confirm]").is_visible()
    page.click("[data-pg-confirm-yes]")
    assert page.locator("[data-pg-confirm]").is_hidden()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    assert li.locator("[data-pg-status]").inner_text() == "No answers yet"
    assert "No self-assessment" in page.locator("[data-pg-sa]").inner_text()

    page.set_input_files("[data-pg-file]", str(exported))
    page.locator("[data-pg-confirm]").wait_for(state="visible")
    page.click("[data-pg-confirm-yes]")
    assert stored(page) == before
    assert li.locator("[data-pg-status]").inner_text() == status
    page.reload()
    assert li.locator("[data-pg-status]").inner_text() == status


@pytest.mark.parametrize("content, message", [
    (b"{not json", "could not be read as JSON"),
    (json.dumps({"format": "aa-course-export", "data": {"v": 1, "answers": []}}).encode(), "not an export from this course"),
    (json.dumps({"format": "something-else", "data": {"v": 1, "answers": {}}}).encode(), "not an export from this course"),
    (json.dumps({"format": "aa-course-export", "data": {"v": 1, "answers": {"x": {"v": 1, "ok": "yes"}}}}).encode(), "not an export"),
    (json.dumps({"format": "aa-course-export", "data": {"v": 9, "answers": {}}}).encode(), "newer version"),
])
def test_a_bad_import_changes_nothing(open_page, tmp_path, content, message):
    page = open_page("progress/")
    _seed_answers(page)
    raw_before = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    page.set_input_files("[data-pg-file]", str(bad))
    msg = page.locator("[data-pg-message]")
    msg.wait_for(state="visible")
    assert message in msg.inner_text() and "Nothing was changed" in msg.inner_text()
    assert "(" not in msg.inner_text(), "no code words such as '(format)' for the reader"
    assert page.locator("[data-pg-confirm]").is_hidden()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw_before


@pytest.mark.parametrize("size", SIZES)
def test_delete_dialog_starts_on_cancel_and_looks_destructive(open_page, size):
    page = sized(open_page, size, "progress/")
    _seed_answers(page)
    before = stored(page)
    page.click("[data-pg-delete]")
    dialog = page.locator("[data-pg-confirm]")
    assert dialog.is_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-pg-confirm-no')"), "focus must start on Cancel"
    page.keyboard.press("Enter")  # Enter on arrival cancels; it never deletes
    assert dialog.is_hidden() and stored(page) == before
    assert page.evaluate("() => document.activeElement.hasAttribute('data-pg-delete')"), "focus goes back to the opener"
    page.click("[data-pg-delete]")
    page.keyboard.press("Escape")
    assert dialog.is_hidden() and stored(page) == before
    page.click("[data-pg-delete]")
    page.click("[data-pg-confirm-no]")
    assert dialog.is_hidden() and stored(page) == before
    # Delete is red, unlike the primary buttons ("Check", "See my result").
    page.click("[data-pg-delete]")
    # Material's buttons fade their colours in 0.125 s: read them once every transition has ended.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    colours = page.evaluate("""() => {
        const rgb = (el, prop) => getComputedStyle(el)[prop].match(/\\d+/g).slice(0, 3).map(Number);
        const probe = document.createElement("button");
        probe.className = "md-button md-button--primary";
        document.querySelector("[data-aa-progress-data]").appendChild(probe);
        const out = {yes: rgb(document.querySelector("[data-pg-confirm-yes]"), "backgroundColor"),
                     primary: rgb(probe, "backgroundColor"),
                     opener: rgb(document.querySelector("[data-pg-delete]"), "color")};
        probe.remove();
        return out;
    }""")
    red = lambda c: c[0] > c[1] + 60 and c[0] > c[2] + 60  # noqa: E731
    assert red(colours["yes"]) and red(colours["opener"]), colours
    assert colours["yes"] != colours["primary"]


# ------------------------------------------- self-assessment: chart and history
@pytest.mark.parametrize("size", SIZES)
def test_chart_words_are_at_least_12px_and_fit_the_screen(open_page, size):
    page = sized(open_page, size, "self-assessment/")
    seed_assessment(page, {"results": [{"v": 2, "t": 1700000000000, "anx": 3.5, "avo": 5.25, "set": "x"}]})
    answer_all(page)
    see_result(page)
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll(".sa-chart text")).map((t) => {
        const m = t.getScreenCTM();
        const scale = Math.hypot(m.a, m.b);  // rotated labels too
        const box = t.getBoundingClientRect();
        return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                tall: Math.abs(m.b) > Math.abs(m.a) ? box.width : box.height, right: box.right, left: box.left};
    })""")
    assert len(sizes) >= 20  # ticks, axis names, their ends, point labels
    small = [s for s in sizes if s["px"] < 12 or s["tall"] < 12]
    assert small == [], small
    width = page.viewport_size["width"]
    assert all(0 <= s["left"] and s["right"] <= width for s in sizes), "a chart word runs off the screen"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def _boxes_overlap(a, b) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("size", SIZES)
def test_labels_of_earlier_results_do_not_overlap(open_page, size):
    page = sized(open_page, size, "self-assessment/")
    # A tight cluster around the new result (ANXIETY, AVOIDANCE) = (5.125, 2.625); #5 lands exactly on it.
    near = [(5.125, 2.625), (5.0, 2.75), (5.125, 2.5), (4.875, 2.625), (5.125, 2.625), (5.25, 2.75)]
    seed_assessment(page, {"results": [{"v": 2, "t": 1700000000000 + i * 86400000, "anx": a, "avo": v, "set": "x"}
                                       for i, (a, v) in enumerate(near)]})
    answer_all(page)
    see_result(page)
    labels = page.locator(".sa-dot-label")
    texts = [t.text_content() for t in labels.all()]
    # Seven results, the latest six drawn (#2 to #7); #5 sits where the new one does, so they share a label.
    assert sorted(texts) == ["2", "3", "4", "5, Now", "6"]
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _boxes_overlap(a, b), (texts, boxes)
    dots = [page.locator(".sa-dot").nth(i).bounding_box() for i in range(page.locator(".sa-dot").count())]
    for label in boxes:
        assert sum(_boxes_overlap(label, d) for d in dots) == 0, "a label covers a point"


def test_repeated_see_my_result_adds_one_entry(open_page):
    page = open_page("self-assessment/")
    answer_all(page)
    see_result(page)
    see_result(page)
    page.reload()
    see_result(page)
    assert len(stored(page)["assessment"]["results"]) == 1
    assert page.locator("table.sa-history tbody tr").count() == 1
    # A changed answer is a new result.
    page.locator("[data-sa-item]").first.locator("input[value='1']").check()
    see_result(page)
    assert len(stored(page)["assessment"]["results"]) == 2
    assert page.locator("table.sa-history tbody tr").count() == 2


@pytest.mark.parametrize("size", ["phone"])  # what is stored and read back: the screen changes nothing
def test_reload_shows_the_last_result(open_page, size):
    page = sized(open_page, size, "self-assessment/")
    answer_all(page)
    see_result(page)
    summary = page.locator("[data-sa-summary]").inner_text()
    page.reload()
    result = page.locator("[data-sa-result]")
    result.wait_for(state="visible")
    assert page.locator("[data-sa-summary]").inner_text() == summary
    assert page.locator(".sa-dot--now").count() == 1
    jump = page.locator("[data-sa-jump]")
    assert jump.is_visible()  # the top of the page says a result is waiting below
    jump.locator("a").click()
    assert result.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"] / 2


def test_old_and_malformed_stored_results_still_display(open_page):
    page = open_page("self-assessment/")
    current = tool_data(page, "[data-aa-assessment]")["set"]
    seed_assessment(page, {
        "draft": {"sa-anx-reply": "seven", "sa-avo-exit": 99, "sa-anx-okay": 5},
        "done": "yesterday",
        "results": [
            {"t": 1600000000000, "anx": 5.875, "avo": 2.375, "region": "anxious"},  # version 1
            "not a result", None, [], {"t": "soon", "anx": 4, "avo": 4}, {"t": 1, "anx": 42, "avo": 4},
            {"t": 1650000000000, "anx": 2.0, "avo": 6.5, "region": "nowhere-known"},  # v1 with an odd region: still a position
            {"v": 7, "t": 1660000000000, "anx": 3.0, "avo": 3.0},  # a later version with the same fields
            {"v": 2, "t": 1700000000000, "anx": 6.25, "avo": 5.5, "set": current},
        ],
    })
    page.locator("[data-sa-result]").wait_for(state="visible")
    rows = page.locator("table.sa-history tbody tr")
    assert rows.count() == 4
    assert [c.inner_text() for c in rows.nth(0).locator("td").all()[1:]] == ["6.3", "5.5"]
    assert "*" not in rows.nth(0).inner_text() and "*" in rows.nth(3).inner_text()  # v1: an earlier statement set
    assert "earlier set of statements" in page.locator("[data-sa-history]").inner_text()
    both = tool_data(page, "[data-aa-assessment]")["regions"]["both"]["text"]
    assert both in page.locator("[data-sa-guidance]").inner_text()
    assert page.locator(".sa-dot").count() == 4
    assert page.locator("[data-sa-item] input:checked").count() == 1  # only the valid draft answer came back
    # The progress page lists the same four.
    page.goto(page.url.replace("self-assessment/", "progress/"))
    assert page.locator(".pg-sa-results li").count() == 4


def test_both_result_links_to_its_guidance_and_chapter_one(open_page):
    page = open_page("self-assessment/")
    data = tool_data(page, "[data-aa-assessment]")
    page.evaluate("(r) => window.courseQuiz.store.write((d) => { d.assessment = {results: [r]}; })",
                  {"v": 2, "t": 1700000000000, "anx": 6.0, "avo": 6.0, "set": data["set"]})
    page.reload()
    guidance = page.locator("[data-sa-guidance]")
    guidance.wait_for(state="visible")
    hrefs = [a.get_attribute("href") for a in guidance.locator("a").all()]
    assert any(h.endswith("change/if-you-lean-both/") for h in hrefs), hrefs
    assert any(h.endswith("origins/") for h in hrefs), hrefs
    # "see Get help now" is a link to it, as everywhere else (walk 13).
    assert guidance.get_by_role("link", name="Get help now").get_attribute("href").endswith("get-help/")


def test_plural_forms_follow_the_page_language(open_page):
    page = open_page("self-assessment/")
    forms = page.evaluate("""() => {
        const table = {k_one: "{n} question left", k_other: "{n} questions left"};
        return [0, 1, 2].map((n) => window.courseQuiz.util.plural(table, "k", n, {n}));
    }""")
    assert forms == ["0 questions left", "1 question left", "2 questions left"]
    answer_all(page, ANSWERS[:1])
    assert page.locator("[data-sa-status]").inner_text().startswith("1 of 16 statements answered")


# ---------------------------------------------------------------------- cycle
def test_cycle_by_keyboard(open_page):
    page = open_page("cycle/the-loop/")
    steps = page.locator("[data-cy-step]")
    assert [steps.nth(i).is_visible() for i in range(5)] == [True, False, False, False, False]
    page.locator("[data-cy-next]").focus()
    page.keyboard.press("Enter")
    assert steps.nth(1).is_visible() and steps.nth(0).is_hidden()
    assert "Step 2 of 5: Alarm" in page.locator("[data-cy-live]").text_content()
    assert page.locator("[data-cy-node='1']").get_attribute("class") == "cy-node is-current"
    tab = page.locator("[data-cy-goto='1']")
    assert tab.get_attribute("aria-current") == "step"
    tab.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.dataset.cyGoto") == "2"
    assert steps.nth(2).is_visible()
    page.keyboard.press("End")
    assert steps.nth(4).is_visible()
    page.locator("[data-cy-next]").focus()
    page.keyboard.press("Space")  # a loop: after the last step comes the first
    assert steps.nth(0).is_visible()
    page.locator("[data-cy-prev]").focus()
    page.keyboard.press("Enter")
    assert steps.nth(4).is_visible()
    assert "pursuing partner" in steps.nth(4).inner_text() and "withdrawing partner" in steps.nth(4).inner_text()


def test_cycle_step_text_is_where_the_eye_is_on_a_phone(open_page):
    page = sized(open_page, "phone", "cycle/the-loop/")
    step = page.locator("[data-cy-step='0']")
    step.evaluate("el => el.scrollIntoView({block: 'end'})")  # read the first step to its end
    nxt = page.locator("[data-cy-next]")
    box = nxt.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 667, "Next is on screen at the end of the step"
    nxt.click()
    page.evaluate(SCROLL_SETTLED)  # check where the smooth scroll ends, not a moment of it
    top = page.locator("[data-cy-step='1']").bounding_box()["y"]
    stage = page.locator("[data-cy-stage]").bounding_box()  # the diagram and step buttons, stuck under the header
    header = page.locator(".md-header").bounding_box()
    assert stage["y"] >= header["y"] + header["height"] - 1, "the diagram sits below the header"
    assert stage["y"] + stage["height"] - 1 <= top < 667 * 0.7, "the new step starts just under the diagram"


def test_cycle_step_text_starts_on_a_laptops_first_screen(open_page):
    page = sized(open_page, "laptop", "cycle/the-loop/")
    figure = page.locator("[data-aa-cycle]")
    figure.evaluate("el => el.scrollIntoView({block: 'start'})")
    # With the diagram at the top of the screen, the step's text starts in the upper half and
    # the whole first step fits on the screen (before: 620 px down, ending below the fold).
    card = page.locator("[data-cy-step='0']").bounding_box()
    assert card["y"] < 900 / 2 and card["y"] + card["height"] <= 900, card


def test_cycle_without_javascript_shows_every_step(open_page):
    page = open_page("cycle/the-loop/", js=False)
    steps = page.locator("[data-cy-step]")
    assert all(steps.nth(i).is_visible() for i in range(5))
    assert page.locator("[data-cy-controls]").is_hidden()
    assert page.locator(".cy-svg").is_visible()


def test_reduced_motion_has_no_animation(reader_page, server):
    page = reader_page(server, reduced_motion="reduce")
    page.goto(server + "cycle/the-loop/")
    page.click("[data-cy-next]")
    assert page.locator("[data-cy-step='1']").evaluate("el => getComputedStyle(el).animationName") == "none"


# ----------------------------------------------------------------------- axe
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path, include, prepare", [
    ("self-assessment/", [".md-content"], "result"),
    ("progress/", [".md-content"], "seed"),
    ("cycle/the-loop/", ["[data-aa-cycle]"], None),
])
def test_axe_has_no_violations(open_page, scheme, path, include, prepare):
    page = open_page(path, scheme=scheme)
    if prepare == "result":
        for item, value in zip(page.locator("[data-sa-item]").all(), ANSWERS, strict=True):
            item.locator(f"input[value='{value}']").check()
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
        page.click("[data-sa-dance-form] button[type=submit]")  # show the 'answer every question' alert too
    elif prepare == "seed":
        _seed_answers(page)
        page.click("[data-pg-delete]")  # the confirmation panel is part of the page too
    violations = run_axe(page, include)
    assert violations == [], describe(violations)


LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    list.getEntries().forEach((e) => { if (!e.hadRecentInput) total += e.value; });
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 300);
})"""


def test_my_progress_names_this_sites_own_storage_key(open_page):
    # The page's text gives an example key, which is another site's wherever the course is served
    # elsewhere (walk 13: served at /course/): the data part names the real one.
    page = open_page("progress/")
    assert page.locator("[data-pg-stored] code").inner_text() == KEY


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_progress_page_does_not_move_when_its_script_fills_it(open_page, size):
    # progress.js writes the summary and each row's status after the first paint; their room is held
    # from the start (tools.css), so a first visit's chapter list stays put (was 0.11 on a phone).
    page = sized(open_page, size, "progress/")
    page.locator("[data-pg-summary] p").first.wait_for()
    assert page.locator("[data-pg-status]").first.inner_text() == "No answers yet"
    assert page.evaluate(LAYOUT_SHIFT) < 0.01


def test_an_import_keeps_only_the_fields_it_knows(open_page, tmp_path):
    """An export file with unknown members and a "__proto__" key: only the store's own fields are kept."""
    page = open_page("progress/")
    lesson = tool_data(page, "[data-aa-progress]")["chapters"][0]["lessons"][0]
    q1 = lesson["questions"][0]
    text = ('{"format": "aa-course-export", "data": {"v": 1, "extra": {"x": 1}, "__proto__": {"polluted": true},'
            ' "answers": {"__proto__": {"v": 1}, "%s": {"v": 0, "ok": true, "s": 1, "h": "%s", "junk": 2}}}}' % (q1["id"], q1["h"]))
    bad = tmp_path / "import.json"
    bad.write_text(text)
    page.set_input_files("[data-pg-file]", str(bad))
    page.locator("[data-pg-confirm]").wait_for(state="visible")
    page.click("[data-pg-confirm-yes]")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('{q1['id']}')")
    data = stored(page)
    assert set(data) <= {"v", "answers", "told"}, data
    assert list(data["answers"]) == [q1["id"]] and data["answers"][q1["id"]] == {"v": 0, "ok": True, "s": 1, "h": q1["h"]}
    assert page.evaluate("() => ({}).polluted === undefined && Object.getPrototypeOf(courseQuiz.store.read()) === Object.prototype")


def test_answers_under_the_old_key_move_to_the_sites_own_key_once(open_page, server):
    """'aa-course' (the key of every course on the origin) -> 'aa-course:/course/', then the old key is gone."""
    page = open_page("")
    old = {"v": 1, "answers": {"moved-q": {"v": 1, "ok": True, "h": "x"}}}
    page.evaluate("(v) => { localStorage.clear(); localStorage.setItem('aa-course', JSON.stringify(v)); }", old)
    page.goto(server + "progress/")
    page.wait_for_function(f"() => localStorage.getItem('{KEY}') !== null")
    assert stored(page)["answers"]["moved-q"] == old["answers"]["moved-q"]
    assert page.evaluate("() => localStorage.getItem('aa-course')") is None
    # Once: a later value under the old key (another course on the origin) is not taken again.
    page.evaluate("() => localStorage.setItem('aa-course', JSON.stringify({v: 1, answers: {other: {v: 2}}}))")
    page.reload()
    page.evaluate("() => courseQuiz.store.read()")
    assert "other" not in stored(page)["answers"]
    assert page.evaluate("() => localStorage.getItem('aa-course')") is not None


def test_set_aside_copies_are_capped(open_page, server):
    """Damaged values set aside under '<key>:corrupt:<time>': only the newest three are kept."""
    page = open_page("")
    page.evaluate(f"""() => {{ for (let i = 1; i <= 5; i += 1) localStorage.setItem('{KEY}:corrupt:' + i, 'old ' + i); }}""")
    page.evaluate(f"() => localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    page.wait_for_function(f"() => localStorage.getItem('{KEY}') !== '{{not json'")
    copies = sorted(k for k in page.evaluate("() => Object.keys(localStorage)") if k.startswith(f"{KEY}:corrupt:"))
    assert len(copies) == 3, copies
    assert f"{KEY}:corrupt:5" in copies and f"{KEY}:corrupt:4" in copies and f"{KEY}:corrupt:1" not in copies
    newest = max(copies, key=lambda k: int(k.rsplit(":", 1)[1]))
    assert page.evaluate(f"() => localStorage.getItem('{newest}')") == "{not json"
