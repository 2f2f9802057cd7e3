"""One cast: every story agrees with the cast lists in quizzes/_cast/ (names, leanings, years), as `make check`
and the preview say it (the rule: quizkit/authoring/cast.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.authoring import cast
from quizkit.authoring.cli import _mkdocs_settings
from quizkit.authoring.content import check_content
from quizkit.authoring.preview import Preview
from quizkit.bank.course import load_course
from quizkit.bank.source import display_path

from .conftest import ROOT

CAST_DIR = ROOT / "quizzes" / "_cast"


def problems(root: Path = ROOT) -> list[str]:
    """The cast rule's findings (quizkit/authoring/cast.py), as `make check` prints them with our mkdocs.yml's settings."""
    settings = _mkdocs_settings(ROOT)["plugin"]  # cast_skip (the guide's examples), real_people
    return [str(e) for e in cast.problems(root, root / "docs", root / "quizzes", lambda p: display_path(p, root), settings)]


# "Positions, not identities" (cycle/two-fears.md#positions): the stories must show a lean and a
# position coming apart, not only anxious pursuers and avoidant withdrawers (issue 23, B1).
APART = {("anxious", "withdrawer"): "an anxious-leaning withdrawer",
         ("avoidant", "pursuer"): "an avoidant-leaning pursuer",
         ("secure", None): "a secure-leaning partner"}


def load_cast(folder: Path = CAST_DIR) -> tuple[dict, dict]:
    return cast.load_cast(folder)


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
    assert any(p.startswith("docs/a/two.md:1: Elena appears") for p in problems(tiny_course))
    assert "docs/a/one.md:3: Marcus and Theo 'dated for three years', the cast says 6 years" in found


def test_make_check_and_the_preview_report_a_clash_with_its_line(tiny_course):
    (tiny_course / "docs" / "a" / "one.md").write_text("Elena texts again.\n\nElena leans avoidant.\n")
    said = [str(e) for e in check_content(tiny_course, tiny_course / "docs", tiny_course / "quizzes", {}, ())]
    assert said == ["docs/a/one.md:3: 'Elena leans avoidant', the cast says anxious"]
    docs, quizzes = tiny_course / "docs", tiny_course / "quizzes"
    course = load_course(docs, quizzes, exempt=(), display_root=tiny_course)
    preview = Preview(tiny_course, docs, quizzes, {}, (), course, "en")
    assert preview.items("a/one.md") == ["docs/a/one.md:3: 'Elena leans avoidant', the cast says anxious"]
