"""What quizkit reads from a course page's Markdown, the way MkDocs reads it: front matter, title,
the text outside code blocks, and the pages of an mkdocs.yml nav in order; links between pages.

One helper per job, used by the plugin, the extensions, the journey, the exports and the authors'
tools alike. No MkDocs import: the Markdown extensions also run without MkDocs (plain
Python-Markdown, Zensical), so front matter follows mkdocs.utils.meta's YAML rule here.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

import yaml

# libyaml's parser when PyYAML has it: what yaml.safe_load does, several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.S)  # mkdocs.utils.meta.YAML_RE
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1", re.M | re.S)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")


def front_matter(text: str) -> tuple[str, dict]:
    """A page's YAML front matter (as MkDocs reads it) and the rest."""
    match = _FRONT.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.load(match.group(1), Loader=_SafeLoader)
    except yaml.YAMLError:
        return text, {}
    return text[match.end():], meta if isinstance(meta, dict) else {}


def without_code(markdown: str) -> str:
    """The page with its fenced code blocks left out (a marker shown as an example is not a marker)."""
    return _FENCE.sub("", markdown)


def title_in(text: str, page: str) -> str:
    """A page's title the way MkDocs finds it: front matter 'title', else the first '# ' heading, else the file name."""
    body, meta = front_matter(text)
    if isinstance(meta.get("title"), str):
        return meta["title"]
    match = _H1.search(without_code(body))
    if match:
        return _ATTRS.sub("", match.group(1))
    return name_title(PurePosixPath(page).stem)


def name_title(name: str) -> str:
    """A title made of a file or folder name, as MkDocs makes one: 'after-the-fight' -> 'After the fight'."""
    return name.replace("-", " ").capitalize()


def read_page(path: Path) -> str:
    """A page's Markdown; '' when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def page_title(docs_dir: Path, page: str) -> str:
    """title_in() of the page at docs-relative `page` (its file name when it cannot be read)."""
    return title_in(read_page(Path(docs_dir) / page), page)


def source_link(from_page: str, target: str) -> str:
    """A Markdown link from page `from_page` to docs-relative `target` ('cycle/x.md#id'), from source file to
    source file: MkDocs checks it and writes the page's URL, whatever use_directory_urls says."""
    path, sep, anchor = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(from_page) or ".") + sep + anchor


def in_order(pages, order: list[str]) -> list[str]:
    """`pages` in the order `order` (the nav's) lists them; pages it leaves out follow, by name."""
    at = {page: i for i, page in enumerate(order)}
    return sorted(pages, key=lambda page: (at.get(page, len(at)), page))


def nav_pages(nav) -> list[str]:
    """The Markdown pages of an mkdocs.yml `nav` (as written: strings, titled entries, sections), in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_pages(value)]
    if isinstance(nav, list):
        return [p for entry in nav for p in nav_pages(entry)]
    return []
