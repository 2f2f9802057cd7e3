"""Every page reached by a click, as a reader moves through the deployed course.

The course is built for and served at http://127.0.0.1:PORT/course/ with its
Content-Security-Policy (tests/conftest.py: deployed_course). From the home
page, each page is reached by clicking its link; Material's instant
navigation swaps the content in the same document (a marker set on `window`
survives), and the page must then offer the same interactive controls as
when it is loaded in full, with no console error and no CSP violation.
"""
from __future__ import annotations

import pytest

from .conftest import CSP_REPORTER
from .serve import page_paths

pytestmark = pytest.mark.browser

# What a reader can use in the content: each control with its state, which tools were enhanced,
# and the visible text (the scripts fill in summaries and captions).
CONTROLS = """
() => {
  const content = document.querySelector("article.md-content__inner");
  if (!content) return null;
  const seen = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  // A heading focused after the change (tabindex -1, quizkit/assets/page.js) is a place to start, not a control.
  const control = (el) => !(/^H[1-6]$/.test(el.tagName) && el.getAttribute("tabindex") === "-1");
  const controls = [...content.querySelectorAll("button, input, select, textarea, summary, [tabindex]")]
    .filter(seen).filter(control)
    .map((el) => [el.tagName, el.type || "", el.name || "", Object.keys(el.dataset).sort().join(","),
                  el.disabled ? "disabled" : ""].join(" "));
  const enhanced = [...content.querySelectorAll(".qz--js, .aa-tool--js, .cy--js")].map((el) => el.className);
  // What the scripts wrote (progress summaries, step captions): the visible text, which JS changes.
  return JSON.stringify({controls, enhanced, text: content.innerText});
}
"""


def _watch(page, sink: list[str]) -> None:
    page.on("console", lambda m: m.type == "error" and sink.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: sink.append(f"{page.url}: pageerror {e}"))


def _click_to(page, url: str) -> None:
    """Click the (first) link to `url` on the current page, as a reader would, and wait for the new content."""
    found = page.evaluate("""(url) => {
      const a = [...document.querySelectorAll("a[href]")].find((a) => a.href === url);
      if (!a) return false;
      a.click();
      return true;
    }""", url)
    assert found, f"no link to {url} on {page.url}"
    page.wait_for_function("(url) => location.href === url", arg=url)


def _controls(page, want: str | None = None, timeout_ms: int = 5000) -> str:
    """The page's controls once they are settled (equal to `want`, or stable), polling briefly."""
    last = None
    for _ in range(timeout_ms // 100):
        now = page.evaluate(CONTROLS)
        if now is not None and (now == want or (want is None and now == last)):
            return now
        last = now
        page.wait_for_timeout(100)
    return last


# Pages not linked from the home page (not_in_nav in mkdocs.yml), and the page a reader reaches them from.
VIA = {"about/authoring/": "about/teachers/"}


@pytest.fixture(scope="module")
def reader(browser, deployed_course):
    base, site = deployed_course
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_REPORTER)
    errors: list[str] = []
    yield base, site, context, errors
    context.close()


def test_instant_navigation_reaches_every_page_with_its_controls(reader):
    base, site, context, errors = reader
    paths = [p for p in page_paths(site) if p != "404.html"]
    assert len(paths) > 30

    # The same page, loaded in full: what a reader gets from a bookmark.
    full = context.new_page()
    _watch(full, errors)
    expected = {}
    for path in paths:
        full.goto(base + path)
        expected[path] = _controls(full)
    full.close()

    page = context.new_page()
    _watch(page, errors)
    page.goto(base)
    page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    page.evaluate("() => { window.__sameDocument = true; }")
    differences = []
    for path in paths:
        if path in VIA:  # kept out of the reader's navigation, linked from another page
            _click_to(page, base + VIA[path])
        if path:
            _click_to(page, base + path)
        got = _controls(page, expected[path])
        if got != expected[path]:
            differences.append(f"{path or '(home)'}:\n  full load: {expected[path]}\n  by click:  {got}")
        assert page.evaluate("() => window.__sameDocument === true"), \
            f"{path}: the document was reloaded, so instant navigation did not engage"
        if path:
            _click_to(page, base)  # back to the home page by its link (the header logo)
    assert not differences, "\n".join(differences)
    assert not errors, "\n".join(errors[:20])


def test_the_tools_pages_have_their_controls(reader):
    """The check above compares like with like; this says the tool pages do have controls to compare."""
    base, _site, context, errors = reader
    page = context.new_page()
    _watch(page, errors)
    for path, selector in (("self-assessment/", "[data-aa-assessment].aa-tool--js"),
                           ("progress/", "[data-aa-progress-data].aa-tool--js"),
                           ("cycle/the-loop/", "[data-aa-cycle].cy--js"),
                           ("cycle/the-loop/", ".qz.qz--js")):
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        _click_to(page, base + path)
        page.wait_for_selector(selector, state="attached", timeout=5000)
        assert page.evaluate("() => window.__sameDocument === true")
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("missing", ["nope", "cycle/no-such-lesson/", "a/b/c/d/e/"])
def test_404_page_is_styled_and_works_at_any_depth(reader, missing):
    base, _site, context, _ = reader
    page = context.new_page()
    errors: list[str] = []
    _watch(page, errors)
    response = page.goto(base + missing)
    assert response.status == 404
    sheets = page.evaluate("() => [...document.styleSheets].map((s) => s.href || '')")
    assert any(s.startswith(base + "assets/stylesheets/main.") for s in sheets), sheets
    assert base + "assets/quizkit/quizkit.css" in sheets
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("() => typeof window.courseQuiz") == "object"  # our scripts ran under the policy
    help_link = page.locator(".aa-announce__help a")
    assert help_link.evaluate("(a) => a.href") == base + "get-help/"
    # The quick exit is there too, its script loaded from the site's own path at any depth.
    assert page.locator("a.aa-exit[data-aa-exit]").count() == 1
    assert page.evaluate("() => [...document.scripts].map((s) => s.src)").count(base + "assets/theme/quick-exit.js") == 1
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(base)
    assert page.locator("h1").first.inner_text()
    # The browser logs the 404 status of the page itself; anything else is a fault.
    errors = [e for e in errors if not e.startswith(f"{base + missing}: Failed to load resource: the server responded with a status of 404")]
    assert not errors, "\n".join(errors[:20])
