"""The quiz widget in a real browser (Debian's Chromium via Playwright), on the fixture course."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from quizkit.strings import strings

from .serve import answer_all

pytestmark = pytest.mark.browser
KEY = "aa-course:/course/"  # the key names the site's path (built for /course/)


@pytest.fixture(scope="module")
def base_url(fixture_course):
    """The fixture course built for, and served under, http://127.0.0.1:<port>/course/."""
    return fixture_course[0]


@pytest.fixture
def page(reader_page, base_url):
    """A page in a fresh context; any console error or request to another origin fails the test."""
    return reader_page(base_url, viewport={"width": 1000, "height": 900})


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
def key_in_view(item) -> bool:
    """Is anything that gives the answer away on screen: the key, a right-answer mark, the explanation?"""
    return (item.locator("[data-qz-key]").is_visible() or item.locator(".qz-option--right").count() > 0
            or item.locator("[data-qz-feedback] .qz-explanation").count() > 0)


def test_one_wrong_answer_does_not_show_the_key(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("A long talk").check()
    item.get_by_role("button", name="Check").click()
    text = feedback(page, "fx-single")
    assert text.startswith("Not quite. That is not the answer yet.") and "That comes later." in text
    assert "Right, an ordinary moment." not in text and "The trigger is ordinary." not in text
    assert not key_in_view(item)
    assert item.locator(".qz-option--wrong").count() == 1, "the reader's own wrong pick is marked"
    # Material's instant navigation makes content links absolute; the target is what matters.
    assert item.locator("[data-qz-feedback] .qz-review a").get_attribute("href").endswith("/basics/first-lesson/#trigger")
    assert saved(page)["answers"]["fx-single"]["s"] == 0


def test_second_try_right_keeps_the_first_score(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("A long talk").check()
    item.get_by_role("button", name="Check").click()
    item.get_by_role("button", name="Try again").click()
    assert item.get_by_label("A long talk").is_checked(), "trying again keeps the answer to change"
    item.get_by_label("An unanswered text").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.")
    assert item.locator(".qz-option--right").count() == 1
    entry = saved(page)["answers"]["fx-single"]
    assert (entry["v"], entry["s"], entry["ok"], entry["n"]) == (0, 0, False, 2), "the first check counts"
    assert page.locator("[data-qz-summary]").inner_text() == "First try: 0 of 5 right."


def test_a_right_answer_offers_no_show_the_answer_and_check_looks_off(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("An unanswered text").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.") and "The trigger is ordinary." in feedback(page, "fx-single")
    assert item.locator("text=Show the answer >> visible=true").count() == 0, "nothing more to show after a right answer"
    check = item.get_by_role("button", name="Check")
    assert check.is_disabled()
    style = check.evaluate("b => [getComputedStyle(b).cursor, Number(getComputedStyle(b).opacity)]")
    assert style[0] != "pointer" and style[1] < 0.6, "a disabled Check looks disabled"


def test_second_wrong_answer_reveals_the_key(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("A long talk").check()
    item.get_by_role("button", name="Check").click()
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("A hug").check()
    item.get_by_role("button", name="Check").click()
    text = feedback(page, "fx-single")
    assert text.startswith("Not quite. Here is the answer.") and "The trigger is ordinary." in text
    assert item.locator(".qz-option--right").count() == 1
    assert item.get_by_role("button", name="Try again").is_hidden()


def test_show_the_answer_on_request(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-truefalse")
    item.get_by_label("True").check()
    item.get_by_role("button", name="Check").click()
    assert not key_in_view(item)
    item.get_by_role("button", name="Show the answer").click()
    assert "Withdrawal is mostly self-protection." in feedback(page, "fx-truefalse")
    assert saved(page)["answers"]["fx-truefalse"]["k"] is True
    # Nothing offers "Show the answer" again once it shows: the key's own title says what it adds (walk 13).
    assert item.locator("text=Show the answer >> visible=true").count() == 0
    assert item.locator("[data-qz-key] > summary").inner_text() == "The answer in full"


def test_double_click_on_check_keeps_the_answer(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    item.get_by_label("A long talk").check()
    item.get_by_role("button", name="Check").dblclick()
    assert item.get_by_label("A long talk").is_checked()
    assert feedback(page, "fx-single").startswith("Not quite.")
    assert saved(page)["answers"]["fx-single"]["v"] == 1
    # "Try again" is below the feedback, not where "Check" was, and is not the primary button.
    check = item.get_by_role("button", name="Check").bounding_box()
    retry = item.get_by_role("button", name="Try again")
    assert retry.bounding_box()["y"] > check["y"] + check["height"]
    assert "md-button--primary" not in retry.get_attribute("class")


def test_multiple_choice_partly_then_fully_right(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-multiple")
    item.get_by_label("Sending more messages").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-multiple").startswith("Partly right.")
    assert not key_in_view(item)
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("Asking for reassurance").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-multiple").startswith("Correct.")
    assert saved(page)["answers"]["fx-multiple"]["s"] == 0.5, "one of two right options, no wrong pick"


def test_true_false_wrong_shows_its_feedback(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-truefalse")
    item.get_by_label("True").check()
    item.get_by_role("button", name="Check").click()
    text = feedback(page, "fx-truefalse")
    assert text.startswith("Not quite.") and "Usually not; it is a way to calm down." in text
    assert "Right; it is usually" not in text


def test_matching_marks_each_pair_and_gives_partial_credit(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-matching")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching") == "Match every item first."
    selects = item.locator("select")
    selects.nth(0).select_option(label="To know they matter")
    selects.nth(1).select_option(label="Reassurance")
    selects.nth(2).select_option(label="To calm down")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching").startswith("Partly right.")
    assert item.locator(".qz-select--right").count() == 1 and item.locator(".qz-select--wrong").count() == 2
    marks = [m.strip() for m in item.locator("[data-qz-mark]").all_inner_texts()]
    assert marks == ["(matched)", "(not matched)", "(not matched)"], "matching words, not ordering ones"
    assert abs(saved(page)["answers"]["fx-matching"]["s"] - 1 / 3) < 1e-9
    item.get_by_role("button", name="Try again").click()
    assert [s.input_value() for s in selects.all()] != ["", "", ""], "trying again keeps the matches"
    selects.nth(1).select_option(label="To calm down")
    selects.nth(2).select_option(label="Reassurance")
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-matching").startswith("Correct.")


def test_ordering_marks_each_item_with_the_mouse(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-ordering")
    item.get_by_role("button", name="Move up: Trigger").click()  # Alarm, Pursuit, Trigger, Withdrawal
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-ordering").startswith("Partly right.")
    rows = item.locator("[data-qz-item]")
    assert [r.get_attribute("class").split()[-1] for r in rows.all()] == [
        "qz-order-item--wrong", "qz-order-item--wrong", "qz-order-item--wrong", "qz-order-item--right"]
    assert saved(page)["answers"]["fx-ordering"]["s"] == 0.25
    assert not item.locator("[data-qz-key]").is_visible(), "the right order is not shown yet"


def test_matching_shows_the_feedback_of_each_wrong_pair_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-matching")
    selects = item.locator("select")
    pair_feedback = "Going quiet: Think of what a flooded body needs before it can talk."
    # Going quiet matched wrong: its feedback is announced with the verdict, the key still hidden
    selects.nth(0).select_option(label="To know they matter")
    selects.nth(1).select_option(label="Reassurance")
    selects.nth(2).select_option(label="To calm down")
    item.get_by_role("button", name="Check").click()
    text = " ".join(feedback(page, "fx-matching").split())
    assert text.startswith("Partly right.") and pair_feedback in text and not key_in_view(item)
    assert item.locator("[data-qz-feedback] .qz-option-feedback").count() == 1
    # Going quiet now right, the other two swapped: the answer is shown, without that pair's feedback
    item.get_by_role("button", name="Try again").click()
    selects.nth(0).select_option(label="Reassurance")
    selects.nth(1).select_option(label="To calm down")
    selects.nth(2).select_option(label="To know they matter")
    item.get_by_role("button", name="Check").click()
    text = " ".join(feedback(page, "fx-matching").split())
    assert "Each behaviour protects a need." in text and pair_feedback not in text
    assert item.locator("[data-qz-feedback] .qz-option-feedback").count() == 0


def test_ordering_shows_its_explanation_with_the_answer_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-ordering")
    item.get_by_role("button", name="Move up: Trigger").click()
    item.get_by_role("button", name="Check").click()
    assert "Trigger, alarm, pursuit, withdrawal." not in feedback(page, "fx-ordering")
    item.get_by_role("button", name="Try again").click()
    item.get_by_role("button", name="Check").click()  # the same wrong order: the answer is shown
    text = feedback(page, "fx-ordering")
    assert "Here is the answer." in text and "Trigger, alarm, pursuit, withdrawal." in text


# ------------------------------------------------------------- keyboard only
def test_single_choice_with_keyboard_only(page, base_url):
    lesson(page, base_url)
    item = q(page, "fx-single")
    labels = [t.strip() for t in item.locator(".qz-option span").all_inner_texts()]
    item.locator("input").first.focus()
    page.keyboard.press("Space")      # picks the first option shown
    page.keyboard.press("Enter")      # submits the form
    first_right = labels[0] == "An unanswered text"
    assert feedback(page, "fx-single").startswith("Correct." if first_right else "Not quite.")
    assert page.evaluate("document.activeElement.hasAttribute('data-qz-feedback')"), "focus goes to the feedback"
    if first_right:
        return
    page.keyboard.press("Tab")        # the next stop after the feedback: Try again
    assert page.evaluate("document.activeElement.textContent") == "Try again"
    page.keyboard.press("Enter")      # focus returns to the chosen option
    for _ in range(labels.index("An unanswered text")):
        page.keyboard.press("ArrowDown")
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
    assert item.locator(".qz-order-item--right").count() == 4


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
    assert item.locator(".qz-select--right").count() == 3


# -------------------------------------------------------------- persistence
def test_answers_survive_a_reload(page, base_url):
    lesson(page, base_url)
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    q(page, "fx-truefalse").get_by_label("True").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    summary = page.locator("[data-qz-summary]").inner_text()
    assert summary == "First try: 1 of 5 right."
    page.reload()
    page.wait_for_selector(".qz.qz--js")
    assert q(page, "fx-single").get_by_label("An unanswered text").is_checked()
    assert feedback(page, "fx-single").startswith("Correct.")
    assert feedback(page, "fx-truefalse").startswith("Not quite.")
    assert page.locator("[data-qz-summary]").inner_text() == summary


def test_answers_saved_under_the_first_releases_fingerprint_are_kept(page, base_url):
    """The first release hashed line numbers and feedback; its answers move to the new fingerprint."""
    from .test_fingerprint import LEGACY

    page.goto(f"{base_url}basics/first-lesson/")
    old = {"v": 1, "answers": {
        "fx-single": {"v": 0, "ok": True, "s": 1, "h": LEGACY["fx-single"], "t": 1},
        "fx-truefalse": {"v": True, "ok": False, "s": 0, "h": "not-a-hash", "t": 1},  # really edited: starts fresh
    }}
    page.evaluate(f"(v) => localStorage.setItem('{KEY}', JSON.stringify(v))", old)
    lesson(page, base_url)
    assert q(page, "fx-single").get_by_label("An unanswered text").is_checked()
    assert feedback(page, "fx-single").startswith("Correct.")
    assert not q(page, "fx-truefalse").get_by_label("True").is_checked()
    entry = saved(page)["answers"]["fx-single"]
    assert entry["h"] == q(page, "fx-single").get_attribute("data-qz-hash") != LEGACY["fx-single"]


def test_likert_and_reflection_are_kept(page, base_url):
    lesson(page, base_url, "second-lesson")
    q(page, "fx-likert").get_by_label("Agree", exact=True).check()
    said = q(page, "fx-likert").locator("[data-qz-feedback]").inner_text()
    assert said.startswith("You chose “Agree”. There is no right or wrong answer") and said.endswith("Saved in this browser.")
    box = q(page, "fx-reflection")
    said = box.locator("[data-qz-feedback]")
    keep = box.get_by_label(strings("en")["reflection_keep"])
    # A reflection may be about a partner: it is saved only when the reader asks (expert review 14, S1),
    # and the box says so before a word is typed.
    assert not keep.is_checked()
    box.locator("textarea").focus()
    assert said.inner_text() == strings("en")["reflection_unsaved"]
    box.locator("textarea").fill("Not for keeping.")
    page.wait_for_timeout(800)  # past the 400 ms pause after which a ticked box saves
    assert "fx-reflection" not in (saved(page) or {}).get("answers", {})
    keep.check()
    expect(said).to_have_text(strings("en")["saved_reflection"])
    box.locator("textarea").fill("A late reply at lunch.")
    for _ in range(50):  # the box saves after a short pause in typing
        if ((saved(page) or {}).get("answers", {}).get("fx-reflection") or {}).get("v") == "A late reply at lunch.":
            break
        page.wait_for_timeout(100)
    page.reload()
    page.wait_for_selector(".qz.qz--js")
    assert q(page, "fx-likert").get_by_label("Agree", exact=True).is_checked()
    box = q(page, "fx-reflection")
    assert box.locator("textarea").input_value() == "A late reply at lunch."
    keep = box.get_by_label(strings("en")["reflection_keep"])
    assert keep.is_checked()
    # Unticking deletes the saved words; they stay on the page.
    keep.uncheck()
    expect(box.locator("[data-qz-feedback]")).to_have_text(strings("en")["reflection_deleted"])
    assert "fx-reflection" not in (saved(page) or {}).get("answers", {})
    assert box.locator("textarea").input_value() == "A late reply at lunch."


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
    assert summary.inner_text() == "1 of 2 answered.", "a kind running count, no score before the end"
    q(page, "fxq-two").get_by_label("True").check()
    q(page, "fxq-two").get_by_role("button", name="Check").click()
    text = summary.inner_text()
    assert "First-try score: 1 of 2 right (50%)." in text and "Not passed yet. The pass mark is 75%." in text
    assert "Your first answer to each question is the one that counts" in text
    item = summary.locator("li")
    assert item.count() == 1 and "Needs disappear when we ignore them." in item.inner_text()
    assert item.locator("strong").inner_text() == "Question 2", "the number stands out, the prompt is plain text"
    link = item.locator("a")
    assert link.count() == 1 and link.inner_text() == "Review this in the lesson"
    buttons = [b.bounding_box() for b in summary.get_by_role("button").all()]
    assert len(buttons) == 2 and buttons[1]["x"] - (buttons[0]["x"] + buttons[0]["width"]) >= 8, "the two buttons stand apart"
    link.click()
    page.wait_for_url("**/basics/second-lesson/#needs-underneath")


def _one_right_one_missed_then_retry(page, base_url):
    """The fixture's chapter quiz: fxq-one right, fxq-two wrong, then "Retry the ones I missed"."""
    page.goto(f"{base_url}basics/quiz/")
    page.wait_for_selector(".qz.qz--js")
    q(page, "fxq-one").get_by_label("With an ordinary trigger").check()
    q(page, "fxq-one").get_by_role("button", name="Check").click()
    q(page, "fxq-two").get_by_label("True").check()
    q(page, "fxq-two").get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Retry the ones I missed").click()


def test_retry_the_ones_i_missed_is_for_learning_the_first_try_counts(page, base_url):
    _one_right_one_missed_then_retry(page, base_url)
    assert feedback(page, "fxq-one").startswith("Correct."), "the right answer stays"
    assert q(page, "fxq-one").get_by_label("With an ordinary trigger").is_checked()
    assert feedback(page, "fxq-two") == "" and not q(page, "fxq-two").get_by_label("True").is_checked()
    # Focus on the first missed question itself, so a screen reader starts at its prompt.
    assert page.evaluate("document.activeElement.id") == "qz-fxq-two", "focus goes to the first missed question"
    assert saved(page)["answers"]["fxq-two"]["s"] == 0, "the first miss is still on record"
    page.keyboard.press("Tab")  # its first answer
    assert page.evaluate("document.activeElement.name") == "qz-fxq-two"
    page.keyboard.press("ArrowDown")  # False, picked from the keyboard
    q(page, "fxq-two").get_by_role("button", name="Check").click()
    assert feedback(page, "fxq-two").startswith("Correct."), "the retry itself is graded, for learning"
    text = page.locator("[data-qz-summary]").inner_text()
    assert "First-try score: 1 of 2 right (50%). Not passed yet." in text, "the retry never replaces the first answer"
    assert "Retries are for learning and do not change this score." in text
    entry = saved(page)["answers"]["fxq-two"]
    assert (entry["s"], entry["r"], entry["ok"]) == (0, 1, False), "stored: the first try counts, the retry is kept apart"
    page.reload()
    page.wait_for_selector(".qz.qz--js")
    assert "First-try score: 1 of 2 right (50%). Not passed yet." in page.locator("[data-qz-summary]").inner_text()
    page.goto(f"{base_url}practice/")
    page.wait_for_selector(".qz.qz--js[data-qz-kind=practice]")
    assert q(page, "fxq-two").is_visible(), "Practice offers the first miss, though the retry got it right"
    assert q(page, "fxq-one").is_hidden()
    assert page.locator("[data-qz-practice-status]").inner_text().startswith("1 question to practise")


def test_retry_note_shows_while_the_missed_ones_are_open(page, base_url):
    _one_right_one_missed_then_retry(page, base_url)
    summary = page.locator("[data-qz-summary]")
    assert "Your first-try score stays as it is." in summary.inner_text()
    assert "First-try score: 1 of 2 right (50%)." in summary.inner_text()
    page.reload()  # reopened and not answered yet: still open, still the first try's score
    page.wait_for_selector(".qz.qz--js")
    assert feedback(page, "fxq-two") == "" and not q(page, "fxq-two").get_by_label("True").is_checked()
    assert "First-try score: 1 of 2 right (50%)." in summary.inner_text()


def test_practice_page_offers_a_missed_question_again(page, base_url):
    lesson(page, base_url)
    q(page, "fx-single").get_by_label("A long talk").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    page.goto(f"{base_url}basics/quiz/")
    page.wait_for_load_state("networkidle")  # instant navigation reads the sitemap first
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-footer__link--next").click()  # the practice page follows the quiz in the nav
    page.wait_for_selector(".qz.qz--js[data-qz-kind=practice]")
    assert page.evaluate("window.__sameDocument") is True
    status = page.locator("[data-qz-practice-status]").inner_text()
    assert status.startswith("4 questions to practise"), status  # a plural form, not "question(s)"; fx-single missed; 3 skipped in that check
    item = q(page, "fx-single")
    assert item.is_visible() and not item.get_by_label("A long talk").is_checked(), "offered fresh"
    assert q(page, "fx-truefalse").is_hidden(), "right the first time: not offered"
    assert q(page, "fxq-one").is_hidden(), "a quiz not started is not offered"
    item.get_by_label("An unanswered text").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.")
    entry = saved(page)["answers"]["fx-single"]
    assert (entry["v"], entry["s"], entry["r"], entry["p"]) == (0, 0, 1, True), "first try kept; practised right"
    assert page.locator("[data-qz-practice-status]").inner_text().startswith("4 questions to practise")
    page.reload()
    page.wait_for_selector(".qz.qz--js[data-qz-kind=practice]")
    assert q(page, "fx-single").is_hidden()
    assert page.locator("[data-qz-practice-status]").inner_text().startswith("3 questions to practise")
    # Every one offered answered: the count the page opened with gives way (reader walk 14).
    assert answer_all(page) == 3
    expect(page.locator("[data-qz-practice-status]")).to_have_text(strings("en")["practice_all_answered"])


def test_practice_shows_the_options_in_a_new_order(page, base_url):
    lesson(page, base_url)
    authored = q(page, "fx-single").locator("input").evaluate_all("els => els.map(e => e.value)")
    q(page, "fx-single").get_by_label("A long talk").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    page.add_init_script("Math.random = () => 0")  # a known shuffle: each option swaps with the first
    page.goto(f"{base_url}practice/")
    page.wait_for_selector(".qz.qz--js[data-qz-kind=practice]")
    item = q(page, "fx-single")
    shown = item.locator("input").evaluate_all("els => els.map(e => e.value)")
    assert sorted(shown) == sorted(authored) and shown != authored, "recall the answer, not its place"
    item.get_by_label("An unanswered text").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct."), "values are the authored ones: scoring does not move"


def test_practice_page_says_so_when_there_is_nothing(page, base_url):
    page.goto(f"{base_url}practice/")
    page.wait_for_selector(".qz.qz--js[data-qz-kind=practice]")
    assert page.locator("[data-qz-practice-status]").inner_text().startswith("Nothing to practise yet.")
    assert page.locator(".qz-question:visible").count() == 0


# ---------------------------------------------------------- degraded browsers
def test_readable_with_javascript_off(reader_page, base_url):
    page = reader_page(base_url, java_script_enabled=False)
    page.goto(f"{base_url}basics/first-lesson/")
    assert page.locator("noscript").count() >= 1
    assert page.get_by_role("button", name="Check").count() == 0, "no dead buttons without script"
    item = q(page, "fx-single")
    assert item.locator("legend").inner_text().endswith("Which one is the trigger?")
    item.locator("summary", has_text="Show the answer").click()
    assert "Right answer: An unanswered text" in item.locator("details").inner_text()
    assert item.locator("details [data-qz-explanation]").is_visible()


def test_blocked_storage_still_works_and_says_so_once(reader_page, base_url):
    page = reader_page(base_url)
    page.add_init_script("""
        for (const name of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); };
        }""")
    lesson(page, base_url)
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-single").startswith("Correct.")
    notes = page.locator(".qz-storage-note")
    assert notes.count() == 1 and "not letting the site save" in notes.inner_text()


def test_full_quota_keeps_the_quiz_working(reader_page, base_url):
    page = reader_page(base_url)
    page.add_init_script("""
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""")
    lesson(page, base_url)
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-truefalse").startswith("Correct.")
    assert page.locator(".qz-storage-note").count() == 1


def damage_saved_answers_before_first_load(page):
    """The damaged value is there before any course script runs, once (a later reload finds it set aside)."""
    page.add_init_script(f"""
        if (!sessionStorage.getItem('damaged')) {{
            sessionStorage.setItem('damaged', '1');
            localStorage.setItem('{KEY}', '{{not json');
        }}""")


def test_corrupted_value_is_set_aside_not_lost(page, base_url):
    damage_saved_answers_before_first_load(page)
    lesson(page, base_url)
    assert "could not be read" in page.locator(".qz-storage-note").inner_text()
    keys = page.evaluate("Object.keys(localStorage)")
    backups = [k for k in keys if k.startswith(f"{KEY}:corrupt:")]
    assert len(backups) == 1 and page.evaluate(f"localStorage.getItem('{backups[0]}')") == "{not json"
    q(page, "fx-single").get_by_label("An unanswered text").check()
    q(page, "fx-single").get_by_role("button", name="Check").click()
    assert saved(page)["answers"]["fx-single"]["ok"] is True


def test_a_page_without_a_quiz_still_says_what_was_set_aside(page, base_url):
    # The nav's journey marks read saved answers on every page, so the home page may be the one that
    # finds the damage: the reader is told there, not left to discover missing answers later.
    damage_saved_answers_before_first_load(page)
    page.goto(base_url)
    note = page.locator(".qz-storage-note")
    note.wait_for()
    assert page.locator(".qz").count() == 0, "the fixture's home page has no quiz"
    assert "could not be read" in note.inner_text() and note.get_attribute("role") == "status"
    backups = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith(f"{KEY}:corrupt:")]
    assert len(backups) == 1


def test_a_bad_entry_never_erases_the_others(page, base_url):
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


def test_newer_format_is_never_overwritten(page, base_url):
    page.goto(f"{base_url}")
    future = json.dumps({"v": 99, "answers": {}, "shape": "from the future"})
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(future)})")
    lesson(page, base_url)
    q(page, "fx-truefalse").get_by_label("False").check()
    q(page, "fx-truefalse").get_by_role("button", name="Check").click()
    assert feedback(page, "fx-truefalse").startswith("Correct.")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == future


def test_a_checked_pick_shows_right_or_wrong_in_its_colour(page, base_url):
    """Reader walk 15: a wrong pick kept the "chosen" colour of a right one; only a small ✗ told them apart."""
    lesson(page, base_url)
    item = q(page, "fx-single")
    border = "e => getComputedStyle(e).borderTopColor"
    pick = item.locator("label.qz-option", has_text="A long talk")
    pick.click()
    chosen = pick.evaluate(border)
    item.get_by_role("button", name="Check").click()
    wrong = pick.evaluate(border)
    item.get_by_role("button", name="Try again").click()
    right = item.locator("label.qz-option", has_text="An unanswered text")
    right.click()
    item.get_by_role("button", name="Check").click()
    assert len({chosen, wrong, right.evaluate(border)}) == 3
    assert wrong == page.evaluate("() => { const s = document.createElement('span'); s.style.color = "
                                  "'var(--qz-wrong)'; document.body.append(s); return getComputedStyle(s).color; }")
