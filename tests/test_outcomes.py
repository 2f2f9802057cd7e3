"""Learning outcomes: one per concept in the content spec, each taught in a real section and tested by real questions."""
from __future__ import annotations

import pytest

from quizkit.bank.course import anchors, load_course
from quizkit.course.outcomes import load_outcomes

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


# The checks, as functions of the outcomes, so test_the_check_can_fail runs the very same code.


def concept_problems(outcomes) -> list[str]:
    covered = {o.concept for o in outcomes}
    return ([f"concept {c} has no outcome" for c in sorted(set(CONCEPTS) - covered)]
            + [f"outcome names concept {c}, which the spec does not have" for c in sorted(covered - set(CONCEPTS))])


def duplicate_id_problems(outcomes) -> list[str]:
    seen, problems = {}, []
    for o in outcomes:
        key = (o.chapter, o.id)
        if key in seen:
            problems.append(f"{o.source}:{o.line}: outcome id '{o.id}' repeats line {seen[key]}")
        seen.setdefault(key, o.line)
    return problems


def section_problems(outcomes, docs=ROOT / "docs") -> list[str]:
    problems = []
    for o in outcomes:
        page, _, anchor = o.taught_in.partition("#")
        path = docs / page
        if not page or not anchor:
            problems.append(f"{o.source}:{o.line}: taught_in must be 'chapter/lesson.md#section', not '{o.taught_in}'")
        elif not path.exists():
            problems.append(f"{o.source}:{o.line}: taught_in names {page}, which does not exist")
        elif anchor not in anchors(path.read_text(encoding="utf-8")):
            problems.append(f"{o.source}:{o.line}: {page} has no section #{anchor}")
    return problems


def question_problems(outcomes, question_ids) -> list[str]:
    problems = []
    for o in outcomes:
        if not o.tested_by:
            problems.append(f"{o.source}:{o.line}: outcome '{o.id}' is tested by no question")
        problems += [f"{o.source}:{o.line}: outcome '{o.id}' names unknown question '{qid}'"
                     for qid in o.tested_by if qid not in question_ids]
    return problems


def test_every_concept_has_an_outcome(outcomes):
    assert concept_problems(outcomes) == []


def test_outcome_ids_are_unique_per_chapter(outcomes):
    assert duplicate_id_problems(outcomes) == []


def test_every_outcome_names_a_real_section(outcomes):
    assert section_problems(outcomes) == []


def test_every_outcome_is_tested_by_real_questions(outcomes, question_ids):
    assert question_problems(outcomes, question_ids) == []


def test_the_check_can_fail(tmp_path, outcomes, question_ids):
    """The checks above, run on a broken copy of the real outcomes, report every break."""
    first = outcomes[0]
    page = first.taught_in.partition("#")[0]
    (tmp_path / "ch.yml").write_text(
        "- concept: 99\n  id: x\n  text: T\n  taught_in: nowhere.md#none\n  tested_by: [no-such-question]\n"
        f"- concept: 1\n  id: x\n  text: T\n  taught_in: {page}#no-such-section\n"
        "- concept: 2\n  id: y\n  text: T\n  taught_in: no-anchor.md\n  tested_by: []\n")
    broken = load_outcomes(tmp_path)
    src = broken[0].source
    assert concept_problems(broken) == [f"concept {c} has no outcome" for c in CONCEPTS if c > 2] + [
        "outcome names concept 99, which the spec does not have"]
    assert duplicate_id_problems(broken) == [f"{src}:6: outcome id 'x' repeats line 1"]
    assert section_problems(broken) == [
        f"{src}:1: taught_in names nowhere.md, which does not exist",
        f"{src}:6: {page} has no section #no-such-section",
        f"{src}:10: taught_in must be 'chapter/lesson.md#section', not 'no-anchor.md'",
    ]
    assert question_problems(broken, question_ids) == [
        f"{src}:1: outcome 'x' names unknown question 'no-such-question'",
        f"{src}:6: outcome 'x' is tested by no question",
        f"{src}:10: outcome 'y' is tested by no question",
    ]


@pytest.mark.slow
def test_outcomes_are_shown_to_readers(course_site, outcomes):
    home = (course_site / "index.html").read_text(encoding="utf-8")
    assert home.count("learn it</a>") == len(outcomes)
    for chapter in {o.chapter for o in outcomes}:
        page = (course_site / chapter / "index.html").read_text(encoding="utf-8")
        assert page.count("learn it</a>") == sum(o.chapter == chapter for o in outcomes), chapter
