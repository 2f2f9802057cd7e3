"""Item-writing checks (quizkit/authoring/lint.py) and the cue-strategy benchmark (quizkit/authoring/guessing.py).

Each rule is shown firing on a cued item and staying quiet on a fair one. The
command-line tests run on tests/fixtures/items, a small course whose banks
carry the cues on purpose; the real banks are not used here.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from quizkit.authoring.guessing import STRATEGIES, benchmark, chance
from quizkit.authoring.lint import lint
from quizkit.bank.source import loads
from quizkit.bank.validate import validate

from .conftest import ROOT

ITEMS = ROOT / "tests" / "fixtures" / "items"


def bank(yaml_text: str, page: str = "ch/lesson.md", name: str = "quizzes/ch/lesson.yml"):
    built, errors = validate(loads(textwrap.dedent(yaml_text), name), page)
    assert not errors, errors
    return built


def rules(*banks, course_wide: bool = True) -> list[str]:
    return [f.rule for f in lint(list(banks), course_wide=course_wide).findings]


def single(options: str, extra: str = "") -> str:
    """A single-choice bank; `options` is YAML list text, `extra` more keys (each line indented 4)."""
    head = ("questions:\n"
            "  - id: q1\n"
            "    type: single\n"
            "    prompt: What starts the cycle for most couples?\n"
            "    explanation: Ordinary moments." + extra + "\n"
            "    options:\n")
    return head + textwrap.indent(textwrap.dedent(options).strip(), "      ") + "\n"


# ------------------------------------------------------------------ long-key
def test_long_key_fires_with_file_line_and_hint():
    b = bank(single("""
      - text: An ordinary moment that seems to say the bond is at risk, like a late reply
        correct: true
      - text: A big fight
      - text: Bad luck
    """))
    [finding] = lint([b]).findings
    assert finding.rule == "long-key"
    assert str(finding).startswith("quizzes/ch/lesson.yml:7: question 'q1': the right option is ")
    assert "trim the key" in str(finding)


def test_long_key_quiet_when_the_options_are_alike():
    b = bank(single("""
      - {text: An ordinary moment that feels like distance, correct: true}
      - {text: A serious fight about money and chores}
      - {text: A partner's mood on a bad day at work}
    """))
    assert rules(b) == []


# ------------------------------------------------------------ absolute-words
def test_absolute_words_only_in_distractors_fires_on_that_option():
    b = bank(single("""
      - {text: An ordinary moment, correct: true}
      - {text: It is always a fight}
      - {text: A loud argument}
    """))
    [finding] = lint([b]).findings
    assert finding.rule == "absolute-words" and finding.line == 8 and "'always'" in finding.message


def test_absolute_words_quiet_when_a_key_has_one_too():
    b = bank(single("""
      - {text: Always an ordinary moment, correct: true}
      - {text: It is always a fight}
      - {text: A loud argument}
    """))
    assert rules(b) == []


@pytest.mark.parametrize("quoted", ['''"You always do this," Sam says''', "“You never listen,” Sam says",
                                    "‘You’re never home,’ Sam says"])
def test_absolute_words_quiet_inside_quoted_speech(quoted):
    """A character's words ("You always…") are not the option's own claim: only words outside quotes count."""
    b = bank(single(f"""
      - {{text: An ordinary moment, correct: true}}
      - text: '{quoted.replace("'", "''")}'
      - {{text: A loud argument}}
    """))
    assert rules(b) == []
    outside = bank(single(f"""
      - {{text: An ordinary moment, correct: true}}
      - text: '{quoted.replace("'", "''")}, and it is always true'
      - {{text: A loud argument}}
    """))
    assert rules(outside) == ["absolute-words"]


def truefalse(items: list[tuple[str, bool]], chapter: str = "ch") -> object:
    body = "".join(f"""
      - id: {chapter}-tf-{i}
        type: truefalse
        prompt: {prompt}
        answer: {str(answer).lower()}
        explanation: Because.
""" for i, (prompt, answer) in enumerate(items))
    return bank("questions:" + body, page=f"{chapter}/lesson.md", name=f"quizzes/{chapter}/lesson.yml")


def test_absolute_words_only_in_false_statements_fires_on_the_answer_line():
    b = truefalse([("Pursuers never care about space.", False), ("Alarms can be loud.", True)])
    [finding] = lint([b]).findings
    assert finding.rule == "absolute-words" and finding.line == 5  # 'answer:' of the False statement


def test_absolute_words_quiet_when_true_statements_carry_them_too():
    b = truefalse([("Pursuers never care about space.", False), ("Every couple has some conflict.", True)])
    assert rules(b) == []


# --------------------------------------------------------- truefalse-balance
def test_truefalse_balance_fires_for_six_mostly_false():
    b = truefalse([(f"Statement number {i} is here.", i == 0) for i in range(6)])
    found = lint([b]).findings
    assert [f.rule for f in found] == ["truefalse-balance"]
    assert "1 of the 6 true/false statements in 'ch/' are True (17%)" in found[0].message


def test_truefalse_balance_quiet_when_half_true_or_fewer_than_six():
    assert rules(truefalse([(f"Statement number {i} is here.", i % 2 == 0) for i in range(6)])) == []
    assert rules(truefalse([(f"Statement number {i} is here.", False) for i in range(5)])) == []


# ---------------------------------------------------------------- keys-first
def multiple(flags: list[bool]) -> object:
    options = "\n".join(f"      - {{text: Option number {i}, correct: {str(f).lower()}}}" for i, f in enumerate(flags))
    return bank("questions:\n  - id: m1\n    type: multiple\n    prompt: Which apply?\n"
                "    explanation: Some do.\n    options:\n" + options + "\n")


def test_keys_first_fires_on_a_leading_block():
    assert rules(multiple([True, True, False, False])) == ["keys-first"]


def test_keys_first_quiet_when_mixed():
    assert rules(multiple([True, False, True, False])) == []


# ------------------------------------------------------------ all-none-above
def test_all_of_the_above_fires():
    b = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
      - {text: None of the above}
    """))
    assert rules(b) == ["all-none-above"]


def test_ordinary_all_is_not_all_of_the_above():
    b = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
      - {text: A cancelled plan}
    """))
    assert rules(b) == []


# ------------------------------------------------------- feedback-quotes-key
def test_wrong_feedback_that_quotes_the_key_fires():
    b = bank(single("""
      - {text: A common and well studied pattern, correct: true, feedback: Yes.}
      - {text: A rare disorder of the mind, feedback: "No: it is a common and well studied pattern."}
      - {text: A modern invention of our times, feedback: It has been described for decades.}
    """))
    [finding] = lint([b]).findings
    assert finding.rule == "feedback-quotes-key" and finding.line == 8 and "common and well studied" in finding.message


def test_feedback_that_explains_without_the_key_is_quiet():
    b = bank(single("""
      - {text: A common and well studied pattern, correct: true, feedback: Yes.}
      - {text: A rare disorder of the mind, feedback: "It is not rare, and it is not a disorder."}
      - {text: A modern invention of our times, feedback: It has been described for decades.}
    """))
    assert rules(b) == []


def test_a_nudge_that_gives_the_key_away_fires():
    b = bank(single("""
      - {text: An unanswered message, correct: true}
      - {text: A loud argument}
      - {text: A long talk}
    """, extra="\n    nudge: Think of an unanswered message."))
    assert rules(b) == ["feedback-quotes-key"]


def _matching(feedback: str) -> str:
    return ("questions:\n  - id: q1\n    type: matching\n    prompt: Match each move to what it protects.\n"
            "    explanation: Each move protects a need.\n    pairs:\n"
            "      - {left: Texting again, right: Knowing they matter}\n"
            f"      - {{left: Going quiet, right: Room to calm down, feedback: '{feedback}'}}\n"
            "      - {left: Asking again, right: Reassurance}\n")


def test_pair_feedback_that_names_its_match_fires_at_the_pair():
    [finding] = lint([bank(_matching("It gives room to calm down first."))]).findings
    assert finding.rule == "feedback-quotes-key" and finding.line == 8
    assert "'Going quiet'" in finding.message and "room to calm down" in finding.message


def test_pair_feedback_that_points_at_the_idea_is_quiet():
    assert rules(bank(_matching("Think of what a flooded body needs before it can talk."))) == []


# ------------------------------------------------------------ near-duplicate
def test_near_duplicate_prompts_across_banks_fire_in_check_only():
    a = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """))
    b = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """).replace("id: q1", "id: q2").replace("for most couples", "for most couples today"),
        page="other/lesson.md", name="quizzes/other/lesson.yml")
    assert rules(a, b) == ["near-duplicate"]
    assert rules(a, b, course_wide=False) == [], "the build skips the course-wide rule"


def test_different_prompts_are_not_near_duplicates():
    a = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """))
    b = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """).replace("id: q1", "id: q2").replace("What starts the cycle for most couples?",
                                            "Which need sits under going quiet after a fight?"),
        page="other/lesson.md", name="quizzes/other/lesson.yml")
    assert rules(a, b) == []



def test_near_duplicates_follow_an_edit_in_one_process():
    """Under `mkdocs serve` the comparisons of unchanged banks are remembered: an edit must still show."""
    def second(prompt: str):
        return bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """).replace("id: q1", "id: q2").replace("What starts the cycle for most couples?", prompt),
            page="other/lesson.md", name="quizzes/other/lesson.yml")
    a = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
    """))
    assert rules(a, second("Which need sits under going quiet after a fight?")) == []
    assert rules(a, second("What starts the cycle for most couples, really?")) == ["near-duplicate"]
    assert rules(a, second("Which need sits under going quiet after a fight?")) == []

# ----------------------------------------------------------------- silencing
def test_lint_ignore_silences_one_rule_with_its_reason():
    b = bank(single("""
      - {text: A late reply, correct: true}
      - {text: A missed call}
      - {text: None of the above}
    """, extra="\n    lint_ignore:\n      all-none-above: the lesson teaches this exact list of three"))
    report = lint([b])
    assert report.findings == []
    [(finding, reason)] = report.silenced
    assert finding.rule == "all-none-above" and reason == "the lesson teaches this exact list of three"


def test_lint_ignore_needs_a_known_rule_and_a_reason():
    options = "- {text: A, correct: true}\n- {text: B}"
    _, errors = validate(loads(single(options, "\n    lint_ignore:\n      long-keys: because it is fine here"), "x.yml"), "ch/x.md")
    assert "unknown key 'long-keys'; did you mean 'long-key'?" in str(errors[0])
    _, errors = validate(loads(single(options, "\n    lint_ignore:\n      long-key: ok"), "x.yml"), "ch/x.md")
    assert errors, "a reason of a word or two is refused"


# ------------------------------------------------------------ command line
def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(ITEMS), *args],
                          capture_output=True, text=True)


def test_check_lists_each_finding_and_fails():
    result = run("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "quizzes/ch/quiz.yml:31: question 'cue-quiz-4': the 2 right options are written first" in result.stdout
    assert sum("[" in line and line.endswith("]") for line in lines) == 5
    assert lines[-1] == "2 banks, 6 questions, 5 problems (5 from the item-writing checks)"
    assert "cue-long-silenced" not in result.stdout


def test_stats_counts_silenced_checks():
    result = run("stats")
    assert "Item-writing checks silenced with a reason (lint_ignore): 1" in result.stdout
    assert "  long-key                1" in result.stdout


def test_guessing_benchmark_on_the_fixture():
    result = run("stats", "--guessing")
    assert result.returncode == 1, "a goal is missed"
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.startswith(("ch/", "course"))}
    # ch/quiz.md, by hand: a pinned single (key first, longest), two False statements with absolutes,
    # a pinned multiple keyed [0, 1] of 3. Chance: (1/3 + 1/2 + 1/2 + m) / 4 with m the random-set
    # expectation of the multiple (computed in quizkit.authoring.guessing.chance).
    n, base, pass_mark, first, longest, false, no_abs, all_but_last = rows["ch/quiz.md"]
    assert (n, pass_mark) == ("4", "70")
    # first: 1 + 0 + 0 + 1/2 ; false: 1 + 1 + 1 + 1/2 ; all-but-last: 1 + 0 + 0 + 1 ; no-absolutes: 1 + 1 + 1 + 0
    assert (first, false, all_but_last, no_abs) == ("38", "88", "50", "75")
    assert "MISSED ch/quiz.md: every strategy below the pass mark (70%); at or above it: false, no-absolutes" in result.stdout
    assert "course-wide, every strategy within 10 points of chance" in result.stdout


def test_guessing_goals_met_when_no_strategy_helps():
    fair = bank("""
    kind: chapter-quiz
    questions:
      - id: f1
        type: truefalse
        prompt: A late reply can start the cycle.
        answer: true
        explanation: Yes.
        review: "#x"
      - id: f2
        type: truefalse
        prompt: A late reply is proof of a problem.
        answer: false
        explanation: No.
        review: "#x"
    """, page="ch/quiz.md", name="quizzes/ch/quiz.yml")
    [row, course] = benchmark([fair])
    assert row.chance == 50 and all(score == 50 for score in row.scores.values())
    assert course.name == "course"


@pytest.mark.parametrize("flags, expected", [([True, False], 1 / 3), ([True, True, False], None)])
def test_chance_of_a_multiple_select_is_the_mean_over_every_non_empty_choice(flags, expected):
    q = multiple(flags).questions[0]
    if expected is None:  # {0},{1},{2},{01},{02},{12},{012}: 1/2, 1/2, 0, 1, 0, 0, 0
        expected = (0.5 + 0.5 + 0 + 1 + 0 + 0 + 0) / 7
    assert chance(q) == pytest.approx(expected)
    assert set(STRATEGIES) == {"first", "longest", "false", "no-absolutes", "all-but-last"}
