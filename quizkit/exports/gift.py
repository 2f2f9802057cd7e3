"""Moodle GIFT export.

Text is exported as plain text: Markdown markup is removed (bold, links and
lists become their words), so the file imports the same way in every Moodle
version. Every GIFT special character (~ = # { } :) and the backslash are
escaped with a backslash. Each question is titled with its id (::id::) and
filed under a category per chapter and lesson.

single:     {=right#feedback ~wrong#feedback ####explanation}
multiple:   {~%50%right#fb ~%50%right#fb ~%-100%wrong#fb ####explanation}
            (each right option weighs 100/number right; each wrong one -100/number wrong; Moodle
            keeps the total between 0 and 100 %: the course's rule, quizkit/bank/scoring.py)
truefalse:  {TRUE#feedback if wrong#feedback if right####explanation}
matching:   {=left -> right ... ####explanation left: pair feedback ...}
            (Moodle credits each pair: right pairs / pairs. GIFT has no feedback per pair, so each
            pair's feedback follows the explanation in the general feedback, after its left item.)
ordering has no GIFT form, so it is skipped with a notice (as are likert and reflection).
Feedback Moodle shows: an option's after it is chosen, the general feedback (####) after any answer.
"""
from __future__ import annotations

from pathlib import Path

from quizkit.bank.model import Bank
from quizkit.render.text import MarkdownText
from quizkit.exports import Item, Selection, plain_text, select

CAN = ("single", "multiple", "truefalse", "matching")
SPECIAL = "\\~=#{}:"


_ESCAPES = str.maketrans({c: "\\" + c for c in SPECIAL})


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


def weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Writer:
    def __init__(self) -> None:
        self.md = MarkdownText()

    def t(self, text: str | None) -> str:
        return escape(plain_text(self.md, text))

    def general(self, q) -> str:
        """The explanation, then (matching) each pair's feedback after its left item."""
        parts = [self.t(q.explanation)] if q.explanation else []
        parts += [f"{self.t(p.left)}\\: {self.t(p.feedback)}" for p in q.pairs if p.feedback]
        return f"\n\t####{' '.join(parts)}" if parts else ""

    def question(self, item: Item) -> str:
        q = item.question
        prompt = self.t(q.prompt)
        if item.story:
            prompt = f"{self.t(item.story)} {prompt}"
        head = f"// {q.id} ({q.type}) from {item.bank.source}\n::{escape(q.id)}::{prompt}" + "{"
        general = self.general(q)
        if q.type == "single":
            body = "".join(
                f"\n\t{'=' if o.correct else '~'}{self.t(o.text)}" + (f"#{self.t(o.feedback)}" if o.feedback else "")
                for o in q.options
            )
        elif q.type == "multiple":
            right = sum(o.correct for o in q.options)
            wrong = len(q.options) - right
            body = ""
            for o in q.options:
                share = 100 / right if o.correct else (-100 / wrong if wrong else 0)
                body += f"\n\t~%{weight(share)}%{self.t(o.text)}" + (f"#{self.t(o.feedback)}" if o.feedback else "")
        elif q.type == "truefalse":
            if_right = q.feedback_true if q.answer else q.feedback_false
            if_wrong = q.feedback_false if q.answer else q.feedback_true
            body = "TRUE" if q.answer else "FALSE"
            if if_wrong or if_right:
                body += f"#{self.t(if_wrong)}#{self.t(if_right)}"
        elif q.type == "matching":
            body = "".join(f"\n\t={self.t(p.left)} -> {self.t(p.right)}" for p in q.pairs)
        else:  # pragma: no cover - select() only passes CAN
            raise ValueError(q.type)
        return f"{head}{body}{general}\n" + "}\n"


def to_text(banks: list[Bank]) -> tuple[str, Selection]:
    sel = select(banks, CAN, "GIFT")
    writer = _Writer()
    out, category = [], None
    for item in sel.items:
        cat = "/".join(p for p in ("$course$", item.chapter, item.lesson) if p)
        if cat != category:
            out.append(f"$CATEGORY: {cat}\n")
            category = cat
        out.append(writer.question(item))
    return "\n".join(out), sel


def write(banks: list[Bank], out: Path) -> Selection:
    text, sel = to_text(banks)
    out.write_text(text, encoding="utf-8")
    return sel
