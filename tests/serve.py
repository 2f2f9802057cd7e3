"""Helpers for the gate tests around the shared local server (tests/webserver.py).

    with serve(site_dir, prefix="/course", headers={"Content-Security-Policy": STRICT_CSP}) as base:
        ...  # base is e.g. "http://127.0.0.1:41234/course/"

Always 127.0.0.1 and a free port; never any other host.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .journey_helpers import fill_reflection, show_every_question
from .webserver import serve  # noqa: F401 - re-exported for the gate tests

# The policy the CSP gate sends as a real response header (the pages also carry
# a <meta> policy of their own; a browser enforces both).
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'"
)


def page_paths(site: Path) -> list[str]:
    """Every built HTML page as a URL path relative to the site root ('' is the home page).

    404.html is included: it is a real page visitors see.
    """
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "index.html":
            out.append("")
        elif rel.endswith("/index.html"):
            out.append(rel[: -len("index.html")])
        else:
            out.append(rel)
    return out


def page_html(site: Path, path: str) -> str:
    """The built HTML of the page at URL path `path` (as page_paths gives it)."""
    return (site / (path + "index.html" if path == "" or path.endswith("/") else path)).read_text(encoding="utf-8")


# One of each kind of page a reader meets; pages_by_type adds more until every part is covered.
PAGE_TYPES = ("", "cycle/", "cycle/the-loop/", "cycle/quiz/", "glossary/", "references/", "404.html")
TAG = re.compile(r"<([a-zA-Z][\w-]*)([^>]*)>")
ATTR = re.compile(r'\s((?:data-|aria-|role)[\w-]*)|\sclass="([^"]*)"')


def _parts(html: str) -> set[str]:
    """Every element name, class and data or ARIA attribute in a page's body: the parts it is built of."""
    parts = set()
    for name, attrs in TAG.findall(html[html.find("<body"):]):
        parts.add(name.lower())
        for attr, classes in ATTR.findall(attrs):
            parts.update([f"[{attr}]"] if attr else ("." + c for c in classes.split()))
    return parts


@functools.lru_cache(maxsize=None)
def pages_by_type(site: Path) -> tuple[str, ...]:
    """PAGE_TYPES, then (greedily) the pages that hold parts no page chosen so far holds, until every
    element, class and data or ARIA attribute of the built site is on a chosen page: what a check of
    every page would add over these is the same parts again."""
    paths = page_paths(site)
    parts = {p: _parts(page_html(site, p)) for p in paths}
    chosen = [p for p in PAGE_TYPES if p in parts]
    assert len(chosen) == len(PAGE_TYPES), f"a page type is missing: {sorted(set(PAGE_TYPES) - set(chosen))}"
    left = set().union(*parts.values()) - set().union(*(parts[p] for p in chosen))
    while left:
        best = max(paths, key=lambda p: len(parts[p] & left))
        chosen.append(best)
        left -= parts[best]
    return tuple(chosen)


# ---- what a narrow screen can break ---------------------------------------------------------------

# Words in a table cell broken across two lines, and how far the page scrolls sideways.
NO_BROKEN_WORDS = """() => {
  const broken = [];
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  for (const cell of document.querySelectorAll('.md-typeset table td, .md-typeset table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\\s\\u2013\\u2014\\/-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return {broken, wide};
}"""


def layout_problems(path: str, found: dict) -> list[str]:
    """NO_BROKEN_WORDS' findings on /path, as lines for an assertion message."""
    problems = []
    if found["broken"]:
        problems.append(f"/{path}: words broken across lines: {found['broken'][:5]}")
    if found["wide"] > 0:
        problems.append(f"/{path}: the page scrolls sideways by {found['wide']} px")
    return problems


# ---- driving the quiz widget the way a reader does (real clicks and typing) ----------------

GRADED = ("single", "multiple", "truefalse", "ordering", "matching")


def answer_all(page, text: str = "A quiet evening and a missed call.") -> int:
    """Answer every question of every widget on the page; return how many were answered.

    Graded questions get a (not necessarily right) answer and are checked; likert gets
    its first point; reflections get `text`, saved.
    """
    page.wait_for_selector(".qz.qz--js", state="attached")
    show_every_question(page)
    answered = 0
    for q in page.locator(".qz-question[data-qz-type]").all():
        kind = q.get_attribute("data-qz-type")
        if kind in GRADED and q.get_attribute("data-qz-score") is not None:
            continue
        if not q.is_visible():  # the practice page keeps the questions it does not offer hidden
            continue
        if kind in ("single", "truefalse", "likert"):
            q.locator("input[type=radio]").first.check()
        elif kind == "multiple":
            q.locator("input[type=checkbox]").first.check()
        elif kind == "ordering":
            q.locator("[data-qz-move='1']").first.click()
        elif kind == "matching":
            for select in q.locator("select[data-qz-pair]").all():
                select.select_option(index=1)
        elif kind == "reflection":
            fill_reflection(q, text)
        if kind in GRADED:
            q.locator("button[type=submit]").click()
            q.locator("[data-qz-feedback] .qz-verdict").wait_for(state="visible")
        answered += 1
    return answered


# Resolves once the page has not scrolled for five frames in a row: a smooth scroll (or Material's own
# scroll after instant navigation) is over. Check positions after it, not during the move.
SCROLL_SETTLED = """() => new Promise((done) => {
  let last = scrollY, still = 0;
  const tick = () => { still = scrollY === last ? still + 1 : 0; last = scrollY; if (still >= 5) done(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})"""


def until(page, script: str, timeout_ms: int = 10000):
    """Poll `script` (a JavaScript expression) with evaluate until it is truthy; return its value.

    Under the pages' strict CSP, wait_for_function compiles its polling predicate with eval, which
    'unsafe-eval' would have to allow; evaluate goes through DevTools, which the policy does not govern."""
    waited = 0
    while True:
        value = page.evaluate(script)
        if value or waited >= timeout_ms:
            assert value, f"still false after {timeout_ms} ms: {script}"
            return value
        page.wait_for_timeout(50)
        waited += 50
