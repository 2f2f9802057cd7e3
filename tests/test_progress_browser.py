"""One truth about progress, and where a page change leaves the reader, in Chromium at 375 x 667 (dark)
and 1366 x 900 (light), on the course built for and served at http://127.0.0.1:PORT/course/ (instant
navigation engages).

- Every view says the same, at once, after an answer, "Delete all my data" and an import: the menu's
  done marks, My progress, a chapter quiz's chapter panel, the finish page.
- A chapter is complete when all its steps are, not when its quiz is passed.
- "Pick up where you left off" lands on the first open question: in view, focused, marked.
- After a page change by keyboard, focus is on the new page's heading and the next Tab is in the page;
  the address never carries the previous page's #fragment.
- A lesson whose check is only reflections and ratings is done when each is answered, everywhere.
- The finish page recaps the reader's own chapters, reflections, practice and results over time,
  and shows nothing of them while "keep nothing" is on.
"""
from __future__ import annotations

import json
import re
import shutil
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.conftest import CSP_REPORTER, FIXTURE_SITE, ROOT, mkdocs_build, one_size
from tests.journey_helpers import answer_every_question, seed
from tests.serve import SCROLL_SETTLED, until
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
    # The page shown is a label in the menu (its table of contents opens there): on a phone the drawer
    # shows that label, not the link, and it carries the tick too (fresh reader walk: no tick on it).
    here = page.locator('.md-sidebar--primary label.md-nav__link[for="__toc"]')
    expect(here.locator(".aa-done-mark")).to_have_count(1)
    if reader.variant == "375-dark":
        page.locator(".md-header label[for=__drawer]").click()
        expect(here.locator(".aa-done-mark")).to_be_visible()
        page.keyboard.press("Escape")
    page.goto(base + "progress/")
    expect(row(page, "origins/the-pattern.md")).to_have_class("pg-lesson pg-lesson--done")
    expect(row(page, "origins/attachment-basics.md")).to_have_class("pg-lesson pg-lesson--todo")
    expect(page.locator("[data-pg-summary]")).to_contain_text("1 of 30 lesson checks finished.")
    expect(page.locator("[data-pg-stored]")).to_contain_text("1 reflection you typed")  # walk point 18
    expect_nav(page, {lesson})
    # One ✓ per row: the row says done in words, the menu's mark is not repeated in the list.
    assert page.locator("[data-aa-progress] .aa-done-mark").count() == 0
    saved = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))
    page.evaluate("() => __md_set('__palette', {index: 0})")  # as Material keeps a colour scheme chosen by hand

    page.locator("[data-pg-delete]").click()
    page.locator("[data-pg-confirm-yes]").click()
    # "All my data" is all of it: the theme's preferences under this site's path go too (reader walk 15).
    assert page.evaluate("() => __md_get('__palette')") is None
    expect(row(page, "origins/the-pattern.md")).to_have_class("pg-lesson pg-lesson--todo")
    expect(page.locator("[data-pg-stored]")).to_have_text(re.compile(r"^Nothing is stored in this browser yet\. This course keeps"))
    expect_nav(page, set())  # the drawer loses its marks now, not on the next page
    expect(page.locator("[data-pg-summary]")).to_contain_text("0 of 30 lesson checks finished.")

    # The reader's own colour scheme, chosen by hand, is not the store's: an import keeps it (walk list, point 5).
    scheme = "default" if reader.variant == "375-dark" else "slate"
    page.locator("form[data-md-component=palette] label:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
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
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


@one_size("reader", "375-dark")
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


# The new page arrives late (a slow network) and the reader's finger is still moving the old page: Material's
# scroll record (written 100 ms after a scroll) lands on the new history entry before the page does.
def slow(path: str) -> str:
    """An init script: instant navigation's fetch of `path` (Material uses XMLHttpRequest) waits 800 ms."""
    return """
const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.slow = String(url).includes(%s);
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (...body) {
  if (!this.slow) return send.apply(this, body);
  setTimeout(() => send.apply(this, body), 800);
};
""" % json.dumps(path)


def test_next_step_opens_the_next_page_at_its_top_even_when_the_old_page_was_still_scrolling(reader, base):
    """Reader walk 14 (major): a chapter quiz opened at its very end after "Next step" at a lesson's end."""
    page = reader("origins/two-dimensions/", init=slow("origins/turning-the-alarm/"))
    nxt = page.locator("nav.aa-next a").first
    nxt.scroll_into_view_if_needed()
    page.evaluate(SCROLL_SETTLED)
    until(page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")
    nxt.evaluate("a => { a.click(); window.scrollBy(0, -40); }")  # the finger still moving as the tap lands
    at(page, base + "origins/turning-the-alarm/")
    page.locator("article h1#turning-the-alarm-up-or-down").wait_for()
    page.evaluate(SCROLL_SETTLED)
    assert page.evaluate("scrollY") == 0, "the next page opened at the old page's offset"
    expect(page.locator("article h1")).to_be_focused()


def test_a_link_to_another_pages_section_lands_on_it_even_when_the_old_page_was_still_scrolling(reader, base):
    page = reader("right-now/", init=slow("get-help/"))
    page.evaluate("() => { window.__stayed = true; }")

    def late(route):  # the new page's own stylesheet comes after its content (on a phone: tables become cards)
        time.sleep(1.5)
        route.continue_()
    page.route("**/quizkit-tables-helplines.css", late)
    link = page.locator("article a[href$='get-help/#quick-exit']").first
    link.scroll_into_view_if_needed()
    page.evaluate(SCROLL_SETTLED)
    until(page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")  # Material's record
    link_top = "document.querySelector(\"article a[href$='get-help/#quick-exit']\").getBoundingClientRect().top"
    left_at = page.evaluate(link_top)  # where the reader saw the link they tapped
    link.evaluate("a => { a.click(); window.scrollBy(0, 40); }")  # the finger still moving as the tap lands
    page.wait_for_url(base + "get-help/#quick-exit")
    page.locator("article h1#get-help-now").wait_for()
    page.evaluate(SCROLL_SETTLED)
    assert page.evaluate("() => window.__stayed === true"), "instant navigation did not engage"
    top = page.evaluate("document.getElementById('quick-exit').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 1 <= top < page.viewport_size["height"] / 2, (top, header)
    expect(page.locator("#quick-exit")).to_be_focused()
    # Once the late stylesheet is in, the target is still where it landed.
    until(page, "[...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet)")
    page.evaluate(SCROLL_SETTLED)
    assert abs(page.evaluate("document.getElementById('quick-exit').getBoundingClientRect().top") - top) < 2
    # Back returns to where the reader was on the old page, as Material restores it (once it has recorded
    # this page's offset: a reader's Back comes later than 100 ms after the page landed).
    until(page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")
    page.go_back()
    at(page, base + "right-now/")
    page.locator("article a[href$='get-help/#quick-exit']").first.wait_for()
    page.evaluate(SCROLL_SETTLED)
    # The same place on the screen once the page has drawn again. Under load Material restored the offset before
    # the page's late styles were in, and the browser's scroll anchoring then kept the unstyled layout's view: the
    # link stayed 48 px off (CI, stop 30; here 1 run in 6 with the cores busy). The hold scrolling after Back, the
    # bug this test was written for, left it thousands off.
    try:
        until(page, f"Math.abs({link_top} - {left_at}) < 2", timeout_ms=5000)
    except AssertionError:
        pytest.fail(f"Back did not return to where the reader was: {page.evaluate(link_top)} px, not {left_at}")


def test_after_back_focus_is_on_the_link_the_reader_followed_so_tab_goes_on_from_there(reader, base):
    """Reader walk 19: after Back, focus sat on the page's heading, and the next Tab scrolled to the top."""
    page = reader("right-now/")
    link_css = "article a[href$='get-help/#comparison']"
    link = page.locator(link_css).first
    link.scroll_into_view_if_needed()
    page.evaluate(SCROLL_SETTLED)
    until(page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + "get-help/#comparison")
    page.locator("article h1#get-help-now").wait_for()
    page.evaluate(SCROLL_SETTLED)
    until(page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")
    page.go_back()
    at(page, base + "right-now/")
    until(page, f"document.activeElement && document.activeElement.matches(\"{link_css}\")")
    page.evaluate(SCROLL_SETTLED)
    left_at = page.evaluate("scrollY")
    assert left_at > 500
    page.keyboard.press("Tab")  # the next stop after the link, further down: no jump to the top
    page.evaluate(SCROLL_SETTLED)
    assert page.evaluate("scrollY") >= left_at - 50


@one_size("reader", "375-dark")
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
    # Words about a partner are not on the screen until the reader asks (expert review 14, S1).
    words = reflections.locator("blockquote", has_text="When you go quiet")
    assert words.is_hidden()
    reflections.locator("summary").click()
    expect(words).to_be_visible()
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


@pytest.fixture(scope="module")
def reflective(tmp_path_factory):
    """The fixture course plus a lesson whose check has nothing to get right (a reflection and a rating) and
    My progress, built for and served at http://127.0.0.1:PORT/course/."""
    from tests.webserver import serve

    src = tmp_path_factory.mktemp("reflective") / "src"
    shutil.copytree(FIXTURE_SITE, src)
    cfg = src / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/").replace(
        "  - basics/quiz.md\n", "  - basics/thinking.md\n  - basics/quiz.md\n  - progress.md\n"))
    (src / "docs/basics/thinking.md").write_text("# Thinking it over\n\nA lesson with nothing to get right.\n")
    (src / "quizzes/basics/thinking.yml").write_text(
        "questions:\n  - id: fx-think\n    type: reflection\n    prompt: What did you notice?\n"
        "  - id: fx-rate\n    type: likert\n    prompt: I notice it early.\n")
    (src / "docs/progress.md").write_text("# My progress\n\n/// progress | course\n///\n")
    site = src.parent / "site"
    site.mkdir()
    with serve(site, prefix="/course") as url:
        result = mkdocs_build(cfg, site, env={"SITE_URL": url})
        assert result.returncode == 0, result.stderr
        yield url


def test_a_lesson_with_only_reflections_is_done_when_each_is_answered(browser, reflective):
    """One definition of done (issue 25): a check with nothing graded was never done, so its chapter and
    the course never were either, and My progress did not list it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(CSP_REPORTER)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(reflective + "basics/thinking/")
        lesson = reflective + "basics/thinking/"
        page.locator(".qz.qz--js").wait_for(state="attached")
        # A reflection counts once it is saved, and it is saved only when the reader asks (expert review 14, S1).
        page.locator("#qz-fx-think .qz-keep input").check()
        page.locator("#qz-fx-think textarea").fill("That I go quiet.")
        page.locator("#qz-fx-think [data-qz-feedback]").filter(has_text="Saved").wait_for()
        page.evaluate("() => window.courseJourney.ready()")  # the path in and the marks drawn: none yet, the rating is open
        assert page.locator(".md-sidebar--primary .aa-done-mark").count() == 0
        page.locator("#qz-fx-rate input[type=radio]").first.check()
        expect_nav(page, {lesson})
        page.goto(reflective + "progress/")
        done = row(page, "basics/thinking.md")
        expect(done).to_have_class("pg-lesson pg-lesson--done")
        expect(done.locator("[data-pg-status]")).to_have_text("Check done: answered, for your own thinking (no right or wrong)")
        expect(page.locator("[data-pg-summary]")).to_contain_text("1 of 3 lesson checks finished.")
        # The reflection emptied again: open again, at once.
        page.goto(lesson)
        page.locator("#qz-fx-think textarea").fill("")
        expect_nav(page, set())
    finally:
        context.close()
    assert errors == []
