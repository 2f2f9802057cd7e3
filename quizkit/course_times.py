"""How long each lesson and chapter takes: reading time from the words on the page, plus time for its check.

Computed at build time from the text itself, in whatever language the course
is written, so a translated course gets its own times. The teachers' page puts
the table in with a line `<!-- course-times -->`.

Assumptions (said on the teachers' page too):
- Reading: WORDS_PER_MINUTE. The International Reading Speed Texts study
  (Trauzettel-Klosinski & Dietz, 2012) measured young adults reading aloud in
  17 languages at 184 words a minute on average; we round down to 180 for
  every language, because these lessons ask readers to stop and think.
- The "Sources" section and anything after it are not counted: readers skim them.
- The check: SECONDS_PER_QUESTION for each question a reader answers (a
  scenario counts its sub-questions), more for a written reflection.
"""
from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .course import Course
from .course_map import NavSection, _front_matter, page_title
from .model import Bank

WORDS_PER_MINUTE = {"default": 180}
SECONDS_PER_QUESTION = {"reflection": 180, "likert": 20, "default": 45}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_STRIP = [
    re.compile(r"<!--.*?-->", re.S),  # comments and markers
    re.compile(r"^(`{3,}|~{3,}).*?^\1", re.S | re.M),  # fenced code
    re.compile(r"^///.*$", re.M),  # tool blocks
    re.compile(r"\]\([^)]*\)"),  # link targets (the link text stays)
    re.compile(r"\{[#.:][^}]*\}"),  # attribute lists
    re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\w+", re.M),  # admonition markers (their titles stay)
    re.compile(r"^\*\[[^\]]+\]:.*$", re.M),  # abbreviations
]
_SOURCES = re.compile(r"^##\s+(Sources|Sources et références|References)\b.*", re.M | re.S)


def words(markdown: str) -> int:
    """The words a reader reads on a page: no front matter, code, markup or Sources section."""
    body, _ = _front_matter(markdown)
    body = _SOURCES.sub("", body)
    for pattern in _STRIP:
        body = pattern.sub(" ", body)
    return len(_WORD.findall(body))


def reading_minutes(word_count: int, language: str = "en") -> float:
    wpm = WORDS_PER_MINUTE.get((language or "en").split("-")[0], WORDS_PER_MINUTE["default"])
    return word_count / wpm


def check_minutes(bank: Bank | None) -> float:
    if bank is None:
        return 0.0
    seconds = sum(SECONDS_PER_QUESTION.get(q.type, SECONDS_PER_QUESTION["default"]) for q in bank.leaves())
    return seconds / 60


@dataclass
class PageTime:
    page: str
    title: str
    href: str
    words: int
    reading: float  # minutes
    check: float  # minutes

    @property
    def total(self) -> int:
        """The sum of the two rounded columns, so the table adds up as a reader checks it."""
        return whole_minutes(self.reading) + (whole_minutes(self.check) if self.check else 0)


@dataclass
class ChapterTime:
    title: str
    pages: list[PageTime]

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pages)


def whole_minutes(minutes: float) -> int:
    """Rounded up, and never under one minute: nobody reads a page in zero."""
    return max(1, math.ceil(minutes - 1e-9))


def course_times(course: Course, sections: list[NavSection], docs_dir: Path, language: str, from_page: str) -> list[ChapterTime]:
    """Every chapter (a nav section with at least one bank) and its pages, in nav order."""
    chapters = []
    for section in sections:
        if not any(course.bank_for(page) for page, _ in section.pages):
            continue
        pages = []
        for page, nav_title in section.pages:
            text = (Path(docs_dir) / page).read_text(encoding="utf-8")
            count = words(text)
            bank = course.bank_for(page)
            # A Markdown link between source files: MkDocs checks it and turns it into the page's URL.
            href = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
            pages.append(PageTime(page, nav_title or page_title(docs_dir, page), href,
                                  count, reading_minutes(count, language), check_minutes(bank)))
        chapters.append(ChapterTime(section.title, pages))
    return chapters


def times_markdown(chapters: list[ChapterTime], t: dict[str, str]) -> str:
    """A Markdown table per chapter (page, reading, check, total) and the course's total."""
    out = []
    for chapter in chapters:
        out.append(f"**{chapter.title}** · {_fmt(t['times_chapter_total'], minutes=chapter.total)}\n")
        out.append(f"| {t['times_col_page']} | {t['times_col_reading']} | {t['times_col_check']} | {t['times_col_total']} |")
        out.append("|---|---|---|---|")
        for p in chapter.pages:
            check = _fmt(t["times_minutes"], minutes=whole_minutes(p.check)) if p.check else "–"
            out.append(f"| [{_cell(p.title)}]({p.href}) | {_fmt(t['times_minutes'], minutes=whole_minutes(p.reading))} "
                       f"| {check} | {_fmt(t['times_minutes'], minutes=p.total)} |")
        out.append("")
    total = sum(c.total for c in chapters)
    out.append(_fmt(t["times_course_total"], hours=total // 60, minutes=total % 60, total=total))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _fmt(template: str, **values) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)
