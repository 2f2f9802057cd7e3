"""A gate that cannot run is skipped on a developer's machine and fails under CI."""
from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

GATES = '''
import pytest
from tests.conftest import require

def test_needs_a_missing_tool():
    require(False, "the tool is missing")

@pytest.mark.skipif(True, reason="a stray skipif")
def test_stray_skipif():
    pass

def test_stray_skip():
    pytest.skip("a stray skip")

def test_runs():
    require(True, "never shown")
'''


def run_gates(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_gates.py").write_text(GATES)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-q", "-rA", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_gates.py")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    return result


def test_gates_that_cannot_run_are_skipped_locally(tmp_path):
    result = run_gates(tmp_path, ci=None)
    assert result.returncode == 0 and "1 passed, 3 skipped" in result.stdout, result.stdout


def test_gates_that_cannot_run_fail_under_ci(tmp_path):
    result = run_gates(tmp_path, ci="true")
    out = result.stdout
    # A skip decided while setting a test up (a skipif mark) reports as an error, the others as failures.
    assert result.returncode == 1 and "2 failed, 1 passed, 1 error" in out, out
    assert "cannot run under CI: the tool is missing" in out
    assert "skipped under CI, which counts as a failure: Skipped: a stray skipif" in out
    assert "skipped under CI, which counts as a failure: Skipped: a stray skip" in out


def test_ci_false_means_not_ci(tmp_path):
    assert "1 passed, 3 skipped" in run_gates(tmp_path, ci="false").stdout
