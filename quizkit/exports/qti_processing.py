"""QTI 2.1 response processing and feedback for one item: the score rule, then which feedback to show.

Score (quizkit/bank/scoring.py, the course's one rule), written out as rules rather than a template
because QTI lets an item have a template OR its own rules, and the feedback needs rules:

single, truefalse   SCORE = 1 if RESPONSE matches the correct response, else 0 (the match_correct template)
multiple, matching  SCORE = mapResponse(RESPONSE), bounded 0..1 by the mapping (the map_response template)
ordering            SCORE adds 1/n for each position i whose response is S<i>

Feedback is modalFeedback on one outcome, FEEDBACKMODAL (multiple identifiers), shown after the
attempt is submitted, in this order:

C<i> / TRUE / FALSE   the chosen option's own feedback (the bank's option `feedback:`, `feedback_true/false`)
P<i>                  matching: pair i's feedback, led by its left item, when that item was matched wrong
                      (or not at all)
EXPLANATION           the question's explanation, whatever was answered

modalFeedback rather than feedbackInline because it holds block content (the bank's Markdown
becomes paragraphs and lists), it is the feedback QTI players and importers show after a
submission, and a matching pair or the explanation has no choice to sit inline in. The widget's
`nudge` (a hint for a second try on the site) is not exported: an LMS attempt shows the explanation at once.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

from quizkit.bank.model import Question

FEEDBACK = "FEEDBACKMODAL"
EXPLANATION = "EXPLANATION"


def _el(parent: ET.Element, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _var(parent: ET.Element, name: str = "RESPONSE") -> ET.Element:
    return _el(parent, "variable", {"identifier": name})


def _set(parent: ET.Element, outcome: str) -> ET.Element:
    return _el(parent, "setOutcomeValue", {"identifier": outcome})


def _float(parent: ET.Element, value: float) -> ET.Element:
    return _el(parent, "baseValue", {"baseType": "float"}, repr(value))


def declare_feedback(root: ET.Element) -> None:
    """The outcome the modal feedback reads; it is declared after SCORE."""
    _el(root, "outcomeDeclaration", {"identifier": FEEDBACK, "cardinality": "multiple", "baseType": "identifier"})


def processing(root: ET.Element, q: Question, feedback_ids: list[tuple[str, ET.Element]]) -> ET.Element:
    """responseProcessing for `q`. `feedback_ids`: (identifier, condition) for each conditional feedback,
    the condition an expression element built with the helpers below (not yet attached)."""
    rp = _el(root, "responseProcessing")
    if q.type in ("single", "truefalse"):
        cond = _el(rp, "responseCondition")
        when = _el(cond, "responseIf")
        match = _el(when, "match")
        _var(match)
        _el(match, "correct", {"identifier": "RESPONSE"})
        _float(_set(when, "SCORE"), 1.0)
        _float(_set(_el(cond, "responseElse"), "SCORE"), 0.0)
    elif q.type in ("multiple", "matching"):
        cond = _el(rp, "responseCondition")
        when = _el(cond, "responseIf")
        _var(_el(when, "isNull"))
        _float(_set(when, "SCORE"), 0.0)
        _el(_set(_el(cond, "responseElse"), "SCORE"), "mapResponse", {"identifier": "RESPONSE"})
    elif q.type == "ordering":
        n = len(q.items)
        for i in range(n):
            when = _el(_el(rp, "responseCondition"), "responseIf")
            match = _el(when, "match")
            _var(_el(match, "index", {"n": str(i + 1)}))
            _el(match, "baseValue", {"baseType": "identifier"}, f"S{i + 1}")
            add = _el(_set(when, "SCORE"), "sum")
            _var(add, "SCORE")
            _float(add, 1 / n)
    else:  # pragma: no cover - only graded types are exported
        raise ValueError(q.type)
    for ident, condition in feedback_ids:
        when = _el(_el(rp, "responseCondition"), "responseIf")
        when.append(condition)
        _show(when, ident)
    if q.explanation:
        _show(rp, EXPLANATION)
    return rp


def _show(parent: ET.Element, ident: str) -> None:
    """FEEDBACKMODAL gains `ident` (the multiple operator ignores the outcome while it is still NULL)."""
    both = _el(_set(parent, FEEDBACK), "multiple")
    _var(both, FEEDBACK)
    _el(both, "baseValue", {"baseType": "identifier"}, ident)


def chose(choice: str, cardinality: str) -> ET.Element:
    """True when the response is (single) or holds (multiple) the choice `choice`."""
    if cardinality == "single":
        cond = ET.Element("match")
        _var(cond)
        _el(cond, "baseValue", {"baseType": "identifier"}, choice)
    else:
        cond = ET.Element("member")
        _el(cond, "baseValue", {"baseType": "identifier"}, choice)
        _var(cond)
    return cond


def pair_missed(pair: str) -> ET.Element:
    """True when the response does not hold the directed pair `pair` ('L1 R1')."""
    cond = ET.Element("not")
    member = _el(cond, "member")
    _el(member, "baseValue", {"baseType": "directedPair"}, pair)
    _var(member)
    return cond


def modal(root: ET.Element, ident: str) -> ET.Element:
    """A modalFeedback shown when FEEDBACKMODAL holds `ident`; the caller fills it."""
    return _el(root, "modalFeedback", {"outcomeIdentifier": FEEDBACK, "showHide": "show", "identifier": ident})
