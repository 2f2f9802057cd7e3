"""A Python-Markdown extension for the course's tools: self-assessment, progress page, explorable cycle.

A block of its own (quizkit/render/markers.py; each closes with a line `///`) becomes
a tool, rendered with the Jinja2 templates in quizkit/templates/tools/ and
stashed as raw HTML:

    /// self-assessment             the statements, the result and its history
    /// self-assessment | dance     the optional "How do we dance?" reflection
    /// progress | course           chapters, lessons, checks and quizzes
    /// progress | assessment       self-assessment results, dated
    /// progress | data             export, import, delete
    /// cycle-diagram               the SVG cycle, stepped through with JS
    /// summary                     "My summary": a printable sheet from the reader's own answers
    /// safety-check                a few private yes/no questions; any yes leads to Get help first

The older one-line comments (`<!-- progress: course -->`) still work. Every
tool reads as plain HTML with JavaScript off; quizkit/assets/
{assessment,progress,cycle}.js enhance it. The data the scripts need travels in
a `data-aa-data` attribute on the tool's root element: Material's instant
navigation rebuilds every <script> in the content (dropping its type and
attributes), so data in a <script> element would not survive a click.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Callable

from jinja2 import Environment
from markdown import Markdown
from markdown.extensions import Extension

from quizkit.course.assessment import Assessment, Cycle, load_assessment, load_cycle, statement_set
from quizkit.bank.course import Course
from quizkit.course.course_map import build_course_map, sections_from_folders
from quizkit.pages import page_title
from quizkit.render.markers import LegacyMarkers, MarkerBlocks
from quizkit.render.jinja import environment
from quizkit.strings import fill, strings
from quizkit.course.summary import SECTIONS as SUMMARY_SECTIONS, summary_data
from quizkit.render.text import MarkdownText, relative_href

PARTS = {"self-assessment": ("main", "dance"), "progress": ("course", "assessment", "data"), "cycle-diagram": ("main",),
         "summary": ("main",), "safety-check": ("main",)}

# UI strings the browser scripts need, by tool (the rest are rendered into the HTML).
CLIENT_KEYS = {
    "self-assessment": (
        "sa_answered_one", "sa_answered_other", "sa_answered_unsaved_one", "sa_answered_unsaved_other", "sa_missing", "sa_missing_item", "sa_lean_middle", "sa_lean_little",
        "sa_lean_toward", "sa_point_label", "sa_history_none", "sa_saved", "sa_cleared", "sa_dance_missing",
        "sa_guidance_heading", "sa_lessons_heading", "sa_lessons_later", "sa_storage_off", "sa_col_number", "sa_col_date", "sa_earlier_set",
        "sa_last_result", "sa_last_result_link",
    ),
    "progress": (
        "pg_no_answers", "pg_check_status", "pg_check_done", "pg_reflect_status", "pg_reflect_done", "pg_quiz_passed", "pg_quiz_not_passed", "pg_quiz_partial",
        "pg_missed_heading", "pg_summary_checks_one", "pg_summary_checks_other", "pg_summary_quizzes_one",
        "pg_summary_quizzes_other", "pg_continue", "pg_start", "pg_all_done", "pg_no_assessment",
        "pg_assessment_row", "pg_export_done", "pg_import_bad_json", "pg_import_bad_format", "pg_import_newer",
        "pg_import_confirm", "pg_import_done", "pg_delete_done", "pg_nothing_stored", "pg_stored_summary", "pg_stored_key",
        "pg_import_confirm_tab", "pg_import_done_tab", "pg_kept_in_tab", "pg_nothing_kept", "pg_saved_before", "pg_hidden_saved",
        "pg_count_answers_one", "pg_count_answers_other", "pg_count_results_one", "pg_count_results_other",
        "pg_count_reflections_one", "pg_count_reflections_other",
        "pg_outdated", "pg_dance_row", "pg_import_yes", "pg_delete_confirm", "pg_delete_yes", "pg_take_assessment",
    ),
    "cycle-diagram": ("cy_step_of",),
    "safety-check": ("sc_said_yes", "sc_go", "sc_said_own", "sc_go_own", "sc_said_no"),
    "summary": (
        "sm_sheet_title", "sm_made", "sm_lean", "sm_need", "sm_cycle", "sm_reflections", "sm_nothing", "sm_write_it",
        "sm_lean_result", "sm_lean_says", "sm_lean_note", "sm_dance_result", "sm_steps", "sm_none_chosen", "sm_ready", "sm_keep_nothing",
        "sa_lean_middle", "sa_lean_little", "sa_lean_toward",  # the lean told as the self-assessment tells it
    ),
}


class ToolError(Exception):
    """A tool could not be rendered; the message says what to fix."""


class ToolsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "quizzes_dir": ["quizzes", "Folder of the YAML banks (tools live in its _tools/)"],
            "docs_dir": ["docs", "Folder of the Markdown pages"],
            "language": ["en", "Language of the tools' words"],
            # The course's own pages (the plugin passes its `tool_pages` and `help_links` settings):
            "pages": [{}, "Each tool's page, docs-relative ({'self-assessment': 'self-assessment.md'}): links between tools"],
            "help_links": [{}, "Where the safety check sends a reader who answers yes: {'help': page#anchor, 'own': page#anchor}"],
            "summary_sections": [{}, "My summary's sections by page: {'need': ['change/say-the-need.md'], 'cycle': ['cycle/']}"],
        }
        # Set by the MkDocs plugin: the course, the nav sections and the page being rendered.
        self.course_provider: Callable[[], Course | None] = kwargs.pop("course_provider", lambda: None)
        self.sections_provider: Callable[[], list | None] = kwargs.pop("sections_provider", lambda: None)
        self.href = relative_href  # (from page, docs target) -> link; the MkDocs plugin gives MkDocs' own URLs
        self.page: str | None = None
        # With collect set (by the plugin), problems wait in `problems`; otherwise they raise ToolError.
        self.collect: bool = kwargs.pop("collect", False)
        self.problems: list[str] = []
        self.assessment: Assessment | None = kwargs.pop("assessment", None)
        self.cycle: Cycle | None = kwargs.pop("cycle", None)
        super().__init__(**kwargs)
        self._env: Environment | None = None
        self._text = MarkdownText()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(LegacyMarkers(md, tuple(PARTS)), "quizkit_tools_legacy", 19)
        handlers = {tool: self._handler(md, tool) for tool in PARTS}
        md.parser.blockprocessors.register(MarkerBlocks(md.parser, handlers, self._report), "quizkit_tools_block", 74)

    def _handler(self, md: Markdown, tool: str):
        def add(parent: etree.Element, part: str | None) -> str | None:
            part = part or PARTS[tool][0]
            if part not in PARTS[tool]:
                return f"'/// {tool} | {part}': unknown part '{part}'; use one of: {', '.join(PARTS[tool])}"
            try:
                html = self.render(tool, part)
            except ToolError as exc:
                return str(exc)
            etree.SubElement(parent, "p").text = md.htmlStash.store(html)
            return None
        return add

    def _report(self, problem: str) -> None:
        where = f"docs/{self.page}: " if self.page else ""
        if not self.collect:
            raise ToolError(where + problem)
        self.problems.append(where + problem)

    # -- data ----------------------------------------------------------------
    def tools_dir(self) -> Path:
        return Path(self.getConfig("quizzes_dir")) / "_tools"

    def get_assessment(self) -> Assessment:
        if self.assessment is None:
            path = self.tools_dir() / "self-assessment.yml"
            if not path.exists():
                raise ToolError(f"the self-assessment needs {path}")
            self.assessment = load_assessment(path)
        return self.assessment

    def get_cycle(self) -> Cycle:
        if self.cycle is None:
            path = self.tools_dir() / "cycle.yml"
            if not path.exists():
                raise ToolError(f"the cycle diagram needs {path}")
            self.cycle = load_cycle(path)
        return self.cycle

    # -- rendering -------------------------------------------------------------
    def env(self) -> Environment:
        if self._env is None:
            self._env = environment("tools", self._text)
            self._env.filters["fmt"] = fill
            # For a data-aa-data="…" attribute: plain text, which autoescape turns into a safe attribute value.
            self._env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        return self._env

    def render(self, tool: str, part: str) -> str:
        page = self.page or self.getConfig("pages").get(tool) or f"{tool}.md"
        t = strings(self.getConfig("language"))
        client = {k: t[k] for k in CLIENT_KEYS[tool]}
        template = self.env().get_template(f"{tool}.html")
        if tool == "self-assessment":
            a = self.get_assessment()
            context = {"a": a, "data": self._assessment_data(a, page, client), "lessons": self._lessons(a, page),
                       "sc": self._safety_data(page, t), "sc_id": "sa-sc"}
        elif tool == "safety-check":
            context = {"sc": self._safety_data(page, t), "sc_id": "sc"}
        elif tool == "progress":
            context = {"data": self._progress_data(page, client, part)}
            if part == "course":
                context["chapters"] = context["data"]["chapters"]
        elif tool == "summary":
            context = {"data": self._summary_data(page, client), "sections": SUMMARY_SECTIONS}
        else:
            cycle = self.get_cycle()
            context = {"cycle": cycle, "data": {"count": len(cycle.steps), "names": [s.name for s in cycle.steps], "strings": client},
                       "layout": cycle_layout(len(cycle.steps))}
        return template.render(part=part, t=t, **context).strip()

    def _safety_data(self, page: str, t: dict) -> dict:
        links = self.getConfig("help_links")
        if not (links.get("help") and links.get("own")):
            raise ToolError("the safety check needs its two links: set the quizkit plugin's 'help_links: {help: page.md#anchor, "
                            "own: page.md#anchor}' in mkdocs.yml")
        return {"help": self.href(page, links["help"]), "own": self.href(page, links["own"]),
                "strings": {k: t[k] for k in CLIENT_KEYS["safety-check"]}}

    def _lessons(self, a: Assessment, page: str) -> dict[str, list[dict]]:
        docs = Path(self.getConfig("docs_dir"))
        out = {}
        for key, outcome in list(a.regions.items()) + [("dance-" + k, v) for k, v in a.dance_results.items()]:
            out[key] = [{"href": self.href(page, p), "title": page_title(docs, p)} for p in outcome.lessons]
        return out

    def _assessment_data(self, a: Assessment, page: str, client: dict) -> dict:
        lessons = self._lessons(a, page)
        return {
            "midpoint": a.midpoint,
            "points": len(a.scale),
            "set": statement_set(a.items),
            "items": [{"id": i.id, "dim": i.dimension, "rev": i.reverse} for i in a.items],
            # One name per scale, the same in the chart, the sentences and the history table.
            "dims": a.scales()["dims"],
            "regions": {k: {"name": r.name, "text": r.text, "lessons": lessons[k]} for k, r in a.regions.items()},
            "dance": {
                "items": [{"id": d.id, "leans": [lean for _, lean in d.options]} for d in a.dance_items],
                "results": {k: {"name": r.name, "text": r.text, "lessons": lessons["dance-" + k]} for k, r in a.dance_results.items()},
            },
            "strings": client,
        }

    def _progress_data(self, page: str, client: dict, part: str) -> dict:
        data: dict = {"strings": client}
        if part == "course":
            course = self.course_provider()
            if course is None:
                raise ToolError("the progress page needs the course: build with the quizkit MkDocs plugin")
            sections = self.sections_provider() or sections_from_folders(course)
            data.update(build_course_map(course, sections, page, self.href))
        elif part == "assessment":
            try:
                a = self.get_assessment()
                data["dims"] = {k: v["label"] for k, v in a.dimensions.items()}
                data["dance"] = {k: r.name for k, r in a.dance_results.items()}
            except ToolError:
                data["dims"], data["dance"] = {}, {}
            target = self.getConfig("pages").get("self-assessment")
            if not target:
                raise ToolError("the progress page links to the self-assessment: set the quizkit plugin's "
                                "'tool_pages: {self-assessment: page.md}' in mkdocs.yml")
            data["href"] = self.href(page, target)
        return data


    def _summary_data(self, page: str, client: dict) -> dict:
        course = self.course_provider()
        if course is None:
            raise ToolError("the summary page needs the course: build with the quizkit MkDocs plugin")
        sections = self.sections_provider() or sections_from_folders(course)
        optional = []
        for getter in (self.get_assessment, self.get_cycle):
            try:
                optional.append(getter())
            except ToolError:
                optional.append(None)
        return summary_data(course, sections, page, optional[0], optional[1], client, self.href,
                            self.getConfig("summary_sections"))


NODE_W, NODE_H = 124, 44  # the cycle's step boxes, in SVG units (the template draws them this size)


def cycle_layout(count: int) -> dict:
    """Geometry of the cycle diagram: the first step (the trigger) outside, the rest round a loop.

    Returns node centres and arrow paths: a straight arrow from the trigger
    into the loop, then circular arcs from each loop step to the next, each
    arc starting and ending just outside the boxes it joins.
    """
    import math

    cx, cy, r = 270, 170, 118
    loop = count - 1
    angles = [-math.pi / 2 + 2 * math.pi * i / loop for i in range(loop)]
    nodes = [{"x": 74, "y": 52}] + [{"x": round(cx + r * math.cos(a)), "y": round(cy + r * math.sin(a))} for a in angles]

    def outside(angle: float, node: dict) -> bool:
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        return abs(x - node["x"]) > NODE_W / 2 + 4 or abs(y - node["y"]) > NODE_H / 2 + 4

    def leave(i: int, direction: int) -> float:
        a = angles[i]
        while not outside(a, nodes[i + 1]):
            a += direction * 0.01
        return a

    arrows = []
    start, end = nodes[0], nodes[1]
    arrows.append(f"M{start['x'] + NODE_W // 2 + 2},{start['y']} L{end['x'] - NODE_W // 2 - 6},{end['y']}")
    for i in range(loop):
        j = (i + 1) % loop
        a1 = leave(i, +1)
        a2 = leave(j, -1)
        x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
        x2, y2 = cx + r * math.cos(a2), cy + r * math.sin(a2)
        arrows.append(f"M{x1:.1f},{y1:.1f} A{r},{r} 0 0 1 {x2:.1f},{y2:.1f}")
    return {"nodes": nodes, "arrows": arrows, "center": {"x": cx, "y": cy}, "w": NODE_W, "h": NODE_H,
            "width": cx + r + NODE_W // 2 + 12, "height": cy + r + NODE_H // 2 + 12}


def makeExtension(**kwargs) -> ToolsExtension:  # noqa: N802
    return ToolsExtension(**kwargs)
