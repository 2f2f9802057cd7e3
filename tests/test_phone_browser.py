"""The course on a phone (375 x 667, dark) and a laptop (1366 x 900, light), in Chromium at the deployed
address with the strict policy: target sizes, one question at a time, the cycle's diagram beside its
text, "See my result", likert rows, and the JavaScript-off palette and words.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import CSP_REPORTER, record_other_origins
from tests.serve import SCROLL_SETTLED

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
LAPTOP = {"width": 1366, "height": 900}
ANSWERS = [6, 2, 5, 6, 2, 5, 1, 2, 6, 5, 3, 6, 5, 6, 7, 3]


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

        record_other_origins(context, server, away)
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


SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)].flatMap((el) => {
  const style = getComputedStyle(el), own = el.getBoundingClientRect();
  if (!own.width || !own.height || style.visibility === 'hidden') return [];  // not shown: nothing to tap
  const target = el.matches('input') && el.closest('label') || el;
  const box = target.getBoundingClientRect();
  if (box.width >= 44 && box.height >= 44) return [];
  const name = (el.closest('label') || el).textContent.trim().slice(0, 40) || el.outerHTML.slice(0, 60);
  return [`${name}: ${box.width.toFixed(1)} x ${box.height.toFixed(1)}`];
})"""


def small_targets(page) -> list[str]:
    """Every shown control whose target is under 44 x 44 px, in one pass in the page (a call per control
    took 13 s on the self-assessment's 300 controls)."""
    return page.evaluate(SMALL_TARGETS, CONTROLS)


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


def test_the_drawers_chapter_links_and_arrows_fill_their_rows(open_page):
    """Reader walk 19: in the phone's menu a chapter row looked 48 px tall, but its link and arrow were 24."""
    page = open_page("")
    box = page.locator("label.md-header__button[for=__drawer]").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    rows = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__container")
    rows.first.wait_for(state="visible")
    assert rows.count() >= 5  # the chapters
    for row in rows.all():
        for part in row.locator(":scope > .md-nav__link").all():
            assert part.bounding_box()["height"] >= 44, part.evaluate("e => e.outerHTML.slice(0, 80)")


def test_a_chosen_scale_point_is_filled_and_ticked(open_page):
    page = open_page("self-assessment/")
    point = page.locator("[data-sa-item]").first.locator("input[value='3'] + .sa-choice-n")
    before = point.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e, '::before').content]")
    page.locator("[data-sa-item]").first.locator("input[value='3']").check()
    after = point.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e, '::before').content]")
    assert after[0] != before[0] and after[1] == '"✓"' and before[1] in ("none", "normal")


def test_the_first_save_note_does_not_move_the_statement_under_the_finger(open_page):
    # The note goes above the statement (so Tab from its scale reaches the next statement first); it
    # pushed the statement ~330 px down under the reader's finger on the first answer (walk 13).
    page = open_page("self-assessment/")
    statement = page.locator("[data-sa-item]").first
    statement.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - innerHeight / 2)")
    page.evaluate(SCROLL_SETTLED)
    point = statement.locator("label:has(input[value='4'])")
    top = point.bounding_box()["y"]
    point.click()
    note = page.locator("[data-aa-first-save]")
    note.locator("[role=status]", has_text="Saved on this device").wait_for()  # filled just after it appears
    # Within 2 px, as the other landing tests: the page scrolls by whole pixels to make room for the note
    # (1 px in a fresh-clone run); the bug this guards moved the statement ~330 px.
    assert abs(point.bounding_box()["y"] - top) < 2
    header = page.locator(".md-header").bounding_box()
    assert note.bounding_box()["y"] + note.bounding_box()["height"] > header["y"] + header["height"], "the note shows"
    note.get_by_role("button", name="OK").click()  # and it goes without moving the statement either
    assert abs(point.bounding_box()["y"] - top) < 2
    assert page.evaluate("() => document.activeElement.value") == "4", "OK leaves the reader where they were"


def test_a_disabled_check_keeps_its_resting_colours_under_the_finger(browser, server):
    # A tap leaves :hover on "Check", which the check disables: it showed the accent (orange) (walk 13).
    context = browser.new_context(viewport=PHONE, color_scheme="dark", has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + "cycle/the-loop/")
        check = page.locator(".qz-question:not(.qz-unit--away) [data-qz-check]").first
        look = "e => { const c = getComputedStyle(e); return [c.backgroundColor, c.borderColor, c.color]; }"
        before = check.evaluate(look)
        check.tap()
        assert check.is_disabled() and check.evaluate("e => e.matches(':hover')")
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")  # Material's fade
        assert check.evaluate(look) == before
    finally:
        context.close()


def test_the_feedback_takes_focus_marked_as_a_page_heading_is(open_page):
    # Focus moves to the feedback after a check; by keyboard it wore the controls' accent ring (walk 13).
    page = open_page("cycle/the-loop/", viewport=LAPTOP, scheme="light")
    page.locator(".qz-question [data-qz-check]").first.focus()
    page.keyboard.press("Enter")
    ring = "e => { const c = getComputedStyle(e); return [c.outlineStyle, c.outlineWidth, c.outlineColor]; }"
    feedback = page.locator(".qz-question [data-qz-feedback]").first
    assert poll(page, "() => document.activeElement.matches('[data-qz-feedback]')")
    seen = feedback.evaluate(ring)
    page.keyboard.press("Shift")  # still the keyboard: a heading given focus now shows its keyboard mark
    heading = page.locator("article h1")
    heading.evaluate("h => { h.tabIndex = -1; h.focus(); }")
    assert heading.evaluate("h => h.matches(':focus-visible')")
    assert seen == heading.evaluate(ring)


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


def uncovered(page, selector: str) -> bool:
    """Is the start of `selector`'s first line on top (not under the sticky header)?"""
    return page.evaluate("""(sel) => { const el = document.querySelector(sel); const r = el.getClientRects()[0];
      const hit = r && document.elementFromPoint(r.left + 8, r.top + 8);
      return !!hit && el.contains(hit); }""", selector)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_retrying_the_missed_ones_counts_them_and_starts_at_the_first(open_page, viewport):
    """Reader walk (issue 25): in "Retry the ones I missed" the counter counted every question and focus
    stayed on the first answer option, so a screen reader never heard the prompt."""
    page = open_page("origins/quiz/", viewport=viewport)
    ids = page.evaluate(f"() => [...document.querySelectorAll('{UNITS}')].map(u => u.id)")
    assert not page.locator(".qz-scenario").count(), "this test numbers one question per unit"
    right = {0, 2}  # so the round skips the third question
    one = viewport == PHONE
    for i, qid in enumerate(ids):
        q = page.locator(f"#{qid}")
        q.locator("input[data-qz-correct]" if i in right else "input:not([data-qz-correct])").first.check()
        q.get_by_role("button", name="Check").click()
        if one and i < len(ids) - 1:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Retry the ones I missed, for learning").click()
    missed = len(ids) - len(right)
    assert page.evaluate("() => document.activeElement.id") == ids[1], "focus goes to the first missed question"
    expect(page.locator(f"#{ids[1]}")).to_be_in_viewport()
    assert uncovered(page, f"#{ids[1]} .qz-prompt")
    if not one:
        return
    counter = page.locator(".qz-one-counter")
    expect(counter).to_have_text(f"Retry 1 of {missed} (question 2)")
    assert uncovered(page, ".qz-one-counter")
    nxt = page.get_by_role("button", name="Next question")
    prev = page.get_by_role("button", name="Previous question")
    assert prev.is_disabled()
    nxt.click()  # past the third question, answered right
    expect(counter).to_have_text(f"Retry 2 of {missed} (question 4)")
    assert shown_units(page) == [ids[3]]
    assert page.evaluate("() => document.activeElement.id") == ids[3]
    prev.click()
    expect(counter).to_have_text(f"Retry 1 of {missed} (question 2)")
    # Starting the whole quiz again counts every question again.
    page.get_by_role("button", name="Start the quiz again").click()
    page.get_by_role("button", name="Yes, clear it and start again").click()
    expect(counter).to_have_text(f"Question 1 of {len(ids)}")
    assert page.evaluate("() => document.activeElement.id") == ids[0]


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


# The diagram's boxes that something else is drawn over (Material's "Back to top" was, after Next: walk 13).
NODES_COVERED = """() => [...document.querySelectorAll('.cy-node rect')].filter((rect) => {
  const r = rect.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !(hit && hit.closest('.cy-svg'));
}).map((rect) => rect.parentNode.textContent.trim())"""


def test_the_cycles_diagram_and_step_text_are_on_screen_together_after_each_move(open_page):
    page = open_page("cycle/the-loop/")
    page.locator("[data-cy-next]").scroll_into_view_if_needed()
    for n in range(2, 6):
        page.locator("[data-cy-next]").click()
        assert page.locator(".cy-step:not([hidden])").get_attribute("data-cy-step") == str(n - 1)
        assert poll(page, SEEN_TOGETHER), f"step {n}: the diagram and the step's text are not both on screen"
        page.evaluate(SCROLL_SETTLED)  # the move's own scroll is over
        assert page.evaluate(NODES_COVERED) == [], f"step {n}: something covers the diagram"
        y = page.evaluate("scrollY")
        page.mouse.wheel(0, 400)  # read on down to the sticky Next: the diagram stays, under the header
        assert poll(page, "(y) => scrollY > y + 100", y)
        page.evaluate(SCROLL_SETTLED)
        assert page.evaluate("""() => document.querySelector('.cy-svg').getBoundingClientRect().top
            >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1""")
    page.locator(".cy-tab").first.click()
    assert poll(page, SEEN_TOGETHER)


def test_the_cycles_diagram_shows_no_word_under_11_px_on_a_phone(open_page):
    # Drawn to fit the sticky stage, the diagram's words were 7 px tall (walk 13): the boxes keep their numbers.
    page = open_page("cycle/the-loop/")
    shown = page.evaluate("""() => { const svg = document.querySelector('.cy-svg');
        const scale = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
        return [...svg.querySelectorAll('text, tspan')].filter((e) => !e.firstElementChild && e.checkVisibility())
          .map((e) => [e.textContent, parseFloat(getComputedStyle(e).fontSize) * scale]); }""")
    assert [label for label, _ in shown] == ["1", "2", "3", "4", "5"]
    assert all(px >= 11 for _, px in shown), shown


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


def test_switching_light_or_dark_leaves_the_page_where_the_reader_is(open_page):
    """Reader walk 18: a tap on the light/dark switch far down a lesson scrolled the page 290 px up."""
    page = open_page("change/getting-help-together/")
    page.evaluate("window.scrollTo(0, 3000)")
    page.evaluate(SCROLL_SETTLED)
    box = page.locator("form[data-md-component=palette] label:visible").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # where the finger is, no scrolling
    poll(page, "document.body.dataset.mdColorScheme === 'default'")
    page.evaluate(SCROLL_SETTLED)
    assert page.evaluate("scrollY") == 3000
    page.evaluate("document.querySelector('.md-header .md-option:not(:checked)').focus()")  # as Tab reaches it
    page.evaluate(SCROLL_SETTLED)
    assert page.evaluate("scrollY") == 3000


def test_the_light_dark_switch_turns_with_space_as_with_enter(open_page):
    """Reader walk 19: on a laptop, Space on the switch did nothing; only Enter turned it."""
    page = open_page("", viewport=LAPTOP, scheme="light")
    # The radio whose label shows: the one a reader Tabs to (Material marks the current one by its label only).
    page.evaluate("[...document.querySelectorAll('.md-header .md-option')].find((i) => !i.nextElementSibling.hidden).focus()")
    page.keyboard.press("Space")
    poll(page, "document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("document.activeElement.matches('.md-header .md-option')")  # still on the switch
    page.keyboard.press("Space")
    poll(page, "document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


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
