"""The real course's items, as readers see them, carry no test-taking cues (issue 11's 'Done means').

Measured on the options in display order (quizkit.bank.order, the function the renderer uses), so a
reader who never opens the lessons cannot pass on position, length or wording.
"""
from __future__ import annotations

from collections import Counter

import pytest

from quizkit.bank.course import load_course
from quizkit.authoring.guessing import benchmark, goals
from quizkit.bank.order import option_order

from .conftest import ROOT

MAX_SHARE = 0.40  # no position holds more than this share of single-choice keys, etc.


@pytest.fixture(scope="module")
def banks():
    course = load_course(ROOT / "docs", ROOT / "quizzes", display_root=ROOT)
    assert not course.errors, course.errors
    return list(course.banks.values())


def leaves(banks, kind):
    return [q for b in banks for q in b.graded() if q.type == kind]


def displayed(q):
    return [q.options[i] for i in option_order(q)]


def test_no_position_holds_more_than_forty_percent_of_single_choice_keys(banks):
    single = leaves(banks, "single")
    positions = Counter(next(i for i, o in enumerate(displayed(q)) if o.correct) for q in single)
    assert len(single) >= 80
    assert max(positions.values()) / len(single) <= MAX_SHARE, dict(positions)


def test_the_key_is_rarely_the_strictly_longest_option(banks):
    single = leaves(banks, "single")
    longest = [q.id for q in single
               if max(len(o.text) for o in q.options if o.correct) > max(len(o.text) for o in q.options if not o.correct)]
    assert len(longest) / len(single) <= MAX_SHARE, longest


def test_true_false_keys_are_balanced(banks):
    tf = leaves(banks, "truefalse")
    share = sum(bool(q.answer) for q in tf) / len(tf)
    assert len(tf) >= 20 and 0.35 <= share <= 0.65, share


def test_multiple_select_keys_rarely_lead(banks):
    multi = leaves(banks, "multiple")
    leading = [q.id for q in multi if all(o.correct for o in displayed(q)[:sum(o.correct for o in q.options)])]
    assert len(leading) / len(multi) <= MAX_SHARE, leading


def test_every_blind_strategy_fails_every_chapter_quiz(banks):
    results = goals(benchmark(banks))
    assert len(results) >= 6  # five chapter quizzes and the course-wide row
    assert [text for ok, text in results if not ok] == []
