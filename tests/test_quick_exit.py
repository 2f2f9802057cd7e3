"""Quick exit, in Chromium: the real course served under a strict CSP header.

The neutral page is intercepted (context.route), so no request leaves the machine; any
other off-site request is aborted and recorded. History is read from the browser itself
(DevTools Page.getNavigationHistory): after an exit, the page the reader was on must be
gone from the tab's history.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from quizkit.strings import strings

from .conftest import ROOT, mkdocs_build
from .serve import STRICT_CSP
from .webserver import serve

pytestmark = pytest.mark.browser

EXIT_URL = strings("en")["exit_url"]
NEUTRAL = "<!doctype html><title>Weather</title><h1>Today's weather</h1>"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The real course built for, and served under, its local address: instant navigation
    only engages when the address matches site_url."""
    site = tmp_path_factory.mktemp("exit") / "site"
    site.mkdir()
    with serve(site, prefix="/course", headers={"Content-Security-Policy": STRICT_CSP}) as url:
        result = mkdocs_build(ROOT / "mkdocs.yml", site, env={"SITE_URL": url})
        assert result.returncode == 0, result.stderr
        yield url


class Browsing:
    """One tab, with the neutral site intercepted and every problem recorded."""

    def __init__(self, browser, base_url, **options):
        self.context = browser.new_context(**options)
        self.problems: list[str] = []
        self.neutral_hits: list[str] = []
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))

        def route(route):
            url = route.request.url
            if url.startswith(EXIT_URL):
                self.neutral_hits.append(url)
                route.fulfill(status=200, content_type="text/html", body=NEUTRAL)
            elif url.startswith(origin) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.problems.append(f"request to another site: {url}")
                route.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))

    def history(self) -> list[str]:
        cdp = self.context.new_cdp_session(self.page)
        entries = cdp.send("Page.getNavigationHistory")["entries"]
        cdp.detach()
        return [e["url"] for e in entries if e["url"] != "about:blank"]

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, base_url):
    browsing = Browsing(browser, base_url, viewport={"width": 1000, "height": 800})
    yield browsing
    browsing.close()
    assert browsing.problems == [], browsing.problems  # CSP violations show up as console errors


def wait_for_exit(tab):
    tab.page.wait_for_url(EXIT_URL, timeout=10000)
    assert tab.page.title() == "Weather"
    assert tab.neutral_hits, "the neutral page was not requested"


def test_a_tap_leaves_for_the_named_page_and_leaves_no_course_page_behind(tab, base_url):
    tab.page.goto(base_url + "change/say-the-need/")
    exit_link = tab.page.locator("[data-md-component=announce] a[data-aa-exit]")
    assert exit_link.get_attribute("href") == EXIT_URL
    assert "BBC Weather" in exit_link.text_content()  # the link names where it goes
    exit_link.click()
    wait_for_exit(tab)
    assert tab.history() == [EXIT_URL], "a course page is still in the tab's history"
    tab.page.go_back()  # Back leads to the tab's empty start page, not to the course
    assert not tab.page.url.startswith(base_url)


def test_after_instant_navigation_only_the_current_page_is_replaced(tab, base_url):
    first = base_url + "change/say-the-need/"
    tab.page.goto(first)
    tab.page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.locator("a.md-footer__link--next").click()
    tab.page.wait_for_url(lambda url: url != first)
    second = tab.page.url
    assert tab.page.evaluate("window.__sameDocument") is True, "the click was not an instant navigation"
    tab.page.locator("[data-aa-exit]").click()
    wait_for_exit(tab)
    # The page on screen is gone; the page visited before it stays (Get help now says so).
    assert tab.history() == [first, EXIT_URL]
    assert second not in tab.history()


def test_shift_three_times_leaves_but_typing_and_escape_do_not(tab, base_url):
    tab.page.goto(base_url + "get-help/")
    keyboard = tab.page.keyboard
    for key in ("Escape", "Escape", "Escape", "Shift", "Shift", "a", "Shift", "Shift+A", "Shift+B"):
        keyboard.press(key)
    tab.page.wait_for_timeout(300)
    assert tab.page.url == base_url + "get-help/", "typing or Escape set off the exit"
    for _ in range(3):
        keyboard.press("Shift")
    wait_for_exit(tab)
    assert tab.history() == [EXIT_URL]


def test_the_shortcut_works_after_instant_navigation_and_in_the_search_box(tab, base_url):
    first = base_url + "cycle/the-loop/"
    tab.page.goto(first)
    tab.page.wait_for_load_state("networkidle")
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.locator("a.md-footer__link--next").click()
    tab.page.wait_for_url(lambda url: url != first)
    assert tab.page.evaluate("window.__sameDocument") is True
    tab.page.locator("input[data-md-component=search-query]").click()  # typing in a text box
    tab.page.keyboard.type("Closeness", delay=20)
    for _ in range(3):
        tab.page.keyboard.press("Shift")
    wait_for_exit(tab)
    assert tab.history() == [first, EXIT_URL]


def test_without_javascript_the_exit_is_a_plain_link(browser, base_url):
    tab = Browsing(browser, base_url, java_script_enabled=False)
    try:
        tab.page.goto(base_url + "get-help/")
        tab.page.locator("[data-aa-exit]").click()
        wait_for_exit(tab)
        # A plain link cannot replace history entries: Get help now says so.
        assert tab.history() == [base_url + "get-help/", EXIT_URL]
    finally:
        tab.close()
    assert tab.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_exit_stays_in_reach_and_leaves_the_bar_alone(browser, base_url, scheme):
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 740}, color_scheme=scheme,
                   has_touch=True, is_mobile=True)
    try:
        tab.page.goto(base_url + "change/if-you-lean-avoidant/")
        bar = tab.page.locator("[data-md-component=announce] .aa-announce__help").bounding_box()
        exit_link = tab.page.locator("[data-aa-exit]")
        assert bar["height"] < 40, "the announce bar's text wraps onto a second line"
        tab.page.mouse.wheel(0, 3000)
        tab.page.wait_for_timeout(200)
        box = exit_link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, "touch target under 44 px"
        assert 0 <= box["y"] and box["y"] + box["height"] <= 740 and box["x"] + box["width"] <= 375
        exit_link.tap()
        wait_for_exit(tab)
        assert tab.history() == [EXIT_URL]
    finally:
        tab.close()
    assert tab.problems == []


UNDER_THE_EXIT = """() => {
  const focused = document.activeElement, exit = document.querySelector('[data-aa-exit]');
  if (!focused || focused === exit || focused === document.body || !focused.checkVisibility()) return null;
  const r = focused.getBoundingClientRect(), e = exit.getBoundingClientRect();
  if (r.height > innerHeight / 2) return null;  // a scrolling region, not a control
  const hidden = r.left < e.right && r.right > e.left && r.top < e.bottom && r.bottom > e.top;
  return hidden ? (focused.getAttribute('aria-label') || focused.textContent).trim().slice(0, 50) : null;
}"""


@pytest.mark.parametrize("path", ["cycle/the-loop/", "cycle/a-day-in-the-cycle/", "origins/two-dimensions/"])
def test_no_control_reached_with_tab_ends_up_under_the_pinned_exit(browser, base_url, path):
    # WCAG 2.4.11 Focus Not Obscured: the browser scrolls a focused control into view, and the page's
    # bottom scroll padding keeps it clear of the pinned button. Pages with tools, selects and footnotes.
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 667})
    try:
        tab.page.goto(base_url + path)
        hidden = []
        for _ in range(150):
            tab.page.keyboard.press("Tab")
            hidden.append(tab.page.evaluate(UNDER_THE_EXIT))
        assert [h for h in hidden if h] == []
    finally:
        tab.close()


def test_the_built_pages_carry_the_same_exit(course_site):
    pages = sorted(course_site.rglob("*.html"))
    assert len(pages) > 30
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("[data-md-component=announce] a[data-aa-exit]")
        assert [a["href"] for a in links] == [EXIT_URL], html
        assert soup.select_one('script[src$="assets/theme/quick-exit.js"]'), html
