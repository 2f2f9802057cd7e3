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


# Written as XML text, not elements: the same rules for every item, and a thousand items' worth of elements
# cost more to build and to write out than the rest of the package (qti_package.RAW carries the text).
def _el(parent: ET.Element, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _var(name: str = "RESPONSE") -> str:
    return f'<variable identifier="{name}" />'


def _set(outcome: str, value: str) -> str:
    return f'<setOutcomeValue identifier="{outcome}">{value}</setOutcomeValue>'


def _float(value: float) -> str:
    return f'<baseValue baseType="float">{value!r}</baseValue>'


def _base(kind: str, value: str) -> str:
    return f'<baseValue baseType="{kind}">{value}</baseValue>'


_MAP_RESPONSE = '<mapResponse identifier="RESPONSE" />'


def _if(condition: str, then: str) -> str:
    return f"<responseCondition><responseIf>{condition}{then}</responseIf></responseCondition>"


def declare_feedback(root: ET.Element) -> None:
    """The outcome the modal feedback reads; it is declared after SCORE."""
    _el(root, "outcomeDeclaration", {"identifier": FEEDBACK, "cardinality": "multiple", "baseType": "identifier"})


def processing(q: Question, feedback_ids: list[tuple[str, str]]) -> str:
    """responseProcessing for `q`, as XML text. `feedback_ids`: (identifier, condition) for each conditional
    feedback, the condition an expression written with the helpers below."""
    out = ["<responseProcessing>"]
    if q.type in ("single", "truefalse"):
        out.append(f'<responseCondition><responseIf><match>{_var()}<correct identifier="RESPONSE" /></match>'
                   f'{_set("SCORE", _float(1.0))}</responseIf>'
                   f'<responseElse>{_set("SCORE", _float(0.0))}</responseElse></responseCondition>')
    elif q.type in ("multiple", "matching"):
        out.append(f'<responseCondition><responseIf><isNull>{_var()}</isNull>{_set("SCORE", _float(0.0))}</responseIf>'
                   f'<responseElse>{_set("SCORE", _MAP_RESPONSE)}'
                   f'</responseElse></responseCondition>')
    elif q.type == "ordering":
        n = len(q.items)
        for i in range(n):
            out.append(_if(f'<match><index n="{i + 1}">{_var()}</index>{_base("identifier", f"S{i + 1}")}</match>',
                           _set("SCORE", f"<sum>{_var('SCORE')}{_float(1 / n)}</sum>")))
    else:  # pragma: no cover - only graded types are exported
        raise ValueError(q.type)
    for ident, condition in feedback_ids:
        out.append(_if(condition, _show(ident)))
    if q.explanation:
        out.append(_show(EXPLANATION))
    out.append("</responseProcessing>")
    return "".join(out)


def _show(ident: str) -> str:
    """FEEDBACKMODAL gains `ident` (the multiple operator ignores the outcome while it is still NULL)."""
    return _set(FEEDBACK, f"<multiple>{_var(FEEDBACK)}{_base('identifier', ident)}</multiple>")


def chose(choice: str, cardinality: str) -> str:
    """True when the response is (single) or holds (multiple) the choice `choice`."""
    if cardinality == "single":
        return f"<match>{_var()}{_base('identifier', choice)}</match>"
    return f"<member>{_base('identifier', choice)}{_var()}</member>"


def pair_missed(pair: str) -> str:
    """True when the response does not hold the directed pair `pair` ('L1 R1')."""
    return f"<not><member>{_base('directedPair', pair)}{_var()}</member></not>"


def modal(root: ET.Element, ident: str) -> ET.Element:
    """A modalFeedback shown when FEEDBACKMODAL holds `ident`; the caller fills it."""
    return _el(root, "modalFeedback", {"outcomeIdentifier": FEEDBACK, "showHide": "show", "identifier": ident})
