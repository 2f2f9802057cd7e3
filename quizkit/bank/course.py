"""The whole course: every bank, checked against every page and each other.

A page is a *lesson* (and must have a bank) when it sits in a chapter folder,
`docs/<chapter>/<page>.md`, is not that folder's `index.md`, and the folder is
not listed in `exempt` (by default `about` and `includes`). Top-level pages
(home, glossary, references, get help) are never lessons, but may still have
a bank of their own. Files and folders under `quizzes/` whose name starts
with `_` (the schema, the outcomes) are not banks.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markdown.extensions.toc import slugify

from quizkit.bank.model import Bank
from quizkit.bank.published import newer
from quizkit.pages import without_code
from quizkit.resources import read_bytes
from quizkit.bank.source import BankError, display_path, load_bytes
from quizkit.bank.validate import BANK_SCHEMA, validate

DEFAULT_EXEMPT = ("about", "includes")

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_ATTR_ID = re.compile(r"\{[^}\n]*#([A-Za-z0-9_-]+)[^}\n]*\}")


@dataclass
class Course:
    docs_dir: Path
    quizzes_dir: Path
    banks: dict[str, Bank] = field(default_factory=dict)  # by page: "cycle/the-loop.md"
    errors: list[BankError] = field(default_factory=list)  # stop the build
    missing: list[BankError] = field(default_factory=list)  # lessons without a bank: warnings

    def bank_for(self, page: str) -> Bank | None:
        return self.banks.get(page)


def is_lesson(page: str, exempt: tuple[str, ...] = DEFAULT_EXEMPT) -> bool:
    parts = PurePosixPath(page).parts
    return len(parts) >= 2 and parts[-1] != "index.md" and parts[0] not in exempt


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file under `folder`, sorted ([] without the folder)."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()) if folder.is_dir() else []


def bank_files(quizzes_dir: Path) -> list[Path]:
    """The banks: YAML files under `quizzes_dir` not in (nor named) '_…'."""
    return [p for p in yaml_files(quizzes_dir) if not any(part.startswith("_") for part in p.relative_to(quizzes_dir).parts)]


def doc_pages(docs_dir: Path) -> list[str]:
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def anchors(markdown: str) -> set[str]:
    """Heading ids a page will have: explicit `{#id}` attributes and toc slugs."""
    text = without_code(markdown)
    found = set(_ATTR_ID.findall(text))
    for heading in _HEADING.findall(text):
        if not _ATTR_ID.search(heading):
            found.add(slugify(re.sub(r"[*_`]", "", heading), "-"))
    return found


def load_course(
    docs_dir: Path,
    quizzes_dir: Path,
    pages: list[str] | None = None,
    exempt: tuple[str, ...] = DEFAULT_EXEMPT,
    display_root: Path | None = None,
) -> Course:
    """Load and check every bank. `pages` defaults to every .md under docs_dir."""
    course = Course(docs_dir, quizzes_dir)
    pages = doc_pages(docs_dir) if pages is None else pages
    page_set = set(pages)
    root = display_root or quizzes_dir.parent
    first_seen: dict[str, tuple[str, int, Path]] = {}
    clashes: list[tuple[str, tuple, tuple]] = []
    unreviewed: list[tuple] = []  # review links of banks that did not validate
    failed: set[str] = set()  # pages whose bank did not validate: it has its own errors, not a 'missing bank' warning

    # Every bank sits under quizzes_dir: its shown name is the folder's plus its own path there
    # (resolving each file's path cost more than reading it).
    shown_dir = display_path(quizzes_dir, root)
    rules = read_bytes("schemas", BANK_SCHEMA)  # an edit to the schema under `serve` checks every bank again
    for path in bank_files(quizzes_dir):
        rel = path.relative_to(quizzes_dir).as_posix()
        shown = rel if shown_dir == "." else f"{shown_dir}/{rel}"
        page = rel.rsplit(".", 1)[0] + ".md"
        try:
            bank, errors = _checked_bank(path, shown, page, rules)
        except BankError as exc:
            course.errors.append(exc)
            failed.add(page)
            continue
        course.errors.extend(errors)
        if page not in page_set:
            course.errors.append(BankError(shown, None, f"this bank has no lesson: create docs/{page}, or move the bank to match its lesson's path"))
        if bank is None:  # its other problems: the review links too, so one does not hide another
            unreviewed += _raw_reviews(path, shown, page, {e.line for e in errors})
            failed.add(page)
            continue
        for q in bank.every():
            if q.id in first_seen:
                clashes.append((q.id, first_seen[q.id], (shown, q.line, path)))
            else:
                first_seen[q.id] = (shown, q.line, path)
        course.banks[page] = bank
    course.errors += [_clash(qid, a, b) for qid, a, b in clashes]

    for page in pages:
        if is_lesson(page, exempt) and page not in course.banks and page not in failed:
            course.missing.append(BankError(
                f"docs/{page}", None,
                f"this lesson has no question bank: create quizzes/{PurePosixPath(page).with_suffix('.yml')} "
                f"(run 'make new LESSON={PurePosixPath(page).with_suffix('')}' for a template)",
            ))

    _check_reviews(course, page_set, unreviewed)
    course.errors.sort(key=lambda e: (e.file, e.line or 0))
    return course


def _clash(qid: str, first: tuple, second: tuple) -> BankError:
    """One id used twice: reported on the new, unpublished question (quizkit/bank/published.py), naming both places."""
    if first[2] != second[2] and newer(first[2], second[2]) == first[2]:
        first, second = second, first
    return BankError(second[0], second[1],
                     f"question id '{qid}' is already used at {first[0]}:{first[1]}; ids must be unique across the course: "
                     "give this new question another id (the other one may be published, and changing its id "
                     "would reset readers' saved answers)")


# (shown name, page, the file's bytes, the schema's) -> (bank, errors), or the BankError it raised.
# Module-level: `mkdocs serve` rebuilds in the same process and reads again only the banks that changed.
_BANKS: dict[tuple, tuple | BankError] = {}


def _checked_bank(path: Path, shown: str, page: str, rules: bytes) -> tuple:
    """(bank or None, its errors) for one bank file; raises BankError when it cannot be read as YAML."""
    key = (shown, page, path.read_bytes(), rules)
    if key not in _BANKS:
        if len(_BANKS) > 4096:  # banks edited under `serve`: the old versions are not asked for again
            _BANKS.clear()
        try:
            _BANKS[key] = validate(load_bytes(key[2], shown), page)
        except BankError as exc:
            _BANKS[key] = exc
    found = _BANKS[key]
    if isinstance(found, BankError):
        raise found
    return found


def _raw_reviews(path: Path, shown: str, page: str, taken: set) -> list[tuple]:
    """(source, page, id, review, line) of each question's review in a bank that did not validate,
    leaving out lines that already have an error (a review the schema refused, say)."""
    doc = load_bytes(path.read_bytes(), shown)
    top = doc.data.get("questions") if isinstance(doc.data, dict) else None
    found = []
    for i, q in enumerate(top if isinstance(top, list) else []):
        subs = q.get("questions") if isinstance(q, dict) else None
        for where, item in [(("questions", i), q)] + [(("questions", i, "questions", j), sub) for j, sub in
                                                      enumerate(subs if isinstance(subs, list) else [])]:
            review = item.get("review") if isinstance(item, dict) else None
            line = doc.line(where + ("review",))
            if isinstance(review, str) and "#" in review and line not in taken:
                found.append((shown, page, item.get("id"), review, line))
    return found


def _check_reviews(course: Course, pages: set[str], unreviewed: list[tuple] = ()) -> None:
    cache: dict[str, set[str]] = {}
    refs = [(bank.source, bank.page, q.id, q.review, q.review_line or q.line)
            for bank in course.banks.values() for q in bank.every() if q.review]
    for source, page, qid, review, line in refs + list(unreviewed):
        target, _, anchor = review.partition("#")
        target_page = resolve_page(page, target)
        if target_page not in pages:
            course.errors.append(BankError(source, line, f"question '{qid}': 'review' names {target}, which is not a page in docs/"))
            continue
        if target_page not in cache:
            cache[target_page] = anchors((course.docs_dir / target_page).read_text(encoding="utf-8"))
        if anchor not in cache[target_page]:
            known = ", ".join(f"#{a}" for a in sorted(cache[target_page])) or "none"
            course.errors.append(BankError(
                source, line,
                f"question '{qid}': 'review' points at #{anchor}, but docs/{target_page} has no heading with that id "
                f"(its ids: {known}); use one of them, or add '{{#{anchor}}}' to a heading there",
            ))


def resolve_page(from_page: str, target: str) -> str:
    """The docs-relative page a link names ('' means the linking page itself).

    'cycle/the-loop.md' is read from the docs root, the way authors think of
    the course; 'the-loop.md' means the same chapter; '../x.md' and './x.md'
    are relative to the linking page, as in a lesson's own Markdown.
    """
    if not target:
        return from_page
    if target.startswith(("./", "../")):
        return posixpath.normpath(posixpath.join(posixpath.dirname(from_page), target))
    if "/" in target:
        return posixpath.normpath(target)
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_page), target))
