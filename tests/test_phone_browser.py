"""The course on a phone (375 x 667, dark) and a laptop (1366 x 900, light), in Chromium at the deployed
address with the strict policy: target sizes, one question at a time, the cycle's diagram beside its
text, "See my result", likert rows, and the JavaScript-off palette and words.
"""
from __future__ import annotations

import pytest

from tests.conftest import CSP_REPORTER

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
LAPTOP = {"width": 1366, "height": 900}
ANSWERS = [6, 2, 5, 6, 2, 3, 7, 2, 6, 5, 3, 2, 5, 6, 1, 3]


@pytest.fixture(scope="module")
def server(deployed_course):
    return deployed_course[0]


@pytest.fixture
def open_page(browser, server):
    """A fresh context per page; any console error or off-site request fails the test."""
    contexts, errors, away = [], [], []

    def make(path: str, viewport=PHONE, scheme: str = "dark", js: bool = True):
        context = browser.new_context(viewport=viewport, color_scheme=scheme, java_script_enabled=js)
        context.add_init_script(CSP_REPORTER)
        contexts.append(context)

        def route(r):
            if r.request.url.startswith((server, "data:", "blob:")):
                r.continue_()
            else:
                away.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + path)
        return page

    yield make
    for c in contexts:
        c.close()
    assert errors == [] and away == []


def poll(page, script: str, arg=None, tries: int = 100):
    """The value of `script` once it is truthy (checked every 50 ms, up to 5 s), else the last value."""
    value = None
    for _ in range(tries):
        value = page.evaluate(script, arg)
        if value:
            return value
        page.wait_for_timeout(50)
    return value


# ---- Targets: every control of the course's tools at least 44 x 44 on a phone ------------------

# A control's target: a radio or box counts with its label (the label is what a finger taps).
CONTROLS = ("article :is(button, select, textarea, summary, input:not([type=hidden]), a.md-button, "
            "a[href^='tel:'], a[href^='sms:'])")


def small_targets(page) -> list[str]:
    small = []
    for el in page.locator(CONTROLS).all():
        if not el.is_visible():
            continue
        target = el.locator("xpath=ancestor::label[1]") if el.evaluate("e => !!e.closest('label') && e.matches('input')") else el
        box = target.bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            name = el.evaluate("e => (e.closest('label') || e).textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60)")
            small.append(f"{name}: {box['width']:.1f} x {box['height']:.1f}")
    return small


@pytest.mark.parametrize("path", ["cycle/the-loop/", "origins/quiz/", "self-assessment/", "get-help/"])
def test_every_control_is_at_least_44_px_on_a_phone(open_page, path):
    page = open_page(path)
    page.wait_for_load_state("networkidle")
    toggle = page.locator(".qz-one-toggle")
    if toggle.count():
        toggle.click()  # every question at once, so every control is measured
    if path == "self-assessment/":
        for item, value in zip(page.locator("[data-sa-item]").all(), ANSWERS, strict=True):
            item.locator(f"input[value='{value}']").check()
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
    assert page.locator(CONTROLS).count() > 10
    assert small_targets(page) == []


def test_a_chosen_scale_point_is_filled_and_ticked(open_page):
    page = open_page("self-assessment/")
    point = page.locator("[data-sa-item]").first.locator("input[value='3'] + .sa-choice-n")
    before = point.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e, '::before').content]")
    page.locator("[data-sa-item]").first.locator("input[value='3']").check()
    after = point.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e, '::before').content]")
    assert after[0] != before[0] and after[1] == '"✓"' and before[1] in ("none", "normal")


def test_a_chosen_quiz_option_is_bordered_tinted_and_bold(open_page):
    page = open_page("origins/quiz/")
    option = page.locator(".qz > :not(.qz-unit--away) label.qz-option").first
    look = "e => { const c = getComputedStyle(e); return [c.boxShadow, c.backgroundColor, c.fontWeight]; }"
    before = option.evaluate(look)
    option.click()
    shadow, background, weight = option.evaluate(look)
    assert "inset" in shadow and background != before[1] and int(weight) >= 700


# ---- One question at a time ---------------------------------------------------------------------

UNITS = ".qz > .qz-question, .qz > .qz-scenario"


def shown_units(page) -> list[str]:
    return page.evaluate(f"() => [...document.querySelectorAll('{UNITS}')].filter(u => u.getClientRects().length).map(u => u.id)")


def test_a_chapter_quiz_shows_one_question_at_a_time_on_a_phone(open_page):
    page = open_page("origins/quiz/")
    units = page.evaluate(f"() => [...document.querySelectorAll('{UNITS}')].map(u => u.id)")
    total = len(units)
    assert total > 5
    counter = page.locator(".qz-one-counter")
    assert counter.get_attribute("aria-live") == "polite"
    assert counter.inner_text() == f"Question 1 of {total}"
    assert shown_units(page) == [units[0]]
    nxt = page.get_by_role("button", name="Next question")
    prev = page.get_by_role("button", name="Previous question")
    assert prev.is_disabled()
    nxt.click()
    assert counter.inner_text() == f"Question 2 of {total}"
    assert shown_units(page) == [units[1]]
    assert page.evaluate("() => document.activeElement.id") == units[1], "focus moves to the question shown"
    # By keyboard: Previous and Next are buttons in the tab order.
    prev.focus()
    page.keyboard.press("Enter")
    assert counter.inner_text() == f"Question 1 of {total}" and shown_units(page) == [units[0]]
    for _ in range(total - 1):
        nxt.focus()
        page.keyboard.press("Enter")
    assert counter.inner_text() == f"Question {total} of {total}" and nxt.is_disabled()
    # Print, and "Show all questions", give the whole set.
    page.emulate_media(media="print")
    assert shown_units(page) == units
    assert not counter.is_visible() and not nxt.is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Show all questions").click()
    assert shown_units(page) == units and not nxt.is_visible()
    page.get_by_role("button", name="One question at a time").click()
    assert len(shown_units(page)) == 1


def test_coming_back_opens_at_the_first_question_not_answered(open_page):
    page = open_page("origins/quiz/")
    total = page.locator(UNITS).count()
    # the first unit's graded questions: the unit itself, or the questions of its scenario
    questions = page.locator(".qz > .qz-question[data-qz-hash]:not(.qz-unit--away), "
                             ".qz > .qz-scenario:not(.qz-unit--away) .qz-question[data-qz-hash]")
    for i in range(questions.count()):
        questions.nth(i).locator("label.qz-option").first.click()
        questions.nth(i).get_by_role("button", name="Check").click()
    page.reload()
    assert page.locator(".qz-one-counter").inner_text() == f"Question 2 of {total}"


def test_on_a_laptop_and_without_javascript_every_question_shows(open_page):
    page = open_page("origins/quiz/", viewport=LAPTOP, scheme="light")
    units = page.evaluate(f"() => [...document.querySelectorAll('{UNITS}')].map(u => u.id)")
    assert shown_units(page) == units and not page.locator(".qz-one-counter").is_visible()
    page = open_page("origins/quiz/", js=False)
    assert shown_units(page) == units


# ---- The cycle: the diagram and the step's text on one screen ----------------------------------

SEEN_TOGETHER = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const svg = document.querySelector('.cy-svg').getBoundingClientRect();
  const title = document.querySelector('.cy-step:not([hidden]) .cy-step-title').getBoundingClientRect();
  return svg.top >= header - 1 && svg.bottom <= innerHeight && title.top >= svg.bottom && title.bottom <= innerHeight;
}"""


# Resolves once the page has not scrolled for five frames in a row (a smooth scroll has ended).
SETTLED = """() => new Promise((done) => {
  let last = scrollY, still = 0;
  const tick = () => { still = scrollY === last ? still + 1 : 0; last = scrollY; if (still >= 5) done(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})"""


def test_the_cycles_diagram_and_step_text_are_on_screen_together_after_each_move(open_page):
    page = open_page("cycle/the-loop/")
    page.locator("[data-cy-next]").scroll_into_view_if_needed()
    for n in range(2, 6):
        page.locator("[data-cy-next]").click()
        assert page.locator(".cy-step:not([hidden])").get_attribute("data-cy-step") == str(n - 1)
        assert poll(page, SEEN_TOGETHER), f"step {n}: the diagram and the step's text are not both on screen"
        page.evaluate(SETTLED)  # the move's own scroll is over
        y = page.evaluate("scrollY")
        page.mouse.wheel(0, 400)  # read on down to the sticky Next: the diagram stays, under the header
        assert poll(page, "(y) => scrollY > y + 100", y)
        page.evaluate(SETTLED)
        assert page.evaluate("""() => document.querySelector('.cy-svg').getBoundingClientRect().top
            >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1""")
    page.locator(".cy-tab").first.click()
    assert poll(page, SEEN_TOGETHER)


def test_the_diagram_and_the_text_name_step_5_and_its_loop_alike(open_page):
    page = open_page("cycle/the-loop/", js=False)
    diagram = page.locator(".cy-node").nth(4).text_content().strip()
    step = page.locator(".cy-step").nth(4).locator(".cy-step-title").inner_text()
    assert diagram == "5. Confirmation" and step.startswith("Step 5 of 5: Confirmation.")
    assert "(step 2)" in step and "alarm" in step
    assert "back to the alarm, step 2" in page.locator("#cy-desc").text_content()


# ---- "See my result" ---------------------------------------------------------------------------


@pytest.mark.parametrize("viewport,scheme", [(PHONE, "dark"), (LAPTOP, "light")])
def test_see_my_result_lands_on_the_result_and_its_heading(open_page, viewport, scheme):
    page = open_page("self-assessment/", viewport=viewport, scheme=scheme)
    for item, value in zip(page.locator("[data-sa-item]").all(), ANSWERS, strict=True):
        item.locator(f"input[value='{value}']").check()
    page.click("[data-sa-actions] button[type=submit]")
    assert poll(page, "() => document.activeElement.id === 'sa-result-title'")
    top = poll(page, """() => { const r = document.querySelector('#sa-result-title').getBoundingClientRect();
        const h = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return r.top >= h && r.top < h + 60 ? r.top : 0; }""")
    assert top, "the result's heading sits right under the header"


# ---- Likert rows ------------------------------------------------------------------------------


def test_likert_points_never_wrap_inside_on_a_laptop_and_say_what_was_chosen(open_page):
    page = open_page("cycle/two-fears/", viewport=LAPTOP, scheme="light")
    item = page.locator('.qz-question[data-qz-type="likert"]').first
    heights = [label.bounding_box()["height"] for label in item.locator("label.qz-option").all()]
    assert max(heights) - min(heights) < 1, "'Strongly agree' on one line, as tall as 'Agree'"
    item.get_by_label("Strongly agree").check()
    assert item.locator("[data-qz-feedback]").inner_text().startswith("You chose “Strongly agree”.")


# ---- JavaScript off ----------------------------------------------------------------------------


def test_without_javascript_dark_mode_readers_get_the_dark_palette(open_page):
    dark = open_page("cycle/two-fears/", js=False)
    light = open_page("cycle/two-fears/", scheme="light", js=False)
    lum = "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number); return r + g + b; }"
    assert dark.evaluate(lum) < 150 < light.evaluate(lum)


def test_without_javascript_a_reflection_does_not_promise_to_save(open_page):
    page = open_page("no-villain/two-stories/", js=False)
    hints = page.locator(".qz-ungraded .qz-hint").all_inner_texts()
    assert hints and all("Saved" not in h and "saved" not in h for h in hints)


# ---- axe on a phone, in the states these changes bring ------------------------------------------


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("path", ["origins/quiz/", "cycle/the-loop/", "self-assessment/", "cycle/two-fears/"])
def test_axe_finds_nothing_on_a_phone(open_page, scheme, path):
    from tests.axe_helper import describe, run_axe

    page = open_page(path, scheme=scheme)
    page.wait_for_load_state("networkidle")
    if path == "self-assessment/":
        for item, value in zip(page.locator("[data-sa-item]").all(), ANSWERS, strict=True):
            item.locator(f"input[value='{value}']").check()
        page.click("[data-sa-actions] button[type=submit]")
        page.locator("[data-sa-result]").wait_for(state="visible")
    elif page.locator(".qz-one-counter").count():
        # on to the first question with options to choose; choose one and check it (its feedback shows)
        graded = ".qz > :not(.qz-unit--away) .qz-options label.qz-option"
        while not page.locator(graded).count():
            page.get_by_role("button", name="Next question").click()
        option = page.locator(graded).first
        option.click()
        option.locator("xpath=ancestor::div[contains(@class, 'qz-question')][1]").get_by_role("button", name="Check").click()
    if path == "cycle/the-loop/":
        page.locator("[data-cy-next]").click()
    violations = run_axe(page, [".md-content"])
    assert violations == [], describe(violations)


def test_starting_a_chapter_quiz_again_asks_first_and_keep_changes_nothing(open_page):
    # Reader walk: one stray tap on "Start the quiz again" erased a passed quiz with no warning.
    from tests.journey_helpers import answer_every_question

    page = open_page("origins/quiz/")
    answer_every_question(page, right=True)
    summary = page.locator("[data-qz-summary]")
    summary.get_by_role("button", name="Start the quiz again").wait_for()
    stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    summary.get_by_role("button", name="Start the quiz again").click()
    assert "clears your saved result" in summary.inner_text()
    keep = summary.get_by_role("button", name="Keep my result")
    assert page.evaluate("() => document.activeElement.textContent") == "Keep my result"
    keep.click()
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage))") == stored
    assert summary.get_by_role("button", name="Start the quiz again").is_visible()
    assert summary.get_by_role("button", name="Keep my result").count() == 0
    summary.get_by_role("button", name="Start the quiz again").click()
    summary.get_by_role("button", name="Yes, clear it and start again").click()
    assert poll(page, "() => !document.querySelector('.qz-question[data-qz-state]')")
