"""QTI 2.1 export: a content package (zip) with imsmanifest.xml and one assessmentItem per question.

single     -> choiceInteraction maxChoices="1"
multiple   -> choiceInteraction maxChoices="0", map_response scoring (partial credit, floor 0)
truefalse  -> choiceInteraction maxChoices="1" with two choices, True and False (in the course language)
ordering   -> orderInteraction; SCORE adds 1/n for each item in its right place
matching   -> matchInteraction with two simpleMatchSets and directedPair responses, map_response 1/n a pair
Scores follow quizkit/scoring.py, the course's one rule. Choices are shuffled (shuffle="true") exactly
where the site shows them in a random order (quizkit/order.py): not for true/false or 'keep_order'.
A scenario's sub-questions become separate items with the story at the top of the itemBody.

Text is the bank's Markdown rendered by quizkit.text.MarkdownText (raw HTML off,
nh3-cleaned) and rebuilt as XHTML elements in the QTI namespace, so it is
well-formed XML. Links to course pages (relative links) keep their words but
lose the link; links to the web stay. Per-option feedback and explanations
are not in the QTI items (the GIFT and JSON exports carry them).
"""
from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from ..model import GRADED, Bank
from ..order import shuffles
from ..strings import strings
from ..text import MarkdownText
from . import Item, Selection, select

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
CAN = GRADED
BLOCK = {"p", "ul", "ol", "li", "blockquote", "div"}
VOID = {"br"}


def q(tag: str) -> str:
    """Element names are written unqualified; the root's xmlns puts them in the QTI namespace."""
    return tag


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
        el = ET.SubElement(self.stack[-1], q(tag), keep)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], q(tag))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "a" and len(self.stack) > 1 and self.stack[-1].tag == q("span"):
            self.stack.pop()
            return
        if len(self.stack) > 1 and self.stack[-1].tag == q(tag):
            self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _fill(parent: ET.Element, html: str) -> ET.Element:
    parser = _ToXml(parent)
    parser.feed(html)
    parser.close()
    return parent


def _has_block(html: str) -> bool:
    return any(f"<{tag}>" in html or f"<{tag} " in html for tag in BLOCK)


class _Items:
    def __init__(self, language: str):
        self.md = MarkdownText()
        self.md.resolve = lambda href: href  # relative: turned into plain text by _ToXml
        self.t = strings(language)

    def block(self, parent: ET.Element, text: str | None) -> None:
        if text:
            _fill(ET.SubElement(parent, q("div")), self.md.block(text))

    def choice(self, parent: ET.Element, tag: str, ident: str, text: str, **attrs) -> None:
        el = ET.SubElement(parent, q(tag), {"identifier": ident, **attrs})
        _fill(el, self.md.inline(text))

    def prompt(self, body: ET.Element, interaction: ET.Element, text: str) -> None:
        html = self.md.inline(text)
        if _has_block(html):  # a prompt holds inline content only: put a long prompt above instead
            body.insert(list(body).index(interaction), _fill(ET.Element(q("div")), html))
        else:
            prompt = ET.Element(q("prompt"))
            interaction.insert(0, _fill(prompt, html))  # the prompt comes before the choices

    def item(self, it: Item) -> ET.Element:
        qu = it.question
        root = ET.Element(q("assessmentItem"), {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": identifier(qu.id),
            "title": self.md.plain(qu.prompt)[:200] or qu.id,
            "adaptive": "false",
            "timeDependent": "false",
        })
        resp = ET.SubElement(root, q("responseDeclaration"), {"identifier": "RESPONSE"})
        correct = ET.SubElement(resp, q("correctResponse"))
        outcome = ET.SubElement(root, q("outcomeDeclaration"),
                                {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
        ET.SubElement(ET.SubElement(outcome, q("defaultValue")), q("value")).text = "0"
        body = ET.SubElement(root, q("itemBody"))
        if it.story:
            self.block(body, it.story)
        template = MATCH_CORRECT
        if qu.type in ("single", "multiple", "truefalse"):
            multiple = qu.type == "multiple"
            resp.attrib.update(cardinality="multiple" if multiple else "single", baseType="identifier")
            inter = ET.SubElement(body, q("choiceInteraction"), {
                "responseIdentifier": "RESPONSE", "shuffle": "true" if shuffles(qu) else "false",
                "maxChoices": "0" if multiple else "1"})
            if qu.type == "truefalse":
                for ident, label, value in (("TRUE", self.t["true"], True), ("FALSE", self.t["false"], False)):
                    self.choice(inter, "simpleChoice", ident, label)
                    if value == qu.answer:
                        ET.SubElement(correct, q("value")).text = ident
            else:
                for i, opt in enumerate(qu.options):
                    self.choice(inter, "simpleChoice", f"C{i + 1}", opt.text)
                    if opt.correct:
                        ET.SubElement(correct, q("value")).text = f"C{i + 1}"
            if multiple:
                right = sum(o.correct for o in qu.options)
                wrong = len(qu.options) - right
                mapping = ET.SubElement(resp, q("mapping"), {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
                for i, opt in enumerate(qu.options):
                    value = 1 / right if opt.correct else -1 / max(wrong, 1)
                    ET.SubElement(mapping, q("mapEntry"), {"mapKey": f"C{i + 1}", "mappedValue": repr(value)})
                template = MAP_RESPONSE
            self.prompt(body, inter, qu.prompt)
        elif qu.type == "ordering":
            resp.attrib.update(cardinality="ordered", baseType="identifier")
            inter = ET.SubElement(body, q("orderInteraction"), {"responseIdentifier": "RESPONSE", "shuffle": "true"})
            for i, step in enumerate(qu.items):
                self.choice(inter, "simpleChoice", f"S{i + 1}", step)
                ET.SubElement(correct, q("value")).text = f"S{i + 1}"
            self.prompt(body, inter, qu.prompt)
            template = None  # per-position credit has no standard template: written out below
        elif qu.type == "matching":
            n = len(qu.pairs)
            resp.attrib.update(cardinality="multiple", baseType="directedPair")
            inter = ET.SubElement(body, q("matchInteraction"), {
                "responseIdentifier": "RESPONSE", "shuffle": "true", "maxAssociations": str(n)})
            left = ET.SubElement(inter, q("simpleMatchSet"))
            right = ET.SubElement(inter, q("simpleMatchSet"))
            for i, pair in enumerate(qu.pairs):
                self.choice(left, "simpleAssociableChoice", f"L{i + 1}", pair.left, matchMax="1")
                self.choice(right, "simpleAssociableChoice", f"R{i + 1}", pair.right, matchMax="1")
                ET.SubElement(correct, q("value")).text = f"L{i + 1} R{i + 1}"
            mapping = ET.SubElement(resp, q("mapping"), {"lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
            for i in range(n):
                ET.SubElement(mapping, q("mapEntry"), {"mapKey": f"L{i + 1} R{i + 1}", "mappedValue": repr(1 / n)})
            template = MAP_RESPONSE
            self.prompt(body, inter, qu.prompt)
        else:  # pragma: no cover - select() only passes CAN
            raise ValueError(qu.type)
        if template:
            ET.SubElement(root, q("responseProcessing"), {"template": template})
        else:
            _positions_processing(root, len(qu.items))
        return root


def _positions_processing(root: ET.Element, n: int) -> None:
    """SCORE = 1/n for each position i whose response is S<i> (the index operator reads an ordered response)."""
    rp = ET.SubElement(root, q("responseProcessing"))
    for i in range(n):
        cond = ET.SubElement(ET.SubElement(rp, q("responseCondition")), q("responseIf"))
        match = ET.SubElement(cond, q("match"))
        ET.SubElement(ET.SubElement(match, q("index"), {"n": str(i + 1)}), q("variable"), {"identifier": "RESPONSE"})
        ET.SubElement(match, q("baseValue"), {"baseType": "identifier"}).text = f"S{i + 1}"
        add = ET.SubElement(ET.SubElement(cond, q("setOutcomeValue"), {"identifier": "SCORE"}), q("sum"))
        ET.SubElement(add, q("variable"), {"identifier": "SCORE"})
        ET.SubElement(add, q("baseValue"), {"baseType": "float"}).text = repr(1 / n)


def identifier(qid: str) -> str:
    """QTI identifiers must not start with a digit; our ids may."""
    return qid if qid[:1].isalpha() else f"Q-{qid}"


def manifest(items: list[Item], hrefs: list[str], title: str) -> ET.Element:
    root = ET.Element("manifest", {
        "xmlns": CP,
        "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{CP} {CP_XSD}",
        "identifier": "MANIFEST-" + "".join(c if c.isalnum() else "-" for c in title),
    })
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "QTIv2.1 Package"
    ET.SubElement(meta, "schemaversion").text = "1.0.0"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for it, href in zip(items, hrefs, strict=True):
        res = ET.SubElement(resources, "resource", {
            "identifier": "RES-" + identifier(it.question.id), "type": "imsqti_item_xmlv2p1", "href": href})
        ET.SubElement(res, "file", {"href": href})
    return root


_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # what ET.tostring(encoding="utf-8") writes first


def _xml(el: ET.Element) -> bytes:
    # Serialising to str and encoding once skips ElementTree's encoder, called per fragment.
    return (_DECLARATION + ET.tostring(el, encoding="unicode")).encode("utf-8")


def to_zip(banks: list[Bank], language: str = "en", title: str = "course",
           date: tuple[int, int, int, int, int, int] | None = None) -> tuple[bytes, Selection]:
    """The package; with `date`, every entry carries it (the same banks give the same bytes)."""
    sel = select(banks, CAN, "QTI")
    maker = _Items(language)
    buf = io.BytesIO()
    hrefs = [f"items/{identifier(it.question.id)}.xml" for it in sel.items]

    def entry(name: str) -> str | zipfile.ZipInfo:
        if date is None:
            return name
        info = zipfile.ZipInfo(name, date)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(entry("imsmanifest.xml"), _xml(manifest(sel.items, hrefs, title)))
        for it, href in zip(sel.items, hrefs, strict=True):
            zf.writestr(entry(href), _xml(maker.item(it)))
    return buf.getvalue(), sel


def write(banks: list[Bank], out: Path, language: str = "en", title: str = "course") -> Selection:
    data, sel = to_zip(banks, language, title)
    out.write_bytes(data)
    return sel
