"""`mkdocs serve` in Chromium, as an author uses it: the open page updates by itself after
an edit (live reload under the page's strict CSP), and a broken bank shows its
`file:line` message in the page while the server keeps answering."""
from __future__ import annotations

import time
import urllib.request

import pytest

from .conftest import mkdocs_build
from .test_serve import _wait_for, served_course

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# How fast an edit shows is the benchmark's figure (`make bench`: "mkdocs serve: edit → new text served");
# here only that it shows by itself. The limit is for a loaded machine, not a target.
RELOAD_WITHIN = 120.0


@pytest.fixture
def served(tmp_path):
    """The fixture course copied to tmp and served by `mkdocs serve`; yields (course dir, base URL, output lines)."""
    with served_course(tmp_path) as (course, port, lines):
        yield course, f"http://127.0.0.1:{port}/course/", lines


def _watch_csp(page) -> list[str]:
    """Every CSP violation the page reports, from the console and from securitypolicyviolation events."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
    return seen


def _open_and_wait_for_the_poller(page, url: str) -> None:
    """Open `url` and wait until its live-reload poller (started on 'load') has asked the server for news."""
    with page.expect_request(lambda r: "/livereload/" in r.url):
        page.goto(url)
    page.wait_for_selector(".qz.qz--js")


def _edit_and_wait(page, path, old: str, new: str, selector: str, text: str) -> float:
    """Save an edit and return the seconds until `text` shows in `selector`, with no action on the page."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    start = time.monotonic()
    page.wait_for_function(
        "([sel, text]) => [...document.querySelectorAll(sel)].some(el => el.textContent.includes(text))",
        arg=[selector, text], timeout=RELOAD_WITHIN * 1000)
    return time.monotonic() - start


def test_edits_reload_the_open_page_under_the_csp(browser, served):
    course, base, lines = served
    page = browser.new_page()
    violations = _watch_csp(page)
    _open_and_wait_for_the_poller(page, base + "basics/first-lesson/")
    meta = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert "script-src 'self'" in meta and "unsafe-inline" not in meta, meta

    lesson = course / "docs" / "basics" / "first-lesson.md"
    took_lesson = _edit_and_wait(page, lesson, "Something ordinary happens.",
                                 "Something ordinary happens, edited live.", "article", "edited live")
    bank = course / "quizzes" / "basics" / "first-lesson.yml"
    took_bank = _edit_and_wait(page, bank, "prompt: Which one is the **trigger**?",
                               "prompt: Which one starts the **cycle**?", ".qz-question", "starts the")
    print(f"\nsaved → shown: lesson {took_lesson:.1f} s, bank {took_bank:.1f} s")
    assert violations == [], violations


def test_a_broken_bank_shows_its_message_in_the_page(browser, served, tmp_path):
    course, base, lines = served
    page = browser.new_page()
    violations = _watch_csp(page)
    _open_and_wait_for_the_poller(page, base + "basics/first-lesson/")

    bank = course / "quizzes" / "basics" / "first-lesson.yml"
    good = bank.read_text()
    broken = good.replace("    type: single\n", "    type: single\n    corect: true\n", 1)
    for attempt in (1, 2):  # the same mistake twice: printed (and shown) both times
        start = len(lines)
        _edit_and_wait(page, bank, good, broken, ".qz-build-errors", "first-lesson.yml:5:")
        box = page.locator(".qz-build-errors").inner_text()
        assert "quizzes/basics/first-lesson.yml:5: question 'fx-single': unknown key 'corect'" in box, box
        # In the widget's place: after the lesson's last section before the marker, before 'Afterword'.
        assert page.locator("#loop ~ * .qz-build-errors, #loop ~ .qz-build-errors").count() == 1
        assert page.locator("#afterword ~ .qz-build-errors").count() == 0
        printed = _wait_for(lines, "first-lesson.yml:5:", start)
        assert "unknown key 'corect'" in lines[printed], f"attempt {attempt}: {lines[printed]}"
        # The server keeps answering (it used to hang until the bank was fixed).
        assert urllib.request.urlopen(base + "basics/second-lesson/", timeout=5).status == 200
        _edit_and_wait(page, bank, broken, good, ".qz-question", "trigger")
        assert page.locator(".qz-build-errors").count() == 0
    assert violations == [], violations
    assert "Traceback" not in "".join(lines)

    # The same broken bank still stops a strict build.
    bank.write_text(broken)
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "quizzes/basics/first-lesson.yml:5:" in result.stdout + result.stderr
