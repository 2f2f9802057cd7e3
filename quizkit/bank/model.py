"""The validated shape of a question bank, as the renderer and exporters see it."""
from __future__ import annotations

from dataclasses import dataclass, field

from quizkit.bank.types import GRADED


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None
    line: int = field(default=0, compare=False)  # where the option starts in its bank, for lint messages
    feedback_line: int = field(default=0, compare=False)  # line of its 'feedback:', for messages about it


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    feedback: str | None = None  # shown when the left item is matched wrong
    line: int = field(default=0, compare=False)  # where the pair starts in its bank, for lint messages
    feedback_line: int = field(default=0, compare=False)  # line of its 'feedback:', for messages about it


@dataclass
class Question:
    id: str
    type: str
    line: int
    prompt: str = ""
    explanation: str | None = None
    review: str | None = None  # as written: "#id" or "chapter/lesson.md#id"
    options: list[Option] = field(default_factory=list)
    answer: bool | None = None  # truefalse
    feedback_true: str | None = None
    feedback_false: str | None = None
    items: list[str] = field(default_factory=list)  # ordering, correct order
    pairs: list[Pair] = field(default_factory=list)
    scale: list[str] = field(default_factory=list)
    hint: str | None = None
    story: str | None = None  # scenario
    questions: list["Question"] = field(default_factory=list)  # scenario
    keep_order: bool = False  # single/multiple: show the options as written (see quizkit/bank/order.py)
    nudge: str | None = None  # graded: shown after a first wrong answer, instead of the answer
    lint_ignore: dict[str, str] = field(default_factory=dict)  # item-writing rule -> why it does not apply
    answer_line: int = 0  # truefalse: line of 'answer:', for lint messages
    review_line: int = 0  # line of 'review:', for its messages
    feedback_lines: dict[str, int] = field(default_factory=dict)  # 'feedback_true'/'feedback_false' -> its line

    @property
    def graded(self) -> bool:
        return self.type in GRADED

    def leaves(self) -> list["Question"]:
        """The answerable questions: a scenario's sub-questions, or itself."""
        return list(self.questions) if self.type == "scenario" else [self]


@dataclass
class Bank:
    source: str  # path as shown in messages, e.g. "quizzes/cycle/the-loop.yml"
    page: str  # the lesson it belongs to, relative to docs/: "cycle/the-loop.md"
    kind: str = "lesson"
    title: str | None = None
    intro: str | None = None
    pass_mark: float = 0.7
    questions: list[Question] = field(default_factory=list)

    @property
    def chapter(self) -> str:
        """The chapter's folder under docs/ ("cycle"), or "" for a page at the top level."""
        return self.page.split("/")[0] if "/" in self.page else ""

    def leaves(self) -> list[Question]:
        return [leaf for q in self.questions for leaf in q.leaves()]

    def every(self) -> list[Question]:
        """Every question: a scenario, then its sub-questions."""
        return [each for q in self.questions for each in (q, *q.questions)]

    def graded(self) -> list[Question]:
        return [q for q in self.leaves() if q.graded]
