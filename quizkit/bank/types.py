"""The question types, in one list. The model, the option order and the messages derive from it;
tests/test_layout.py checks that the bank schema and the widget script (quizkit/assets/quiz.js) list the same types."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    graded: bool  # scored: in the quiz's total, the progress page and the exports
    shuffled: bool = False  # options shown in a random order (fixed per question id) unless 'keep_order'
    in_scenario: bool = False  # may be one of a scenario's sub-questions


TYPES = {
    "single": Kind(graded=True, shuffled=True, in_scenario=True),
    "multiple": Kind(graded=True, shuffled=True, in_scenario=True),
    "truefalse": Kind(graded=True, in_scenario=True),
    "ordering": Kind(graded=True),
    "matching": Kind(graded=True),
    "scenario": Kind(graded=False),  # a story; its sub-questions are graded
    "likert": Kind(graded=False),
    "reflection": Kind(graded=False),
}
GRADED = tuple(name for name, kind in TYPES.items() if kind.graded)
SHUFFLED = tuple(name for name, kind in TYPES.items() if kind.shuffled)
