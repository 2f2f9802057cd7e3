"""Course text: our own words, plain language, no labels that blame.

The rules are quizkit/authoring/content.py's, with the limits set in mkdocs.yml. `build_quizzes.py check`
runs them on the course (`make test` runs it before pytest), with file:line; here each rule finds what it
should on planted text, and the course switches every rule on.
"""
from __future__ import annotations

import re
import subprocess
import sys

from quizkit.authoring import content
from quizkit.authoring import originality
from quizkit.authoring.cli import _mkdocs_settings
from quizkit.authoring.readability import measure

from .conftest import ROOT

SETTINGS = _mkdocs_settings(ROOT)
RULES = SETTINGS["plugin"]
LESSONS = content.lessons(SETTINGS["docs_dir"], SETTINGS["exempt"])


def shown(path):
    return path.relative_to(ROOT).as_posix()


def test_the_course_switches_every_rule_on():
    assert RULES["lesson_words"] == [550, 1300]
    assert RULES["max_grade"] == 8.5
    assert RULES["source_runs"] and "needy" in RULES["blaming_labels"]
    assert RULES["help_lines"] == "quizzes/_help/lines.yml"
    assert len(LESSONS) >= 15


def test_the_source_article_hashes_are_all_there():
    """An emptied or truncated hash file would make `check`'s originality rule pass on anything."""
    hashes = originality.load_hashes(ROOT / RULES["source_runs"])
    assert len(hashes) == 1741  # the article's 8-word runs; changes only when it is regenerated
    assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in hashes)


def test_the_originality_check_finds_a_planted_run(tmp_path):
    """The check above with a made-up 'source': a run of 8+ words is found, across a line break,
    in any case and with curly apostrophes; a run of 7 is not."""
    source = "when the phone stays silent for an hour the worry grows louder and it's hard to rest"
    hashes = originality.run_hashes(source)
    page = tmp_path / "lesson.md"
    page.write_text("# A lesson\n\nShe said: When the phone stays silent\nfor an HOUR the worry grows.\n\n"
                    "Later: the worry grows louder and it\u2019s hard to rest.\n", encoding="utf-8")
    found = [str(f) for f in content.own_words([tmp_path], hashes, lambda p: p.name)]
    assert found == [
        "lesson.md:3: 11 words in a row from the source article ('when the phone stays silent for an hour the worry grows'); "
        "fewer than 8 in a row are allowed: say it in our own words",
        "lesson.md:6: 9 words in a row from the source article ('the worry grows louder and it's hard to rest'); "
        "fewer than 8 in a row are allowed: say it in our own words",
    ]
    page.write_text("Nothing but the worry grows louder and it's hard.\n", encoding="utf-8")
    assert content.own_words([tmp_path], hashes, shown) == []  # 7 words


def test_readability_measure_can_tell_hard_from_easy():
    easy = measure("The cat sat. The dog ran. We had fun.")
    hard = measure("Attachment-related hyperactivation constitutes a psychologically sophisticated, "
                   "characteristically intensified regulatory configuration, notwithstanding considerable interindividual variability.")
    assert easy.grade < 3 < 12 < hard.grade


def test_blaming_labels_count_only_in_our_own_voice(tmp_path):
    """The labels may only appear quoted, as what a partner thinks in the cycle."""
    page = tmp_path / "p.md"
    page.write_text("He thinks “she is so needy”.\nShe can seem needy.\n", encoding="utf-8")
    found = [str(f) for f in content.blaming_labels([page], RULES["blaming_labels"], lambda p: p.name)]
    assert len(found) == 1 and found[0].startswith("p.md:2: 'needy' labels a person; 0 labels are allowed"), found


def test_the_phone_number_rule_finds_typed_numbers_and_leaves_prose_alone(tmp_path):
    page = tmp_path / "lesson.md"
    page.write_text(
        "# A lesson\n\n"
        "In the US, call **1-800-799-7233**, or text START to 88788.\n"  # listed numbers, long and short
        "Anywhere else, call your emergency number (for example 911, 999 or 112).\n"  # short ones after "call"
        "A local line: 0161 555 0199.\n"  # not in the data, but phone-like
        "Her watch shows 112 beats a minute. It took 988 days and 1,300 words.\n"  # prose
        "See pp. 99–111 and https://doi.org/10.1016/S0065-2601(03)01002-5 (2008).\n"
        "<!-- helplines: crisis -->\n", encoding="utf-8")
    found = [str(f) for f in content.typed_phone_numbers([page], ROOT / RULES["help_lines"], lambda p: p.name)]
    assert [f.split(" is ")[0] for f in found] == [
        "lesson.md:3: '1-800-799-7233'", "lesson.md:3: '88788'",
        "lesson.md:4: '911'", "lesson.md:4: '999'", "lesson.md:4: '112'",
        "lesson.md:5: '0161 555 0199'",
    ], found
    assert "outside lines.yml" in found[0] and "<!-- helplines: <group> -->" in found[0]


def test_check_reports_a_short_lesson_with_its_count_and_the_range(fixture_copy):
    """`build_quizzes.py check` on a course with the rules on: a 300-word lesson is named with its figure."""
    cfg = fixture_copy / "mkdocs.yml"
    doc = cfg.read_text()
    cfg.write_text(doc.replace("      quizzes_dir: quizzes\n",
                               "      quizzes_dir: quizzes\n      lesson_words: [550, 1300]\n      max_grade: 8.5\n"))
    sentence = "We can talk about it when the evening is quiet and calm. "  # 12 words
    lesson = fixture_copy / "docs" / "basics" / "second-lesson.md"
    lesson.write_text("# Second lesson\n\n" + sentence * 25 + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(fixture_copy), "check"],
                         cwd=fixture_copy, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert ("docs/basics/second-lesson.md: 300 words; a lesson has 550–1,300 words of prose: "
            "add to it (an example, a step, a question to reflect on)") in run.stdout, run.stdout
    assert "lesson-text rules" in run.stdout.splitlines()[-1]


def test_the_preview_applies_every_rule_check_applies_to_a_page(tmp_path):
    """What `mkdocs serve` shows per page (quizkit/authoring/preview.py) is what `check` finds in the course's pages:
    a short lesson, a blaming label, a typed phone number, each reported once, on its page."""
    import shutil

    from quizkit.course.checks import check_all
    from quizkit.bank.course import doc_pages
    from quizkit.authoring.preview import Preview

    for folder in ("docs", "quizzes", "authoring", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "cycle" / "the-loop.md").write_text("# The loop\n\n## The loop {#loop}\n\n"
                                                             "## Nobody chose it {#nobody-chose}\n\nShort.\n")
    with (tmp_path / "docs" / "cycle" / "two-fears.md").open("a") as page:
        page.write("\nHe is so needy. Call 555-123-4567 for advice.\n\n*Research*{ .ev .ev-research } A study found it.\n")
    s = _mkdocs_settings(tmp_path)
    by_check = {str(f) for f in content.check_content(tmp_path, s["docs_dir"], s["quizzes_dir"], s["plugin"], s["exempt"])}
    checked = check_all(s["docs_dir"], s["quizzes_dir"], exempt=s["exempt"], display_root=tmp_path)
    preview = Preview(tmp_path, s["docs_dir"], s["quizzes_dir"], s["plugin"], s["exempt"], checked.course, "en")
    by_page = [f for page in doc_pages(s["docs_dir"]) for f in preview.text(page)]
    assert len(by_page) == len(set(by_page)) and set(by_page) == by_check
    assert {f.split(":")[0] for f in by_page} == {"docs/cycle/the-loop.md", "docs/cycle/two-fears.md"}
    assert any("needy" in f for f in by_page) and any("555-123-4567" in f for f in by_page)
    assert any("words; a lesson has" in f for f in by_page)
    assert any("a *Research* label, but its paragraph links no source" in f for f in by_page)


def check(course) -> list[str]:
    run = subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(course), "check"],
                         cwd=course, capture_output=True, text=True)
    assert "Traceback" not in run.stderr, run.stderr
    return run.stdout.splitlines()[:-1]


def test_check_refuses_what_make_new_wrote_as_example_text(fixture_copy):
    assert check(fixture_copy) == []
    subprocess.run([sys.executable, str(ROOT / "build_quizzes.py"), "--root", str(fixture_copy), "new", "basics/third"],
                   check=True, capture_output=True)
    found = check(fixture_copy)
    assert "docs/basics/third.md:3: 'description: One sentence on what this lesson helps the r…' is example text " \
           "from 'make new'; write your own in its place" in found, found
    assert "docs/basics/third.md:19: '- Author, *Title of the book or paper* (year).' is example text from " \
           "'make new'; write your own in its place" in found, found
    assert "quizzes/basics/third.yml:8: question 'basics-third-single' still has example text from 'make new' " \
           "('Which of these is an example of the main idea?' and 7 more); write your own, or delete the question " \
           "if you do not need it" in found, found
    page, bank = fixture_copy / "docs/basics/third.md", fixture_copy / "quizzes/basics/third.yml"
    page.write_text(page.read_text().replace("One sentence on what this lesson helps the reader understand.",
                                             "How a small repair can stop a round."))
    bank.write_text(bank.read_text().split("  - id: basics-third-multiple")[0]
                    .replace("The right answer", "A joke that lands").replace("A likely mix-up", "A long speech"))
    found = check(fixture_copy)
    assert not any(f.startswith("docs/basics/third.md:3:") for f in found), found
    assert any("('Which of these is an example of the main idea?' and 5 more)" in f for f in found), found


def test_check_wants_a_source_in_each_research_paragraph(fixture_copy):
    page = fixture_copy / "docs" / "basics" / "first-lesson.md"
    text = page.read_text()
    page.write_text(text + "\n*Research*{ .ev .ev-research } In a study of 354 couples,\npartners did not pair at random.\n")
    line = len(text.splitlines()) + 2
    assert check(fixture_copy) == [f"docs/basics/first-lesson.md:{line}: a *Research* label, but its paragraph links "
                                   "no source; every research finding names its study: link it in the same paragraph, "
                                   "like ([Kirkpatrick & Davis, 1994](../references.md#kirkpatrick-davis-1994)), adding "
                                   "the work to references.md if it is new (or use the *Clinical observation* or "
                                   "*Our framing* label)"]
    page.write_text(text + "\n*Research*{ .ev .ev-research } In a study of 354 couples,\npartners did not pair at random "
                    "([Kirkpatrick & Davis, 1994](../references.md#kirkpatrick-davis-1994)).\n")
    assert check(fixture_copy) == []
