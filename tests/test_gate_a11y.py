"""Accessibility gate: axe-core on every type of page, keyboard-only quiz, reduced motion.

axe-core comes from node_modules (package.json pins it; `make test` runs `npm ci`).
No axe rule is ever disabled here: a violation is fixed in overrides/ (see
overrides/assets/a11y.css and overrides/partials/) or in the content.
"""
from __future__ import annotations

import pytest

from .axe_helper import axe_violations, describe
from .serve import GRADED, answer_all, pages_by_type
from .thresholds import AXE_MAX_VIOLATIONS

pytestmark = pytest.mark.browser

VARIANTS = {
    "light": dict(color_scheme="light"),
    "dark": dict(color_scheme="dark"),
    "mobile-375": dict(color_scheme="light", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True),
}

LESSON = "cycle/the-loop/"
CHAPTER_QUIZ = "cycle/quiz/"


def _open(browser, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _scheme(page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_type_of_page_has_zero_axe_violations(browser, course_site, base_url, variant):
    """One page of each type, and more until every part of the site is on an audited page (serve.py:
    pages_by_type)."""
    context, page, errors = _open(browser, **VARIANTS[variant])
    try:
        found, count = [], 0
        for path in pages_by_type(course_site):
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            expected = "slate" if VARIANTS[variant]["color_scheme"] == "dark" else "default"
            assert _scheme(page) == expected, f"{path}: palette did not follow prefers-color-scheme"
            violations = axe_violations(page)
            count += len(violations)
            if violations:
                found.append(describe(violations, f"{variant} /{path}"))
        assert count <= AXE_MAX_VIOLATIONS, "axe violations:\n" + "\n".join(found)
        assert not errors, f"script errors: {errors}"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [LESSON, CHAPTER_QUIZ])
def test_answered_widgets_have_zero_axe_violations(browser, base_url, scheme, path):
    """Feedback, verdict colours, review links and the score only exist after answering."""
    context, page, errors = _open(browser, color_scheme=scheme)
    try:
        page.goto(base_url + path)
        assert answer_all(page) > 0
        violations = axe_violations(page)
        assert len(violations) <= AXE_MAX_VIOLATIONS, describe(violations, f"{scheme} /{path} (answered)")
        assert not errors, errors
    finally:
        context.close()


def _focus_info(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const q = el && el.closest('.qz-question[data-qz-type]');
        const info = {tag: el ? el.tagName.toLowerCase() : '', type: el && el.type || '', inQuiz: !!q,
                      qtype: q ? q.dataset.qzType : '', submit: false, groupChecked: false, value: el && el.value};
        if (!q) return info;
        info.submit = el.matches('button[type=submit]');
        info.retry = el.matches('[data-qz-retry]');
        if (el.type === 'radio' || el.type === 'checkbox')
            info.groupChecked = !!q.querySelector('input[type=' + el.type + ']:checked');
        return info;
    }""")


def test_chapter_quiz_can_be_completed_with_the_keyboard_only(browser, base_url):
    """Tab through the page from the top; answer, check and move on with keys alone."""
    context, page, errors = _open(browser, color_scheme="light")
    try:
        page.goto(base_url + CHAPTER_QUIZ)
        page.wait_for_selector(".qz.qz--js", state="attached")
        total = page.locator(".qz-question[data-qz-type]").evaluate_all(
            f"(qs) => qs.filter((q) => {list(GRADED)!r}.includes(q.dataset.qzType)).length")
        assert total >= 8, f"a chapter quiz should have 8+ graded questions, found {total}"
        keys_pressed = 0
        for _ in range(3000):
            scored = page.locator(".qz-question[data-qz-score]").count()
            if scored == total:
                break
            info = _focus_info(page)
            if info["inQuiz"] and info["type"] in ("radio", "checkbox") and not info["groupChecked"]:
                page.keyboard.press("Space")
            elif info["inQuiz"] and info["tag"] == "select" and info["value"] == "":
                page.keyboard.press("ArrowDown")
            elif info["inQuiz"] and info["submit"]:
                page.keyboard.press("Enter")
            else:
                page.keyboard.press("Tab")
            keys_pressed += 1
        scored = page.locator(".qz-question[data-qz-score]").count()
        assert scored == total, f"only {scored} of {total} questions could be checked with the keyboard ({keys_pressed} keys)"
        summary = page.locator("[data-qz-summary]").inner_text()
        assert "%" in summary, f"the final score was not announced: {summary!r}"
        live = page.locator("[data-qz-summary]").get_attribute("aria-live")
        assert live == "polite"
        # After checking, focus sits on "Try again" (a visible, focusable control), never lost to <body>.
        assert page.evaluate("() => document.activeElement !== document.body")
        assert not errors, errors
    finally:
        context.close()


MOTION_PROBE = """(root) => {
    const seconds = (list) => list.split(',').map((s) => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1));
    const out = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
        for (const pseudo of [null, '::before', '::after']) {
            const cs = getComputedStyle(el, pseudo);
            const moving = Math.max(...seconds(cs.transitionDuration)) > 0.01
                || (cs.animationName !== 'none' && Math.max(...seconds(cs.animationDuration)) > 0.01);
            if (moving) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${pseudo || ''}: `
                                 + `transition ${cs.transitionDuration}, animation ${cs.animationName} ${cs.animationDuration}`);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("path", [LESSON, CHAPTER_QUIZ])
def test_reduced_motion_stops_widget_motion(browser, base_url, path):
    context, page, errors = _open(browser, color_scheme="light", reduced_motion="reduce")
    try:
        page.goto(base_url + path)
        answer_all(page)  # checked state: verdicts, feedback and buttons all present
        widgets = page.locator(".qz")
        assert widgets.count() > 0
        moving = [m for i in range(widgets.count()) for m in widgets.nth(i).evaluate(MOTION_PROBE)]
        assert not moving, "motion despite prefers-reduced-motion: reduce:\n" + "\n".join(moving[:20])
        smooth = page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior")
        assert smooth != "smooth", "smooth scrolling is on despite reduced motion"
        assert not errors, errors
    finally:
        context.close()
