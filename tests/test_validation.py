"""Broken banks: each must stop with the exact `file:line: what to fix` message."""
from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from quizkit.bank.course import load_course
from quizkit.bank.source import loads

LESSON = "# Lesson\n\n## The trigger {#trigger}\n\nText.\n\n## The loop\n\nText.\n"

GOOD_Q = """\
  - id: ch-q
    type: single
    prompt: Which?
    options:
      - {text: A, correct: true, feedback: Yes.}
      - {text: B, feedback: No.}
    explanation: Because.
"""

# name -> (bank text, expected messages). Line numbers are the author's line numbers.
CASES = {
    "yaml syntax": (
        "questions:\n  - id: ch-q\n    prompt: Why: because\n",
        ["quizzes/ch/lesson.yml:3: YAML syntax error: mapping values are not allowed in this context (a value contains ': '; put the whole text in quotes or use a '>-' block)"],
    ),
    "quoted speech followed by more text": (
        GOOD_Q.replace("{text: B, feedback: No.}", 'text: "Fine. Do whatever…" she says\n        feedback: No.'),
        ["quizzes/ch/lesson.yml:7: YAML syntax error: did not find expected key; the text starts with a quote, so YAML "
         "ends it at the closing quote. Write the whole text in single quotes, doubling any ' inside it:\n"
         """      - text: '"Fine. Do whatever…" she says'\n"""
         "or as a block, the text indented on the next line:\n"
         "      - text: >-\n"
         """          "Fine. Do whatever…" she says"""],
    ),
    "quoted speech with an apostrophe": (
        GOOD_Q.replace("prompt: Which?", "prompt: 'It's fine,' Sam says. Which?"),
        ["quizzes/ch/lesson.yml:4: YAML syntax error: did not find expected key; the text starts with a quote, so YAML "
         "ends it at the closing quote. Write the whole text in single quotes, doubling any ' inside it:\n"
         "    prompt: '''It''s fine,'' Sam says. Which?'\n"
         "or as a block, the text indented on the next line:\n"
         "    prompt: >-\n"
         "      'It's fine,' Sam says. Which?"],
    ),
    "quoted speech inside braces": (
        GOOD_Q.replace("{text: B, feedback: No.}", """{text: "Fine, do it," Noor says, feedback: It's a retreat.}"""),
        ["quizzes/ch/lesson.yml:7: YAML syntax error: did not find expected ',' or '}'; inside { } a text ends at a comma, "
         "and a text that starts with a quote ends at its closing quote. Write it one key a line, the text in single "
         "quotes (doubling any ' inside it):\n"
         """      - text: '"Fine, do it," Noor says'\n"""
         "        feedback: It's a retreat."],
    ),
    "a key indented too far (author walk 8)": (
        GOOD_Q.replace("      - {text: A, correct: true, feedback: Yes.}",
                       "      - text: A\n        correct: true\n          feedback: Yes."),
        ["quizzes/ch/lesson.yml:8: YAML syntax error: mapping values are not allowed in this context; check the "
         "indentation of line 8 against line 7: it starts 2 spaces further in, so YAML reads it as part of line 7's "
         "text. Keys of one question or option start in the same column (the same number of spaces)"],
    ),
    "tab indentation": (
        "questions:\n\t- id: ch-q\n",
        ["quizzes/ch/lesson.yml:2: YAML syntax error: found character that cannot start any token (indent with spaces, not tabs)"],
    ),
    "unknown key with a near miss": (
        GOOD_Q.replace("correct: true", "corect: true"),
        ["quizzes/ch/lesson.yml:6: question 'ch-q': unknown key 'corect'; did you mean 'correct'?"],
    ),
    "missing answer": (
        GOOD_Q.replace(", correct: true", ""),
        ["quizzes/ch/lesson.yml:5: question 'ch-q': no option is marked 'correct: true'; mark the right answer"],
    ),
    "true/false answer naming no option": (
        "  - id: ch-q\n    type: truefalse\n    prompt: Is it?\n    answer: maybe\n    explanation: E.\n",
        ["quizzes/ch/lesson.yml:5: question 'ch-q': 'answer' must be true or false (unquoted), not 'maybe'"],
    ),
    "two answers on a single choice": (
        GOOD_Q.replace("{text: B, feedback", "{text: B, correct: true, feedback"),
        ["quizzes/ch/lesson.yml:5: question 'ch-q': 2 options are marked correct, but a single-choice question has exactly one; use 'type: multiple' for more"],
    ),
    "unknown type": (
        GOOD_Q.replace("type: single", "type: singel"),
        ["quizzes/ch/lesson.yml:3: question 'ch-q': unknown question type 'singel' (did you mean 'single'?); use one of: single, multiple, truefalse, ordering, matching, likert, reflection, scenario"],
    ),
    "missing explanation": (
        GOOD_Q.replace("    explanation: Because.\n", ""),
        ["quizzes/ch/lesson.yml:2: question 'ch-q': 'explanation' is missing; add an explanation that teaches the idea behind the answer"],
    ),
    "duplicate key": (
        GOOD_Q.replace("    explanation: Because.\n", "    explanation: Because.\n    prompt: Again?\n"),
        ["quizzes/ch/lesson.yml:9: duplicate key 'prompt' (first on line 4); keep only one"],
    ),
    "matching pair feedback left empty": (
        "questions:\n  - id: ch-m\n    type: matching\n    prompt: Match.\n    explanation: E.\n    pairs:\n"
        "      - {left: A, right: B}\n      - left: C\n        right: D\n        feedback:\n      - {left: E, right: F}\n",
        ["quizzes/ch/lesson.yml:10: question 'ch-m': 'feedback' is empty; write text"],
    ),
    "matching pair feedback as a list": (
        "questions:\n  - id: ch-m\n    type: matching\n    prompt: Match.\n    explanation: E.\n    pairs:\n"
        "      - {left: A, right: B, feedback: [x]}\n      - {left: C, right: D}\n      - {left: E, right: F}\n",
        ["quizzes/ch/lesson.yml:7: question 'ch-m': 'feedback' must be text"],
    ),
    "bad id": (
        GOOD_Q.replace("id: ch-q", "id: Ch Q"),
        ["quizzes/ch/lesson.yml:2: question 'Ch Q': id 'Ch Q' must be lowercase letters, digits and single hyphens, like 'cycle-trigger-text'"],
    ),
    "yes read as a boolean": (
        GOOD_Q.replace("{text: B,", "{text: yes,"),
        ["quizzes/ch/lesson.yml:7: question 'ch-q': 'text' must be text, but YAML read it as true; put the text in quotes"],
    ),
    "too few options": (
        GOOD_Q.replace("      - {text: B, feedback: No.}\n", ""),
        ["quizzes/ch/lesson.yml:5: question 'ch-q': 'options' has 1 entry; it needs at least 2"],
    ),
    "repeated option": (
        GOOD_Q.replace("{text: B,", "{text: a,"),
        ["quizzes/ch/lesson.yml:7: question 'ch-q': option 2 repeats option 1 ('a'); each must be different"],
    ),
    "review anchor that does not exist": (
        GOOD_Q + "    review: '#nowhere'\n",
        ["quizzes/ch/lesson.yml:9: question 'ch-q': 'review' points at #nowhere, but docs/ch/lesson.md has no heading with that id (its ids: #lesson, #the-loop, #trigger); use one of them, or add '{#nowhere}' to a heading there"],
    ),
    "review page that does not exist": (
        GOOD_Q + "    review: other/page.md#x\n",
        ["quizzes/ch/lesson.yml:9: question 'ch-q': 'review' names other/page.md, which is not a page in docs/"],
    ),
    "review in the wrong form": (
        GOOD_Q + "    review: the trigger\n",
        ["quizzes/ch/lesson.yml:9: question 'ch-q': 'review' must be '#heading-id' or 'chapter/lesson.md#heading-id', not 'the trigger'"],
    ),
    "a quoted answer does not hide a bad review link (author walk 8)": (
        "  - id: ch-q\n    type: truefalse\n    prompt: Is it?\n    answer: 'true'\n    explanation: E.\n"
        "    review: '#nowhere'\n",
        ["quizzes/ch/lesson.yml:5: question 'ch-q': 'answer' must be true or false (unquoted), not 'true'",
         "quizzes/ch/lesson.yml:7: question 'ch-q': 'review' points at #nowhere, but docs/ch/lesson.md has no heading "
         "with that id (its ids: #lesson, #the-loop, #trigger); use one of them, or add '{#nowhere}' to a heading there"],
    ),
    "chapter quiz without review": (
        "kind: chapter-quiz\n" + "questions:\n" + GOOD_Q,
        ["quizzes/ch/lesson.yml:3: question 'ch-q': chapter-quiz questions need 'review:' pointing at the lesson section that teaches this, like 'cycle/the-loop.md#loop'"],
    ),
    "empty file": ("", ["quizzes/ch/lesson.yml:1: the file is empty; add a 'questions:' list"]),
    "a list at the top": ("- id: x\n", ["quizzes/ch/lesson.yml:1: a bank must be a mapping with a 'questions:' list at the top level"]),
    "scenario sub-question of the wrong type": (
        "  - id: ch-s\n    type: scenario\n    story: Once.\n    questions:\n      - {id: ch-s-1, type: reflection, prompt: Why?}\n",
        ["quizzes/ch/lesson.yml:6: question 'ch-s-1': unknown question type 'reflection'; use one of: single, multiple, truefalse"],
    ),
    "matching with a repeated right side": (
        "  - id: ch-m\n    type: matching\n    prompt: Match.\n    pairs:\n      - {left: A, right: X}\n      - {left: B, right: X}\n      - {left: C, right: Z}\n    explanation: E.\n",
        ["quizzes/ch/lesson.yml:7: question 'ch-m': right item 2 repeats right item 1 ('X'); each must be different"],
    ),
}


def make_course(tmp: Path, bank: str, lesson: str = LESSON) -> Path:
    (tmp / "docs" / "ch").mkdir(parents=True)
    (tmp / "quizzes" / "ch").mkdir(parents=True)
    (tmp / "docs" / "ch" / "lesson.md").write_text(lesson)
    body = bank if not bank.startswith("  - ") else "questions:\n" + bank
    (tmp / "quizzes" / "ch" / "lesson.yml").write_text(body)
    return tmp


def errors_for(tmp: Path) -> list[str]:
    course = load_course(tmp / "docs", tmp / "quizzes", display_root=tmp)
    return [str(e) for e in course.errors]


@pytest.mark.parametrize("name", list(CASES))
def test_broken_bank_message(tmp_path, name):
    bank, expected = CASES[name]
    make_course(tmp_path, bank)
    assert errors_for(tmp_path) == expected


def test_good_bank_has_no_errors(tmp_path):
    make_course(tmp_path, GOOD_Q + "    review: '#the-loop'\n")
    assert errors_for(tmp_path) == []


CLASH = ("; ids must be unique across the course: give this new question another id (the other one may be "
         "published, and changing its id would reset readers' saved answers)")


@pytest.mark.parametrize("new_name", ["another", "aardvark"])  # after the published bank's name, and before it
def test_a_reused_id_is_reported_on_the_new_file_whatever_its_name(tmp_path, new_name):
    make_course(tmp_path, GOOD_Q)  # quizzes/ch/lesson.yml: the published question
    (tmp_path / "docs" / "ch" / f"{new_name}.md").write_text(LESSON)
    new = tmp_path / "quizzes" / "ch" / f"{new_name}.yml"
    new.write_text("questions:\n\n" + GOOD_Q)
    published = tmp_path / "quizzes" / "ch" / "lesson.yml"
    os.utime(published, (1_000_000, 1_000_000))  # no git here: the file saved last is the new one
    assert errors_for(tmp_path) == [f"quizzes/ch/{new_name}.yml:3: question id 'ch-q' is already used at quizzes/ch/lesson.yml:2" + CLASH]
    os.utime(new, (500_000, 500_000))  # now the other file is the more recent
    assert errors_for(tmp_path) == [f"quizzes/ch/lesson.yml:2: question id 'ch-q' is already used at quizzes/ch/{new_name}.yml:3" + CLASH]


def _git(root, *args, date="2026-01-01T00:00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, env=env,
                   check=True, capture_output=True)


def _published_course_and_a_new_lesson(root, new_name):
    """A course committed once, then a new lesson whose bank reuses the published id; its bank's path."""
    make_course(root, GOOD_Q)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "published")
    new = root / "quizzes" / "ch" / f"{new_name}.yml"
    (root / "docs" / "ch" / f"{new_name}.md").write_text(LESSON)
    new.write_text("questions:\n\n" + GOOD_Q)
    return new


@pytest.mark.parametrize("new_name", ["another", "aardvark"])
def test_a_file_missing_from_the_last_commit_is_the_new_one_even_if_older(tmp_path, new_name):
    new = _published_course_and_a_new_lesson(tmp_path, new_name)
    os.utime(new, (1_000_000, 1_000_000))  # older on disk, but not yet committed
    assert errors_for(tmp_path) == [f"quizzes/ch/{new_name}.yml:3: question id 'ch-q' is already used at quizzes/ch/lesson.yml:2" + CLASH]


@pytest.mark.parametrize("new_name", ["another", "aardvark"])
def test_in_a_fresh_clone_the_file_git_added_last_is_the_new_one(tmp_path, new_name):
    # What CI and a fork's workflow check out: both banks committed, every file the same age on disk.
    new = _published_course_and_a_new_lesson(tmp_path, new_name)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "a new lesson", date="2026-02-01T00:00:00")
    for bank in (new, tmp_path / "quizzes" / "ch" / "lesson.yml"):
        os.utime(bank, (1_000_000, 1_000_000))
    assert errors_for(tmp_path) == [f"quizzes/ch/{new_name}.yml:3: question id 'ch-q' is already used at quizzes/ch/lesson.yml:2" + CLASH]


def test_bank_without_lesson(tmp_path):
    make_course(tmp_path, GOOD_Q)
    (tmp_path / "quizzes" / "ch" / "ghost.yml").write_text("questions:\n" + GOOD_Q.replace("ch-q", "ch-ghost"))
    assert errors_for(tmp_path) == [
        "quizzes/ch/ghost.yml: this bank has no lesson: create docs/ch/ghost.md, or move the bank to match its lesson's path"
    ]


def test_lesson_without_bank_is_reported_not_fatal(tmp_path):
    make_course(tmp_path, GOOD_Q)
    (tmp_path / "docs" / "ch" / "lonely.md").write_text(LESSON)
    (tmp_path / "docs" / "about").mkdir()
    (tmp_path / "docs" / "about" / "page.md").write_text("# About\n")
    (tmp_path / "docs" / "ch" / "index.md").write_text("# Chapter\n")
    (tmp_path / "docs" / "home.md").write_text("# Home\n")
    course = load_course(tmp_path / "docs", tmp_path / "quizzes", display_root=tmp_path)
    assert course.errors == []
    assert [str(e) for e in course.missing] == [
        "docs/ch/lonely.md: this lesson has no question bank: create quizzes/ch/lonely.yml "
        "(run 'make new LESSON=ch/lonely' for a template)"
    ]


def test_underscore_paths_are_not_banks(tmp_path):
    make_course(tmp_path, GOOD_Q)
    (tmp_path / "quizzes" / "_outcomes").mkdir()
    (tmp_path / "quizzes" / "_outcomes" / "ch.yml").write_text("- not: a bank\n")
    assert errors_for(tmp_path) == []


def test_several_errors_are_all_reported_in_line_order(tmp_path):
    bank = GOOD_Q.replace("correct: true", "corect: true") + textwrap.indent(
        "- id: ch-r\n  type: truefalse\n  prompt: P\n  answer: true\n", "  ")
    make_course(tmp_path, bank)
    assert errors_for(tmp_path) == [
        "quizzes/ch/lesson.yml:6: question 'ch-q': unknown key 'corect'; did you mean 'correct'?",
        "quizzes/ch/lesson.yml:9: question 'ch-r': 'explanation' is missing; add an explanation that teaches the idea behind the answer",
    ]


def _parsed_cases():
    """The corpus entries that are YAML (the others never reach a schema)."""
    out = {}
    for name, (bank, _) in CASES.items():
        try:
            out[name] = loads(bank if not bank.startswith("  - ") else "questions:\n" + bank, "t.yml")
        except Exception:
            continue
    return out


@pytest.mark.parametrize("name", list(_parsed_cases()))
def test_fast_and_full_validators_agree_on_the_corpus(name):
    """validate() trusts the compiled validator for valid banks: it must never pass what jsonschema rejects."""
    from quizkit.bank.validate import _fast_valid, _validator

    doc = _parsed_cases()[name]
    full_ok = doc.data is not None and not list(_validator().iter_errors(doc.data))
    assert _fast_valid(doc.data) == full_ok


from hypothesis import given, settings, strategies as st  # noqa: E402

from . import schema_strategy  # noqa: E402

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(
    ["single", "multiple", "truefalse", "ordering", "matching", "scenario", "likert", "reflection",
     "ch-q", "Bad Id", "#trigger", "x.md#y", "", "text"]))
_keys = st.sampled_from(["id", "type", "prompt", "options", "text", "correct", "feedback", "explanation", "review",
                         "answer", "items", "pairs", "left", "right", "story", "questions", "scale", "hint", "kind",
                         "pass_mark", "title", "intro", "corect"])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_keys, inner, max_size=6)), max_leaves=25)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=5))
def test_fast_and_full_validators_agree_on_random_banks(data):
    from quizkit.bank.validate import _fast_valid, _validator

    assert _fast_valid(data) == (not list(_validator().iter_errors(data)))


def _bank_schema() -> dict:
    from quizkit.bank.validate import _validator

    return _validator().schema  # the schema validate() uses, wherever it is stored


@settings(max_examples=60, deadline=None)
@given(schema_strategy.valid(_bank_schema()))
def test_both_validators_accept_every_bank_the_schema_allows(data):
    """Valid banks, generated from the schema itself: the fast path must not reject what is valid."""
    from quizkit.bank.validate import _fast_valid, _validator

    assert list(_validator().iter_errors(data)) == []
    assert _fast_valid(data)


@settings(max_examples=100, deadline=None)
@given(schema_strategy.near_miss(_bank_schema()))
def test_fast_and_full_validators_agree_one_edit_away_from_a_valid_bank(data):
    from quizkit.bank.validate import _fast_valid, _validator

    assert _fast_valid(data) == (not list(_validator().iter_errors(data)))


def test_fast_and_full_validators_agree_on_every_real_bank():
    from quizkit.bank.course import bank_files
    from quizkit.bank.source import load
    from quizkit.bank.validate import _fast_valid, _validator

    from .conftest import ROOT

    for path in bank_files(ROOT / "quizzes") + bank_files(ROOT / "tests" / "fixtures" / "site" / "quizzes"):
        data = load(path).data
        assert _fast_valid(data) == (not list(_validator().iter_errors(data))), path


@pytest.mark.parametrize("name", ["quoted speech followed by more text", "quoted speech with an apostrophe"])
def test_each_suggested_fix_reads_as_the_author_meant(tmp_path, name):
    """Both rewritten lines the message offers, pasted in place of the broken one, give the intended text."""
    bank, (message,) = CASES[name]
    broken = [line for line in bank.splitlines() if line.lstrip("- ").startswith(("text: \"", "prompt: '"))][0]
    lines = message.split("\n")
    single, block = lines[1], "\n".join(lines[3:5])
    meant = broken.split(": ", 1)[1]
    for n, fix in enumerate((single, block)):
        make = tmp_path / str(n)
        make.mkdir()
        make_course(make, bank.replace(broken, fix))
        assert errors_for(make) == []
        question = loads(make.joinpath("quizzes/ch/lesson.yml").read_text(), "t.yml").data["questions"][0]
        assert meant in [question["prompt"]] + [o["text"] for o in question["options"]], fix
