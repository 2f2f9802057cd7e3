"""axe-core for browser tests: read axe.min.js from node_modules/axe-core under the repo root.

`npm ci` at the repo root (the Makefile's test target runs it; package.json pins
axe-core) makes it available; AXE_CORE_JS may point at another copy of axe.min.js.
When neither exists the tests that need it are skipped with the reason (failed when
CI is set), never passed silently.

Injection: our pages carry a strict CSP (`script-src 'self'`, no 'unsafe-inline',
no 'unsafe-eval'), so `page.add_script_tag(content=...)` adds an inline <script>
that the page's own policy blocks. We evaluate the file's source with
`page.evaluate` instead: Playwright evaluates through the DevTools protocol, which
CSP does not govern, and axe needs no eval of its own. The page keeps its real
policy while axe runs; a `bypass_csp=True` context would also work, but would
audit a page with its policy switched off and so hide CSP breakage.
"""
from __future__ import annotations

import os
from pathlib import Path

from .conftest import require

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0-2.2 A and AA plus axe's best-practice rules. No rule is ever disabled:
# fix the page instead.
GATE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_path() -> Path | None:
    for candidate in (os.environ.get("AXE_CORE_JS"), AXE_JS):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def axe_source() -> str:
    """The axe.min.js text, or skip the calling test with a clear reason (fail it under CI)."""
    path = axe_path()
    require(path is not None, "axe-core is not installed: run 'npm ci' at the repo root "
                              "(or set AXE_CORE_JS to an axe.min.js)")
    return path.read_text(encoding="utf-8")


def inject_axe(page) -> None:
    """Load axe into the page without an inline <script> (works under our CSP)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    assert page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"), \
        "axe-core did not load"


def run_axe(page, include: list[str] | None = None, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Inject axe into `page` (no network; see the module note on CSP) and return the violations."""
    # Colours are measured as drawn: a panel fading in or Material's header title mid-transition
    # reads as a blend of two colours. Let finite animations and transitions end first.
    page.wait_for_function("""() => document.getAnimations().every((a) => a.playState !== 'running'
        || a.effect === null || a.effect.getComputedTiming().endTime === Infinity)""")
    inject_axe(page)
    context = {"include": [[s] for s in include]} if include else None
    # Only the violations are asked for and sent back: axe then skips collecting every passing node, and
    # the page does not serialise them (on the glossary, 2.6 s down to 0.8 s; the violations are the same).
    return page.evaluate(
        """([context, tags]) => window.axe.run(context || document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then((r) => r.violations)""",
        [context, list(tags)],
    )


def axe_violations(page, include: list[str] | None = None) -> list[dict]:
    """The accessibility gate's run: WCAG A/AA (2.0-2.2) and best practices; the violations."""
    return run_axe(page, include=include, tags=GATE_TAGS)


def describe(violations: list[dict], where: str = "") -> str:
    """Readable lines for an assertion message."""
    lines = []
    prefix = f"{where}: " if where else ""
    for v in violations:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        lines.append(f"{prefix}{v['id']} ({v['impact']}): {v['help']} at {targets}")
        summary = (v["nodes"][0].get("failureSummary") or "").splitlines()
        if len(summary) > 1:
            lines.append(f"    {summary[1].strip()}")
    return "\n".join(lines)
