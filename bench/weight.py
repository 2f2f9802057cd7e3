"""What a page costs the reader: every same-origin response a real browser loads, raw and gzipped."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import re
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # about what GitHub Pages sends


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401
        pass


@contextlib.contextmanager
def serve(root: Path):
    """A static server for `root` on 127.0.0.1 and a free port; yields the base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# Answer every question with a Check button on the page (first option, or the first word for a text
# answer), as a reader would; resolves with how many were checked.
ANSWER_ALL = """
async () => {
  const buttons = [...document.querySelectorAll("[data-qz-check]")];
  for (const button of buttons) {
    const q = button.closest("[data-qz-id]");
    const choice = q && q.querySelector("input[type=radio], input[type=checkbox]");
    if (choice) choice.click();
    const text = q && q.querySelector("textarea, input[type=text]");
    if (text) { text.value = "yes"; text.dispatchEvent(new Event("input", {bubbles: true})); }
    button.click();
    await new Promise((r) => setTimeout(r, 50));
  }
  return buttons.length;
}
"""


def page_weight(base: str, path: str, returning: bool = False) -> dict:
    """Load base+path in Chromium (mobile-sized viewport), sum same-origin response bodies by kind.

    returning: a returning reader. The page is loaded once and every question on it answered (saved in the
    browser's storage), then the page is loaded again in a new browser context that has that storage but an
    empty HTTP cache, and that second load is measured: what a page costs once progress exists."""
    from playwright.sync_api import sync_playwright

    origin = urlparse(base).netloc
    seen: dict[str, tuple[str, bytes]] = {}
    offsite: list[str] = []
    answered = None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        state = None
        if returning:
            first = browser.new_context(viewport={"width": 412, "height": 823})
            visit = first.new_page()
            visit.goto(base + path, wait_until="networkidle")
            visit.wait_for_selector(".qz--js")
            answered = visit.evaluate(ANSWER_ALL)
            visit.wait_for_timeout(300)
            state = first.storage_state()
            first.close()
        page = browser.new_context(viewport={"width": 412, "height": 823}, storage_state=state).new_page()

        def on_response(resp):
            url = resp.url
            if urlparse(url).netloc != origin:
                if not url.startswith("data:"):
                    offsite.append(url)
                return
            if url in seen or resp.status >= 300:
                return
            try:
                seen[url] = (resp.request.resource_type, resp.body())
            except Exception:  # a response without a body (aborted prefetch)
                pass

        page.on("response", on_response)
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
    kinds: dict[str, dict[str, int]] = {}
    for url, (kind, body) in seen.items():
        k = kinds.setdefault(_kind(url, kind), {"files": 0, "raw": 0, "gzip": 0})
        k["files"] += 1
        k["raw"] += len(body)
        k["gzip"] += gz(body)
    total = {"files": len(seen), "raw": sum(len(b) for _, b in seen.values()),
             "gzip": sum(gz(b) for _, b in seen.values())}
    files = {u.replace(base, "/"): {"raw": len(b), "gzip": gz(b)} for u, (_, b) in seen.items()}
    return {"path": path, "returning": returning, "answered_first": answered, "total": total, "by_kind": kinds,
            "offsite_requests": offsite,
            "urls": sorted(files), "files": files, "our_code": our_code(files)}


# Our own browser code, by where it is served from (the course's files, not Material's).
THEME_REPLACEMENTS = ("/assets/theme/base.js", "/assets/theme/palette.js", "/assets/theme/announce.js",
                      "/assets/theme/content.js")


def our_code(files: dict[str, dict]) -> dict:
    """From one page's network log: quiz+tool code (assets/quizkit/, scripts and styles), the course data
    the code fetches (assets/quizkit/*.json: the reader's path, once progress exists), the theme's
    replacement scripts, and the course's other own files (a11y.css, quick-exit.js): requests and bytes of each."""
    groups = {"quiz_tools": [], "course_data": [], "theme_replacements": [], "other_course": []}
    for url in files:
        path = url.split("?")[0]
        if "/assets/quizkit/" in path:
            groups["course_data" if path.endswith(".json") else "quiz_tools"].append(url)
        elif path.endswith(THEME_REPLACEMENTS):
            groups["theme_replacements"].append(url)
        elif "/assets/theme/" in path or path.endswith("/assets/a11y.css"):
            groups["other_course"].append(url)
    return {name: {"requests": len(urls), "raw": sum(files[u]["raw"] for u in urls),
                   "gzip": sum(files[u]["gzip"] for u in urls), "urls": sorted(urls)}
            for name, urls in groups.items()}


def _kind(url: str, resource_type: str) -> str:
    if resource_type in ("document", "stylesheet", "script", "font"):
        return {"document": "html", "stylesheet": "css", "script": "js"}.get(resource_type, resource_type)
    if re.search(r"\.(svg|png|ico|jpe?g|webp)(\?|$)", url):
        return "icons/images"
    if url.endswith(".json"):
        return "json"
    return resource_type


_STYLE = re.compile(rb"<style[^>]*>(.*?)</style>", re.S | re.I)
_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S | re.I)


def inline_code(html: bytes) -> dict:
    """Inline <style> and executable inline <script> bytes in one HTML page (JSON data blocks excluded)."""
    css = b"".join(_STYLE.findall(html))
    js = b"".join(_SCRIPT.findall(html))
    return {"inline_css_raw": len(css), "inline_css_gzip": gz(css) if css else 0,
            "inline_js_raw": len(js), "inline_js_gzip": gz(js) if js else 0}


def ours_widget(site: Path, lesson_html: Path) -> dict:
    """Our code on every page: assets/quizkit/quizkit.js + quizkit.css as built (external, cached) and its settings."""
    js = (site / "assets" / "quizkit" / "quizkit.js").read_bytes()
    css = (site / "assets" / "quizkit" / "quizkit.css").read_bytes()
    html = lesson_html.read_bytes()
    data = re.search(rb'data-quizkit-config="([^"]*)"', html)
    cfg = data.group(1) if data else b""
    return {
        "external_js_raw": len(js), "external_js_gzip": gz(js),
        "external_css_raw": len(css), "external_css_gzip": gz(css),
        "external_gzip_total": gz(js) + gz(css),
        "inline_config_json_raw": len(cfg), "inline_config_json_gzip": gz(cfg) if cfg else 0,
        **inline_code(html),
    }


def mkquiz_widget(lesson_html: Path, plain_html: Path) -> dict:
    """mkdocs-quiz's code is inlined into every quiz page: measure the inline code it adds over plain Material."""
    a, b = inline_code(lesson_html.read_bytes()), inline_code(plain_html.read_bytes())
    return {"external_js_raw": 0, "external_js_gzip": 0, "external_css_raw": 0, "external_css_gzip": 0,
            "external_gzip_total": 0,
            **{k: a[k] - b[k] for k in a}}
