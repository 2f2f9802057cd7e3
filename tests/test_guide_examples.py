"""The author's guide's examples of files an author edits by hand (a cast entry, a new outcome) are
files the course accepts, and the publishing steps name every file a new lesson changes."""
from __future__ import annotations

import re

import pytest

from quizkit.course.checks import load_cast
from quizkit.course.outcomes import load_outcomes

from .conftest import ROOT
from .test_cast import problems
from .test_publish_steps import guide_steps, readme_steps

GUIDE = ROOT / "docs" / "about" / "authoring.md"


def example_under(heading: str) -> str:
    """The first ```yaml block after `heading` in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    return re.search(r"```yaml\n(.*?)```", text[text.index(heading):], re.S).group(1)


def test_the_cast_example_is_a_cast_entry_the_check_and_the_cast_test_accept(tmp_path):
    cast = tmp_path / "quizzes" / "_cast"
    cast.mkdir(parents=True)
    entry = example_under("### Names in stories {#cast}")
    partner = re.search(r"partner: (\w+)", entry).group(1)
    (cast / "cycle.yml").write_text(f"people:\n{entry}  - {{name: {partner}, partner: Greta}}\n")
    load_cast(cast / "cycle.yml", "cycle.yml")  # raises on anything the schema refuses
    for name in re.findall(r"files: \[(.*)\]", entry)[0].split(", "):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Greta asks again.\n")
    # An author who keeps the guide's name does not fail because the guide itself names Greta.
    (tmp_path / "docs" / "about").mkdir(parents=True)
    (tmp_path / "docs" / "about" / "authoring.md").write_text(GUIDE.read_text(encoding="utf-8"))
    assert problems(tmp_path) == []
    # The guide's advice holds: a name the cast already lists, in a file it does not list, fails.
    (tmp_path / "docs" / "cycle" / "other.md").write_text("Greta asks again.\n")
    assert problems(tmp_path) == ["docs/cycle/other.md:1: Greta appears here but the cast lists them only in "
                                  "['docs/cycle/repair-attempts.md', 'quizzes/cycle/repair-attempts.yml']: add this "
                                  "file to their 'files' in cycle.yml, or use another name"]


def test_the_new_outcome_example_loads(tmp_path):
    (tmp_path / "cycle.yml").write_text(example_under("When no outcome fits"))
    [outcome] = load_outcomes(tmp_path)
    assert outcome.concept in range(1, 44) and outcome.tested_by and "#" in outcome.taught_in


@pytest.mark.parametrize("text", [readme_steps(), guide_steps()], ids=["README", "guide"])
def test_the_publishing_steps_send_every_changed_file_and_offer_a_pull_request(text):
    flat = " ".join(text.split())
    for path in ("mkdocs.yml", "quizzes/_outcomes/<chapter>.yml", "quizzes/_cast/<chapter>.yml", "docs/references.md"):
        assert path in flat, path
    assert "**Contribute** → **Open pull request**" in flat and "**Create pull request**" in flat
    assert 'git config --global user.name "Your Name"' in flat and "git config --global user.email" in flat


def test_the_absolute_words_the_guide_names_are_the_checks():
    """The guide quotes a few and points at the list itself (author walk 8: "prove" surprised an author)."""
    from quizkit.authoring import lint
    row = next(line for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.startswith("| `absolute-words`"))
    quoted = re.findall(r'"([a-z ]+)"', row)
    assert quoted and set(quoted) <= set(lint.ABSOLUTE_WORDS) and "prove" in quoted
    assert "`ABSOLUTE_WORDS` in `quizkit/authoring/lint.py`" in row
    assert lint.absolute("This proves it, every time.") == ["every", "proves"]
