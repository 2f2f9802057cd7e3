"""Course text: our own words, plain language, no labels that blame."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from quizkit.course import is_lesson
from quizkit.readability import measure

from .conftest import ROOT

SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
LABELS = re.compile(r"\b(needy|clingy|toxic|narcissists?|narcissistic)\b", re.I)
MAX_GRADE = 8.5  # the spec asks for grade 6–8; lower is fine, higher is not


def lessons():
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*.md") if is_lesson(p.relative_to(docs).as_posix()))


@pytest.mark.skipif(not SEED_TOOL.exists(), reason="shared/tools/seed_overlap.py is not beside this checkout")
def test_no_eight_word_run_from_the_source_article():
    result = subprocess.run([sys.executable, str(SEED_TOOL), "docs", "quizzes"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_lessons_read_at_grade_eight_or_below(capsys):
    rows, too_hard = [], []
    for path in lessons():
        r = measure(path.read_text(encoding="utf-8"))
        rows.append(f"{path.relative_to(ROOT)}: {r.words} words, grade {r.grade:.1f}")
        if r.grade > MAX_GRADE:
            too_hard.append(rows[-1])
    with capsys.disabled():
        print("\nReadability (Flesch-Kincaid, pyphen syllables):\n  " + "\n  ".join(rows))
    assert len(rows) >= 15
    assert too_hard == []


def test_readability_measure_can_tell_hard_from_easy():
    easy = measure("The cat sat. The dog ran. We had fun.")
    hard = measure("Attachment-related hyperactivation constitutes a psychologically sophisticated, "
                   "characteristically intensified regulatory configuration, notwithstanding considerable interindividual variability.")
    assert easy.grade < 3 < 12 < hard.grade


def test_no_blaming_labels_in_our_own_voice():
    """The banned labels may only appear quoted, as what a partner thinks in the cycle."""
    problems = []
    for path in sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "quizzes").rglob("*.yml")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in LABELS.finditer(line):
                before = line[: match.start()]
                quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1 or "never" in before.lower()
                if not quoted:
                    problems.append(f"{path.relative_to(ROOT)}:{no}: {line.strip()}")
    assert problems == []


def test_lessons_are_substantial():
    short = []
    for path in lessons():
        if path.name == "quiz.md":
            continue
        words = measure(path.read_text(encoding="utf-8")).words
        if not 550 <= words <= 1300:
            short.append(f"{path.relative_to(ROOT)}: {words} words")
    assert short == []
