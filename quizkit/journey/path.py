"""The reader's path through the course, worked out at build time from the nav.

Chapters are the folders that hold lessons (as quizkit.bank.course defines them), in the
order the nav first lists them; in each, the lessons in nav order, then the
chapter quiz (the bank whose kind is 'chapter-quiz'). From that follow, with
nothing for authors to write: "Lesson N of M · Chapter K", each lesson's
reading time, chapter and course totals, and the next step after every page.

The browser gets the same path as one JSON file (`data()`): which questions
make each step done (its graded ones; in a lesson with none, every reflection
and rating: `answered_only`), so done marks, the Start/Continue button and the
chapter-complete moment agree with the progress page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from quizkit.bank.course import Course, is_lesson
from quizkit.bank.fingerprint import fingerprint, legacy_fingerprint
from quizkit.journey.reading_time import minutes as reading_minutes, shown_minutes
from quizkit.pages import front_matter, name_title, read_page, title_in, without_code
from quizkit.render.text import MarkdownText
from quizkit.strings import fill

# The page that closes the course carries this marker (see docs/finish.md).
FINISH_MARKER = re.compile(r"^[ \t]*<!--\s*journey:\s*finish\s*-->[ \t]*$", re.M)
# The self-assessment tool's page (quizkit/render/tools_extension.py), for links back to it.
ASSESSMENT_MARKER = re.compile(r"^[ \t]*(?:/{3,}[ \t]*self-assessment\b|<!--\s*self-assessment\b)", re.M)
# The practice page (its `/// practice` block), for the finish page's "practice" part.
PRACTICE_MARKER = re.compile(r"^[ \t]*/{3,}[ \t]*practice\b", re.M)


@dataclass
class Step:
    """One page on the path: a lesson, a chapter quiz, or a chapter's index page."""
    src: str  # docs-relative: "origins/the-pattern.md"
    url: str  # site-relative: "origins/the-pattern/"
    title: str
    kind: str  # "lesson", "chapter-quiz" or "chapter"
    chapter: "Chapter"
    number: int = 0  # lessons: 1-based within the chapter
    minutes: float = 0.0
    graded: list[tuple[str, str, str]] = field(default_factory=list)  # (id, fingerprint, earlier fingerprint)
    answered: list[tuple[str, str, str]] = field(default_factory=list)  # nothing graded: these, as `graded` (answered_only)
    pass_mark: float = 0.7


def answered_only(bank) -> list:
    """A bank with nothing graded (only reflections or ratings): its questions, each of which must be
    answered for its lesson to be done. With any graded question, done is those answered: []."""
    return [] if bank.graded() else [q for q in bank.leaves() if q.type != "scenario"]


@dataclass
class Chapter:
    number: int
    folder: str
    title: str
    description: str = ""
    index: Step | None = None
    lessons: list[Step] = field(default_factory=list)
    quiz: Step | None = None

    @property
    def steps(self) -> list[Step]:
        return self.lessons + ([self.quiz] if self.quiz else [])

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.lessons)

    @property
    def entry(self) -> Step | None:
        return self.index or (self.steps[0] if self.steps else None)


@dataclass
class Reflection:
    id: str
    hash: str
    was: str
    prompt: str
    step: Step


@dataclass
class Journey:
    chapters: list[Chapter]
    finish: tuple[str, str] | None = None  # (url, title) of the course-complete page
    assessment: str | None = None  # url of the self-assessment page
    practice: str | None = None  # url of the practice page
    reflections: list[Reflection] = field(default_factory=list)
    _by_src: dict[str, Step] = field(default_factory=dict)

    def step(self, src: str) -> Step | None:
        return self._by_src.get(src)

    @property
    def lessons(self) -> list[Step]:
        return [s for ch in self.chapters for s in ch.lessons]

    @property
    def minutes(self) -> float:
        return sum(ch.minutes for ch in self.chapters)

    @property
    def first(self) -> Step | None:
        steps = [s for ch in self.chapters for s in ch.steps]
        return steps[0] if steps else None

    def next_after(self, step: Step) -> Step | Chapter | str | None:
        """A lesson's next lesson, else its chapter quiz; after a quiz the next chapter; after the last, 'finish'."""
        chapter = step.chapter
        if step.kind == "chapter":
            return chapter.steps[0] if chapter.steps else None
        steps = chapter.steps
        at = steps.index(step)
        if at + 1 < len(steps):
            return steps[at + 1]
        later = [ch for ch in self.chapters if ch.number > chapter.number and ch.entry]
        if later:
            return later[0]
        return "finish" if self.finish else None

    def data(self, strings: dict[str, str], scales: dict | None) -> dict:
        """What the browser needs (journey.json): every step's questions, in course order, site-relative URLs."""
        steps = []
        for ch in self.chapters:
            for s in ch.steps:
                step = {"u": s.url, "t": s.title, "k": s.kind, "c": ch.number,
                        "q": [list(g) for g in s.graded], "p": s.pass_mark}
                if s.answered:
                    step["o"] = [list(g) for g in s.answered]  # journey.js: done when each is answered
                steps.append(step)
        return {
            "v": 1,
            "steps": steps,
            "chapters": [{"n": ch.number, "t": ch.title, "u": ch.index.url if ch.index else None,
                          "s": [s.url for s in ch.steps]} for ch in self.chapters],
            "finish": self.finish[0] if self.finish else None,
            "assessment": self.assessment,
            "practice": self.practice,
            "reflections": [{"id": r.id, "h": r.hash, "w": r.was, "p": r.prompt, "u": r.step.url, "t": r.step.title}
                            for r in self.reflections],
            "scales": scales,
            "strings": strings,
        }


def build(nav, course: Course, docs_dir: Path, exempt: tuple[str, ...], sections=None) -> Journey:
    """The path from an MkDocs Navigation (`nav.pages` in order) and the loaded course."""
    docs_dir = Path(docs_dir)
    section_titles = _section_titles(sections or [])
    chapters: dict[str, Chapter] = {}
    by_src: dict[str, Step] = {}
    finish = assessment = practice = None
    text = MarkdownText()
    reflections: list[Reflection] = []
    for page in nav.pages:
        src = page.file.src_uri
        url = page.file.url
        markdown = read_page(docs_dir / src)
        outside_code = without_code(markdown)
        if finish is None and FINISH_MARKER.search(outside_code):
            finish = (url, title_in(markdown, src))
        if assessment is None and ASSESSMENT_MARKER.search(outside_code):
            assessment = url
        if practice is None and PRACTICE_MARKER.search(outside_code):
            practice = url
        parts = PurePosixPath(src).parts
        if len(parts) < 2 or parts[0] in exempt:
            continue
        folder = _folder(src)
        chapter = chapters.get(folder)
        if chapter is None:
            chapter = chapters[folder] = Chapter(len(chapters) + 1, folder, section_titles.get(folder) or name_title(folder))
        bank = course.bank_for(src)
        if parts[-1] == "index.md":
            _, meta = front_matter(markdown)
            chapter.description = str(meta.get("description") or "")
            title = title_in(markdown, src)
            if chapter.title == name_title(folder):
                chapter.title = title
            step = Step(src, url, title, "chapter", chapter)
            chapter.index = step
        elif is_lesson(src, exempt):
            kind = bank.kind if bank and bank.kind == "chapter-quiz" else "lesson"
            step = Step(src, url, title_in(markdown, src), kind, chapter, minutes=reading_minutes(markdown))
            if bank:
                step.graded = [(q.id, fingerprint(q), legacy_fingerprint(q)) for q in bank.graded()]
                step.answered = [(q.id, fingerprint(q), legacy_fingerprint(q)) for q in answered_only(bank)]
                step.pass_mark = bank.pass_mark
                reflections += [Reflection(q.id, fingerprint(q), legacy_fingerprint(q), text.plain(q.prompt), step)
                                for q in bank.leaves() if q.type == "reflection"]
            if kind == "chapter-quiz":
                step.minutes = 0.0  # questions, not reading
                chapter.quiz = step
            else:
                chapter.lessons.append(step)
                step.number = len(chapter.lessons)
        else:
            continue
        by_src[src] = step
    ordered = [ch for ch in chapters.values() if ch.steps]
    for n, ch in enumerate(ordered, 1):
        ch.number = n
    return Journey(ordered, finish, assessment, practice, reflections, by_src)


def _section_titles(sections) -> dict[str, str]:
    """Folder -> nav section title, when a section holds one chapter folder's pages."""
    out: dict[str, str] = {}
    for section in sections:
        folders = {_folder(src) for src, _ in section.pages if len(PurePosixPath(src).parts) > 1}
        if section.title and len(folders) == 1:
            out.setdefault(folders.pop(), section.title)
    return out


def _folder(src: str) -> str:
    """A page's chapter: the folder that holds it ('cycle', or 'part-1/cycle' in a course nested in parts)."""
    return PurePosixPath(src).parent.as_posix()


def duration(value: float, t: dict[str, str]) -> str:
    """'about 2 h 35 min' style text in the page's language (rounded to 5 minutes above an hour)."""
    total = shown_minutes(value)
    if total < 60:
        return fill(t["jr_minutes"], m=total)
    total = 5 * round(total / 5)
    hours, mins = divmod(total, 60)
    if not mins:
        return fill(t["jr_hours"], h=hours)
    return fill(t["jr_hours_minutes"], h=hours, m=mins)

