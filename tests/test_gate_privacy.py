"""Privacy gate: nothing leaves the reader's browser, and nothing is stored but our one key.

The built course is served on 127.0.0.1; a reader visits every page and uses every
widget (tests/serve.py: tour). Every request the browser makes is recorded, in the
page and in its workers (Material's search runs in a web worker).
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import site_prefix
from .serve import tour

pytestmark = pytest.mark.browser

OUR_KEY = "aa-course:/anxious-avoidant-course/"  # storage_key + the site's path (mkdocs.yml's site_url)
CORRUPT_PREFIX = OUR_KEY + ":corrupt:"
# Keys Material for MkDocs 9.8 writes through __md_set (scoped "<site path>.<name>"):
# colour palette, dismissed announcement, cookie consent, version warning, repo facts, content tabs, search.
MATERIAL_KEYS = ("__palette", "__announce", "__consent", "__outdated", "__source", "__tabs", "__search")


def allowed_key(key: str, scope: str) -> bool:
    return key == OUR_KEY or key.startswith(CORRUPT_PREFIX) or key in {f"{scope}.{name}" for name in MATERIAL_KEYS}


def test_allowed_key_rules():
    scope = "/course/"
    assert allowed_key(OUR_KEY, scope)
    assert allowed_key(OUR_KEY + ":corrupt:1700000000000", scope)
    assert not allowed_key("aa-course", scope), "the old, origin-wide key is moved, not kept"
    assert not allowed_key("aa-course:/other-course/", scope)
    assert allowed_key("/course/.__palette", scope)
    assert not allowed_key("/other/.__palette", scope)
    assert not allowed_key("aa-course-extra", scope)
    assert not allowed_key("_ga", scope)


@pytest.fixture(scope="module")
def recorded(browser, course_site, course_url):
    context = browser.new_context(color_scheme="light")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("worker", lambda w: requests.append(w.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    visited = tour(page, course_url, course_site)
    storage = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),"
                            " cookie: document.cookie, stored: localStorage.getItem('" + OUR_KEY + "')})")
    cookies = context.cookies()
    context.close()
    return dict(requests=requests, visited=visited, storage=storage, cookies=cookies, errors=errors)


def test_tour_covered_the_site(recorded, course_site):
    assert len(recorded["visited"]) == len(list(course_site.rglob("*.html")))
    assert '"answers"' in (recorded["storage"]["stored"] or ""), "answers were not saved: the tour did not use the widgets"
    assert not recorded["errors"], recorded["errors"]


def test_no_request_leaves_the_local_origin(recorded, course_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(course_url))
    assert len(recorded["requests"]) > 40
    foreign = sorted({u for u in recorded["requests"]
                      if not u.startswith(origin + "/") and not u.startswith(("data:", "blob:"))})
    assert not foreign, f"requests to other origins: {foreign}"


def test_no_cookies(recorded):
    assert recorded["cookies"] == []
    assert recorded["storage"]["cookie"] == ""


def test_storage_holds_only_our_key_and_materials_preferences(recorded, course_site):
    scope = site_prefix(course_site)
    for area in ("local", "session"):
        unexpected = [k for k in recorded["storage"][area] if not allowed_key(k, scope)]
        assert not unexpected, f"{area}Storage keys we did not expect: {unexpected}"
    assert OUR_KEY in recorded["storage"]["local"]
