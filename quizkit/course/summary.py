""""My summary": what the browser needs to build a printable summary from the reader's own saved answers.

The page (`/// summary`) ships, in its data-aa-data attribute, every reflection
prompt in course order with the section it belongs to, the cycle's step names,
and the names and descriptions of the self-assessment's areas and the "How do
we dance?" results. quizkit/assets/summary.js reads the reader's answers from
the store and builds the sheet in the page: nothing is sent anywhere.

Sections (the reader picks which to include):
  lean         the latest self-assessment result
  need         reflections on the pages the plugin's `summary_sections` lists under `need`
  cycle        the cycle's steps, the "How do we dance?" result, and the reflections on the pages listed under `cycle`
  reflections  every other reflection
"""
from __future__ import annotations

from quizkit.course.assessment import Assessment, Cycle
from quizkit.bank.course import Course
from quizkit.course.course_map import NavSection
from quizkit.pages import in_order, page_title
from quizkit.render.text import MarkdownText, relative_href

SECTIONS = ("lean", "need", "cycle", "reflections")


def section_for(page: str, placed: dict[str, list[str]]) -> str:
    """The section `page`'s reflections go in: the first of `placed` (section -> pages or 'folder/') that names it."""
    for section, where in placed.items():
        if any(page == w or (w.endswith("/") and page.startswith(w)) for w in where):
            return section
    return "reflections"


def summary_data(course: Course, sections: list[NavSection], from_page: str, assessment: Assessment | None,
                 cycle: Cycle | None, strings: dict, href=relative_href, placed: dict | None = None) -> dict:
    """JSON-ready data for summary.js; pages in nav order, links relative to `from_page`; `placed`: summary_sections."""
    text = MarkdownText()
    reflections = []
    for page in in_order(course.banks, [page for section in sections for page, _ in section.pages]):
        for q in course.banks[page].leaves():
            if q.type != "reflection":
                continue
            reflections.append({
                "id": q.id, "section": section_for(page, placed or {}), "prompt": text.plain(q.prompt),
                "lesson": page_title(course.docs_dir, page), "href": href(from_page, page),
            })
    data: dict = {"reflections": reflections, "strings": strings, "steps": [], "regions": {}, "dance": {}}
    if cycle is not None:
        data["steps"] = [s.name for s in cycle.steps]
    if assessment is not None:
        # A position on two scales in "leans" words (as the self-assessment shows it); the region only picks the text.
        data["scales"] = assessment.scales()
        data["regions"] = {k: {"text": text.plain(r.text)} for k, r in assessment.regions.items()}
        data["dance"] = {k: {"name": r.name, "text": text.plain(r.text)} for k, r in assessment.dance_results.items()}
    return data
