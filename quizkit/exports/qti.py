"""QTI 2.1 export: a content package (zip) with imsmanifest.xml and one assessmentItem per question.

single     -> choiceInteraction maxChoices="1"
multiple   -> choiceInteraction maxChoices="0", map_response scoring (partial credit, floor 0)
truefalse  -> choiceInteraction maxChoices="1" with two choices, True and False (in the course language)
ordering   -> orderInteraction; SCORE adds 1/n for each item in its right place
matching   -> matchInteraction with two simpleMatchSets and directedPair responses, a mapping of 1/n a pair
Scores follow quizkit/bank/scoring.py, the course's one rule. Choices are shuffled (shuffle="true") exactly
where the site shows them in a random order (quizkit/bank/order.py): not for true/false or 'keep_order'.
A scenario's sub-questions become separate items with the story at the top of the itemBody.

Scoring and feedback (per option, per matching pair, the explanation as modalFeedback):
quizkit/exports/qti_processing.py. The package, with an assessmentTest per chapter:
quizkit/exports/qti_package.py. Every file validates against the IMS XSDs (tests/test_export.py).

Text is the bank's Markdown rendered by quizkit.text.MarkdownText (raw HTML off,
nh3-cleaned) and rebuilt as XHTML elements in the QTI namespace, so it is
well-formed XML. Links to course pages (relative links) keep their words but
lose the link; links to the web stay.
"""
from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from quizkit.bank.model import GRADED, Bank
from quizkit.bank.order import shuffles
from quizkit.strings import strings
from quizkit.render.text import MarkdownText
from quizkit.exports import Item, Selection, select, qti_package as package, qti_processing as rp
from quizkit.exports.qti_package import QTI, QTI_XSD, XSI, identifier

CAN = GRADED
BLOCK = {"p", "ul", "ol", "li", "blockquote", "div"}
VOID = {"br"}


class _ToXml(HTMLParser):
    """Rebuild sanitised HTML (a small, known tag set) as QTI-namespaced XHTML elements."""

    def __init__(self, parent: ET.Element):
        super().__init__(convert_charrefs=True)
        self.stack = [parent]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and not (attrs.get("href") or "").startswith(("http://", "https://", "mailto:")):
            tag, attrs = "span", {}
        keep = {k: v for k, v in attrs.items() if k in ("href", "title") and v is not None}
        el = ET.SubElement(self.stack[-1], tag, keep)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "a" and len(self.stack) > 1 and self.stack[-1].tag == "span":
            self.stack.pop()
            return
        if len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


# Sanitised HTML made only of attribute-free tags from this set and text without entities (most bank text):
# rebuilt by splitting on its tags, as _ToXml would, without an HTMLParser per text.
_SIMPLE = re.compile(r"[^<&]*(?:</?(?:p|em|strong|code|ul|ol|li|blockquote)>[^<&]*)*")
_TAG = re.compile(r"<(/?)(\w+)>")


def _fill(parent: ET.Element, html: str) -> ET.Element:
    if _SIMPLE.fullmatch(html):
        _fill_simple(parent, html)
        return parent
    parser = _ToXml(parent)
    parser.feed(html)
    parser.close()
    return parent


def _fill_simple(parent: ET.Element, html: str) -> None:
    """_ToXml's result for `html` that _SIMPLE matches: its data, start and end tags, in order."""
    stack = [parent]
    parts = _TAG.split(html)  # text, closing slash, tag, text, …
    for i in range(0, len(parts), 3):
        if i:
            closing, tag = parts[i - 2], parts[i - 1]
            if not closing:
                stack.append(ET.SubElement(stack[-1], tag))
            elif len(stack) > 1 and stack[-1].tag == tag:
                stack.pop()
        data = parts[i]
        if data:
            top = stack[-1]
            if len(top):
                top[-1].tail = (top[-1].tail or "") + data
            else:
                top.text = (top.text or "") + data


def _has_block(html: str) -> bool:
    return any(f"<{tag}>" in html or f"<{tag} " in html for tag in BLOCK)


class _Items:
    def __init__(self, language: str):
        self.md = MarkdownText()
        self.md.resolve = lambda href: href  # relative: turned into plain text by _ToXml
        self.t = strings(language)

    def block(self, parent: ET.Element, text: str | None) -> None:
        if text:
            _fill(ET.SubElement(parent, "div"), self.md.block(text))

    def choice(self, parent: ET.Element, tag: str, ident: str, text: str, **attrs) -> None:
        el = ET.SubElement(parent, tag, {"identifier": ident, **attrs})
        _fill(el, self.md.inline(text))

    def prompt(self, body: ET.Element, interaction: ET.Element, text: str) -> None:
        html = self.md.inline(text)
        if _has_block(html):  # a prompt holds inline content only: put a long prompt above instead
            body.insert(list(body).index(interaction), _fill(ET.Element("div"), html))
        else:
            prompt = ET.Element("prompt")
            interaction.insert(0, _fill(prompt, html))  # the prompt comes before the choices

    def item(self, it: Item) -> ET.Element:
        qu = it.question
        root = ET.Element("assessmentItem", {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": identifier(qu.id),
            "title": self.md.plain(qu.prompt)[:200] or qu.id,
            "adaptive": "false",
            "timeDependent": "false",
        })
        resp = ET.SubElement(root, "responseDeclaration", {"identifier": "RESPONSE"})
        correct = ET.SubElement(resp, "correctResponse")
        outcome = ET.SubElement(root, "outcomeDeclaration",
                                {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
        ET.SubElement(ET.SubElement(outcome, "defaultValue"), "value").text = "0"
        rp.declare_feedback(root)
        body = ET.SubElement(root, "itemBody")
        if it.story:
            self.block(body, it.story)
        feedback: list[tuple[str, str, str]] = []  # (identifier, condition as XML, the bank's text)
        if qu.type in ("single", "multiple", "truefalse"):
            multiple = qu.type == "multiple"
            cardinality = "multiple" if multiple else "single"
            resp.attrib.update(cardinality=cardinality, baseType="identifier")
            inter = ET.SubElement(body, "choiceInteraction", {
                "responseIdentifier": "RESPONSE", "shuffle": "true" if shuffles(qu) else "false",
                "maxChoices": "0" if multiple else "1"})
            if qu.type == "truefalse":
                for ident, label, value, said in (("TRUE", self.t["true"], True, qu.feedback_true),
                                                  ("FALSE", self.t["false"], False, qu.feedback_false)):
                    self.choice(inter, "simpleChoice", ident, label)
                    if value == qu.answer:
                        ET.SubElement(correct, "value").text = ident
                    if said:
                        feedback.append((ident, rp.chose(ident, cardinality), said))
            else:
                for i, opt in enumerate(qu.options):
                    self.choice(inter, "simpleChoice", f"C{i + 1}", opt.text)
                    if opt.correct:
                        ET.SubElement(correct, "value").text = f"C{i + 1}"
                    if opt.feedback:
                        feedback.append((f"C{i + 1}", rp.chose(f"C{i + 1}", cardinality), opt.feedback))
            if multiple:
                right = sum(o.correct for o in qu.options)
                wrong = len(qu.options) - right
                mapping = ET.SubElement(resp, "mapping", {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
                for i, opt in enumerate(qu.options):
                    value = 1 / right if opt.correct else -1 / max(wrong, 1)
                    ET.SubElement(mapping, "mapEntry", {"mapKey": f"C{i + 1}", "mappedValue": repr(value)})
            self.prompt(body, inter, qu.prompt)
        elif qu.type == "ordering":
            resp.attrib.update(cardinality="ordered", baseType="identifier")
            inter = ET.SubElement(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
            for i, step in enumerate(qu.items):
                self.choice(inter, "simpleChoice", f"S{i + 1}", step)
                ET.SubElement(correct, "value").text = f"S{i + 1}"
            self.prompt(body, inter, qu.prompt)
        elif qu.type == "matching":
            n = len(qu.pairs)
            resp.attrib.update(cardinality="multiple", baseType="directedPair")
            inter = ET.SubElement(body, "matchInteraction", {
                "responseIdentifier": "RESPONSE", "shuffle": "true", "maxAssociations": str(n)})
            left = ET.SubElement(inter, "simpleMatchSet")
            right = ET.SubElement(inter, "simpleMatchSet")
            for i, pair in enumerate(qu.pairs):
                self.choice(left, "simpleAssociableChoice", f"L{i + 1}", pair.left, matchMax="1")
                self.choice(right, "simpleAssociableChoice", f"R{i + 1}", pair.right, matchMax="1")
                ET.SubElement(correct, "value").text = f"L{i + 1} R{i + 1}"
                if pair.feedback:  # led by its left item, as on the site: several pairs may be wrong at once
                    feedback.append((f"P{i + 1}", rp.pair_missed(f"L{i + 1} R{i + 1}"), f"{pair.left}: {pair.feedback}"))
            mapping = ET.SubElement(resp, "mapping", {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
            for i in range(n):
                ET.SubElement(mapping, "mapEntry", {"mapKey": f"L{i + 1} R{i + 1}", "mappedValue": repr(1 / n)})
            self.prompt(body, inter, qu.prompt)
        else:  # pragma: no cover - select() only passes CAN
            raise ValueError(qu.type)
        ET.SubElement(root, package.RAW).text = rp.processing(qu, [(ident, condition) for ident, condition, _ in feedback])
        for ident, _, said in feedback:
            self.block(rp.modal(root, ident), said)
        if qu.explanation:
            self.block(rp.modal(root, rp.EXPLANATION), qu.explanation)
        return root


def to_zip(banks: list[Bank], language: str = "en", title: str = "course", docs_dir: Path | None = None,
           date: tuple[int, int, int, int, int, int] | None = None) -> tuple[bytes, Selection]:
    """The package as zip bytes; `docs_dir` gives the tests and sections the site's titles; with `date`,
    every entry carries it (the same banks give the same bytes)."""
    sel = select(banks, CAN, "QTI")
    maker = _Items(language)
    buf = io.BytesIO()

    def entry(name: str) -> str | zipfile.ZipInfo:
        if date is None:
            return name
        info = zipfile.ZipInfo(name, date)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        # Each item written out as soon as it is built: a thousand trees kept alive make every garbage collection slow.
        items = [package.xml(maker.item(it)) for it in sel.items]
        for name, data in package.files(sel.items, items, title, docs_dir).items():
            zf.writestr(entry(name), data)
    return buf.getvalue(), sel


def write(banks: list[Bank], out: Path, language: str = "en", title: str = "course",
          docs_dir: Path | None = None) -> Selection:
    data, sel = to_zip(banks, language, title, docs_dir)
    out.write_bytes(data)
    return sel
