"""Cue-strategy benchmark: how far a reader gets without reading the lessons.

    python build_quizzes.py stats --guessing

Every graded question is answered by blind strategies, on the page as readers
see it (options in display order, quizkit/bank/order.py) and scored by the course's
one rule (quizkit/bank/scoring.py). Where a strategy has nothing to say about a
question type it answers as "first" does, so every strategy is a complete way
to take a quiz.

Goals: on every chapter quiz, each strategy scores below the pass mark; over
the whole course, no strategy scores more than 10 points above chance.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any, Callable

from quizkit.authoring.lint import absolute, plain
from quizkit.bank.model import Bank, Question
from quizkit.authoring.blind import shown
from quizkit.bank.order import option_order
from quizkit.bank.scoring import multiple_score, question_score, whole_percent

COURSE_MARGIN = 10.0  # points above chance a strategy may reach course-wide


def _first(q: Question) -> Any:
    """The first choice shown (an ordering as shown; matching: the first answer in every list)."""
    first = shown(q).authored  # authored indices (or True, False) in the order the page shows them
    if q.type == "ordering":
        return first
    if q.type == "matching":
        return [first[0]] * len(q.pairs)
    return [first[0]] if q.type == "multiple" else first[0]


def _longest(q: Question) -> Any:
    if q.type not in ("single", "multiple"):
        return _first(q)
    order = option_order(q)
    size = {i: len(plain(q.options[i].text)) for i in order}
    if q.type == "single":
        return max(order, key=lambda i: size[i])  # the first shown among equals
    mean = sum(size.values()) / len(size)
    return [i for i in order if size[i] >= mean]


def _false(q: Question) -> Any:
    return False if q.type == "truefalse" else _first(q)


def _no_absolutes(q: Question) -> Any:
    if q.type == "truefalse":
        return not absolute(q.prompt)
    if q.type not in ("single", "multiple"):
        return _first(q)
    plain_ones = [i for i in option_order(q) if not absolute(q.options[i].text)]
    if not plain_ones:
        return _first(q)
    return plain_ones[0] if q.type == "single" else plain_ones


def _all_but_last(q: Question) -> Any:
    if q.type != "multiple":
        return _first(q)
    return option_order(q)[:-1]


STRATEGIES: dict[str, Callable[[Question], Any]] = {
    "first": _first,
    "longest": _longest,
    "false": _false,
    "no-absolutes": _no_absolutes,
    "all-but-last": _all_but_last,
}


def chance(q: Question) -> float:
    """Expected score of a uniformly random answer (multiple: a random non-empty set of options)."""
    if q.type == "single":
        return 1 / len(q.options)
    if q.type == "truefalse":
        return 0.5
    if q.type == "multiple":
        n = len(q.options)
        right = {i for i, o in enumerate(q.options) if o.correct}
        sets = [set(c) for k in range(1, n + 1) for c in combinations(range(n), k)]
        return sum(multiple_score(right, n, s) for s in sets) / len(sets)
    if q.type in ("ordering", "matching"):  # each item/pair is right with probability 1/n
        return 1 / (len(q.items) if q.type == "ordering" else len(q.pairs))
    raise ValueError(q.type)


@dataclass
class Row:
    name: str  # the chapter quiz's page, or "course"
    questions: int
    chance: float  # percent
    pass_mark: float | None  # percent; None for the course-wide row
    scores: dict[str, float]  # strategy -> percent


def score(questions: list[Question]) -> tuple[float, dict[str, float]]:
    n = len(questions)
    base = 100 * sum(chance(q) for q in questions) / n
    return base, {name: 100 * sum(question_score(q, pick(q)) for q in questions) / n
                  for name, pick in STRATEGIES.items()}


def benchmark(banks: list[Bank]) -> list[Row]:
    rows = []
    for bank in sorted(banks, key=lambda b: b.page):
        if bank.kind == "chapter-quiz" and bank.graded():
            base, scores = score(bank.graded())
            rows.append(Row(bank.page, len(bank.graded()), base, 100 * bank.pass_mark, scores))
    everything = [q for b in banks for q in b.graded()]
    if everything:
        base, scores = score(everything)
        rows.append(Row("course", len(everything), base, None, scores))
    return rows


def goals(rows: list[Row]) -> list[tuple[bool, str]]:
    out = []
    for row in rows:
        if row.pass_mark is None:
            worst = max(row.scores, key=row.scores.get)
            gap = row.scores[worst] - row.chance
            out.append((gap <= COURSE_MARGIN, f"course-wide, every strategy within {COURSE_MARGIN:g} points of chance "
                        f"({row.chance:.0f}%): highest is '{worst}' at {row.scores[worst]:.0f}% (+{gap:.0f})"))
        else:
            # The pass rule itself: whole percents, rounded half up.
            above = [name for name, s in row.scores.items() if whole_percent(s / 100) >= whole_percent(row.pass_mark / 100)]
            text = f"{row.name}: every strategy below the pass mark ({row.pass_mark:.0f}%)"
            out.append((not above, text + (f"; at or above it: {', '.join(above)}" if above else "")))
    return out


def report(banks: list[Bank]) -> tuple[str, bool]:
    """The table and the goals as text, and whether every goal is met."""
    rows = benchmark(banks)
    if not rows:
        return "No graded questions to score.", True
    names = list(STRATEGIES)
    width = max(len(r.name) for r in rows)
    head = f"{'quiz':{width}}  {'n':>3}  {'chance':>6}  {'pass':>4}  " + "  ".join(f"{n:>12}" for n in names)
    lines = ["Blind strategies (percent scored without reading; options as displayed)", head]
    for r in rows:
        pass_text = f"{r.pass_mark:.0f}" if r.pass_mark is not None else "-"
        lines.append(f"{r.name:{width}}  {r.questions:3d}  {r.chance:6.0f}  {pass_text:>4}  "
                     + "  ".join(f"{r.scores[n]:12.0f}" for n in names))
    results = goals(rows)
    lines.append("Goals")
    lines += [f"  {'met   ' if ok else 'MISSED'} {text}" for ok, text in results]
    return "\n".join(lines), all(ok for ok, _ in results)
