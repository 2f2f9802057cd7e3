"""A search keeps nothing in the address or the history (reader walk 19), in Chromium at the deployed address.

Material's `search.highlight` feature put the searched words in every result's address (`?h=cool+down`),
and so in the tab's history, on a device someone else may read. It is off (mkdocs.yml); these tests read
the address, the history (DevTools Page.getNavigationHistory) and the browser's storage after a search.
"""
from __future__ import annotations

import pytest


pytestmark = pytest.mark.browser

WORDS = "cool down"


def traces(page, context) -> list[str]:
    """Every place the searched words could stay: the address, the history, storage, the document's links."""
    cdp = context.new_cdp_session(page)
    history = [e["url"] for e in cdp.send("Page.getNavigationHistory")["entries"]]
    cdp.detach()
    stored = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    found = []
    for where, text in [("address", page.url), *(("history", url) for url in history), ("storage", stored)]:
        lowered = text.lower()
        if "cool+down" in lowered or "cool%20down" in lowered or "?h=" in lowered or "?q=" in lowered:
            found.append(f"{where}: {text[:120]}")
    return found


@pytest.mark.parametrize("how", ["click", "enter"])
def test_following_a_search_result_leaves_the_words_nowhere(browser, base_url, how):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + "origins/")
        page.wait_for_load_state("networkidle")
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("input[data-md-component=search-query]")
        box.press_sequentially(WORDS, delay=20)  # keys, as a reader types (Material listens to them)
        first = page.locator(".md-search-result__list a").first
        first.wait_for(state="visible")
        href = first.get_attribute("href")
        assert "?" not in href, f"a result's link carries the search: {href}"
        if how == "click":
            first.click()
        else:
            box.press("Enter")
        page.wait_for_url(lambda url: not url.endswith("/origins/"))
        page.wait_for_load_state("networkidle")
        assert "?" not in page.url
        assert traces(page, context) == []
    finally:
        context.close()
