"""Exports of the graded questions for learning-management systems.

    python build_quizzes.py export --format qti|gift|json [--chapter CH] [--out DIR]

* qti:  a QTI 2.1 content package (zip): imsmanifest.xml, an assessmentTest per chapter and one
        assessmentItem per question, with its feedback (qti.py, qti_processing.py, qti_package.py).
* gift: Moodle's GIFT text format, one file, with option and general feedback.
* json: a plain JSON document (shape: quizkit/exports/export.schema.json).

Only graded questions travel. A scenario's sub-questions are exported one by
one, each carrying the story. What a format cannot express (likert and
reflection everywhere, ordering in GIFT) is skipped and listed, never dropped
silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from quizkit.bank.model import Bank, Question
from quizkit.pages import in_order, nav_pages
from quizkit.render.text import MarkdownText, plain_line

EXTENSIONS = {"qti": ".zip", "gift": ".gift.txt", "json": ".json"}


def in_course_order(banks: dict[str, Bank], nav) -> list[Bank]:
    """Banks in the order readers meet their pages (the nav), so a platform's tests, sections and
    categories follow the course: chapters in order, lessons in order, the chapter quiz last. Pages the
    nav leaves out (or no nav at all) follow, by file name."""
    return [banks[page] for page in in_order(banks, nav_pages(nav))]


@dataclass
class Item:
    """One exportable question: a graded question, or a scenario's sub-question with its story."""

    question: Question
    bank: Bank
    story: str | None = None
    scenario: str | None = None  # the scenario's id

    @property
    def chapter(self) -> str:
        return self.bank.chapter

    @property
    def lesson(self) -> str:
        return self.bank.page.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass
class Skipped:
    id: str
    type: str
    reason: str


@dataclass
class Selection:
    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def select(banks: list[Bank], can: tuple[str, ...], format_name: str) -> Selection:
    """The questions of `banks` whose type is in `can`; the rest listed as skipped."""
    out = Selection()
    for bank in banks:
        for q in bank.questions:
            pieces = [(sub, q.story, q.id) for sub in q.questions] if q.type == "scenario" else [(q, None, None)]
            for leaf, story, scenario in pieces:
                if leaf.type in can:
                    out.items.append(Item(leaf, bank, story, scenario))
                elif not leaf.graded:
                    out.skipped.append(Skipped(leaf.id, leaf.type, "not graded"))
                else:
                    out.skipped.append(Skipped(leaf.id, leaf.type, f"{format_name} has no {leaf.type} question"))
    return out


def notice(skipped: list[Skipped], format_name: str) -> str:
    """The stderr line naming every question left out, grouped by type."""
    if not skipped:
        return ""
    by_type: dict[str, list[str]] = {}
    for s in skipped:
        by_type.setdefault(f"{s.type} ({s.reason})", []).append(s.id)
    parts = "; ".join(f"{kind}: {', '.join(ids)}" for kind, ids in by_type.items())
    return f"export {format_name}: skipped {len(skipped)} question(s) this format cannot hold. {parts}"


_BLOCK_END = re.compile(r"</(p|li|blockquote|ul|ol)>|<br\s*/?>", re.I)


def plain_text(md: MarkdownText, text: str | None) -> str:
    """Bank Markdown as one line of plain text: markup removed, entities decoded, spaces collapsed."""
    if not text:
        return ""
    if plain_line(text) and text == text.strip():  # MarkdownText writes it as <p>text</p>: the words as they are
        return " ".join(text.split())
    html = _BLOCK_END.sub(" ", md.block(text))
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
