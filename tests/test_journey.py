"""The reader's journey in the built course (no browser): every lesson says where it is and how long
it takes, and its next-step card points where the nav says the course goes next.

The expected order comes from mkdocs.yml read here, independently of quizkit/journey/path.py.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

import pytest
import yaml
from bs4 import BeautifulSoup

from quizkit.journey.reading_time import LETTERS_PER_MINUTE, letters, minutes, readable_text

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !relative


def nav_order() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def walk(item):
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from walk(value)
        elif isinstance(item, list):
            for value in item:
                yield from walk(value)

    return list(walk(config["nav"]))


def chapters() -> dict[str, list[str]]:
    """Chapter folder -> its pages (index first, quiz last) in nav order."""
    out: dict[str, list[str]] = {}
    for page in nav_order():
        parts = PurePosixPath(page).parts
        if len(parts) == 2 and parts[0] != "about":
            out.setdefault(parts[0], []).append(page)
    return out


def url(page: str) -> str:
    return "" if page == "index.md" else (page[:-len("index.md")] if page.endswith("/index.md") else page[:-3] + "/")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / url(page) / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(from_page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(url(from_page) or ".", href)) + "/"


def test_reading_time_counts_letters_of_the_prose_only():
    text = """---
title: A page
---
# Title {#top}

Some words [with a link](https://example.org/a-very-long-address) here.

<!-- a comment with many many letters -->

```python
code_is_not_read = True
```

## Sources {#sources}

- A long list of references that nobody reads through.
"""
    assert readable_text(text).split() == ["#", "Title", "Some", "words", "[with", "a", "link", "here."]
    assert letters(text) == len("TitleSomewordswithalinkhere")
    assert minutes("a" * round(LETTERS_PER_MINUTE * 3)) == pytest.approx(3, abs=0.01)


def test_every_lesson_says_where_it_is_and_how_long_it_takes(course_site):
    checked = 0
    for folder, pages in chapters().items():
        lessons = [p for p in pages if not p.endswith(("index.md", "quiz.md"))]
        number = list(chapters()).index(folder) + 1
        for n, page in enumerate(lessons, 1):
            where = soup(course_site, page).select_one("article h1 + p.aa-where")
            assert where, f"{page}: no line under the title"
            text = " ".join(where.get_text(" ").split())
            assert f"Lesson {n} of {len(lessons)}" in text, f"{page}: {text}"
            assert f"Chapter {number}:" in text, f"{page}: {text}"
            found = re.search(r"(\d+) min read", text)
            assert found and int(found.group(1)) >= 1, f"{page}: no reading time in {text!r}"
            md = (ROOT / "docs" / page).read_text(encoding="utf-8")
            assert int(found.group(1)) == max(1, round(minutes(md))), page
            checked += 1
    assert checked >= 20


def test_every_next_step_card_goes_where_the_nav_goes(course_site):
    folders = list(chapters())
    checked = 0
    for i, folder in enumerate(folders):
        pages = chapters()[folder]
        for at, page in enumerate(pages):
            card = soup(course_site, page).select_one("nav.aa-next a.aa-next__link")
            assert card, f"{page}: no next-step card"
            if at + 1 < len(pages):
                expected = pages[at + 1]
            elif i + 1 < len(folders):
                expected = chapters()[folders[i + 1]][0]  # the next chapter's first page (its index)
            else:
                expected = "finish.md"
            assert resolve(page, card["href"]) == (url(expected) or "./"), f"{page}: card goes to {card['href']}, not {expected}"
            checked += 1
    assert checked >= 30


def test_a_lesson_card_comes_right_after_its_check(course_site):
    article = soup(course_site, "cycle/the-loop.md").select_one("article")
    widget = article.select_one("section.qz")
    following = widget.find_next_sibling()
    assert following is not None and "aa-next" in following.get("class", []), following


def test_home_start_and_course_length(course_site):
    home = soup(course_site, "index.md")
    start = home.select_one("[data-aa-start-link]")
    assert start and start["href"] == "origins/the-pattern/" and start.get_text(strip=True) == "Start the course"
    facts = home.select_one(".aa-start__facts").get_text(" ")
    total = sum(minutes((ROOT / "docs" / p).read_text(encoding="utf-8"))
                for pages in chapters().values() for p in pages if not p.endswith(("index.md", "quiz.md")))
    hours, mins = divmod(5 * round(total / 5), 60)
    assert f"about {hours} h {mins} min of reading" in facts or f"about {hours} h of reading" in facts, (facts, total)
    assert f"{len(chapters())} chapters" in facts
    # The outcomes are folded away under their heading.
    outcomes = home.select_one("#outcomes ~ details.aa-outcomes")
    assert outcomes is not None and not outcomes.has_attr("open") and len(outcomes.select("li")) > 20


def test_chapter_quiz_has_a_hidden_complete_panel_and_the_last_leads_to_the_finish(course_site):
    quiz = soup(course_site, "cycle/quiz.md")
    panel = quiz.select_one("[data-aa-chapter-complete] section.aa-complete")
    assert panel is not None and panel.has_attr("hidden")
    assert [a.get_text() for a in panel.select("li a")] == [soup(course_site, p).select_one("h1").get_text().strip("¶ ")
                                                              for p in chapters()["cycle"][1:-1]]
    assert quiz.select_one("[data-aa-announce][aria-live=polite]") is not None
    finish = soup(course_site, "finish.md")
    assert finish.select_one("[data-aa-finish-status][role=status]") is not None
    assert len(finish.select("ol.aa-recap > li")) == len(chapters())
    for part in ("reflections", "assessment"):
        assert finish.select_one(f'[data-aa-finish="{part}"] p').get_text(strip=True), part


def test_journey_json_lists_every_step_in_order(course_site):
    import json
    data = json.loads((course_site / "assets" / "quizkit" / "journey.json").read_text(encoding="utf-8"))
    expected = [url(p) for pages in chapters().values() for p in pages if not p.endswith("index.md")]
    assert [s["u"] for s in data["steps"]] == expected
    assert all(s["q"] for s in data["steps"]), "a step without questions can never be done"
    assert data["finish"] == "finish/" and data["assessment"] == "self-assessment/"
