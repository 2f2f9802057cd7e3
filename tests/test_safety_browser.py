"""Get help now and the short safety check, in Chromium at the deployed address on a phone (375 x 667).

Get help now: every call and text link a button of at least 44 x 44 px, crisis words at body size, and the
reader's country first in every list (kept in this browser only while "keep nothing" is off). The safety
check: any yes shows the way to Get help first, all no a neutral word, and nothing is ever stored.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizkit.course.helplines import load
from quizkit.strings import strings

from .conftest import ROOT, one_size
from .serve import until

pytestmark = pytest.mark.browser

LINES = load(ROOT / "quizzes" / "_help" / "lines.yml")
PARTNER = ["afraid", "hurt", "control", "sex", "anger"]


@pytest.fixture(params=["dark", "light"])
def phone(browser, request):
    context = browser.new_context(viewport={"width": 375, "height": 667}, color_scheme=request.param,
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    assert problems == []  # CSP violations show up as console errors


def storage(page) -> str:
    return page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


# ---- Get help now --------------------------------------------------------------------------


def test_every_call_and_text_link_is_a_button_of_at_least_44_px(phone, base_url):
    phone.goto(base_url + "get-help/")
    links = phone.locator('article a[href^="tel:"], article a[href^="sms:"]')
    assert links.count() >= 25
    small = []
    for link in links.all():
        box = link.bounding_box()
        if box["width"] < 44 or box["height"] < 44 or box["x"] < 0 or box["x"] + box["width"] > 375:
            small.append(f"{link.inner_text()}: {box['width']:.0f} x {box['height']:.0f} at x {box['x']:.0f}")
    assert small == []
    # A text line shows its keyword on the button itself.
    assert phone.locator('a[href="sms:88788?body=START"]').first.inner_text() == "Text START to 88788"


def test_crisis_words_are_at_least_body_size(phone, base_url):
    phone.goto(base_url + "get-help/")
    body = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize)")
    sizes = phone.evaluate("""() => [...document.querySelectorAll(
        '.admonition.danger p, .admonition.danger li, .aa-lines li, .aa-lines li a, .aa-lines li span')]
        .map(el => [el.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])""")
    assert len(sizes) > 40
    assert [(text, size) for text, size in sizes if size < body] == [], f"body text is {body}px"


def order_in_each_list(page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-aa-lines]')].map(list =>
        [...list.children].map(li => li.dataset.aaPlaces))""")


@one_size("phone", "dark")
def test_choosing_a_country_puts_its_lines_first_in_every_list_and_a_reload_keeps_it(phone, base_url):
    phone.goto(base_url + "get-help/")
    before = order_in_each_list(phone)
    select = phone.locator("[data-aa-country-select]")
    select.wait_for(state="visible")  # shown by the script; hidden without it
    select.select_option("Australia")
    assert "Australia" in phone.locator("[data-aa-country-said]").inner_text()
    after = order_in_each_list(phone)
    lists_with_australia = 0
    for old, new in zip(before, after, strict=True):
        mine = [p for p in old if "Australia" in p.split("|")]
        assert sorted(new) == sorted(old)  # every line still there
        assert new[:len(mine)] == mine, "Australia's lines are not first, in the data's order"
        assert [p for p in new if p not in mine] == [p for p in old if p not in mine], "the rest left the data's order"
        lists_with_australia += bool(mine)
    assert lists_with_australia >= 4
    # The first crisis card is now Lifeline, with its call button first in reach.
    assert "Lifeline" in phone.locator("[data-aa-lines]").nth(1).locator("li").first.inner_text()
    # Kept while "keep nothing" is off: a reload shows Australia first again.
    assert phone.evaluate("JSON.parse(localStorage.getItem('aa-course:/course/')).country") == "Australia"
    phone.reload()
    phone.locator("[data-aa-country-select]").wait_for(state="visible")
    assert select.input_value() == "Australia"
    assert order_in_each_list(phone) == after
    # A wider place brings its nations' lines too: the UK's list starts with its four nations and UK-wide lines.
    select.select_option("UK")
    abuse = order_in_each_list(phone)[2]
    uk = [p for p in abuse if "UK" in p.split("|")]
    assert len(uk) >= 6 and abuse[:len(uk)] == uk


@one_size("phone", "dark")
def test_with_keep_nothing_on_the_country_is_never_stored(phone, base_url):
    phone.goto(base_url + "get-help/")
    phone.locator("[data-aa-keep-switch]").click()
    assert phone.evaluate("() => localStorage.length") == 0
    phone.locator("[data-aa-country-select]").select_option("Canada")
    assert order_in_each_list(phone)[0][0] == "Canada"  # it still works, for this page
    assert phone.evaluate("() => JSON.stringify(Object.entries(localStorage))") == "[]"
    phone.reload()
    assert phone.locator("[data-aa-country-select]").input_value() == ""


@one_size("phone", "dark")
def test_a_damaged_or_unknown_stored_country_is_ignored(phone, base_url):
    phone.goto(base_url + "get-help/")
    before = order_in_each_list(phone)
    phone.evaluate("""() => localStorage.setItem('aa-course:/course/', JSON.stringify({v: 1, answers: {}, country: {x: 1}}))""")
    phone.reload()
    phone.locator("[data-aa-country-select]").wait_for(state="visible")
    assert order_in_each_list(phone) == before
    phone.evaluate("""() => localStorage.setItem('aa-course:/course/', JSON.stringify({v: 1, answers: {}, country: 'Atlantis'}))""")
    phone.reload()
    phone.locator("[data-aa-country-select]").wait_for(state="visible")
    assert order_in_each_list(phone) == before


def test_without_javascript_every_line_shows_in_the_datas_order(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "get-help/")
        assert not page.locator("[data-aa-country]").is_visible()
        for name, (_, lines) in LINES.groups.items():
            shown = page.locator("[data-aa-lines]").nth(list(LINES.groups).index(name)).locator("li .aa-line__where")
            assert shown.all_inner_texts() == [line.where for line in lines], name
    finally:
        context.close()


# ---- the short safety check -----------------------------------------------------------------


def answer(check, key, value):
    check.locator(f"[data-sc-item={key}] input[value={value}]").check()


@one_size("phone", "dark")
@pytest.mark.parametrize("key", PARTNER)
def test_any_yes_shows_the_way_to_get_help_first(phone, base_url, key):
    phone.goto(base_url + "change/")
    check = phone.locator("[data-aa-safety]")
    check.locator("[data-sc-form]").wait_for()
    until(phone, "document.querySelector('[data-aa-safety]').classList.contains('sc--js')")
    stored = storage(phone)
    for other in PARTNER:
        if other != key:
            answer(check, other, "no")
    answer(check, key, "yes")
    said = check.locator("[data-sc-said]")
    assert said.get_attribute("role") == "status" and said.get_attribute("aria-live") == "polite"
    link = said.locator("a").first
    assert link.is_visible() and link.get_attribute("href").endswith("get-help/#abuse-helplines")
    assert said.locator("a").count() == 1
    box = link.bounding_box()
    assert box["height"] >= 44
    assert "before any lesson on what helps" in said.inner_text()
    # The chapter's page offers the check before its list of lessons.
    assert phone.evaluate("""() => {
        const lessons = document.querySelector('#lessons');
        return Boolean(document.querySelector('[data-aa-safety]').compareDocumentPosition(lessons) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert storage(phone) == stored, "the safety check changed the browser's storage"
    link.click()
    phone.wait_for_url("**/get-help/#abuse-helplines")
    phone.wait_for_load_state()
    until(phone, "(() => { const t = document.getElementById('abuse-helplines').getBoundingClientRect().top;"
                            " return t >= 0 && t < innerHeight / 2; })()")  # the reader lands on the helplines


@one_size("phone", "dark")
def test_all_no_gives_a_neutral_word_and_a_yes_about_oneself_points_to_that_part(phone, base_url):
    phone.goto(base_url + "change/")
    until(phone, "document.querySelector('[data-aa-safety]').classList.contains('sc--js')")
    check = phone.locator("[data-aa-safety]")
    stored = storage(phone)
    said = check.locator("[data-sc-said]")
    for key in PARTNER:
        answer(check, key, "no")
    assert said.inner_text() == "", "a word before every question is answered"
    answer(check, "own", "no")
    assert "do not point to a safety problem" in said.inner_text() and said.locator("a").count() == 0
    answer(check, "own", "yes")
    assert said.locator("a").get_attribute("href").endswith("get-help/#if-you-are-hurting")
    answer(check, "afraid", "yes")  # the partner's first: Get help's abuse lines come before the rest
    assert said.locator("a").first.get_attribute("href").endswith("#abuse-helplines")
    assert storage(phone) == stored


def test_the_self_assessment_result_shows_the_check_before_the_chart(phone, base_url):
    phone.goto(base_url + "self-assessment/")
    until(phone, "document.querySelector('[data-aa-assessment]').classList.contains('aa-tool--js')")
    for item in phone.locator("[data-sa-item]").all():
        item.locator("input[value='4']").check()
    phone.locator("[data-sa-form] button[type=submit]").click()
    result = phone.locator("[data-sa-result]")
    result.wait_for(state="visible")
    check = result.locator("[data-aa-safety]")
    assert check.is_visible()
    assert phone.evaluate("""() => {
        const check = document.querySelector('[data-sa-result] [data-aa-safety]');
        const chart = document.querySelector('[data-sa-chart]'), lessons = document.querySelector('[data-sa-guidance]');
        const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return before(check, chart) && before(check, lessons);
    }""")
    stored = storage(phone)
    heading = phone.locator("[data-sa-guidance] [data-sa-lessons-heading]")
    expect(heading).to_have_text(strings("en")["sa_lessons_heading"])
    answer(check, "control", "yes")
    assert check.locator("[data-sc-said] a").get_attribute("href").endswith("get-help/#abuse-helplines")
    assert storage(phone) == stored
    # After a yes, the lessons the result suggests are for later: Get help now comes first (reader walk 16).
    expect(heading).to_have_text(strings("en")["sa_lessons_later"])


def test_without_javascript_the_check_reads_with_its_link_to_get_help(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    page = context.new_page()
    try:
        for path in ("change/", "self-assessment/"):
            page.goto(base_url + path)
            check = page.locator("[data-aa-safety]:visible")
            assert check.count() == 1, path
            assert check.locator("legend").count() == 6
            assert "Are you ever afraid of your partner?" in check.inner_text()
            intro = check.locator(".sc-if-yes")
            assert "If any answer is yes" in intro.inner_text()
            assert intro.locator("a").get_attribute("href").endswith("get-help/#abuse-helplines")
    finally:
        context.close()


# ---- axe in the states a reader brings these pages to ----------------------------------------


def test_no_axe_violations_with_a_country_chosen_a_yes_answered_and_the_delete_dialog_open(phone, base_url):
    from .axe_helper import axe_violations, describe

    found = []

    def audit(where):
        violations = axe_violations(phone)
        if violations:
            found.append(describe(violations, where))

    phone.goto(base_url + "get-help/")
    phone.locator("[data-aa-country-select]").select_option("Ireland")
    audit("get-help, Ireland chosen")
    for path in ("change/", "self-assessment/"):
        phone.goto(base_url + path)
        until(phone, "document.querySelector('[data-aa-safety]') !== null")
        if path == "self-assessment/":
            until(phone, "document.querySelector('[data-aa-assessment]').classList.contains('aa-tool--js')")
            for item in phone.locator("[data-sa-item]").all():
                item.locator("input[value='2']").check()
            phone.locator("[data-sa-form] button[type=submit]").click()
        check = phone.locator("[data-aa-safety]:visible")
        answer(check, "afraid", "yes")
        answer(check, "own", "yes")
        audit(f"{path}, yes answered")
    phone.goto(base_url + "progress/")
    phone.locator("[data-pg-delete]").click()
    phone.locator("dialog[data-pg-confirm]").wait_for(state="visible")
    audit("progress, delete dialog open")
    assert found == []


# ---- The header's controls: big enough, apart, whole (issue 25) ------------------------------

# Every control of the bar above the header and of the header itself that shows at this width.
HEADER_CONTROLS = r"""() => {
  const wanted = {
    'Get help now': '.md-banner .aa-announce__help a',
    'Keep nothing': '.md-banner [data-aa-keep-switch]',
    'home': 'header .md-logo',
    'menu': 'header label.md-header__button[for="__drawer"]',
    'light/dark': 'header [data-md-component="palette"] label.md-header__button',
    'search': 'header label.md-header__button[for="__search"], header input[data-md-component="search-query"]',
    'Right now': 'header .aa-now',
    'Quick exit': 'header .aa-exit',
  };
  const out = [];
  for (const [name, selector] of Object.entries(wanted)) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const screen = el.closest('.md-search__inner');  // the phone's search screen, shut: zero wide
      if (screen && screen.getBoundingClientRect().width === 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Clipped or covered: the centre and the corners (inset past rounded ends) must hit the control.
      const inset = Math.min(8, r.height / 4);
      const points = [[(r.left + r.right) / 2, (r.top + r.bottom) / 2], [r.left + inset, r.top + inset],
                      [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]];
      const covered = points.filter(([x, y]) => { const hit = document.elementFromPoint(x, y); return !hit || !(el.contains(hit) || hit.control === el || (el.labels && [...el.labels].some((l) => l.contains(hit)))); });
      const cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      out.push({ name, box: [r.left, r.top, r.width, r.height], covered: covered.length, cut: cut && el.tagName !== 'INPUT' });
    }
  }
  return out;
}"""

WIDTHS = {"phone": (375, 667), "laptop": (1366, 900)}


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_every_header_control_is_44_px_apart_and_whole(browser, base_url, size, scheme):
    width, height = WIDTHS[size]
    phone = size == "phone"
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  has_touch=phone, is_mobile=phone)
    page = context.new_page()
    problems = []
    try:
        for path in ("", "cycle/the-loop/", "get-help/"):
            page.goto(base_url + path)
            page.locator(".md-banner [data-aa-keep-switch]").wait_for(state="visible")  # shown by script
            controls = page.evaluate(HEADER_CONTROLS)
            names = {c["name"] for c in controls}
            expected = {"Get help now", "Keep nothing", "light/dark", "search", "Right now", "Quick exit"}
            expected |= {"menu"} if phone else {"home"}
            assert expected <= names, f"{path}: missing {expected - names}"
            for c in controls:
                x, y, w, h = c["box"]
                where = f"{path or 'home'}: {c['name']}"
                if w < 44 or h < 44:
                    problems.append(f"{where} is {w:.1f} x {h:.1f}")
                if x < 0 or x + w > width or y < 0:
                    problems.append(f"{where} is off screen at {x:.0f},{y:.0f}")
                if c["covered"] or c["cut"]:
                    problems.append(f"{where} is covered or cut")
            for i, a in enumerate(controls):
                for b in controls[i + 1:]:
                    (ax, ay, aw, ah), (bx, by, bw, bh) = a["box"], b["box"]
                    if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                        problems.append(f"{path or 'home'}: {a['name']} overlaps {b['name']}")
        if phone:
            # The search screen's own buttons: back, and clear once there is a query.
            page.locator("header label.md-header__button[for='__search']").click()
            page.keyboard.type("cool", delay=20)
            for name, selector in (("search: back", ".md-search__icon[for='__search']"),
                                   ("search: clear", ".md-search__options > .md-icon")):
                box = page.locator(selector).filter(visible=True).first.bounding_box()
                if box["width"] < 43.5 or box["height"] < 43.5:  # sub-pixel: 43.99 while the search screen settles
                    problems.append(f"{name} is {box['width']:.1f} x {box['height']:.1f}")
    finally:
        context.close()
    assert problems == []
