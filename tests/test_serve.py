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
def served_course(tmp_path):
    """The fixture course copied to tmp and run by `mkdocs serve`; yields (course dir, port, output lines)."""
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_SITE, course)
    cfg = course / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/"))
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


def test_a_broken_bank_is_reported_and_the_server_recovers(tmp_path):
    with served_course(tmp_path) as (course, port, lines):
        bank = course / "quizzes" / "basics" / "first-lesson.yml"
        good = bank.read_text()
        seen = _wait_for(lines, "Serving on")
        # No teachers' downloads in the preview (`build` and `export` make them); the links still lead somewhere.
        note = urllib.request.urlopen(f"http://127.0.0.1:{port}/course/downloads/quizzes-course.zip", timeout=10).read()
        assert note.startswith(b"`mkdocs serve` does not make"), note[:80]
        bank.write_text(good.replace("    type: single\n", "    type: single\n    corect: true\n", 1))
        error = _wait_for(lines, "quizzes/basics/first-lesson.yml:", seen)
        assert "unknown key 'corect'" in lines[error], lines[error]
        # The preview keeps answering, with the message where the widget would be.
        reloaded = _wait_for(lines, "Reloading browsers", error)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/course/basics/first-lesson/", timeout=10).read().decode()
        assert "quizzes/basics/first-lesson.yml:5: question &#x27;fx-single&#x27;: unknown key &#x27;corect&#x27;" in page
        bank.write_text(good)
        _wait_for(lines, "Reloading browsers", reloaded + 1)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/course/basics/first-lesson/", timeout=10).read().decode()
        assert 'data-qz-id="fx-single"' in page
        assert "Traceback" not in "".join(lines), "".join(lines)
