"""Translation: every widget and page-frame string comes from quizkit/strings/<lang>.yml."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import FIXTURE_SITE, copy_fixture_course, mkdocs_build

STRINGS = Path(__file__).resolve().parent.parent / "quizkit" / "strings"


def table(lang: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in yaml.load((STRINGS / f"{lang}.yml").read_text(), Loader=yaml.BaseLoader).items()}


def test_languages_have_the_same_keys():
    en, fr = table("en"), table("fr")
    assert sorted(en) == sorted(fr)
    for key in en:  # placeholders must survive translation
        assert sorted(re.findall(r"\{\w+\}", en[key])) == sorted(re.findall(r"\{\w+\}", fr[key])), key


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_counts_use_plural_forms_not_parentheses(lang):
    """A count reads "1 question" / "2 questions" ("_one"/"_other" keys, picked by Intl.PluralRules), never "question(s)"."""
    t = table(lang)
    assert [k for k, v in t.items() if re.search(r"\w\((s|e|es|x)\)", v)] == []
    forms = {k.rsplit("_", 1)[0] for k in t if k.endswith(("_one", "_other"))}
    assert {"practice_count", "sa_answered", "pg_count_answers", "pg_count_results"} <= forms
    for base in forms:
        assert f"{base}_other" in t, f"{base}_other is the fallback every language needs"
        assert f"{base}_one" in t
    assert t["practice_count_one"] != t["practice_count_other"]


def english_fragments(bank_text: str) -> dict[str, str]:
    """Words of en.yml that differ in fr.yml, split at {placeholders}; not ones a bank itself contains."""
    en, fr = table("en"), table("fr")
    french = " ".join(fr.values())
    out = {}
    for key, value in en.items():
        if value == fr[key]:
            continue
        for piece in re.split(r"\{\w+\}", value):
            piece = piece.strip(" :.()")
            if len(piece) >= 4 and piece not in bank_text and piece not in french:
                out[piece] = key
    return out


def widget_text(html: str) -> tuple[str, str, dict]:
    soup = BeautifulSoup(html, "html.parser")
    chunks = []
    for el in soup.select(".qz, .aa-announce, .aa-notice"):
        chunks.append(el.get_text(" "))
        for node in el.find_all(True):
            chunks.extend(str(v) for k, v in node.attrs.items() if k in ("aria-label", "title", "placeholder"))
    client = json.loads(soup.select_one("script[data-quizkit-config]")["data-quizkit-config"])
    values = " ".join(str(v) for v in client.get("strings", {}).values())  # values only: keys are not shown
    return " ".join(" ".join(chunks).split()), values, client


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*.html")}


def authors_words(course: Path) -> str:
    """The authors' own words (banks, and page titles the practice page repeats): not interface strings."""
    return " ".join(p.read_text() for p in [*(course / "quizzes").rglob("*.yml"), *(course / "docs").rglob("*.md")])


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> Path:
    """The fixture course (flat nav, one chapter folder) built with `theme: language: fr`."""
    course = copy_fixture_course(tmp_path_factory.mktemp("fr") / "src")
    cfg = course / "mkdocs.yml"
    cfg.write_text(re.sub(r"^theme:\n", "theme:\n  language: fr\n", cfg.read_text(), count=1, flags=re.M))
    result = mkdocs_build(cfg, course.parent / "site")
    assert result.returncode == 0, result.stderr
    return course.parent / "site"


@pytest.mark.slow
def test_french_build_has_no_english_widget_strings(french):
    fragments = english_fragments(authors_words(FIXTURE_SITE))
    assert len(fragments) > 20  # the check has teeth
    built = pages(french)
    lesson = built["basics/first-lesson/index.html"]
    assert 'class="qz' in lesson
    fr = table("fr")
    for name, html in built.items():
        if 'class="qz' not in html and "data-quizkit-config" not in html:
            continue
        text, client_json, client = widget_text(html)
        found = sorted({f"{frag!r} ({key})" for frag, key in fragments.items() if frag in text or frag in client_json})
        assert not found, f"{name}: English left in a French build: {', '.join(found)}"
        assert all(client["strings"][k] == fr[k] for k in client["strings"])
    assert fr["check"] in widget_text(lesson)[0] and fr["notice"].split("{")[0].strip() in widget_text(lesson)[0]


def test_english_build_is_caught_by_the_same_check(fixture_site):
    """The detector above finds English when it is there (so the French test can fail)."""
    fragments = english_fragments(authors_words(FIXTURE_SITE))
    text, client_json, _ = widget_text(pages(fixture_site)["basics/second-lesson/index.html"])
    found = {frag for frag in fragments if frag in text or frag in client_json}
    for expected in ("Strongly disagree", "Show the answer", "Hurting right now?", "Get help now"):
        assert expected in found, expected


@pytest.mark.slow
def test_the_journey_says_it_in_french(french):
    """The reader's journey: its words and reading time follow the language."""
    page = BeautifulSoup((french / "basics" / "first-lesson" / "index.html").read_text(encoding="utf-8"), "html.parser")
    where = " ".join(page.select_one(".aa-where").get_text(" ").split())
    assert where.startswith("Leçon 1 sur 2") and "Chapitre 1 : Basics" in where and "lecture :" in where, where
    card = page.select_one("nav.aa-next")
    assert card["aria-label"] == "Étape suivante" and card.select_one("a")["href"] == "../second-lesson/"
    data = (french / "assets" / "quizkit" / "journey.json").read_text(encoding="utf-8")
    assert '"jr_continue":"Reprendre : {title}"' in data
