"""Insertions into a built page, applied in one pass.

The plugin adds several pieces to every page (the widget in its slot, the journey's
line and card, the stylesheet, the script, the policy). Each found its place in the
page as the theme wrote it; joining them in once copies the page once instead of
once per piece, which counts over thousands of pages.
"""
from __future__ import annotations

Edit = tuple[int, int, str]  # replace text[start:end] with the string (start == end: insert)


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with every edit made; edits at one place keep the order they were listed in."""
    if not edits:
        return text
    parts, at = [], 0
    for start, end, insert in sorted(edits, key=lambda e: (e[0], e[1])):
        parts += [text[at:start], insert]
        at = end
    parts.append(text[at:])
    return "".join(parts)
