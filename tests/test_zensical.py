"""Zensical builds the course's quizzes through the quizkit Markdown extension (no MkDocs plugin).

Zensical reads mkdocs.yml but does not run MkDocs plugins, so nothing fills in
bare `/// quiz` blocks, copies the assets or adds the page frame. This test
builds a copy of the fixture course the way the README's recipe says: every
lesson names its bank (`/// quiz | chapter/lesson`), mkdocs.yml lists
`quizkit.render.quiz_extension` (quizzes_dir, docs_dir) and writes out `extra.quiz_client`,
the package's frame template is the custom_dir and its assets sit in docs/. Zensical is installed (pinned in requirements-zensical.txt)
into a cached .venv-zensical, away from the project's .venv.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizkit.bank.course import load_course
from quizkit.strings import client_strings

from .conftest import require

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
VENV = ROOT / ".venv-zensical"
REQS = ROOT / "requirements-zensical.txt"

pytestmark = [pytest.mark.slow, pytest.mark.external]


def _bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def zensical() -> Path:
    """The zensical command from .venv-zensical, (re)installed when requirements-zensical.txt changes."""
    stamp = VENV / ".requirements-sha256"
    want = hashlib.sha256(REQS.read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == want and _bin("zensical").exists()):
        shutil.rmtree(VENV, ignore_errors=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        require(made.returncode == 0, f"could not create {VENV.name}: {made.stderr.strip()[-500:]}")
        pip = subprocess.run([str(_bin("python")), "-m", "pip", "install", "--quiet", "-r", str(REQS)],
                             capture_output=True, text=True)
        errors = [line for line in pip.stderr.splitlines() if line.startswith("ERROR")]
        require(pip.returncode == 0, f"could not install {REQS.name}: {' | '.join(errors) or pip.stderr[-500:]}")
        stamp.write_text(want)
    return _bin("zensical")


def zensical_copy(dest: Path, explicit: bool = True) -> tuple[Path, dict]:
    shutil.copytree(FIXTURE, dest)
    course = load_course(dest / "docs", dest / "quizzes")
    assert course.errors == []
    for page in course.banks:
        md = dest / "docs" / page
        text = md.read_text()
        marker = f"/// quiz | {page[:-3]}\n///"
        if explicit:
            text, n = re.subn(r"^/// quiz\n///$", marker, text, flags=re.M)
            if not n and marker not in text:
                text = text.rstrip("\n") + f"\n\n{marker}\n"
        md.write_text(text)
    # The recipe in the README: the package's page frame as the custom_dir, its assets in docs/.
    frame = dest / "frame"
    frame.mkdir()
    shutil.copy(ROOT / "quizkit" / "templates" / "frame" / "main.html", frame / "main.html")
    shutil.copytree(ROOT / "quizkit" / "assets", dest / "docs" / "assets" / "quizkit")
    config = {
        "site_name": "Fixture course (Zensical)",
        "site_url": "https://example.org/course/",
        "theme": {"name": "material", "custom_dir": str(frame)},
        "plugins": ["search", "quizkit"],  # listed on purpose: Zensical does not run MkDocs plugins
        "extra": {"quiz_client": {"key": "aa-course", "strings": client_strings("en")}},
        "markdown_extensions": ["attr_list", "toc", {"quizkit.render.quiz_extension": {"quizzes_dir": "quizzes", "docs_dir": "docs"}}],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return dest, course.banks


def build(zensical: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # quizkit from this checkout
    return subprocess.run([str(zensical), "build", "--clean"], cwd=site, capture_output=True, text=True, env=env, timeout=600)


def test_zensical_renders_the_widget(zensical, tmp_path):
    site, banks = zensical_copy(tmp_path / "zsite")
    result = build(zensical, site)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Error" not in output, output
    for page, bank in banks.items():
        html = (site / "site" / page[:-3] / "index.html").read_text()
        assert '<section class="qz"' in html, page
        for q in bank.leaves():
            assert f'data-qz-id="{q.id}"' in html, (page, q.id)
        assert "data-quizkit-config=" in html and "assets/quizkit/quiz.js" in html
    first = (site / "site/basics/first-lesson/index.html").read_text()
    assert first.index('id="loop"') < first.index('class="qz"') < first.index('id="afterword"')


def test_zensical_ignores_plugins_so_bare_markers_fail(zensical, tmp_path):
    site, _ = zensical_copy(tmp_path / "zbare", explicit=False)
    result = build(zensical, site)
    output = result.stdout + result.stderr
    # Zensical 0.0.30 reports the extension's error but still exits 0 and writes no pages.
    assert "a '/// quiz' block must name its bank" in output, output
    assert not (site / "site/basics/first-lesson/index.html").exists()


def test_zensical_pins_match_the_site_pins():
    """The Zensical venv runs quizkit too: its shared packages must be the versions the site is built with."""
    def pins(path):
        out = {}
        for line in path.read_text().splitlines():
            line = line.split("#")[0].strip()
            if "==" in line:
                name, version = line.split("==")
                out[name.lower()] = version
        return out

    site, zensical = pins(ROOT / "requirements.txt"), pins(REQS)
    assert {k: v for k, v in zensical.items() if k in site and site[k] != v} == {}
    runtime = {"markdown", "pyyaml", "jsonschema", "fastjsonschema", "nh3", "jinja2"}
    assert runtime <= zensical.keys()
