"""One cast: every story agrees with the cast lists in quizzes/_cast/ (names, leanings, years).

The plugin's settings say which pages the rule does not read (`cast_skip`: sources, the guide's
examples) and whose full names are real people cited beside the characters (`real_people`).

Run by `build_quizzes.py check` and the preview; tests/test_cast.py tests it through them.
Each finding is `file:line: what clashes; what the cast says`.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from quizkit.bank.course import bank_files
from quizkit.bank.source import BankError, display_path

TRAITS = ("pronouns", "leans", "role", "partner", "together_years")
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_N = r"(\d+|" + "|".join(NUMBERS) + r")"
# "dating for three years", "married six years", "four years together" (not "twenty-five years later").
YEARS = re.compile(rf"\b(?:together|dat(?:ing|ed)|married|a couple)\b[^.]{{0,40}}?(?<![-\w]){_N}[ -]years?\b"
                   rf"|(?<![-\w]){_N}[ -]years? (?:together|of (?:marriage|dating))\b", re.I)
LEANS = re.compile(r"\b([A-Z][a-z]+) (?:still |usually |mostly |often )?leans (anxious|avoidant|secure|fearful)")
# Paragraph-sized pieces: a story's years and leanings are stated near its names.
_CHUNK_BREAK = re.compile(r"\n\s*\n|\n\s*- id:")


def load_cast(folder: Path) -> tuple[dict, dict]:
    """Recurring people by name, and chapter people by name (each with the file it came from)."""
    recurring, chapter = {}, {}
    for path in sorted(folder.glob("*.yml")):
        people = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("people") or []
        target = recurring if path.stem == "recurring" else chapter
        for person in people:
            target.setdefault(person["name"], []).append((path, person))
    return recurring, chapter


def course_texts(docs_dir: Path, quizzes_dir: Path, settings) -> dict[Path, str]:
    """Every page (but `cast_skip`'s) and bank, real people's names blanked (same length: offsets keep their lines)."""
    skip = set(settings.get("cast_skip") or [])
    pages = [p for p in sorted(docs_dir.rglob("*.md")) if p.relative_to(docs_dir).as_posix() not in skip]
    names = settings.get("real_people") or []
    real = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    texts = {p: p.read_text(encoding="utf-8") for p in pages + bank_files(quizzes_dir)}
    return {p: real.sub(lambda m: " " * len(m.group()), text) if real else text for p, text in texts.items()}


def _chunks(text: str):
    """(offset, piece) for each paragraph-sized piece of `text`."""
    start = 0
    for brk in _CHUNK_BREAK.finditer(text):
        if text[start:brk.start()].strip():
            yield start, text[start:brk.start()]
        start = brk.end()
    if text[start:].strip():
        yield start, text[start:]


def _has(words: set[str], name: str) -> bool:
    """Whether every word of `name` is among `words` (a quick test before the regex)."""
    return all(part in words for part in re.findall(r"\w+", name))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _entry_line(path: Path, name: str) -> int | None:
    """The line of `name: <name>` in a cast file."""
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(rf"\bname:\s*['\"]?{re.escape(name)}\b", line):
            return no
    return None


def problems(root: Path, docs_dir: Path, quizzes_dir: Path, shown, settings) -> list[BankError]:
    """Every clash between the stories and the cast lists; [] when the course has no quizzes/_cast/.
    `settings`: the plugin's (cast_skip, real_people)."""
    folder = quizzes_dir / "_cast"
    if not folder.is_dir():
        return []
    try:
        recurring, chapter = load_cast(folder)
    except (yaml.YAMLError, OSError, UnicodeDecodeError, AttributeError, KeyError, TypeError):
        return []  # checks.py reports a cast file that does not read, with its line
    found: set[tuple] = set()

    def add(path: Path, line: int | None, message: str) -> None:
        found.add((shown(path), line or 0, message))

    everyone = {name: entries[0][1] for name, entries in recurring.items()}
    for name, entries in chapter.items():
        if name in recurring:
            base = recurring[name][0][1]
            for where, person in entries:
                for trait in TRAITS:
                    if person.get(trait) is not None and person[trait] != base.get(trait):
                        add(where, _entry_line(where, name),
                            f"{name}'s {trait} is {person[trait]!r}, recurring.yml says {base.get(trait)!r}")
            continue
        if len(entries) > 1:
            where = entries[-1][0]
            add(where, _entry_line(where, name), f"{name} is listed by {', '.join(w.name for w, _ in entries)}: "
                "one person, one chapter (or move them to recurring.yml)")
        everyone[name] = entries[0][1]
    texts = course_texts(docs_dir, quizzes_dir, settings)
    words = {path: set(re.findall(r"\w+", text)) for path, text in texts.items()}  # cheap before each regex
    for name, entries in chapter.items():
        if name in recurring:
            continue
        listed = {f for _, person in entries for f in person.get("files") or []}
        used = {}
        for path, text in texts.items():
            hit = _has(words[path], name) and re.search(rf"\b{name}\b", text)
            if hit:
                used[display_path(path, root)] = (path, _line(text, hit.start()))
        for rel in sorted(set(used) - listed):
            path, line = used[rel]
            add(path, line, f"{name} appears here but the cast lists them only in {sorted(listed)}: "
                f"add this file to their 'files' in {entries[0][0].name}, or use another name")
        for rel in sorted(listed - set(used)):
            where = entries[0][0]
            add(where, _entry_line(where, name), f"lists {rel} for {name}, who is not in it")
    for path, text in texts.items():
        for offset, chunk in _chunks(text):
            here = set(re.findall(r"\w+", chunk))
            for match in LEANS.finditer(chunk):
                name, leaning = match.groups()
                person = everyone.get(name)
                if person and person.get("leans") not in (None, "varies", "unstated") and person["leans"] != leaning:
                    add(path, _line(text, offset + match.start()),
                        f"'{name} leans {leaning}', the cast says {person['leans']}")
            for name, person in everyone.items():
                years, partner = person.get("together_years"), person.get("partner")
                if years is None or not partner or not _has(here, name) or not _has(here, partner) \
                        or not re.search(rf"\b{name}\b", chunk) or not re.search(rf"\b{partner}\b", chunk):
                    continue
                for match in YEARS.finditer(chunk):
                    stated = (match.group(1) or match.group(2)).lower()
                    stated = NUMBERS.get(stated, int(stated) if stated.isdigit() else None)
                    if stated != years:
                        add(path, _line(text, offset + match.start()),
                            f"{name} and {partner} '{match.group(0)}', the cast says {years} years")
    return [BankError(file, line or None, message) for file, line, message in sorted(found)]
