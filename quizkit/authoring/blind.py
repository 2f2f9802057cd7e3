"""The chapter quizzes as a study's reviewer sees them: no keys, no feedback, no explanations.

    python build_quizzes.py blind [--chapter CH] [-o FILE]     write the items (Markdown)
    python build_quizzes.py blind --score ANSWERS.yml         score a reviewer's answers

Items are numbered per chapter ("cycle 3") and never named by id: an id can carry a hint
("...-myth"). Options are lettered in the order the page shows them (quizkit/bank/order.py, the
same functions the templates call). An answers file names letters, chapter by chapter:

    cycle:
      1: B          # single choice or true/false (A = True, B = False)
      2: [A, C]     # choose all that apply
      3: [C, A, B]  # ordering: the letters top to bottom; matching: the letter chosen for 1, 2, ...

Scores follow the course's one rule (quizkit/bank/scoring.py); a question left out scores 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from string import ascii_uppercase
from typing import Any

import yaml

from quizkit.bank.model import Bank, Question
from quizkit.bank.order import never_in_order, option_order
from quizkit.bank.scoring import QuizResult, question_score, quiz_result


@dataclass(frozen=True)
class Shown:
    """One graded question as the page shows it: its labels in display order, mapped to authored indices."""

    question: Question
    story: str | None
    choices: list[str]  # texts in display order
    authored: list[Any]  # authored index (or True/False) behind each letter


def shown(q: Question, story: str | None = None) -> Shown:
    if q.type == "truefalse":
        return Shown(q, story, ["True", "False"], [True, False])
    if q.type in ("single", "multiple"):
        order = option_order(q)
        return Shown(q, story, [q.options[i].text for i in order], order)
    if q.type == "ordering":
        order = never_in_order(q.id, len(q.items))
        return Shown(q, story, [q.items[i] for i in order], order)
    if q.type == "matching":
        order = never_in_order(q.id + "/right", len(q.pairs))
        return Shown(q, story, [q.pairs[i].right for i in order], order)
    raise ValueError(f"{q.type} questions are not graded")


def chapter_items(bank: Bank) -> list[Shown]:
    out = []
    for q in bank.questions:
        for leaf in q.leaves():
            if leaf.graded:
                out.append(shown(leaf, q.story if q.type == "scenario" else None))
    return out


HOW = {
    "single": "Choose one.",
    "truefalse": "True or false?",
    "multiple": "Choose all that apply.",
    "ordering": "Put these in order: give the letters, first to last.",
    "matching": "Match each numbered item to a letter.",
}


def write(banks: list[Bank]) -> str:
    lines = ["# Chapter quizzes, as a reader sees them", "",
             "Answer as `chapter: {number: letter}` in a YAML file: one letter for a single choice or true/false,",
             "a list of letters for \"choose all\", and for matching the letters chosen for 1, 2, ... in order.", ""]
    for bank in banks:
        lines += [f"## {bank.chapter}" + (f": {bank.title}" if bank.title else ""),
                  f"Pass mark: {round(bank.pass_mark * 100)}%", ""]
        if bank.intro:
            lines += [" ".join(bank.intro.split()), ""]
        story = None
        for n, item in enumerate(chapter_items(bank), 1):
            q = item.question
            if item.story and item.story != story:
                lines += [f"**Story.** {' '.join(item.story.split())}", ""]
            story = item.story
            lines.append(f"**{bank.chapter} {n}.** {' '.join(q.prompt.split())} *{HOW[q.type]}*")
            if q.type == "matching":
                lines += [f"{i}. {' '.join(p.left.split())}" for i, p in enumerate(q.pairs, 1)]
            lines += [f"- {ascii_uppercase[i]}. {' '.join(text.split())}" for i, text in enumerate(item.choices)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class AnswerError(ValueError):
    """An answer that names no shown option; the message says which."""


def response(item: Shown, answer: Any, where: str) -> Any:
    """A reviewer's letters as the response scoring.py takes (authored indices)."""
    letters = answer if isinstance(answer, list) else [answer]
    picked = []
    for letter in letters:
        i = ascii_uppercase.find(str(letter).strip().upper()) if len(str(letter).strip()) == 1 else -1
        if i < 0 or i >= len(item.choices):
            raise AnswerError(f"{where}: '{letter}' is not one of the letters A-{ascii_uppercase[len(item.choices) - 1]}")
        picked.append(item.authored[i])
    q = item.question
    if q.type in ("single", "truefalse"):
        if len(picked) != 1:
            raise AnswerError(f"{where}: give one letter")
        return picked[0]
    return picked


def score(banks: list[Bank], answers: dict) -> dict[str, QuizResult]:
    """Each chapter quiz's result for `answers` ({chapter: {number: letters}})."""
    results = {}
    for bank in banks:
        given = answers.get(bank.chapter) or {}
        scores: list[float | None] = []
        for n, item in enumerate(chapter_items(bank), 1):
            answer = given.get(n, given.get(str(n)))
            scores.append(None if answer is None else question_score(item.question, response(item, answer, f"{bank.chapter} {n}")))
        results[bank.chapter] = quiz_result(scores, bank.pass_mark)
    return results


def read_answers(path) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise AnswerError(f"{path}: expected chapter: {{number: letter}}")
    return data


def score_report(results: dict[str, QuizResult]) -> str:
    lines = []
    points = total = 0.0
    for name, r in results.items():
        points += r.points
        total += r.total
        lines.append(f"{name:12} {r.points:5.2f} of {r.total:2d}  {r.percent:3d}%  pass mark {r.pass_percent}%  "
                     f"{'passed' if r.passed else 'not passed'}"
                     + (f"  ({r.total - r.answered} unanswered)" if r.answered < r.total else ""))
    if total:
        lines.append(f"{'overall':12} {points:5.2f} of {int(total):2d}  {round(100 * points / total):3d}%")
    return "\n".join(lines)
