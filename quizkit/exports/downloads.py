"""The question banks as files a teacher can download from the site: GIFT (Moodle), QTI 2.1 (Canvas and
others) and JSON, written by the same exporters as `python build_quizzes.py export` (quizkit/exports/).

The plugin adds them to the site at build time (plugins: quizkit: downloads_dir). The QTI package's
entries all carry one fixed date, so two builds of the same banks give the same bytes.
"""
from __future__ import annotations

import json
from pathlib import Path

from quizkit.exports import EXTENSIONS
from quizkit.bank.model import Bank

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def file_name(format_name: str, scope: str = "course") -> str:
    """The name `build_quizzes.py export` gives the file: quizzes-course.gift.txt, …"""
    return f"quizzes-{scope}{EXTENSIONS[format_name]}"


def exports(banks: list[Bank], language: str = "en", scope: str = "course",
            docs_dir: Path | None = None) -> dict[str, bytes]:
    """Every format's file, by name. `banks` in page order, as the command line sorts them;
    `docs_dir` gives the QTI tests the chapter and lesson titles."""
    from quizkit.exports import gift
    from quizkit.exports import json_export
    from quizkit.exports import qti  # here: `mkdocs serve` makes placeholders only

    text, _ = gift.to_text(banks)
    data, _ = json_export.to_data(banks, language)
    package, _ = qti.to_zip(banks, language, scope, docs_dir, date=FIXED_DATE)
    return {
        file_name("gift", scope): text.encode("utf-8"),
        file_name("qti", scope): package,
        file_name("json", scope): (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }



def placeholders(scope: str = "course") -> dict[str, str]:
    """What `mkdocs serve` publishes under the same names: where the real files come from."""
    note = ("The preview (`make serve`) does not make the teachers' downloads. `make build` puts them in the site, "
            "and `make export FORMAT=gift` (or qti, json) writes them to exports/.\n")
    return {file_name(name, scope): note for name in ("gift", "qti", "json")}
