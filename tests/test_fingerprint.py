"""Saved answers survive the edits authors make, and only a change to the right answer resets them."""
from __future__ import annotations

import re

import yaml

from quizkit.bank.fingerprint import fingerprint, legacy_fingerprint
from quizkit.bank.source import loads
from quizkit.bank.validate import validate

from .conftest import FIXTURE_SITE

BANK = (FIXTURE_SITE / "quizzes" / "basics" / "first-lesson.yml").read_text(encoding="utf-8")


def prints(text: str) -> dict[str, str]:
    bank, errors = validate(loads(text, "quizzes/basics/first-lesson.yml"), "basics/first-lesson.md")
    assert bank is not None, [str(e) for e in errors]
    return {q.id: fingerprint(q) for q in bank.leaves()}


def swap_first_two_questions(text: str) -> str:
    head, *questions = re.split(r"(?m)^(?=  - id: )", text)
    questions[0], questions[1] = questions[1], questions[0]
    return head + "".join(questions)


def test_harmless_edits_keep_every_fingerprint():
    before = prints(BANK)
    assert len(before) >= 5
    edited = "# A comment an author added at the top\n" + BANK  # shifts every line
    edited = edited.replace("feedback: Right, an ordinary moment.", "feedback: Yes. It starts with something small.")
    edited = edited.replace("explanation: The trigger is ordinary.", "explanation: Triggers are everyday moments.")
    edited = edited.replace("prompt: Which one is the **trigger**?", "prompt: Which of these is the **trigger**?")
    edited = swap_first_two_questions(edited)
    assert edited != BANK and edited.index("id: fx-multiple") < edited.index("id: fx-single")
    assert prints(edited) == before


def test_moving_the_right_answer_changes_it():
    data = loads(BANK, "bank").data
    single = next(q for q in data["questions"] if q["id"] == "fx-single")
    single["options"][0]["correct"], single["options"][1]["correct"] = False, True
    after = prints(yaml.safe_dump(data, sort_keys=False))
    before = prints(BANK)
    assert after["fx-single"] != before["fx-single"]
    assert {k: v for k, v in after.items() if k != "fx-single"} == {k: v for k, v in before.items() if k != "fx-single"}


def test_what_counts_as_the_answer_key():
    data = loads(BANK, "bank").data
    before = prints(BANK)
    by_id = {q["id"]: q for q in data["questions"]}
    by_id["fx-single"]["options"].reverse()                      # option order is part of it
    by_id["fx-truefalse"]["answer"] = not by_id["fx-truefalse"]["answer"]
    by_id["fx-ordering"]["items"].reverse()
    pairs = by_id["fx-matching"]["pairs"]
    pairs[0]["right"], pairs[1]["right"] = pairs[1]["right"], pairs[0]["right"]
    after = prints(yaml.safe_dump(data, sort_keys=False))
    for qid in ("fx-single", "fx-truefalse", "fx-ordering", "fx-matching"):
        assert after[qid] != before[qid], qid


def test_legacy_fingerprints_are_the_first_releases():
    """Answers saved by the first release carry these; the page ships them so quiz.js can move the answers over."""
    bank, _ = validate(loads(BANK, "quizzes/basics/first-lesson.yml"), "basics/first-lesson.md")
    got = {q.id: legacy_fingerprint(q) for q in bank.leaves()}
    # Computed with the first release's `sha256(json.dumps(asdict(q), sort_keys=True, default=str))[:10]`.
    # (fx-multiple recomputed that way after its options were reordered for the keys-first lint rule.)
    assert got == LEGACY, got


LEGACY = {"fx-single": "0645551a65", "fx-multiple": "a5f3b38bf2", "fx-truefalse": "b7a2eac129",
          "fx-ordering": "3ec4363ba8", "fx-matching": "5e3d8b1359"}


def test_display_and_lint_settings_keep_every_fingerprint():
    """quizengine's keys (pinned option order, a nudge after a first miss, a silenced lint rule) never reset answers."""
    data = loads(BANK, "bank").data
    before = prints(BANK)
    by_id = {q["id"]: q for q in data["questions"]}
    by_id["fx-single"]["keep_order"] = True
    by_id["fx-multiple"]["keep_order"] = True
    for q in data["questions"]:
        q["nudge"] = "Think about what the alarm is asking."
        q["lint_ignore"] = {"long-key": "the right answer has to name both partners"}
    edited = yaml.safe_dump(data, sort_keys=False)
    assert "keep_order: true" in edited and "nudge:" in edited and "lint_ignore:" in edited
    assert prints(edited) == before
