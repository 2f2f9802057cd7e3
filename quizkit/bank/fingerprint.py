"""Fingerprints of what makes a saved answer right, so edits that don't change that keep readers' answers.

A saved answer carries the fingerprint of its question: its type and its answer key (options and
which are correct, the true/false answer, the ordering's items, the pairs, a likert scale), in the
order the bank lists them. Not covered, so free to edit: the prompt, feedback, explanations, hints,
review links, the story, where the question sits in the file and any comment
lines. The order options are *shown* in does not matter either; only the
bank's own order does.

`legacy_fingerprint` is the hash the course used before (a hash of every
field, line number included). The page ships it beside the new one so the
browser can move answers saved under it (quiz.js `store.adopt`).
"""
from __future__ import annotations

import hashlib
import json

from quizkit.bank.model import Question


def fingerprint(q: Question) -> str:
    key: dict = {"type": q.type}
    if q.options:
        key["options"] = [[o.text, bool(o.correct)] for o in q.options]
    if q.answer is not None:
        key["answer"] = bool(q.answer)
    if q.items:
        key["items"] = list(q.items)
    if q.pairs:
        key["pairs"] = [[p.left, p.right] for p in q.pairs]
    if q.scale:
        key["scale"] = list(q.scale)
    return _hash(key)


def legacy_fingerprint(q: Question) -> str:
    """The first release's fingerprint: `dataclasses.asdict` of the question as it was then."""
    return _hash(_legacy_fields(q))


def _legacy_fields(q: Question) -> dict:
    # Exactly the fields Question, Option and Pair had then; later fields must not change it.
    return {
        "id": q.id, "type": q.type, "line": q.line, "prompt": q.prompt, "explanation": q.explanation,
        "review": q.review,
        "options": [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in q.options],
        "answer": q.answer, "feedback_true": q.feedback_true, "feedback_false": q.feedback_false,
        "items": list(q.items), "pairs": [{"left": p.left, "right": p.right} for p in q.pairs],
        "scale": list(q.scale), "hint": q.hint, "story": q.story,
        "questions": [_legacy_fields(s) for s in q.questions],
    }


def _hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:10]
