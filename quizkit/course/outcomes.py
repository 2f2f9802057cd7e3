"""Learning outcomes: quizzes/_outcomes/<chapter>.yml, one list per chapter.

Each entry says what a reader should be able to do, where the course teaches
it and which questions test it:

    - concept: 16
      id: trigger
      text: Spot the ordinary moments that can set the cycle off.
      taught_in: cycle/trigger-and-alarm.md#trigger
      tested_by: [cycle-trigger-text, cycle-quiz-missed-call]

Each outcome keeps the file and line of its entry, so checks can point authors at it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizkit.bank.source import load


@dataclass
class Outcome:
    concept: int
    id: str
    text: str
    taught_in: str
    tested_by: list[str] = field(default_factory=list)
    source: str = ""  # the file, as given (relative when the folder was)
    line: int = 0  # 1-based line of the entry's first key

    @property
    def chapter(self) -> str:
        return Path(self.source).stem


def load_outcomes(folder: Path | str) -> list[Outcome]:
    """Every outcome in `folder`/*.yml, in file-name order; FileNotFoundError for a missing folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no outcomes folder at {folder}")
    return [o for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")) for o in load_outcomes_file(path)]


def load_outcomes_file(path: Path, display: str | None = None) -> list[Outcome]:
    """One file's outcomes; BankError (file:line: message) when it is not a list of outcome mappings.
    `display` is how messages name the file."""
    doc = load(path, display or str(path))
    data = doc.data or []
    if not isinstance(data, list):
        raise doc.error((), "an outcomes file must be a list of outcomes")
    out: list[Outcome] = []
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise doc.error((i,), "each outcome must be a mapping with concept, id, text, taught_in, tested_by")
        missing = [k for k in ("concept", "id", "text") if k not in entry]
        if missing:
            raise doc.error((i,), f"outcome is missing '{missing[0]}'")
        tested = entry.get("tested_by") or []
        if isinstance(tested, str):
            tested = [tested]
        if not isinstance(tested, list) or not all(isinstance(t, str) for t in tested):
            raise doc.error((i, "tested_by"), "'tested_by' must be a list of question ids, like [cycle-loop-steps]")
        for key in ("id", "text", "taught_in"):
            if key in entry and not isinstance(entry[key], str):
                raise doc.error((i, key), f"'{key}' must be text")
        try:
            concept = int(entry["concept"])
        except (TypeError, ValueError):
            raise doc.error((i, "concept"), f"'concept' must be a number, not '{entry['concept']}'") from None
        out.append(Outcome(
            concept=concept,
            id=str(entry["id"]),
            text=str(entry["text"]),
            taught_in=str(entry.get("taught_in") or ""),
            tested_by=[str(t) for t in tested],
            source=display or str(path),
            line=doc.line((i,)),
        ))
    return out

