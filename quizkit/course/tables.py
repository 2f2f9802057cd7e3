"""Tables that read on a phone: each cell carries its column's heading, so narrow screens can stack rows.

A Python-Markdown extension (quizkit/assets/tables.css does the stacking).
In a table with sentences in it (beyond the first column, a cell of
PROSE_WORDS words or PROSE_CHARACTERS characters) every body cell gets `data-label="<its column heading>"`,
and under 45em the rows show as cards: the first cell as the title, each other
cell under its heading. No word is ever broken and the page never scrolls
sideways. Tables of short cells (figures, names) stay tables. No ARIA table roles: on the cells of a
real table they are invalid HTML (the Nu Html Checker refuses them); the column headings stay in the
table, visually hidden on phones, and the visible copy of each heading is left out of the speech.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

def _text(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())


# A cell this long, beyond the first column, makes the table stack on phones.
PROSE_WORDS = 4
PROSE_CHARACTERS = 20  # one long "word" too, such as a file path


def _has_prose(table: etree.Element) -> bool:
    body = table.find("tbody")
    rows = body.iter("tr") if body is not None else []
    cells = [_text(cell) for row in rows for cell in list(row)[1:]]
    return any(len(text.split()) >= PROSE_WORDS or len(text) >= PROSE_CHARACTERS for text in cells)


class TableLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            headings = [_text(th) for th in head.iter("th")] if head is not None else []
            if not any(headings):
                continue
            if not _has_prose(table):
                continue  # short cells (figures, names) fit a phone as a table, and keep display: table
            table.set("data-aa-stack", "")
            for th in head.iter("th"):
                if not _text(th):
                    th.tag = "td"  # an empty corner heading is a blank cell, not a nameless column header
            body = table.find("tbody")
            for row in body.iter("tr") if body is not None else []:
                for i, cell in enumerate(c for c in row if c.tag in ("td", "th")):
                    cell.set("data-label", headings[i] if i < len(headings) else "")


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After inline patterns (20), so headings are plain text; before raw HTML comes back.
        md.treeprocessors.register(TableLabels(md), "quizkit_table_labels", 5)


def makeExtension(**kwargs) -> TablesExtension:  # noqa: N802
    return TablesExtension(**kwargs)
