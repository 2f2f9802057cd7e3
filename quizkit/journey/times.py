"""How long each lesson and chapter takes, for the teachers' page: reading time plus time for its check.

Reading time is the journey's (quizkit/journey/reading_time.py, the same minutes as a lesson's
"N min read" and the home page's total); this module adds only the time for the questions,
and lays both out as a table per chapter. The teachers' page puts it in with a line
`<!-- course-times -->`.

The check: SECONDS_PER_QUESTION for each question a reader answers (a scenario counts its
sub-questions), more for a written reflection. The pages are the journey's: each chapter's
lessons, then its quiz (a chapter's own index page is not on the clock, as on the home page).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from quizkit.bank.course import Course
from quizkit.journey.path import Journey, duration
from quizkit.bank.model import Bank
from quizkit.journey.reading_time import shown_minutes
from quizkit.pages import source_link
from quizkit.strings import fill

SECONDS_PER_QUESTION = {"reflection": 180, "likert": 20, "default": 45}


def check_minutes(bank: Bank | None) -> float:
    if bank is None:
        return 0.0
    seconds = sum(SECONDS_PER_QUESTION.get(q.type, SECONDS_PER_QUESTION["default"]) for q in bank.leaves())
    return seconds / 60


def whole_minutes(minutes: float) -> int:
    """Rounded up, and never under one minute: nobody answers a check in zero."""
    return max(1, math.ceil(minutes - 1e-9))


@dataclass
class PageTime:
    page: str
    title: str
    href: str
    reading: float  # minutes, from reading_time (0 for a chapter quiz: questions, not reading)
    check: float  # minutes

    @property
    def reading_shown(self) -> int:
        """What the lesson itself shows ("N min read"); 0 when there is nothing to read."""
        return shown_minutes(self.reading) if self.reading else 0

    @property
    def check_shown(self) -> int:
        return whole_minutes(self.check) if self.check else 0

    @property
    def total(self) -> int:
        """The sum of the two rounded columns, so the table adds up as a reader checks it."""
        return self.reading_shown + self.check_shown


@dataclass
class ChapterTime:
    title: str
    pages: list[PageTime]

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pages)


def course_times(journey: Journey, course: Course, from_page: str) -> list[ChapterTime]:
    """Every chapter on the journey and its steps (lessons, then the quiz), in course order."""
    chapters = []
    for chapter in journey.chapters:
        pages = []
        for step in chapter.lessons + ([chapter.quiz] if chapter.quiz else []):
            pages.append(PageTime(step.src, step.title, source_link(from_page, step.src), step.minutes,
                                  check_minutes(course.bank_for(step.src))))
        chapters.append(ChapterTime(chapter.title, pages))
    return chapters


def times_markdown(chapters: list[ChapterTime], journey: Journey, t: dict[str, str]) -> str:
    """A Markdown table per chapter (page, reading, check, total) and the course's total, told apart from reading alone."""
    out = []
    for chapter in chapters:
        out.append(f"**{chapter.title}** · {fill(t['times_chapter_total'], minutes=chapter.total)}\n")
        out.append(f"| {t['times_col_page']} | {t['times_col_reading']} | {t['times_col_check']} | {t['times_col_total']} |")
        out.append("|---|---|---|---|")
        for p in chapter.pages:
            reading = fill(t["times_minutes"], minutes=p.reading_shown) if p.reading_shown else "–"
            check = fill(t["times_minutes"], minutes=p.check_shown) if p.check_shown else "–"
            out.append(f"| [{_cell(p.title)}]({p.href}) | {reading} | {check} | {fill(t['times_minutes'], minutes=p.total)} |")
        out.append("")
    total = sum(c.total for c in chapters)
    out.append(fill(t["times_course_total"], hours=total // 60, minutes=total % 60, total=total,
                    reading=duration(journey.minutes, t)))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")

