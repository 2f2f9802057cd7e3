"""The quiz widget in a real browser (Debian's Chromium via Playwright), on the fixture course."""
from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from .conftest import FIXTURE_SITE, mkdocs_build
from .webserver import serve

pytestmark = pytest.mark.browser
KEY = "aa-course"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The fixture course built for, and served under, http://127.0.0.1:<port>/course/."""
    site = tmp_path_factory.mktemp("served") / "site"
    site.mkdir()
    with serve(site, prefix="/course") as url:
        result = mkdocs_build(FIXTURE_SITE / "mkdocs.yml", site, env={"SITE_URL": url})
        assert result.returncode == 0, result.stderr
        yield url


class Watch:
    """Console errors, page errors and requests to other origins, collected per page."""

    def __init__(self, page, base_url):
        self.errors: list[str] = []
        self.off_origin: list[str] = []
        origin = urlparse(base_url).netloc
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: urlparse(r.url).netloc not in (origin, "") and not r.url.startswith("data:")
                and self.off_origin.append(r.url))

    def assert_clean(self):
        assert self.errors == []
        assert self.off_origin == []


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url):
    pg = context.new_page()
    pg.watch = Watch(pg, base_url)
    yield pg
    pg.watch.assert_clean()


def lesson(page, base_url, name="first-lesson"):
    page.goto(f"{base_url}basics/{name}/")
    page.wait_for_selector(".qz.qz--js")


def q(page, qid):
    return page.locator(f'[data-qz-id="{qid}"]')


def saved(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def feedback(page, qid):
    region = q(page, qid).locator("[data-qz-feedback]")
    assert region.get_attribute("aria-live") == "polite"
    return region.inner_text()


# ---------------------------------------------------------------- with the mouse
def test_single_choice_right_and_wrong_with_mouse(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("A long talk").check()
    item.get_by_role("button", name="Check").click()
    text = feedback(page, "fx-single")
    assert text.startswith("Not quite.") and "That comes later." in text and "The trigger is ordinary." in text
    # Material's instant navigation makes content links absolute; the target is what matters.
    assert item.locator("[data-qz-feedback] .qz-review a").get_attribute("href").endswith("/basics/first-lesson/#trigger")
    item.get_by_role("button", name="Try again").click()
    assert feedback(page, "fx-single") == ""
    item.get_by_label("An unanswered text").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.")
    assert item.locator(".qz-option--right").count() == 1
    assert saved(page)["answers"]["fx-single"]["v"] == 0


def test_multiple_choice_partly_then_fully_right(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-multiple")
    item.get_by_label("Sending more messages").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-multiple").startswith("Partly right.")
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("Sending more messages").check()
    item.get_by_label("Asking for reassurance").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-multiple").startswith("Correct.")


def test_true_false_wrong_shows_its_feedback(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-truefalse")
    item.get_by_label("True").check()
    item.get_by_role("button", name="Check").click()
    text = feedback(page, "fx-truefalse")
    assert text.startswith("Not quite.") and "Usually not; it is a way to calm down." in text


def test_matching_with_mouse(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-matching")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching") == "Match every item first."
    selects = item.locator("select")
    selects.nth(0).select_option(label="To know they matter")
    selects.nth(1).select_option(label="Reassurance")
    selects.nth(2).select_option(label="To calm down")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching").startswith("Not quite.")
    assert item.locator(".qz-select--wrong").count() == 2
    item.get_by_role("button", name="Try again").click()
    assert [s.input_value() for s in selects.all()] == ["", "", ""], "try again clears the matches"
    selects.nth(0).select_option(label="To know they matter")
    selects.nth(1).select_option(label="To calm down")
    selects.nth(2).select_option(label="Reassurance")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching").startswith("Correct.")


# ------------------------------------------------------------- keyboard only
def test_single_choice_with_keyboard_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # moves to and selects "A long talk"
    page.keyboard.press("Enter")      # submits the form
    assert feedback(page, "fx-single").startswith("Not quite.")
    assert page.evaluate("document.activeElement.textContent") == "Try again"
    page.keyboard.press("Enter")      # Try again, focus returns to the first option
    page.keyboard.press("Space")      # selects the focused first option
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")      # Check
    assert feedback(page, "fx-single").startswith("Correct.")


def test_ordering_with_keyboard_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-ordering")
    want = ["Trigger", "Alarm", "Pursuit", "Withdrawal"]

    def current():
        return [t.strip() for t in item.locator(".qz-order-text").all_inner_texts()]

    # Selection sort with the move buttons, pressed from the keyboard.
    for target, label in enumerate(want):
        while current().index(label) > target:
            item.get_by_role("button", name=f"Move up: {label}").focus()
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move up: {label}"
            assert f"{label} is now number" in feedback(page, "fx-ordering")
    assert current() == want
    item.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "fx-ordering").startswith("Correct.")


def test_matching_with_keyboard_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-matching")
    selects = item.locator("select")
    rights = ["To know they matter", "To calm down", "Reassurance"]
    for i, right in enumerate(rights):
        selects.nth(i).focus()
        page.keyboard.type(right)  # a closed <select> picks the option whose text is typed
        assert selects.nth(i).evaluate("s => s.options[s.selectedIndex].text") == right
    item.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    assert feedback(page, "fx-matching").startswith("Correct.")


# -------------------------------------------------------------- persistence
def test_answers_survive_a_reload(page, base_url):
    lesson(page, base_url)
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    q(page, "fx-truefalse").get_by_label("True").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    summary = page.locator("[data-qz-summary]").inner_text()
    assert summary == "1 of 5 answered correctly."
    page.reload()
    page.wait_for_selector(".qz.qz--js")
    assert q(page, "fx-single").get_by_label("An unanswered text").is_checked()
    assert feedback(page, "fx-single").startswith("Correct.")
    assert feedback(page, "fx-truefalse").startswith("Not quite.")
    assert page.locator("[data-qz-summary]").inner_text() == summary


def test_likert_and_reflection_are_kept(page, base_url):
    lesson(page, base_url, "second-lesson")
    q(page, "fx-likert").get_by_label("Agree", exact=True).check()
    q(page, "fx-reflection").locator("textarea").fill("A late reply at lunch.")
    for _ in range(50):  # the box saves after a short pause in typing
        if (saved(page) or {}).get("answers", {}).get("fx-reflection"):
            break
        page.wait_for_timeout(100)
    page.reload()
    page.wait_for_selector(".qz.qz--js")
    assert q(page, "fx-likert").get_by_label("Agree", exact=True).is_checked()
    assert q(page, "fx-reflection").locator("textarea").input_value() == "A late reply at lunch."


def test_instant_navigation_enhances_the_next_page(page, base_url):
    lesson(page, base_url)
    page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_selector('[data-qz-id="fx-scenario-1"]')
    page.wait_for_selector(".qz.qz--js")
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation kept the document"
    item = q(page, "fx-scenario-1")
    item.get_by_label("Are they pulling away?").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-scenario-1").startswith("Correct.")
    # Back to the first page: enhanced again, once.
    page.go_back()
    page.wait_for_selector('[data-qz-id="fx-single"]')
    page.wait_for_selector(".qz.qz--js")
    assert q(page, "fx-single").locator("button[type=submit]:visible").count() == 1


def test_chapter_quiz_scores_and_links_misses(page, base_url):
    page.goto(f"{base_url}basics/quiz/")
    page.wait_for_selector(".qz.qz--js")
    q(page, "fxq-one").get_by_label("With an ordinary trigger").check()
    q(page, "fxq-one").get_by_role("button", name="Check").click()
    summary = page.locator("[data-qz-summary]")
    assert "1 question left to answer." in summary.inner_text()  # a plural form, not "question(s)"
    q(page, "fxq-two").get_by_label("True").check()
    q(page, "fxq-two").get_by_role("button", name="Check").click()
    text = summary.inner_text()
    assert "Score: 1 of 2 (50%)." in text and "Not passed yet. The pass mark is 75%." in text
    link = summary.locator("a")
    assert link.count() == 1
    link.click()
    page.wait_for_url("**/basics/second-lesson/#needs-underneath")


# ---------------------------------------------------------- degraded browsers
def test_readable_with_javascript_off(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{base_url}basics/first-lesson/")
    assert page.locator("noscript").count() >= 1
    assert page.get_by_role("button", name="Check").count() == 0, "no dead buttons without script"
    item = q(page, "fx-single")
    assert item.locator("legend").inner_text().endswith("Which one is the trigger?")
    item.locator("summary", has_text="Show the answer").click()
    assert "Right answer: An unanswered text" in item.locator("details").inner_text()
    assert item.locator("details [data-qz-explanation]").is_visible()
    ctx.close()


def test_blocked_storage_still_works_and_says_so_once(browser, base_url):
    ctx = browser.new_context()
    ctx.add_init_script("""
        for (const name of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); };
        }""")
    page = ctx.new_page()
    watch = Watch(page, base_url)
    lesson(page, base_url)
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.")
    notes = page.locator(".qz-storage-note")
    assert notes.count() == 1 and "not letting the site save" in notes.inner_text()
    watch.assert_clean()
    ctx.close()


def test_full_quota_keeps_the_quiz_working(browser, base_url):
    ctx = browser.new_context()
    ctx.add_init_script("""
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""")
    page = ctx.new_page()
    watch = Watch(page, base_url)
    lesson(page, base_url)
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-truefalse").startswith("Correct.")
    assert page.locator(".qz-storage-note").count() == 1
    watch.assert_clean()
    ctx.close()


def test_corrupted_value_is_set_aside_not_lost(context, base_url):
    page = context.new_page()
    watch = Watch(page, base_url)
    page.goto(f"{base_url}")
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    lesson(page, base_url)
    assert "could not be read" in page.locator(".qz-storage-note").inner_text()
    keys = page.evaluate("Object.keys(localStorage)")
    backups = [k for k in keys if k.startswith(f"{KEY}:corrupt:")]
    assert len(backups) == 1 and page.evaluate(f"localStorage.getItem('{backups[0]}')") == "{not json"
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    assert saved(page)["answers"]["fx-single"]["ok"] is True
    watch.assert_clean()


def test_a_bad_entry_never_erases_the_others(context, base_url):
    page = context.new_page()
    watch = Watch(page, base_url)
    page.goto(f"{base_url}")
    hand_made = {"v": 1, "answers": {"fx-single": "garbage", "fx-unknown": {"v": [1, 2]}}, "extra": {"kept": True}}
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({json.dumps(hand_made)}))")
    lesson(page, base_url)
    assert feedback(page, "fx-single") == "", "a malformed entry is ignored, not shown"
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    data = saved(page)
    assert data["answers"]["fx-single"] == "garbage"
    assert data["answers"]["fx-unknown"] == {"v": [1, 2]}
    assert data["extra"] == {"kept": True}
    assert data["answers"]["fx-truefalse"]["v"] is False
    watch.assert_clean()


def test_newer_format_is_never_overwritten(context, base_url):
    page = context.new_page()
    page.goto(f"{base_url}")
    future = json.dumps({"v": 99, "answers": {}, "shape": "from the future"})
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(future)})")
    lesson(page, base_url)
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-truefalse").startswith("Correct.")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == future
