"""The renderer's HTML for each question type, read the way a browser would."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from quizkit.bank.order import permutation
from quizkit.bank.order import never_in_order as shuffled
from quizkit.render.widget import Renderer
from quizkit.bank.source import loads
from quizkit.render.text import relative_href
from quizkit.bank.validate import validate

from .conftest import FIXTURE_SITE


def render(path: str, page: str) -> BeautifulSoup:
    doc = loads((FIXTURE_SITE / "quizzes" / path).read_text(), path)
    bank, errors = validate(doc, page)
    assert errors == []
    return BeautifulSoup(Renderer("en").render(bank), "html.parser")


@pytest.fixture(scope="module")
def first():
    return render("basics/first-lesson.yml", "basics/first-lesson.md")


@pytest.fixture(scope="module")
def second():
    return render("basics/second-lesson.yml", "basics/second-lesson.md")


def question(soup, qid):
    node = soup.find(attrs={"data-qz-id": qid})
    assert node is not None, qid
    return node


def test_single_choice_is_a_labelled_radio_group(first):
    q = question(first, "fx-single")
    assert q["data-qz-type"] == "single"
    legend = q.fieldset.legend
    assert "Question 1" in legend.get_text() and legend.strong.get_text() == "trigger"
    radios = q.select("input[type=radio]")
    assert [int(r["value"]) for r in radios] == permutation("fx-single", 3), "shown in the id's order; values are authored indices"
    assert all(r.find_parent("label") for r in radios), "every input sits in its label"
    assert {r["value"] for r in radios if r.has_attr("data-qz-correct")} == {"0"}
    assert len({r["name"] for r in radios}) == 1


def test_answers_and_feedback_wait_behind_details(first):
    key = question(first, "fx-single").find("details", class_="qz-key")
    assert key.summary.get_text() == "Show the answer"
    items = sorted(key.select("[data-qz-option]"), key=lambda i: int(i["data-qz-option"]))
    assert [i.get_text(" ", strip=True) for i in items] == [
        "Right answer: An unanswered text Right, an ordinary moment.",
        "Not this one: A long talk That comes later.",
        "Not this one: A hug A hug reconnects.",
    ]
    assert key.select_one("[data-qz-explanation]").get_text(strip=True) == "The trigger is ordinary."
    assert key.select_one("a[data-qz-review]")["href"] == "#trigger"


def test_multiple_choice_uses_checkboxes_and_says_so(first):
    q = question(first, "fx-multiple")
    assert len(q.select("input[type=checkbox]")) == 3
    assert q.select_one(".qz-hint").get_text() == "Choose all that apply."
    assert sorted((i["value"], i.has_attr("data-qz-correct")) for i in q.select("input")) == [
        ("0", True), ("1", False), ("2", True)]


def test_true_false_offers_both_with_feedback(first):
    q = question(first, "fx-truefalse")
    radios = q.select("input[type=radio]")
    assert [(r["value"], r.has_attr("data-qz-correct")) for r in radios] == [("true", False), ("false", True)]
    assert "Answer: False" in q.find("details").get_text(" ", strip=True)
    assert len(q.select("[data-qz-option-feedback]")) == 2


def test_ordering_starts_shuffled_with_move_buttons(first):
    q = question(first, "fx-ordering")
    order = [int(li["data-qz-item"]) for li in q.select("[data-qz-item]")]
    assert sorted(order) == [0, 1, 2, 3] and order != [0, 1, 2, 3]
    assert order == shuffled("fx-ordering", 4), "the shuffle is stable across builds"
    labels = [b["aria-label"] for b in q.select("button[data-qz-move]")]
    assert "Move up: Trigger" in labels and "Move down: Withdrawal" in labels
    assert [li.get_text() for li in q.select(".qz-key-order li")] == ["Trigger", "Alarm", "Pursuit", "Withdrawal"]


def test_matching_gives_each_left_item_a_labelled_select(first):
    q = question(first, "fx-matching")
    selects = q.select("select[data-qz-pair]")
    assert len(selects) == 3
    for select in selects:
        label = q.find("label", attrs={"for": select["id"]})
        assert label is not None and label.get_text()
        values = [o["value"] for o in select.find_all("option")]
        assert values[0] == "" and sorted(values[1:]) == ["0", "1", "2"]
    # The review link points at another lesson in the same chapter.
    assert q.select_one("a[data-qz-review]")["href"] == "../second-lesson/#needs-underneath"


def test_scenario_tells_the_story_then_asks(second):
    scenario = second.find(id="qz-fx-scenario")
    assert "Sam texts Jordan" in scenario.select_one(".qz-story").get_text()
    subs = scenario.select(".qz-question")
    assert [s["data-qz-id"] for s in subs] == ["fx-scenario-1", "fx-scenario-2"]
    assert [s.select_one(".qz-number").get_text() for s in subs] == ["Question 1a", "Question 1b"]


def test_a_story_with_one_question_numbers_it_without_a_letter():
    # "Question 7a" with no 7b read as if a part were missing (walk 13).
    text = """questions:
  - id: one-story
    type: scenario
    story: Sam texts Jordan at lunch.
    questions:
      - {id: one-story-q, type: truefalse, prompt: Jordan is angry., answer: false, explanation: Maybe busy.}
"""
    bank, errors = validate(loads(text, "one.yml"), "basics/one.md")
    assert errors == []
    soup = BeautifulSoup(Renderer("en").render(bank), "html.parser")
    assert soup.select_one("#qz-one-story .qz-question .qz-number").get_text() == "Question 1"


def test_likert_and_reflection_are_ungraded_and_labelled(second):
    likert = question(second, "fx-likert")
    assert [i.find_parent("label").get_text(strip=True) for i in likert.select("input")] == [
        "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    assert not likert.select("[data-qz-correct]")
    reflection = question(second, "fx-reflection")
    box = reflection.find("textarea")
    assert reflection.find("label", attrs={"for": box["id"]}) is not None
    described = box["aria-describedby"].split()
    assert all(reflection.find(id=i) for i in described)
    assert "One sentence is enough." in reflection.find(id=described[1]).get_text()


def test_feedback_regions_are_live(first, second):
    for soup in (first, second):
        for region in soup.select("[data-qz-feedback]"):
            assert region["aria-live"] == "polite"
    assert first.select_one("[data-qz-summary]")["role"] == "status"


def test_every_control_is_hidden_until_script_runs(first):
    # With JavaScript off, Check/Try again/move buttons would do nothing: they start hidden.
    for actions in first.select("[data-qz-actions], [data-qz-moves], [data-qz-next]"):
        assert actions.has_attr("hidden")
    assert first.find("noscript") is not None


def test_no_inline_script_or_style(first, second):
    for soup in (first, second):
        assert soup.find("script") is None
        assert soup.find(attrs={"style": True}) is None


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror=”alert(1)”&gt;'),
    ("[click](javascript:alert(1))", "<a rel=\"noopener noreferrer\">click</a>"),
    ("![tracker](https://evil.example/pixel.png)", "<span>tracker</span>"),
    ("**bold** and *soft*", "<strong>bold</strong> and <em>soft</em>"),
])
def test_bank_text_is_markdown_never_html(text, expected):
    from quizkit.render.text import MarkdownText

    assert MarkdownText().inline(text) == expected


@pytest.mark.parametrize("page, target, href", [
    ("cycle/the-loop.md", "#loop", "#loop"),
    ("cycle/the-loop.md", "cycle/the-loop.md#loop", "#loop"),
    ("cycle/quiz.md", "cycle/the-loop.md#loop", "../the-loop/#loop"),
    ("cycle/quiz.md", "origins/index.md#why", "../../origins/#why"),
    ("index.md", "cycle/the-loop.md", "cycle/the-loop/"),
    ("cycle/the-loop.md", "get-help.md", "../../get-help/"),
])
def test_links_are_relative_to_the_page(page, target, href):
    assert relative_href(page, target) == href


def test_practice_page_holds_every_graded_question_hidden_with_links_from_its_own_page():
    banks = []
    for path, page in (("basics/first-lesson.yml", "basics/first-lesson.md"), ("basics/second-lesson.yml", "basics/second-lesson.md")):
        bank, errors = validate(loads((FIXTURE_SITE / "quizzes" / path).read_text(), path), page)
        banks.append(bank)
    html = Renderer("en").render_practice(banks, "practice.md", {"basics/first-lesson.md": "First lesson"})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".qz")["data-qz-kind"] == "practice"
    groups = soup.select("[data-qz-practice]")
    assert [g["data-qz-practice"] for g in groups] == ["basics/first-lesson.md", "basics/second-lesson.md"]
    assert all(g.has_attr("hidden") for g in groups), "quiz.js shows only what this browser missed"
    ids = [q["data-qz-id"] for q in soup.select(".qz-question")]
    assert ids == ["fx-single", "fx-multiple", "fx-truefalse", "fx-ordering", "fx-matching", "fx-scenario-1", "fx-scenario-2"]
    assert groups[0].h2.a["href"] == "../basics/first-lesson/" and groups[0].h2.get_text() == "First lesson"
    review = soup.select_one('[data-qz-id="fx-single"] a[data-qz-review]')["href"]
    assert review == "../basics/first-lesson/#trigger", "a lesson's '#trigger' points back at the lesson"
