"""LMS exports: QTI 2.1 packages, Moodle GIFT (parsed back by a small GIFT reader), and JSON.

QTI: every item, every assessmentTest and the manifest of the real course's package validate
against the IMS XSDs vendored in tests/vendor/ims/ (tests/ims_xsd.py, no network); the items'
own response processing runs in tests/qti_runtime.py to see which feedback a player shows.
Matching feedback written in a bank comes back out of the JSON, the GIFT and the QTI.
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator

from quizkit.bank.course import load_course
from quizkit.authoring.cli import _mkdocs_settings
from quizkit.exports import gift, json_export, plain_text, qti, qti_package
from quizkit.pages import nav_pages
from quizkit.render.text import MarkdownText

from . import ims_xsd, qti_runtime

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/fixtures/site"
QTI_NS = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP_NS = "{http://www.imsglobal.org/xsd/imscp_v1p1}"

TRICKY = r"""
questions:
  - id: tr-single
    type: single
    prompt: 'Which sign: ~ = # { } \ **bold**?'
    options:
      - {text: "a = b", correct: true, feedback: "yes # really"}
      - {text: "{braces}", feedback: "no: not this ~ one"}
    explanation: 'Colons: here; back\slash.'
  - id: tr-multiple
    type: multiple
    prompt: Pick *two*.
    options:
      - {text: One, correct: true}
      - {text: Two, correct: true, feedback: "Yes."}
      - {text: Three, feedback: "No."}
    explanation: One and two.
  - id: tr-tf
    type: truefalse
    prompt: "True: it is {true}."
    answer: true
    feedback_true: Right.
    feedback_false: "Look again: it is."
    explanation: It is.
  - id: tr-order
    type: ordering
    prompt: Order.
    items: [A, B, C]
    explanation: A B C.
  - id: tr-match
    type: matching
    prompt: Match = pair.
    pairs:
      - {left: "x ~ 1", right: "y: 1"}
      - {left: x2, right: "y#2", feedback: "Think: what comes *second*? {not this}"}
      - {left: x3, right: y3}
    explanation: Pairs.
    nudge: Look at the numbers.
  - id: tr-scn
    type: scenario
    story: "Sam: texts {twice}."
    questions:
      - id: tr-scn-1
        type: truefalse
        prompt: Sam waits.
        answer: false
        explanation: He texts.
  - id: tr-likert
    type: likert
    prompt: I agree.
"""


def course_banks(docs: Path, quizzes: Path):
    course = load_course(docs, quizzes)
    assert course.errors == []
    return [b for _, b in sorted(course.banks.items())]


@pytest.fixture(scope="module")
def fixture_banks():
    return course_banks(FIXTURE / "docs", FIXTURE / "quizzes")


@pytest.fixture
def tricky_banks(tmp_path):
    (tmp_path / "docs/ch").mkdir(parents=True)
    (tmp_path / "quizzes/ch").mkdir(parents=True)
    (tmp_path / "docs/ch/tricky.md").write_text("# Tricky\n")
    (tmp_path / "quizzes/ch/tricky.yml").write_text(TRICKY)
    return course_banks(tmp_path / "docs", tmp_path / "quizzes")


# -- a small GIFT reader, written from Moodle's format description -----------------
def _split_unescaped(text: str, seps: str) -> list[tuple[str, str]]:
    """Split at unescaped separator characters: [(separator before piece, piece)]."""
    out, cur, sep, i = [], "", "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur += text[i:i + 2]
            i += 2
            continue
        if c in seps:
            out.append((sep, cur))
            sep, cur = c, ""
        else:
            cur += c
        i += 1
    out.append((sep, cur))
    return out


def unescape_gift(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def parse_gift(text: str) -> list[dict]:
    questions = []
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        body = "\n".join(line for line in lines if not line.startswith("$CATEGORY:")).strip()
        if not body:
            continue
        m = re.match(r"::((?:\\.|[^:\\])*)::(.*)$", body, re.S)
        assert m, body
        title, rest = m.group(1), m.group(2)
        pieces = _split_unescaped(rest, "{}")
        assert [s for s, _ in pieces] == ["", "{", "}"], rest
        prompt, answers = pieces[0][1], pieces[1][1]
        general = None
        gm = _split_unescaped(answers, "#")
        # general feedback: '####' = four unescaped '#'
        joined, parts = answers, []
        idx = _find_unescaped(joined, "####")
        if idx is not None:
            general = unescape_gift(joined[idx + 4:])
            answers = joined[:idx]
        q = {"id": unescape_gift(title), "prompt": unescape_gift(prompt), "general": general}
        stripped = answers.strip()
        if stripped.split("#")[0].strip() in ("TRUE", "FALSE", "T", "F"):
            fb = [p for _, p in _split_unescaped(stripped, "#")]
            q.update(type="truefalse", answer=fb[0].strip() in ("TRUE", "T"),
                     if_wrong=unescape_gift(fb[1]) if len(fb) > 1 else None,
                     if_right=unescape_gift(fb[2]) if len(fb) > 2 else None)
        else:
            answers_list = [(s, p) for s, p in _split_unescaped(stripped, "=~") if s]
            if answers_list and all(s == "=" and re.search(r"\s->\s", p) for s, p in answers_list):
                q["type"] = "matching"
                q["pairs"] = [tuple(unescape_gift(x) for x in p.split(" -> ", 1)) for _, p in answers_list]
            else:
                opts = []
                for s, p in answers_list:
                    w = re.match(r"%(-?[\d.]+)%", p.strip())
                    weight = float(w.group(1)) if w else (100.0 if s == "=" else 0.0)
                    p = p.strip()[w.end():] if w else p
                    parts = [x for _, x in _split_unescaped(p, "#")]
                    opts.append({"text": unescape_gift(parts[0]), "weight": weight,
                                 "feedback": unescape_gift(parts[1]) if len(parts) > 1 else None})
                q["type"] = "multiple" if any("%" in p for s, p in answers_list) else "single"
                q["options"] = opts
        questions.append(q)
        del gm
    return questions


def _find_unescaped(text: str, needle: str):
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(needle, i):
            return i
        i += 1
    return None


def test_gift_round_trip(tricky_banks, fixture_banks, capsys):
    md = MarkdownText()
    p = lambda s: plain_text(md, s) or None
    for banks in (tricky_banks, fixture_banks):
        text, sel = gift.to_text(banks)
        parsed = {q["id"]: q for q in parse_gift(text)}
        expected = {i.question.id: i for i in sel.items}
        assert set(parsed) == set(expected)
        for qid, item in expected.items():
            q, got = item.question, parsed[qid]
            assert got["type"] == q.type
            prompt = p(q.prompt) if not item.story else f"{p(item.story)} {p(q.prompt)}"
            assert got["prompt"] == prompt
            assert got["general"] == " ".join([p(q.explanation)] + [f"{p(x.left)}: {p(x.feedback)}" for x in q.pairs if x.feedback])
            if q.type in ("single", "multiple"):
                assert [o["text"] for o in got["options"]] == [p(o.text) for o in q.options]
                assert [o["weight"] > 0 for o in got["options"]] == [o.correct for o in q.options]
                assert [o["feedback"] for o in got["options"]] == [p(o.feedback) for o in q.options]
                if q.type == "multiple":
                    assert sum(o["weight"] for o in got["options"] if o["weight"] > 0) == pytest.approx(100, abs=0.01)
            elif q.type == "truefalse":
                assert got["answer"] is q.answer
                right = q.feedback_true if q.answer else q.feedback_false
                assert (got["if_right"] or None) == p(right)
            elif q.type == "matching":
                assert got["pairs"] == [(p(x.left), p(x.right)) for x in q.pairs]
    assert "**" not in gift.to_text(tricky_banks)[0]


def test_gift_escapes_every_special_character():
    assert gift.escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"


def test_gift_cli_lists_skipped_ids_on_stderr(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(FIXTURE), "export",
                             "--format", "gift", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "ordering (GIFT has no ordering question): fx-ordering" in result.stderr
    assert "likert (not graded): fx-likert" in result.stderr and "fx-reflection" in result.stderr
    out = (tmp_path / "quizzes-course.gift.txt").read_text()
    assert "::fx-single::" in out and "fx-ordering" not in out


def test_qti_package(tmp_path, tricky_banks, fixture_banks):
    data, sel = qti.to_zip(tricky_banks + fixture_banks, "en", "test")
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.tag == CP_NS + "manifest"
    assert manifest.find(f"{CP_NS}metadata/{CP_NS}schema").text == "QTIv2.1 Package"
    resources = manifest.findall(f"{CP_NS}resources/{CP_NS}resource")
    assert {r.get("type") for r in resources} == {"imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1"}
    hrefs = [r.get("href") for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    assert sorted(hrefs) == sorted(n for n in zf.namelist() if n.startswith("items/"))
    ids = [i.question.id for i in sel.items]
    assert "tr-likert" not in ids and "fx-reflection" not in ids and "tr-scn-1" in ids and "tr-order" in ids
    ungraded = {q.id for b in fixture_banks for q in b.leaves() if not q.graded}
    assert {s.id for s in sel.skipped} == {"tr-likert"} | ungraded
    for item, href in zip(sel.items, hrefs, strict=True):
        q = item.question
        root = ET.fromstring(zf.read(href))
        assert root.tag == QTI_NS + "assessmentItem"
        assert root.get("identifier") == q.id and root.get("adaptive") == "false" and root.get("timeDependent") == "false"
        assert "imsqti_v2p1.xsd" in root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
        tags = [c.tag[len(QTI_NS):] for c in root]
        assert tags[:5] == ["responseDeclaration", "outcomeDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing"]
        assert set(tags[5:]) == {"modalFeedback"} and root.findall(QTI_NS + "modalFeedback")[-1].get("identifier") == "EXPLANATION"
        resp = root.find(QTI_NS + "responseDeclaration")
        values = [v.text for v in resp.findall(f"{QTI_NS}correctResponse/{QTI_NS}value")]
        body = root.find(QTI_NS + "itemBody")
        inter = next(iter(body.iter())) if False else None
        kinds = {"single": "choiceInteraction", "multiple": "choiceInteraction", "truefalse": "choiceInteraction",
                 "ordering": "orderInteraction", "matching": "matchInteraction"}
        inter = body.find(QTI_NS + kinds[q.type])
        assert inter is not None and inter.get("responseIdentifier") == "RESPONSE"
        first = inter[0]
        if first.tag == QTI_NS + "prompt":
            assert "".join(first.itertext()).strip()
        if q.type in ("single", "multiple"):
            assert inter.get("maxChoices") == ("1" if q.type == "single" else "0")
            choices = inter.findall(QTI_NS + "simpleChoice")
            assert len(choices) == len(q.options)
            assert values == [c.get("identifier") for c, o in zip(choices, q.options, strict=True) if o.correct]
            assert resp.get("cardinality") == ("single" if q.type == "single" else "multiple")
        elif q.type == "truefalse":
            choices = inter.findall(QTI_NS + "simpleChoice")
            assert inter.get("maxChoices") == "1" and len(choices) == 2
            assert values == ["TRUE" if q.answer else "FALSE"]
        elif q.type == "ordering":
            assert resp.get("cardinality") == "ordered"
            assert len(values) == len(q.items) == len(inter.findall(QTI_NS + "simpleChoice"))
        elif q.type == "matching":
            assert resp.get("baseType") == "directedPair"
            sets = inter.findall(QTI_NS + "simpleMatchSet")
            assert len(sets) == 2 and all(len(s) == len(q.pairs) for s in sets)
            assert values == [f"L{i} R{i}" for i in range(1, len(q.pairs) + 1)]
        if item.story:
            assert plain_text(MarkdownText(), item.story).split()[0] in "".join(body.itertext())
    # Markdown became XHTML elements, not escaped tags or raw asterisks
    single = ET.fromstring(zf.read("items/tr-single.xml"))
    prompt = single.find(f".//{QTI_NS}prompt")
    assert prompt.find(QTI_NS + "strong").text == "bold"
    assert "**" not in ET.tostring(single, encoding="unicode")


def test_qti_escapes_html_in_banks(tmp_path):
    (tmp_path / "docs/ch").mkdir(parents=True)
    (tmp_path / "quizzes/ch").mkdir(parents=True)
    (tmp_path / "docs/ch/x.md").write_text("# X\n")
    (tmp_path / "quizzes/ch/x.yml").write_text(
        "questions:\n  - id: x-html\n    type: truefalse\n    prompt: '<script>alert(1)</script> & <b>hi</b>'\n"
        "    answer: true\n    explanation: E.\n")
    data, _ = qti.to_zip(course_banks(tmp_path / "docs", tmp_path / "quizzes"))
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("items/x-html.xml"))
    assert not list(root.iter(QTI_NS + "script")) and not list(root.iter(QTI_NS + "b"))
    assert "<script>" in "".join(root.find(f".//{QTI_NS}prompt").itertext())


def test_json_export_matches_schema_and_bank(tmp_path, fixture_banks):
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(FIXTURE), "export",
                             "--format", "json", "--chapter", "basics", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "quizzes-basics.json").read_text())
    schema = json.loads(json_export.SCHEMA.read_text())
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert errors == []
    by_id = {q["id"]: q for q in data["questions"]}
    basics = [b for b in fixture_banks if b.page.startswith("basics/")]
    assert set(by_id) == {q.id for b in basics for q in b.graded()}
    assert {"fx-single", "fx-multiple", "fx-truefalse", "fx-ordering", "fx-matching", "fx-scenario-1"} <= set(by_id)
    assert by_id["fx-ordering"]["items"] == ["Trigger", "Alarm", "Pursuit", "Withdrawal"]
    assert by_id["fx-scenario-2"]["story"].startswith("Sam texts Jordan") and by_id["fx-scenario-2"]["answer"] is False
    assert [o["correct"] for o in by_id["fx-single"]["options"]] == [True, False, False]
    ungraded = {q.id for b in basics for q in b.leaves() if not q.graded}
    assert {s["id"] for s in data["skipped"]} == ungraded and {"fx-likert", "fx-reflection"} <= ungraded
    assert f"skipped {len(ungraded)} question(s)" in result.stderr
    # the schema can fail: a broken document is refused
    by_id["fx-single"].pop("options")
    assert list(Draft202012Validator(schema).iter_errors(data))


def test_export_unknown_chapter_fails(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(FIXTURE), "export",
                             "--format", "qti", "--chapter", "nope", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1 and "no banks in chapter 'nope'" in result.stderr


# -- QTI: tests per chapter, feedback, and the IMS schemas ----------------------------
@pytest.fixture(scope="module")
def course_package(tmp_path_factory):
    """The real course's QTI package, written by the command the README gives (make export FORMAT=qti)."""
    out = tmp_path_factory.mktemp("qti")
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(ROOT), "export",
                             "--format", "qti", "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return zipfile.ZipFile(out / "quizzes-course.zip")


def _resources(package: zipfile.ZipFile) -> list[ET.Element]:
    return ET.fromstring(package.read("imsmanifest.xml")).findall(f"{CP_NS}resources/{CP_NS}resource")


def test_every_file_of_the_course_package_validates_against_the_ims_xsds(course_package):
    names = course_package.namelist()
    invalid = {}
    for name in names:
        xsd = ims_xsd.CP_XSD if name == "imsmanifest.xml" else ims_xsd.QTI_XSD
        problems = ims_xsd.errors(course_package.read(name), xsd)
        if problems:
            invalid[name] = problems[:3]
    assert invalid == {}
    kinds = {r.get("type") for r in _resources(course_package)}
    assert kinds == {"imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1"}
    assert sum(n.startswith("items/") for n in names) > 150 and sum(n.startswith("test-") for n in names) >= 5


def test_the_validator_rejects_a_broken_item_test_and_manifest(course_package):
    item_name = next(n for n in course_package.namelist() if n.startswith("items/"))
    item = ET.fromstring(course_package.read(item_name))
    item.find(QTI_NS + "responseDeclaration").attrib.pop("cardinality")  # required by the schema
    ET.SubElement(item.find(QTI_NS + "itemBody"), QTI_NS + "blink").text = "not QTI"
    problems = ims_xsd.errors(ET.tostring(item), ims_xsd.QTI_XSD)
    assert any("cardinality" in p for p in problems) and any("blink" in p for p in problems)

    test_name = next(n for n in course_package.namelist() if n.startswith("test-"))
    test = ET.fromstring(course_package.read(test_name))
    next(test.iter(QTI_NS + "assessmentItemRef")).attrib.pop("href")
    assert any("href" in p for p in ims_xsd.errors(ET.tostring(test), ims_xsd.QTI_XSD))

    manifest = ET.fromstring(course_package.read("imsmanifest.xml"))
    manifest.find(f"{CP_NS}resources/{CP_NS}resource").attrib.pop("type")
    assert any("type" in p for p in ims_xsd.errors(ET.tostring(manifest), ims_xsd.CP_XSD))


def test_the_schemas_never_reach_outside_the_vendored_folder(tmp_path):
    remote = tmp_path / "remote.xsd"
    remote.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                      '<xs:import namespace="urn:x" schemaLocation="http://example.org/x.xsd"/></xs:schema>')
    with pytest.raises(Exception, match="refused"):
        ims_xsd.schema(remote)


def course_in_nav_order():
    """The real course's banks in the order of mkdocs.yml's nav, read as MkDocs reads it."""
    nav = _mkdocs_settings(ROOT)["nav"]
    course = load_course(ROOT / "docs", ROOT / "quizzes")
    order = nav_pages(nav)
    return sorted(course.banks.values(), key=lambda b: order.index(b.page)), order


def test_an_assessment_test_per_chapter_references_its_items(course_package):
    banks, _ = course_in_nav_order()
    by_chapter: dict[str, list[str]] = {}
    for bank in banks:
        by_chapter.setdefault(bank.page.split("/")[0], []).extend(q.id for q in bank.graded())
    resources = {r.get("identifier"): r for r in _resources(course_package)}
    tests = [r for r in resources.values() if r.get("type") == "imsqti_test_xmlv2p1"]
    assert len(tests) == len(by_chapter)
    for res in tests:
        test = ET.fromstring(course_package.read(res.get("href")))
        chapter = test.get("identifier").removeprefix("TEST-")
        refs = list(test.iter(QTI_NS + "assessmentItemRef"))
        assert [r.get("identifier") for r in refs] == [qti.identifier(i) for i in by_chapter[chapter]]
        for ref in refs:  # the href names the item file, from the test file and from the package root alike
            assert ET.fromstring(course_package.read(ref.get("href"))).get("identifier") == ref.get("identifier")
        depends = [resources[d.get("identifierref")] for d in res.findall(CP_NS + "dependency")]
        assert [d.get("href") for d in depends] == [r.get("href") for r in refs]
        assert {d.get("type") for d in depends} == {"imsqti_item_xmlv2p1"}
        sections = test.findall(f"{QTI_NS}testPart/{QTI_NS}assessmentSection")
        assert len(sections) == len({b.page for b in banks if b.page.startswith(chapter + "/") and b.graded()})
    cycle = ET.fromstring(course_package.read("test-cycle.xml"))
    assert cycle.get("title") == "The cycle"
    control = cycle.find(f"{QTI_NS}testPart/{QTI_NS}itemSessionControl")
    assert control.get("showFeedback") == "true" and control.get("maxAttempts") == "1"


def test_tests_sections_and_categories_follow_the_course_not_the_alphabet(course_package, tmp_path):
    banks, order = course_in_nav_order()
    chapters = list(dict.fromkeys(b.page.split("/")[0] for b in banks))
    assert chapters != sorted(chapters), "the course's chapter order is not alphabetical, so this test can fail"
    manifest_tests = [r.get("href") for r in _resources(course_package) if r.get("type") == "imsqti_test_xmlv2p1"]
    assert manifest_tests == [f"test-{c}.xml" for c in chapters]
    for chapter in chapters:
        test = ET.fromstring(course_package.read(f"test-{chapter}.xml"))
        sections = [s.get("identifier") for s in test.iter(QTI_NS + "assessmentSection")]
        pages = [b.page for b in banks if b.page.startswith(chapter + "/") and b.graded()]
        assert sections == ["SEC-" + qti_package._slug(p.removesuffix(".md")) for p in pages]
        assert sections[-1] == f"SEC-{chapter}-quiz", "the chapter quiz comes last, as in the course"
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(ROOT), "export",
                             "--format", "gift", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    categories = re.findall(r"^\$CATEGORY: (.+)$", (tmp_path / "quizzes-course.gift.txt").read_text(), flags=re.M)
    assert len(categories) == len(set(categories)), "each lesson's category comes once"
    assert list(dict.fromkeys(c.split("/")[1] for c in categories)) == chapters
    for chapter in chapters:
        assert [c for c in categories if c.split("/")[1] == chapter][-1] == f"$course$/{chapter}/quiz"


def test_a_chapter_export_holds_that_chapters_test_only(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(ROOT), "export",
                             "--format", "qti", "--chapter", "cycle", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    package = zipfile.ZipFile(tmp_path / "quizzes-cycle.zip")
    assert [n for n in package.namelist() if n.startswith("test-")] == ["test-cycle.xml"]
    assert all(n.startswith("items/cycle-") for n in package.namelist() if n.startswith("items/"))
    for name in package.namelist():
        assert ims_xsd.errors(package.read(name), ims_xsd.CP_XSD if name == "imsmanifest.xml" else ims_xsd.QTI_XSD) == []


def test_qti_items_show_the_chosen_options_feedback_and_the_explanation(course_package):
    course = load_course(ROOT / "docs", ROOT / "quizzes")
    md = MarkdownText()
    checked = 0
    for q in (q for b in course.banks.values() for q in b.graded()):
        item = qti_runtime.Item(ET.fromstring(course_package.read(f"items/{qti.identifier(q.id)}.xml")))
        if q.type in ("single", "multiple"):
            for i, option in enumerate(q.options):
                outcomes = item.run(f"C{i + 1}" if q.type == "single" else {f"C{i + 1}"})
                shown = item.feedback(outcomes)
                expected = ([(f"C{i + 1}", plain_text(md, option.feedback))] if option.feedback else [])
                assert shown == expected + [("EXPLANATION", plain_text(md, q.explanation))], q.id
                checked += 1
        elif q.type == "truefalse":
            for value, said in (("TRUE", q.feedback_true), ("FALSE", q.feedback_false)):
                shown = item.feedback(item.run(value))
                assert shown[:-1] == ([(value, plain_text(md, said))] if said else []) and shown[-1][0] == "EXPLANATION"
                checked += 1
        else:
            assert item.feedback(item.run(None)) == [("EXPLANATION", plain_text(md, q.explanation))]
    assert checked > 300


def test_matching_feedback_round_trips_through_json_gift_and_qti(tricky_banks):
    md = MarkdownText()
    [bank] = tricky_banks
    match = next(q for q in bank.questions if q.id == "tr-match")
    written = [(p.left, p.feedback) for p in match.pairs]
    assert written[1][1] and not written[0][1]  # the fixture: feedback on the second pair only
    # JSON keeps the Markdown as written
    data, _ = json_export.to_data(tricky_banks)
    entry = next(q for q in data["questions"] if q["id"] == "tr-match")
    assert [(p["left"], p.get("feedback")) for p in entry["pairs"]] == written
    assert entry["nudge"] == "Look at the numbers."
    # GIFT: after the explanation, in the general feedback (GIFT has none per pair)
    parsed = {q["id"]: q for q in parse_gift(gift.to_text(tricky_banks)[0])}
    assert parsed["tr-match"]["general"] == "Pairs. x2: Think: what comes second? {not this}"
    # QTI: P2 shows exactly when left item 2 is matched wrong (or not at all), after the explanation's rules
    data, _ = qti.to_zip(tricky_banks)
    item = qti_runtime.Item(ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("items/tr-match.xml")))
    pair_text = plain_text(md, written[1][1])
    right = {"L1 R1", "L2 R2", "L3 R3"}
    swapped = {"L1 R2", "L2 R1", "L3 R3"}
    only_second_wrong = {"L1 R1", "L2 R3", "L3 R2"}
    first_wrong_only = {"L1 R3", "L2 R2", "L3 R1"}
    for response, shows_pair in ((right, False), (swapped, True), (only_second_wrong, True), (first_wrong_only, False)):
        outcomes = item.run(response)
        shown = dict(item.feedback(outcomes))
        assert ("P2" in shown) is shows_pair, response
        assert shown["EXPLANATION"] == "Pairs."
        if shows_pair:
            assert shown["P2"] == f"x2: {pair_text}" == "x2: Think: what comes second? {not this}"
    assert item.run(right)["SCORE"] == 1.0 and item.run(swapped)["SCORE"] == pytest.approx(1 / 3)
