"""Markdown for bank text, with raw HTML turned off and the output sanitised.

Authors may write **bold**, *italic*, `code`, lists and links in a question.
Anything HTML in a bank is shown as text, never executed: the Markdown parser
has its HTML handling removed, and nh3 (ammonia) cleans what it produces as a
second, independent line of defence. Links to `.md` pages are rewritten to the
page URL, the way MkDocs rewrites them in lessons.
"""
from __future__ import annotations

import posixpath
import re
from html import unescape
from typing import Callable
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br", "blockquote", "abbr", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

LinkResolver = Callable[[str], str]


class _NoHtml(Extension):
    """Remove every way Python-Markdown passes HTML through untouched."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _Links(Treeprocessor):
    def __init__(self, md: markdown.Markdown, holder: "MarkdownText"):
        super().__init__(md)
        self.holder = holder

    def run(self, root: Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            if self.holder.resolve and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) and ".md" in href:
                a.set("href", self.holder.resolve(href))
        for img in list(root.iter("img")):
            img.tag, img.text = "span", img.get("alt", "")  # no images from banks: no off-origin loads
            img.attrib.clear()


class _LinkExtension(Extension):
    def __init__(self, holder: "MarkdownText"):
        super().__init__()
        self.holder = holder

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Links(md, self.holder), "quiz_links", 1)


# One line of words and plain punctuation: nothing Markdown, smarty or nh3 would change, so
# the HTML is the text in a <p>. Anything else (quotes, dashes, *, _, `, [, <, &, #, lists,
# several lines, a leading digit-dot) takes the full Markdown path.
# (A character class plus three substring tests: several times faster than one regex with lookaheads per character.)
_PLAIN = re.compile(r"(?![-+]|\d+\.\s)[\w ,;:?!()/%.-]*")


def plain_line(text: str) -> bool:
    return _PLAIN.fullmatch(text) is not None and "_" not in text and ".." not in text and "--" not in text


# Text -> HTML for bank text with no '.md' in it, whose HTML no link resolver can change: shared by every
# MarkdownText (the widget on each page, the practice page, the downloads), so each such text is converted
# once per process, and `mkdocs serve` converts again only what an edit changed.
_SHARED: dict[str, str] = {}
_SHARED_LIMIT = 50_000  # texts; under `serve`, edited ones are not asked for again


class MarkdownText:
    """Render bank text to safe HTML. One instance per build; `resolve` is set per page."""

    def __init__(self) -> None:
        self._resolve: LinkResolver | None = None
        self._cache: dict[str, str] = {}
        self._md = markdown.Markdown(extensions=[_NoHtml(), _LinkExtension(self), "sane_lists", "smarty"], output_format="html")

    @property
    def resolve(self) -> LinkResolver | None:
        return self._resolve

    @resolve.setter
    def resolve(self, value: LinkResolver | None) -> None:
        self._resolve = value
        self._cache.clear()  # links render relative to the page: a new page, a new cache

    def block(self, text: str | None) -> str:
        if not text:
            return ""
        cache = self._cache if ".md" in text else _SHARED  # a link to a page: resolved from this page
        html = cache.get(text)
        if html is None:
            if len(cache) >= _SHARED_LIMIT:
                cache.clear()
            html = cache[text] = self._convert(text)
        return html

    def _convert(self, text: str) -> str:
        if plain_line(text) and text == text.strip():
            return f"<p>{text}</p>"
        html = self._md.reset().convert(text)
        return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                         link_rel="noopener noreferrer")

    def inline(self, text: str | None) -> str:
        """Like block(), without the wrapping <p> of a one-paragraph text."""
        html = self.block(text)
        one = html.strip()
        if len(one) >= 7 and one.startswith("<p>") and one.endswith("</p>") and "<p>" not in one[3:-4]:
            return one[3:-4]
        return html

    def plain(self, text: str | None) -> str:
        """Text only, for places that cannot hold markup (a <select>'s options, aria-labels)."""
        return unescape(re.sub(r"<[^>]+>", "", self.inline(text))).strip()


def page_url(page: str) -> str:
    """The site-relative URL MkDocs gives a page with use_directory_urls (the default)."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def relative_href(from_page: str, target: str) -> str:
    """`target` ('cycle/the-loop.md#loop' from the docs root, or '#loop') as a link from `from_page`."""
    path, _, anchor = target.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if not path or path == from_page:
        return suffix or "#"
    here = page_url(from_page) or "."
    there = page_url(path) or "."
    rel = posixpath.relpath(there, here)
    rel = "./" if rel == "." else rel + ("/" if there.endswith("/") and not rel.endswith("/") else "")
    return rel + suffix

