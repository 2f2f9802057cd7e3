"""What the build adds for teachers and readers: downloadable banks, computed times, table labels,
the summary's sections, the author's guide out of the reader's navigation, and the licences."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from xml.etree import ElementTree as ET

import markdown
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from quizkit.journey import times as course_times
from quizkit.exports import downloads
from quizkit.bank.course import load_course
from quizkit.exports import json_export
from quizkit.course.summary import section_for, summary_data
from quizkit.course.tables import TablesExtension

from .conftest import ROOT
from .test_export import CP_NS, QTI_NS, parse_gift

NAMES = {"gift": "quizzes-course.gift.txt", "qti": "quizzes-course.zip", "json": "quizzes-course.json"}


@pytest.fixture(scope="module")
def course():
    loaded = load_course(ROOT / "docs", ROOT / "quizzes")
    assert loaded.errors == []
    return loaded


@pytest.fixture(scope="module")
def cli_exports(tmp_path_factory):
    """What `python build_quizzes.py export` writes for the whole course, per format."""
    out = tmp_path_factory.mktemp("exports")
    for fmt in NAMES:
        result = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(ROOT), "export",
                                 "--format", fmt, "--out", str(out)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return out


# ------------------------------------------------------------------ downloads
def test_downloads_are_the_files_the_exporters_write(course_site, cli_exports):
    folder = course_site / "downloads"
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES.values())
    for fmt in ("gift", "json"):
        assert (folder / NAMES[fmt]).read_bytes() == (cli_exports / NAMES[fmt]).read_bytes(), fmt
    site_zip = zipfile.ZipFile(folder / NAMES["qti"])
    cli_zip = zipfile.ZipFile(cli_exports / NAMES["qti"])
    assert site_zip.namelist() == cli_zip.namelist()
    for name in cli_zip.namelist():
        assert site_zip.read(name) == cli_zip.read(name), name


def test_downloads_pass_the_export_checks(course_site, course):
    folder = course_site / "downloads"
    graded = {q.id: q for bank in course.banks.values() for q in bank.graded()}
    assert len(graded) > 150
    # GIFT: the export tests' own reader parses every question but the ordering ones (GIFT has none).
    parsed = parse_gift((folder / NAMES["gift"]).read_text(encoding="utf-8"))
    assert {q["id"] for q in parsed} == {i for i, q in graded.items() if q.type != "ordering"}
    # JSON: valid against the export schema, every graded question.
    data = json.loads((folder / NAMES["json"]).read_text(encoding="utf-8"))
    assert list(Draft202012Validator(json.loads(json_export.SCHEMA.read_text())).iter_errors(data)) == []
    assert {q["id"] for q in data["questions"]} == set(graded)
    # QTI 2.1: a content package whose manifest lists one assessmentItem per graded question
    # (and an assessmentTest per chapter: tests/test_export.py).
    package = zipfile.ZipFile(folder / NAMES["qti"])
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    assert manifest.find(f"{CP_NS}metadata/{CP_NS}schema").text == "QTIv2.1 Package"
    hrefs = [r.get("href") for r in manifest.iter(f"{CP_NS}resource") if r.get("type") == "imsqti_item_xmlv2p1"]
    assert sorted(hrefs) == sorted(n for n in package.namelist() if n.startswith("items/")) and len(hrefs) == len(graded)
    for href in hrefs:
        root = ET.fromstring(package.read(href))
        assert root.tag == QTI_NS + "assessmentItem" and root.get("identifier") in graded


def test_the_teachers_page_links_every_download(course_site):
    page = course_site / "about" / "teachers" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href*='downloads/']")}
    assert links == {f"../../downloads/{name}" for name in NAMES.values()}
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
    text = soup.get_text(" ")
    assert "GIFT format" in text and "QTI .zip file" in text


def test_the_qti_download_is_the_same_bytes_every_build(course):
    banks = [b for _, b in sorted(course.banks.items())]
    first, second = downloads.exports(banks), downloads.exports(banks)
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first[NAMES["qti"]])).infolist()} == {downloads.FIXED_DATE}


# ------------------------------------------------------------------ times
def test_times_add_up_on_the_teachers_page(course_site):
    soup = BeautifulSoup((course_site / "about" / "teachers" / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="time").find_parent()
    tables = soup.select("table")
    chapter_lines = [p.get_text(" ") for p in soup.find_all("p") if "min in all" in p.get_text()]
    assert len(chapter_lines) == 5
    grand = 0
    for line, table in zip(chapter_lines, tables[:len(chapter_lines)], strict=True):  # the time tables come first
        rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
        minutes = lambda cell: int(cell.split()[0]) if cell[0].isdigit() else 0  # noqa: E731
        for reading, check, total in (r[1:] for r in rows):
            assert minutes(reading) + minutes(check) == minutes(total)
        # Lessons are read; the chapter quiz (last) is questions only, so it has no reading time.
        assert all(minutes(r[1]) >= 1 for r in rows[:-1]) and rows[-1][1] == "–" and minutes(rows[-1][2]) >= 1
        chapter = sum(minutes(r[3]) for r in rows)
        assert f"about {chapter} min in all" in line
        grand += chapter
    text = soup.get_text(" ")
    assert f"({grand} minutes of reading and checks)" in text
    assert f"about {grand // 60} h {grand % 60} min" in text
    assert section is not None


def test_teachers_table_agrees_with_each_lesson_and_the_home_page(course_site):
    """One reading time (quizkit/journey/reading_time.py): a row's Reading is the lesson's own "N min read",
    and the course total names the home page's reading figure beside the time with checks."""
    soup = BeautifulSoup((course_site / "about" / "teachers" / "index.html").read_text(encoding="utf-8"), "html.parser")
    compared = 0
    for tr in soup.select("table tbody tr"):
        cells = tr.find_all("td")
        link = cells[0].find("a") if cells else None
        if not link or cells[1].get_text() == "–" or not re.fullmatch(r"\d+ min", cells[1].get_text()):
            continue
        lesson = (course_site / "about" / "teachers" / link["href"]).resolve() / "index.html"
        shown = re.search(r"(\d+) min read", BeautifulSoup(lesson.read_text(encoding="utf-8"), "html.parser").get_text(" "))
        assert shown, f"{link['href']}: no reading time on the lesson"
        assert f"{shown.group(1)} min" == cells[1].get_text(), link["href"]
        compared += 1
    assert compared >= 25
    home = BeautifulSoup((course_site / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")
    reading = re.search(r"about ((?:\d+ h )?(?:\d+ min)?|\d+ h) of reading", home)
    assert reading, "the home page gives the course's reading time"
    assert f"Reading alone is about {reading.group(1).strip()}, the figure on the home page" in soup.get_text(" ")


def test_check_time_counts_each_question(course):
    bank = course.bank_for("cycle/the-loop.md")
    by_type = {"reflection": 180, "likert": 20}
    expected = sum(by_type.get(q.type, 45) for q in bank.leaves()) / 60
    assert course_times.check_minutes(bank) == pytest.approx(expected) and expected > 1
    assert course_times.check_minutes(None) == 0
    page = course_times.PageTime("p.md", "P", "p.md", reading=4.4, check=2.1)
    assert (page.reading_shown, page.check_shown, page.total) == (4, 3, 7)  # as shown: rounded, then rounded up


# ------------------------------------------------------------------ tables
def test_every_cell_carries_its_column_heading():
    html = markdown.markdown("| Round | What happens |\n|---|---|\n| **One** | Priya *texts* twice, then again |\n"
                             "| Two | Dana |\n", extensions=["tables", TablesExtension()])
    soup = BeautifulSoup(html, "html.parser")
    table = soup.table
    assert table.has_attr("data-aa-stack")
    assert [td["data-label"] for td in soup.select("tbody td")] == ["Round", "What happens"] * 2
    assert not soup.select("[role]"), "ARIA roles on a table's cells are invalid HTML (vnu)"
    # An empty corner heading is a blank cell, not a nameless column header (axe: empty-table-header).
    corner = BeautifulSoup(markdown.markdown("| | Up | Down |\n|---|---|---|\n| Name | Turning it up and up | Down |\n",
                                             extensions=["tables", TablesExtension()]), "html.parser")
    assert [c.name for c in corner.select("thead tr > *")] == ["td", "th", "th"]
    # Short cells only: still a plain table on a phone, no labels or roles.
    short = BeautifulSoup(markdown.markdown("| Page | Time |\n|---|---|\n| One | 6 min |\n",
                                            extensions=["tables", TablesExtension()]), "html.parser")
    assert not short.table.has_attr("data-aa-stack") and not short.table.has_attr("role")
    assert not short.select("td[data-label]")


# ------------------------------------------------------------------ summary
def test_summary_sections(course):
    placed = {"need": ["change/say-the-need.md"], "cycle": ["cycle/"]}  # mkdocs.yml's summary_sections
    assert section_for("change/say-the-need.md", placed) == "need"
    assert section_for("cycle/the-loop.md", placed) == "cycle"
    assert section_for("origins/the-pattern.md", placed) == "reflections"
    data = summary_data(course, [], "my-summary.md", None, None, {}, placed=placed)
    by_section = {}
    for r in data["reflections"]:
        by_section.setdefault(r["section"], []).append(r["id"])
    assert "change-need-reflect-say-it" in by_section["need"]
    assert "cycle-loop-reflect" in by_section["cycle"]
    assert len(by_section["reflections"]) >= 8
    # links from /my-summary/ to each lesson page
    assert all(re.fullmatch(r"\.\./[a-z-]+/[a-z-]+/", r["href"]) for r in data["reflections"]), data["reflections"][0]


# ------------------------------------------------------------------ navigation and licences
def test_the_authors_guide_is_built_but_not_in_the_readers_navigation(course_site):
    assert (course_site / "about" / "authoring" / "index.html").is_file()
    for page in ("index.html", "cycle/the-loop/index.html", "about/privacy/index.html"):
        nav = BeautifulSoup((course_site / page).read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
        assert not [a["href"] for a in nav.select("a") if "authoring" in a["href"]], page
    assert "docs/about/authoring.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_licences():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in content and "Section 3 – License Conditions" in content
    assert re.search(r'^license\s*=\s*"MIT"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)  # SPDX (PEP 639)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "LICENSE-CONTENT" in readme and "CC BY 4.0" in readme
