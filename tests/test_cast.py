"""One cast: every story agrees with the cast lists in quizzes/_cast/ (names, leanings, years)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

CAST_DIR = ROOT / "quizzes" / "_cast"
TRAITS = ("pronouns", "leans", "role", "partner", "together_years")
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_N = r"(\d+|" + "|".join(NUMBERS) + r")"
# "dating for three years", "married six years", "four years together" (not "twenty-five years later").
YEARS = re.compile(rf"\b(?:together|dat(?:ing|ed)|married|a couple)\b[^.]{{0,40}}?(?<![-\w]){_N}[ -]years?\b"
                   rf"|(?<![-\w]){_N}[ -]years? (?:together|of (?:marriage|dating))\b", re.I)
# Real people the course names beside its characters' first names.
NOT_CHARACTERS = re.compile(r"\b(?:Chris Fraley|Sue Johnson|John Gottman|Les Greenberg)\b")
LEANS = re.compile(r"\b([A-Z][a-z]+) (?:still |usually |mostly |often )?leans (anxious|avoidant|secure|fearful)")


def load_cast(folder: Path = CAST_DIR) -> tuple[dict, dict]:
    """Recurring people by name, and chapter people by name (each with the file it came from)."""
    recurring, chapter = {}, {}
    for path in sorted(folder.glob("*.yml")):
        people = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("people") or []
        target = recurring if path.stem == "recurring" else chapter
        for person in people:
            target.setdefault(person["name"], []).append((path.name, person))
    return recurring, chapter


def course_texts(root: Path = ROOT) -> dict[str, str]:
    files = sorted((root / "docs").rglob("*.md")) + sorted(
        p for p in (root / "quizzes").rglob("*.yml") if "_cast" not in p.parts and "_schema" not in p.parts)
    return {p.relative_to(root).as_posix(): NOT_CHARACTERS.sub("", p.read_text(encoding="utf-8")) for p in files
            if p.name not in ("references.md", "authoring.md")}  # sources, and the guide's examples


def chunks(text: str) -> list[str]:
    """Paragraph-sized pieces: a story's years and leanings are stated near its names."""
    return [c for c in re.split(r"\n\s*\n|\n\s*- id:", text) if c.strip()]


def problems(root: Path = ROOT) -> list[str]:
    recurring, chapter = load_cast(root / "quizzes" / "_cast")
    found = []
    everyone = {}
    for name, entries in recurring.items():
        everyone[name] = entries[0][1]
    for name, entries in chapter.items():
        if name in recurring:
            base = recurring[name][0][1]
            for where, person in entries:
                for trait in TRAITS:
                    if person.get(trait) is not None and person[trait] != base.get(trait):
                        found.append(f"{where}: {name}'s {trait} is {person[trait]!r}, recurring.yml says {base.get(trait)!r}")
            continue
        if len(entries) > 1:
            found.append(f"{name} is listed by {', '.join(w for w, _ in entries)}: one person, one chapter "
                         "(or move them to recurring.yml)")
        everyone[name] = entries[0][1]
    texts = course_texts(root)
    for name, entries in chapter.items():
        if name in recurring:
            continue
        listed = {f for _, person in entries for f in person.get("files") or []}
        used = {path for path, text in texts.items() if re.search(rf"\b{name}\b", text)}
        for path in sorted(used - listed):
            found.append(f"{path}: {name} appears here but the cast lists them only in {sorted(listed)}")
        for path in sorted(listed - used):
            found.append(f"{entries[0][0]}: lists {path} for {name}, who is not in it")
    for path, text in texts.items():
        for chunk in chunks(text):
            for name, leaning in LEANS.findall(chunk):
                person = everyone.get(name)
                if person and person.get("leans") not in (None, "varies", "unstated") and person["leans"] != leaning:
                    found.append(f"{path}: '{name} leans {leaning}', the cast says {person['leans']}")
            for name, person in everyone.items():
                years, partner = person.get("together_years"), person.get("partner")
                if years is None or not partner or not re.search(rf"\b{name}\b", chunk) \
                        or not re.search(rf"\b{partner}\b", chunk):
                    continue
                for match in YEARS.finditer(chunk):
                    stated = (match.group(1) or match.group(2)).lower()
                    stated = NUMBERS.get(stated, int(stated) if stated.isdigit() else None)
                    if stated != years:
                        found.append(f"{path}: {name} and {partner} '{match.group(0)}', the cast says {years} years")
    return sorted(set(found))


def test_every_story_agrees_with_the_cast():
    assert problems() == []


# "Positions, not identities" (cycle/two-fears.md#positions): the stories must show a lean and a
# position coming apart, not only anxious pursuers and avoidant withdrawers (issue 23, B1).
APART = {("anxious", "withdrawer"): "an anxious-leaning withdrawer",
         ("avoidant", "pursuer"): "an avoidant-leaning pursuer",
         ("secure", None): "a secure-leaning partner"}


def missing_counterexamples(folder: Path = CAST_DIR) -> list[str]:
    recurring, chapter = load_cast(folder)
    people = [p for entries in list(recurring.values()) + list(chapter.values()) for _, p in entries
              if p.get("files") or p["name"] in recurring]
    found = {(p.get("leans"), p.get("role")) for p in people} | {(p.get("leans"), None) for p in people}
    return [what for key, what in APART.items() if key not in found]


def test_positions_and_leans_come_apart_in_the_stories():
    assert missing_counterexamples() == []


def test_the_counterexample_rule_can_fail(tiny_course):
    assert set(missing_counterexamples(tiny_course / "quizzes" / "_cast")) == set(APART.values())


def test_cast_lists_exist_for_every_chapter():
    chapters = {p.stem for p in (ROOT / "quizzes" / "_outcomes").glob("*.yml")}
    assert chapters and chapters <= {p.stem for p in CAST_DIR.glob("*.yml")}


@pytest.fixture
def tiny_course(tmp_path):
    (tmp_path / "docs" / "a").mkdir(parents=True)
    (tmp_path / "quizzes" / "_cast").mkdir(parents=True)
    (tmp_path / "quizzes" / "_cast" / "recurring.yml").write_text(
        "people:\n  - {name: Marcus, pronouns: he, leans: anxious, role: pursuer, partner: Theo, together_years: 6}\n"
        "  - {name: Theo, pronouns: he, leans: avoidant, role: withdrawer, partner: Marcus, together_years: 6}\n")
    (tmp_path / "quizzes" / "_cast" / "a.yml").write_text(
        "people:\n  - {name: Elena, leans: anxious, files: [docs/a/one.md]}\n")
    return tmp_path


def test_the_cast_check_catches_each_kind_of_clash(tiny_course):
    page = tiny_course / "docs" / "a" / "one.md"
    page.write_text("Elena texts again.\n\nMarcus and Theo have been together six years.\n")
    assert problems(tiny_course) == []
    page.write_text("Elena leans avoidant.\n\nMarcus and Theo have dated for three years.\n\nTheo leans anxious.\n")
    found = "\n".join(problems(tiny_course))
    assert "Elena leans avoidant" in found and "three years" in found and "Theo leans anxious" in found
    other = tiny_course / "docs" / "a" / "two.md"
    other.write_text("Elena again, in a page the cast does not list.\n")
    assert any("two.md: Elena appears" in p for p in problems(tiny_course))
