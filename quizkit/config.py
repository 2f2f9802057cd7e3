"""Typed settings for the quiz generator, read from `extra.quizkit` in mkdocs.yml.

MkDocs hooks have no config section of their own, so the settings live under
`extra` and are checked with MkDocs' own config machinery, the way Material's
plugins type theirs.
"""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .course import DEFAULT_EXEMPT


class QuizConfig(base.Config):
    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of the YAML banks, relative to mkdocs.yml."""
    exempt = c.ListOfItems(c.Type(str), default=list(DEFAULT_EXEMPT))
    """Top-level docs folders whose pages are not lessons."""
    storage_key = c.Type(str, default="aa-course")
    """The one localStorage key the course writes; the version is part of the stored value."""
    require_banks = c.Type(bool, default=True)
    """Warn (and so fail `mkdocs build --strict`) when a lesson has no bank."""


def load_quiz_config(raw: dict | None, config_file: str | None = None) -> QuizConfig:
    cfg = QuizConfig(config_file_path=config_file)
    cfg.load_dict(dict(raw or {}))
    errors, _warnings = cfg.validate()
    if errors:
        details = "; ".join(f"extra.quizkit.{key}: {err}" for key, err in errors)
        raise base.ValidationError(details)
    return cfg
