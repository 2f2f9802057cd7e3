"""The journey's HTML, and where it goes in a built page.

    <!-- journey: start -->        home: Start (Continue, once progress exists) and the course's length
    <!-- journey: finish -->       the course-complete page: finished or not, from saved progress
    <!-- journey: recap -->        every chapter with what it covers (its description)
    <!-- journey: reflections -->  the reader's own reflections, read back from this browser
    <!-- journey: assessment -->   the reader's latest "Where do I lean?" result

Every lesson, chapter quiz and chapter page gets, with nothing written by
authors: a line under its title (lesson N of M, chapter, reading time) and a
next-step card after its check; a chapter quiz also a chapter-complete panel
that assets/journey.js shows once the quiz is passed.

All of it is filled in after the search plugin indexed the page (on_post_page),
so none of it shows up in search results. A marker inside code is escaped by
Markdown (`&lt;!--`) and so is never replaced.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Callable


from quizkit.journey.path import Chapter, Journey, Step, duration
from quizkit.render.jinja import environment
from quizkit.render.splice import Edit
from quizkit.strings import fill, plural

MARKER = re.compile(r"<!--\s*journey:\s*(?P<name>start|finish|recap|reflections|practice|assessment)\s*-->")
_H1_END = re.compile(r"</h1>", re.I)

Rel = Callable[[str], str]  # a site-relative URL -> a link from the current page


class JourneyHtml:
    def __init__(self, journey: Journey, t: dict[str, str]):
        self.journey = journey
        self.t = t
        # Each page's card and "where you are" line, by page, and what its markers become (by page and
        # marker): made once a build.
        self.parts: dict[str, tuple[str, str] | None] = {}
        self.marks: dict[tuple[str, str], str] = {}

    @cached_property
    def macros(self):
        """The templates' macros, compiled on first use."""
        return environment("journey").get_template("journey.html").module

    # -- one page ---------------------------------------------------------------------
    def markers(self, output: str, src: str, rel: Rel) -> str:
        """The page `src` with its `<!-- journey: … -->` markers filled in (the plugin asks only for pages
        whose content has one)."""
        def fill(m: re.Match) -> str:
            key = (src, m.group("name"))
            if key not in self.marks:
                self.marks[key] = self._marker(m.group("name"), rel)
            return self.marks[key]
        return MARKER.sub(fill, output)

    def edits(self, output: str, src: str, rel: Rel, widget_end: int | None, article: int) -> list[Edit]:
        """The page's "where you are" line (after its title) and next-step card (after its check), as edits
        (quizkit/render/splice.py). `widget_end`: where the page's check ends in `output`, if it has one;
        `article`: where its <article> starts (-1: none)."""
        if src not in self.parts:
            step = self.journey.step(src)
            self.parts[src] = None if step is None else (self._after_check(step, rel),
                                                         str(self.macros.where(self._where(step))))
        parts = self.parts[src]
        if parts is None:
            return []
        after, where = parts
        edits = []
        title_end = _title_end(output, article)
        if title_end is not None:
            edits.append((title_end, title_end, where))
        if after:
            at = widget_end if widget_end is not None else _article_end(output)
            if at is not None:
                edits.append((at, at, after))
        return edits

    def _where(self, step: Step) -> list[str]:
        t, ch = self.t, step.chapter
        chapter = fill(t["jr_chapter_named"], n=ch.number, title=ch.title)
        if step.kind == "lesson":
            return [fill(t["jr_lesson_of"], n=step.number, total=len(ch.lessons)), chapter,
                    fill(t["jr_read_time"], time=duration(step.minutes, t))]
        if step.kind == "chapter-quiz":
            return [t["jr_chapter_quiz"], chapter, plural(t, "jr_questions", len(step.graded))]
        return [fill(t["jr_chapter_of"], n=ch.number, total=len(self.journey.chapters)),
                plural(t, "jr_lessons", len(ch.lessons)),
                fill(t["jr_reading_total"], time=duration(ch.minutes, t))]

    def _after_check(self, step: Step, rel: Rel) -> str:
        parts = []
        if step.kind == "chapter-quiz":
            parts.append(self._chapter_complete(step, rel))
        card = self._next_card(step, rel)
        if card:
            parts.append(card)
        return "".join(parts)

    def _next_card(self, step: Step, rel: Rel) -> str:
        t = self.t
        target = self.journey.next_after(step)
        if target is None:
            return ""
        if target == "finish":
            url, title = self.journey.finish
            return str(self.macros.next_card(t["jr_next"], rel(url), title, t["jr_next_finish"], "finish"))
        if isinstance(target, Chapter):
            entry = target.entry
            meta = " · ".join([plural(t, "jr_lessons", len(target.lessons)), fill(t["jr_reading_total"], time=duration(target.minutes, t))])
            title = fill(t["jr_chapter_named"], n=target.number, title=target.title)
            return str(self.macros.next_card(t["jr_next_chapter"], rel(entry.url), title, meta, "chapter"))
        if target.kind == "chapter-quiz":
            meta = plural(t, "jr_questions", len(target.graded))
            return str(self.macros.next_card(t["jr_next"], rel(target.url), target.title, meta, "quiz"))
        meta = " · ".join([fill(t["jr_lesson_of"], n=target.number, total=len(target.chapter.lessons)),
                           fill(t["jr_read_time"], time=duration(target.minutes, t))])
        if step.kind == "chapter":  # journey-pages.js makes it Continue or Review once the chapter is begun
            return str(self.macros.next_card(t["jr_start_chapter"], rel(target.url), target.title, meta, "lesson",
                                             chapter_start=step.chapter.number))
        return str(self.macros.next_card(t["jr_next"], rel(target.url), target.title, meta, "lesson"))

    def _chapter_complete(self, step: Step, rel: Rel) -> str:
        t, ch = self.t, step.chapter
        heading = fill(t["jr_chapter_done"], n=ch.number, title=ch.title)
        lessons = [{"href": rel(s.url), "title": s.title} for s in ch.lessons]
        said = fill(t["jr_chapter_done_say"], n=ch.number, title=ch.title)
        taught = t["jr_chapter_covered"]  # the lessons, by title (a chapter's description reads as an invitation)
        return str(self.macros.chapter_complete(heading, said, taught, lessons))

    # -- markers ------------------------------------------------------------------------
    def _marker(self, name: str, rel: Rel) -> str:
        t, j = self.t, self.journey
        if name == "start":
            first = j.first
            if first is None:
                return ""
            facts = " · ".join([plural(t, "jr_chapters", len(j.chapters)), plural(t, "jr_lessons", len(j.lessons)),
                                fill(t["jr_reading_total"], time=duration(j.minutes, t)), t["jr_free_private"]])
            return str(self.macros.start(rel(first.url), t["jr_start"], facts))
        if name == "finish":
            return str(self.macros.finish_status(t["jr_finish_nojs"]))
        if name == "recap":
            chapters = [{"href": rel(ch.entry.url), "title": fill(t["jr_chapter_named"], n=ch.number, title=ch.title),
                         "description": ch.description} for ch in j.chapters]
            return str(self.macros.recap(chapters))
        return str(self.macros.js_part(name, t[f"jr_{name}_nojs"]))



def _article_end(output: str) -> int | None:
    at = output.rfind("</article>")
    return at if at >= 0 else None


def _title_end(output: str, article: int) -> int | None:
    """Where the page's own <h1> (the first one inside <article>, which starts at `article`) ends."""
    if article < 0:
        return None
    m = _H1_END.search(output, article)
    return m.end() if m else None
