"""CSP gate: the course works under a strict Content-Security-Policy, with zero violations.

The pages already carry a <meta> policy (overrides/main.html). Here the server also
sends a strict policy as a real response header (tests/serve.py: STRICT_CSP); the
browser enforces both. A static check makes sure no page relies on anything the
policy forbids: inline scripts, style attributes, <style> elements, on* handlers.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import site_prefix
from .serve import STRICT_CSP, serve, tour

# Reports every violation to the console, where the test collects it across navigations.
# (Init scripts run through the DevTools protocol, so the policy itself does not block this.)
REPORTER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + JSON.stringify({directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
}, true);
"""


def _inline_problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/json":
            problems.append(f"inline <script>: {str(script)[:80]}")
    for style in soup.find_all("style"):
        problems.append(f"<style> element: {str(style)[:80]}")
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            if attr == "style":
                problems.append(f"style attribute on <{tag.name}>: {tag.get('style')[:60]}")
            elif attr.lower().startswith("on"):
                problems.append(f"event-handler attribute {attr} on <{tag.name}>")
        href = tag.get("href") or ""
        if isinstance(href, str) and href.strip().lower().startswith("javascript:"):
            problems.append(f"javascript: URL on <{tag.name}>")
    return problems


def test_static_check_catches_what_it_should():
    bad = ('<script>alert(1)</script><script type="application/json">{}</script><script src="x.js"></script>'
           '<style>p{}</style><p style="color:red" onclick="x()"><a href="javascript:x()">x</a></p>')
    found = _inline_problems(bad)
    assert len(found) == 5, found


def test_no_page_needs_inline_script_or_style(course_site):
    problems = []
    pages = sorted(course_site.rglob("*.html"))
    assert pages
    for html in pages:
        problems += [f"{html.relative_to(course_site)}: {p}" for p in _inline_problems(html.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.browser
def test_every_page_and_widget_works_under_a_strict_csp_header(browser, course_site):
    with serve(course_site, prefix=site_prefix(course_site), headers={"Content-Security-Policy": STRICT_CSP}) as base:
        context = browser.new_context()
        context.add_init_script(REPORTER)
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: m.type in ("error", "warning") and messages.append(m.text))
        page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
        header = page.goto(base).headers.get("content-security-policy")
        assert header == STRICT_CSP, "the server did not send the policy header"
        tour(page, base, course_site)
        stored = page.evaluate("() => localStorage.getItem(courseQuiz.key) || ''")
        context.close()
    violations = [m for m in messages if "CSP-VIOLATION" in m or "Content Security Policy" in m]
    assert not violations, "CSP violations:\n" + "\n".join(violations[:30])
    assert not messages, "console errors:\n" + "\n".join(messages[:30])
    assert '"answers"' in stored, "the quiz did not save answers under the strict policy"


def test_the_policy_allows_exactly_the_inline_code_a_page_runs():
    """Hashes for the page's own inline scripts and styles, in any letter case, as browsers read tags;
    none for what runs nothing inline (a script with src, a JSON data block)."""
    import base64
    import hashlib

    from quizkit.plugin.plugin import QuizkitPlugin

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    plugin = QuizkitPlugin()
    assert plugin.load_config({}) == ([], [])
    page = ('<head><SCRIPT>a()</Script><script src="x.js">ignored()</script><script type="application/json">{}</script>'
            '</head><body><Style>p{}</STYLE><p>script style</p><script>\nb()\n</script></body>')
    directives = dict(d.strip().split(" ", 1) for d in plugin._policy([page]).split(";"))
    assert directives["script-src"] == f"'self' {' '.join(sorted([sha('a()'), sha(chr(10) + 'b()' + chr(10))]))}"
    assert directives["style-src"] == f"'self' {sha('p{}')}"
