"""During `mkdocs serve` only: everything `build_quizzes.py check` would say about a page, for that page.

The build already runs the bank checks and the cheap item-writing rules; `check` adds the lesson-text
rules (quizkit/authoring/content.py: length, reading level, our own words, blaming labels, typed phone numbers), the course-wide
item rule (near-duplicates), the cast rule (quizkit/authoring/cast.py) and the widget-words warnings. The preview runs those too, per page as it
is built, so an author sees in the terminal and on the page what `check` and CI will refuse. A build
for deployment never runs this: its pages carry no such notice.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path, PurePosixPath

from quizkit.authoring import cast, originality
from quizkit.authoring.content import check_page
from quizkit.bank.course import Course, is_lesson
from quizkit.bank.source import display_path
from quizkit.authoring.lint import COURSE_WIDE, lint
from quizkit.authoring.widget_words import repeats


RULES = ("lesson_words", "max_grade", "source_runs", "blaming_labels", "help_lines")
_found: dict[tuple, list[str]] = {}  # what each page gave, by its text: kept from one serve rebuild to the next


def _bytes(path: Path) -> str:
    """A digest of the file's bytes ('' when there is no such file)."""
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class Preview:
    def __init__(self, root: Path, docs_dir: Path, quizzes_dir: Path, settings, exempt: tuple[str, ...],
                 course: Course, language: str) -> None:
        self.root, self.docs_dir, self.quizzes_dir = root, docs_dir, quizzes_dir
        self.settings, self.exempt = settings, exempt
        self.shown = functools.partial(display_path, root=root)
        runs = settings.get("source_runs")
        self.hashes = originality.load_hashes(root / runs) if runs and (root / runs).is_file() else set()
        banks = list(course.banks.values())
        findings = [] if course.errors else lint(banks).findings  # as `check`: items once the banks read
        # Printed once a rebuild: the build itself prints the other item findings already.
        self.course_wide = [str(f) for f in findings if f.rule in COURSE_WIDE] + repeats(banks, language)
        self._items: dict[str, list[str]] = {}
        by_source = {bank.source: page for page, bank in course.banks.items()}
        for finding in [str(f) for f in findings] + repeats(banks, language):
            source = finding.split(":", 1)[0]
            if source in by_source:
                self._items.setdefault(by_source[source], []).append(finding)
        # The cast rule reads every page: once a rebuild, each finding on its page (a cast file's, in the terminal).
        pages = self.shown(docs_dir) + "/"
        for clash in cast.problems(root, docs_dir, quizzes_dir, self.shown, settings):
            page = by_source.get(clash.file) or (clash.file[len(pages):] if clash.file.startswith(pages) else None)
            if page:
                self._items.setdefault(page, []).append(str(clash))
            else:
                self.course_wide.append(str(clash))

    def text(self, src: str) -> list[str]:
        """The lesson-text rules' findings for page `src` (docs-relative) and its bank."""
        page, bank = self.docs_dir / src, self.quizzes_dir / PurePosixPath(src).with_suffix(".yml")
        # A rebuild after one edit re-measures only what changed (reading level is the costly part).
        key = (src, _bytes(page), _bytes(bank), repr(sorted((k, str(self.settings.get(k))) for k in RULES)),
               len(self.hashes))
        if key not in _found:
            if len(_found) > 4096:  # a long session's old versions
                _found.clear()
            help_lines = self.root / self.settings["help_lines"] if self.settings.get("help_lines") else None
            found = check_page(page, bank, is_lesson(src, self.exempt), self.settings, self.hashes, self.shown,
                               help_lines)
            _found[key] = [str(f) for f in found]
        return _found[key]

    def items(self, src: str) -> list[str]:
        """The item-writing findings (and widget-words warnings) for the questions on page `src`."""
        return self._items.get(src, [])
