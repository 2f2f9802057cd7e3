"""The quiz generator's command line, for authors (the build itself is the `quizkit` MkDocs plugin).

    python build_quizzes.py check            every YAML file under quizzes/, as the build checks it
    python build_quizzes.py stats            questions by type, chapter and outcome
    python build_quizzes.py new CH/LESSON    scaffold a lesson, its bank and nav entry
    python build_quizzes.py schema-comments  add the editor's schema line to banks that lack it
    python build_quizzes.py export --format qti|gift|json [--chapter CH] [--out DIR]
    python build_quizzes.py blind [--chapter CH] [-o FILE]   the chapter quizzes without keys, for a study
    python build_quizzes.py blind --score ANSWERS.yml        score a reviewer's answers per chapter quiz

It reads mkdocs.yml through MkDocs' own config loader, so `!ENV` values and
the plugin's settings (`plugins: - quizkit: …`) are what the build sees.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # run from a checkout without installing: the package is beside us
    sys.path.insert(0, str(ROOT))

from quizkit.authoring import cli  # noqa: E402

if __name__ == "__main__":
    sys.exit(cli.main(["--root", str(ROOT), *sys.argv[1:]] if "--root" not in sys.argv else sys.argv[1:]))
