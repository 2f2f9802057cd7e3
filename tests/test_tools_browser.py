"""The course tools in Chromium: self-assessment by keyboard, progress export/delete/import, the explorable cycle.

Under the real conditions: the course built for and served at http://127.0.0.1:PORT/course/ with
its Content-Security-Policy (meta and header), no bypass; any violation fails the test.
"""
from __future__ import annotations

import json

import pytest

from tests.axe_helper import describe, run_axe
from tests.conftest import CSP_REPORTER

pytestmark = pytest.mark.browser

KEY = "aa-course"
# Hand-computed (see tests/test_assessment.py::test_real_items_mixed_case): answers in page order
ANSWERS = [6, 2, 5, 6, 2, 3, 7, 2, 6, 5, 3, 2, 5, 6, 1, 3]
ANXIETY, AVOIDANCE = 47 / 8, 19 / 8  # 5.875 and 2.375 -> "Leaning anxious"


@pytest.fixture(scope="module")
def server(deployed_course):
    return deployed_course[0]


@pytest.fixture(scope="module")
def chromium(browser):
    """The suite's one Chromium (tests/conftest.py): a second sync Playwright in the same process is refused."""
    return browser


class Watch:
    def __init__(self, base: str):
        self.base = base
        self.errors: list[str] = []
        self.off_origin: list[str] = []


@pytest.fixture
def open_page(chromium, server):
    """A fresh context per test; records console errors and blocks (and records) any off-origin request."""
    contexts = []
    watch = Watch(server)

    def make(path: str = "", scheme: str = "light", js: bool = True, width: int = 1100, context=None):
        if context is None:
            context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                           java_script_enabled=js, accept_downloads=True)
            context.add_init_script(CSP_REPORTER)
            contexts.append(context)

            def route(r):
                if r.request.url.startswith(server) or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    watch.off_origin.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.errors.append(str(e)))
        page.goto(server + path)
        return page

    make.watch = watch
    yield make
    for c in contexts:
        c.close()
    assert watch.errors == [], watch.errors
    assert watch.off_origin == [], watch.off_origin


def stored(page) -> dict:
    raw = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {}


def tool_data(page, selector: str) -> dict:
    return json.loads(page.locator(selector).get_attribute("data-aa-data"))


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
    c = chart(page)
    assert float(dot.get_attribute("cx")) == pytest.approx(c["x0"] + (AVOIDANCE - 1) / 6 * c["w"], abs=0.01)
    assert float(dot.get_attribute("cy")) == pytest.approx(c["y0"] + (7 - ANXIETY) / 6 * c["h"], abs=0.01)
    assert "Leaning anxious" in page.locator("[data-sa-region]").inner_text()
    assert "Leaning anxious" in page.locator("[data-sa-chart-desc]").text_content()
    assert page.locator("[data-sa-region] a[href*='if-you-lean-anxious']").count() == 1
    results = stored(page)["assessment"]["results"]
    assert len(results) == 1 and results[0]["region"] == "anxious"


def test_midpoint_exactly_counts_as_low_in_the_browser(open_page):
    page = open_page("self-assessment/")
    for item in page.locator("[data-sa-item]").all():
        item.locator("input[value='4']").check()
    page.click("[data-sa-actions] button[type=submit]")
    page.locator("[data-sa-result]").wait_for(state="visible")
    assert "Mostly secure" in page.locator("[data-sa-region]").inner_text()


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
    page.reload()
    checked = [items.nth(i).locator("input:checked").count() for i in range(5)]
    assert checked == [1, 1, 1, 0, 0]


def test_taking_it_again_keeps_dated_history(open_page):
    page = open_page("self-assessment/")
    for value in (2, 6):
        for item in page.locator("[data-sa-item]").all():
            item.locator(f"input[value='{value}']").check()
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
        if value == 2:
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
    assert "results" not in stored(page)["assessment"] or stored(page)["assessment"]["results"] == []


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
    assert status.startswith("Check: 2 of") and "1 correct" in status
    assert li.locator(f"[data-pg-missed] a[href='{seeded['missed']['review']}']").count() == 1
    assert page.locator("[data-pg-continue]").inner_text() == seeded["lesson"]["title"]
    assert "Leaning anxious" in page.locator("[data-pg-sa]").inner_text()
    before = stored(page)

    with page.expect_download() as info:
        page.click("[data-pg-export]")
    exported = tmp_path / "export.json"
    info.value.save_as(exported)
    payload = json.loads(exported.read_text())
    assert payload["format"] == "aa-course-export" and payload["data"] == before

    page.click("[data-pg-delete]")
    assert page.locator("[data-pg-confirm]").is_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-pg-confirm-yes')")
    page.keyboard.press("Enter")
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    assert li.locator("[data-pg-status]").inner_text() == "Not started"
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
    assert page.locator("[data-pg-confirm]").is_hidden()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw_before


def test_delete_can_be_cancelled(open_page):
    page = open_page("progress/")
    _seed_answers(page)
    before = stored(page)
    page.click("[data-pg-delete]")
    page.click("[data-pg-confirm-no]")
    assert page.locator("[data-pg-confirm]").is_hidden()
    assert stored(page) == before


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


def test_cycle_without_javascript_shows_every_step(open_page):
    page = open_page("cycle/the-loop/", js=False)
    steps = page.locator("[data-cy-step]")
    assert all(steps.nth(i).is_visible() for i in range(5))
    assert page.locator("[data-cy-controls]").is_hidden()
    assert page.locator(".cy-svg").is_visible()


def test_reduced_motion_has_no_animation(chromium, server):
    context = chromium.new_context(reduced_motion="reduce")
    context.add_init_script(CSP_REPORTER)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(server + "cycle/the-loop/")
    page.click("[data-cy-next]")
    assert page.locator("[data-cy-step='1']").evaluate("el => getComputedStyle(el).animationName") == "none"
    context.close()
    assert errors == []


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
        for item, value in zip(page.locator("[data-sa-item]").all(), ANSWERS):
            item.locator(f"input[value='{value}']").check()
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
        page.click("[data-sa-dance-form] button[type=submit]")  # show the 'answer every question' alert too
    elif prepare == "seed":
        _seed_answers(page)
        page.click("[data-pg-delete]")  # the confirmation panel is part of the page too
    violations = run_axe(page, include)
    assert violations == [], describe(violations)
