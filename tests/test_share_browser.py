"""Privacy on a shared device, "My summary", and screens that read on a phone, in Chromium.

The course is built for and served at http://127.0.0.1:PORT/course/ with its CSP
(tests/conftest.py: deployed_course). A test runs at 375 × 667 in the dark
palette, and also at 1366 × 900 in the light one where the screen is its
subject (notes, summary, tables). Any console error, CSP violation or
request to another origin fails the test.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizkit.strings import strings
from tests.axe_helper import axe_violations, describe
from tests.journey_helpers import fill_reflection, show_every_question
from tests.serve import NO_BROKEN_WORDS, answer_all, layout_problems, page_html, page_paths
from tests.conftest import one_size

pytestmark = pytest.mark.browser

KEY = "aa-course:/course/"  # the key names the site's path (built for /course/)
VARIANTS = {
    "375-dark": dict(viewport={"width": 375, "height": 667}, color_scheme="dark", is_mobile=True, has_touch=True),
    "1366-light": dict(viewport={"width": 1366, "height": 900}, color_scheme="light"),
}
LESSON = "cycle/the-loop/"  # a check with a reflection, and the explorable cycle
LIKERT_LESSON = "cycle/trigger-and-alarm/"
NEED_LESSON = "change/say-the-need/"
QUIZ = "cycle/quiz/"


@pytest.fixture(params=list(VARIANTS))
def reader(request, reader_page, deployed_course):
    """One page per test and screen (tests/conftest.py: reader_page); yields (open(path) -> page, page)."""
    base, _ = deployed_course
    page = reader_page(base, **VARIANTS[request.param])

    def open_(path: str = ""):
        page.goto(base + path)
        page.wait_for_load_state("load")
        return page

    open_.variant = request.param
    return open_, page


def local_keys(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage)")


def switch(page):
    return page.locator("[data-aa-keep-switch]")


def take_self_assessment(page):
    """Every statement and every "How do we dance?" question, then both results."""
    for group in page.locator("[data-sa-item]").all():
        group.locator("input[type=radio]").nth(4).check()
    page.locator("[data-sa-form] button[type=submit]").click()
    page.locator("[data-sa-result]").wait_for(state="visible")
    dance = page.locator("[data-aa-dance]")
    if dance.count():
        for group in dance.locator("fieldset").all():
            group.locator("input[type=radio]").first.check()
        dance.locator("button[type=submit]").click()


def use_every_tool(page, open_, text: str):
    """Lesson checks (with a reflection and a self-rating), a chapter quiz, the self-assessment,
    the explorable cycle, the progress page (export) and the theme's palette toggle."""
    open_(LESSON)
    assert answer_all(page, text) > 0
    page.locator("[data-cy-next]").click()
    open_(LIKERT_LESSON)
    assert answer_all(page, text) > 0
    open_(QUIZ)
    assert answer_all(page, text) > 0
    open_("self-assessment/")
    take_self_assessment(page)
    open_("progress/")
    with page.expect_download():
        page.locator("[data-pg-export]").click()
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("(was) => document.body.dataset.mdColorScheme !== was", arg=scheme)


# ------------------------------------------------------------------ keep nothing
def test_the_switch_is_on_every_page(deployed_course):
    base, site = deployed_course
    for path in page_paths(site):
        html = page_html(site, path)
        assert html.count('role="switch"') == 1 and "data-aa-keep-switch" in html, f"/{path}: no keep-nothing switch"


@one_size("reader", "375-dark")
def test_without_the_switch_the_tools_do_save(reader):
    """The control for the next test: the same use does leave data behind when the switch is off."""
    open_, page = reader
    use_every_tool(page, open_, "A control run.")
    assert KEY in local_keys(page)


@one_size("reader", "375-dark")
def test_keep_nothing_leaves_local_storage_empty(reader):
    open_, page = reader
    open_("")
    switch(page).click()
    assert switch(page).get_attribute("aria-checked") == "true"
    assert "Keep nothing is on" in page.locator("[data-aa-keep-text]").inner_text()
    use_every_tool(page, open_, "Written while keeping nothing.")
    assert local_keys(page) == []
    # My progress says nothing is saved, and what this tab holds (reader walk 15: it said "Stored in this browser").
    stored = page.locator("[data-pg-stored]")
    expect(stored).to_have_text(strings("en")["pg_nothing_kept"])  # opened by a full load: the tab holds nothing
    open_(LESSON)
    answered = answer_all(page, "Written while keeping nothing.")
    page.evaluate("() => { window.__stayed = true; document.querySelector(\"a[href$='/progress/']\").click(); }")
    stored.wait_for()
    assert page.evaluate("() => window.__stayed === true"), "instant navigation did not engage"
    expect(stored).to_contain_text("Keep nothing is on: nothing new is saved on this device. This tab holds ")
    assert "Stored in this browser" not in stored.inner_text() and answered > 0
    assert local_keys(page) == []
    # The choice itself lives in sessionStorage (gone when the tab closes); nothing else is kept there by us.
    assert page.evaluate(f"() => sessionStorage.getItem('{KEY}:keep-nothing')") == "1"
    assert page.evaluate("() => document.documentElement.classList.contains('aa-keep-nothing')")
    # No first-save note: nothing was saved.
    assert page.locator("[data-aa-first-save]").count() == 0
    # Still on after a full reload, and the page shows nothing from before.
    open_(LESSON)
    assert switch(page).get_attribute("aria-checked") == "true"
    assert page.locator(".qz-question[data-qz-score]").count() == 0


@one_size("reader", "375-dark")
def test_keep_nothing_hides_done_marks_and_keeps_the_links(reader):
    open_, page = reader
    open_(LESSON)
    assert answer_all(page, "Written before keeping nothing.") > 0
    open_("cycle/")  # the chapter page lists its lessons; journey.js marks the done ones
    page.wait_for_function("() => window.courseJourney !== undefined")
    page.evaluate("() => window.courseJourney.ready()")
    mark = page.locator(f".md-content article a[href$='{LESSON.split('/')[1]}/'] .aa-done-mark")
    mark.wait_for(state="visible")
    link = page.locator(f".md-content article a[href$='{LESSON.split('/')[1]}/']").first
    switch(page).click()
    page.locator("[data-aa-keep-leave]").click()  # what was saved stays in the browser...
    assert KEY in local_keys(page)
    mark.first.wait_for(state="hidden")  # ...but the page no longer shows it
    assert page.locator(".aa-done-mark:visible").count() == 0 and link.is_visible()
    open_("cycle/")  # after a reload too, with nothing read from storage
    page.evaluate("() => window.courseJourney.ready()")  # resolves once the marks are drawn (journey.js)
    assert page.locator(".aa-done-mark:visible").count() == 0 and link.is_visible()
    switch(page).click()  # saving again: the marks come back
    mark.first.wait_for(state="visible")


def test_first_save_says_once_what_is_kept_and_turning_on_offers_to_delete(reader):
    open_, page = reader
    open_(LESSON)
    page.wait_for_selector(".qz.qz--js", state="attached")
    show_every_question(page)
    q = page.locator(".qz-question[data-qz-type=single]").first
    q.locator("input[type=radio]").first.check()
    q.locator("button[type=submit]").click()
    note = page.locator("[data-aa-first-save]")
    note.wait_for(state="visible")
    # The message is filled in just after the live region enters the page (so it is announced).
    note.locator("[role=status]", has_text="Saved on this device").wait_for()
    text = note.inner_text()
    assert "Saved on this device" in text and "Keep nothing on this device" in text
    # axe counts a control scrolled under the sticky header as an obscured target; judge the page
    # from its top, as the keep-nothing panel below is judged once settled (the note is checked all the same).
    page.evaluate("() => window.scrollTo(0, 0)")
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{open_.variant} first-save note")
    note.get_by_role("button", name="OK").click()
    assert note.count() == 0
    # Once: the next answer, and the next page, say nothing.
    q2 = page.locator(".qz-question[data-qz-type=single]").nth(1)
    q2.locator("input[type=radio]").first.check()
    q2.locator("button[type=submit]").click()
    open_(QUIZ)
    answer_all(page)
    assert page.locator("[data-aa-first-save]").count() == 0
    assert KEY in local_keys(page)
    # Turn it on: the panel asks about what is saved; delete it all, the theme's keys included.
    switch(page).click()
    panel = page.locator("[data-aa-keep-panel]")
    assert "Delete them?" in panel.inner_text()
    # axe judges the settled page (run_axe waits for Material's header title to finish its cross-fade).
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{open_.variant} keep-nothing panel")
    panel.get_by_role("button", name="Delete them now").click()
    assert "Deleted" in panel.inner_text()
    assert local_keys(page) == []
    assert page.evaluate("() => document.activeElement.dataset.aaKeepSwitch") == ""
    # And off again: saving resumes.
    switch(page).click()
    assert switch(page).get_attribute("aria-checked") == "false"
    open_(LESSON)
    answer_all(page)
    assert KEY in local_keys(page)



@one_size("reader", "375-dark")
def test_keep_nothing_with_earlier_answers_left_says_they_are_still_saved(reader):
    """Reader walk 16 (major): after "Leave them", My progress said nothing was saved on this device while the
    earlier answers were still in local storage."""
    open_, page = reader
    open_(LESSON)
    assert answer_all(page) > 0
    switch(page).click()
    page.locator("[data-aa-keep-panel]").get_by_role("button", name="Leave them").click()
    assert KEY in local_keys(page)
    open_("progress/")
    stored = page.locator("[data-pg-stored]")
    expect(stored).to_contain_text(strings("en")["pg_nothing_kept"])
    expect(stored).to_contain_text(strings("en")["pg_saved_before"])
    # The views show this tab only, and say that the rest is hidden (walk 17: "0 of 30… Start here").
    expect(page.locator("[data-pg-summary]")).to_contain_text(strings("en")["pg_hidden_saved"])
    # An export holds what was saved before too: the delete dialog says "Export first" (walk 17: it held 0 answers).
    saved = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})"))
    with page.expect_download() as info:
        page.locator("[data-pg-export]").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["data"]["answers"] == saved["answers"] != {}
    # Deleted, the sentence goes with what it was about.
    page.locator("[data-pg-delete]").click()
    page.locator("[data-pg-confirm-yes]").click()
    expect(stored).to_have_text(strings("en")["pg_nothing_kept"])
    assert local_keys(page) == []

@one_size("reader", "375-dark")
def test_the_switch_survives_instant_navigation(reader):
    open_, page = reader
    open_(LESSON)
    switch(page).click()
    page.evaluate("() => { window.__stayed = true; }")
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_function("() => !location.pathname.endsWith('/the-loop/')")
    page.wait_for_load_state("load")
    # The address changes before instant navigation swaps the content in: wait for the next lesson itself.
    page.locator("article h1#two-fears").wait_for()
    assert page.evaluate("() => window.__stayed === true"), "the click reloaded the page: instant navigation is off"
    assert switch(page).is_visible()
    assert switch(page).get_attribute("aria-checked") == "true"
    answer_all(page, "After a click.")
    assert local_keys(page) == []


# ------------------------------------------------------------------ my summary
def test_summary_contains_a_reflection_written_in_the_test(reader):
    open_, page = reader
    need = "I need to hear that we are okay before I can calm down."
    loop = "I sent three more texts instead of waiting an hour."
    open_(NEED_LESSON)
    page.wait_for_selector(".qz.qz--js", state="attached")
    show_every_question(page)
    fill_reflection(page.locator(".qz-question[data-qz-type=reflection]").first, need)
    open_(LESSON)
    page.wait_for_selector(".qz.qz--js", state="attached")
    show_every_question(page)
    fill_reflection(page.locator(".qz-question[data-qz-type=reflection]").first, loop)
    open_("self-assessment/")
    take_self_assessment(page)
    open_("my-summary/")
    sheet = page.locator("[data-sm-sheet]")
    sheet.wait_for(state="visible")
    parts = {p.get_attribute("data-sm-part"): p.inner_text() for p in sheet.locator("[data-sm-part]").all()}
    assert need in parts["need"]
    assert loop in parts["cycle"]
    # Every statement at 5 ("Slightly agree"): forward items give 5, the four reverse-keyed ones per scale 3,
    # so both means are (4 * 5 + 4 * 3) / 8 = 4.0: agreeing with everything is the middle, not a lean
    # (expert review 27), told as the self-assessment tells it (no box label).
    assert "Worry about the relationship: 4.0 out of 7, right at the middle of this scale." in parts["lean"]
    assert "Discomfort with closeness: 4.0 out of 7, right at the middle of this scale." in parts["lean"]
    assert "Anxious and avoidant" not in parts["lean"] and "Leaning" not in parts["lean"]
    assert need not in parts["reflections"] and loop not in parts["reflections"]
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{open_.variant} my summary")
    # The reader chooses: untick a part and it leaves the sheet.
    page.get_by_label("Saying what I need").uncheck()
    assert need not in sheet.inner_text() and loop in sheet.inner_text()
    # Printed: only the sheet, black on white, none of the page's chrome or choices.
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-banner', '[data-sm-form]', '.admonition', '[data-sm-sheet]']
          .map((s) => [s, !!document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'
                          && !document.querySelector(s).closest('[hidden]')]))""")
    assert shown == {".md-header": False, ".md-sidebar--primary": False, ".md-footer": False, ".md-banner": False,
                     "[data-sm-form]": False, ".admonition": False, "[data-sm-sheet]": True}, shown
    assert page.pdf() if open_.variant == "1366-light" else True  # Chromium can lay the sheet out as a PDF
    page.emulate_media(media="screen")


def test_the_summary_page_says_who_could_see_a_copy(deployed_course):
    _, site = deployed_course
    html = (site / "my-summary" / "index.html").read_text(encoding="utf-8")
    assert "Who could see a printed or saved copy" in html
    assert "Nothing is sent anywhere" in html


# ------------------------------------------------------------------ screens
@one_size("reader", "1366-light")
def test_no_table_on_a_laptop_breaks_a_word_or_scrolls_sideways(reader, deployed_course):
    """The pages with tables on a laptop, where their column is narrowest beside the menu and the contents
    (every page on a phone: tests/test_gate_tour.py)."""
    open_, page = reader
    _, site = deployed_course
    problems, tables = [], 0
    for path in [p for p in page_paths(site) if "<table" in page_html(site, p)]:
        open_(path)
        tables += page.locator(".md-typeset table").count()
        problems += layout_problems(path, page.evaluate(NO_BROKEN_WORDS))
    assert tables > 20, "no tables were checked"
    assert not problems, "\n".join(problems)


def test_stories_are_body_size(reader):
    open_, page = reader
    open_("no-villain/two-stories/")
    sizes = page.evaluate("""() => ({
        story: parseFloat(getComputedStyle(document.querySelector('.md-typeset .admonition.example p:not(.admonition-title)')).fontSize),
        body: parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset > p')).fontSize)})""")
    assert sizes["story"] == sizes["body"] == 16, sizes


@one_size("reader", "375-dark")
def test_the_authors_guide_is_out_of_the_readers_path(reader, deployed_course):
    open_, page = reader
    open_("")
    assert page.locator(".md-nav a[href$='about/authoring/']").count() == 0
    open_("about/teachers/")
    assert page.locator("article a[href$='authoring/']").count() >= 1


@one_size("reader", "375-dark")
def test_a_teacher_downloads_the_banks(reader, deployed_course):
    """Clicking each link on the teachers' page saves the very file the build wrote (no page swap)."""
    open_, page = reader
    _, site = deployed_course
    open_("about/teachers/")
    links = page.locator("article a[download]")
    assert links.count() == 3
    for i in range(3):
        link = links.nth(i)
        with page.expect_download() as info:
            link.click()
        name = link.get_attribute("download")
        assert info.value.suggested_filename == name
        assert Path(info.value.path()).read_bytes() == (site / "downloads" / name).read_bytes(), name
