"""CSP gate: the course works under a strict Content-Security-Policy, with zero violations.

The pages carry a <meta> policy (overrides/main.html). A static check makes sure no page relies
on anything the policy forbids: inline scripts, style attributes, <style> elements, on* handlers.
In Chromium, under the same policy sent as a response header too: tests/test_gate_tour.py.
"""
from __future__ import annotations

from bs4 import BeautifulSoup


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
