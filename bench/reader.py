"""What a reader and an author wait for: feedback after "Check" (CPU throttled), and a rebuild under `mkdocs serve`."""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .weight import CHROME_ARGS, CHROMIUM

# Click the question's first option and its Check button; resolve with the milliseconds until
# the feedback region has text (what a screen reader announces).
CHECK = """
async (index) => {
  const q = document.querySelectorAll("[data-qz-check]")[index].closest("[data-qz-id]");
  const choice = q.querySelector("input[type=radio], input[type=checkbox]");
  if (choice) choice.click();
  const feedback = q.querySelector("[data-qz-feedback]");
  const start = performance.now();
  return await new Promise((resolve) => {
    const done = () => feedback.textContent.trim() && (obs.disconnect(), resolve(performance.now() - start), true);
    const obs = new MutationObserver(done);
    obs.observe(feedback, {childList: true, subtree: true, characterData: true});
    q.querySelector("[data-qz-check]").click();
    done();
    setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
  });
}
"""


def interaction(base: str, path: str, throttle: float = 4.0) -> dict:
    """Time from clicking "Check" to feedback in the page, for every choice question on `path`, CPU throttled."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        page = browser.new_page(viewport={"width": 412, "height": 823})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_selector(".qz--js")
        count = page.evaluate("() => document.querySelectorAll('[data-qz-check]').length")
        for i in range(count):
            has_choice = page.evaluate("(i) => !!document.querySelectorAll('[data-qz-check]')[i].closest('[data-qz-id]')"
                                       ".querySelector('input[type=radio], input[type=checkbox]')", i)
            if has_choice:
                ms = page.evaluate(CHECK, i)
                if ms is not None:
                    times.append(ms)
        browser.close()
    return {"path": path, "throttle": throttle, "checks_ms": times,
            "median_ms": statistics.median(times) if times else None}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def author_loop(config: Path, edit: Path, path: str, runs: int, log, timeout: float = 120) -> dict:
    """Under `mkdocs serve -f config`, append a new word to `edit` and time until `path` serves it; `runs` edits."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    original = edit.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                             ], cwd=config.parent, env=env,  # (rebuilds on edits only with live reload on)
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/bench/{path}"  # site_url's path is /bench/
    times = []
    try:
        deadline = time.monotonic() + timeout
        while "<html" not in _get(url):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve -f {config.name} did not start")
            time.sleep(0.2)
        for i in range(runs):
            token = f"Zebrawordz{os.getpid()}x{i}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            edit.write_text(_with_token(edit, original, token), encoding="utf-8")
            start = time.monotonic()
            while token not in _get(url):
                if time.monotonic() - start > timeout:
                    raise RuntimeError(f"{token} never appeared in {url}")
                time.sleep(0.05)
            times.append(time.monotonic() - start)
            log(f"    {config.stem:14s} edit {i + 1}/{runs}: {times[-1]:.2f} s to the new text")
    finally:
        edit.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"edited": edit.name, "runs_s": times, "median_s": statistics.median(times)}


def _with_token(edit: Path, text: str, token: str) -> str:
    """The file with `token` in reader-visible text: a bank's first prompt, or a lesson's first paragraph."""
    if edit.suffix == ".yml":
        head, sep, rest = text.partition("  prompt: ")
        return head + sep + token + " " + rest
    head, sep, rest = text.partition("\n# ")
    line, nl, body = rest.partition("\n")
    return head + sep + line + nl + "\n" + token + "\n" + body
