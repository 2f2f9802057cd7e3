"""Check one bank against the JSON Schema and the rules a schema cannot say.

Every problem becomes a BankError pinned to a line and phrased as what to do,
so an author never has to read a jsonschema message or a traceback.
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any


import fastjsonschema

from quizkit.bank.compiled_schema import compiled_validator
from quizkit.resources import package_cache, schema
from quizkit.bank.model import Bank, Option, Pair, Question
from quizkit.bank.source import BankError, Located
from quizkit.bank.types import TYPES

if TYPE_CHECKING:  # jsonschema is imported only when a bank fails the fast check (it costs a build ~50 ms)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

BANK_SCHEMA = "bank.schema.json"  # in quizkit/schemas/ (package data)

# What to write when a key is missing: the second half of the message.
_MISSING_HINTS = {
    "questions": "add a 'questions:' list",
    "id": "give it a unique id such as 'chapter-lesson-topic'",
    "type": f"say which kind of question it is ({', '.join(TYPES)})",
    "prompt": "write the question the reader should answer",
    "explanation": "add an explanation that teaches the idea behind the answer",
    "options": "list the choices under 'options:'",
    "answer": "add 'answer: true' or 'answer: false'",
    "items": "list the steps in their correct order under 'items:'",
    "pairs": "list the matches under 'pairs:' as '{left: ..., right: ...}'",
    "story": "write the short story the questions are about",
    "text": "write the text the reader sees",
    "left": "write the item to match",
    "right": "write its match",
}
_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of keys", "boolean": "true or false", "number": "a number"}


@package_cache
def schema_validator(name: str) -> Draft202012Validator:
    """The full validator (every error, with its path) for quizkit/schemas/`name`."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def _validator() -> Draft202012Validator:
    return schema_validator(BANK_SCHEMA)


@package_cache
def _fast_validator():
    data = schema(BANK_SCHEMA)
    # The schema keeps to keywords draft-07 shares with 2020-12 (tests/test_validation.py
    # checks the two validators agree), which is what fastjsonschema compiles.
    data["$schema"] = "http://json-schema.org/draft-07/schema#"
    return compiled_validator(data, "bank")


def _fast_valid(data: Any) -> bool:
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def validate(doc: Located, page: str) -> tuple[Bank | None, list[BankError]]:
    """Validate a parsed bank; return the Bank (when usable) and all problems found."""
    if doc.data is None:
        return None, [doc.error((), "the file is empty; add a 'questions:' list")]
    # Most banks are valid: a compiled validator says so ~10x faster. Only a bank it rejects
    # goes through jsonschema, which finds every problem with its path for the messages.
    errors = [] if _fast_valid(doc.data) else [friendly(doc, e) for e in leaf_errors(_validator().iter_errors(doc.data))]
    if errors:
        return None, sorted_unique(errors)
    bank = _build_bank(doc, page)
    errors = list(_semantic_errors(doc, bank))
    return (None if errors else bank), errors


def leaf_errors(errors) -> list[ValidationError]:
    """Drop the wrapper errors ('allOf failed') so only the real causes remain."""
    out = []
    for error in errors:
        if error.context:
            out.extend(leaf_errors(error.context))
        elif error.validator not in ("allOf", "if"):
            out.append(error)
    return out


def sorted_unique(errors: list[BankError]) -> list[BankError]:
    seen, out = set(), []
    for e in sorted(errors, key=lambda e: (e.line or 0, e.message)):
        if str(e) not in seen:
            seen.add(str(e))
            out.append(e)
    return out


QUESTIONS = {"questions": "question"}  # what an entry of a bank's lists is called in its messages


def _where(doc: Located, path: tuple, entries: dict) -> str:
    """"question 'cycle-x': " for an error inside a list's entry (the innermost), '' elsewhere. `entries` names the
    entries of each list, by its key or by its whole path ({"items": "statement", ("dance", "items"): ...})."""
    found = ""
    for i in range(len(path) - 1):
        word = entries.get(tuple(path[: i + 1])) or entries.get(path[i])
        if word and isinstance(path[i + 1], int):
            node = _at(doc.data, path[: i + 2])
            ident = node.get("id") if isinstance(node, dict) and isinstance(node.get("id"), str) else f"#{path[i + 1] + 1}"
            found = f"{word} '{ident}': "
    return found


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def friendly(doc: Located, error: ValidationError, entries: dict = QUESTIONS) -> BankError:
    path = tuple(error.absolute_path)
    where = _where(doc, path, entries)
    key = path[-1] if path and isinstance(path[-1], str) else None
    kind = error.validator
    value = error.instance
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        name = missing[0]
        return doc.error(path, f"{where}'{name}' is missing; {_MISSING_HINTS.get(name, 'add it')}")
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed]
        name = extras[0]
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(allowed)}"
        return doc.error(path + (name,), f"{where}unknown key '{name}'; {hint}")
    if kind in ("const", "enum") and key == "type":
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return doc.error(path, f"{where}unknown question type '{value}'{hint}; use one of: {', '.join(allowed)}")
    if kind == "enum":
        return doc.error(path, f"{where}'{key}' must be one of: {', '.join(map(str, error.validator_value))}")
    if kind == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        want = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds if k != "null")
        label = f"'{key}'" if key else "this entry"
        if value is None:
            return doc.error(path, f"{where}{label} is empty; write {want}")
        if isinstance(value, bool) and error.validator_value == "string":
            return doc.error(path, f"{where}{label} must be {want}, but YAML read it as {str(value).lower()}; put the text in quotes")
        if error.validator_value == "boolean":
            return doc.error(path, f"{where}{label} must be true or false (unquoted), not '{value}'")
        if key is None and error.validator_value == "object" and len(path) == 0:
            return doc.error(path, "a bank must be a mapping with a 'questions:' list at the top level")
        return doc.error(path, f"{where}{label} must be {want}")
    if kind == "pattern" and key == "id":
        return doc.error(path, f"{where}id '{value}' must be lowercase letters, digits and single hyphens, like 'cycle-trigger-text'")
    if kind == "pattern" and key == "review":
        return doc.error(path, f"{where}'review' must be '#heading-id' or 'chapter/lesson.md#heading-id', not '{value}'")
    if kind == "minItems":
        return doc.error(path, f"{where}'{key}' has {len(value)} entr{'y' if len(value) == 1 else 'ies'}; it needs at least {error.validator_value}")
    if kind == "maxItems":
        return doc.error(path, f"{where}'{key}' has {len(value)} entries; keep it to {error.validator_value} at most")
    if kind == "minLength":
        return doc.error(path, f"{where}'{key}' is empty; write some text")
    if kind in ("minimum", "maximum"):
        return doc.error(path, f"{where}'{key}' must be between 0 and 1 (a share, like 0.7), not {value}")
    return doc.error(path, f"{where}{error.message}")


def _build_bank(doc: Located, page: str) -> Bank:
    data = doc.data
    return Bank(
        source=doc.file,
        page=page,
        kind=data.get("kind", "lesson"),
        title=data.get("title"),
        intro=data.get("intro"),
        pass_mark=float(data.get("pass_mark", 0.7)),
        questions=[_question(doc, q, ("questions", i)) for i, q in enumerate(data["questions"])],
    )


def _question(doc: Located, q: dict, path: tuple) -> Question:
    return Question(
        id=q["id"],
        type=q["type"],
        line=doc.line(path),
        prompt=q.get("prompt", ""),
        explanation=q.get("explanation"),
        review=q.get("review"),
        options=[Option(o["text"], bool(o.get("correct", False)), o.get("feedback"), doc.line(path + ("options", i)),
                        doc.line(path + ("options", i, "feedback")) if "feedback" in o else 0)
                 for i, o in enumerate(q.get("options", []))],
        answer=q.get("answer"),
        feedback_true=q.get("feedback_true"),
        feedback_false=q.get("feedback_false"),
        items=list(q.get("items", [])),
        pairs=[Pair(p["left"], p["right"], p.get("feedback"), doc.line(path + ("pairs", i)),
                    doc.line(path + ("pairs", i, "feedback")) if "feedback" in p else 0)
               for i, p in enumerate(q.get("pairs", []))],
        scale=list(q.get("scale", [])),
        hint=q.get("hint"),
        story=q.get("story"),
        questions=[_question(doc, s, path + ("questions", j)) for j, s in enumerate(q.get("questions", []))],
        keep_order=bool(q.get("keep_order", False)),
        nudge=q.get("nudge"),
        lint_ignore=dict(q.get("lint_ignore", {})),
        answer_line=doc.line(path + ("answer",)) if "answer" in q else 0,
        review_line=doc.line(path + ("review",)) if "review" in q else 0,
        feedback_lines={k: doc.line(path + (k,)) for k in ("feedback_true", "feedback_false") if k in q},
    )


def _semantic_errors(doc: Located, bank: Bank):
    """Rules across fields: correct answers, distinct texts, reviews in chapter quizzes."""
    for i, q in enumerate(bank.questions):
        path = ("questions", i)
        yield from _question_errors(doc, q, path, bank.kind)
        for j, sub in enumerate(q.questions):
            yield from _question_errors(doc, sub, path + ("questions", j), bank.kind)


def _question_errors(doc: Located, q: Question, path: tuple, kind: str):
    where = f"question '{q.id}': "
    if q.type in ("single", "multiple"):
        right = sum(o.correct for o in q.options)
        if right == 0:
            yield doc.error(path + ("options",), f"{where}no option is marked 'correct: true'; mark the right answer")
        elif q.type == "single" and right > 1:
            yield doc.error(path + ("options",), f"{where}{right} options are marked correct, but a single-choice question has exactly one; use 'type: multiple' for more")
        yield from _duplicates(doc, [o.text for o in q.options], path + ("options",), where, "option", "text")
    if q.type == "ordering":
        yield from _duplicates(doc, q.items, path + ("items",), where, "item", None)
    if q.type == "matching":
        yield from _duplicates(doc, [p.left for p in q.pairs], path + ("pairs",), where, "left item", "left")
        yield from _duplicates(doc, [p.right for p in q.pairs], path + ("pairs",), where, "right item", "right")
    if kind == "chapter-quiz" and q.graded and not q.review:
        yield doc.error(path, f"{where}chapter-quiz questions need 'review:' pointing at the lesson section that teaches this, like 'cycle/the-loop.md#loop'")


def _duplicates(doc: Located, texts: list[str], path: tuple, where: str, what: str, key: str | None):
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        norm = " ".join(text.split()).casefold()
        if norm in seen:
            at = path + ((i, key) if key else (i,))
            yield doc.error(at, f"{where}{what} {i + 1} repeats {what} {seen[norm] + 1} ('{text}'); each must be different")
        seen.setdefault(norm, i)
