"""The browser files as the site serves them: minified, bundled, and each tool's only where it is used.

The readable sources stay in quizkit/assets/. A source whose first comment has an
`@quizkit-when <selectors>` line is on demand: it loads only on pages with an
element that matches (attribute `[data-x]`, class `.x` and element `table`
selectors, comma separated). Every other source is core and goes into one script (`quizkit.js`)
and one stylesheet (`quizkit.css`) on every page.

On a full page load the page's <link> already carries the on-demand styles it
needs (one stylesheet per page, so a tool page costs no extra request for its
styles and shows no unstyled flash); after Material's instant navigation the
loader (assets/loader.js, last in quizkit.js) adds the missing files, and it adds
on-demand scripts in both cases.

Minified at build time with packages from PyPI, so building the site needs no
Node: scripts with tdewolff-minify (the Go minifier Hugo uses, compiled into its
wheel; it also shortens local names, which leaves a sixth less to download,
gzipped, than rjsmin did), styles with rcssmin (tdewolff's CSS is no smaller).
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


CORE_JS, CORE_CSS = "quizkit.js", "quizkit.css"
LOADER = "loader.js"
_WHEN = re.compile(r"@quizkit-when[ \t]+(?P<selectors>[^\n*]+)")
_ATTRIBUTE = re.compile(r"^\[(?P<name>[a-z][a-z0-9-]*)\]$")
_CLASS = re.compile(r"^\.(?P<name>[a-zA-Z_][\w-]*)$")
_ELEMENT = re.compile(r"^(?P<name>[a-z][a-z0-9]*)$")


class AssetError(ValueError):
    """A source's @quizkit-when line the pipeline cannot use (message starts with file:line)."""


@dataclass(frozen=True)
class Asset:
    name: str
    text: str  # minified
    when: str | None  # CSS selectors, or None for core
    names: tuple[str, ...] = ()  # the selectors' attribute, class or element names: a page without any needs none
    found: re.Pattern | None = None  # the selectors themselves, as a pattern over the page's HTML

    @property
    def is_css(self) -> bool:
        return self.name.endswith(".css")


class AssetPipeline:
    """Built once per build from the plugin's asset list (names under quizkit/assets/) and a reader of their text."""

    def __init__(self, names: Iterable[str], read: Callable[[str], str], minify: Callable[[str, str], str] | None = None):
        minify = minify or minified
        self.assets = [_asset(name, read(name), minify) for name in names]
        self.on_demand = [a for a in self.assets if a.when]
        core = [a for a in self.assets if not a.when]
        # ";" between files: a minified script may end without one, and the next starts with "(".
        self.core_js = ";\n".join([*(a.text for a in core if not a.is_css), minify(LOADER, read(LOADER))])
        self.core_css = "\n".join(a.text for a in core if a.is_css)
        self.manifest = json.dumps([{"name": a.name, "when": a.when} for a in self.on_demand], separators=(",", ":"))
        self.combined: dict[str, str] = {}  # stylesheet name -> text, for pages that need on-demand styles
        # The on-demand styles' names, by what they start with: names that share a start ("data-aa-") are
        # found from the few places that start occurs, not by searching each page once per name.
        self._style_names: dict[str, list[str]] = {}
        for name in sorted({n for a in self.on_demand if a.is_css for n in a.names}):
            self._style_names.setdefault(_start(name), []).append(name)

    def files(self) -> dict[str, str]:
        """Every file to publish (name under the assets folder -> text), known before any page is built."""
        return {CORE_JS: self.core_js, CORE_CSS: self.core_css, **{a.name: a.text for a in self.on_demand}}

    def tags(self, page_html: str | list[str], url: Callable[[str], str], config_attr: str) -> tuple[str, str]:
        """(<link> for the end of <head>, <script> for the end of <body>) for one page (its HTML, or its parts)."""
        texts = [page_html] if isinstance(page_html, str) else page_html
        present = self._present(texts)
        names = tuple(a.name for a in self.on_demand if a.is_css and not present.isdisjoint(a.names)
                      and any(a.found.search(text) for text in texts))
        styles = [a for a in self.on_demand if a.name in names]
        sheet = CORE_CSS
        if styles:
            sheet = "-".join([Path(CORE_CSS).stem, *(Path(a.name).stem for a in styles)]) + ".css"
            self.combined.setdefault(sheet, "\n".join([self.core_css, *(a.text for a in styles)]))
        has = f' data-quizkit-has="{" ".join(a.name for a in styles)}"' if styles else ""
        link = f'<link rel="stylesheet" href="{url(sheet)}"{has}>'
        # defer: out of the parser's way (Material's bundle, and document$, are there before it runs).
        script = (f'<script src="{url(CORE_JS)}" defer data-quizkit-config="{config_attr}"'
                  f' data-quizkit-assets="{html.escape(self.manifest, quote=True)}"></script>')
        return link, script

    def _present(self, texts: list[str]) -> set[str]:
        present: set[str] = set()
        for start, names in self._style_names.items():
            if len(names) == 1:
                if any(names[0] in text for text in texts):
                    present.add(names[0])
                continue
            for text in texts:
                at = text.find(start)
                while at >= 0:
                    present.update(name for name in names if text.startswith(name, at))
                    at = text.find(start, at + 1)
        return present

    def write_combined(self, folder: Path) -> None:
        """Write the per-need stylesheets the pages asked for (call after the last page)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.combined.items():
            (folder / name).write_text(text, encoding="utf-8")


def _start(name: str) -> str:
    """What a name shares with its kin: up to its second '-' ('data-aa-' of 'data-aa-progress'), else itself."""
    first = name.find("-")
    second = name.find("-", first + 1) if first >= 0 else -1
    return name[:second + 1] if second >= 0 else name


# The theme's own files (overrides/assets/: Material's inline scripts served as files for the CSP, the
# quick exit, a11y.css): served minified like ours, their readable sources stay where they are.
THEME_FILES = re.compile(r"^assets/(?:theme/[\w-]+\.js|a11y\.css)$")


_MINIFIED: dict[tuple[str, str], str] = {}  # (name, source) -> minified: the process's builds (serve) share it


def minified(name: str, text: str) -> str:
    """A script or stylesheet minified (by its name's ending), once per process for the same source."""
    key = (name, text)
    if key not in _MINIFIED:
        if len(_MINIFIED) > 200:  # sources edited under `mkdocs serve`: the old ones are not asked for again
            _MINIFIED.clear()
        _MINIFIED[key] = _minify(name, text)
    return _MINIFIED[key]


def _minify(name: str, text: str) -> str:
    if name.endswith(".css"):
        import rcssmin  # here, not at the top: a serve rebuild with everything remembered never loads a minifier
        return rcssmin.cssmin(text)
    import minify
    return minify.string("application/javascript", text)


def _asset(name: str, source: str, minify: Callable[[str, str], str] = _minify) -> Asset:
    match = _WHEN.search(source.split("*/", 1)[0])
    if not match:
        return Asset(name, minify(name, source), None)
    line = source.count("\n", 0, match.start()) + 1
    selectors = [s.strip() for s in match.group("selectors").split(",")]
    patterns = []
    for selector in selectors:
        if m := _ATTRIBUTE.match(selector):
            patterns.append(rf"\s{re.escape(m['name'])}[\s=>/]")
        elif m := _CLASS.match(selector):
            patterns.append(rf"\sclass=\"(?:[^\"]*\s)?{re.escape(m['name'])}[\s\"]")
        elif m := _ELEMENT.match(selector):
            patterns.append(rf"<{m['name']}[\s>/]")
        else:
            raise AssetError(f"quizkit/assets/{name}:{line}: '@quizkit-when' takes '[data-attribute]', '.class' or "
                             f"'element' selectors separated by commas, not {selector!r}")
    names = tuple(s.strip("[].") for s in selectors)  # a substring test first: ~50× cheaper than the pattern
    return Asset(name, minify(name, source), ", ".join(selectors), names, re.compile("|".join(patterns)))
