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
SLOW_FIXTURES = {"course_site", "deployed_course", "base_url"}


# pytest-xdist (--dist loadfile) hands out whole files in collection order: the longest go first,
# so no worker is left alone with a long file at the end. Rough order, from `pytest --durations`.
LONGEST_FIRST = ("test_fresh_clone.py", "test_gate_tour.py", "test_gate_a11y.py", "test_share_browser.py",
                 "test_quick_exit.py", "test_tools_browser.py", "test_widget_browser.py", "test_return_browser.py",
                 "test_phone_browser.py", "test_wheel.py", "test_zensical.py", "test_journey_browser.py",
                 "test_progress_browser.py", "test_safety_browser.py", "test_gate_lighthouse.py",
                 "test_serve_browser.py", "test_gate_links.py", "test_serve.py")


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its own order


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


def _run_folder(tmp_path_factory) -> Path:
    """A folder for the whole test run: under pytest-xdist, above every worker's own temporary folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _shared_build(tmp_path_factory, name: str, config: Path):
    """`config` built once per test run for, and served at, http://127.0.0.1:PORT/course/ with the strict
    policy as a response header too and 404.html for missing paths, as GitHub Pages serves it.

    The first worker to get here picks the port and builds; every other worker serves the same folder
    on the same port (SO_REUSEPORT), so the address the site was built for is every worker's.
    Built for its own address, Material's instant navigation engages (it only follows links that the
    sitemap lists). Yields (base URL ending in '/', site folder); the site is only read.
    """
    from .serve import STRICT_CSP
    from .webserver import serve

    folder = _run_folder(tmp_path_factory) / name
    site, port_file = folder / "site", folder / "port"  # the port only once the build is whole
    with contextlib.ExitStack() as stack:
        with _locked(folder.with_suffix(".lock")):
            site.mkdir(parents=True, exist_ok=True)
            port = int(port_file.read_text()) if port_file.is_file() else 0
            url = stack.enter_context(serve(site, prefix="/course", headers={"Content-Security-Policy": STRICT_CSP},
                                            port=port, shared=True))
            if not port:
                result = mkdocs_build(config, site, env={"SITE_URL": url})
                assert result.returncode == 0, result.stderr
                port_file.write_text(url.split(":")[2].split("/")[0])
        yield url, site


@pytest.fixture(scope="session")
def deployed_course(tmp_path_factory) -> tuple[str, Path]:
    """The real course as GitHub Pages serves it, built once per run (see _shared_build): (base URL, site)."""
    with _shared_build(tmp_path_factory, "course", ROOT / "mkdocs.yml") as built:
        yield built


@pytest.fixture(scope="session")
def course_site(deployed_course) -> Path:
    """The real course's built site folder (the run's one build; only read)."""
    return deployed_course[1]


@pytest.fixture(scope="session")
def fixture_course(tmp_path_factory) -> tuple[str, Path]:
    """The small fixture course (every question type), built once per run and served like the real one."""
    with _shared_build(tmp_path_factory, "fixture", FIXTURE_SITE / "mkdocs.yml") as built:
        yield built


@pytest.fixture(scope="session")
def fixture_site(fixture_course) -> Path:
    """The fixture course's built site folder (only read)."""
    return fixture_course[1]


def copy_fixture_course(dest: Path) -> Path:
    """A writable copy of the fixture course at `dest` (its theme overrides still found); returns `dest`."""
    shutil.copytree(FIXTURE_SITE, dest)
    cfg = dest / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("../../../", f"{ROOT.as_posix()}/"))
    return dest


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A writable copy of the fixture course, for tests that break it on purpose."""
    return copy_fixture_course(tmp_path / "site-src")


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


# ---- A reader on a phone or a laptop, on the course as deployed -------------------------------

SIZES = {"phone": (375, 667), "laptop": (1366, 900)}
MISSING_PAGE = "no-such-page/"  # the address tests open for a page that does not exist: its 404 is expected


@pytest.fixture(scope="session")
def base_url(deployed_course) -> str:
    """Where the real course is served (a module may serve another course under this name)."""
    return deployed_course[0]


@pytest.fixture
def clock_start():
    """When the page's clock starts (Playwright's page.clock), for a module that moves time; None: the real clock."""
    return None


def one_size(fixture: str = "page", variant: str = "phone"):
    """Run a test at one of its fixture's sizes or palettes only, the phone's by default (most readers are
    there, and its layout is the tighter one): for behaviour the screen does not change (what is stored,
    scheduled, scored, imported). What the screen does change (layout, scrolling, focus, contrast) keeps
    every variant. Written on the test, so what it covers is read where it is defined."""
    return pytest.mark.parametrize(fixture, [variant], indirect=True)


@pytest.fixture(params=list(SIZES))
def page(browser, request, clock_start):
    """A fresh reader's page on a phone (375 x 667, dark, touch) or a laptop (1366 x 900, light). Any console
    error (CSP violations are reported there too) or page error fails the test, but a missing page's 404."""
    width, height = SIZES[request.param]
    phone = request.param == "phone"
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone,
                                  color_scheme="dark" if phone else "light")
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: m.type == "error" and not m.location.get("url", "").endswith(MISSING_PAGE)
          and problems.append(m.text))
    pg.on("pageerror", lambda e: problems.append(str(e)))
    if clock_start is not None:
        pg.clock.install(time=clock_start)
    yield pg
    context.close()
    assert problems == []


# ---- Gate tests (tests/test_gate_*.py): the real course served on 127.0.0.1 -------------


def site_prefix(site: Path) -> str:
    """The URL path the site was built for (from its sitemap), e.g. '/anxious-avoidant-course/'.

    Serving under that path lets 404.html work too: MkDocs writes its links from site_url.
    """
    import re
    from urllib.parse import urlsplit

    match = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path.rsplit("/", 1)[0] + "/"  # the home page's own name (index.html without directory URLs) aside


# Every CSP violation as a console error, across instant navigations (an init script runs through
# the DevTools protocol, so the policy does not block it).
CSP_REPORTER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + JSON.stringify({directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
}, true);
"""


def record_other_origins(context, origin: str, problems: list[str], but: tuple[str, ...] = ()) -> None:
    """Note in `problems` every request `context` makes outside `origin` (data:, blob: and `but` aside).
    It listens rather than intercepts: routing every request through Playwright made each page load about
    40 % slower, and a request noted fails the test all the same."""
    context.on("request", lambda r: r.url.startswith((origin, "data:", "blob:", *but))
               or problems.append("off-origin request: " + r.url))


@pytest.fixture
def reader_page(browser):
    """Pages in fresh browser contexts, as a reader meets the course: `reader_page(base, **context options)`
    (or `context=` one made before) gives a page with the CSP reporter on and requests to other origins than
    `base`'s recorded. At the test's end, any console error, page error, CSP violation or such request
    fails it."""
    contexts, problems = [], []

    def make(base: str, context=None, **options):
        if context is None:
            context = browser.new_context(**{"accept_downloads": True, **options})
            context.add_init_script(CSP_REPORTER)
            contexts.append(context)

            record_other_origins(context, base, problems)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == [], problems
