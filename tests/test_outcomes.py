"""Learning outcomes: one per concept in the content spec, each taught in a real section and tested by real questions."""
from __future__ import annotations

import pytest

from quizkit.course import anchors, load_course
from quizkit.outcomes import load_outcomes

from .conftest import ROOT

CONCEPTS = range(1, 44)  # the content spec's checklist, items 1–43


@pytest.fixture(scope="module")
def outcomes():
    return load_outcomes(ROOT / "quizzes" / "_outcomes")


@pytest.fixture(scope="module")
def question_ids():
    course = load_course(ROOT / "docs", ROOT / "quizzes")
    assert course.errors == []
    ids = set()
    for bank in course.banks.values():
        for q in bank.questions:
            ids.add(q.id)
            ids.update(s.id for s in q.questions)
    return ids


def test_every_concept_has_an_outcome(outcomes):
    covered = {o.concept for o in outcomes}
    assert sorted(set(CONCEPTS) - covered) == []
    assert sorted(covered - set(CONCEPTS)) == [], "an outcome names a concept the spec does not have"


def test_outcome_ids_are_unique_per_chapter(outcomes):
    seen = {}
    for o in outcomes:
        key = (o.chapter, o.id)
        assert key not in seen, f"{o.source}:{o.line}: outcome id '{o.id}' repeats line {seen[key]}"
        seen[key] = o.line


def test_every_outcome_names_a_real_section(outcomes):
    problems = []
    for o in outcomes:
        page, _, anchor = o.taught_in.partition("#")
        path = ROOT / "docs" / page
        if not page or not anchor:
            problems.append(f"{o.source}:{o.line}: taught_in must be 'chapter/lesson.md#section', not '{o.taught_in}'")
        elif not path.exists():
            problems.append(f"{o.source}:{o.line}: taught_in names {page}, which does not exist")
        elif anchor not in anchors(path.read_text(encoding="utf-8")):
            problems.append(f"{o.source}:{o.line}: {page} has no section #{anchor}")
    assert problems == []


def test_every_outcome_is_tested_by_real_questions(outcomes, question_ids):
    problems = []
    for o in outcomes:
        if not o.tested_by:
            problems.append(f"{o.source}:{o.line}: outcome '{o.id}' is tested by no question")
        problems += [f"{o.source}:{o.line}: outcome '{o.id}' names unknown question '{qid}'"
                     for qid in o.tested_by if qid not in question_ids]
    assert problems == []


def test_the_check_can_fail(tmp_path):
    """The same checks flag a broken outcomes file (so a green run means something)."""
    (tmp_path / "ch.yml").write_text("- concept: 99\n  id: x\n  text: T\n  taught_in: nowhere.md#none\n  tested_by: [no-such-question]\n")
    broken = load_outcomes(tmp_path)
    assert broken[0].concept not in CONCEPTS
    assert not (ROOT / "docs" / "nowhere.md").exists()


@pytest.mark.slow
def test_outcomes_are_shown_to_readers(course_site, outcomes):
    home = (course_site / "index.html").read_text(encoding="utf-8")
    assert home.count("learn it</a>") == len(outcomes)
    for chapter in {o.chapter for o in outcomes}:
        page = (course_site / chapter / "index.html").read_text(encoding="utf-8")
        assert page.count("learn it</a>") == sum(o.chapter == chapter for o in outcomes), chapter
