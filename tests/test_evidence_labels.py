"""Evidence labels: `*Research*{ .ev .ev-research }` (and -clinical, -framing) in a lesson
renders as a labelled pill; the home page explains the three labels; the pills' text is
readable in both palettes (the word says the kind, colour is only a second cue)."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from quizkit.bank.course import is_lesson

from .conftest import ROOT

CSS = (ROOT / "overrides" / "assets" / "a11y.css").read_text(encoding="utf-8")
KINDS = {"ev-research": "Research", "ev-clinical": "Clinical observation", "ev-framing": "Our framing"}


LABEL = re.compile(r"\*(?:[^*]+)\*\{\s*\.ev\s+\.ev-(research|clinical|framing)\s*\}")


def test_every_lesson_marks_its_evidence():
    """Readers can tell research from clinical observation from our own framing (issue 12). That each
    *Research* label links its source is `build_quizzes.py check`'s rule (quizkit/authoring/content.py)."""
    docs = ROOT / "docs"
    lessons = [p for p in sorted(docs.rglob("*.md")) if is_lesson(p.relative_to(docs).as_posix()) and p.name != "quiz.md"]
    assert len(lessons) >= 20
    assert [p.relative_to(ROOT).as_posix() for p in lessons if not LABEL.search(p.read_text(encoding="utf-8"))] == []


def test_attr_list_turns_the_convention_into_a_labelled_pill():
    md = Markdown(extensions=["attr_list"])
    html = md.convert("*Research*{ .ev .ev-research } Kirkpatrick & Davis (1994) followed 354 couples.")
    assert html == ('<p><em class="ev ev-research">Research</em> Kirkpatrick &amp; Davis (1994) '
                    "followed 354 couples.</p>")


def test_the_home_page_explains_the_three_labels(course_site):
    soup = BeautifulSoup((course_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    legend = soup.select_one("#evidence-labels")
    assert legend is not None, "the legend section (#evidence-labels) is missing from the home page"
    items = legend.find_next("ul").select("li")
    for cls, word in KINDS.items():
        pill = [li for li in items if li.select_one(f"em.ev.{cls}")]
        assert pill, f"no legend entry shows the .{cls} pill"
        assert pill[0].select_one("em.ev").get_text() == word
        assert len(pill[0].get_text()) > len(word) + 40, f"the {word} entry does not say what the label means"


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _rule(selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, f"no CSS rule for {selector}"
    return dict(re.findall(r"([\w-]+):\s*(#[0-9a-fA-F]{6})", match.group(1)))


def test_contrast_helper():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("palette", ["", '[data-md-color-scheme="slate"] '])
@pytest.mark.parametrize("cls", list(KINDS))
def test_pill_text_is_readable_in_both_palettes(palette, cls):
    rule = _rule(f"{palette}.md-typeset .{cls}")
    assert contrast(rule["color"], rule["background-color"]) >= 7, (palette, cls)


def test_pills_are_not_italic_and_keep_their_word_whole():
    rule = re.search(r"\.md-typeset \.ev\s*\{([^}]*)\}", CSS).group(1)
    assert "font-style: normal" in rule and "white-space: nowrap" in rule
