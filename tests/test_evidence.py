"""Readers can tell research from clinical observation from our own framing (issue 12)."""
from __future__ import annotations

import re

from quizkit.bank.course import is_lesson

from .conftest import ROOT

LABEL = re.compile(r"\*(?:[^*]+)\*\{\s*\.ev\s+\.ev-(research|clinical|framing)\s*\}")
REFERENCE_LINK = re.compile(r"\]\((?:\.\./)+references\.md#[\w-]+\)")


def lessons():
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*.md")
                  if is_lesson(p.relative_to(docs).as_posix()) and p.name != "quiz.md")


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_every_lesson_marks_its_evidence():
    unlabeled = [p.relative_to(ROOT).as_posix() for p in lessons() if not LABEL.search(p.read_text(encoding="utf-8"))]
    assert len(lessons()) >= 20
    assert unlabeled == []


def test_every_research_label_names_its_source():
    missing = []
    for path in lessons():
        for para in paragraphs(path.read_text(encoding="utf-8")):
            if any(kind == "research" for kind in LABEL.findall(para)) and not REFERENCE_LINK.search(para):
                missing.append(f"{path.relative_to(ROOT)}: {para.strip()[:90]}…")
    assert missing == []


def test_sources_lists_link_the_references_page():
    """A lesson's Sources list points at entries that exist on the References page."""
    anchors = set(re.findall(r"\{#([\w-]+)\}", (ROOT / "docs" / "references.md").read_text(encoding="utf-8")))
    broken = []
    for path in lessons():
        for anchor in re.findall(r"references\.md#([\w-]+)", path.read_text(encoding="utf-8")):
            if anchor not in anchors:
                broken.append(f"{path.relative_to(ROOT)}: #{anchor}")
    assert broken == []
