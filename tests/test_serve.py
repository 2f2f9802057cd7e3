"""`mkdocs serve` with a bank broken and then mended: a file:line message (terminal and page), no traceback, and the server recovers."""
from __future__ import annotations

import contextlib

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from .conftest import FIXTURE_SITE, ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(lines: list[str], text: str, start: int = 0, timeout: float = 60) -> int:
    """The index of the first output line from `start` on that contains `text`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for i in range(start, len(lines)):
            if text in lines[i]:
                return i
        time.sleep(0.2)
    raise AssertionError(f"no {text!r} in the server's output:\n" + "".join(lines[-40:]))


@contextlib.contextmanager
def served_course(tmp_path, settings: str = ""):
    """The fixture course copied to tmp and run by `mkdocs serve`; yields (course dir, port, output lines).
    `settings`: more plugin settings, as YAML lines under `quizkit:`."""
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_SITE, course)
    cfg = course / "mkdocs.yml"
    text = cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/")
    cfg.write_text(text.replace("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n" + settings))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=course,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    lines: list[str] = []
    threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True).start()
    try:
        _wait_for(lines, "Serving on")
        yield course, port, lines
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _page(port: int, path: str) -> str:
    return urllib.request.urlopen(f"http://127.0.0.1:{port}/course/{path}", timeout=10).read().decode()


def _words(n: int) -> str:
    """A lesson of exactly `n` words of prose: short plain sentences, five words each."""
    sentences = ["Sam waits for a reply." for _ in range(n // 5)] + [" ".join(["word"] * (n % 5)) + "."] * bool(n % 5)
    return "# Second lesson\n\n## Needs underneath\n\n" + " ".join(sentences) + "\n"


def test_a_broken_bank_is_reported_the_server_recovers_and_a_reused_id_shows_on_the_new_page(tmp_path):
    with served_course(tmp_path) as (course, port, lines):
        bank = course / "quizzes" / "basics" / "first-lesson.yml"
        good = bank.read_text()
        seen = _wait_for(lines, "Serving on")
        # No teachers' downloads in the preview (`build` and `export` make them); the links still lead somewhere.
        note = urllib.request.urlopen(f"http://127.0.0.1:{port}/course/downloads/quizzes-course.zip", timeout=10).read()
        assert note.startswith(b"The preview (`make serve`) does not make") and b"`make export FORMAT=gift`" in note, note
        bank.write_text(good.replace("    type: single\n", "    type: single\n    corect: true\n", 1))
        error = _wait_for(lines, "quizzes/basics/first-lesson.yml:", seen)
        assert "unknown key 'corect'" in lines[error], lines[error]
        # The preview keeps answering, with the message where the widget would be.
        reloaded = _wait_for(lines, "Reloading browsers", error)
        page = _page(port, "basics/first-lesson/")
        assert "quizzes/basics/first-lesson.yml:5: question &#x27;fx-single&#x27;: unknown key &#x27;corect&#x27;" in page
        bank.write_text(good)
        seen = _wait_for(lines, "Reloading browsers", reloaded + 1)
        assert 'data-qz-id="fx-single"' in _page(port, "basics/first-lesson/")

        # An id already used by another bank: the message names both files, on the new lesson's page.
        privacy = course / "docs" / "about" / "privacy.md"  # links to the downloads, as the teachers' page does
        privacy.write_text(privacy.read_text() + "\n[Questions for Moodle](../downloads/quizzes-course.gift.txt)\n")
        seen = _wait_for(lines, "Reloading browsers", seen + 1)
        reused = good.split("questions:\n", 1)[1].split("\n  - id:", 1)[0]  # first-lesson's first question
        new = course / "quizzes" / "basics" / "second-lesson.yml"
        new.write_text(new.read_text() + "\n".join(line for line in reused.splitlines() if "review:" not in line) + "\n")
        error = _wait_for(lines, "is already used at quizzes/basics/first-lesson.yml:", seen)
        assert "quizzes/basics/second-lesson.yml:" in lines[error], lines[error]
        _wait_for(lines, "Reloading browsers", error)
        mine, other = _page(port, "basics/second-lesson/"), _page(port, "basics/first-lesson/")
        assert "is already used at quizzes/basics/first-lesson.yml" in mine
        assert "data-qz-id=" not in mine, "a broken bank's page shows its error, not its quiz"
        assert mine.index("qz-build-errors") < mine.index("data-aa-next"), "the error sits where the quiz would be"
        assert 'data-qz-id="fx-single"' in other
        unrelated = [line for line in lines if "downloads/" in line]  # no warning about pages left alone
        assert unrelated == [], unrelated
        assert "Traceback" not in "".join(lines), "".join(lines)


def test_what_check_says_about_a_page_is_on_that_page_and_in_the_terminal(tmp_path):
    """A 166-word lesson: `check`'s word-count message in the log and in a notice on the page (serve only),
    and still there when its bank breaks too (the bank's error in place of its quiz)."""
    from quizkit.authoring.readability import measure
    lesson = _words(166)
    assert measure(lesson).words == 166
    message = "docs/basics/second-lesson.md: 166 words; a lesson has 550–1,300 words of prose"

    def notice(page: str) -> str:
        found = page[page.index('class="admonition warning qz-check-notes"'):]
        return found[:found.index("</div>")]

    with served_course(tmp_path, "      lesson_words: [550, 1300]\n") as (course, port, lines):
        seen = _wait_for(lines, "Serving on")
        (course / "docs" / "basics" / "second-lesson.md").write_text(lesson)
        logged = _wait_for(lines, message, seen)
        assert "WARNING" in lines[logged], lines[logged]
        seen = _wait_for(lines, "Reloading browsers", logged)
        page = _page(port, "basics/second-lesson/")
        assert message in notice(page)
        assert 'data-qz-id="fx-' in page, "a notice, not an error: the quiz still works"
        bank = course / "quizzes" / "basics" / "second-lesson.yml"
        bank.write_text(bank.read_text().replace("type:", "tpye:", 1))
        _wait_for(lines, "Reloading browsers", _wait_for(lines, "is missing; say which kind of question", seen))
        page = _page(port, "basics/second-lesson/")
        assert "qz-build-errors" in page and "is missing; say which kind of question" in page
        assert message in notice(page)
        bank.write_text(bank.read_text().replace("tpye:", "type:", 1))
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=course,
                           capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr
    assert "qz-check-notes" not in (tmp_path / "site" / "basics" / "second-lesson" / "index.html").read_text()


def test_a_bank_error_far_down_a_long_lesson_is_linked_from_its_top():
    """The red box sits where the quiz would be, often far below; the top of the page links to it (author walk 8)."""
    from quizkit.plugin.serve import BANK_ERRORS_ID, show_errors
    page = '<article class="md-content__inner"><h1>L</h1>' + "<p>text</p>" * 50 + "<!--slot--></article>"
    out = show_errors(page, ["quizzes/ch/l.yml:3: what to fix"], [], "<!--slot-->")
    link, box = out.find(f'href="#{BANK_ERRORS_ID}"'), out.find(f'id="{BANK_ERRORS_ID}"')
    assert 0 < link < out.find("<h1>") < out.find("<p>text</p>") < box
    assert show_errors(page, [], [], "<!--slot-->") == page
