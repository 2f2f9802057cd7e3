"""`build_quizzes.py blind`: the chapter quizzes for a study, as the page shows them, with no key."""
from __future__ import annotations

import re
import subprocess
import sys
from string import ascii_uppercase

import pytest

from quizkit.authoring import blind
from quizkit.bank.course import load_course
from quizkit.render.widget import Renderer
from quizkit.bank.scoring import question_score, quiz_result

from .conftest import ROOT


@pytest.fixture(scope="module")
def quizzes():
    course = load_course(ROOT / "docs", ROOT / "quizzes", display_root=ROOT)
    assert not course.errors, course.errors
    return sorted((b for b in course.banks.values() if b.kind == "chapter-quiz"), key=lambda b: b.page)


@pytest.fixture(scope="module")
def text(quizzes):
    return blind.write(quizzes)


def test_every_graded_item_is_there_with_its_story(quizzes, text):
    assert len(quizzes) == 5
    for bank in quizzes:
        for q in bank.questions:
            if q.story:
                assert " ".join(q.story.split()) in text, q.id
            for leaf in q.leaves():
                if leaf.graded:
                    assert " ".join(leaf.prompt.split()) in text, leaf.id
        assert f"**{bank.chapter} {len(bank.graded())}.**" in text
        assert f"**{bank.chapter} {len(bank.graded()) + 1}.**" not in text


def test_no_key_feedback_explanation_or_id_leaks(quizzes, text):
    for bank in quizzes:
        for leaf in bank.graded():
            leaked = [leaf.explanation, leaf.feedback_true, leaf.feedback_false, leaf.nudge]
            leaked += [o.feedback for o in leaf.options] + [p.feedback for p in leaf.pairs]
            for secret in filter(None, leaked):
                assert " ".join(secret.split()) not in text, leaf.id
            assert leaf.id not in text, "ids can carry hints ('-myth')"
            assert not leaf.review or leaf.review not in text, "the review link names the lesson section"
    assert "data-qz" not in text and "✓" not in text


def _page_order(html: str, q) -> list:
    """The authored indices in the order the rendered page shows them."""
    if q.type in ("single", "multiple", "truefalse"):
        values = re.findall(rf'name="qz-{re.escape(q.id)}" value="([^"]+)"', html)
        return [v == "true" for v in values] if q.type == "truefalse" else [int(v) for v in values]
    if q.type == "ordering":
        block = html.split(f'data-qz-id="{q.id}"', 1)[1].split("</ol>", 1)[0]
        return [int(v) for v in re.findall(r'data-qz-item="(\d+)"', block)]
    block = html.split(f'id="qz-{q.id}-0"', 1)[1].split("</select>", 1)[0]
    return [int(v) for v in re.findall(r'<option value="(\d+)"', block)]


def test_option_order_is_the_rendered_pages(quizzes):
    renderer = Renderer()
    for bank in quizzes:
        html = renderer.render(bank)
        for item in blind.chapter_items(bank):
            assert item.authored == _page_order(html, item.question), item.question.id


def _key(item):
    """The right letters for an item (the inverse of blind.response)."""
    q = item.question
    if q.type == "truefalse":
        return ascii_uppercase[item.authored.index(bool(q.answer))]
    if q.type == "single":
        return ascii_uppercase[next(i for i, a in enumerate(item.authored) if q.options[a].correct)]
    if q.type == "multiple":
        return [ascii_uppercase[i] for i, a in enumerate(item.authored) if q.options[a].correct]
    size = len(item.authored)
    return [ascii_uppercase[item.authored.index(i)] for i in range(size)]


def test_scoring_is_scoring_py_per_chapter(quizzes):
    bank = quizzes[0]
    items = blind.chapter_items(bank)
    answers = {bank.chapter: {n: _key(item) for n, item in enumerate(items, 1)}}
    assert blind.score([bank], answers)[bank.chapter].percent == 100
    # A mixed case: first shown letter everywhere (every letter for "choose all"), one left out.
    mixed = {n: ("A" if it.question.type in ("single", "truefalse") else ascii_uppercase[: len(it.choices)])
             for n, it in enumerate(items, 1) if n != 2}
    mixed = {n: list(v) if isinstance(v, str) and len(v) > 1 else v for n, v in mixed.items()}
    got = blind.score([bank], {bank.chapter: mixed})[bank.chapter]
    expected = quiz_result([None if n == 2 else question_score(it.question, blind.response(it, mixed[n], "t"))
                            for n, it in enumerate(items, 1)], bank.pass_mark)
    assert got == expected and got.answered == len(items) - 1 and not got.passed
    by_hand = [None if n == 2 else question_score(it.question, it.authored[0] if it.question.type in ("single", "truefalse")
                                                  else list(it.authored)) for n, it in enumerate(items, 1)]
    assert got.points == quiz_result(by_hand, bank.pass_mark).points


def test_a_letter_that_is_not_shown_is_a_clear_error(quizzes):
    bank = quizzes[0]
    with pytest.raises(blind.AnswerError, match=rf"{bank.chapter} 1: 'Z' is not one of the letters"):
        blind.score([bank], {bank.chapter: {1: "Z"}})


def test_the_command_writes_and_scores(tmp_path):
    out = tmp_path / "blind.md"
    run = [sys.executable, str(ROOT / "build_quizzes.py"), "blind"]
    made = subprocess.run([*run, "--chapter", "cycle", "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    assert out.read_text().count("## ") == 1 and "**cycle 1.**" in out.read_text()
    answers = tmp_path / "answers.yml"
    answers.write_text("cycle:\n  1: A\n")
    scored = subprocess.run([*run, "--chapter", "cycle", "--score", str(answers)], capture_output=True, text=True, cwd=ROOT)
    assert scored.returncode == 0, scored.stderr
    assert re.match(r"cycle +\d\.\d\d of +\d+ +\d+%  pass mark 70%  not passed  \(\d+ unanswered\)", scored.stdout), scored.stdout
