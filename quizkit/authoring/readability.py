"""Reading-level estimate for lesson Markdown (Flesch-Kincaid grade).

Syllables come from pyphen's bundled hyphenation dictionary, so this works
offline (newer textstat releases fetch NLTK data at run time). Hyphenation
points undercount a few words ("every" splits once), so treat the grade as an
estimate good to about half a grade. `make stats` lists every lesson's figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyphen

from quizkit.pages import front_matter, without_code

_DICT = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?:\s|$)")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    long_sentences: int  # sentences over 20 words

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level."""
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def syllables(word: str) -> int:
    return max(1, _DICT.inserted(word.lower()).count("-") + 1)


def prose(markdown: str) -> list[str]:
    """The running text of a page: one string per sentence-bearing block.

    Front matter, code, headings, admonition markers, link targets, HTML
    comments and attribute lists are dropped; list items and table cells count
    as their own sentences.
    """
    text = without_code(front_matter(markdown)[0])
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\{[#.:][^}]*\}", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`[^`]*`", "", text)
    blocks: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "|--", "*[", "[^", "///")):
            continue
        line = re.sub(r"^(?:!!!|\?\?\?\+?)\s*\w+(?:\s+\"([^\"]*)\")?", r"\1", line)
        line = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", line)
        line = line.replace("|", ". ").replace("**", "").replace("_", " ")
        if not line.strip():
            continue
        # A list item or table row without end punctuation is still one sentence.
        if not re.search(r"[.!?:][\"'”’)]*$", line):
            line += "."
        blocks.append(line)
    return blocks


def measure(markdown: str) -> Readability:
    words = sentences = syl = long_ = 0
    text = " ".join(prose(markdown))
    for sentence in _SENTENCE_END.split(text):
        ws = _WORD.findall(sentence)
        if not ws:
            continue
        sentences += 1
        words += len(ws)
        syl += sum(syllables(w) for w in ws)
        long_ += len(ws) > 20
    return Readability(words, sentences, syl, long_)
