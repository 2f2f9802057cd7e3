"""The README is for newcomers: short, its figures true, the developers' matter in DEVELOPING.md.

Figures about the course (how many chapters, how many lessons) are checked against mkdocs.yml's
nav, so a new lesson or chapter cannot leave a stale number behind.
"""
from __future__ import annotations

import json
import re
from pathlib import PurePosixPath

import pytest
from mkdocs.config import load_config

from bench import readme as bench_readme
from quizkit.bank.course import is_lesson

from .conftest import ROOT

README = ROOT / "README.md"
DEVELOPING = ROOT / "DEVELOPING.md"
MAX_WORDS = 2500
NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
# Pages that speak about the whole course's size.
COURSE_LEVEL = (README, ROOT / "docs" / "index.md", ROOT / "docs" / "finish.md", ROOT / "docs" / "about" / "teachers.md")


def _nav_pages(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_pages(v)]
    return [p for item in nav or [] for p in _nav_pages(item)]


@pytest.fixture(scope="module")
def course_size() -> dict[str, int]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    exempt = tuple(config.plugins["quizkit"].config["exempt"])
    lessons = [p for p in _nav_pages(config.nav) if is_lesson(p, exempt) and PurePosixPath(p).name != "quiz.md"]
    return {"lessons": len(lessons), "chapters": len({PurePosixPath(p).parent for p in lessons})}


def test_the_readme_is_short():
    words = len(README.read_text(encoding="utf-8").split())
    assert words <= MAX_WORDS, f"README.md has {words} words; keep it under {MAX_WORDS} (developer matter: DEVELOPING.md)"


def test_every_count_of_lessons_or_chapters_matches_the_nav(course_size):
    said = re.compile(r"\b(\d+|" + "|".join(NUMBERS) + r")\s+(?:short\s+)?(lessons|chapters)\b", re.I)
    for page in COURSE_LEVEL:
        text = " ".join(page.read_text(encoding="utf-8").split())
        for number, what in said.findall(text):
            n = int(number) if number.isdigit() else NUMBERS[number.lower()]
            assert n == course_size[what.lower()], \
                f"{page.relative_to(ROOT)} says {number} {what}; mkdocs.yml's nav has {course_size[what.lower()]}"


def test_the_count_check_can_fail(course_size):
    assert course_size["chapters"] >= 1 and course_size["lessons"] > course_size["chapters"]
    assert "Five chapters" in README.read_text(encoding="utf-8")  # the one figure the README states, checked above


def test_newcomers_are_sent_to_the_right_place():
    text = README.read_text(encoding="utf-8")
    for target in ("docs/about/authoring.md", "docs/about/teachers.md", "DEVELOPING.md"):
        assert f"]({target})" in text and (ROOT / target).is_file(), target
    for command in ("make serve", "make test", "make build", "make check"):
        assert f"\n    {command}\n" in text, f"{command} is shown as a command of its own"


def test_developer_matter_lives_in_developing():
    readme, developing = README.read_text(encoding="utf-8"), DEVELOPING.read_text(encoding="utf-8")
    for topic in ("Zensical", "zizmor", "fingerprint", "## How it works", "## Performance", "tests/test_validation.py"):
        assert topic in developing and topic not in readme, topic
    assert bench_readme.BEGIN not in readme and developing.count(bench_readme.BEGIN) == 1


def test_the_benchmark_writes_its_figures_into_developing(tmp_path):
    copy = tmp_path / bench_readme.TARGET
    copy.write_text(DEVELOPING.read_text(encoding="utf-8"), encoding="utf-8")
    results = {"machine": {"cpus": 2, "load_at_start": [0.5]}, "mode": "quick", "table": "a table of figures"}
    bench_readme.write(copy, json.loads(json.dumps(results)))
    written = copy.read_text(encoding="utf-8")
    assert "a table of figures" in written and written.count(bench_readme.END) == 1
    assert bench_readme.TARGET == DEVELOPING.name
