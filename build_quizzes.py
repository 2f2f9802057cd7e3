"""The quiz generator's front door: an MkDocs hook and a command line.

As a hook (mkdocs.yml `hooks: [build_quizzes.py]`) it loads and checks every
bank before any page is built, stops the build on the first broken bank with
`file:line: what to fix`, adds the widget marker to each lesson, and makes
`mkdocs serve` reload when a bank changes. The rendering itself lives in the
`quizkit` Markdown extension, so other Python-Markdown tools can use it too.

As a command:
    python build_quizzes.py check            validate every bank, as the build would
    python build_quizzes.py stats            questions by type, chapter and outcome
    python build_quizzes.py new CH/LESSON    scaffold a lesson, its bank and nav entry
    python build_quizzes.py export --format qti|gift|json [--chapter CH] [--out DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # MkDocs imports hooks by path; make the package beside us importable
    sys.path.insert(0, str(ROOT))

from quizkit import cli  # noqa: E402
from quizkit.plugin import (  # noqa: E402,F401  (MkDocs looks these up by name)
    on_config,
    on_files,
    on_nav,
    on_page_markdown,
    on_post_page,
    on_pre_page,
    on_serve,
)


if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
