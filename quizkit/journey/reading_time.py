"""How long a page takes to read, from its Markdown, in any language.

Counting letters instead of words makes one rate work across languages:
French needs more and longer words than English for the same message, and
its reading time grows with it. The rate comes from Brysbaert (2019), a
meta-analysis of 190 studies: adults read English non-fiction silently at
about 238 words per minute, and English non-fiction words average 4.6
letters (Brysbaert, Dirix, Duyck & Sui, 2021). 238 x 4.6 is about 1,095
letters a minute. It is an average: most adults read between 175 and 300
words a minute, so the page says "about".
"""
from __future__ import annotations

import re

from quizkit.pages import front_matter, without_code

LETTERS_PER_MINUTE = 238 * 4.6

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_MARKER = re.compile(r"^/{3,}.*$", re.M)
_ATTRS = re.compile(r"\{[:#.][^}\n]*\}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>\n]+>")
_NOT_LETTERS = re.compile(r"[\W\d_]+")  # removing the runs between letters is faster than finding each letter
# Where the reading ends: the list of sources is looked up, not read through. It is the heading whose id is
# 'sources' (written `{#sources}`, or the heading "Sources" itself), where the quiz widget also goes.
_SOURCES = re.compile(r"^#{1,2}\s+(?:Sources\b.*|.*\{#sources\}.*)$", re.M | re.I)


def readable_text(markdown: str) -> str:
    """The words a reader reads: no front matter, code, comments, markers, link targets, or sources list."""
    text = _COMMENT.sub("", without_code(front_matter(markdown)[0]))
    cut = _SOURCES.search(text)
    if cut:
        text = text[:cut.start()]
    for pattern in (_BLOCK_MARKER, _ATTRS, _LINK_TARGET, _TAG):
        text = pattern.sub(" ", text)
    return text


def letters(markdown: str) -> int:
    return len(_NOT_LETTERS.sub("", readable_text(markdown)))


def minutes(markdown: str) -> float:
    """Reading minutes (not rounded: sums stay honest; round when showing)."""
    return letters(markdown) / LETTERS_PER_MINUTE


def shown_minutes(value: float) -> int:
    """What a reader sees: whole minutes, never 0."""
    return max(1, round(value))
