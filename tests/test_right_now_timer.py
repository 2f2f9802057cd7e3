"""The "Right now" break timer keeps its time while the reader looks elsewhere (issue 25): Chromium at
the deployed address, on a phone (375 x 667, dark): what it keeps does not depend on the screen.

quizkit/assets/timer.js keeps the break in the script (instant navigation keeps it) and in
sessionStorage (this tab only), not with "keep nothing" on. The clock is Playwright's (page.clock),
moved forward, never waited for.
"""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from .serve import until
from .conftest import one_size

pytestmark = pytest.mark.browser

BREAK = "aa-course:/course/:break"  # the store's key (the site's path) and ":break"
T0 = datetime(2026, 3, 2, 21, 0, 0)
SLACK = 20  # seconds


@pytest.fixture
def clock_start():
    return T0


class Timer:
    def __init__(self, page):
        self.page = page
        root = page.locator("[data-aa-timer]")
        self.time, self.status = root.locator("[data-aa-timer-time]"), root.locator("[data-aa-timer-status]")
        self.start, self.pause, self.stop = (root.locator(f"[data-aa-timer-{b}]") for b in ("start", "pause", "stop"))
        self.length = root.locator("[data-aa-timer-length]")
        root.wait_for(state="visible")

    def shows(self, figure: str, state: str):
        """The figure, and the buttons of that state: idle, running or paused.

        While it runs, the page's real seconds (page loads) pass on top of the clock moved by the test:
        the figure may be up to SLACK seconds under the one expected, never over it."""
        shown = seconds(self.time.inner_text())
        if state == "running":
            assert seconds(figure) - SLACK <= shown <= seconds(figure), (self.time.inner_text(), figure)
        else:
            assert shown == seconds(figure), (self.time.inner_text(), figure)
        assert self.pause.is_enabled() == (state == "running")
        assert self.stop.is_enabled() == (state != "idle")
        assert self.start.is_enabled() == (state != "running")
        assert self.start.inner_text() == ("Resume" if state == "paused" else "Start")


def seconds(figure: str) -> int:
    minutes, secs = figure.split(":")
    return int(minutes) * 60 + int(secs)


def stored(page):
    return page.evaluate(f"() => sessionStorage.getItem({json.dumps(BREAK)})")


def open_right_now(page, base_url) -> Timer:
    page.goto(base_url + "right-now/")
    page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    page.evaluate("window.__sameDocument = true")
    return Timer(page)


def away_and_back(page, base_url, minutes: str) -> Timer:
    """To Get help now by the page's own link and back by the header's "Right now", both clicks."""
    page.locator("article .admonition.danger a", has_text="Get help now").click()
    page.wait_for_url(base_url + "get-help/")
    page.locator("#quick-exit").wait_for()
    page.clock.run_for(minutes)
    page.locator("header .aa-now").click()
    page.wait_for_url(base_url + "right-now/")
    page.locator("h1", has_text="Right now").wait_for()
    assert page.evaluate("window.__sameDocument") is True, "the clicks were not instant navigations"
    return Timer(page)


@one_size()
def test_the_break_goes_on_while_the_reader_looks_elsewhere_and_after_a_reload(page, base_url):
    timer = open_right_now(page, base_url)
    timer.start.click()
    page.clock.run_for("02:00")
    timer.shows("18:00", "running")
    timer = away_and_back(page, base_url, "03:00")
    timer.shows("15:00", "running")
    assert timer.status.inner_text() == "Going on. 15 minutes left."
    page.clock.run_for("01:00")
    timer.shows("14:00", "running")  # it still ticks
    assert json.loads(stored(page))["length"] == 20
    page.reload()
    timer = Timer(page)
    timer.shows("14:00", "running")
    page.clock.run_for("00:30")
    timer.shows("13:30", "running")
    timer.stop.click()
    timer.shows("20:00", "idle")
    assert stored(page) is None, "Stop leaves the break stored"


@one_size()
def test_a_paused_break_and_its_length_and_sound_come_back_as_they_were(page, base_url):
    timer = open_right_now(page, base_url)
    timer.length.select_option("30")
    page.locator("[data-aa-timer-sound]").check()
    timer.start.click()
    page.clock.run_for("01:00")
    timer.pause.click()
    timer.shows("29:00", "paused")
    timer = away_and_back(page, base_url, "10:00")
    timer.shows("29:00", "paused")  # paused: the time stands
    assert timer.status.inner_text() == "Paused with 29:00 left."
    assert timer.length.input_value() == "30" and timer.length.is_disabled()
    assert page.locator("[data-aa-timer-sound]").is_checked()
    timer.start.click()
    page.clock.run_for("04:00")
    timer.shows("25:00", "running")


@one_size()
def test_the_time_left_in_words_is_the_nearest_minute_never_rounded_up(page, base_url):
    # "5 minutes left" was said with 4:2x on the clock (walk 13): the words round to the nearest minute.
    timer = open_right_now(page, base_url)
    timer.length.select_option("20")
    timer.start.click()
    timer = away_and_back(page, base_url, "15:35")
    timer.shows("04:25", "running")
    assert timer.status.inner_text() == "Going on. 4 minutes left."
    timer.pause.click()
    timer.start.click()  # resumed: said the same way
    assert timer.status.inner_text() == "Going on. 4 minutes left."


@one_size()
def test_a_break_that_ends_while_the_reader_is_elsewhere_says_so_on_coming_back(page, base_url):
    timer = open_right_now(page, base_url)
    timer.start.click()
    timer = away_and_back(page, base_url, "21:00")
    timer.shows("20:00", "idle")
    assert timer.status.inner_text() == "Time is up. Go back when you said, and start gently."
    assert stored(page) is None
    page.reload()
    timer = Timer(page)
    timer.shows("20:00", "idle")
    assert timer.status.inner_text() == ""  # said once


@one_size()
def test_with_keep_nothing_on_the_break_is_never_stored_and_a_reload_clears_it(page, base_url):
    timer = open_right_now(page, base_url)
    timer.start.click()
    assert stored(page) is not None
    page.locator("[data-aa-keep-switch]").click()  # switched on while the break runs: out of storage at once
    until(page, f"sessionStorage.getItem({json.dumps(BREAK)}) === null")
    page.clock.run_for("01:00")
    timer = away_and_back(page, base_url, "01:00")
    timer.shows("18:00", "running")  # clicks keep it, in memory
    assert stored(page) is None
    page.reload()
    timer = Timer(page)
    timer.shows("20:00", "idle")
    timer.start.click()
    assert stored(page) is None
    assert page.evaluate("() => Object.keys(localStorage)") == []


@one_size()
def test_a_damaged_stored_break_is_ignored(page, base_url):
    page.goto(base_url + "right-now/")
    for value in ('{"length": 20, "end": "soon"}', "not json", '{"length": 20, "end": 99999999999999}', "[]"):
        page.evaluate(f"sessionStorage.setItem({json.dumps(BREAK)}, {json.dumps(value)})")
        page.reload()
        Timer(page).shows("20:00", "idle")
