"""The self-assessment ("Where do I lean?") and the explorable cycle: load, check, score.

Both live in YAML under `quizzes/_tools/` and are checked like banks: a JSON
Schema first, then rules a schema cannot say, every problem a BankError with
`file:line: what to fix`.

Scoring rule (the browser's assessment.js implements the same rule and reads
the midpoint from the rendered data, so there is one source):

* every answer is 1..7 (strongly disagree .. strongly agree);
* a reverse-keyed statement counts as ``8 - answer``;
* each dimension's score is the plain mean of its statements;
* a mean is *high* only when it is strictly ABOVE the midpoint (4). Exactly 4
  counts as low: a reader who answers "neither agree nor disagree" throughout
  is not told they lean anywhere. So 4.0 / 4.0 is "Mostly secure", and
  4.0625 anxiety / 4.0 avoidance is "Leaning anxious".
* every statement must be answered before there is a result.

What the browser stores per result is described in assessment.js.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from quizkit.bank.source import BankError, Located, load
from quizkit.bank.validate import friendly, leaf_errors, schema_validator, sorted_unique

DIMENSIONS = ("anxiety", "avoidance")
REGIONS = ("secure", "anxious", "avoidant", "both")
POINTS = 7
# What an entry of each list in the tools' files is called in messages ("statement 'sa-anx-worth': ...").
ENTRIES = {"items": "statement", ("dance", "items"): "dance statement", "steps": "step", "people": "person"}


# ----------------------------------------------------------------- model
@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    text: str
    reverse: bool = False
    line: int = 0


@dataclass(frozen=True)
class Outcome:
    """A region of the quadrant, or a "How do we dance?" result."""

    key: str
    name: str
    text: str
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class DanceItem:
    id: str
    text: str
    options: tuple[tuple[str, str], ...]  # (text, lean)


@dataclass
class Assessment:
    source: str
    title: str
    midpoint: float
    scale: list[str]
    dimensions: dict[str, dict[str, str]]
    items: list[Item]
    regions: dict[str, Outcome]
    dance_title: str | None = None
    dance_intro: str | None = None
    dance_items: list[DanceItem] = field(default_factory=list)
    dance_results: dict[str, Outcome] = field(default_factory=dict)

    def lesson_pages(self) -> list[tuple[tuple, str]]:
        """(yaml path, page) of every lesson link, for checking against docs/."""
        out = []
        for key, outcome in self.regions.items():
            out += [(("regions", key, "lessons", i), page) for i, page in enumerate(outcome.lessons)]
        for key, outcome in self.dance_results.items():
            out += [(("dance", "results", key, "lessons", i), page) for i, page in enumerate(outcome.lessons)]
        return out

    def scales(self) -> dict:
        """A result as the tool tells it: a position on two scales in "leans" words, no box label."""
        return {"midpoint": self.midpoint, "points": len(self.scale),
                "dims": {k: {"label": v["label"], "low": v["low"], "high": v["high"]} for k, v in self.dimensions.items()}}


@dataclass(frozen=True)
class Result:
    anxiety: float
    avoidance: float
    region: str


class IncompleteAnswers(ValueError):
    """Some statements have no answer; `missing` lists their ids in page order."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        count = f"{len(missing)} statement{'' if len(missing) == 1 else 's'}"
        super().__init__(f"{count} not answered: {', '.join(missing)}")


# --------------------------------------------------------------- scoring
def item_score(item: Item, answer: int) -> int:
    """The points one answer adds to its dimension: reverse-keyed answers count as 8 - x."""
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= POINTS:
        raise ValueError(f"answer to '{item.id}' must be a whole number from 1 to {POINTS}, not {answer!r}")
    return (POINTS + 1 - answer) if item.reverse else answer


def missing_items(items: list, answers: dict[str, int]) -> list[str]:
    """The ids of the statements (or dance items) in `items` that have no answer, in page order."""
    return [item.id for item in items if answers.get(item.id) is None]


def means(items: list[Item], answers: dict[str, int]) -> dict[str, float]:
    """The mean of each dimension. Raises IncompleteAnswers when any statement is unanswered."""
    missing = missing_items(items, answers)
    if missing:
        raise IncompleteAnswers(missing)
    out = {}
    for dim in DIMENSIONS:
        scores = [item_score(item, answers[item.id]) for item in items if item.dimension == dim]
        if not scores:
            raise ValueError(f"no statements for the '{dim}' dimension")
        out[dim] = sum(scores) / len(scores)
    return out


def is_high(mean: float, midpoint: float = 4) -> bool:
    """Strictly above the midpoint; exactly the midpoint counts as low."""
    return mean > midpoint


def region_for(anxiety: float, avoidance: float, midpoint: float = 4) -> str:
    high_anx, high_avo = is_high(anxiety, midpoint), is_high(avoidance, midpoint)
    if high_anx and high_avo:
        return "both"
    if high_anx:
        return "anxious"
    if high_avo:
        return "avoidant"
    return "secure"


def score(assessment: Assessment, answers: dict[str, int]) -> Result:
    m = means(assessment.items, answers)
    return Result(m["anxiety"], m["avoidance"], region_for(m["anxiety"], m["avoidance"], assessment.midpoint))


def statement_set(items: list[Item]) -> str:
    """A short fingerprint of what a score means: the statements' ids, dimensions and keying, in order.

    Rewording a statement keeps it; adding, removing or re-keying one changes it.
    """
    shape = [[item.id, item.dimension, item.reverse] for item in items]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:12]


# ------------------------------------------------------ loading and checks
def validate_with_schema(doc: Located, schema: str, what: str) -> list[BankError]:
    """`doc` against quizkit/schemas/`schema`, as friendly file:line messages; `what` names an empty file's content."""
    if doc.data is None:
        return [doc.error((), f"the file is empty; write the {what} here")]
    errors = [friendly(doc, e, ENTRIES) for e in leaf_errors(schema_validator(schema).iter_errors(doc.data))]
    return sorted_unique(errors)


def _outcome(key: str, data: dict) -> Outcome:
    return Outcome(key, data["name"], data["text"], tuple(data["lessons"]))


def validate_assessment(doc: Located, pages: set[str] | None = None) -> tuple[Assessment | None, list[BankError]]:
    """Check a parsed self-assessment; `pages` (docs-relative) lets lesson links be checked too."""
    errors = validate_with_schema(doc, "self-assessment.schema.json", "self-assessment ('items:', 'regions:' ...)")
    if errors:
        return None, errors
    data = doc.data
    items = [
        Item(d["id"], d["dimension"], d["text"], bool(d.get("reverse", False)), doc.line(("items", i)))
        for i, d in enumerate(data["items"])
    ]
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            errors.append(doc.error(("items", i, "id"), f"statement id '{item.id}' is already used on line {seen[item.id]}; ids must be unique"))
        seen.setdefault(item.id, item.line)
    counts = {dim: [it for it in items if it.dimension == dim] for dim in DIMENSIONS}
    if len(counts["anxiety"]) != len(counts["avoidance"]):
        errors.append(doc.error(("items",), f"half the statements must be about each dimension: {len(counts['anxiety'])} anxiety, "
                                            f"{len(counts['avoidance'])} avoidance; make them equal"))
    for dim, group in counts.items():
        if group and not any(it.reverse for it in group):
            errors.append(doc.error(("items",), f"no '{dim}' statement is reverse-keyed; mark at least one with 'reverse: true'"))
        if group and all(it.reverse for it in group):
            errors.append(doc.error(("items",), f"every '{dim}' statement is reverse-keyed; most should not be"))
    middle = (len(data["scale"]) + 1) / 2
    if data["midpoint"] != middle:
        errors.append(doc.error(("midpoint",), f"'midpoint' must be the middle of the {len(data['scale'])}-point scale ({middle:g}), not {data['midpoint']}"))
    dance = data.get("dance") or {}
    dance_items = [
        DanceItem(d["id"], d["text"], tuple((o["text"], o["lean"]) for o in d["options"])) for d in dance.get("items", [])
    ]
    for i, d in enumerate(dance_items):
        if d.id in seen:
            errors.append(doc.error(("dance", "items", i, "id"), f"id '{d.id}' is already used on line {seen[d.id]}; ids must be unique"))
        seen.setdefault(d.id, doc.line(("dance", "items", i)))
        leans = {lean for _, lean in d.options}
        if not {"pursue", "withdraw"} <= leans:
            errors.append(doc.error(("dance", "items", i, "options"), f"'{d.id}' needs one option with 'lean: pursue' and one with 'lean: withdraw'"))
    assessment = Assessment(
        source=doc.file,
        title=data["title"],
        midpoint=data["midpoint"],
        scale=list(data["scale"]),
        dimensions={k: dict(v) for k, v in data["dimensions"].items()},
        items=items,
        regions={k: _outcome(k, data["regions"][k]) for k in REGIONS},
        dance_title=dance.get("title"),
        dance_intro=dance.get("intro"),
        dance_items=dance_items,
        dance_results={k: _outcome(k, v) for k, v in dance.get("results", {}).items()},
    )
    if pages is not None:
        for path, page in assessment.lesson_pages():
            if page not in pages:
                errors.append(doc.error(path, f"'{page}' is not a page in docs/; use a path like 'origins/anxious-roots.md'"))
    errors = sorted_unique(errors)
    return (None if errors else assessment), errors


def load_assessment(path: Path, display: str | None = None, pages: set[str] | None = None) -> Assessment:
    """Load and check the self-assessment; raise the first BankError (all are in `.errors`)."""
    doc = load(path, display)
    assessment, errors = validate_assessment(doc, pages)
    if errors:
        raise ToolErrors(errors)
    return assessment


# ------------------------------------------------------------------ cycle
@dataclass(frozen=True)
class Step:
    id: str
    name: str
    summary: str
    pursuing: dict
    withdrawing: dict


@dataclass
class Cycle:
    source: str
    title: str
    description: str
    steps: list[Step]


def validate_cycle(doc: Located) -> tuple[Cycle | None, list[BankError]]:
    errors = validate_with_schema(doc, "cycle.schema.json", "cycle ('title:', 'steps:' ...)")
    if errors:
        return None, errors
    data = doc.data
    seen: dict[str, int] = {}
    for i, step in enumerate(data["steps"]):
        if step["id"] in seen:
            errors.append(doc.error(("steps", i, "id"), f"step id '{step['id']}' is already used on line {seen[step['id']]}"))
        seen.setdefault(step["id"], doc.line(("steps", i)))
    if errors:
        return None, errors
    steps = [Step(s["id"], s["name"], s["summary"], dict(s["pursuing"]), dict(s["withdrawing"])) for s in data["steps"]]
    return Cycle(doc.file, data["title"], data["description"], steps), []


def load_cycle(path: Path, display: str | None = None) -> Cycle:
    cycle, errors = validate_cycle(load(path, display))
    if errors:
        raise ToolErrors(errors)
    return cycle


class ToolErrors(BankError):
    """Several problems in one tool file; str() lists them all, one per line."""

    def __init__(self, errors: list[BankError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.file, first.line, first.message)

    def __str__(self) -> str:
        return "\n".join(BankError.__str__(e) if type(e) is not ToolErrors else str(e) for e in self.errors)
