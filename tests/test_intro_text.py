"""A page says its introduction once: the page's own paragraphs and a widget's intro must not repeat each other."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

RUN = 4  # words in a row that count as a repeat


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def intro_paragraphs(html: str) -> list[str]:
    """The page's own paragraphs before its first question, and every widget's intro."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    out = []
    for p in article.find_all("p"):
        if p.find_parent(class_=re.compile(r"^(qz-question|sa-item|sa-result|sa-by-hand|admonition|cy-step)$")):
            continue
        if p.find_previous(class_=re.compile(r"^(qz-question|sa-item)$")) and not p.find_parent(class_=re.compile("qz-intro|sa-dance")):
            continue
        out.append(p.get_text(" ", strip=True))
    return out


def test_the_check_finds_a_repeat():
    page = ('<article class="md-content__inner"><p>Each question links back to the lesson that teaches it.</p>'
            '<section class="qz"><div class="qz-intro"><p>Each question links back to the lesson section.</p></div>'
            '<div class="qz-question"><p>Q</p></div></section></article>')
    first, second = intro_paragraphs(page)
    assert _runs(first) & _runs(second)


@pytest.mark.parametrize("page", ["self-assessment/index.html"] + [f"{c}/quiz/index.html" for c in
                                  ("origins", "attraction", "cycle", "no-villain", "change")])
def test_introductions_are_not_repeated(course_site, page):
    paragraphs = intro_paragraphs((course_site / page).read_text(encoding="utf-8"))
    assert paragraphs
    for i, a in enumerate(paragraphs):
        for b in paragraphs[i + 1:]:
            shared = _runs(a) & _runs(b)
            assert not shared, f"{page}: {' '.join(sorted(shared)[0])!r} in\n  {a}\n  {b}"
