"""MkDocs event handlers: thin glue between MkDocs and the quizkit extension."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .config import QuizConfig, load_quiz_config
from .course import Course, is_lesson, load_course
from .outcomes import load_outcomes
from .outcomes_md import expand as expand_outcomes
from .extension import MARKER, QuizExtension
from .render import Renderer
from .strings import client_strings

log = logging.getLogger("mkdocs.plugins.quizkit")

SOURCES = re.compile(r"^##\s+.*\{#sources\}\s*$")

_state: dict = {}


def _settings(config: MkDocsConfig) -> QuizConfig:
    return _state["settings"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = load_quiz_config(config.extra.get("quizkit"), config.config_file_path)
    except Exception as exc:  # a typo in mkdocs.yml's extra.quizkit
        raise PluginError(str(exc)) from None
    language = config.theme.get("language") or "en"
    extension = QuizExtension(
        quizzes_dir=str(_root(config) / settings.quizzes_dir),
        docs_dir=config.docs_dir,
        language=language,
        renderer=Renderer(language),
        deferred=True,
    )
    # Our instance replaces a plain 'quizkit.extension' entry, so pages share one loaded course.
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if e != "quizkit.extension"]
    config.mdx_configs.pop("quizkit.extension", None)
    config.markdown_extensions.append(extension)
    config.extra["quiz_client"] = {"key": settings.storage_key, "strings": client_strings(language)}
    _state.clear()
    _state.update(settings=settings, extension=extension)
    _register_tools(config, settings, language)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    settings = _settings(config)
    pages = [f.src_uri for f in files.documentation_pages()]
    course = load_course(Path(config.docs_dir), _root(config) / settings.quizzes_dir, pages=pages,
                         exempt=tuple(settings.exempt), display_root=_root(config))
    if course.errors:
        count = len(course.errors)
        raise PluginError(
            f"{count} problem{'s' if count > 1 else ''} in the question banks:\n"
            + "\n".join(f"  {e}" for e in course.errors)
        )
    if settings.require_banks:
        for problem in course.missing:
            log.warning(str(problem))
    _state["extension"]._course = course
    _state["course"] = course
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    course: Course = _state["course"]
    src = page.file.src_uri
    markdown = _expand_outcomes(markdown, src, config)
    bank = course.bank_for(src)
    lines = markdown.split("\n")
    markers = [i for i, line in enumerate(lines) if MARKER.match(line)]
    if bank is None:
        if markers:
            log.warning(f"docs/{src}: has a '<!-- quiz -->' marker but no bank; create quizzes/{src[:-3]}.yml or remove the marker")
        return markdown
    explicit = f"<!-- quiz: {src[:-3]} -->"
    if not markers:
        # Before the lesson's Sources list when it has one, so the check follows the teaching.
        for i, line in enumerate(lines):
            if SOURCES.match(line):
                return "\n".join(lines[:i] + [explicit, ""] + lines[i:])
        return markdown.rstrip("\n") + "\n\n" + explicit + "\n"
    for i in markers:  # a bare marker chooses the spot; name the bank for the extension
        if MARKER.match(lines[i]).group("bank") is None:
            lines[i] = explicit
    return "\n".join(lines)


def _expand_outcomes(markdown: str, src: str, config: MkDocsConfig) -> str:
    if "<!-- outcomes" not in markdown:
        return markdown
    folder = _root(config) / _settings(config).quizzes_dir / "_outcomes"
    outcomes = load_outcomes(folder) if folder.is_dir() else []
    chapters = [p.stem for p in sorted(folder.glob("*.yml"))] if folder.is_dir() else []
    # Course order: the chapters as the nav lists them, falling back to file order.
    order = [path.split("/")[0] for path in _nav_paths(config.nav or [])]
    chapters.sort(key=lambda ch: order.index(ch) if ch in order else len(order))
    return expand_outcomes(markdown, src, outcomes, Path(config.docs_dir), chapters)


def _nav_paths(nav) -> list[str]:
    """Every page path in mkdocs.yml's nav, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill the widget slot after the search plugin has indexed the page (see QuizExtension.deferred)."""
    extension: QuizExtension = _state["extension"]
    src = page.file.src_uri
    slot = extension.slot(src)
    if slot in output:
        output = output.replace(slot, extension.widget(src), 1)
    return output


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_root(config) / _settings(config).quizzes_dir))
    server.watch(str(Path(__file__).resolve().parent))
    return server


# -- tools: self-assessment, progress page, explorable cycle (quizkit/tools_extension.py) --------
def _register_tools(config: MkDocsConfig, settings: QuizConfig, language: str) -> None:
    """Add the tools extension beside the quiz one; it reads the course and nav captured below."""
    from .tools_extension import ToolsExtension

    tools = ToolsExtension(
        quizzes_dir=str(_root(config) / settings.quizzes_dir),
        docs_dir=config.docs_dir,
        language=language,
        course_provider=lambda: _state.get("course"),
        sections_provider=lambda: _state.get("nav_sections"),
    )
    config.markdown_extensions.append(tools)
    _state["tools"] = tools


def on_nav(nav, config: MkDocsConfig, files: Files):
    """Capture the nav order for the progress page; load and check the tools' YAML (file:line errors stop the build)."""
    from .assessment import ToolErrors, load_assessment, load_cycle
    from .course_map import nav_sections
    from .source import BankError

    _state["nav_sections"] = nav_sections(nav)
    tools = _state.get("tools")
    if tools is None:
        return nav
    pages = {f.src_uri for f in files.documentation_pages()}
    tools_dir = _root(config) / _settings(config).quizzes_dir / "_tools"
    problems: list[BankError] = []
    for name, loader in (("self-assessment.yml", lambda p, d: load_assessment(p, d, pages)), ("cycle.yml", load_cycle)):
        path = tools_dir / name
        if not path.exists():
            continue
        try:
            value = loader(path, path.relative_to(_root(config)).as_posix())
        except ToolErrors as exc:
            problems += exc.errors
            continue
        except BankError as exc:
            problems.append(exc)
            continue
        if name == "cycle.yml":
            tools.cycle = value
        else:
            tools.assessment = value
    if problems:
        raise PluginError(f"{len(problems)} problem(s) in the course tools:\n" + "\n".join(f"  {e}" for e in problems))
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Tell the tools extension which page it renders, so its links are relative to that page."""
    tools = _state.get("tools")
    if tools is not None:
        tools.page = page.file.src_uri
    return page


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


__all__ = ["on_config", "on_files", "on_page_markdown", "on_post_page", "on_serve", "on_nav", "on_pre_page", "is_lesson"]
