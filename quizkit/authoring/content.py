"""The course's rules for its own text, run by `build_quizzes.py check` (and by tests/test_content.py,
which calls these same functions): lesson length, reading level, our own words, no blaming labels,
stories that agree with the cast lists (quizkit/authoring/cast.py).

Each rule is switched on by a plugin setting in mkdocs.yml, so another course
(or the small fixture course) chooses its own:

    plugins:
      - quizkit:
          lesson_words: [550, 1300]
          max_grade: 8.5
          source_runs: authoring/source-runs.txt
          blaming_labels: [needy, clingy, toxic]
          help_lines: quizzes/_help/lines.yml

Every finding is `file[:line]: the figure; the allowed range and what to do`.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from quizkit.course import helplines
from quizkit.authoring import cast, originality
from quizkit.bank.course import bank_files, is_lesson
from quizkit.bank.source import BankError, display_path, load

# Everything a reader sees, for the originality check (relative to the course root).
READABLE = ("docs", "quizzes", "overrides", "quizkit", "README.md")


def lessons(docs_dir: Path, exempt: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if is_lesson(p.relative_to(docs_dir).as_posix(), exempt))


def measure_file(path: Path):
    from quizkit.authoring.readability import measure  # pyphen: in requirements.txt, not a plugin dependency
    return measure(path.read_text(encoding="utf-8"))


def lesson_length(paths: Iterable[Path], low: int, high: int, shown) -> list[BankError]:
    """A lesson (not a chapter's quiz page) has between `low` and `high` words of prose."""
    out = []
    for path in paths:
        if path.name == "quiz.md":
            continue
        words = measure_file(path).words
        if not low <= words <= high:
            fix = "add to it (an example, a step, a question to reflect on)" if words < low else "split it into two lessons"
            out.append(BankError(shown(path), None,
                                 f"{words} words; a lesson has {low:,}–{high:,} words of prose: {fix}"))
    return out


def reading_level(paths: Iterable[Path], max_grade: float, shown) -> list[BankError]:
    out = []
    for path in paths:
        r = measure_file(path)
        if r.grade > max_grade:
            out.append(BankError(shown(path), None,
                                 f"reading level grade {r.grade:.1f} (Flesch-Kincaid); lessons read at grade {max_grade:g} "
                                 f"or below: shorten the longest sentences ({r.long_sentences} over 20 words) and prefer short words"))
    return out


def own_words(paths: Iterable[Path], hashes: set[str], shown) -> list[BankError]:
    out = []
    for hit in originality.check(paths, hashes):
        where, _, words = hit.rpartition(": ")
        file, _, line = where.rpartition(":")
        out.append(BankError(shown(Path(file)), int(line),
                             f"{len(words.split())} words in a row from the source article ('{words}'); "
                             f"fewer than {originality.RUN} in a row are allowed: say it in our own words"))
    return out


def blaming_labels(paths: Iterable[Path], labels: list[str], shown) -> list[BankError]:
    """A label may appear only quoted (what a partner thinks in the cycle) or after 'never'."""
    if not labels:
        return []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, labels)) + r")\b", re.I)
    out = []
    for path in paths:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                before = line[: match.start()]
                quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1 or "never" in before.lower()
                if not quoted:
                    out.append(BankError(shown(path), no,
                                         f"'{match.group(1)}' labels a person; 0 labels are allowed in our own voice: "
                                         "describe what they do or feel (\"someone who leans anxious\"), or quote it as a partner's thought"))
    return out


# A run of digits, maybe split by single spaces or hyphens ("0808 2000 247", "1-800-799-7233",
# "988"), not part of a word, a link, a DOI or a decimal.
_DIGITS = re.compile(r"(?<![\w+/.#=-])\+?\d(?:[ -]?\d)*(?![\w/]|\.\d)")
# Short numbers (911, 112, 988) count only within 60 characters after a word like "call" or "text",
# so "112 beats a minute" or "pp. 99-111" stay prose.
_DIAL_WORDS = re.compile(r"\b(call|text|dial|ring|phone|number|emergency|helpline|hotline|line|crisis)", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


@functools.lru_cache(maxsize=4)
def _help_lines(data: Path, mtime_ns: int):
    """The help-lines data, read once per version of the file (the preview asks for it page by page)."""
    return helplines.load(data)


def typed_phone_numbers(paths: Iterable[Path], data: Path, shown) -> list[BankError]:
    """A help-line number typed into a page: it cannot be a tap-to-call link, and nobody re-checks it
    before a release. Numbers live in the help-lines data only, rendered by `<!-- helplines: group -->`.

    Flags any number the data lists (a short one only when a word like "call" or "text" comes just
    before it) and any other phone-like run of 7 or more digits."""
    try:
        data_lines = _help_lines(data, data.stat().st_mtime_ns)
    except (helplines.HelplinesError, OSError):
        return []  # the data file's own check (checks.py) reports it, with its line
    known = {re.sub(r"\D", "", n) for _, group in data_lines.groups.values() for line in group
             for n in [*line.call, *(t.to for t in line.text)]}
    out = []
    for path in paths:
        for no, line in _prose_lines(path):
            if line.lstrip().startswith("<!--"):
                continue
            for match in _DIGITS.finditer(line):
                digits = re.sub(r"\D", "", match.group())
                short = len(digits) <= 4
                if digits in known and (not short or _DIAL_WORDS.search(line[max(0, match.start() - 60): match.start()])):
                    what = "a help-line number"
                elif len(digits) >= 7 and digits not in known:
                    what = "a phone-like number"
                else:
                    continue
                out.append(BankError(shown(path), no,
                                     f"'{match.group()}' is {what} typed into a page; 0 are allowed outside {shown(data)}: "
                                     "show the service's group with a line `<!-- helplines: <group> -->`, or link to "
                                     "the right section of get-help.md (add a new service to the data file first)"))
    return out


# *Research*{ .ev .ev-research } and a link into the References page (tests/test_evidence.py, the same rule).
_RESEARCH = re.compile(r"\*[^*]+\*\{\s*\.ev\s+\.ev-research\s*\}")
_REFERENCE_LINK = re.compile(r"\]\((?:\.\./)+references\.md#[\w-]+\)")


def _prose_lines(path: Path):
    """(number, text) of each line of `path`, the lines of fenced code blanked."""
    fenced = False
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fence = _FENCE.match(line) is not None
        fenced ^= fence
        yield no, "" if fenced or fence else line


def _paragraphs(path: Path):
    """(first line number, text) of each paragraph outside fenced code."""
    block, start = [], 0
    for no, line in [*_prose_lines(path), (0, "")]:
        if not line.strip():
            if block:
                yield start, "\n".join(block)
            block = []
            continue
        if not block:
            start = no
        block.append(line)


def research_sources(paths: Iterable[Path], shown) -> list[BankError]:
    """A paragraph with a *Research* label links the study it reports on the References page."""
    out = []
    for path in paths:
        for start, text in _paragraphs(path):
            label = _RESEARCH.search(text)
            if label and not _REFERENCE_LINK.search(text):
                out.append(BankError(shown(path), start + text[: label.start()].count("\n"),
                                     "a *Research* label, but its paragraph links no source; every research finding "
                                     "names its study: link it in the same paragraph, like ([Kirkpatrick & Davis, 1994]"
                                     "(../references.md#kirkpatrick-davis-1994)), adding the work to references.md if "
                                     "it is new (or use the *Clinical observation* or *Our framing* label)"))
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def scaffold_leftovers(pages: Iterable[Path], banks: Iterable[Path], shown) -> list[BankError]:
    """Text that `make new` wrote as an example and the author has not replaced yet."""
    from quizkit.authoring.scaffold import placeholder_lines, placeholder_values, texts
    lines, values = placeholder_lines(), placeholder_values()
    out = []
    for path in pages:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() in lines:
                out.append(BankError(shown(path), no, f"'{_short(line.strip())}' is example text from 'make new'; "
                                                      "write your own in its place"))
    for path in banks:
        try:
            doc = load(path, shown(path))
        except BankError:
            continue  # the bank check reports it, with its line
        questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
        for i, question in enumerate(questions if isinstance(questions, list) else []):
            left = [(at, text) for at, text in texts(question, ("questions", i)) if text in values]
            if left:
                qid = question.get("id", "?") if isinstance(question, dict) else "?"
                more = f" and {len(left) - 1} more" if len(left) > 1 else ""
                out.append(BankError(doc.file, doc.line(left[0][0]),
                                     f"question '{qid}' still has example text from 'make new' "
                                     f"('{_short(left[0][1])}'{more}); write your own, or delete the "
                                     "question if you do not need it"))
    return sorted(out, key=lambda e: (e.file, e.line or 0))


def lesson_rules(pages: list[Path], settings, shown) -> list[BankError]:
    """The rules for lessons' own prose that `settings` switch on: length, reading level, research sources."""
    found = []
    if settings.get("lesson_words"):
        low, high = settings["lesson_words"]
        found += lesson_length(pages, low, high, shown)
    if settings.get("max_grade") is not None:
        found += reading_level(pages, settings["max_grade"], shown)
    return found + research_sources(pages, shown)


def check_page(page: Path, bank: Path | None, lesson: bool, settings, hashes: set[str], shown,
               help_lines: Path | None = None) -> list[BankError]:
    """The rules above for one page and its bank, as `check_content` applies them (for the preview)."""
    texts = [page] + ([bank] if bank and bank.is_file() else [])
    found = lesson_rules([page] if lesson else [], settings, shown)
    if hashes:
        found += own_words(texts, hashes, shown)
    found += blaming_labels(texts, list(settings.get("blaming_labels") or []), shown)
    found += scaffold_leftovers([page], texts[1:], shown)
    return found + (typed_phone_numbers([page], help_lines, shown) if help_lines else [])


def check_content(root: Path, docs_dir: Path, quizzes_dir: Path, settings, exempt: tuple[str, ...]) -> list[BankError]:
    """Every rule that `settings` (the plugin's config) switches on."""
    shown = functools.partial(display_path, root=root)
    found = lesson_rules(lessons(docs_dir, exempt), settings, shown)
    if settings.get("source_runs"):
        hashes = originality.load_hashes(root / settings["source_runs"])
        found += own_words([root / p for p in READABLE if (root / p).exists()], hashes, shown)
    texts = sorted(docs_dir.rglob("*.md")) + sorted(quizzes_dir.rglob("*.yml"))
    found += blaming_labels(texts, list(settings.get("blaming_labels") or []), shown)
    if settings.get("help_lines"):
        found += typed_phone_numbers(sorted(docs_dir.rglob("*.md")), root / settings["help_lines"], shown)
    found += scaffold_leftovers(sorted(docs_dir.rglob("*.md")), bank_files(quizzes_dir), shown)
    return found + cast.problems(root, docs_dir, quizzes_dir, shown, settings)
