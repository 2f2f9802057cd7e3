"""The package's own files (templates, schemas, strings, browser assets), read through importlib.resources.

Nothing here depends on the repository layout, so an installed wheel works as
well as an editable checkout.
"""
from __future__ import annotations

import json
from importlib import resources

# The browser files the plugin copies into every site, under ASSETS_URL.
ASSETS = ("quiz.js", "assessment.js", "progress.js", "cycle.js", "journey.js", "privacy.js", "summary.js",
          "quiz.css", "tools.css", "journey.css", "share.css", "summary.css",
          "tables.css")
ASSETS_URL = "assets/quizkit/"


def package_file(*parts: str):
    return resources.files("quizkit").joinpath(*parts)


def read_text(*parts: str) -> str:
    return package_file(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return package_file(*parts).read_bytes()


def schema(name: str) -> dict:
    """A JSON Schema shipped in quizkit/schemas/."""
    return json.loads(read_text("schemas", name))
