"""The QTI 2.1 content package: one assessmentItem per question, an assessmentTest per chapter, the manifest.

    imsmanifest.xml           resources: each item (imsqti_item_xmlv2p1) and each test
                              (imsqti_test_xmlv2p1, with a <dependency> on every item it uses)
    items/<id>.xml            one assessmentItem per question (quizkit/exports/qti.py)
    test-<chapter>.xml        an assessmentTest: one testPart, a section per lesson (and the
                              chapter quiz), an assessmentItemRef per question, in bank order.
                              At the top of the zip, so its item hrefs read the same whether an
                              importer resolves them from the test file (as QTI says) or from the root.

A test lets a reader move freely between its questions, grants one attempt per question (the
course counts the first check: quizkit/bank/scoring.py), shows each question's feedback after it, and
adds the questions' SCOREs into its own SCORE. `--chapter` gives a package with that chapter's test.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from quizkit.pages import page_title
from quizkit.exports import Item

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
NO_CHAPTER = "course"  # the test for banks at the top of docs/, if any


def identifier(qid: str) -> str:
    """QTI identifiers must not start with a digit; our ids may."""
    return qid if qid[:1].isalpha() else f"Q-{qid}"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)


def item_href(item: Item) -> str:
    return f"items/{identifier(item.question.id)}.xml"


def chapters(items: list[Item]) -> dict[str, list[Item]]:
    """The items of each chapter, chapters and items in the order given (the banks' order)."""
    out: dict[str, list[Item]] = {}
    for item in items:
        out.setdefault(item.chapter or NO_CHAPTER, []).append(item)
    return out


def test_href(chapter: str) -> str:
    return f"test-{_slug(chapter)}.xml"


class Titles:
    """Chapter and lesson titles as the site shows them (from docs/), or the file names without docs/."""

    def __init__(self, docs_dir: Path | None):
        self.docs_dir = docs_dir

    def page(self, page: str) -> str:
        if self.docs_dir and (self.docs_dir / page).is_file():
            return page_title(self.docs_dir, page)
        return PurePosixPath(page).stem.replace("-", " ").capitalize()

    def chapter(self, chapter: str) -> str:
        if chapter != NO_CHAPTER and self.docs_dir and (self.docs_dir / chapter / "index.md").is_file():
            return page_title(self.docs_dir, f"{chapter}/index.md")
        return chapter.replace("-", " ").capitalize()


def assessment_test(chapter: str, items: list[Item], titles: Titles) -> ET.Element:
    root = ET.Element("assessmentTest", {
        "xmlns": QTI,
        "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": f"TEST-{_slug(chapter)}",
        "title": titles.chapter(chapter),
    })
    score = ET.SubElement(root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    ET.SubElement(ET.SubElement(score, "defaultValue"), "value").text = "0"
    part = ET.SubElement(root, "testPart", {
        "identifier": f"PART-{_slug(chapter)}", "navigationMode": "nonlinear", "submissionMode": "individual"})
    ET.SubElement(part, "itemSessionControl", {
        "maxAttempts": "1", "showFeedback": "true", "allowReview": "true", "showSolution": "true"})
    sections: dict[str, ET.Element] = {}
    for item in items:
        page = item.bank.page
        if page not in sections:
            sections[page] = ET.SubElement(part, "assessmentSection", {
                "identifier": "SEC-" + _slug(page.removesuffix(".md")), "title": titles.page(page), "visible": "true"})
        ET.SubElement(sections[page], "assessmentItemRef", {
            "identifier": identifier(item.question.id), "href": item_href(item)})
    total = ET.SubElement(ET.SubElement(ET.SubElement(root, "outcomeProcessing"), "setOutcomeValue", {"identifier": "SCORE"}), "sum")
    ET.SubElement(total, "testVariables", {"variableIdentifier": "SCORE"})
    return root


def manifest(items: list[Item], tests: list[tuple[str, list[Item]]], title: str) -> ET.Element:
    root = ET.Element("manifest", {
        "xmlns": CP,
        "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{CP} {CP_XSD}",
        "identifier": "MANIFEST-" + _slug(title),
    })
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "QTIv2.1 Package"
    ET.SubElement(meta, "schemaversion").text = "1.0.0"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for chapter, chapter_items in tests:
        href = test_href(chapter)
        res = ET.SubElement(resources, "resource", {"identifier": f"RES-TEST-{_slug(chapter)}", "type": TEST_TYPE, "href": href})
        ET.SubElement(res, "file", {"href": href})
        for item in chapter_items:
            ET.SubElement(res, "dependency", {"identifierref": item_resource(item)})
    for item in items:
        href = item_href(item)
        res = ET.SubElement(resources, "resource", {"identifier": item_resource(item), "type": ITEM_TYPE, "href": href})
        ET.SubElement(res, "file", {"href": href})
    return root


def item_resource(item: Item) -> str:
    return "RES-" + identifier(item.question.id)


_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # what ET.tostring(encoding="utf-8") writes first


def xml(el: ET.Element) -> bytes:
    """What ET.tostring(el, encoding="utf-8") writes, for our trees (unqualified tags, no comments), ~3× faster:
    ElementTree walks the tree once for namespaces, then again to write it, one call per piece."""
    out = [_DECLARATION]
    _write(el, out.append)
    return "".join(out).encode("utf-8")


def RAW() -> None:  # noqa: N802 - used as a tag, like ET.Comment
    """The tag of an element whose text is XML, written as it is (quizkit/export/qti_processing.py)."""


_ATTRIB_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}  # as ElementTree writes them


def _attrib(value: str) -> str:
    return escape(value, _ATTRIB_ENTITIES)


def _write(el: ET.Element, write, cdata=escape, attrib=_attrib) -> None:
    tag = el.tag
    if tag is RAW:
        write(el.text)
        return
    write("<" + tag)
    for key, value in el.attrib.items():
        write(f' {key}="{attrib(value)}"')
    text = el.text
    if text or len(el):
        write(">")
        if text:
            write(cdata(text))
        for child in el:
            _write(child, write)
        write("</" + tag + ">")
    else:
        write(" />")
    if el.tail:
        write(cdata(el.tail))


def files(items: list[Item], item_xml: list[bytes], title: str, docs_dir: Path | None) -> dict[str, bytes]:
    """Every file of the package by its path in the zip, the manifest first; `item_xml`: each item's xml()."""
    titles = Titles(docs_dir)
    tests = list(chapters(items).items())
    out = {"imsmanifest.xml": xml(manifest(items, tests, title))}
    for chapter, chapter_items in tests:
        out[test_href(chapter)] = xml(assessment_test(chapter, chapter_items, titles))
    for item, data in zip(items, item_xml, strict=True):
        out[item_href(item)] = data
    return out
