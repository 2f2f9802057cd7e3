"""Helpers for the gate tests around the shared local server (tests/webserver.py).

    with serve(site_dir, prefix="/course", headers={"Content-Security-Policy": STRICT_CSP}) as base:
        ...  # base is e.g. "http://127.0.0.1:41234/course/"

Always 127.0.0.1 and a free port; never any other host.
"""
from __future__ import annotations

from pathlib import Path

from .journey_helpers import show_every_question
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


def widget_pages(site: Path) -> list[str]:
    """Pages that carry a quiz widget (section.qz), as URL paths."""
    return [p for p in page_paths(site)
            if 'class="qz"' in (site / (p + "index.html" if p == "" or p.endswith("/") else p)).read_text(encoding="utf-8")]


# ---- driving the quiz widget the way a reader does (real clicks and typing) ----------------

GRADED = ("single", "multiple", "truefalse", "ordering", "matching")


def answer_all(page, text: str = "A quiet evening and a missed call.") -> int:
    """Answer every question of every widget on the page; return how many were answered.

    Graded questions get a (not necessarily right) answer and are checked; likert gets
    its first point; reflections get `text` (and the 400 ms save delay is waited out).
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
            q.locator("textarea").fill(text)
        if kind in GRADED:
            q.locator("button[type=submit]").click()
            q.locator("[data-qz-feedback] .qz-verdict").wait_for(state="visible")
        answered += 1
    if page.locator(".qz-question[data-qz-type=reflection]").count():
        page.wait_for_timeout(600)
    return answered


def tour(page, base: str, site: Path, lesson: str = "cycle/the-loop/", quiz: str = "cycle/quiz/") -> list[str]:
    """Visit every page, then use every widget: answer a lesson and a chapter quiz (all
    question types present there), retry one question, search, toggle the palette, and
    follow a link with instant navigation. Returns the paths visited."""
    visited = []
    for path in page_paths(site):
        page.goto(base + path)
        page.wait_for_load_state("load")
        visited.append(path)
    for path in (lesson, quiz):
        page.goto(base + path)
        assert answer_all(page) > 0, f"{path}: no questions to answer"
    retry = page.locator("[data-qz-retry]:visible").first
    if retry.count():
        retry.click()
    # Material's own widgets: search (web worker + search index) and the palette toggle.
    page.goto(base + lesson)
    page.locator("input[data-md-component=search-query]").click()  # desktop width: the header's search box
    page.keyboard.type("pursue", delay=30)  # Material listens for key events, not fill()
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.keyboard.press("Escape")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    # Instant navigation (XHR fetch of the next page) with the widget re-initialised.
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_load_state("load")
    return visited


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
