"""One truth about progress, and where a page change leaves the reader, in Chromium at 375 x 667 (dark)
and 1366 x 900 (light), on the course built for and served at http://127.0.0.1:PORT/course/ (instant
navigation engages).

- Every view says the same, at once, after an answer, "Delete all my data" and an import: the menu's
  done marks, My progress, a chapter quiz's chapter panel, the finish page.
- A chapter is complete when all its steps are, not when its quiz is passed.
- "Pick up where you left off" lands on the first open question: in view, focused, marked.
- After a page change by keyboard, focus is on the new page's heading and the next Tab is in the page;
  the address never carries the previous page's #fragment.
- The finish page recaps the reader's own chapters, reflections, practice and results over time,
  and shows nothing of them while "keep nothing" is on.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.journey_helpers import answer_every_question, seed
from tests import test_journey_browser as journey_tests
from tests.test_journey_browser import KEY, at

# The same readers (two sizes, console errors fail the test) and the same deployed course.
base = journey_tests.base
reader = journey_tests.reader

pytestmark = pytest.mark.browser


def steps(page, base) -> list[dict]:
    return json.loads(page.evaluate("(u) => fetch(u).then(r => r.text())", base + "assets/quizkit/journey.json"))["steps"]


def expect_nav(page, want: set[str]) -> None:
    """Poll until the menu's done marks are exactly `want` (absolute URLs)."""
    page.wait_for_function("""(want) => {
      const got = [...document.querySelectorAll('.md-sidebar--primary a[href]')]
        .filter(a => a.querySelector('.aa-done-mark')).map(a => a.href.split('#')[0]);
      return JSON.stringify([...new Set(got)].sort()) === JSON.stringify(want.slice().sort());
    }""", arg=sorted(want))


def row(page, src: str):
    return page.locator(f'[data-pg-lesson="{src}"]')


def test_every_view_agrees_at_once_after_an_answer_a_delete_and_an_import(reader, base, tmp_path):
    page = reader("origins/the-pattern/")
    lesson = base + "origins/the-pattern/"
    answer_every_question(page, right=True, reflection="I text again and again when it goes quiet.")
    expect_nav(page, {lesson})  # the menu, right after the answer, with no page load
    page.goto(base + "progress/")
    expect(row(page, "origins/the-pattern.md")).to_have_class("pg-lesson pg-lesson--done")
    expect(row(page, "origins/attachment-basics.md")).to_have_class("pg-lesson pg-lesson--todo")
    expect(page.locator("[data-pg-summary]")).to_contain_text("1 of 30 lesson checks finished.")
    expect(page.locator("[data-pg-stored]")).to_contain_text("1 reflection you typed")  # walk point 18
    expect_nav(page, {lesson})
    # One ✓ per row: the row says done in words, the menu's mark is not repeated in the list.
    assert page.locator("[data-aa-progress] .aa-done-mark").count() == 0
    saved = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))

    page.locator("[data-pg-delete]").click()
    page.locator("[data-pg-confirm-yes]").click()
    expect(row(page, "origins/the-pattern.md")).to_have_class("pg-lesson pg-lesson--todo")
    expect(page.locator("[data-pg-stored]")).to_have_text("Nothing is stored in this browser yet.")
    expect_nav(page, set())  # the drawer loses its marks now, not on the next page
    expect(page.locator("[data-pg-summary]")).to_contain_text("0 of 30 lesson checks finished.")

    export = tmp_path / "progress.json"
    export.write_text(json.dumps({"format": "aa-course-export", "version": 1, "exported": "2026-12-01T10:00:00Z",
                                  "data": saved}), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator("[data-pg-import]").click()
    chooser.value.set_files(str(export))
    page.locator("[data-pg-confirm-yes]").click()
    expect(row(page, "origins/the-pattern.md")).to_have_class("pg-lesson pg-lesson--done")
    expect_nav(page, {lesson})  # after an import too, before any navigation
    expect(page.locator("[data-pg-continue]")).to_have_attribute("href", "../origins/attachment-basics/")


def test_a_passed_quiz_with_lessons_open_does_not_complete_the_chapter(reader, base):
    page = reader("origins/quiz/")
    answer_every_question(page, right=True)
    left = page.locator("[data-aa-chapter-open]")
    expect(left).to_contain_text("You passed the quiz. To complete chapter 1, finish these 7 steps too:")
    expect(page.locator("[data-aa-chapter-complete] section.aa-complete")).to_be_hidden()
    expect(page.locator("[data-aa-announce]")).to_contain_text("To complete chapter 1")
    expect_nav(page, {base + "origins/quiz/"})  # the quiz is done; the chapter is not
    # The finish page and My progress say the same.
    page.goto(base + "finish/")
    expect(page.locator("[data-aa-finish-status]")).to_contain_text("Still open: 30 lesson checks and 4 chapter quizzes.")
    expect(page.locator("[data-aa-finish-chapters] li").first).to_have_text("Chapter 1: Where it starts · 1 of 8 steps done")
    page.goto(base + "progress/")
    expect(row(page, "origins/quiz.md")).to_have_class("pg-lesson pg-lesson--quiz pg-lesson--done")
    expect(page.locator("[data-pg-summary]")).to_contain_text("1 of 5 chapter quizzes passed.")


def test_pick_up_lands_on_the_first_open_question(reader, base):
    page = reader("")
    everything = [s["u"] for s in steps(page, base)]
    open_step = "cycle/two-fears/"
    journey = seed(page, base, KEY, [u for u in everything if u != open_step], partial=open_step)
    second = next(s for s in journey["steps"] if s["u"] == open_step)["q"][1][0]
    page.goto(base + "finish/")
    status = page.locator("[data-aa-finish-status]")
    expect(status).to_contain_text("Still open: 1 lesson check.")  # walk point 20: never "1 lesson checks"
    chapter3 = page.locator("[data-aa-finish-chapters] li").nth(2)
    expect(chapter3).to_have_text("Chapter 3: The cycle · 5 of 6 steps done")
    expect(page.locator("[data-aa-finish-chapters] li.aa-finish-chapters__done")).to_have_count(4)
    link = status.locator("a")
    expect(link).to_have_attribute("href", f"{base}{open_step}#qz-{second}")
    link.click()
    at(page, base + open_step)
    question = page.locator(f"#qz-{second}")
    expect(question).to_be_focused()
    expect(question).to_have_class("qz-question aa-pickup")
    expect(question).to_be_in_viewport()
    assert page.url == f"{base}{open_step}#qz-{second}"
    # The menu ticks every step but this one, and every chapter but the cycle.
    expect_nav(page, {base + u for u in everything if u != open_step} | {base + c for c in
                      ("origins/", "attraction/", "no-villain/", "change/")})
    # My progress offers the same place, and a full load lands there too.
    page.goto(base + "progress/")
    expect(page.locator("[data-pg-continue]")).to_have_attribute("href", f"../{open_step}#qz-{second}")
    page.goto(f"{base}{open_step}#qz-{second}")
    expect(question).to_be_focused()
    expect(question).to_be_in_viewport()
    # The chapter quiz, passed, names the one step still open and links to where it picks up.
    page.goto(base + "cycle/quiz/")
    expect(page.locator("[data-aa-chapter-open] a")).to_have_attribute("href", f"{base}{open_step}#qz-{second}")


def focused(page) -> str:
    return page.evaluate("""() => { const a = document.activeElement;
      return a.tagName + (a.closest('.md-content') ? ' in-content' : '') + (a.classList.contains('md-skip') ? ' skip' : ''); }""")


def read_to_the_end(page) -> None:
    """Scroll to the page's end as a reader does, and give anything that writes the section in view into the
    address (Material's navigation.tracking did, 250 ms after scrolling stops) the chance to."""
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    try:
        page.wait_for_function("() => location.hash !== ''", timeout=1500)
    except PlaywrightTimeout:
        pass  # nothing wrote to the address: as it should be


def test_after_a_keyboard_page_change_focus_is_on_the_heading_and_the_address_is_clean(reader, base):
    page = reader("origins/the-pattern/")
    page.evaluate("() => { window.__stayed = true; }")
    read_to_the_end(page)
    page.locator("nav.aa-next a").focus()
    page.keyboard.press("Enter")
    at(page, base + "origins/attachment-basics/")
    heading = page.locator("article h1#attachment-basics")
    expect(heading).to_be_focused()
    assert page.evaluate("() => window.__stayed === true"), "instant navigation did not engage"
    assert page.url == base + "origins/attachment-basics/", "the previous page's #fragment stayed in the address"
    page.keyboard.press("Tab")
    assert focused(page).endswith("in-content"), focused(page)
    if reader.variant == "1366-light":
        # From the menu, on the laptop (on a phone it sits in the closed drawer).
        read_to_the_end(page)
        page.locator(".md-sidebar--primary a.md-nav__link[href$='attraction/']").first.focus()
        page.keyboard.press("Enter")
        at(page, base + "attraction/")
        expect(page.locator("article h1")).to_be_focused()
        assert page.evaluate("() => window.__stayed === true")
        assert page.url == base + "attraction/"
        page.keyboard.press("Tab")
        assert focused(page).endswith("in-content"), focused(page)


def test_the_finish_page_recaps_the_readers_own_work_and_nothing_under_keep_nothing(reader, base):
    page = reader("")
    journey = json.loads(page.evaluate("(u) => fetch(u).then(r => r.text())", base + "assets/quizkit/journey.json"))
    first = journey["reflections"][0]
    pattern = next(s for s in journey["steps"] if s["u"] == "origins/the-pattern/")
    missed, practised = pattern["q"][0], pattern["q"][1]
    now = 1_765_000_000_000
    answers = {
        first["id"]: {"v": "When you go quiet I get scared, and I chase.", "ok": None, "h": first["h"], "t": now},
        missed[0]: {"v": 0, "s": 0, "ok": False, "k": True, "h": missed[1], "t": now},
        practised[0]: {"v": False, "s": 0, "ok": False, "k": True, "p": True, "h": practised[1], "t": now},  # true/false
    }
    results = [{"v": 2, "anx": 5.0, "avo": 3.0, "t": now - 86_400_000 * 30, "set": "x"},
               {"v": 2, "anx": 4.0, "avo": 3.5, "t": now, "set": "x"}]
    page.evaluate("([k, d]) => localStorage.setItem(k, JSON.stringify(d))",
                  [KEY, {"v": 1, "answers": answers, "told": 1, "assessment": {"results": results}}])
    page.goto(base + "finish/")
    reflections = page.locator('[data-aa-finish="reflections"]')
    expect(reflections).to_contain_text("When you go quiet I get scared, and I chase.")
    practice = page.locator('[data-aa-finish="practice"]')
    expect(practice).to_contain_text("You practised 1 question again that you missed at first, and got it right.")
    # Waiting is what Practice offers: the first miss and every question skipped in this started
    # check; the one practised right is not (reader walk: the two pages gave 13 and 16).
    waiting = len(pattern["q"]) - 1
    expect(practice).to_contain_text(f"{waiting} questions are waiting for practice")
    expect(practice.locator("a")).to_have_attribute("href", base + "practice/")
    assessment = page.locator('[data-aa-finish="assessment"]')
    expect(assessment).to_contain_text("Your earlier results, newest first:")
    expect(assessment.locator(".aa-finish-earlier li")).to_have_count(1)
    expect(assessment.locator("a")).to_have_attribute("href", base + "self-assessment/")
    expect(page.locator("[data-aa-finish-chapters] li")).to_have_count(5)
    page.goto(base + "practice/")
    expect(page.locator("[data-qz-practice-status]")).to_contain_text(f"{waiting} questions to practise")
    page.goto(base + "finish/")
    # "Keep nothing on this device": the recap shows none of the reader's own words at once.
    page.locator("[data-aa-keep-switch]").click()
    expect(reflections).to_have_text(
        "“Keep nothing on this device” is on, so this browser keeps none of your answers, and there is nothing to look back on here.")
    expect(page.locator("[data-aa-finish-status]")).to_contain_text("“Keep nothing on this device” is on")
    assert "I chase" not in page.locator("article").inner_text()
    assert page.locator("[data-aa-finish-chapters]").count() == 0


def test_the_finish_page_says_what_it_would_show_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        page.goto(base + "finish/")
        for part in ("[data-aa-finish-status]", '[data-aa-finish="practice"]', '[data-aa-finish="assessment"]'):
            assert "With JavaScript on, this part" in page.locator(part).inner_text(), part
    finally:
        context.close()
