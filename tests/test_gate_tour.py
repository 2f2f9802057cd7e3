"""One tour of the deployed course for three gates: CSP, privacy and instant navigation.

The course is built for and served at http://127.0.0.1:PORT/course/ with its Content-Security-Policy
as a response header too (tests/conftest.py: deployed_course). A reader loads every page in full,
then reaches every page again by clicking its link from the home page on (Material's instant
navigation swaps the content in the same document), then uses every widget: answers a lesson and a
chapter quiz (every question type), retries one, searches, toggles the palette, follows a footer link.
The pages are toured on a phone's screen in the dark palette (the widgets on a laptop's, in the light one),
so the same loads also judge every page's layout where it is narrowest.

Recorded on the way, and judged by the tests below: every request (the page's and its workers':
Material's search runs in one), every console error or warning and every CSP violation, the cookies
and storage left behind, and each page's controls after a click against a full load.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import CSP_REPORTER, site_prefix
from .serve import NO_BROKEN_WORDS, STRICT_CSP, answer_all, layout_problems, page_paths

pytestmark = pytest.mark.browser

STORAGE_KEY = "aa-course"  # mkdocs.yml's storage_key; the page stores under it plus the site's path
# Keys Material for MkDocs 9.8 writes through __md_set (scoped "<site path>.<name>"):
# colour palette, dismissed announcement, cookie consent, version warning, repo facts, content tabs, search.
MATERIAL_KEYS = ("__palette", "__announce", "__consent", "__outdated", "__source", "__tabs", "__search")
# Pages not linked from the home page (not_in_nav in mkdocs.yml), and the page a reader reaches them from.
VIA = {"about/authoring/": "about/teachers/"}
# Pages whose tools must have been set up by their scripts, after a click as after a full load.
ENHANCED = {"self-assessment/": "aa-tool--js", "progress/": "aa-tool--js", "cycle/the-loop/": "cy--js"}


def allowed_key(key: str, scope: str) -> bool:
    ours = f"{STORAGE_KEY}:{scope}"
    return key == ours or key.startswith(ours + ":corrupt:") or key in {f"{scope}.{name}" for name in MATERIAL_KEYS}


def test_allowed_key_rules():
    scope = "/course/"
    assert allowed_key("aa-course:/course/", scope)
    assert allowed_key("aa-course:/course/:corrupt:1700000000000", scope)
    assert not allowed_key("aa-course", scope), "the old, origin-wide key is moved, not kept"
    assert not allowed_key("aa-course:/other-course/", scope)
    assert allowed_key("/course/.__palette", scope)
    assert not allowed_key("/other/.__palette", scope)
    assert not allowed_key("aa-course-extra", scope)
    assert not allowed_key("_ga", scope)


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
  return JSON.stringify({controls, enhanced, text: content.innerText});
}
"""


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


def _click_to(page, url: str) -> bool:
    """Click the (first) link to `url` on the current page, as a reader would, and wait for the new
    address; False when the page has no such link."""
    found = page.evaluate("""(url) => {
      const a = [...document.querySelectorAll("a[href]")].find((a) => a.href === url);
      if (a) a.click();
      return !!a;
    }""", url)
    if found:
        page.wait_for_function("(url) => location.href === url", arg=url)
    return found


def _use_the_widgets(page, base: str, lesson: str = "cycle/the-loop/", quiz: str = "cycle/quiz/") -> None:
    page.set_viewport_size({"width": 1280, "height": 900})  # the header's own search box, and every question shown
    page.emulate_media(color_scheme="light")
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
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_function("() => !location.pathname.endsWith('/the-loop/')")
    assert page.evaluate("() => window.__sameDocument === true"), "the footer link reloaded the page"


@pytest.fixture(scope="module")
def tour(browser, deployed_course):
    base, site = deployed_course
    context = browser.new_context(viewport={"width": 375, "height": 667}, color_scheme="dark")
    context.add_init_script(CSP_REPORTER)
    requests: list[str] = []
    messages: list[str] = []
    context.on("request", lambda r: requests.append(r.url))

    def watched():
        page = context.new_page()
        page.on("worker", lambda w: requests.append(w.url))
        page.on("console", lambda m: m.type in ("error", "warning") and messages.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: messages.append(f"{page.url}: pageerror {e}"))
        return page

    # Every page loaded in full: what a reader gets from a bookmark.
    full = watched()
    header = full.goto(base).headers.get("content-security-policy")
    loaded, layout, tables = {}, [], 0
    for path in page_paths(site):
        full.goto(base + path)
        loaded[path] = _controls(full)
        layout += layout_problems(path, full.evaluate(NO_BROKEN_WORDS))
        tables += full.locator(".md-typeset table").count()
    full.close()

    # Every page again, reached by a click from the home page on.
    page = watched()
    page.goto(base)
    page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    page.evaluate("() => { window.__sameDocument = true; }")
    clicked, reloaded = {}, []
    for path in [p for p in loaded if p != "404.html"]:
        if path in VIA:
            assert _click_to(page, base + VIA[path])
        if page.url != base + path and not _click_to(page, base + path):
            assert _click_to(page, base), f"no link home from {page.url}"
            assert _click_to(page, base + path), f"no link to /{path} on the home page"
        clicked[path] = _controls(page, loaded[path])
        if not page.evaluate("() => window.__sameDocument === true"):
            reloaded.append(path)

    _use_the_widgets(page, base)
    storage = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),"
                            " cookie: document.cookie})")
    stored = page.evaluate("(key) => localStorage.getItem(key)", f"{STORAGE_KEY}:{site_prefix(site)}")
    cookies = context.cookies()
    context.close()
    return dict(base=base, site=site, header=header, loaded=loaded, layout=layout, tables=tables, clicked=clicked, reloaded=reloaded,
                requests=requests, messages=messages, storage=storage, stored=stored, cookies=cookies)


def test_every_page_reached_by_a_click_has_the_controls_of_a_full_load(tour):
    assert len(tour["clicked"]) > 30
    assert tour["reloaded"] == [], "the document was reloaded, so instant navigation did not engage"
    differences = [f"{path or '(home)'}:\n  full load: {tour['loaded'][path]}\n  by click:  {got}"
                   for path, got in tour["clicked"].items() if got != tour["loaded"][path]]
    assert not differences, "\n".join(differences)
    for path, enhanced in ENHANCED.items():  # the comparison above compares like with like: tools were set up
        assert enhanced in tour["clicked"][path], f"/{path}: its tool was not set up after a click"


def test_on_a_phone_no_page_scrolls_sideways_and_no_table_breaks_a_word(tour):
    assert len(tour["loaded"]) > 30 and tour["tables"] > 20, "the tour measured too few pages or tables"
    assert not tour["layout"], "\n".join(tour["layout"])


def test_no_csp_violation_and_no_console_error(tour):
    assert tour["header"] == STRICT_CSP, "the server did not send the policy header"
    violations = [m for m in tour["messages"] if "CSP-VIOLATION" in m or "Content Security Policy" in m]
    assert not violations, "CSP violations:\n" + "\n".join(violations[:30])
    assert not tour["messages"], "console errors:\n" + "\n".join(tour["messages"][:30])


def test_answers_are_saved_under_the_sites_own_key(tour):
    assert '"answers"' in (tour["stored"] or ""), "answers were not saved: the tour did not use the widgets"


def test_no_request_leaves_the_local_origin(tour):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(tour["base"]))
    assert len(tour["requests"]) > 40
    foreign = sorted({u for u in tour["requests"]
                      if not u.startswith(origin + "/") and not u.startswith(("data:", "blob:"))})
    assert not foreign, f"requests to other origins: {foreign}"


def test_no_cookies(tour):
    assert tour["cookies"] == []
    assert tour["storage"]["cookie"] == ""


def test_storage_holds_only_our_key_and_materials_preferences(tour):
    scope = site_prefix(tour["site"])
    for area in ("local", "session"):
        unexpected = [k for k in tour["storage"][area] if not allowed_key(k, scope)]
        assert not unexpected, f"{area}Storage keys we did not expect: {unexpected}"
    assert f"{STORAGE_KEY}:{scope}" in tour["storage"]["local"]


@pytest.mark.parametrize("missing", ["nope", "cycle/no-such-lesson/", "a/b/c/d/e/"])
def test_404_page_is_styled_and_works_at_any_depth(browser, deployed_course, missing):
    base, _ = deployed_course
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_REPORTER)
    page = context.new_page()
    errors: list[str] = []
    # The browser logs the 404 status of the page itself; anything else is a fault.
    page.on("console", lambda m: m.type == "error" and m.location.get("url") != base + missing and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"pageerror {e}"))
    response = page.goto(base + missing)
    assert response.status == 404
    sheets = page.evaluate("() => [...document.styleSheets].map((s) => s.href || '')")
    assert any(s.startswith(base + "assets/stylesheets/main.") for s in sheets), sheets
    assert base + "assets/quizkit/quizkit.css" in sheets
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("() => typeof window.courseQuiz") == "object"  # our scripts ran under the policy
    assert page.locator(".aa-announce__help a").evaluate("(a) => a.href") == base + "get-help/"
    # The quick exit is there too, its script loaded from the site's own path at any depth.
    assert page.locator("a.aa-exit[data-aa-exit]").count() == 1
    assert page.evaluate("() => [...document.scripts].map((s) => s.src)").count(base + "assets/theme/quick-exit.js") == 1
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(base)
    assert page.locator("h1").first.inner_text()
    context.close()
    assert not errors, "\n".join(errors[:20])
