"""Where a page asks for a quiz or a tool: a block in the pymdown-extensions style.

    /// quiz | cycle/the-loop
    ///

is a block of its own (the argument is optional under the MkDocs plugin,
which knows the page). Being a block, it is parsed after code: an example of
it in a fenced or indented code block stays code. The older one-line comment
markers (`<!-- quiz: cycle/the-loop -->`, `<!-- progress: course -->`) keep
working: a comment that Python-Markdown kept as a raw HTML block (never one
inside code) is turned into the block form before the blocks are parsed.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

START = re.compile(r"^/{3,}[ \t]*(?P<name>[a-z][\w-]*)[ \t]*(?:\|[ \t]*(?P<arg>\S[^\n]*?))?[ \t]*$")
END = re.compile(r"^/{3,}[ \t]*$")
LEGACY = re.compile(r"^\s*<!--\s*(?P<name>[a-z][\w-]*)(?::\s*(?P<arg>[\w./-]+?))?\s*-->\s*$")
_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")

# A handler adds the block's elements to `parent`; it returns a problem to report, or None.
Handler = Callable[[etree.Element, "str | None"], "str | None"]


def block_text(name: str, arg: str | None = None) -> str:
    """The block form of a marker, as the plugin and `check` write it."""
    return f"/// {name}" + (f" | {arg}" if arg else "") + "\n///"


class LegacyMarkers(Preprocessor):
    """`<!-- name: arg -->` lines that became raw HTML blocks -> the block form (run after 'html_block')."""

    def __init__(self, md: Markdown, names: tuple[str, ...], on_start: Callable[[], None] = lambda: None):
        super().__init__(md)
        self.names = names
        self.on_start = on_start

    def run(self, lines: list[str]) -> list[str]:
        self.on_start()
        if not self.md.htmlStash.rawHtmlBlocks:  # no raw HTML block, so no comment marker: most pages
            return lines
        out: list[str] = []
        for line in lines:
            match = _PLACEHOLDER.match(line.strip())
            if match and int(match.group(1)) < len(self.md.htmlStash.rawHtmlBlocks):
                marker = LEGACY.match(str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]))
                if marker and marker.group("name") in self.names:
                    out += ["", *block_text(marker.group("name"), marker.group("arg")).split("\n"), ""]
                    continue
            out.append(line)
        return out


class MarkerBlocks(BlockProcessor):
    """`/// name | arg` … `///` for the names in `handlers`; problems go to `report`."""

    def __init__(self, parser, handlers: dict[str, Handler], report: Callable[[str], None]):
        super().__init__(parser)
        self.handlers = handlers
        self.report = report

    def test(self, parent: etree.Element, block: str) -> bool:
        if not block.startswith("///"):  # asked of every block on every page: most are not ours
            return False
        match = START.match(block.split("\n", 1)[0])
        return bool(match and match.group("name") in self.handlers)

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        first, *rest = blocks.pop(0).split("\n")
        match = START.match(first)
        name, arg = match.group("name"), match.group("arg")
        if rest and END.match(rest[0]):
            rest = rest[1:]
        elif blocks and END.match(blocks[0].split("\n", 1)[0]) and not rest:
            rest = blocks.pop(0).split("\n")[1:]  # a blank line between the two lines
        else:
            self.report(f"'{first.strip()}' must be followed by a line '///' that closes the block")
            if rest:
                blocks.insert(0, "\n".join(rest))
            return True
        if rest:
            blocks.insert(0, "\n".join(rest))
        problem = self.handlers[name](parent, arg)
        if problem:
            self.report(problem)
        return True
