"""Deterministic builds: the same sources build to the same bytes.

What MkDocs itself cannot make stable is the build *date*: sitemap.xml carries a
<lastmod> per page (the build day, or SOURCE_DATE_EPOCH when set), and sitemap.xml.gz
holds that XML plus the same timestamp in its gzip header (MTIME). So:

- two builds pinned to one day with SOURCE_DATE_EPOCH (different PYTHONHASHSEED, time zone,
  output folder, each with an empty quizkit cache) match byte for byte, sitemaps included;
- the session's shared build (today's date) differs from them in exactly those two files,
  and only in their <lastmod> dates, which proves no other file embeds the date.
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
DAY = 86_400
EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


def _build(out: Path, **env) -> Path:
    result = mkdocs_build(ROOT / "mkdocs.yml", out, env=env)
    assert result.returncode == 0, result.stderr
    return out


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _sitemap_text(site: Path, name: str) -> str:
    raw = (site / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", text)


def test_two_builds_are_byte_identical(course_site, tmp_path):
    """Each build gets an empty quizkit cache: with the session's shared cache the second build would
    only replay the first one's compiled validators and fingerprints, never compute them again."""
    a = _build(tmp_path / "a" / "site", PYTHONHASHSEED="1", TZ="UTC",
               SOURCE_DATE_EPOCH=str(EPOCH), QUIZKIT_CACHE_DIR=str(tmp_path / "cache-a"))
    b = _build(tmp_path / "elsewhere" / "b", PYTHONHASHSEED="4242", TZ="Pacific/Kiritimati",
               SOURCE_DATE_EPOCH=str(EPOCH), QUIZKIT_CACHE_DIR=str(tmp_path / "cache-b"))
    da, db = _digests(a), _digests(b)
    assert len(da) > 40
    differ = sorted(set(da) ^ set(db)) + sorted(name for name in da if da[name] != db.get(name))
    assert not differ, f"with SOURCE_DATE_EPOCH set, two builds must match byte for byte, sitemaps included: {differ}"
    assert "<lastmod>2026-01-01</lastmod>" in (a / "sitemap.xml").read_text(encoding="utf-8")
    # gzip header bytes 4..7: MTIME, little-endian seconds.
    assert int.from_bytes((a / "sitemap.xml.gz").read_bytes()[4:8], "little") == EPOCH

    # The session's build (today's date, a random hash seed, another folder) differs only in the two
    # sitemaps, and only by their dates: no other file embeds the date.
    today = _digests(course_site)
    changed = {name for name in da if da[name] != today.get(name)} | (set(today) ^ set(da))
    assert changed == DATE_FILES, f"expected only {sorted(DATE_FILES)} to change with the date, got {sorted(changed)}"
    for name in DATE_FILES:
        assert _sitemap_text(a, name) == _sitemap_text(course_site, name), f"{name} differs beyond its dates"
