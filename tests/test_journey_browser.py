"""The reader's journey in Chromium, at 375 x 667 (dark; and 1366 x 900, light, where layout matters), on the course built for
and served at http://127.0.0.1:PORT/course/ under its strict policy (instant navigation engages).

Start is visible without scrolling; lessons say where they are; the next-step card leads on; done
marks appear after answering (also after instant navigation, and nothing breaks when storage is
blocked); passing a chapter quiz shows the chapter-complete moment and failing it does not; the
course-complete page reads back the reader's own answers.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.axe_helper import describe, run_axe
from tests.conftest import CSP_REPORTER, one_size
from tests.journey_helpers import answer_every_question, seed
from tests.test_journey import ROOT, chapters, url

pytestmark = pytest.mark.browser

KEY = "aa-course:/course/"  # the key names the site's path (built for /course/)
VARIANTS = {
    "375-dark": dict(viewport={"width": 375, "height": 667}, color_scheme="dark", is_mobile=True, has_touch=True),
    "1366-light": dict(viewport={"width": 1366, "height": 900}, color_scheme="light"),
}
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
"""


@pytest.fixture(scope="module")
def base(deployed_course):
    return deployed_course[0]


@pytest.fixture(params=list(VARIANTS))
def reader(request, browser, base):
    """A fresh reader (own storage) at one of the two sizes; fails the test on any console error or CSP violation."""
    errors: list[str] = []
    contexts = []

    def open_(path: str = "", init: str | None = None, context=None):
        if context is None:
            context = browser.new_context(**VARIANTS[request.param])
            context.add_init_script(CSP_REPORTER)
            if init:
                context.add_init_script(init)
            contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + path)
        page.wait_for_load_state("load")
        return page

    open_.variant = request.param
    yield open_
    for c in contexts:
        c.close()
    assert errors == [], errors


def at(page, url: str) -> None:
    """Wait until the page shows `url` (its path: a pick-up link adds a question's #hash)."""
    page.wait_for_url(lambda u: u.split("#")[0] == url)


def journey_ready(page):
    page.wait_for_function("() => window.courseJourney !== undefined")
    page.evaluate("() => window.courseJourney.ready()")


def test_start_is_visible_without_scrolling(reader, base):
    page = reader("")
    start = page.locator("[data-aa-start-link]")
    assert start.is_visible()
    box = start.bounding_box()
    height = page.viewport_size["height"]
    assert page.evaluate("() => window.scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"Start ends at {box['y'] + box['height']:.0f}px of {height}px"
    assert start.inner_text().strip() == "Start the course"
    start.click()
    at(page, base + "origins/the-pattern/")


def lessons(chapter: str) -> list[str]:
    """The chapter's lessons in nav order (as mkdocs.yml has them: an author's new lesson counts too)."""
    return [p for p in chapters()[chapter] if not p.endswith(("/index.md", "/quiz.md"))]


def heading(page: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return next(line[2:].strip() for line in text.splitlines() if line.startswith("# "))


def test_lesson_shows_position_and_reading_time_under_its_title(reader):
    page = reader("cycle/the-loop/")
    where = page.locator("article h1 + .aa-where")
    assert where.is_visible()
    text = " ".join(where.inner_text().split())
    cycle = lessons("cycle")
    assert text.startswith(f"Lesson {cycle.index('cycle/the-loop.md') + 1} of {len(cycle)}") and "Chapter 3: The cycle" in text and "min read" in text, text
    title = page.locator("article h1").bounding_box()
    assert where.bounding_box()["y"] >= title["y"] + title["height"] - 1


@one_size("reader", "375-dark")
def test_next_step_card_leads_to_the_next_lesson_and_from_the_last_to_the_quiz(reader, base):
    cycle = lessons("cycle")
    after = cycle[cycle.index("cycle/the-loop.md") + 1]
    page = reader("cycle/the-loop/")
    card = page.locator("nav.aa-next a")
    assert card.locator(".aa-next__title").inner_text() == heading(after)
    card.click()
    at(page, base + url(after))
    page.goto(base + url(cycle[-1]))
    page.locator("nav.aa-next a").click()
    at(page, base + "cycle/quiz/")
    # Instant navigation changes the address before it swaps the content: wait for the quiz's own card.
    expect(page.locator("nav.aa-next a .aa-next__title")).to_have_text("Chapter 4: Nobody is the villain")


@one_size("reader", "375-dark")
def test_a_chapter_pages_start_card_continues_and_then_reviews(reader, base):
    """Reader walk (issue 25): the chapter page said "Start this chapter" whatever was done."""
    origins = [url(p) for p in lessons("origins")]
    page = reader("")
    journey = seed(page, base, KEY, done=[origins[0]], partial=origins[1])
    page.goto(base + "origins/")
    journey_ready(page)
    card = page.locator("article nav[data-aa-chapter-start]")
    expect(card.locator(".aa-next__label")).to_have_text("Continue this chapter")
    expect(card).to_have_attribute("aria-label", "Continue this chapter")
    second = next(s for s in journey["steps"] if s["u"] == origins[1])
    # Where that lesson picks up: its first open question.
    expect(card.locator("a")).to_have_attribute("href", f"{base}{origins[1]}#qz-{second['q'][1][0]}")
    expect(card.locator(".aa-next__title")).to_have_text(heading(lessons("origins")[1]))
    expect(card.locator(".aa-next__meta")).to_have_text(f"Lesson 2 of {len(origins)}")
    # A chapter not begun still starts at its first lesson.
    page.goto(base + "attraction/")
    journey_ready(page)
    expect(page.locator("article nav[data-aa-chapter-start] .aa-next__label")).to_have_text("Start this chapter")
    # Every step done, the quiz passed: Review, from the first lesson.
    seed(page, base, KEY, done=[s["u"] for s in journey["steps"] if s["c"] == 1])
    page.goto(base + "origins/")
    journey_ready(page)
    expect(card.locator(".aa-next__label")).to_have_text("Review this chapter")
    expect(card.locator("a")).to_have_attribute("href", base + origins[0])
    expect(card.locator(".aa-next__title")).to_have_text(heading(lessons("origins")[0]))


def marks(page, where: str) -> dict[str, str]:
    """Links in the sidebar ('nav') or the article ('article') that carry a done mark: absolute URL -> mark text."""
    scope = ".md-sidebar--primary" if where == "nav" else ".md-content article"
    return page.evaluate("""(scope) => Object.fromEntries([...document.querySelectorAll(scope + ' a[href]')]
        .filter(a => a.querySelector('.aa-done-mark')).map(a => [a.href.split('#')[0], a.querySelector('.aa-done-mark').textContent]))""", scope)


def wait_for_mark(page, where: str, url: str) -> None:
    scope = ".md-sidebar--primary" if where == "nav" else ".md-content article"
    page.wait_for_function("""([scope, url]) => [...document.querySelectorAll(scope + ' a[href]')]
        .some(a => a.href.split('#')[0] === url && a.querySelector('.aa-done-mark'))""", arg=[scope, url])


@one_size("reader", "375-dark")
def test_done_marks_appear_after_answering_and_survive_instant_navigation(reader, base):
    page = reader("attraction/the-pull/")
    journey_ready(page)
    assert page.locator(".aa-done-mark").count() == 0
    attraction = lessons("attraction")
    pull, after = base + "attraction/the-pull/", base + url(attraction[attraction.index("attraction/the-pull.md") + 1])
    assert answer_every_question(page, right=False) > 0  # done means answered, not right
    wait_for_mark(page, "nav", pull)
    assert list(marks(page, "nav")) == [pull] and "done" in marks(page, "nav")[pull]
    # Instant navigation, then to the chapter page: the sidebar and the page's own lesson list carry the mark.
    page.evaluate("() => { window.__stayed = true; }")
    page.locator("article nav.aa-next a").click()  # the card: the next lesson
    at(page, after)
    wait_for_mark(page, "nav", pull)
    page.evaluate("(url) => [...document.querySelectorAll('.md-sidebar--primary a[href]')].find(a => a.href === url).click()",
                  base + "attraction/")
    at(page, base + "attraction/")
    # The address changes before the new article is in: the lesson just left links to the-pull too.
    page.locator("article h1", has_text=heading("attraction/index.md")).wait_for()
    assert page.evaluate("() => window.__stayed === true"), "the click reloaded the page: instant navigation did not engage"
    wait_for_mark(page, "article", pull)
    assert list(marks(page, "article")) == [pull]
    assert list(marks(page, "nav")) == [pull]


@one_size("reader", "375-dark")
def test_blocked_storage_breaks_nothing_and_remembers_nothing(reader):
    page = reader("attraction/the-pull/", init=BLOCK_STORAGE)
    journey_ready(page)
    answer_every_question(page)  # quiz.js keeps answers in memory for this page only, and says so
    page.reload()
    journey_ready(page)
    page.wait_for_timeout(200)
    assert page.locator(".aa-done-mark").count() == 0
    page.goto(page.url.rsplit("attraction/", 1)[0])
    journey_ready(page)
    assert page.locator("[data-aa-start-link]").inner_text().strip() == "Start the course"


@one_size("reader", "375-dark")
def test_chapter_complete_appears_after_passing_and_not_after_failing(reader, base):
    page = reader("attraction/quiz/")
    # The chapter's lessons done already: complete is every step of the chapter (tests/test_progress_browser.py
    # has the quiz passed with lessons still open).
    seed(page, base, KEY, [url(p) for p in lessons("attraction")])
    page.reload()
    journey_ready(page)
    panel = page.locator("[data-aa-chapter-complete] section.aa-complete")
    answer_every_question(page, right=False)
    page.wait_for_timeout(200)
    assert panel.is_hidden(), "a failed quiz must not complete the chapter"
    assert page.locator("[data-aa-announce]").inner_text() == ""
    answer_every_question(page, right=True)
    panel.wait_for(state="visible")
    assert "Chapter 2 complete" in panel.inner_text()
    said = page.locator("[data-aa-announce]").inner_text()
    assert "Chapter 2" in said and "complete" in said
    # The next chapter follows right after, and a reload keeps the moment (without announcing it again).
    assert page.locator("[data-aa-chapter-complete] + nav.aa-next .aa-next__title").inner_text() == "Chapter 3: The cycle"
    page.reload()
    journey_ready(page)
    panel.wait_for(state="visible")
    assert page.locator("[data-aa-announce]").inner_text() == ""
    # The home page now offers Continue, pointing at the next open step.
    page.goto(base)
    journey_ready(page)
    start = page.locator("[data-aa-start-link]")
    start.filter(has_text="Continue").wait_for()
    assert start.inner_text().startswith("Continue: ")
    # The panel after a reload, as axe sees it (run_axe waits for its fade-in to end).
    page.goto(base + "attraction/quiz/")
    journey_ready(page)
    panel.wait_for(state="visible")
    violations = run_axe(page)
    assert not violations, describe(violations, "chapter complete")


def test_course_complete_after_passing_everything(reader, base):
    page = reader("")
    journey_ready(page)
    steps = json.loads(page.evaluate("() => fetch('assets/quizkit/journey.json').then(r => r.text())"))["steps"]
    reflection = "When you go quiet I get scared, and I chase."
    page.goto(base + "finish/")
    journey_ready(page)
    status = page.locator("[data-aa-finish-status]")
    status.filter(has_text="Still open").wait_for()
    # One chapter answered by hand at each size (the first by taps on the phone, the last by clicks and keys on
    # the laptop); every other step stored in the shape the widget saves (seed, its reflections too).
    chapter = "origins/" if reader.variant == "375-dark" else "change/"
    by_hand = [s for s in steps if s["u"].startswith(chapter)]
    seed(page, base, KEY, [s["u"] for s in steps if s not in by_hand], reflection=reflection)
    for step in by_hand:
        page.goto(base + step["u"])
        answer_every_question(page, right=True, reflection=reflection)
    # A saved self-assessment result (the tool's own storage shape, version 2), to be read back.
    page.evaluate("""(key) => { const d = JSON.parse(localStorage.getItem(key));
        d.assessment = {results: [{v: 2, anx: 5.875, avo: 2.375, t: Date.now(), set: 'x'}]};
        localStorage.setItem(key, JSON.stringify(d)); }""", KEY)
    page.goto(base + "change/quiz/")
    journey_ready(page)
    page.locator("[data-aa-chapter-complete] section.aa-complete").wait_for(state="visible")
    page.locator("nav.aa-next a").click()
    at(page, base + "finish/")
    status.filter(has_text="You finished every lesson check").wait_for()
    page.locator('[data-aa-finish="reflections"] summary').click()  # closed until the reader opens them
    reflections = page.locator('[data-aa-finish="reflections"] .aa-reflection')
    assert reflections.count() >= 5
    assert reflection in reflections.first.inner_text()
    told = page.locator('[data-aa-finish="assessment"]').inner_text()
    # A position on two scales in "leans" words, as the self-assessment tells it; never a box label.
    assert "Worry about the relationship: 5.9 out of 7. Your answers lean toward “More worry”." in told
    assert "Discomfort with closeness: 2.4 out of 7. Your answers lean toward “At ease with closeness”." in told
    assert "Leaning anxious" not in told
    violations = run_axe(page)
    assert not violations, describe(violations, f"finish ({reader.variant})")
    page.goto(base)
    journey_ready(page)
    assert page.locator("[data-aa-start-link]").inner_text().strip() == "See your course recap"


def test_without_javascript_the_static_parts_read(browser, base):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        page.goto(base)
        assert page.locator("[data-aa-start-link]").get_attribute("href") == "origins/the-pattern/"
        page.goto(base + "cycle/quiz/")
        assert page.locator("section.aa-complete").is_hidden()
        assert page.locator("nav.aa-next a").is_visible()
        page.goto(base + "finish/")
        assert "Turn on JavaScript" in page.locator('[data-aa-finish="reflections"]').inner_text()
        assert page.locator("ol.aa-recap > li").count() == 5
    finally:
        context.close()
