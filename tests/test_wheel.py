"""quizkit as a reader of the README would use it: a wheel, a fresh virtualenv, a course outside this repository.

The course has no overrides/ folder and no hook: `plugins: [search, quizkit]` is all
it says. The plugin must bring the widget's templates, schemas, strings, script,
styles and Content-Security-Policy from the installed package.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import CSP_REPORTER, ROOT
from .webserver import serve

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.external]

LESSON = """\
# The first step

Some teaching.

## Sources {#sources}

- A book.
"""

BANK = """\
questions:
  - id: outside-first-step
    type: single
    prompt: Which one is the right answer?
    options:
      - text: This one
        correct: true
        feedback: Yes, this one.
      - text: That one
        feedback: No, the other one.
    explanation: Only one can be right.
"""


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert result.returncode == 0, f"{' '.join(map(str, cmd))}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv holding only our wheel and the pinned MkDocs/Material; returns its bin/."""
    work = tmp_path_factory.mktemp("wheel")
    # Build from a copy: setuptools writes build/ and *.egg-info beside the sources.
    src = work / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copytree(ROOT / "quizkit", src / "quizkit", ignore=shutil.ignore_patterns("__pycache__"))
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", src])
    wheel = next((work / "dist").glob("*.whl"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", venv])
    pins = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, *[p for p in pins if p]])
    # Nothing of the repository may leak in: the package must come from site-packages.
    where = _run([venv / "bin" / "python", "-c", "import quizkit, sys; print(quizkit.__file__)"], cwd=work).stdout
    assert "site-packages" in where and str(ROOT) not in where
    return venv / "bin"


def test_wheel_builds_and_serves_an_outside_course(installed, tmp_path, browser):
    course = tmp_path / "my-course"
    (course / "docs" / "basics").mkdir(parents=True)
    (course / "quizzes" / "basics").mkdir(parents=True)
    (course / "docs" / "index.md").write_text("# My course\n\n[Start](basics/first-step.md)\n")
    (course / "docs" / "basics" / "first-step.md").write_text(LESSON)
    (course / "quizzes" / "basics" / "first-step.yml").write_text(BANK)
    (course / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: An outside course
        site_url: !ENV [SITE_URL, "https://example.org/"]
        theme:
          name: material
          font: false  # Material's default fetches Google Fonts, which the policy (rightly) blocks
          features: [navigation.instant]
        plugins:
          - search
          - quizkit
        markdown_extensions:
          - attr_list
          - toc
        """))
    site = tmp_path / "site"
    site.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with serve(site, prefix="/course") as base:
        _run([installed / "mkdocs", "build", "--strict", "-d", site], cwd=course, env={**env, "SITE_URL": base})
        assert (site / "assets" / "quizkit" / "quizkit.js").is_file()
        # The authors' command works from the installed package too.
        check = _run([installed / "python", "-m", "quizkit", "check"], cwd=course, env=env)
        assert "1 banks, 1 questions, 0 problems" in check.stdout

        context = browser.new_context()
        context.add_init_script(CSP_REPORTER)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator("article a[href$='basics/first-step/']").click()
        question = page.locator(".qz-question[data-qz-id='outside-first-step']")
        question.wait_for()
        page.wait_for_selector(".qz.qz--js")
        question.get_by_label("This one").check()
        question.locator("button[type=submit]").click()
        feedback = question.locator("[aria-live]").first
        feedback.wait_for()
        assert "Correct" in question.inner_text()
        assert page.evaluate("() => window.__sameDocument === true"), "instant navigation did not engage"
        policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        context.close()
    assert not errors, "\n".join(errors)
