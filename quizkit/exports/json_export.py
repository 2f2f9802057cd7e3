"""JSON export. Shape (checked by quizkit/exports/export.schema.json):

    {"format": "quizkit-export", "version": 1, "language": "en",
     "questions": [{"id", "type", "chapter", "page", "prompt", "explanation",
                    "review"?, "nudge"?, "scenario"?, "story"?,
                    single/multiple: "options": [{"text", "correct", "feedback"?}],
                    truefalse: "answer", "feedback_true"?, "feedback_false"?,
                    ordering: "items" (in the right order),
                    matching: "pairs": [{"left", "right", "feedback"?}]}],
     "skipped": [{"id", "type", "reason"}]}

Text fields keep the bank's Markdown as written, so a consumer can render it its own way.
Feedback: an option's `feedback` (shown when it is chosen), `feedback_true`/`feedback_false`, a
matching pair's `feedback` (shown when its left item is matched wrong), the `explanation` (shown
after any answer) and the `nudge` (the site shows it after a first wrong try).
"""
from __future__ import annotations

import json
from pathlib import Path

from quizkit.bank.model import GRADED, Bank
from quizkit.exports import Selection, select

SCHEMA = Path(__file__).resolve().parent / "export.schema.json"
CAN = GRADED


def to_data(banks: list[Bank], language: str = "en") -> tuple[dict, Selection]:
    sel = select(banks, CAN, "JSON")
    questions = []
    for item in sel.items:
        q = item.question
        entry: dict = {"id": q.id, "type": q.type, "chapter": item.chapter, "page": item.bank.page,
                       "prompt": q.prompt, "explanation": q.explanation or ""}
        if q.review:
            entry["review"] = q.review
        if q.nudge:
            entry["nudge"] = q.nudge
        if item.scenario:
            entry["scenario"] = item.scenario
            entry["story"] = item.story or ""
        if q.type in ("single", "multiple"):
            entry["options"] = [
                {"text": o.text, "correct": o.correct, **({"feedback": o.feedback} if o.feedback else {})}
                for o in q.options
            ]
        elif q.type == "truefalse":
            entry["answer"] = bool(q.answer)
            for key in ("feedback_true", "feedback_false"):
                if getattr(q, key):
                    entry[key] = getattr(q, key)
        elif q.type == "ordering":
            entry["items"] = list(q.items)
        elif q.type == "matching":
            entry["pairs"] = [{"left": p.left, "right": p.right, **({"feedback": p.feedback} if p.feedback else {})}
                              for p in q.pairs]
        questions.append(entry)
    data = {
        "format": "quizkit-export",
        "version": 1,
        "language": language,
        "questions": questions,
        "skipped": [{"id": s.id, "type": s.type, "reason": s.reason} for s in sel.skipped],
    }
    return data, sel


def write(banks: list[Bank], out: Path, language: str = "en") -> Selection:
    data, sel = to_data(banks, language)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sel
