"""Lighthouse gate: accessibility, best practices and SEO on three pages (mobile preset).

npm's lighthouse (package.json pins it) drives the tests' Chromium (CHROME_PATH, else Debian's). Each
page is audited once, all three in one module-scoped run (Lighthouse is slow: ~15 s a
page). Thresholds live in tests/thresholds.py. Performance is not asserted.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from .conftest import CHROMIUM, ROOT, require
from .thresholds import LIGHTHOUSE_MIN_SCORES, LIGHTHOUSE_PAGES

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(url: str, out) -> dict:
    cmd = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
        "--form-factor=mobile",  # the default preset is mobile; say so explicitly
        "--only-categories=" + ",".join(LIGHTHOUSE_MIN_SCORES),
        "--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-3000:]}"
    return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = "; ".join(str((i.get("node") or {}).get("snippet") or i.get("url") or "")[:100] for i in items[:3])
            out.append(f"  {ref['id']} ({audit['score']}): {audit['title']} {where}")
    return out


@pytest.fixture(scope="module")
def reports(base_url, tmp_path_factory):
    require(LIGHTHOUSE.exists(), "lighthouse is not installed: run 'npm ci' at the repo root (make test does)")
    out = tmp_path_factory.mktemp("lighthouse")
    return {page: run_lighthouse(base_url + page, out / f"{page.replace('/', '_') or 'home'}.json")
            for page in LIGHTHOUSE_PAGES}


@pytest.mark.parametrize("page", LIGHTHOUSE_PAGES, ids=lambda p: p or "home")
def test_lighthouse_scores(reports, page):
    report = reports[page]
    assert not report.get("runtimeError"), report.get("runtimeError")
    problems = []
    for category, minimum in LIGHTHOUSE_MIN_SCORES.items():
        score = report["categories"][category]["score"]
        if score is None or score < minimum:
            problems.append(f"/{page} {category}: {score} < {minimum}")
            problems += failing_audits(report, category)
    assert not problems, "\n".join(problems)
