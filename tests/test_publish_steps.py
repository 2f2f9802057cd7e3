"""The README's step-by-step publishing guide says what the workflow file really does.

A reader who cannot read YAML follows names on GitHub's screens: the workflow's name, its jobs' and
steps' names, the branch, the Pages source. Renaming any of them in `pages.yml` without the README
(or the other way round) fails here.
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


@pytest.fixture(scope="module")
def steps_text() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## 4. Publish it\n")
    return readme[start:readme.index("\n## ", start + 1)]


def bold(text: str) -> set[str]:
    """Bold phrases, with line breaks inside them read as spaces (Markdown wraps them)."""
    return {" ".join(b.split()) for b in re.findall(r"\*\*(.+?)\*\*", text, flags=re.DOTALL)}


def test_the_names_a_reader_clicks_are_the_workflows_names(workflow, steps_text):
    named = bold(steps_text)
    assert workflow["name"] in named, "step 4 tells the reader to pick the workflow by this name"
    for job_id, job in workflow["jobs"].items():
        assert job.get("name") in named, f"job '{job_id}' is shown on GitHub as {job.get('name')!r}"


def test_the_deploy_job_waits_for_the_others(workflow, steps_text):
    deploy = next(j for j in workflow["jobs"].values() if j.get("name") in steps_text and "deploy-pages" in str(j))
    others = {k for k, j in workflow["jobs"].items() if j is not deploy}
    assert set(deploy["needs"]) == others
    assert "waits for the other two" in " ".join(steps_text.split()) and len(others) == 2


def test_pages_source_and_the_step_that_fails_without_it(workflow, steps_text):
    uses = [s.get("uses", "") for j in workflow["jobs"].values() for s in j["steps"]]
    # deploy-pages publishes an uploaded artifact, which needs Pages' source set to "GitHub Actions".
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "**Source** to **GitHub Actions**" in " ".join(steps_text.split())
    configure = [s for j in workflow["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/configure-pages@")]
    assert len(configure) == 1 and configure[0].get("name") in bold(steps_text)
    assert "Get Pages site failed" in steps_text, "configure-pages' own words when Pages is off"


def test_branch_manual_run_and_address(workflow, steps_text):
    assert workflow["on"]["push"]["branches"] == ["main"] and "`main`" in steps_text
    assert "workflow_dispatch" in workflow["on"], "step 4's **Run workflow** button needs workflow_dispatch"
    build = next(j for j in workflow["jobs"].values() if any("SITE_URL" in str(s.get("env", {})) for s in j["steps"]))
    site_url = next(s["env"]["SITE_URL"] for s in build["steps"] if "SITE_URL" in s.get("env", {}))
    assert "steps.pages.outputs.base_url" in site_url, "the address the README promises is the one Pages reports"
    assert "github.io/<repository-name>/" in steps_text


def test_the_environment_named_in_the_failure_table(workflow, steps_text):
    environments = {j["environment"]["name"] for j in workflow["jobs"].values() if "environment" in j}
    assert environments == {"github-pages"} and "github-pages" in steps_text


def test_the_authors_guide_short_version_uses_the_same_names(workflow):
    guide = (ROOT / "docs" / "about" / "authoring.md").read_text()
    publish = guide[guide.index("## Publish {#publish}"):guide.index("\n## ", guide.index("## Publish {#publish}") + 1)]
    named = bold(publish)
    deploy = next(j["name"] for j in workflow["jobs"].values() if "deploy-pages" in str(j))
    assert {workflow["name"], deploy, "GitHub Actions"} <= named
