"""The publishing steps (the README's and the author's guide's) say what the workflow file really does.

A reader who cannot read YAML follows names on GitHub's screens: the workflow's name, its jobs' and
steps' names, the branch, the Pages source. Renaming any of them in `pages.yml` without the guides
(or the other way round) fails here. Both guides also carry the way from a lesson on the author's
computer to GitHub (web upload or git, signing in, `main` versus `master`) and what each job does.
"""
from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _section(path, heading: str) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else None]


def readme_steps() -> str:
    return _section(ROOT / "README.md", "## Publish what you made")


def guide_steps() -> str:
    return _section(ROOT / "docs" / "about" / "authoring.md", "## Publish {#publish}")


@pytest.fixture(scope="module")
def steps_text() -> str:
    return readme_steps()


BOTH = pytest.mark.parametrize("text", [readme_steps(), guide_steps()], ids=["README", "guide"])


def bold(text: str) -> set[str]:
    """Bold phrases, with line breaks inside them read as spaces (Markdown wraps them)."""
    return {" ".join(b.split()) for b in re.findall(r"\*\*(.+?)\*\*", text, flags=re.DOTALL)}


@BOTH
def test_the_names_a_reader_clicks_are_the_workflows_names(workflow, text):
    named = bold(text)
    assert workflow["name"] in named, "step 4 tells the reader to pick the workflow by this name"
    for job_id, job in workflow["jobs"].items():
        assert job.get("name") in named, f"job '{job_id}' is shown on GitHub as {job.get('name')!r}"


@BOTH
def test_the_deploy_job_waits_for_the_others(workflow, text):
    deploy = next(j for j in workflow["jobs"].values() if j.get("name") in text and "deploy-pages" in str(j))
    others = {k for k, j in workflow["jobs"].items() if j is not deploy}
    assert set(deploy["needs"]) == others
    assert "waits for the other two" in " ".join(text.split()) and len(others) == 2


@BOTH
def test_pages_source_and_the_step_that_fails_without_it(workflow, text):
    steps_text = text
    uses = [s.get("uses", "") for j in workflow["jobs"].values() for s in j["steps"]]
    # deploy-pages publishes an uploaded artifact, which needs Pages' source set to "GitHub Actions".
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "**Source** to **GitHub Actions**" in " ".join(steps_text.split())
    configure = [s for j in workflow["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/configure-pages@")]
    assert len(configure) == 1 and configure[0].get("name") in bold(steps_text)
    assert "Get Pages site failed" in steps_text, "configure-pages' own words when Pages is off"


@BOTH
def test_branch_manual_run_and_address(workflow, text):
    steps_text = text
    assert workflow["on"]["push"]["branches"] == ["main"] and "`main`" in steps_text
    assert "workflow_dispatch" in workflow["on"], "step 4's **Run workflow** button needs workflow_dispatch"
    build = next(j for j in workflow["jobs"].values() if any("SITE_URL" in str(s.get("env", {})) for s in j["steps"]))
    site_url = next(s["env"]["SITE_URL"] for s in build["steps"] if "SITE_URL" in s.get("env", {}))
    assert "steps.pages.outputs.base_url" in site_url, "the address the README promises is the one Pages reports"
    assert "github.io/<repository-name>/" in steps_text


@BOTH
def test_the_environment_named_in_the_failure_table(workflow, text):
    steps_text = text
    environments = {j["environment"]["name"] for j in workflow["jobs"].values() if "environment" in j}
    assert environments == {"github-pages"} and "github-pages" in steps_text


@BOTH
def test_each_job_is_explained_with_how_long_it_takes(workflow, text):
    """A table row per job: its name in bold, what it does, and a duration."""
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    for job in workflow["jobs"].values():
        row = next((r for r in rows if r.startswith(f"| **{job['name']}** |")), None)
        assert row is not None, f"no row for the job {job['name']!r}"
        assert re.search(r"\d+(–\d+)? minutes?|under a minute", row), row
    assert len(workflow["jobs"]) == 3 and "three jobs" in text


@BOTH
def test_a_failing_build_step_is_in_the_failure_table(workflow, text):
    build = next(j for j in workflow["jobs"].values() if any("mkdocs build" in s.get("run", "") for s in j["steps"]))
    step = next(s for s in build["steps"] if "mkdocs build" in s.get("run", ""))
    failing = [line for line in text.splitlines() if line.startswith("| **")]
    assert any(line.startswith(f"| **{step['name']}**") for line in failing), f"no row for the step {step['name']!r}"
    assert "make build" in text


def test_make_build_runs_what_the_build_job_runs(workflow):
    """The guides call `make build` the build job on one's own computer: the checker, then the strict build."""
    build = next(j for j in workflow["jobs"].values() if any("mkdocs build" in s.get("run", "") for s in j["steps"]))
    run = next(s["run"] for s in build["steps"] if "mkdocs build" in s.get("run", ""))
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    for command in ("build_quizzes.py check", "mkdocs build --strict"):
        assert command in run and command in recipe, command
    assert recipe.index("build_quizzes.py check") < recipe.index("mkdocs build --strict")
    assert run.index("build_quizzes.py check") < run.index("mkdocs build --strict")


@BOTH
def test_from_the_authors_computer_to_github(workflow, text):
    flat = " ".join(text.split())
    assert "**Add file** → **Upload files**" in flat, "GitHub's web upload, by the names on its buttons"
    for command in ("git clone https://github.com/", "git add docs quizzes mkdocs.yml", "git commit -m", "git push"):
        assert command in text, command
    assert "gh auth login" in text and "personal access token" in flat and "GitHub Desktop" in flat
    assert "docs/<chapter>/<lesson>.md" in text and "quizzes/<chapter>/<lesson>.yml" in text and "mkdocs.yml" in text


@BOTH
def test_main_versus_master(workflow, text):
    assert workflow["on"]["push"]["branches"] == ["main"]
    flat = " ".join(text.split())
    assert "`master`" in flat and "git branch -m master main" in flat and "**Settings → General → Default branch**" in flat


@BOTH
def test_the_pull_request_steps_say_which_jobs_run_on_a_pull_request(workflow, text):
    """pages.yml decides which jobs a pull request runs; the guides name the ones it skips (author walk 8)."""
    offer = " ".join(text[text.index("Contribute"):].split())
    skipped = [j["name"] for j in workflow["jobs"].values()
               if "github.event_name != 'pull_request'" in str(j.get("if", ""))
               or any("github.event_name != 'pull_request'" in str(workflow["jobs"][n].get("if", ""))
                      for n in j.get("needs", []))]
    ran = [j["name"] for j in workflow["jobs"].values() if j["name"] not in skipped]
    assert skipped and "same checks" not in offer
    assert f"only **{' '.join(ran)}** runs" in offer
    assert all(f"**{name}**" in offer for name in skipped) and "skipped" in offer
    assert "**Details**" in offer and "maintainer approves" in offer


@BOTH
def test_the_fork_step_says_where_the_courses_address_is(text):
    """'Click Fork on the course's GitHub page' needs the page's address: mkdocs.yml's repo_url."""
    raw = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^  repo_url: ", raw, re.M), "extra.repo_url, which the Credits page's report link uses"
    fork = " ".join(text[text.index("**Fork**"):].split("\n2.")[0].split())
    assert "`repo_url` in `mkdocs.yml`" in fork and "Credits" in fork


@BOTH
def test_the_git_path_covers_a_clone_of_the_course(text):
    flat = " ".join(text.split())
    assert "git remote rename origin upstream" in flat and "git remote add origin" in flat
