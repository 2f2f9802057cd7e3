"""The one scoring rule. The site (quiz.js `rules`), the GIFT export and the QTI export all follow it;
tests/test_scoring.py scores the same responses in all of them.

Which attempt counts
    The FIRST check of a question counts, for its score, the chapter quiz's
    pass and the progress page. "Try again" after a wrong answer is for
    learning and never changes the score. Nor does "Retry the ones I missed"
    on a chapter quiz, nor the practice page: both are for learning. A
    question counts again from scratch only when the reader starts the
    whole chapter quiz again, answering every question afresh.

How a question scores (0 to 1; responses name options by their AUTHORED index, never position)
    single, truefalse   1 for the right answer, else 0.
    multiple            max(0, right picked / right options - wrong picked / wrong options):
                        every right option is worth 1/R, every wrong pick costs 1/W, and the
                        total never goes below 0 (so ticking everything scores 0).
    ordering            the share of items in their right position.
    matching            the share of pairs matched right.

How a quiz adds up
    The quiz score is the sum of its question scores (a scenario's sub-questions
    count one each) out of the number of graded questions. The percent is that
    share rounded half up to a whole number; a chapter quiz is passed when every
    question is answered and the percent is at least the pass mark, also as a
    whole percent.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from quizkit.bank.model import Question


def question_score(q: Question, response: Any) -> float:
    """The score (0..1) of one response to graded question `q`. Malformed responses score 0."""
    try:
        if q.type == "single":
            return 1.0 if q.options[int(response)].correct else 0.0
        if q.type == "truefalse":
            return 1.0 if bool(response) == bool(q.answer) else 0.0
        if q.type == "multiple":
            right = {i for i, o in enumerate(q.options) if o.correct}
            return multiple_score(right, len(q.options), set(response))
        if q.type == "ordering":
            return share_in_place(list(response), len(q.items))
        if q.type == "matching":
            return share_in_place(list(response), len(q.pairs))
    except (IndexError, TypeError, ValueError):
        return 0.0
    raise ValueError(f"{q.type} questions are not graded")


def multiple_score(right: set[int], count: int, picked: set[int]) -> float:
    wrong = count - len(right)
    hits = len(picked & right)
    misses = len(picked - right)
    return max(0.0, hits / len(right) - (misses / wrong if wrong else 0.0))


def share_in_place(response: list, count: int) -> float:
    """Ordering: response[i] is the item put at position i. Matching: the right side chosen for left i."""
    if count == 0:
        return 0.0
    return sum(1 for i in range(count) if i < len(response) and response[i] == i) / count


def whole_percent(share: float) -> int:
    """Half up, exactly as JavaScript's Math.round does for these non-negative numbers (round() would go to even)."""
    return math.floor(100 * share + 0.5)


@dataclass(frozen=True)
class QuizResult:
    points: float  # sum of the counted question scores
    answered: int
    total: int
    percent: int
    pass_percent: int
    passed: bool


def quiz_result(scores: list[float | None], pass_mark: float) -> QuizResult:
    """`scores` holds each graded question's first-attempt score, None when not answered yet."""
    total = len(scores)
    answered = sum(s is not None for s in scores)
    points = 0.0
    for s in scores:  # left to right, as the browser adds them, so both get the same float
        if s is not None:
            points += s
    percent = whole_percent(points / total) if total else 0
    pass_percent = whole_percent(pass_mark)
    return QuizResult(points, answered, total, percent, pass_percent,
                      passed=total > 0 and answered == total and percent >= pass_percent)
