"""The package's own files (templates, schemas, strings, browser assets), read through importlib.resources.

Nothing here depends on the repository layout, so an installed wheel works as
well as an editable checkout.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

# The browser files the plugin copies into every site, under ASSETS_URL (bundled or on demand:
# assets_pipeline.py). Their order is the order they run and cascade in: a tool's styles after
# tools.css, which all tools share.
ASSETS = ("page.js", "quiz.js", "review.js", "practice.js", "assessment.js", "progress.js", "cycle.js", "journey.js", "journey-pages.js", "privacy.js",
          "summary.js", "helplines.js", "safety-check.js", "timer.js",
          "quiz.css", "journey.css", "share.css", "tools.css", "assessment.css", "progress.css", "cycle.css",
          "summary.css", "journey-pages.css", "tables.css", "helplines.css", "safety-check.css", "practice.css", "timer.css")
ASSETS_URL = "assets/quizkit/"


_CACHES: list = []


def package_cache(function):
    """`lru_cache` for what is made from the package's files; `forget_package_files` empties them all."""
    cached = lru_cache(maxsize=None)(function)
    _CACHES.append(cached)
    return cached


def forget_package_files() -> None:
    """Read strings, schemas and templates afresh: edits to them show on the next `mkdocs serve` rebuild."""
    for cached in _CACHES:
        cached.cache_clear()


def package_file(*parts: str):
    return resources.files("quizkit").joinpath(*parts)


def read_text(*parts: str) -> str:
    return package_file(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return package_file(*parts).read_bytes()


def schema(name: str) -> dict:
    """A JSON Schema shipped in quizkit/schemas/."""
    return json.loads(read_text("schemas", name))
