"""Valid HTML: the W3C's Nu Html Checker (vnu-jar, pinned in package.json; it needs Java) on every built page.

Allowed: stock Material's own `autocomplete` on its checkbox toggles and search field (base.html), which
we do not template. Anything else the checker calls an error fails the gate.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import ROOT, require

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = ("Attribute “autocomplete” is only allowed when the input type is",)


def vnu_errors(site) -> list[str]:
    java = shutil.which("java")
    require(java, "Java is missing (apt-get install default-jre-headless)")
    require(VNU.is_file(), f"{VNU.relative_to(ROOT)} is missing: run 'npm ci' (make node_modules)")
    run = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)],
                         capture_output=True, text=True)
    messages = json.loads(run.stderr)["messages"]
    return [f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}  [{m.get('extract', '').strip()[:120]}]"
            for m in messages if m.get("type") in ("error", "non-document-error") and not m["message"].startswith(ALLOWED)]


def test_every_built_page_is_valid_html(course_site):
    errors = vnu_errors(course_site)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:40])


def test_the_checker_finds_an_error(tmp_path):
    """The gate can fail: a role on a table's cell (what the phone table cards once wrote) is an error."""
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
                                       '<table><tr role="row"><td role="cell">x</td></tr></table></body></html>')
    assert any("role" in e for e in vnu_errors(tmp_path))
