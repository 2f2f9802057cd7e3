"""One scoring rule (quizkit/bank/scoring.py), the same on the site, in the GIFT export and in the QTI export.

* Every possible response to the fixture course's questions is scored four ways:
  the Python rule, the page's JavaScript (read from the rendered question, in Chromium),
  a GIFT reader that grades as Moodle does, and a QTI 2.1 response processor that runs
  each item's own rules (tests/qti_runtime.py).
* The browser's copies of the course's rules — question score, quiz pass rule,
  self-assessment score, storage key — are checked against the Python ones on
  cases Hypothesis generates ("logic in one place", issue 10).
"""
from __future__ import annotations

import io
import textwrap
import zipfile
from itertools import combinations, permutations, product
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.course import assessment as sa
from quizkit.exports import gift, qti
from quizkit.bank.model import Option, Pair, Question
from quizkit.bank.scoring import question_score, quiz_result
from quizkit.bank.source import loads
from quizkit.bank.validate import validate

from . import qti_runtime
from .conftest import FIXTURE_SITE, ROOT
from .test_export import course_banks, parse_gift

NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}

EXTRA = textwrap.dedent("""\
    questions:
      - id: sc-five
        type: multiple
        prompt: Two of five
        explanation: x
        options:
          - {text: a, correct: true}
          - {text: b}
          - {text: c}
          - {text: d, correct: true}
          - {text: e}
      - id: sc-all
        type: multiple
        prompt: All right
        explanation: x
        options:
          - {text: a, correct: true}
          - {text: b, correct: true}
      - id: sc-true
        type: truefalse
        prompt: A true statement
        answer: true
        explanation: x
      - id: sc-pinned
        type: single
        keep_order: true
        prompt: Pinned
        explanation: x
        options:
          - {text: first}
          - {text: second, correct: true}
    """)


@pytest.fixture(scope="module")
def banks():
    fixture = course_banks(FIXTURE_SITE / "docs", FIXTURE_SITE / "quizzes")
    extra, errors = validate(loads(EXTRA, "quizzes/sc/extra.yml"), "sc/extra.md")
    assert not errors
    return fixture + [extra]


def graded(banks) -> list[Question]:
    return [q for b in banks for q in b.graded()]


def responses(q: Question) -> list:
    """Every response a reader can give (multiple: every non-empty set; matching: every choice per row)."""
    if q.type == "single":
        return list(range(len(q.options)))
    if q.type == "truefalse":
        return [True, False]
    if q.type == "multiple":
        n = len(q.options)
        return [list(c) for k in range(1, n + 1) for c in combinations(range(n), k)]
    if q.type == "ordering":
        return [list(p) for p in permutations(range(len(q.items)))]
    if q.type == "matching":
        n = len(q.pairs)
        return [list(p) for p in product(range(n), repeat=n)]
    raise ValueError(q.type)


# ------------------------------------------------------------------ GIFT, graded as Moodle does
def gift_score(parsed: dict, q: Question, response) -> float:
    if parsed["type"] == "truefalse":
        return 1.0 if response == parsed["answer"] else 0.0
    if parsed["type"] == "single":
        return parsed["options"][response]["weight"] / 100
    if parsed["type"] == "multiple":  # the fractions of the ticked answers, kept between 0 and 1
        return min(1.0, max(0.0, sum(parsed["options"][i]["weight"] for i in set(response)) / 100))
    if parsed["type"] == "matching":  # one share per sub-question answered with its own right answer
        rights = [right for _, right in parsed["pairs"]]
        return sum(rights[chosen] == rights[i] for i, chosen in enumerate(response)) / len(rights)
    raise ValueError(parsed["type"])


# ------------------------------------------------------------------ QTI 2.1 response processing
def qti_response(q: Question, response):
    if q.type == "single":
        return f"C{response + 1}"
    if q.type == "truefalse":
        return "TRUE" if response else "FALSE"
    if q.type == "multiple":
        return {f"C{i + 1}" for i in response}
    if q.type == "ordering":
        return [f"S{i + 1}" for i in response]
    if q.type == "matching":
        return {f"L{i + 1} R{r + 1}" for i, r in enumerate(response)}
    raise ValueError(q.type)


def qti_score(item: ET.Element, value) -> float:
    """SCORE after the item's own responseProcessing runs on `value` (tests/qti_runtime.py)."""
    return qti_runtime.Item(item).run(value)["SCORE"]


def test_python_gift_and_qti_agree_on_every_response(banks):
    parsed = {p["id"]: p for p in parse_gift(gift.to_text(banks)[0])}
    data, _ = qti.to_zip(banks)
    archive = zipfile.ZipFile(io.BytesIO(data))
    checked = 0
    for q in graded(banks):
        item = ET.fromstring(archive.read(f"items/{qti.identifier(q.id)}.xml"))
        for response in responses(q):
            rule = question_score(q, response)
            assert qti_score(item, qti_response(q, response)) == pytest.approx(rule, abs=1e-9), (q.id, response)
            if q.type != "ordering":  # GIFT has no ordering question
                assert gift_score(parsed[q.id], q, response) == pytest.approx(rule, abs=1e-6), (q.id, response)
            checked += 1
    assert checked > 100


def test_qti_shuffles_exactly_where_the_site_does(banks):
    data, _ = qti.to_zip(banks)
    archive = zipfile.ZipFile(io.BytesIO(data))
    shuffle = {}
    for name in archive.namelist():
        if name.startswith("items/"):
            root = ET.fromstring(archive.read(name))
            interaction = root.find(".//q:choiceInteraction", NS)
            if interaction is not None:
                shuffle[root.get("identifier")] = interaction.get("shuffle")
    assert shuffle["fx-single"] == shuffle["sc-five"] == "true"
    assert shuffle["fx-truefalse"] == shuffle["sc-pinned"] == "false"


# ------------------------------------------------------------------ the page's JavaScript
@pytest.fixture(scope="module")
def js(browser, fixture_course):
    """The built fixture lesson in Chromium; `js(expr, arg)` evaluates against window.courseQuiz."""
    url, _ = fixture_course
    page = browser.new_page()
    page.goto(f"{url}basics/first-lesson/")
    page.wait_for_selector(".qz.qz--js")
    # The self-assessment's code loads only on pages with that tool: bring the built file here.
    page.add_script_tag(url=f"{url}assets/quizkit/assessment.js")
    page.wait_for_function("typeof window.courseAssessment === 'object'")
    yield page
    page.close()


def test_the_site_scores_every_response_as_the_rule_does(js, banks):
    lesson = [q for q in graded(banks) if q.id.startswith("fx-") and not q.id.startswith("fx-scenario")]
    cases = [{"id": q.id, "responses": responses(q)} for q in lesson]
    site = js.evaluate("""cases => cases.map(c => {
        const spec = courseQuiz.specOf(document.querySelector(`[data-qz-id="${c.id}"]`));
        return c.responses.map(r => courseQuiz.rules.questionScore(spec, r));
    })""", cases)
    for q, scores in zip(lesson, site, strict=True):
        assert scores == pytest.approx([question_score(q, r) for r in responses(q)], abs=1e-12), q.id
    assert {q.type for q in lesson} == {"single", "multiple", "truefalse", "ordering", "matching"}


def _question(kind: str, n: int, right: list[int], answer: bool) -> Question:
    return Question(id="g", type=kind, line=1, answer=answer,
                    options=[Option(str(i), i in right) for i in range(n)] if kind in ("single", "multiple") else [],
                    items=[str(i) for i in range(n)] if kind == "ordering" else [],
                    pairs=[Pair(str(i), str(i)) for i in range(n)] if kind == "matching" else [])


@st.composite
def scored_cases(draw):
    kind = draw(st.sampled_from(["single", "multiple", "truefalse", "ordering", "matching"]))
    n = draw(st.integers(2, 8))
    if kind == "single":
        right = [draw(st.integers(0, n - 1))]
        response = draw(st.integers(0, n - 1))
    elif kind == "multiple":
        right = sorted(draw(st.sets(st.integers(0, n - 1), min_size=1)))
        response = sorted(draw(st.sets(st.integers(0, n - 1), min_size=1)))
    elif kind == "truefalse":
        right, response = [], draw(st.booleans())
    elif kind == "ordering":
        right, response = [], draw(st.permutations(list(range(n))))
    else:
        right, response = [], draw(st.lists(st.integers(0, n - 1), min_size=n, max_size=n))
    answer = draw(st.booleans())
    spec = {"type": kind, "n": n, "correct": right, "answer": answer}
    return spec, response, _question(kind, n, right, answer)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(scored_cases(), min_size=1, max_size=20))
def test_question_score_in_the_browser_matches_python(js, cases):
    site = js.evaluate("cases => cases.map(([spec, r]) => courseQuiz.rules.questionScore(spec, r))",
                       [[spec, list(r) if isinstance(r, list) else r] for spec, r, _ in cases])
    assert site == [question_score(q, r) for _, r, q in cases]


# A question's score is one of these shares (0, 1/n ... 1 for n up to 8), or unanswered.
SHARES = st.one_of(st.none(), st.builds(lambda k, n: min(k, n) / n, st.integers(0, 8), st.integers(1, 8)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SHARES, min_size=0, max_size=24), st.integers(0, 100).map(lambda p: p / 100))
def test_the_chapter_pass_rule_in_the_browser_matches_python(js, scores, pass_mark):
    site = js.evaluate("([s, p]) => courseQuiz.rules.quizResult(s, p)", [scores, pass_mark])
    rule = quiz_result(scores, pass_mark)
    assert (site["percent"], site["passPercent"], site["passed"], site["answered"], site["total"]) == (
        rule.percent, rule.pass_percent, rule.passed, rule.answered, rule.total)
    assert site["points"] == rule.points


def test_half_percents_round_up_in_both(js):
    # 5 right of 8 is 62.5 %: JavaScript's Math.round gives 63, Python's round() would give 62.
    scores = [1.0] * 5 + [0.0] * 3
    site = js.evaluate("([s, p]) => courseQuiz.rules.quizResult(s, p)", [scores, 0.63])
    assert (site["percent"], site["passed"]) == (63, True)
    assert (quiz_result(scores, 0.63).percent, quiz_result(scores, 0.63).passed) == (63, True)


@st.composite
def assessments(draw):
    n = draw(st.integers(2, 12))
    items = [sa.Item(f"i{i}", "anxiety" if i % 2 == 0 else "avoidance", "x", draw(st.booleans())) for i in range(n)]
    answers = {item.id: draw(st.integers(1, sa.POINTS)) for item in items}
    return items, answers


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assessments())
def test_the_self_assessment_score_in_the_browser_matches_python(js, case):
    items, answers = case
    data = {"points": sa.POINTS, "items": [{"id": i.id, "dim": i.dimension, "rev": i.reverse} for i in items]}
    site = js.evaluate("""([data, answers, mid]) => {
        const m = courseAssessment.means(data, answers);
        return [m.anxiety, m.avoidance, courseAssessment.regionFor(m.anxiety, m.avoidance, mid)];
    }""", [data, answers, 4])
    means = sa.means(items, answers)
    assert site == [means["anxiety"], means["avoidance"], sa.region_for(means["anxiety"], means["avoidance"], 4)]


def test_the_dance_result_follows_the_most_chosen_position(js):
    """"How do we dance?" (assessment.js danceResult) on the course's own items: pursue or withdraw when chosen
    more, mostly calm answers are no clear pattern, a tie (or only 'both') is mixed."""
    real = sa.load_assessment(ROOT / "quizzes/_tools/self-assessment.yml", "quizzes/_tools/self-assessment.yml")
    dance = {"items": [{"id": d.id, "leans": [lean for _, lean in d.options]} for d in real.dance_items]}
    ids = [d.id for d in real.dance_items]
    every = {lean: {d["id"]: d["leans"].index(lean) for d in dance["items"]} for lean in ("pursue", "withdraw", "both", "calm")}

    def result(answers):
        return js.evaluate("([dance, answers]) => courseAssessment.danceResult(dance, answers)", [dance, answers])

    assert [result(every[lean]) for lean in ("pursue", "withdraw", "both", "calm")] == ["pursue", "withdraw", "mixed", "calm"]
    calm = every["calm"]
    assert result({**calm, ids[0]: every["pursue"][ids[0]], ids[1]: every["withdraw"][ids[1]]}) == "calm"
    assert result({**calm, ids[0]: every["pursue"][ids[0]], ids[1]: every["pursue"][ids[1]]}) == "pursue"
    assert result({**every["pursue"], ids[0]: every["withdraw"][ids[0]], ids[1]: every["withdraw"][ids[1]]}) == "mixed"


def test_the_storage_key_names_the_sites_path(js):
    """quiz.js uses the key the page ships (storage_key + site path), not its own fallback ("aa-course" alone).

    That the plugin writes a configured storage_key: test_build.py's test_a_configured_storage_key_reaches_the_page."""
    assert js.evaluate("courseQuiz.key") == "aa-course:/course/"
