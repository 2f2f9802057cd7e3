"""Text the widget prints itself: `check` warns when a bank repeats it, and the scaffold never does."""
from __future__ import annotations

import subprocess
import sys

from quizkit.authoring import scaffold
from quizkit.bank.course import load_course
from quizkit.strings import languages, strings
from quizkit.authoring.widget_words import VERDICTS, repeats

from .conftest import ROOT


def line_of(bank, words):
    return next(i for i, text in enumerate(bank.read_text().splitlines(), 1) if words in text)


def test_feedback_that_starts_with_the_verdict_is_reported_at_its_feedback_line(fixture_copy):
    bank = fixture_copy / "quizzes" / "basics" / "first-lesson.yml"
    text = bank.read_text().replace("feedback: That comes later.", "feedback: Not quite. That comes later.")
    text = text.replace("feedback_false: Right;", "feedback_false: Correct. Right;")
    # A matching pair written in block style: the message names its 'feedback:' line, not the pair's first.
    text = text.replace("      - {left: Going quiet, right: To calm down, feedback: Think of what a flooded body needs before it can talk.}",
                        "      - left: Going quiet\n        right: To calm down\n"
                        "        feedback: Not quite. Think of what a flooded body needs before it can talk.")
    assert "feedback: Not quite. Think" in text
    bank.write_text(text)
    course = load_course(fixture_copy / "docs", fixture_copy / "quizzes", display_root=fixture_copy)
    found = repeats(list(course.banks.values()), "en")
    # The line of the 'feedback:' key the author must change, not the option's or the question's first line.
    assert found == [
        f"quizzes/basics/first-lesson.yml:{line_of(bank, 'Not quite. That')}: question 'fx-single': feedback starts with "
        "'Not quite.', which the widget already shows above it; start with the reason instead [widget-words]",
        f"quizzes/basics/first-lesson.yml:{line_of(bank, 'Correct. Right;')}: question 'fx-truefalse': feedback starts with "
        "'Correct.', which the widget already shows above it; start with the reason instead [widget-words]",
        f"quizzes/basics/first-lesson.yml:{line_of(bank, 'Not quite. Think')}: question 'fx-matching': feedback starts with "
        "'Not quite.', which the widget already shows above it; start with the reason instead [widget-words]",
    ]
    run = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(fixture_copy), "check"],
                         capture_output=True, text=True)
    assert "warning: " + found[0] in run.stdout, run.stdout


def test_the_scaffold_holds_no_text_the_widget_prints():
    text = scaffold.bank_yaml("chapter", "lesson", "# c") + scaffold.lesson_markdown("chapter", "lesson")
    for code in languages():
        table = strings(code)
        for key in (*VERDICTS, "choose_all"):
            assert table[key].strip() not in text, (code, key)
