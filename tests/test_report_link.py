"""The error-report link on the credits page comes from mkdocs.yml's repo_url, not from typed text (issue 23, B8)."""
from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quizkit.plugin.plugin import REPORT_MARKER, report_link

from .conftest import ROOT


def _config(**values) -> MkDocsConfig:
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "x", **values})
    return cfg


def test_the_link_follows_repo_url_top_level_or_under_extra():
    assert report_link(_config(repo_url="https://github.com/a/b/")) == \
        "[https://github.com/a/b/issues/new](https://github.com/a/b/issues/new)"
    assert "github.com/c/d/issues/new" in report_link(_config(extra={"repo_url": "https://github.com/c/d"}))
    with pytest.raises(PluginError, match="repo_url"):
        report_link(_config())


def test_credits_page_links_the_configured_repository(course_site):
    assert REPORT_MARKER in (ROOT / "docs" / "about" / "credits.md").read_text(encoding="utf-8")
    raw = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    fallback = re.search(r'repo_url: !ENV \[REPO_URL, "([^"]+)"\]', raw).group(1)
    repo = os.environ.get("REPO_URL") or fallback
    soup = BeautifulSoup((course_site / "about" / "credits" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("#report-an-error ~ p a[href]")]
    assert repo.rstrip("/") + "/issues/new" in hrefs
    assert "<owner>" not in soup.get_text()  # no placeholder left for the reader
