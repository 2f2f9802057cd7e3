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

from .conftest import record_other_origins
from .serve import SCROLL_SETTLED, until

pytestmark = pytest.mark.browser

EXIT_URL = strings("en")["exit_url"]
NEUTRAL = "<!doctype html><title>Weather</title><h1>Today's weather</h1>"


class Browsing:
    """One tab, with the neutral site intercepted and every problem recorded."""

    def __init__(self, browser, base_url, **options):
        self.context = browser.new_context(**options)
        self.problems: list[str] = []
        self.neutral_hits: list[str] = []
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))

        def neutral(route):
            self.neutral_hits.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

        self.context.route(EXIT_URL + "**", neutral)  # only the exit's page is intercepted
        record_other_origins(self.context, origin, self.problems, but=(EXIT_URL,))
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
    exit_link = tab.page.locator("header.md-header a[data-aa-exit]")
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
    # The page on screen is gone; the entry of the page visited before it stays (no script can remove it,
    # and Get help now says so) ...
    assert tab.history() == [first, EXIT_URL]
    assert second not in tab.history()
    # ... but Back does not show it: it leaves again for the neutral page.
    back_leaves_again(tab, base_url)


def back_leaves_again(tab, base_url):
    hits = len(tab.neutral_hits)
    tab.page.go_back()
    until(tab.page, f"location.href.startsWith({EXIT_URL!r})")
    assert tab.page.title() == "Weather"
    assert len(tab.neutral_hits) == hits + 1, "the neutral page was not asked for again"
    assert not any(url.startswith(base_url) for url in tab.history()), tab.history()


def test_after_an_exit_back_into_the_course_leaves_again_and_a_new_visit_shows_it(tab, base_url):
    # Two pages, each by a full load: the first stays in the tab's history.
    first = base_url + "change/say-the-need/"
    tab.page.goto(first)
    tab.page.goto(base_url + "right-now/")
    tab.page.locator("header [data-aa-exit]").click()
    wait_for_exit(tab)
    assert tab.history() == [first, EXIT_URL]
    back_leaves_again(tab, base_url)
    # The reader coming back on purpose (a typed address, a link) sees the course, and a reload keeps it.
    tab.page.goto(base_url + "change/")
    tab.page.locator("h1").first.wait_for()
    assert tab.page.url == base_url + "change/"
    assert tab.page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    tab.page.reload()
    assert tab.page.url == base_url + "change/"
    assert tab.page.evaluate("getComputedStyle(document.body).visibility") == "visible"


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
        exit_link = tab.page.locator("header [data-aa-exit]")
        # One row: the 44 px "Get help now" and its sentence (a second line would add at least 18 px).
        assert bar["height"] < 60, "the announce bar's text wraps onto a second line"
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
    # WCAG 2.4.11 Focus Not Obscured: the browser scrolls a focused control into view, and the exit has a
    # place of its own in the header. Pages with tools, selects and footnotes.
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


# ---- Quick exit never covers a control, wherever the reader has scrolled (reader walk 1, 13) ----

# Every control the reader could tap, in view: (its label, its box, what a tap at its centre hits).
CONTROLS_AND_EXIT = r"""() => {
  const exit = document.querySelector('header [data-aa-exit]');
  const header = document.querySelector('header.md-header');
  const e = exit.getBoundingClientRect();
  const hit = (x, y) => document.elementFromPoint(x, y);
  // The exit's centre and its corners (inset past the rounded ends) are the exit itself: nothing covers it.
  const inset = Math.min(8, e.height / 4);
  const points = [[(e.left + e.right) / 2, (e.top + e.bottom) / 2], [e.left + inset, e.top + inset],
                  [e.right - inset, e.top + inset], [e.left + inset, e.bottom - inset], [e.right - inset, e.bottom - inset]];
  const exitCovered = points.filter(([x, y]) => !exit.contains(hit(x, y))).map(([x, y]) => `${x},${y}`);
  const below = header.getBoundingClientRect().bottom;  // content scrolled under the header is hidden by it
  const problems = [];
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 40);
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"]), [role=button]';
  let seen = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (exit.contains(el) || el.closest('dialog:not([open])') || !el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
    if (r.height > innerHeight / 2) continue;  // a scrolling region or a whole card, not a control
    seen += 1;
    const top = header.contains(el) ? r.top : Math.max(r.top, below);  // its part the reader can see
    if (top < r.bottom && r.left < e.right && r.right > e.left && top < e.bottom && r.bottom > e.top) {
      problems.push(`${name(el)} is under Quick exit`);
    }
    const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    const shown = header.contains(el) ? cy >= 0 : cy >= below;  // not scrolled away under the header
    if (shown && cx >= 0 && cx < innerWidth && cy < innerHeight && exit.contains(hit(cx, cy))) {
      problems.push(`a tap on ${name(el)} fires Quick exit`);
    }
  }
  return { exitCovered, problems, seen, exit: [e.left, e.top, e.width, e.height] };
}"""

LONG_PAGES = ["cycle/the-loop/", "get-help/", "change/", "origins/two-dimensions/", "self-assessment/",
              "cycle/a-day-in-the-cycle/", "progress/"]


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_quick_exit_never_covers_a_control_wherever_the_reader_scrolls(browser, base_url, scheme):
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 667}, color_scheme=scheme,
                   has_touch=True, is_mobile=True)
    try:
        found = []
        for path in LONG_PAGES:
            tab.page.goto(base_url + path)
            tab.page.wait_for_load_state("networkidle")
            height = tab.page.evaluate("document.documentElement.scrollHeight - innerHeight")
            assert height > 1000, f"{path} is not a long page on a phone"
            # The top, places in the middle, the bottom edge, and every answer button the lesson shows.
            stops = [0, 300, height // 4, height // 2, 3 * height // 4, height - 200, height]
            for y in stops:
                tab.page.evaluate(f"window.scrollTo(0, {y})")
                until(tab.page, f"Math.abs(scrollY - Math.min({y}, document.documentElement.scrollHeight - innerHeight)) < 2")
                seen = tab.page.evaluate(CONTROLS_AND_EXIT)
                assert seen["seen"] > 0, f"{path} at {y}: no control found in view"
                assert seen["exitCovered"] == [], f"{path} at {y}: something covers Quick exit at {seen['exitCovered']}"
                assert seen["exit"][2] >= 44 and seen["exit"][3] >= 44, f"{path}: Quick exit under 44 px"
                found += [f"{path} at {y}: {p}" for p in seen["problems"]]
        assert found == []
    finally:
        tab.close()
    assert tab.problems == []


def test_the_cycle_lessons_sticky_next_step_is_never_under_quick_exit(browser, base_url):
    # Reader walk blocker 1: a tap on the centre of the sticky "Next step" fired Quick exit.
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 667}, color_scheme="dark",
                   has_touch=True, is_mobile=True)
    try:
        tab.page.goto(base_url + "cycle/the-loop/")
        nav = tab.page.locator("[data-cy-nav]")
        nav.wait_for(state="visible")
        for step in range(3):
            tab.page.evaluate(f"window.scrollBy(0, {120 + 80 * step})")
            seen = tab.page.evaluate(CONTROLS_AND_EXIT)
            assert seen["problems"] == [] and seen["exitCovered"] == []
        tab.page.locator("[data-cy-nav] button").last.tap()
        assert tab.page.url == base_url + "cycle/the-loop/" and tab.neutral_hits == []
        assert "2" in tab.page.locator("[data-cy-live]").text_content()
    finally:
        tab.close()
    assert tab.problems == []


@pytest.mark.parametrize("scheme,width,height", [("dark", 375, 667), ("light", 1366, 900)])
def test_quick_exit_works_while_the_delete_dialog_is_open(browser, base_url, scheme, width, height):
    # A modal dialog makes the rest of the page inert, the header's exit too (reader walk 14): the dialog
    # carries its own, on top of its backdrop, exactly where the header's is (it was 46 px off on a phone,
    # 73 px on a laptop: walk 13).
    tab = Browsing(browser, base_url, viewport={"width": width, "height": height}, color_scheme=scheme,
                   has_touch=True, is_mobile=width < 600)
    try:
        tab.page.goto(base_url + "progress/")
        tab.page.locator("[data-pg-delete]").scroll_into_view_if_needed()
        header_exit = tab.page.locator("header [data-aa-exit]").bounding_box()
        tab.page.locator("[data-pg-delete]").click()
        dialog = tab.page.locator("dialog[data-pg-confirm]")
        dialog.wait_for(state="visible")
        assert tab.page.evaluate("document.activeElement.matches('[data-pg-confirm-no]')"), "Cancel lost the focus"
        exit_link = dialog.locator("[data-aa-exit]")
        box = exit_link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44 and box["y"] >= 0 and box["x"] + box["width"] <= width
        assert (round(box["x"]), round(box["y"])) == (round(header_exit["x"]), round(header_exit["y"]))
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert tab.page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-aa-exit]') !== null", centre)
        dialog_buttons = tab.page.evaluate("""() => [...document.querySelectorAll('dialog[open] button')].map(b => {
            const r = b.getBoundingClientRect(), e = document.querySelector('dialog[open] [data-aa-exit]').getBoundingClientRect();
            return r.left < e.right && r.right > e.left && r.top < e.bottom && r.bottom > e.top; })""")
        assert dialog_buttons and not any(dialog_buttons), "Quick exit covers a button of the dialog"
        tab.page.mouse.click(*centre)  # a tap where it shows, not a scripted click on the element
        wait_for_exit(tab)
        assert tab.history() == [EXIT_URL]
    finally:
        tab.close()
    assert tab.problems == []


def test_quick_exit_works_with_the_phone_menu_open(browser, base_url):
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    try:
        tab.page.goto(base_url + "cycle/the-loop/")
        tab.page.evaluate("window.scrollTo(0, 400)")
        tab.page.locator("label.md-header__button[for=__drawer]").click()
        tab.page.locator(".md-sidebar--primary").wait_for(state="visible")
        until(tab.page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        seen = tab.page.evaluate(CONTROLS_AND_EXIT)
        assert seen["exitCovered"] == [], "the menu or its overlay covers Quick exit"
        tab.page.mouse.click(seen["exit"][0] + seen["exit"][2] / 2, seen["exit"][1] + seen["exit"][3] / 2)
        wait_for_exit(tab)
        assert tab.history() == [EXIT_URL]
    finally:
        tab.close()
    assert tab.problems == []


def test_shift_three_times_leaves_while_the_delete_dialog_is_open(tab, base_url):
    tab.page.goto(base_url + "progress/")
    tab.page.locator("[data-pg-delete]").click()
    tab.page.locator("dialog[data-pg-confirm]").wait_for(state="visible")
    for _ in range(3):
        tab.page.keyboard.press("Shift")
    wait_for_exit(tab)
    assert tab.history() == [EXIT_URL]


def test_the_built_pages_carry_the_same_exit(course_site):
    pages = sorted(course_site.rglob("*.html"))
    assert len(pages) > 30
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("header.md-header a[data-aa-exit]")
        assert [a["href"] for a in links] == [EXIT_URL], html
        assert soup.select_one('script[src$="assets/theme/quick-exit.js"]'), html


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_right_now_and_get_help_say_what_back_and_the_history_still_show(browser, base_url, scheme):
    # What the exit cannot hide is said where it matters, and the way there works on a phone.
    tab = Browsing(browser, base_url, viewport={"width": 375, "height": 667}, color_scheme=scheme,
                   has_touch=True, is_mobile=True)
    try:
        tab.page.goto(base_url + "right-now/")
        danger = tab.page.locator("article .admonition.danger")
        note = danger.inner_text()
        assert "Back" in note and "history" in note and "private window" in note
        link = danger.locator("a", has_text="what Quick exit hides")
        link.scroll_into_view_if_needed()
        # Material records the scroll position in history.state 100 ms after scrolling stops; a tap before
        # that lands where the old page was scrolled, not at the #target (a race in Material's instant
        # navigation). A reader's tap comes later than Playwright's: wait for the record.
        tab.page.evaluate(SCROLL_SETTLED)  # under load a scroll can still be moving when Material records it
        until(tab.page, "history.state !== null && Math.abs(history.state.y - scrollY) < 1")
        link.tap()
        tab.page.wait_for_url(base_url + "get-help/#quick-exit")
        heading = tab.page.locator("#quick-exit")
        heading.wait_for()  # instant navigation swaps the page in after the address changes
        where = ("(() => { const r = document.getElementById('quick-exit').getBoundingClientRect();"
                 " return r.top >= 0 && r.bottom <= innerHeight; })()")
        try:
            until(tab.page, where)
        except AssertionError:  # say where the page was, for a failure seen only under heavy load
            raise AssertionError(tab.page.evaluate("""() => JSON.stringify({scrollY, state: history.state,
              top: document.getElementById('quick-exit').getBoundingClientRect().top, height: innerHeight,
              styles: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => [l.href.split('/').pop(), !!l.sheet])})""")) from None
        section = heading.locator("xpath=following-sibling::ul[1]").inner_text()
        for words in ("Back", "not gone", "press and hold", "history", "private window", "JavaScript off"):
            assert words in section, words
        assert "Back can still list pages you opened before" in tab.page.locator("header [data-aa-exit]").text_content()
    finally:
        tab.close()
    assert tab.problems == []
