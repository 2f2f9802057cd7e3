"""Lighthouse mobile performance scores (median of several runs) for pages served on 127.0.0.1."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from .synth import ROOT

PINNED = "12.8.2"  # same as package.json (Lighthouse 13 needs Node 22)
LOCAL = ROOT / "bench" / "out" / "lighthouse"


def find_lighthouse(log) -> tuple[list[str] | None, str]:
    """The lighthouse command: the repo's node_modules, else our own install in bench/out/, else None."""
    for cand in (ROOT / "node_modules" / ".bin" / "lighthouse", LOCAL / "node_modules" / ".bin" / "lighthouse"):
        if cand.exists():
            return [str(cand)], _version(cand)
    if not shutil.which("npm"):
        return None, "skipped: lighthouse not installed (no npm)"
    log(f"  installing lighthouse@{PINNED} into {LOCAL.relative_to(ROOT)} …")
    LOCAL.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(LOCAL),
                        f"lighthouse@{PINNED}"], capture_output=True, text=True)
    cand = LOCAL / "node_modules" / ".bin" / "lighthouse"
    if r.returncode or not cand.exists():
        return None, "skipped: lighthouse not installed (npm install failed: " + r.stderr.strip()[-200:] + ")"
    return [str(cand)], _version(cand)


def _version(cmd: Path) -> str:
    r = subprocess.run([str(cmd), "--version"], capture_output=True, text=True)
    return "lighthouse " + (r.stdout.strip() or "?")


def run_once(cmd: list[str], url: str) -> dict:
    if not Path(cmd[0]).exists():  # node_modules/ replaced under us (an npm install mid-run): use our own copy
        local = LOCAL / "node_modules" / ".bin" / "lighthouse"
        if local.exists():
            cmd = [str(local)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {"CHROME_PATH": "/usr/bin/chromium", **os.environ}  # CHROME_PATH, when set, wins
        r = subprocess.run([*cmd, url, "--quiet", "--output=json", f"--output-path={out}",
                            "--only-categories=performance", "--form-factor=mobile",
                            "--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update"],
                           capture_output=True, text=True, env=env, timeout=180)
        if r.returncode or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {r.stderr.strip()[-400:]}")
        report = json.loads(out.read_text())
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    return {
        "score": None if score is None else round(score * 100),
        "fcp_ms": audits["first-contentful-paint"].get("numericValue"),
        "lcp_ms": audits["largest-contentful-paint"].get("numericValue"),
        "tbt_ms": audits["total-blocking-time"].get("numericValue"),
        "cls": audits["cumulative-layout-shift"].get("numericValue"),
        "transfer_bytes": audits.get("total-byte-weight", {}).get("numericValue"),
    }


def compare(cmd: list[str], sites: dict[str, str], paths: list[str], runs: int, log) -> dict:
    """Each page of each site (name -> base URL) once per round, alternating the sites; medians per site and page."""
    results: dict[str, dict[str, list[dict]]] = {s: {p: [] for p in paths} for s in sites}
    for rnd in range(runs):
        for p in paths:
            order = list(sites) if rnd % 2 == 0 else list(reversed(sites))  # neither site always goes first
            for s in order:
                try:
                    res = run_once(cmd, sites[s] + p)
                except Exception as exc:  # one flaky run should not lose the rest
                    log(f"    {s:6s} /{p:18s} run {rnd + 1}/{runs}: failed ({str(exc)[:120]})")
                    continue
                results[s][p].append(res)
                log(f"    {s:6s} /{p:18s} run {rnd + 1}/{runs}: score {res['score']}  LCP {res['lcp_ms']:.0f} ms  "
                    f"TBT {res['tbt_ms']:.0f} ms  CLS {res['cls']:.3f}")
    return {s: {p: _medians(r) for p, r in pages.items()} for s, pages in results.items()}


def _medians(runs_: list[dict]) -> dict:
    ok = [r for r in runs_ if r["score"] is not None]

    def med(key):
        return statistics.median(r[key] for r in ok) if ok else None
    return {"runs": runs_, "median_score": med("score"), "median_lcp_ms": med("lcp_ms"),
            "median_tbt_ms": med("tbt_ms"), "median_cls": med("cls")}


def scores(cmd: list[str], base: str, paths: list[str], runs: int, log) -> dict:
    """Run every page once per round (round-robin), `runs` rounds; medians per page."""
    results: dict[str, list[dict]] = {p: [] for p in paths}
    for rnd in range(runs):
        for p in paths:
            try:
                res = run_once(cmd, base + p)
            except Exception as exc:  # one flaky run should not lose the rest
                log(f"    /{p:18s} run {rnd + 1}/{runs}: failed ({str(exc)[:120]})")
                continue
            results[p].append(res)
            log(f"    /{p:18s} run {rnd + 1}/{runs}: score {res['score']}  LCP {res['lcp_ms']:.0f} ms  TBT {res['tbt_ms']:.0f} ms")
    out = {}
    for p, runs_ in results.items():
        ok = [r for r in runs_ if r["score"] is not None]
        out[p] = {
            "runs": runs_,
            "median_score": statistics.median(r["score"] for r in ok) if ok else None,
            "median_lcp_ms": statistics.median(r["lcp_ms"] for r in ok) if ok else None,
            "median_tbt_ms": statistics.median(r["tbt_ms"] for r in ok) if ok else None,
        }
    return out
