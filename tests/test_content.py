"""Course text: our own words, plain language, no labels that blame."""
from __future__ import annotations

import re

from quizkit.course import is_lesson
from quizkit.readability import measure

from . import originality
from .conftest import ROOT

LABELS = re.compile(r"\b(needy|clingy|toxic|narcissists?|narcissistic)\b", re.I)
MAX_GRADE = 8.5  # the spec asks for grade 6–8; lower is fine, higher is not


def lessons():
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*.md") if is_lesson(p.relative_to(docs).as_posix()))


def test_no_eight_word_run_from_the_source_article():
    """Everything a reader sees: pages, banks, templates and the widget's strings and scripts."""
    readable = [ROOT / d for d in ("docs", "quizzes", "overrides", "quizkit")] + [ROOT / "README.md"]
    assert originality.check(readable) == []


def test_the_source_article_hashes_are_all_there():
    """An emptied or truncated hash file would make the check above pass on anything."""
    hashes = originality.load_hashes()
    assert len(hashes) == 1741  # the article's 8-word runs; changes only when it is regenerated
    assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in hashes)


def test_the_originality_check_finds_a_planted_run(tmp_path):
    """The check above with a made-up 'source': a run of 8+ words is found, across a line break,
    in any case and with curly apostrophes; a run of 7 is not."""
    source = "when the phone stays silent for an hour the worry grows louder and it's hard to rest"
    hashes = originality.run_hashes(source)
    page = tmp_path / "lesson.md"
    page.write_text("# A lesson\n\nShe said: When the phone stays silent\nfor an HOUR the worry grows.\n\n"
                    "Later: the worry grows louder and it\u2019s hard to rest.\n", encoding="utf-8")
    assert originality.check([tmp_path], hashes) == [
        f"{page}:3: when the phone stays silent for an hour the worry grows",  # 10 words over two lines
        f"{page}:6: the worry grows louder and it's hard to rest",  # 9 words, curly apostrophe
    ]
    page.write_text("Nothing but the worry grows louder and it's hard.\n", encoding="utf-8")
    assert originality.check([tmp_path], hashes) == []  # 7 words


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
