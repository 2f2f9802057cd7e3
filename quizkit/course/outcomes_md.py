"""Show the learning outcomes to readers: `<!-- outcomes -->` lists them all by
chapter, `<!-- outcomes: cycle -->` one chapter's. Each links to the section
that teaches it, relative to the page the list appears on."""
from __future__ import annotations

import re
from pathlib import Path

from quizkit.course.outcomes import Outcome
from quizkit.pages import front_matter, name_title, source_link, title_in

MARKER = re.compile(r"^\s*<!--\s*outcomes(?::\s*(?P<chapter>[\w-]+))?\s*-->\s*$", re.M)


def chapter_title(docs_dir: Path, chapter: str) -> str:
    """The chapter page's own heading (not its front matter title, which names it in the nav and tab)."""
    index = docs_dir / chapter / "index.md"
    if not index.exists():
        return name_title(chapter)
    body, _ = front_matter(index.read_text(encoding="utf-8"))
    return title_in(body, f"{chapter}/index.md")


def _items(page: str, outcomes: list[Outcome]) -> list[str]:
    return [f"- {o.text} ([learn it]({source_link(page, o.taught_in)}))" for o in outcomes]


def expand(markdown: str, page: str, outcomes: list[Outcome], docs_dir: Path, chapters: list[str]) -> str:
    """Replace outcome markers in `markdown` (the page at docs-relative `page`)."""
    def replace(match: re.Match) -> str:
        chapter = match.group("chapter")
        if chapter:
            return "\n".join(_items(page, [o for o in outcomes if o.chapter == chapter]))
        lines: list[str] = []
        for ch in chapters:
            mine = [o for o in outcomes if o.chapter == ch]
            if mine:
                lines += ["", f"**{chapter_title(docs_dir, ch)}**", ""] + _items(page, mine)
        return "\n".join(lines)

    return MARKER.sub(replace, markdown)
