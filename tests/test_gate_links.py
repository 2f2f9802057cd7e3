"""Subpath and link gate: no broken internal link, asset or anchor, at the root or under /course/.

A small link checker over the built HTML: every same-origin href/src must resolve to a
file in the build, and every #fragment must name an id (or <a name>) in its target page.
Checked on the run's deployed build (under /course/) and on one more, for https://example.org/
without directory URLs; both are also served under their path and fetched over HTTP.
"""
from __future__ import annotations

import posixpath
import re
import shutil
import urllib.error
import urllib.request
from functools import lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, mkdocs_build, site_prefix
from .serve import page_html, page_paths, serve

URL_ATTRS = {"a": ["href"], "link": ["href"], "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"],
             "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "form": ["action"], "area": ["href"]}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


def _file_for(site: Path, url_path: str) -> Path | None:
    """The built file a URL path (relative to the site root) serves, or None."""
    target = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or url_path == "":
        target = target / "index.html"
    elif target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset([t["id"] for t in soup.find_all(id=True)] + [t["name"] for t in soup.find_all("a", attrs={"name": True})])


def broken_links(site: Path, site_url: str) -> list[str]:
    """Every broken internal reference in a built site, as 'page: problem' lines."""
    base = urlsplit(site_url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        page_url = f"{base.scheme}://{base.netloc}{prefix}{rel[:-len('index.html')] if rel.endswith('index.html') else rel}"
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(list(URL_ATTRS)):
            for attr in URL_ATTRS[tag.name]:
                value = tag.get(attr)
                if not value:
                    continue
                refs = [part.strip().split(" ")[0] for part in value.split(",")] if attr == "srcset" else [value.strip()]
                for ref in refs:
                    if ref.lower().startswith(SKIP_SCHEMES):
                        continue
                    url = urlsplit(urljoin(page_url, ref))
                    if (url.scheme, url.netloc) != (base.scheme, base.netloc):
                        continue  # another site: not ours to check (and never fetched by the tests)
                    if not (url.path + "/").startswith(prefix):
                        problems.append(f"{rel}: {ref!r} leaves the site's path {prefix}")
                        continue
                    target = _file_for(site, posixpath.normpath(url.path[len(prefix):]) + ("/" if url.path.endswith("/") else "")
                                       if url.path[len(prefix):] else "")
                    if target is None:
                        problems.append(f"{rel}: <{tag.name} {attr}={ref!r}> -> missing file")
                    elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in _ids(target):
                        problems.append(f"{rel}: {ref!r} -> no id {url.fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


def test_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">bad anchor</a><a href="missing/">bad</a>'
        '<img src="img.png"><a href="https://elsewhere.org/x">external</a><a href="/other/x">outside</a>'
        '<a href="#top">self</a><p id="top"></p>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><link href="../style.css" rel="stylesheet">')
    problems = broken_links(tmp_path, "https://example.org/course/")
    assert len(problems) == 5, problems
    assert any("gone" in p for p in problems) and any("missing/" in p for p in problems)
    assert any("img.png" in p for p in problems) and any("style.css" in p for p in problems)
    assert any("/other/x" in p for p in problems)


ROOT_URL = "https://example.org/"


@pytest.fixture(scope="module")
def root_build(tmp_path_factory):
    """The course built for a root address and without directory URLs (use_directory_urls: false,
    pages as cycle/the-loop.html): every link we write (review, progress, summary, journey) must be MkDocs' own."""
    config = _course_copy(tmp_path_factory.mktemp("links") / "src")
    config.write_text(config.read_text() + "\nuse_directory_urls: false\n")
    site = config.parent.parent / "site"
    result = mkdocs_build(config, site, env={"SITE_URL": ROOT_URL})
    assert result.returncode == 0, result.stderr
    assert (site / "cycle" / "the-loop.html").is_file()
    return ROOT_URL, site


@pytest.fixture(scope="module", params=["root", "subpath"])
def built(request):
    """The course built for a root address, and for a subpath: the session's deployed build (/course/)."""
    return request.getfixturevalue("root_build" if request.param == "root" else "deployed_course")


@pytest.mark.slow
def test_build_for_site_url_has_no_broken_links(built):
    site_url, site = built
    assert site_prefix(site) == urlsplit(site_url).path
    problems = broken_links(site, site_url)
    assert not problems, "\n".join(problems[:50])


def _fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_served_under_its_path_every_page_and_asset_loads(built):
    """Fetch every page and every same-origin href/src it references from the local server."""
    site_url, site = built
    prefix = urlsplit(site_url).path
    with serve(site, prefix=prefix) as base:
        origin = base[: -len(prefix)] if prefix != "/" else base[:-1]
        seen: dict[str, int] = {}
        for path in page_paths(site):
            page_url = base + path
            seen[page_url] = _fetch(page_url)
            soup = BeautifulSoup(page_html(site, path), "html.parser")
            for tag in soup.find_all(list(URL_ATTRS)):
                for attr in URL_ATTRS[tag.name]:
                    ref = tag.get(attr)
                    if not ref or attr == "srcset" or ref.lower().startswith(SKIP_SCHEMES):
                        continue
                    # Absolute URLs built from site_url (404 page, canonical) map onto the local server.
                    url = urljoin(page_url, ref.replace(site_url.rstrip("/"), origin + prefix.rstrip("/"), 1))
                    url = url.split("#")[0]
                    if url.startswith(origin) and url not in seen:
                        seen[url] = _fetch(url)
    bad = sorted(f"{status} {url}" for url, status in seen.items() if status != 200)
    assert len(seen) > 50
    assert not bad, "\n".join(bad[:50])


# Links the browser scripts follow, kept in the tools' data attributes ("href", "review").
DATA_LINK = re.compile(r'"(?:href|review)":"([^"]+)"')


def _course_copy(dest: Path, docs: str = "link") -> Path:
    """A copy of the real course's config in `dest`, its folders linked (or `docs='copy'`: a writable docs/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("quizzes", "overrides", "authoring"):
        (dest / name).symlink_to(ROOT / name)
    if docs == "copy":
        shutil.copytree(ROOT / "docs", dest / "docs")
    else:
        (dest / "docs").symlink_to(ROOT / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest / "mkdocs.yml"


@pytest.mark.slow
def test_without_directory_urls_every_data_link_resolves(root_build):
    """The links the browser scripts follow, from the tools' data, lead to built pages too."""
    site_url, site = root_build
    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        for ref in DATA_LINK.findall(unescape(html.read_text(encoding="utf-8"))):
            path = urlsplit(urljoin(site_url + rel, ref)).path[1:]
            if _file_for(site, posixpath.normpath(path) if path else "") is None or path.endswith("/"):
                problems.append(f"{rel}: data link {ref!r} -> missing file")
    assert not problems, f"{len(problems)} broken:\n" + "\n".join(problems[:30])


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_rebuild_after_editing_an_included_file_equals_a_fresh_build(deployed_course, tmp_path):
    """docs/includes/abbreviations.md reaches every page through snippets' auto_append, not as a page of its own.
    A build over the run's own (an earlier build of the unedited course), with a cache the first build
    filled, equals a first build with an empty cache."""
    url, built = deployed_course
    config = _course_copy(tmp_path / "src", docs="copy")
    included = config.parent / "docs" / "includes" / "abbreviations.md"
    included.write_text(included.read_text() + "\n| Word | Meaning |\n| --- | --- |\n| a | b |\n", encoding="utf-8")
    env = {"SITE_URL": url, "QUIZKIT_CACHE_DIR": str(tmp_path / "cache")}
    fresh = mkdocs_build(config, tmp_path / "fresh", env=env)
    assert fresh.returncode == 0, fresh.stderr
    shutil.copytree(built, tmp_path / "again")
    again = mkdocs_build(config, tmp_path / "again", env=env)
    assert again.returncode == 0, again.stderr
    a, b = _tree(tmp_path / "again"), _tree(tmp_path / "fresh")
    assert a != _tree(built), "the edit changed nothing: this compares nothing"
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k) and not k.endswith(("sitemap.xml.gz",)))
    assert not differ, f"{len(differ)} files differ: {differ[:20]}"
