"""Deterministic builds: the same sources build to the same bytes.

What MkDocs itself cannot make stable is the build *date*: sitemap.xml carries a
<lastmod> per page (the build day, or SOURCE_DATE_EPOCH when set), and sitemap.xml.gz
holds that XML plus the same timestamp in its gzip header (MTIME). So a second build
pinned to one day with SOURCE_DATE_EPOCH (another PYTHONHASHSEED, time zone and output
folder, an empty quizkit cache) differs from the run's own build (today's date) in exactly
those two files, and only in their dates: no other file embeds the date or depends on the
hash seed, the time zone, the folder or the cache.
"""
from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import pytest

from .conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.slow

DATE_FILES = {"sitemap.xml", "sitemap.xml.gz"}
EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _sitemap_text(site: Path, name: str) -> str:
    raw = (site / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", text)


def test_a_second_build_differs_only_in_its_dates(deployed_course, tmp_path):
    url, built = deployed_course
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "elsewhere" / "site", env=dict(
        SITE_URL=url, PYTHONHASHSEED="4242", TZ="Pacific/Kiritimati", SOURCE_DATE_EPOCH=str(EPOCH),
        QUIZKIT_CACHE_DIR=str(tmp_path / "empty-cache")))
    assert result.returncode == 0, result.stderr
    pinned, today = _digests(tmp_path / "elsewhere" / "site"), _digests(built)
    assert len(pinned) > 40
    changed = {name for name in pinned if pinned[name] != today.get(name)} | (set(today) ^ set(pinned))
    assert changed == DATE_FILES, f"expected only {sorted(DATE_FILES)} to change with the date, got {sorted(changed)}"
    site = tmp_path / "elsewhere" / "site"
    for name in DATE_FILES:
        assert _sitemap_text(site, name) == _sitemap_text(built, name), f"{name} differs beyond its dates"
    assert "<lastmod>2026-01-01</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    # gzip header bytes 4..7: MTIME, little-endian seconds.
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == EPOCH
