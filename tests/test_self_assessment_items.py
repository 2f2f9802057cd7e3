"""The "Where do I lean?" statements (quizzes/_tools/self-assessment.yml): data, not scoring.

Keyed as the course teaches, unique, balanced between the two dimensions, and with
anxiety statements on the core fears, not only on watching for signs.
"""
from __future__ import annotations

from collections import Counter

import pytest
import yaml

from quizkit.course.assessment import item_score, load_assessment
from quizkit.bank.course import doc_pages

from .conftest import ROOT

YAML = ROOT / "quizzes" / "_tools" / "self-assessment.yml"


@pytest.fixture(scope="module")
def assessment():
    return load_assessment(YAML, "quizzes/_tools/self-assessment.yml", set(doc_pages(ROOT / "docs")))


@pytest.fixture(scope="module")
def items(assessment):
    return {item.id: item for item in assessment.items}


def test_sa_avo_needs_is_keyed_as_the_course_teaches(items):
    # The course teaches that plain requests suit a partner who leans avoidant (change/say-the-need.md,
    # change/if-you-lean-avoidant.md). So the statement asks about the urge to step back from a plain
    # request, and agreeing with it must raise the avoidance score, never lower it.
    needs = items["sa-avo-needs"]
    assert needs.dimension == "avoidance"
    assert not needs.reverse, "sa-avo-needs is reverse-keyed again"
    assert "plainly" in needs.text and "step back" in needs.text
    assert item_score(needs, 7) > item_score(needs, 1)


def test_ids_are_unique_in_the_file():
    raw = yaml.safe_load(YAML.read_text(encoding="utf-8"))
    ids = [item["id"] for item in raw["items"]] + [item["id"] for item in raw["dance"]["items"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_dimensions_are_balanced(assessment):
    per_dim = Counter(item.dimension for item in assessment.items)
    assert per_dim["anxiety"] == per_dim["avoidance"] == len(assessment.items) // 2
    reversed_per_dim = Counter(item.dimension for item in assessment.items if item.reverse)
    assert reversed_per_dim["anxiety"] == reversed_per_dim["avoidance"] >= 2
    for dim in ("anxiety", "avoidance"):  # half each way: agreeing with everything lands at the middle
        assert reversed_per_dim[dim] == per_dim[dim] / 2


def test_anxiety_statements_cover_the_core_fears(items):
    # Not being loved enough, not measuring up, loving more than one is loved.
    # (Two of them are worded the other way round, reverse-keyed.)
    assert {"sa-anx-loved", "sa-anx-worth", "sa-anx-same"} <= set(items)
    for item_id in ("sa-anx-loved", "sa-anx-worth", "sa-anx-same", "sa-anx-okay", "sa-anx-fix"):
        assert items[item_id].dimension == "anxiety"
    assert items["sa-anx-loved"].reverse and items["sa-anx-same"].reverse and not items["sa-anx-worth"].reverse
    assert "loved as much" in items["sa-anx-loved"].text and "good enough" in items["sa-anx-worth"].text
    assert "as much love" in items["sa-anx-same"].text


def test_statements_are_short_first_person_and_without_double_negatives(assessment):
    for item in assessment.items:
        words = item.text.split()
        assert len(words) <= 18, item.id
        assert item.text.startswith(("I ", "I'", "When ", "Soon ", "After ", "Deep ", "Being ", "It ")), item.id
        assert sum(w.lower().strip(".,") in ("not", "never", "no", "don't", "can't") for w in words) <= 1, item.id
