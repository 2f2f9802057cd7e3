"""A Python-Markdown extension that renders a question bank where a page asks.

A block of its own,

    /// quiz | cycle/the-loop
    ///

becomes the widget for `quizzes/cycle/the-loop.yml` (the bank of page
`cycle/the-loop.md`), and

    /// practice | practice.md
    ///

the practice page's widget: every graded question of the course, hidden until
the reader's browser finds one they missed or skipped. The older one-line
markers `<!-- quiz: cycle/the-loop -->` and `<!-- practice: practice.md -->`
still work. Both are blocks, so an example of them inside code stays code
(quizkit/render/markers.py). Under the MkDocs plugin the page is known: a bare
`/// quiz` names the page's own bank, a bare `/// practice` the page itself, and a lesson with no marker gets its
widget before its `## Sources {#sources}` heading, or at the end.

    markdown_extensions:
      - quizkit.render.quiz_extension:
          quizzes_dir: quizzes
          docs_dir: docs

Nothing here imports MkDocs: any Python-Markdown pipeline (Zensical too) can
use it.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.serializers import to_xhtml_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from quizkit.bank.course import Course, bank_files, load_course
from quizkit.render.markers import LegacyMarkers, MarkerBlocks
from quizkit.pages import in_order, page_title
from quizkit.render.widget import Renderer
from quizkit.strings import strings
from quizkit.render.text import relative_href



class QuizError(Exception):
    """A bank could not be rendered; the message is file:line and what to do."""


class AutoPlace(Treeprocessor):
    """Under the plugin: a page with a bank and no marker gets the widget before its Sources heading."""

    def __init__(self, md: Markdown, ext: "QuizExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        if not self.ext.page or self.ext.placed or self.ext.course().bank_for(self.ext.page) is None:
            return
        at = len(root)
        for i, el in enumerate(root):
            if el.tag == "h2" and el.get("id") == "sources":
                at = i
                break
        holder = etree.Element("div")
        self.ext.place(holder, self.ext.page)
        for offset, el in enumerate(list(holder)):
            root.insert(at + offset, el)


class QuizExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "quizzes_dir": ["quizzes", "Folder of the YAML banks"],
            "docs_dir": ["docs", "Folder of the Markdown pages"],
            "language": ["en", "Language of the widget's words"],
        }
        self._course: Course | None = kwargs.pop("course", None)
        self._renderer: Renderer | None = kwargs.pop("renderer", None)
        self._html: dict[tuple[str, str], str] = {}  # (bank's page, page it is shown on) -> widget
        self.slots: dict[str, list[str]] = {}  # page -> the banks' pages whose slots it holds (deferred only)
        self.href = relative_href  # (from page, docs target) -> link; the MkDocs plugin gives MkDocs' own URLs
        self._practice: set[str] = set()  # pages that hold the practice widget
        self.page_order: list[str] = kwargs.pop("page_order", [])  # course order for the practice page (the nav)
        # With deferred set (by the MkDocs plugin), pages get an empty slot and the plugin fills it in
        # on_post_page: search then never parses the widget, nor indexes its answers.
        self.deferred: bool = kwargs.pop("deferred", False)
        # Set by the plugin for each page: its docs path. Plain Python-Markdown leaves it None.
        self.page: str | None = None
        # With collect set, problems wait in `problems` for the plugin; otherwise they raise QuizError.
        self.collect: bool = kwargs.pop("collect", False)
        self.problems: list[str] = []
        self.placed = False
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self._md = md
        # After raw HTML blocks are stashed (20): only a comment outside code is a marker.
        md.preprocessors.register(LegacyMarkers(md, ("quiz", "practice"), self._start_page), "quiz_legacy", 19)
        # After code blocks (80): a marker in an indented example stays code.
        md.parser.blockprocessors.register(
            MarkerBlocks(md.parser, {"quiz": self._block, "practice": self._practice_block}, self._report),
            "quiz_block", 75)
        # After attr_list (8) gives the Sources heading its id, before toc (5) lists the headings.
        md.treeprocessors.register(AutoPlace(md, self), "quiz_auto", 6)

    def _start_page(self) -> None:
        self.placed = False
        if self.page:
            self.slots[self.page] = []

    def _report(self, problem: str) -> None:
        where = f"docs/{self.page}: " if self.page else ""
        if not self.collect:
            raise QuizError(where + problem)
        self.problems.append(where + problem)

    def _block(self, parent: etree.Element, name: str | None) -> str | None:
        if not name:
            if not self.page:
                return "a '/// quiz' block must name its bank, like '/// quiz | cycle/the-loop' (the MkDocs plugin fills this in)"
            name = self.page
        page = (name[:-3] if name.endswith(".md") else name) + ".md"
        problem = self.missing(page)
        if problem:
            if self.deferred:  # where the plugin shows the bank's errors during `mkdocs serve`
                parent.append(self.slot_element(page))
            return problem
        self.place(parent, page)
        return None

    def _practice_block(self, parent: etree.Element, name: str | None) -> str | None:
        page = name or self.page
        if not page:
            return ("a '/// practice' block must name its page, like '/// practice | practice.md' "
                    "(the MkDocs plugin fills this in)")
        page = (page[:-3] if page.endswith(".md") else page) + ".md"
        self._practice.add(page)
        self._add_widget(parent, page)
        return None

    # -- rendering ---------------------------------------------------------
    def missing(self, page: str) -> str | None:
        """Why `page` has no widget to show, or None when its bank is there."""
        course = self.course()
        if course.bank_for(page) is not None:
            return None
        problems = [str(e) for e in course.errors if Path(e.file).with_suffix("").as_posix().endswith(page[:-3])]
        detail = "; ".join(problems) or f"create {Path(self.getConfig('quizzes_dir')).name}/{page[:-3]}.yml"
        return f"no valid bank for {page}: {detail}"

    def place(self, parent: etree.Element, page: str) -> None:
        """Append the widget for `page` (with a heading, for a lesson's check) to `parent`."""
        bank = self.course().bank_for(page)
        if bank.kind == "lesson":
            # Out of the search index: the questions go in after indexing, so the heading alone would be a hit that leads nowhere.
            heading = etree.SubElement(parent, "h2", {"id": "quiz", "data-search-exclude": ""})
            # Bank text is data: a plain-text heading, never Markdown or HTML (AtomicString: no inline patterns).
            heading.text = AtomicString(" ".join(str(bank.title or strings(self.getConfig("language"))["check_heading"]).split()))
        self._add_widget(parent, page)
        self.placed = self.placed or page == self.page or not self.page

    def _add_widget(self, parent: etree.Element, page: str) -> None:
        if self.deferred:
            parent.append(self.slot_element(page))
            if self.page:
                self.slots.setdefault(self.page, []).append(page)
        else:
            etree.SubElement(parent, "p").text = self._md.htmlStash.store(self.widget(page, self.page))

    def widget(self, page: str, on: str | None = None) -> str:
        """The rendered widget for `page`'s bank (or the practice widget) shown on page `on` (default: its own),
        rendered once per build: its links start from `on`."""
        on = on or page
        if (page, on) not in self._html:
            if page in self._practice:
                self._html[page, on] = self._render_practice(on)
            else:
                self._html[page, on] = self.renderer().render(self.course().bank_for(page), on)
        return self._html[page, on]

    def _render_practice(self, page: str) -> str:
        course = self.course()
        pages = in_order(course.banks, self.page_order)
        titles = {p: page_title(course.docs_dir, p) for p in pages}
        return self.renderer().render_practice([course.banks[p] for p in pages], page, titles)

    @staticmethod
    def slot_element(page: str) -> etree.Element:
        # An element, not raw HTML: a page with nothing stashed skips Python-Markdown's search of the whole
        # page for stash placeholders.
        return etree.Element("div", {"class": "qz-slot", "data-qz-slot": page})

    @staticmethod
    def slot(page: str) -> str:
        """The slot as it is in the built page (written by the same serializer)."""
        return to_xhtml_string(QuizExtension.slot_element(page))

    def use_course(self, course: Course) -> None:
        """The course every page of this build shows (the plugin loads and checks it once, before the pages)."""
        self._course = course

    def has_widget(self, page: str) -> bool:
        """Whether `page` has a widget to show: its bank, or the practice widget."""
        return page in self._practice or self.course().bank_for(page) is not None

    def course(self) -> Course:
        if self._course is None:
            self._course = _cached_course(Path(self.getConfig("docs_dir")), Path(self.getConfig("quizzes_dir")))
        return self._course

    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.getConfig("language"), href=self.href)
        return self._renderer

    def reset(self) -> None:
        self.placed = False


_CACHE: dict[tuple, Course] = {}


def _cached_course(docs_dir: Path, quizzes_dir: Path) -> Course:
    """Tools other than our plugin build a fresh extension per page: load the course once per change."""
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in bank_files(quizzes_dir))
    key = (docs_dir.resolve(), quizzes_dir.resolve(), stamp)
    if key not in _CACHE:
        _CACHE.clear()
        course = load_course(docs_dir, quizzes_dir)
        if course.errors:
            raise QuizError("\n".join(map(str, course.errors)))
        _CACHE[key] = course
    return _CACHE[key]


def makeExtension(**kwargs) -> QuizExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return QuizExtension(**kwargs)
