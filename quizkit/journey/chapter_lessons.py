"""`<!-- lessons -->` on a chapter's index page: its lessons in nav order, each a link with its
description (the lesson's front matter) and reading time, so a new lesson is listed by itself."""
from __future__ import annotations

import re
from pathlib import Path

from quizkit.pages import front_matter, source_link
from quizkit.journey.path import Journey, duration
from quizkit.strings import fill

MARKER = re.compile(r"^[ \t]*<!--\s*lessons\s*-->[ \t]*$", re.M)


def expand(markdown: str, src: str, journey: Journey, docs_dir: Path, t: dict[str, str]) -> str:
    """Replace the marker on page `src` (docs-relative) with a numbered list of its chapter's lessons."""
    step = journey.step(src)
    lessons = step.chapter.lessons if step else []
    lines = []
    for n, lesson in enumerate(lessons, 1):
        _, meta = front_matter((docs_dir / lesson.src).read_text(encoding="utf-8"))
        about = str(meta.get("description") or "").strip()
        time = fill(t["jr_read_time"], time=duration(lesson.minutes, t))
        lines.append(f"{n}. [{lesson.title}]({source_link(src, lesson.src)}){': ' + about if about else ''} ({time})")
    return MARKER.sub(lambda _: "\n".join(lines), markdown)
