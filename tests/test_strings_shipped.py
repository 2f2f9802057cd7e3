"""Words the browser scripts show: every key a script asks for reaches the page, and counts agree.

A key a script asks for but the page does not carry shows raw ("jr_open_checks") or not at all.
Each script's words come from one place in the built course: quiz.js, privacy.js, review.js and
practice.js from the script tag's config (every page), journey.js and journey-pages.js from journey.json, a tool
(progress.js, summary.js, …) from its root's data-aa-data on the pages that have it.
Plural forms ("_one", "_other", …) are picked by CLDR rules on both sides: Babel at build
time (quizkit/strings.py), Intl.PluralRules in the browser; they must pick the same form.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from quizkit import strings
from quizkit.resources import package_file

ASSETS = package_file("assets")
# A key in a script: a quoted literal with a tool's prefix, or t("…") for the widget's own words.
PREFIXED = re.compile(r"""["'`]((?:pg|sm|sa|jr|cy|sc)_[a-z0-9_]+)(\$\{)?""")
BY_NAME = re.compile(r"\b(?:s|strings)\.((?:pg|sm|sa|jr|cy|sc)_[a-z0-9_]+)")  # s.pg_nothing_stored
BY_T = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_]*)["']""")
BY_PLURAL_KEY = re.compile(r"""pluralKey\([^,]+,\s*["']([a-z][a-z0-9_]*)["']""")
# Scripts whose words come with the script tag's config (every page).
CONFIG_SCRIPTS = ("quiz.js", "privacy.js", "review.js", "practice.js")
# Which tool's data-aa-data a script reads (its @quizkit-when roots).
TOOL_ROOTS = {
    "progress.js": ("data-aa-progress", "data-aa-progress-assessment", "data-aa-progress-data"),
    "summary.js": ("data-aa-summary",),
    "assessment.js": ("data-aa-assessment", "data-aa-dance"),
    "cycle.js": ("data-aa-cycle",),
    "safety-check.js": ("data-aa-safety",),
}
DATA = re.compile(r"<[^>]*\bdata-aa-data=\"([^\"]*)\"[^>]*>")


def asked(script: str) -> tuple[set[str], set[str]]:
    """(keys, prefixes) a script asks for: whole keys (a plural's base too) and `prefix_${…}` templates."""
    text = ASSETS.joinpath(script).read_text(encoding="utf-8")
    keys, prefixes = set(), set()
    for m in PREFIXED.finditer(text):
        (prefixes if m.group(2) else keys).add(m.group(1))
    keys |= set(BY_NAME.findall(text))
    if script in CONFIG_SCRIPTS:
        keys |= set(BY_T.findall(text)) | set(BY_PLURAL_KEY.findall(text))
    return keys, prefixes


def missing(script: str, shipped: dict[str, str]) -> list[str]:
    keys, prefixes = asked(script)
    out = [k for k in keys if k not in shipped and f"{k}_other" not in shipped]
    out += [f"{p}…" for p in prefixes if not any(k.startswith(p) for k in shipped)]
    return sorted(out)


@pytest.fixture(scope="module")
def shipped(course_site) -> dict[str, dict[str, str]]:
    """Script -> the strings the built course gives it."""
    home = (course_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(html.unescape(re.search(r'data-quizkit-config="([^"]*)"', home).group(1)))["strings"]
    journey = json.loads((course_site / "assets/quizkit/journey.json").read_text(encoding="utf-8"))["strings"]
    out = {**{script: config for script in CONFIG_SCRIPTS}, "journey.js": journey, "journey-pages.js": journey}
    tools: dict[str, dict[str, str]] = {script: {} for script in TOOL_ROOTS}
    for page in course_site.rglob("*.html"):
        for m in DATA.finditer(page.read_text(encoding="utf-8")):
            tag = m.group(0)
            data = json.loads(html.unescape(m.group(1)))
            for script, roots in TOOL_ROOTS.items():
                if any(re.search(rf"\b{root}\b(?!-)", tag) for root in roots) and isinstance(data, dict):
                    tools[script].update(data.get("strings") or {})
    return {**out, **tools}


@pytest.mark.parametrize("script", [*CONFIG_SCRIPTS, "journey.js", "journey-pages.js", *TOOL_ROOTS])
def test_every_key_a_script_asks_for_is_on_the_page(shipped, script):
    assert asked(script)[0], f"{script}: found no keys at all (the pattern no longer matches the script)"
    assert shipped[script], f"{script}: the built course gives it no strings"
    assert missing(script, shipped[script]) == [], f"{script} asks for keys its page does not carry"


def test_a_key_left_out_is_caught(shipped):
    """The check above can fail: the journey's words without one key the finish page asks for."""
    journey = dict(shipped["journey-pages.js"])
    del journey["jr_open_checks_other"], journey["jr_open_checks_one"]
    assert missing("journey-pages.js", journey) == ["jr_open_checks"]


@pytest.mark.parametrize("language", strings.languages())
def test_plural_forms_are_the_browsers(language):
    """Babel (build time) and Intl.PluralRules (the browser, here Node's) pick the same form for every count."""
    node = shutil.which("node")
    assert node, "node is missing: `make test` installs it with the npm tools"
    counts = list(range(0, 112))
    script = f"const r = new Intl.PluralRules({json.dumps(language)}); console.log(JSON.stringify({counts}.map((n) => r.select(n))))"
    browser = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
    assert [strings.plural_form(language, n) for n in counts] == browser


def test_the_finish_page_counts_one_lesson_check_as_one():
    table = strings.strings("en")
    assert strings.plural(table, "jr_open_checks", 1) == "1 lesson check"
    assert strings.plural(table, "jr_open_checks", 2) == "2 lesson checks"
    assert strings.plural(strings.strings("fr"), "jr_open_checks", 0) == "0 contrôle de leçon"  # French: 0 is singular
