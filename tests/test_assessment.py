"""Self-assessment scoring (hand-computed cases), its YAML checks (file:line), and the tools' build output."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizkit.course.assessment import (
    IncompleteAnswers, Item, ToolErrors, item_score, load_assessment, load_cycle, means, region_for,
    score, validate_assessment,
)
from quizkit.bank.course import doc_pages
from quizkit.bank.source import loads

ROOT = Path(__file__).resolve().parent.parent
YAML = ROOT / "quizzes" / "_tools" / "self-assessment.yml"
PAGES = set(doc_pages(ROOT / "docs"))


@pytest.fixture(scope="module")
def real():
    return load_assessment(YAML, "quizzes/_tools/self-assessment.yml", PAGES)


# ------------------------------------------------------------------ scoring
def test_reverse_key_is_eight_minus_answer():
    plain, rev = Item("a", "anxiety", "x"), Item("b", "anxiety", "x", reverse=True)
    assert [item_score(plain, x) for x in range(1, 8)] == [1, 2, 3, 4, 5, 6, 7]
    assert [item_score(rev, x) for x in range(1, 8)] == [7, 6, 5, 4, 3, 2, 1]


@pytest.mark.parametrize("bad", [0, 8, -1, 3.5, "4", None, True])
def test_answers_outside_the_scale_are_refused(bad):
    with pytest.raises(ValueError):
        item_score(Item("a", "anxiety", "x"), bad)


SMALL = [
    Item("a1", "anxiety", "t"), Item("a2", "anxiety", "t", reverse=True),
    Item("v1", "avoidance", "t"), Item("v2", "avoidance", "t", reverse=True),
]


def test_means_by_hand():
    # a1=6, a2=2 (reversed: 8-2=6) -> anxiety (6+6)/2 = 6.0
    # v1=3, v2=5 (reversed: 8-5=3) -> avoidance (3+3)/2 = 3.0
    m = means(SMALL, {"a1": 6, "a2": 2, "v1": 3, "v2": 5})
    assert m == {"anxiety": 6.0, "avoidance": 3.0}
    assert region_for(m["anxiety"], m["avoidance"]) == "anxious"
    # a1=1, a2=4 (-> 4): (1+4)/2 = 2.5;  v1=7, v2=2 (-> 6): (7+6)/2 = 6.5
    m = means(SMALL, {"a1": 1, "a2": 4, "v1": 7, "v2": 2})
    assert m == {"anxiety": 2.5, "avoidance": 6.5}
    assert region_for(m["anxiety"], m["avoidance"]) == "avoidant"


def test_real_items_all_sevens_and_all_ones(real):
    # 8 items per dimension, 4 of them reversed: the same answer to everything is the middle, 4.0 on both
    # (all 7s -> (4*7 + 4*1)/8; all 1s -> (4*1 + 4*7)/8), which counts as low ("secure")
    for same in (7, 1, 5):
        r = score(real, {i.id: same for i in real.items})
        assert (r.anxiety, r.avoidance, r.region) == (4.0, 4.0, "secure")


def test_real_items_mixed_case(real):
    # The same answers the browser test gives, in page order (hand-computed):
    answers = [6, 2, 5, 6, 2, 5, 1, 2, 6, 5, 3, 6, 5, 6, 7, 3]
    # anxiety: reply 6, okay 5, apart R 2->6, loved R 1->7, worth 6, argue R 3->5, fix 5, same R 7->1 = 41/8
    # avoidance: exit 2, help R 6->2, talk R 5->3, subject 2, needs 5, rely R 6->2, cosy R 6->2, boxed 3 = 21/8
    r = score(real, {item.id: v for item, v in zip(real.items, answers, strict=True)})
    assert r.anxiety == 41 / 8 == 5.125
    assert r.avoidance == 21 / 8 == 2.625
    assert r.region == "anxious"


def test_midpoint_exactly_counts_as_low():
    assert region_for(4, 4) == "secure"
    assert region_for(4.0, 4.125) == "avoidant"
    assert region_for(4.125, 4.0) == "anxious"
    assert region_for(4.125, 4.125) == "both"
    assert region_for(3.999, 7) == "avoidant"
    assert region_for(5, 5, midpoint=5) == "secure"


def test_all_neutral_is_secure(real):
    r = score(real, {i.id: 4 for i in real.items})
    assert (r.anxiety, r.avoidance, r.region) == (4.0, 4.0, "secure")


def test_incomplete_answers_name_what_is_missing(real):
    answers = {i.id: 4 for i in real.items}
    del answers[real.items[3].id], answers[real.items[10].id]
    with pytest.raises(IncompleteAnswers) as info:
        score(real, answers)
    assert info.value.missing == [real.items[3].id, real.items[10].id]
    with pytest.raises(IncompleteAnswers):
        means(SMALL, {"a1": 4, "a2": None, "v1": 4, "v2": 4})


def test_real_yaml_shape(real):
    assert 16 <= len(real.items) <= 20
    anx = [i for i in real.items if i.dimension == "anxiety"]
    avo = [i for i in real.items if i.dimension == "avoidance"]
    assert len(anx) == len(avo)
    assert any(i.reverse for i in anx) and any(i.reverse for i in avo)
    assert real.midpoint == 4 and len(real.scale) == 7


# --------------------------------------------------------- YAML validation
def _broken(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


def _errors(text: str, pages=PAGES) -> list[str]:
    _, errors = validate_assessment(loads(text, "quizzes/_tools/self-assessment.yml"), pages)
    return [str(e) for e in errors]


def test_real_yaml_is_valid():
    assert _errors(YAML.read_text()) == []


def test_unknown_key_points_at_its_line():
    text = _broken(YAML.read_text(), "    dimension: avoidance\n    reverse: true\n    text: When I am having",
                   "    dimension: avoidance\n    revers: true\n    text: When I am having")
    line = _line_of(text, "revers: true")
    assert _errors(text) == [f"quizzes/_tools/self-assessment.yml:{line}: statement 'sa-avo-help': unknown key 'revers'; did you mean 'reverse'?"]


def test_bad_dimension_points_at_its_line():
    text = _broken(YAML.read_text(), "  - id: sa-avo-exit\n    dimension: avoidance", "  - id: sa-avo-exit\n    dimension: avoidence")
    line = _line_of(text, "dimension: avoidence")
    assert _errors(text) == [f"quizzes/_tools/self-assessment.yml:{line}: statement 'sa-avo-exit': 'dimension' must be one of: anxiety, avoidance"]


def test_unbalanced_dimensions_and_missing_reverse():
    text = YAML.read_text()
    text = _broken(text, "  - id: sa-avo-boxed\n    dimension: avoidance", "  - id: sa-avo-boxed\n    dimension: anxiety")
    errors = _errors(text)
    items_line = _line_of(text, "items:")
    assert f"quizzes/_tools/self-assessment.yml:{items_line}: half the statements must be about each dimension: 9 anxiety, 7 avoidance; make them equal" in errors
    no_rev = re.sub(r"\n    reverse: true", "", YAML.read_text())
    assert any("no 'anxiety' statement is reverse-keyed" in e for e in _errors(no_rev))


def test_duplicate_id_and_wrong_midpoint():
    text = _broken(YAML.read_text(), "  - id: sa-avo-exit", "  - id: sa-anx-reply")
    line = _line_of(text, "- id: sa-avo-exit") if "sa-avo-exit" in text else None
    errors = _errors(text)
    dup_line = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "- id: sa-anx-reply"][1]
    assert f"quizzes/_tools/self-assessment.yml:{dup_line}: statement id 'sa-anx-reply' is already used on line {dup_line - 3}; ids must be unique" in errors
    assert line is None
    text = _broken(YAML.read_text(), "midpoint: 4", "midpoint: 3.5")
    assert _errors(text) == [f"quizzes/_tools/self-assessment.yml:{_line_of(text, 'midpoint:')}: 'midpoint' must be the middle of the 7-point scale (4), not 3.5"]


def test_too_few_items_and_missing_lesson_page():
    text = YAML.read_text()
    page = "origins/two-dimensions.md"  # linked from two regions: both links are reported
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == f"- {page}"]
    assert len(lines) == 2
    assert _errors(text.replace(page, "origins/no-such-page.md")) == [
        f"quizzes/_tools/self-assessment.yml:{n}: 'origins/no-such-page.md' is not a page in docs/; use a path like 'origins/anxious-roots.md'"
        for n in lines
    ]
    start = text.index("  - id: sa-avo-boxed")
    end = text.index("regions:")
    short = text[:start] + text[end:]
    errors = _errors(short)
    assert errors[0] == f"quizzes/_tools/self-assessment.yml:{_line_of(short, 'items:')}: 'items' has 15 entries; it needs at least 16"


def test_yaml_syntax_error_has_file_and_line(tmp_path):
    bad = tmp_path / "self-assessment.yml"
    bad.write_text("title: x\nitems:\n  - id: a\n    text: one: two\n")
    with pytest.raises(Exception) as info:
        load_assessment(bad, "quizzes/_tools/self-assessment.yml")
    assert str(info.value).startswith("quizzes/_tools/self-assessment.yml:4: YAML syntax error")


def test_cycle_yaml_checks(tmp_path):
    cycle = load_cycle(ROOT / "quizzes" / "_tools" / "cycle.yml")
    assert [s.id for s in cycle.steps] == ["trigger", "alarm", "pursuit", "withdrawal", "loop"]
    text = (ROOT / "quizzes" / "_tools" / "cycle.yml").read_text().replace("      need: To feel that the bond is still there.\n", "", 1)
    path = tmp_path / "cycle.yml"
    path.write_text(text)
    with pytest.raises(ToolErrors) as info:
        load_cycle(path, "quizzes/_tools/cycle.yml")
    line = _line_of(text, "    pursuing:")
    assert str(info.value) == f"quizzes/_tools/cycle.yml:{line}: step 'trigger': 'need' is missing; add it"


def test_broken_tools_yaml_stops_the_build(fixture_copy, tmp_path):
    from tests.conftest import mkdocs_build

    tools = fixture_copy / "quizzes" / "_tools"
    tools.mkdir()
    text = _broken(YAML.read_text(), "    dimension: avoidance\n    reverse: true\n    text: When I am having",
                   "    dimension: avoidance\n    revers: true\n    text: When I am having")
    (tools / "self-assessment.yml").write_text(text)
    result = mkdocs_build(fixture_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert f"quizzes/_tools/self-assessment.yml:{_line_of(text, 'revers: true')}: statement 'sa-avo-help': unknown key 'revers'" in result.stderr + result.stdout


# ------------------------------------------------------------ build output
def _json_in(html: str, marker: str) -> dict:
    """The tool's data: an attribute on its root (a <script> in the content would not survive instant navigation)."""
    import html as html_lib

    match = re.search(marker + r' data-aa-data="([^"]*)"', html)
    assert match, marker
    return json.loads(html_lib.unescape(match.group(1)))


def test_rendered_assessment_carries_the_midpoint(course_site, real):
    html = (course_site / "self-assessment" / "index.html").read_text()
    data = _json_in(html, "data-aa-assessment")
    assert data["midpoint"] == real.midpoint
    assert [i["id"] for i in data["items"]] == [i.id for i in real.items]
    assert [i["rev"] for i in data["items"]] == [i.reverse for i in real.items]
    assert html.count('type="radio" name="sa-sa-') == 7 * len(real.items) + sum(len(d.options) for d in real.dance_items)
    assert ' style="' not in html and "<script>" not in html


def test_progress_map_follows_the_nav_and_every_graded_question(course_site):
    import yaml
    from quizkit.bank.course import load_course
    from quizkit.render.widget import fingerprint

    html = (course_site / "progress" / "index.html").read_text()
    data = _json_in(html, "data-aa-progress")
    nav = yaml.load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""), Loader=yaml.BaseLoader)["nav"]
    chapter_titles = [list(entry)[0] for entry in nav if isinstance(entry, dict) and isinstance(list(entry.values())[0], list)]
    assert [c["title"] for c in data["chapters"]] == [t for t in chapter_titles if t not in ("Tools", "About")]
    course = load_course(ROOT / "docs", ROOT / "quizzes")
    expected = {q.id: fingerprint(q) for bank in course.banks.values() for q in bank.graded()}
    got = {q["id"]: q["h"] for c in data["chapters"] for lesson in c["lessons"] for q in lesson["questions"]}
    assert got == expected
    quiz = [lesson for c in data["chapters"] for lesson in c["lessons"] if lesson["kind"] == "chapter-quiz"]
    assert len(quiz) == len(data["chapters"])
    assert all(q["review"] and "#" in q["review"] for lesson in quiz for q in lesson["questions"])


def test_cycle_renders_static_steps(course_site):
    html = (course_site / "cycle" / "the-loop" / "index.html").read_text()
    assert "/// cycle-diagram" not in html
    assert html.count('class="cy-step"') == 5
    assert 'role="img"' in html and 'id="cy-desc"' in html
    assert ' style="' not in html


def test_statement_set_changes_with_what_a_score_means():
    """Stored results carry statement_set(items): rewording keeps it, re-keying or adding a statement changes it."""
    from dataclasses import replace

    from quizkit.course.assessment import statement_set

    items = load_assessment(YAML).items
    base = statement_set(items)
    assert len(base) == 12 and base == statement_set(list(items))
    assert statement_set([replace(items[0], text="Reworded.")] + items[1:]) == base
    assert statement_set([replace(items[0], reverse=not items[0].reverse)] + items[1:]) != base
    assert statement_set(items + [Item("sa-new", "anxiety", "New.")]) != base
    assert statement_set(items[1:] + items[:1]) != base  # the order is part of the page's numbering
