"""The quizkit plugin's settings, typed with MkDocs' own config machinery.

    plugins:
      - search
      - quizkit:
          quizzes_dir: quizzes
          exempt: [about, includes]
          storage_key: my-course
"""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from quizkit.bank.course import DEFAULT_EXEMPT

# The policy every page carries (as a <meta>, so it holds on any static host).
# The plugin adds a 'sha256-…' source for each inline script or <style> a theme
# writes into the page, so a stock theme keeps working without 'unsafe-inline'.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


class QuizkitConfig(base.Config):
    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of the YAML banks, relative to mkdocs.yml."""
    exempt = c.ListOfItems(c.Type(str), default=list(DEFAULT_EXEMPT))
    """Top-level docs folders whose pages are not lessons."""
    storage_key = c.Type(str, default="quizkit")
    """The course's name in localStorage: its key is '<storage_key>:<site_url's path>' ('my-course:/course/'), so
    sites on one origin keep apart; what an older build saved under '<storage_key>' alone moves there once."""
    require_banks = c.Type(bool, default=True)
    """Warn (and so fail `mkdocs build --strict`) when a lesson has no bank."""
    csp = c.Type(str, default=DEFAULT_CSP)
    """The Content-Security-Policy every page carries; an empty string adds none."""
    downloads_dir = c.Type(str, default="downloads")
    """Where the site gets the banks as GIFT, QTI 2.1 and JSON files (quizkit/exports/downloads.py); empty: none."""
    tool_pages = c.Type(dict, default={})
    """The course's tool pages, docs-relative ({self-assessment: self-assessment.md}): where one tool links to another."""
    summary_sections = c.Type(dict, default={})
    """Which pages' reflections "My summary" shows in its own sections (quizkit/course/summary.py): {need:
    [change/say-the-need.md], cycle: [cycle/]} (a folder ends in '/'); every other reflection is under 'reflections'."""
    help_links = c.Type(dict, default={})
    """Where the safety check sends a reader who answers yes: {help: page.md#anchor, own: page.md#anchor} (help for
    someone who is being hurt; help for someone who worries about their own behaviour)."""
    serve_csp = c.Type(bool, default=True)
    """Keep the policy during `mkdocs serve` too: live reload still works (quizkit.plugin.serve has the server
    load its poller as a same-origin file instead of an inline script). `false` previews with no policy."""

    # The course's rules for its own text, run by `build_quizzes.py check` (quizkit/authoring/content.py); off when unset.
    lesson_words = c.Optional(c.ListOfItems(c.Type(int)))
    """[fewest, most] words of prose in a lesson (a chapter's quiz.md is not counted)."""
    max_grade = c.Optional(c.Type((int, float)))
    """Highest Flesch-Kincaid grade a lesson may read at."""
    source_runs = c.Optional(c.Type(str))
    """File of hashed 8-word runs of a source text no page may share (quizkit/authoring/originality.py), relative to mkdocs.yml."""
    blaming_labels = c.ListOfItems(c.Type(str), default=[])
    """Words that label a person, allowed only quoted as a partner's thought."""
    cast_skip = c.ListOfItems(c.Type(str), default=[])
    """Pages the cast rule (quizkit/authoring/cast.py) does not read, docs-relative: sources, the guide's examples."""
    real_people = c.ListOfItems(c.Type(str), default=[])
    """Full names of real people the pages cite beside the characters ('Sue Johnson' beside a character Sue)."""
    help_lines = c.Optional(c.Type(str))
    """The help-lines data file (quizkit/course/helplines.py), relative to mkdocs.yml: a phone number typed into
    a page instead of rendered from it is refused."""
