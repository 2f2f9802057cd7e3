"""The authors' commands as printed in README.md and docs/about/authoring.md, run in a fresh
`git clone` of the committed repository: the first setup prints no error and no deprecation
notice, and every documented `make …` / `.venv/bin/python …` line works exactly as written."""
from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import threading
import urllib.request

import pytest

from .conftest import ROOT
from .test_serve import _free_port, _wait_for

pytestmark = [pytest.mark.slow, pytest.mark.external]

DOCS = (ROOT / "README.md", ROOT / "docs" / "about" / "authoring.md")
LONG_RUNNING = ("make serve", "make test", "make quick", "make bench", "make lint")  # serve: its own test; the rest: the suite itself
# This machine's pip configuration names local mirrors that may be absent; pip says so on every
# install. That line comes from the machine, not from the project, so it alone is set aside.
MACHINE_PIP_NOTE = re.compile(r"^WARNING: Location 'file:///\S+' is ignored: it is neither a file nor a directory\.$")


def documented_commands() -> list[str]:
    """Command lines in the two guides' code blocks (indented or fenced) that start with make or .venv/bin/python."""
    found = []
    for doc in DOCS:
        fenced = False
        for line in doc.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("```"):
                fenced = not fenced
                continue
            if not (fenced or line.startswith("    ")):
                continue
            command = line.split("  #")[0].strip()
            if command.startswith(("make", ".venv/bin/python ")) and command not in found:
                found.append(command)
    return found


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL")}
    env["PATH"] = ":".join(p for p in env["PATH"].split(":") if ".venv" not in p)
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone with its own .venv, made by the documented setup; yields (folder, setup output)."""
    dest = tmp_path_factory.mktemp("clone") / "course"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    setup = subprocess.run(["make", ".venv/.site"], cwd=dest, capture_output=True, text=True, env=_env())
    assert setup.returncode == 0, setup.stdout + setup.stderr
    return dest, setup.stdout + setup.stderr


def test_the_first_setup_is_quiet(clone):
    _, output = clone
    noisy = [line for line in output.splitlines()
             if re.search(r"error|warning|deprecat|!!", line, re.I) and not MACHINE_PIP_NOTE.match(line)]
    assert noisy == [], output


def test_the_guides_document_the_make_targets():
    commands = documented_commands()
    for expected in ("make serve", "make new LESSON=cycle/repair-attempts", "make check", "make stats", "make export FORMAT=gift"):
        assert expected in commands, commands
    assert any(c.startswith("make serve PORT=") for c in " ".join(d.read_text() for d in DOCS).split("`")), \
        "make serve PORT=… is not documented"


def as_run_in(folder, command: str) -> str:
    """The command as printed; but `make new LESSON=x/y` for a lesson the clone already has (an author
    who followed the README made it) runs on the first free name x/y-2, x/y-3…, so the author's own
    lesson never fails the test, and the printed form is still what runs."""
    match = re.fullmatch(r"make new LESSON=([\w-]+)/([\w-]+)", command)
    if not match:
        return command
    chapter, lesson = match.groups()
    name, n = lesson, 1
    while (folder / "docs" / chapter / f"{name}.md").exists() or (folder / "quizzes" / chapter / f"{name}.yml").exists():
        n += 1
        name = f"{lesson}-{n}"
    return f"make new LESSON={chapter}/{name}"


def test_a_lesson_made_from_the_readme_example_does_not_fail_it(tmp_path):
    command = "make new LESSON=cycle/repair-attempts"
    assert as_run_in(tmp_path, command) == command
    for made in ("docs/cycle/repair-attempts.md", "quizzes/cycle/repair-attempts-2.yml"):
        (tmp_path / made).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / made).write_text("")
    assert as_run_in(tmp_path, command) == "make new LESSON=cycle/repair-attempts-3"
    assert as_run_in(tmp_path, "make check") == "make check"


@pytest.mark.parametrize("command", [c for c in documented_commands() if not c.startswith(LONG_RUNNING)])
def test_each_documented_command_runs_as_printed(clone, command):
    folder, _ = clone
    command = as_run_in(folder, command)
    try:
        run = subprocess.run(shlex.split(command), cwd=folder, capture_output=True, text=True, env=_env(), timeout=300)
        assert run.returncode == 0, f"$ {command}\n{run.stdout}\n{run.stderr}"
        assert "Traceback" not in run.stdout + run.stderr
    finally:  # each command starts from the clean clone (`new` adds files, `export` writes exports/)
        subprocess.run(["git", "checkout", "--quiet", "."], cwd=folder, check=True)
        subprocess.run(["git", "clean", "-fdq", "-e", ".venv"], cwd=folder, check=True)


def test_make_serve_on_another_port(clone):
    folder, _ = clone
    port = _free_port()
    proc = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=folder, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=_env(), start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True).start()
    try:
        _wait_for(lines, f"Serving on http://127.0.0.1:{port}/", timeout=180)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        assert "livereload.js" in page
        noisy = [line for line in lines if re.search(r"error|deprecat|Traceback", line, re.I)]
        assert noisy == [], "".join(lines)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
