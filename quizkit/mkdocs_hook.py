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
    )
    # Our instance replaces a plain 'quizkit.extension' entry, so pages share one loaded course.
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if e != "quizkit.extension"]
    config.mdx_configs.pop("quizkit.extension", None)
    config.markdown_extensions.append(extension)
    config.extra["quiz_client"] = {"key": settings.storage_key, "strings": client_strings(language)}
    _state.clear()
    _state.update(settings=settings, extension=extension)
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


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_root(config) / _settings(config).quizzes_dir))
    server.watch(str(Path(__file__).resolve().parent))
    return server


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


__all__ = ["on_config", "on_files", "on_page_markdown", "on_serve", "is_lesson"]
