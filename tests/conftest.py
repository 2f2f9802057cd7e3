"""Shared fixtures: paths, a built copy of the real course and of the fixture course."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
# The session's builds keep their compiled schema validators (quizkit/bank/compiled_schema.py) in a folder of
# their own: never the developer's ~/.cache, so no result depends on what an earlier session left there.
os.environ["QUIZKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="quizkit-cache-")
# Fuzz tests draw the same examples on every run and machine: a failure reproduces, and a pass means the same thing.
settings.register_profile("course", derandomize=True)
settings.load_profile("course")
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]


# ---- Gates that cannot run: skipped on a developer's machine, failed under CI --------------


def in_ci() -> bool:
    """True when the `CI` environment variable is set (GitHub Actions and .ci/run set CI=true)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(condition: object, why: str) -> None:
    """Go on only if `condition` holds; otherwise skip locally, but fail when CI is set.

    A gate that cannot run (no Node tools, no browser, no Zensical venv) must never turn a
    CI run green by vanishing from it.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"cannot run under CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI, any skip that bypassed require() (a stray pytest.skip or skipif) is a failure."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which counts as a failure: {reason}"


# ---- Tiers: `make quick` runs `-m "not browser and not slow"` ------------------------------
# A test is marked by what it uses, so a new test lands in the right tier without a marker:
# the browser fixture makes it `browser`; a whole-course build (these session fixtures) makes it `slow`.
BROWSER_FIXTURES = {"browser"}
SLOW_FIXTURES = {"course_site", "deployed_course", "course_url"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def mkdocs_build(config: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into `out`; the result carries stdout and stderr."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        MKDOCS + ["build", "--strict", "--config-file", str(config), "--site-dir", str(out)],
        capture_output=True, text=True, env=full_env, cwd=config.parent,
    )


@contextlib.contextmanager
def _locked(path: Path):
    """Held by one process at a time: pytest-xdist's workers take turns (no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: run without -n
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def course_site(tmp_path_factory) -> Path:
    """The real course, built once per test run and only read: under pytest-xdist the first worker
    builds it into the run's shared temporary folder and the others wait for it and reuse it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # pytest-of-<user>/pytest-<n>/, one per run, above every worker's own folder
    out = shared / "course-shared" / "site"
    with _locked(shared / "course-shared.lock"):
        done = out.parent / "built"  # only after a whole, successful build
        if not done.is_file():
            result = mkdocs_build(ROOT / "mkdocs.yml", out)
            assert result.returncode == 0, result.stderr
            done.touch()
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture course (every question type), built once per session."""
    out = tmp_path_factory.mktemp("fixture") / "site"
    result = mkdocs_build(FIXTURE_SITE / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A writable copy of the fixture course, for tests that break it on purpose."""
    dest = tmp_path / "site-src"
    shutil.copytree(FIXTURE_SITE, dest)
    cfg = dest / "mkdocs.yml"
    text = cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/")
    cfg.write_text(text)
    return dest


# CHROME_PATH picks another Chromium-based browser (GitHub's runners ship Google Chrome;
# their `chromium` package is only a snap stub). Lighthouse reads the same variable.
CHROMIUM = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu"]


@pytest.fixture(scope="session")
def browser():
    """Chromium (CHROME_PATH, else Debian's) driven by Playwright, whose own browser download is unreachable here."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium), apt-get install chromium, or set CHROME_PATH")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# ---- Gate tests (tests/test_gate_*.py): the real course served on 127.0.0.1 -------------


def site_prefix(site: Path) -> str:
    """The URL path the site was built for (from its sitemap), e.g. '/anxious-avoidant-course/'.

    Serving under that path lets 404.html work too: MkDocs writes its links from site_url.
    """
    import re
    from urllib.parse import urlsplit

    match = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


# Every CSP violation as a console error, across instant navigations (an init script runs through
# the DevTools protocol, so the policy does not block it).
CSP_REPORTER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + JSON.stringify({directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
}, true);
"""


@pytest.fixture(scope="session")
def deployed_course(tmp_path_factory) -> tuple[str, Path]:
    """The real course as GitHub Pages serves it: built for http://127.0.0.1:PORT/course/ and served
    there, with the strict policy as a response header too and 404.html for missing paths.

    Built for its own address, Material's instant navigation engages (it only follows links that
    the sitemap lists). Yields (base URL ending in '/', site folder).
    """
    from .serve import STRICT_CSP
    from .webserver import serve

    site = tmp_path_factory.mktemp("deployed") / "site"
    site.mkdir()
    with serve(site, prefix="/course", headers={"Content-Security-Policy": STRICT_CSP}) as url:
        result = mkdocs_build(ROOT / "mkdocs.yml", site, env={"SITE_URL": url})
        assert result.returncode == 0, result.stderr
        yield url, site


@pytest.fixture(scope="session")
def course_url(course_site) -> str:
    """Base URL (ending in '/') of the built real course on a local server, under its site_url path."""
    from .webserver import serve

    with serve(course_site, prefix=site_prefix(course_site)) as base:
        yield base
