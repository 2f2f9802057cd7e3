"""`build_quizzes.py new`, `stats`, `schema-comments`, and the editor's schema hint on every bank."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, mkdocs_build  # noqa: E402
from quizkit.bank.course import bank_files, load_course
from quizkit.authoring.scaffold import SCHEMA_COMMENT, add_to_nav, ensure_schema_comment

QUESTION_TYPES = {"single", "multiple", "truefalse", "ordering", "matching", "scenario", "likert", "reflection"}


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(root), *args],
                          capture_output=True, text=True, cwd=root)


def test_new_lesson_scaffold_builds_clean(fixture_copy, tmp_path):
    before = (fixture_copy / "mkdocs.yml").read_text()
    result = run(fixture_copy, "new", "basics/third-lesson")
    assert result.returncode == 0, result.stderr
    assert "add an outcome there" in result.stdout and "quizzes/_outcomes/basics.yml" in result.stdout, result.stdout
    page = fixture_copy / "docs/basics/third-lesson.md"
    bank = fixture_copy / "quizzes/basics/third-lesson.yml"
    text = page.read_text()
    assert text.startswith("---\ntitle: Third lesson\n") and "\n# Third lesson\n" in text
    assert len(re.findall(r"^## .*\{#[a-z-]+\}$", text, re.M)) >= 2
    raw = bank.read_text()
    assert raw.splitlines()[0] == "# yaml-language-server: $schema=../../_schema/bank.schema.json" or \
        raw.splitlines()[0] == SCHEMA_COMMENT + os.path.relpath(fixture_copy / "quizzes/_schema/bank.schema.json", bank.parent)
    data = yaml.safe_load(raw)
    types = {q["type"] for q in data["questions"]}
    assert types == QUESTION_TYPES
    ids = [q["id"] for q in data["questions"]] + [s["id"] for q in data["questions"] for s in q.get("questions", [])]
    assert len(ids) == len(set(ids)) and all(i.startswith("basics-third-lesson-") for i in ids)
    # nav: one line added after the chapter's last entry, nothing else changed
    after = (fixture_copy / "mkdocs.yml").read_text()
    assert after.replace("  - basics/third-lesson.md\n", "", 1) == before
    assert after.index("basics/second-lesson.md") < after.index("basics/third-lesson.md") < after.index("get-help.md")
    course = load_course(fixture_copy / "docs", fixture_copy / "quizzes")
    assert [str(e) for e in course.errors] == [] and course.missing == []
    assert "basics/third-lesson.md" in course.banks
    built = mkdocs_build(fixture_copy / "mkdocs.yml", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "out/basics/third-lesson/index.html").read_text()
    assert 'data-qz-id="basics-third-lesson-matching"' in html


def test_the_scaffold_bank_shows_every_field_working(fixture_copy, tmp_path):
    """The example single-choice question has a wrong option without feedback, so its nudge can show."""
    assert run(fixture_copy, "new", "basics/third-lesson").returncode == 0
    data = yaml.safe_load((fixture_copy / "quizzes/basics/third-lesson.yml").read_text())
    single = next(q for q in data["questions"] if q["type"] == "single")
    assert single["nudge"] and [o for o in single["options"] if not o.get("correct") and "feedback" not in o]
    assert mkdocs_build(fixture_copy / "mkdocs.yml", tmp_path / "out").returncode == 0
    html = (tmp_path / "out/basics/third-lesson/index.html").read_text()
    assert "like the third option" in html  # the nudge, rendered for the widget to show


def test_a_new_lesson_is_listed_on_its_chapter_page_without_editing_it(fixture_copy, tmp_path):
    from bs4 import BeautifulSoup
    index = fixture_copy / "docs/basics/index.md"
    index.write_text("# Basics\n\n## In this chapter {#lessons}\n\n<!-- lessons -->\n\nThen try the quiz.\n")
    config = fixture_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - basics/first-lesson.md\n", "  - basics/index.md\n  - basics/first-lesson.md\n"))
    before = index.read_text()
    assert run(fixture_copy, "new", "basics/third-lesson").returncode == 0
    assert index.read_text() == before
    built = mkdocs_build(config, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((tmp_path / "out/basics/index.html").read_text(), "html.parser")
    listed = page.find(id="lessons").find_next("ol").find_all("li")
    assert [(li.a.get_text(), li.a["href"]) for li in listed] == [
        ("First lesson", "first-lesson/"), ("Second lesson", "second-lesson/"), ("Third lesson", "third-lesson/")]
    assert "One sentence on what this lesson helps the reader understand." in listed[2].get_text()
    assert re.search(r"\(\d+ min read\)$", listed[2].get_text())


def test_new_refuses_to_overwrite(fixture_copy):
    lesson = fixture_copy / "docs/basics/first-lesson.md"
    original = lesson.read_text()
    cfg = (fixture_copy / "mkdocs.yml").read_text()
    result = run(fixture_copy, "new", "basics/first-lesson")
    assert result.returncode == 1
    assert "docs/basics/first-lesson.md, quizzes/basics/first-lesson.yml already exists; nothing was written" in result.stderr
    assert lesson.read_text() == original and (fixture_copy / "mkdocs.yml").read_text() == cfg


@pytest.mark.parametrize("bad", ["basics", "Basics/Lesson", "a/b/c", "basics/two  words"])
def test_new_rejects_bad_names(fixture_copy, bad):
    result = run(fixture_copy, "new", bad)
    assert result.returncode == 1 and "is not a CHAPTER/LESSON name" in result.stderr


REAL_NAV_TAIL = """\
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - pymdownx.snippets:
      base_path: !relative $config_dir
nav:
  - Home: index.md
  # chapter one
  - Where it starts:
      - origins/index.md
      - origins/the-pattern.md
      - origins/quiz.md
  - Tools:
      - Where do I lean?: self-assessment.md
  - About:
      - Privacy: about/privacy.md
"""


def test_nav_insert_before_chapter_quiz_keeps_tags_and_comments():
    text, note = add_to_nav(REAL_NAV_TAIL, "origins", "new-one")
    assert text == REAL_NAV_TAIL.replace("      - origins/quiz.md", "      - origins/new-one.md\n      - origins/quiz.md")
    assert "before origins/quiz.md" in note


def test_nav_new_section_at_end():
    text, note = add_to_nav(REAL_NAV_TAIL, "healing", "first-steps")
    assert text == REAL_NAV_TAIL + "  - Healing:\n      - healing/first-steps.md\n"
    again, note2 = add_to_nav(text, "healing", "first-steps")
    assert again == text and "already lists" in note2


def test_nav_end_of_section_without_quiz():
    text, _ = add_to_nav(REAL_NAV_TAIL.replace("      - origins/quiz.md\n", ""), "origins", "late")
    assert "      - origins/the-pattern.md\n      - origins/late.md\n  - Tools:" in text


def test_real_mkdocs_yml_insert_is_one_line():
    original = (ROOT / "mkdocs.yml").read_text()
    text, _ = add_to_nav(original, "cycle", "after-the-fight")
    assert text.count("\n") == original.count("\n") + 1
    assert "      - cycle/after-the-fight.md\n      - cycle/quiz.md" in text


def test_every_bank_has_the_schema_comment():
    quizzes = ROOT / "quizzes"
    schema = (quizzes / "_schema/bank.schema.json").resolve()
    banks = bank_files(quizzes)
    assert banks
    for bank in banks:
        first = bank.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_COMMENT), f"{bank}: first line should be the schema comment"
        assert (bank.parent / first[len(SCHEMA_COMMENT):]).resolve() == schema, bank


def test_schema_comment_script_adds_only_that_line(tmp_path):
    quizzes = tmp_path / "quizzes"
    (quizzes / "ch" / "deep").mkdir(parents=True)
    bank = quizzes / "ch" / "deep" / "x.yml"
    body = b"# a comment kept as is\nquestions: []  # trailing\n"
    bank.write_bytes(body)
    assert ensure_schema_comment(bank, quizzes) is True
    assert bank.read_bytes() == b"# yaml-language-server: $schema=../../_schema/bank.schema.json\n" + body
    assert ensure_schema_comment(bank, quizzes) is False


def test_vscode_settings_map_banks_to_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    (schema, globs), = mapping.items()
    assert (ROOT / schema).resolve() == (ROOT / "quizzes/_schema/bank.schema.json").resolve()
    assert "quizzes/**/*.yml" in globs


def test_stats_by_outcome_and_thin_lessons(fixture_copy):
    outcomes = fixture_copy / "quizzes/_outcomes"
    outcomes.mkdir()
    (outcomes / "basics.yml").write_text(
        "- concept: 1\n  id: trigger\n  text: Spot a trigger.\n  taught_in: basics/first-lesson.md#trigger\n"
        "  tested_by: [fx-single, fx-scenario-1]\n"
        "- concept: 2\n  id: loop\n  text: Trace the loop.\n  taught_in: basics/first-lesson.md#loop\n  tested_by: [fx-gone]\n"
    )
    bank = fixture_copy / "quizzes/basics/second-lesson.yml"
    data = bank.read_text()
    bank.write_text(data[: data.index("  - id: fx-likert")])  # leaves the scenario's two questions
    result = run(fixture_copy, "stats")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"^\s+1 basics/trigger\s+2$", out, re.M), out
    assert re.search(r"^\s+2 basics/loop\s+0\s+<- no question tests this yet\s+<- unknown id\(s\): fx-gone$", out, re.M), out
    thin = out.split("Lessons with fewer than three questions", 1)[1]
    assert "quizzes/basics/second-lesson.yml: only 2 question(s)" in thin
    assert "first-lesson" not in thin
    figures = out.split("Lessons: words of prose, reading grade", 1)[1]
    assert re.search(r"^\s+docs/basics/first-lesson\.md\s+\d+\s+-?\d+\.\d$", figures, re.M), figures
    assert "quiz.md" not in figures


def test_outcomes_api():
    from quizkit.course.outcomes import Outcome, load_outcomes
    outcomes = load_outcomes(ROOT / "quizzes/_outcomes")
    assert outcomes and all(isinstance(o, Outcome) for o in outcomes)
    first = outcomes[0]
    assert isinstance(first.concept, int) and isinstance(first.tested_by, list) and first.line >= 1
    text = Path(first.source).read_text().splitlines()
    assert f"concept: {first.concept}" in text[first.line - 1]
