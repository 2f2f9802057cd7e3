"""The build cache (quizkit/build_cache.py): a build of unchanged files reads back what the last one made.

What must hold: a warm build writes the same bytes as a cold one; it really skips the work; any
edit an author makes (a bank, a lesson's text, the package's own templates) is never hidden by
an old entry; a damaged entry or an unwritable folder costs time, never the build.
"""
from __future__ import annotations

import hashlib
import logging
import shutil
import zipfile
from pathlib import Path

import pytest

from quizkit import build_cache

from .conftest import mkdocs_build

DATE_FILES = {"sitemap.xml", "sitemap.xml.gz"}


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.name not in DATE_FILES}


def _build(course: Path, out: Path, cache: Path) -> Path:
    result = mkdocs_build(course / "mkdocs.yml", out, env={"QUIZKIT_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": "0"})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(autouse=True)
def _thaw_after():
    """An in-process warm build leaves what it read back frozen (build_cache.thaw): give it back."""
    yield
    build_cache.thaw()


def _entries(cache: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in (cache / "builds").iterdir())


def test_a_warm_build_writes_what_a_cold_build_writes(fixture_copy, tmp_path):
    cache = tmp_path / "cache"
    cold = _build(fixture_copy, tmp_path / "cold", cache)
    assert _entries(cache) == ["course", "downloads", "minified", "pages"]
    warm = _build(fixture_copy, tmp_path / "warm", cache)
    fresh = _build(fixture_copy, tmp_path / "fresh", tmp_path / "other-cache")
    assert _digests(cold) == _digests(warm) == _digests(fresh)
    assert any(name.startswith("downloads/") for name in _digests(warm)), "the teachers' downloads are part of the site"


def _build_in_process(course: Path, out: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(course / "mkdocs.yml"), site_dir=str(out)))


def test_a_warm_build_skips_the_work_and_an_edit_brings_it_back(fixture_copy, tmp_path, monkeypatch):
    import quizkit.assets_pipeline
    import quizkit.downloads
    import quizkit.journey_html
    import quizkit.plugin
    import quizkit.render

    home = fixture_copy / "docs" / "index.md"  # a journey marker: its HTML is kept too
    home.write_text(home.read_text(encoding="utf-8") + "\n<!-- journey: start -->\n", encoding="utf-8")
    monkeypatch.setenv("QUIZKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    logging.disable(logging.WARNING)
    try:
        _build_in_process(fixture_copy, tmp_path / "one")
        assert 'class="aa-start' in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")

        def must_not_run(*args, **kwargs):
            raise AssertionError("a warm build loaded and checked the banks again")
        monkeypatch.setattr(quizkit.plugin, "check_all", must_not_run)
        monkeypatch.setattr(quizkit.downloads, "exports", must_not_run)
        monkeypatch.setattr(quizkit.assets_pipeline, "_minify", must_not_run)
        monkeypatch.setattr(quizkit.render.Renderer, "__init__", must_not_run)  # widgets
        monkeypatch.setattr(quizkit.journey_html.JourneyHtml, "macros", property(must_not_run))  # journey parts
        _build_in_process(fixture_copy, tmp_path / "two")  # nothing changed: everything read back
        assert (tmp_path / "two" / "index.html").read_bytes() == (tmp_path / "one" / "index.html").read_bytes()

        bank = fixture_copy / "quizzes" / "basics" / "first-lesson.yml"
        bank.write_text(bank.read_text(encoding="utf-8") + "\n# a comment line\n", encoding="utf-8")
        with pytest.raises(AssertionError, match="loaded and checked the banks again"):
            _build_in_process(fixture_copy, tmp_path / "three")  # one byte more in one bank: made afresh
    finally:
        logging.disable(logging.NOTSET)


def test_what_a_warm_build_froze_is_thawed_when_the_next_build_starts(fixture_copy, tmp_path, monkeypatch):
    import gc

    monkeypatch.setenv("QUIZKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    logging.disable(logging.WARNING)
    try:
        _build_in_process(fixture_copy, tmp_path / "one")  # fills the cache
        _build_in_process(fixture_copy, tmp_path / "two")  # reads it back
    finally:
        logging.disable(logging.NOTSET)
    # Left frozen when the build ends: a `mkdocs build` exits, and the interpreter's last collection skips them.
    assert gc.get_freeze_count() > 0
    build_cache.thaw()  # what the plugin does when the next build starts
    assert gc.get_freeze_count() == 0
    gc.freeze()  # objects someone else froze are theirs
    frozen = gc.get_freeze_count()
    build_cache.thaw()
    assert gc.get_freeze_count() == frozen
    gc.unfreeze()


def test_edits_to_a_bank_and_to_a_lesson_title_show_in_the_next_build(fixture_copy, tmp_path):
    cache = tmp_path / "cache"
    _build(fixture_copy, tmp_path / "before", cache)
    bank = fixture_copy / "quizzes" / "basics" / "first-lesson.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Which one is the **trigger**?",
                                                             "Which one starts the **loop**?"), encoding="utf-8")
    site = _build(fixture_copy, tmp_path / "bank-edited", cache)
    assert "starts the <strong>loop</strong>" in (site / "basics" / "first-lesson" / "index.html").read_text(encoding="utf-8")
    assert "Which one starts the" in (site / "downloads" / "quizzes-course.gift.txt").read_text(encoding="utf-8")

    lesson = fixture_copy / "docs" / "basics" / "first-lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("# First lesson", "# The opening lesson", 1),
                      encoding="utf-8")
    site = _build(fixture_copy, tmp_path / "title-edited", cache)
    with zipfile.ZipFile(site / "downloads" / "quizzes-course.zip") as package:
        tests = "".join(package.read(n).decode("utf-8") for n in package.namelist() if "test" in n.lower())
    assert "The opening lesson" in tests, "the QTI package's sections carry the lesson's new title"


def test_a_damaged_entry_is_made_again(fixture_copy, tmp_path):
    cache = tmp_path / "cache"
    cold = _build(fixture_copy, tmp_path / "cold", cache)
    for entry in (cache / "builds").glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # cut short, as by a full disk
    again = _build(fixture_copy, tmp_path / "again", cache)
    assert _digests(again) == _digests(cold)
    assert _digests(_build(fixture_copy, tmp_path / "third", cache)) == _digests(cold)


def test_a_cache_folder_that_cannot_be_made_leaves_the_build_alone(fixture_copy, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    site = _build(fixture_copy, tmp_path / "site", blocker / "cache")  # mkdir under a file fails
    assert (site / "basics" / "first-lesson" / "index.html").is_file()


def test_the_package_salt_covers_templates_and_code_not_bytecode(tmp_path):
    salt = build_cache.package_salt.__wrapped__  # uncached: the files change under it here
    package = tmp_path / "quizkit"
    shutil.copytree(Path(build_cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = salt(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    assert salt(package) == before
    template = next(package.glob("templates/quiz/*.html"))
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert salt(package) != before


def test_a_theme_template_edit_is_not_hidden_by_an_old_entry(fixture_copy, tmp_path):
    from .conftest import ROOT

    shutil.copytree(ROOT / "overrides", fixture_copy / "theme")
    config = fixture_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"{ROOT.as_posix()}/overrides", "theme"), encoding="utf-8")
    cache = tmp_path / "cache"
    page = lambda site: (site / "basics" / "first-lesson" / "index.html").read_text(encoding="utf-8")  # noqa: E731
    assert "quizkit-tables.css" not in page(_build(fixture_copy, tmp_path / "before", cache))
    main = fixture_copy / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block footer %}{{ super() }}<table><tr><td>x</td></tr></table>{% endblock %}\n",
                    encoding="utf-8")
    after = page(_build(fixture_copy, tmp_path / "after", cache))
    assert "<table><tr><td>x</td></tr></table>" in after
    assert "quizkit-tables.css" in after, "the page's stylesheet is decided again when the theme changes"
