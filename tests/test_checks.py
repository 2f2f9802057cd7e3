"""One check for every YAML file under quizzes/: `check` and the build say `file:line: what to fix`, never a traceback."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.course.checks import check_all

from .conftest import ROOT, mkdocs_build

BROKEN = {
    # file under quizzes/, its text, the message expected (line and words)
    "_outcomes/basics.yml": ("- concept: 1\n  id: one\n  text: [not, text]\n", r"_outcomes/basics\.yml:3: 'text' must be text"),
    "_outcomes/syntax.yml": ("- concept: 1\n  id: one\n   text: bad indent\n", r"_outcomes/syntax\.yml:3: YAML syntax error"),
    "_tools/cycle.yml": ("title: T\ndescription: D\nsteps: 3\n", r"_tools/cycle\.yml:3: .*list"),
    "_tools/self-assessment.yml": ("items: [\n", r"_tools/self-assessment\.yml:2: YAML syntax error"),
    "_tools/extra.yml": ("a: 1\n", r"_tools/extra\.yml: not a course tool"),
    "_cast/basics.yml": ("people:\n  - name: Sam\n    partner: Alex\n    pronuons: they/them\n",
                         r"_cast/basics\.yml:4: .*unknown key 'pronuons'.*did you mean 'pronouns'"),
    "_cast/partner.yml": ("people:\n  - name: Sam\n    partner: Alex\n", r"_cast/partner\.yml:3: .*partner 'Alex' is not one of the people"),
    "_cast/years.yml": ("people:\n  - name: Sam\n    together_years: [1, 2]\n",
                        r"_cast/years\.yml:3: .*'together_years' must be a number or text"),
    "_help/lines.yml": ("checked: 2026-13\nwords: {}\n", r"_help/lines\.yml:1: 'checked' must be the month"),
    "_help/extra.yml": ("a: 1\n", r"_help/extra\.yml: not a help lines file"),
    "_stray/x.yml": ("a: 1\n", r"_stray: folders starting with '_' are not banks"),
}


def _course(tmp: Path) -> Path:
    dest = tmp / "course"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", dest)
    cfg = dest / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/"))
    return dest


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_reports_every_course_file_with_its_line(tmp_path, name):
    course = _course(tmp_path)
    text, expected = BROKEN[name]
    path = course / "quizzes" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(course), "check"],
                            capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^quizzes/" + expected, output, re.M), output
    assert "Traceback" not in output


@pytest.mark.slow
@pytest.mark.parametrize("name", ["_outcomes/basics.yml", "_tools/cycle.yml", "_cast/basics.yml"])
def test_the_build_reports_them_too(tmp_path, name):
    course = _course(tmp_path)
    text, expected = BROKEN[name]
    path = course / "quizzes" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = mkdocs_build(course / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"quizzes/" + expected, output), output
    assert "Traceback" not in output


def test_a_valid_cast_passes(tmp_path):
    course = _course(tmp_path)
    (course / "quizzes" / "_cast").mkdir()
    (course / "quizzes" / "_cast" / "basics.yml").write_text(
        "people:\n  - {name: Sam, pronouns: they/them, leans: anxious, role: pursuing, partner: Alex, together_years: 4,"
        " files: [basics/first-lesson.md]}\n  - {name: Alex, pronouns: he/him, partner: Sam}\n")
    checked = check_all(course / "docs", course / "quizzes", display_root=course)
    assert checked.errors == []


def test_a_partner_may_live_in_another_cast_file(tmp_path):
    """Recurring couples are listed once (recurring.yml); a chapter's file may name one of them as a partner."""
    course = _course(tmp_path)
    cast = course / "quizzes" / "_cast"
    cast.mkdir()
    (cast / "recurring.yml").write_text("people:\n  - {name: Alex, partner: null, together_years: null}\n")
    (cast / "basics.yml").write_text("people:\n  - {name: Sam, partner: Alex, files: [basics/first-lesson.md]}\n")
    assert check_all(course / "docs", course / "quizzes", display_root=course).errors == []
    (cast / "recurring.yml").unlink()
    errors = [str(e) for e in check_all(course / "docs", course / "quizzes", display_root=course).errors]
    assert len(errors) == 1 and re.match(r"quizzes/_cast/basics\.yml:2: .*partner 'Alex' is not one of the people", errors[0]), errors


# Random text in any course file: always a located message, never an exception.
KEYS = ["concept", "id", "text", "taught_in", "tested_by", "people", "name", "partner", "files", "together_years",
        "title", "description", "steps", "items", "regions", "dimension", "reverse", "scale", "midpoint"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 9), st.text(max_size=8), st.sampled_from(KEYS))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
                      max_leaves=20)
LOCATED = re.compile(r"^quizzes/_[a-z]+/[\w.-]+\.yml(:\d+)?: \S")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["_outcomes/ch.yml", "_tools/cycle.yml", "_tools/self-assessment.yml", "_cast/ch.yml",
                        "_help/lines.yml"]),
       st.one_of(st.text(max_size=120), values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))))
def test_random_course_files_never_crash(name, text):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "docs" / "ch").mkdir(parents=True)
        (root / "docs" / "ch" / "lesson.md").write_text("# Lesson\n")
        path = root / "quizzes" / name
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        checked = check_all(root / "docs", root / "quizzes", display_root=root)
        for error in checked.errors:
            assert LOCATED.match(str(error)) or str(error).startswith("quizzes/ch"), str(error)
            assert "could not be checked" not in str(error), str(error)
