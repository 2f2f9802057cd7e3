"""A Python-Markdown extension that renders a question bank where a page asks.

A line on its own, `<!-- quiz: cycle/the-loop -->`, becomes the widget for
`quizzes/cycle/the-loop.yml` (the bank of page `cycle/the-loop.md`). The
MkDocs hook (build_quizzes.py) adds that line to every lesson automatically;
any tool that runs Python-Markdown with this extension (Zensical included)
renders pages that carry it themselves.

    markdown_extensions:
      - quizkit.extension:
          quizzes_dir: quizzes
          docs_dir: docs
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .course import Course, bank_files, load_course
from .render import Renderer

MARKER = re.compile(r"^\s*<!--\s*quiz(?::\s*(?P<bank>[\w./-]+?))?\s*-->\s*$")
# The practice page: `<!-- practice: page.md -->` (the MkDocs hook names the page of a bare `<!-- practice -->`).
PRACTICE = re.compile(r"^\s*<!--\s*practice(?::\s*(?P<page>[\w./-]+?))?\s*-->\s*$")


class QuizError(Exception):
    """A bank could not be rendered; the message is file:line and what to do."""


class QuizPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ext: "QuizExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            practice = PRACTICE.match(line)
            if practice:
                if not practice.group("page"):
                    raise QuizError("a '<!-- practice -->' marker must name its page, like '<!-- practice: practice.md -->' (the MkDocs hook fills this in)")
                out.extend(self.ext.practice_for(practice.group("page"), self.md))
                continue
            match = MARKER.match(line)
            if not match:
                out.append(line)
                continue
            name = match.group("bank")
            if not name:
                raise QuizError("a '<!-- quiz -->' marker must name its bank, like '<!-- quiz: cycle/the-loop -->' (the MkDocs hook fills this in)")
            out.extend(self.ext.markdown_for(name, self.md))
        return out


class QuizExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "quizzes_dir": ["quizzes", "Folder of the YAML banks"],
            "docs_dir": ["docs", "Folder of the Markdown pages"],
            "language": ["en", "Language of the widget's words"],
        }
        self._course: Course | None = kwargs.pop("course", None)
        self._renderer: Renderer | None = kwargs.pop("renderer", None)
        self._html: dict[str, str] = {}
        self._practice: set[str] = set()  # pages that hold the practice widget
        self.page_order: list[str] = kwargs.pop("page_order", [])  # course order for the practice page (the nav)
        # With deferred set (by the MkDocs hook), pages get an empty slot and the hook fills it in
        # on_post_page: search then never parses the widget, nor indexes its answers.
        self.deferred: bool = kwargs.pop("deferred", False)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before raw HTML blocks are stashed (20).
        md.preprocessors.register(QuizPreprocessor(md, self), "quiz", 25)

    # -- rendering ---------------------------------------------------------
    def markdown_for(self, name: str, md: Markdown) -> list[str]:
        """The Markdown lines that stand in for a marker: a heading and the stashed widget."""
        page = name[:-3] if name.endswith(".md") else name
        page += ".md"
        course = self.course()
        bank = course.bank_for(page)
        if bank is None:
            problems = [str(e) for e in course.errors if Path(e.file).with_suffix("").as_posix().endswith(page[:-3])]
            detail = "; ".join(problems) or f"create {self.getConfig('quizzes_dir')}/{page[:-3]}.yml"
            raise QuizError(f"no valid bank for {page}: {detail}")
        placeholder = md.htmlStash.store(self.slot(page) if self.deferred else self.widget(page))
        lines = [""]
        if bank.kind == "lesson":
            title = bank.title or self.renderer().strings["check_heading"]
            # Bank text is data: this heading goes into the page's own Markdown, which passes
            # raw HTML through, so escape it (and keep it on one line).
            title = html.escape(" ".join(str(title).split()), quote=False)
            lines += [f"## {title} {{#quiz}}", ""]
        return lines + [placeholder, ""]

    def practice_for(self, page: str, md: Markdown) -> list[str]:
        """The Markdown lines for the practice widget on `page`."""
        self._practice.add(page)
        return ["", md.htmlStash.store(self.slot(page) if self.deferred else self.widget(page)), ""]

    def widget(self, page: str) -> str:
        """The rendered widget for `page`'s bank (or the practice widget), rendered once per build."""
        if page not in self._html:
            if page in self._practice:
                self._html[page] = self._render_practice(page)
            else:
                self._html[page] = self.renderer().render(self.course().bank_for(page))
        return self._html[page]

    def _render_practice(self, page: str) -> str:
        course = self.course()
        order = {p: i for i, p in enumerate(self.page_order)}
        pages = sorted(course.banks, key=lambda p: (order.get(p, len(order)), p))
        titles = {p: _title(Path(course.docs_dir) / p) for p in pages}
        return self.renderer().render_practice([course.banks[p] for p in pages], page, titles)

    @staticmethod
    def slot(page: str) -> str:
        return f'<div class="qz-slot" data-qz-slot="{page}"></div>'

    def course(self) -> Course:
        if self._course is None:
            self._course = _cached_course(Path(self.getConfig("docs_dir")), Path(self.getConfig("quizzes_dir")))
        return self._course

    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.getConfig("language"))
        return self._renderer


_CACHE: dict[tuple, Course] = {}


def _cached_course(docs_dir: Path, quizzes_dir: Path) -> Course:
    """Tools other than our hook build a fresh extension per page: load the course once per change."""
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


_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*(?P<title>.+?)\s*\n(?:.*\n)*?---\s*\n")
_H1 = re.compile(r"^#\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.M)


def _title(path: Path) -> str:
    """A page's title: front matter 'title', else its first '# ' heading, else its file name (no MkDocs needed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    match = _FRONT_TITLE.match(text) or _H1.search(text)
    return match.group("title").strip("'\"") if match else path.stem.replace("-", " ").capitalize()
