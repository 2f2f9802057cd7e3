"""The page policy: the Content-Security-Policy every page carries, as a <meta> so it holds on any static host.

The configured policy, plus a 'sha256-…' source for each inline <script> the browser runs and each
<style> a theme writes into the page, so a stock theme keeps working without 'unsafe-inline'.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re

from quizkit.render.splice import Edit

# Inline <script> and <style> elements, in one pass over the page.
# Any case, as browsers read tags; spelt out rather than re.I, so the search can skip ahead to each "<".
_INLINE = re.compile(r"<(?P<tag>[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)"
                     r"</(?i:(?P=tag))>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)


class PagePolicy:
    def __init__(self, csp: str) -> None:
        self.csp = csp.strip()
        self._by_inline: dict[tuple, str] = {}  # pages share their theme's few inline scripts: hash each set once

    def for_page(self, texts: list[str]) -> str:
        """The policy for a page made of `texts` (the page and what goes into it); '' when none is configured."""
        if not self.csp:
            return ""
        found = tuple(m.group("tag", "attrs", "body") for text in texts for m in _INLINE.finditer(text))
        if found not in self._by_inline:
            scripts = {_sha256(body) for tag, attrs, body in found if tag.lower() == "script" and _runs(attrs or "")}
            styles = {_sha256(body) for tag, attrs, body in found if tag.lower() == "style"}
            self._by_inline[found] = _add_sources(_add_sources(self.csp, "script-src", sorted(scripts)),
                                                  "style-src", sorted(styles))
        return self._by_inline[found]


def policy_edit(output: str, policy: str) -> Edit | None:
    """The policy's <meta> (and no-referrer) as an edit to the page `output`; None without a policy."""
    if not policy:
        return None
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False).replace(chr(34), "&quot;")}">'
    return _after_charset(output, meta + '<meta name="referrer" content="no-referrer">')


def _runs(attrs: str) -> bool:
    """An inline <script> the browser runs (not one with a src, nor a data block such as JSON)."""
    kind = _SCRIPT_TYPE.search(attrs)
    return "src=" not in attrs.lower() and not (kind and kind.group(1).lower() in _DATA_TYPES)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _add_sources(policy: str, directive: str, sources: list[str]) -> str:
    if not sources:
        return policy
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for i, part in enumerate(parts):
        if part.split()[0] == directive:
            parts[i] = " ".join([part, *sources])
            break
    else:
        parts.append(" ".join([directive, "'self'", *sources]))
    return "; ".join(parts)


def _after_charset(text: str, insert: str) -> Edit | None:
    """Right after <meta charset> (else after <head>): the policy must come before anything it governs."""
    m = re.search(r"<meta\s+charset=[^>]*>", text, re.I) or re.search(r"<head(?:\s[^>]*)?>", text, re.I)
    return None if not m else (m.end(), m.end(), insert)
