"""Deterministic builds: the same sources build to the same bytes.

What MkDocs itself cannot make stable is the build *date*: sitemap.xml carries a
<lastmod> per page (the build day, or SOURCE_DATE_EPOCH when set), and sitemap.xml.gz
holds that XML plus the same timestamp in its gzip header (MTIME). So:

- two builds (different PYTHONHASHSEED, time zone and output folder) are compared byte
  for byte, except sitemap.xml and sitemap.xml.gz, which are compared after decompressing
  and blanking <lastmod> (the two builds may straddle midnight);
- two builds pinned to different days with SOURCE_DATE_EPOCH differ in exactly those two
  files and nothing else, which proves no other file embeds the date.
"""
from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from .conftest import ROOT, mkdocs_build

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


def test_two_builds_are_byte_identical(tmp_path):
    a = _build(tmp_path / "a" / "site", PYTHONHASHSEED="1", TZ="UTC")
    b = _build(tmp_path / "elsewhere" / "b", PYTHONHASHSEED="4242", TZ="Pacific/Kiritimati")
    da, db = _digests(a), _digests(b)
    assert sorted(da) == sorted(db), f"file lists differ: {sorted(set(da) ^ set(db))}"
    assert len(da) > 40
    differ = sorted(name for name in da if da[name] != db[name] and name not in DATE_FILES)
    assert not differ, f"files that differ between two builds of the same sources: {differ}"
    for name in DATE_FILES:
        assert _sitemap_text(a, name) == _sitemap_text(b, name), f"{name} differs beyond its dates"


def test_only_the_sitemaps_carry_the_build_date(tmp_path):
    a = _build(tmp_path / "day1", SOURCE_DATE_EPOCH=str(EPOCH))
    b = _build(tmp_path / "day2", SOURCE_DATE_EPOCH=str(EPOCH + 3 * DAY))
    da, db = _digests(a), _digests(b)
    differ = {name for name in da if da[name] != db.get(name)}
    assert differ == DATE_FILES, f"expected only {sorted(DATE_FILES)} to change with the date, got {sorted(differ)}"
    assert "<lastmod>2026-01-01</lastmod>" in (a / "sitemap.xml").read_text(encoding="utf-8")
    # gzip header bytes 4..7: MTIME, little-endian seconds.
    assert int.from_bytes((a / "sitemap.xml.gz").read_bytes()[4:8], "little") == EPOCH
    assert _digests(a) == _digests(_build(tmp_path / "day1-again", SOURCE_DATE_EPOCH=str(EPOCH))), \
        "with SOURCE_DATE_EPOCH set, two builds must match byte for byte, sitemaps included"
