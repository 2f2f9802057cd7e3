"""`python -m bench` (or `make bench`): build speed, Lighthouse and page weight, as figures.

Prints progress, then one table with each target marked met/missed, and
writes everything to bench/out/results.json. Nothing here asserts: the
figures are for people to read. Options:
    --quick              one size (200), 3 builds, 1 Lighthouse run, 1 edit: a look in under 5 minutes
    --sizes 200,2000     synthetic course sizes (lesson pages)
    --runs 5,3           timed builds per size (medians)
    --lh-runs 9          Lighthouse runs per page and site (median), plain Material and ours alternating
    --loop-runs 3        edits timed under `mkdocs serve` per setup
    --readme             write the figures into DEVELOPING.md's performance section (a full run does)
    --skip-lighthouse / --skip-weight / --skip-builds / --skip-reader
                         (with --skip-builds the weight part still builds the synthetic "ours" site once;
                         a look at page weight alone: --skip-builds --skip-lighthouse --skip-reader)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from . import builds, lighthouse, reader, readme, synth, weight
from .synth import ROOT

OUT = ROOT / "bench" / "out"
KIB = 1024
TARGETS = {"build_ratio": 1.30, "widget_gzip": 16 * KIB, "widget_requests": 3,
           "lesson_transfer": 250 * KIB, "lighthouse_gap": 2, "serve_slack_s": 0.3}
LESSON, QUIZ = "cycle/the-loop/", "cycle/quiz/"
SYN_LESSON, SYN_QUIZ = "p01/ch001/l01/", "p01/ch001/quiz/"
RETURNING = "returning reader"
START = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - START:6.0f}s] {msg}", flush=True)


def kib(n: float | None) -> str:
    return "—" if n is None else f"{n / KIB:.1f} KiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sizes", default="200,2000")
    ap.add_argument("--runs", default="5,3")
    ap.add_argument("--lh-runs", type=int, default=9)
    ap.add_argument("--loop-runs", type=int, default=3)
    ap.add_argument("--readme", action="store_true")
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--skip-weight", action="store_true")
    ap.add_argument("--skip-builds", action="store_true")
    ap.add_argument("--skip-reader", action="store_true")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.lh_runs, args.loop_runs = "200", "3", 1, 1
    skipped = any(getattr(args, f"skip_{stage}") for stage in ("builds", "weight", "lighthouse", "reader"))
    full = not args.quick and not skipped and args.sizes == "200,2000" and args.lh_runs >= 9
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    runs += [runs[-1]] * (len(sizes) - len(runs))

    OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "load_at_start": os.getloadavg()}, "targets": TARGETS,
                     "mode": "full" if full else ("quick" if args.quick else "custom")}
    log(f"bench: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; results go to {OUT.relative_to(ROOT)}/results.json")
    ours_cmd = [sys.executable, "-m", "mkdocs"]
    previous = _load_previous()
    carried = {"builds": ("builds", "mkdocs_quiz"), "weight": ("weight", "widget", "search_index"),
               "lighthouse": ("lighthouse", "lighthouse_version"), "reader": ("interaction", "author_loop")}
    for stage, keys in carried.items():
        if getattr(args, f"skip_{stage}") and any(k in previous for k in keys):
            log(f"  --skip-{stage}: keeping its figures from the previous results.json")
            results.update({k: previous[k] for k in keys if k in previous})
            results.setdefault("carried_over", []).append(stage)

    # 1. Build speed -------------------------------------------------------------------------
    if not args.skip_builds:
        mq_mkdocs, mq_info = builds.ensure_mkdocs_quiz(log)
        log(f"  comparison: {mq_info}")
        results["mkdocs_quiz"] = mq_info
        variants = {"plain": ours_cmd, "ours": ours_cmd}
        if mq_mkdocs:
            variants["mkquiz"] = [str(mq_mkdocs)]
        results["builds"] = {}
        for size, n in zip(sizes, runs, strict=False):
            course = OUT / f"course-{size}"
            log(f"generating a {size}-page synthetic course in {course.relative_to(ROOT)} …")
            facts = synth.generate(course, size)
            log(f"  {facts['questions']} answerable questions ({facts['by_type']}); mkdocs-quiz gets "
                f"{facts['mkquiz_converted']}, skips {facts['mkquiz_skipped']} (ordering, matching, likert, reflection)")
            log(f"timing {size} pages: {n} rounds of {', '.join(variants)}" + (" after a warm-up round" if size == sizes[0] else ""))
            timing = builds.time_variants(course, variants, n, log, warmup=(size == sizes[0]))
            results["builds"][str(size)] = {"course": facts, "runs": n, **timing}
            _save(results)  # partial results survive an interrupted run

    # 2. The real course: page weight, widget cost, Lighthouse --------------------------------
    real_site = OUT / "course-site"
    small = OUT / f"course-{sizes[0]}"
    if not (args.skip_weight and args.skip_lighthouse and args.skip_reader):
        log("building the real course (mkdocs.yml) into bench/out/course-site …")
        builds.build_once(ours_cmd, ROOT / "mkdocs.yml", real_site)
        # Every later stage reads the synthetic sites, which must be this checkout's (--skip-builds made none).
        if args.skip_builds or not (small / "site-ours").exists():
            if not (small / "mkdocs-ours.yml").exists():
                synth.generate(small, sizes[0])
            for v in ("plain", "ours"):
                log(f"building the {sizes[0]}-page synthetic course ({v}) once for the later stages …")
                builds.build_once(ours_cmd, small / f"mkdocs-{v}.yml", small / f"site-{v}")

    if not args.skip_weight:
        log("measuring what pages cost the reader (Playwright + Chromium) …")
        # (site, path, returning reader: answers saved on a first visit, then the page loaded again)
        pages = {"real course lesson (ours)": (real_site, LESSON, False),
                 f"real course lesson (ours, {RETURNING})": (real_site, LESSON, True),
                 "real course chapter quiz (ours)": (real_site, QUIZ, False),
                 f"real course chapter quiz (ours, {RETURNING})": (real_site, QUIZ, True)}
        for name, v in (("plain", "plain"), ("ours", "ours"), ("mkdocs-quiz", "mkquiz")):
            if (small / f"site-{v}").exists():
                pages[f"synthetic lesson, {sizes[0]}-page course ({name})"] = (small / f"site-{v}", SYN_LESSON, False)
        if (small / "site-ours").exists():
            pages[f"synthetic lesson, {sizes[0]}-page course (ours, {RETURNING})"] = (small / "site-ours", SYN_LESSON, True)
            pages[f"synthetic chapter quiz, {sizes[0]}-page course (ours)"] = (small / "site-ours", SYN_QUIZ, False)
            pages[f"synthetic chapter quiz, {sizes[0]}-page course (ours, {RETURNING})"] = (small / "site-ours", SYN_QUIZ, True)
        results["search_index"] = {v: _index_size(small / f"site-{v}") for v in ("plain", "ours", "mkquiz")
                                   if (small / f"site-{v}").exists()}
        results["weight"] = {}
        for name, (site, path, returning) in pages.items():
            with weight.serve(site) as base:
                w = weight.page_weight(base, path, returning=returning)
            results["weight"][name] = w
            log(f"  {name}: {w['total']['files']} files, {kib(w['total']['raw'])} raw, {kib(w['total']['gzip'])} gzip"
                + (f"; OFF-SITE REQUESTS: {w['offsite_requests']}" if w["offsite_requests"] else ""))
        results["widget"] = {"ours": weight.ours_widget(real_site, real_site / LESSON / "index.html")}
        if (small / "site-mkquiz").exists():
            results["widget"]["mkdocs-quiz"] = weight.mkquiz_widget(small / "site-mkquiz" / SYN_LESSON / "index.html",
                                                                    small / "site-plain" / SYN_LESSON / "index.html")

    if not args.skip_lighthouse:
        cmd, info = lighthouse.find_lighthouse(log)
        results["lighthouse_version"] = info
        if cmd is None:
            log(info)
        else:
            log(f"Lighthouse ({info}), mobile, performance only, {args.lh_runs} runs per page and site, "
                f"plain Material and ours alternating, on the {sizes[0]}-page synthetic course …")
            with weight.serve(small / "site-plain") as plain, weight.serve(small / "site-ours") as ours:
                results["lighthouse"] = lighthouse.compare(cmd, {"plain": plain, "ours": ours},
                                                           ["", SYN_LESSON, SYN_QUIZ], args.lh_runs, log)

    if not args.skip_reader:
        log("interaction: click 'Check' to feedback in the page, CPU throttled 4× …")
        results["interaction"] = {}
        for name, (site, path) in {"synthetic lesson": (small / "site-ours", SYN_LESSON),
                                   "real course lesson": (real_site, LESSON)}.items():
            with weight.serve(site) as base:
                results["interaction"][name] = reader.interaction(base, path)
            log(f"  {name}: median {results['interaction'][name]['median_ms']:.0f} ms over "
                f"{len(results['interaction'][name]['checks_ms'])} checks")
        log(f"author's loop under `mkdocs serve`, {sizes[0]}-page course: edit → first response with the new text …")
        lesson_md = small / "docs" / "p01" / "ch001" / "l01.md"
        bank = small / "quizzes" / "p01" / "ch001" / "l01.yml"
        results["author_loop"] = {
            "plain": reader.author_loop(small / "mkdocs-plain.yml", lesson_md, SYN_LESSON, args.loop_runs, log),
            "ours": reader.author_loop(small / "mkdocs-ours.yml", bank, SYN_LESSON, args.loop_runs, log),
        }

    results["elapsed_s"] = round(time.perf_counter() - START, 1)
    results["machine"]["load_at_end"] = os.getloadavg()
    table = report(results, sizes)
    results["table"] = table
    _save(results)
    print()
    print(table)
    print(f"\nJSON: {(OUT / 'results.json').relative_to(ROOT)}   total time {results['elapsed_s']:.0f} s")
    if args.readme or full:
        readme.write(ROOT / readme.TARGET, results)
        print(f"{readme.TARGET}: performance section rewritten from these figures")
    return 0


def _index_size(site) -> dict:
    data = (site / "search" / "search_index.json").read_bytes()
    return {"raw": len(data), "gzip": weight.gz(data)}


def _load_previous() -> dict:
    try:
        return json.loads((OUT / "results.json").read_text())
    except (OSError, ValueError):
        return {}


def _save(results: dict) -> None:
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def report(r: dict, sizes: list[int]) -> str:
    rows: list[tuple[str, str, str, str]] = []  # (what, figure, target, status)
    b = r.get("builds", {})
    lines = []
    if r.get("carried_over"):
        lines.append(f"(figures for {', '.join(r['carried_over'])} are from the previous run, kept by --skip-…)")
    if b:
        lines.append("Build time: median wall s (CPU s), CPU ms per page, CPU ratio to plain; `mkdocs build --quiet`, interleaved")
        lines.append("  (targets judged on CPU time of the build process: other tenants load this 2-core machine, wall time is noisy;")
        lines.append("   every build is a first build: a new process, an empty site folder; quizkit keeps no build cache, so a")
        lines.append("   rebuild of unchanged files costs what a first build costs: the 'ours' column is both)")
        where = next((v.get("sites_in") for s in b.values() for v in s.values() if isinstance(v, dict) and "sites_in" in v), None)
        if where:
            systems = "; ".join(f"{size} pages: plain {s['plain']['median_system_s']:.2f} s, ours {s['ours']['median_system_s']:.2f} s"
                                for size, s in b.items() if "median_system_s" in s.get("ours", {}) and "plain" in s)
            lines.append(f"  (sites written to {where}: on this VM's disk the kernel's share grew build after build and with")
            lines.append(f"   the bytes written; CPU includes system time, medians: {systems})")
        lines.append(f"  {'pages':>6} {'runs':>4}  {'plain Material':>22}  {'ours':>28}  {'mkdocs-quiz':>28}")
        for size in sizes:
            s = b.get(str(size))
            if not s:
                continue
            cells = []
            for v in ("plain", "ours", "mkquiz"):
                if v not in s:
                    cells.append("—")
                    continue
                w, c = s[v]["median_wall_s"], s[v]["median_cpu_s"]
                per = 1000 * c / s["course"]["md_files"]
                cell = f"{w:6.2f} ({c:5.2f}) {per:5.1f} ms/pg"
                if v != "plain":
                    cell += f" ×{c / s['plain']['median_cpu_s']:4.2f}"
                s[v]["ms_per_page"] = per
                cells.append(cell)
            lines.append(f"  {size:>6} {s['runs']:>4}  {cells[0]:>22}  {cells[1]:>28}  {cells[2]:>28}")
        for size in sizes:
            s = b.get(str(size))
            if not s or "plain" not in s:
                continue
            ratio = s["ours"]["median_wall_s"] / s["plain"]["median_wall_s"]
            cpu_ratio = s["ours"]["median_cpu_s"] / s["plain"]["median_cpu_s"]
            rows.append((f"first build, ours / plain Material, {size} pages", f"×{cpu_ratio:.2f} CPU (×{ratio:.2f} wall)",
                         f"≤ ×{TARGETS['build_ratio']} (CPU)", _mark(cpu_ratio <= TARGETS["build_ratio"])))
            rows.append((f"rebuild of unchanged files, {size} pages", f"×{cpu_ratio:.2f} CPU (no build cache: a first build)",
                         "(reported)", "—"))
        for size in sizes:
            s = b.get(str(size))
            if s and "mkquiz" in s:
                rows.append((f"first build, ours vs mkdocs-quiz, {size} pages",
                             f"{s['ours']['median_cpu_s']:.2f} s vs {s['mkquiz']['median_cpu_s']:.2f} s CPU "
                             f"(×{s['mkquiz']['median_cpu_s'] / s['plain']['median_cpu_s']:.2f} plain)",
                             "(compared)", "—"))
    wt = r.get("weight", {})
    if wt:
        lines.append("")
        lines.append("Page weight in Chromium: every same-origin response (HTML, CSS, JS, fonts, icons, JSON), raw / gzip")
        for name, w in wt.items():
            kinds = ", ".join(f"{k} {kib(v['gzip'])}" for k, v in sorted(w["by_kind"].items(), key=lambda kv: -kv[1]["gzip"]))
            lines.append(f"  {name:66s} {w['total']['files']:>3} files {kib(w['total']['raw']):>11} / {kib(w['total']['gzip']):>10}   ({kinds})")
        lines.append("")
        lines.append("Our own code per page, from the same network log: requests, gzip (files)")
        for name, w in wt.items():
            oc = w.get("our_code")
            if not oc or "mkdocs-quiz" in name or "(plain)" in name:
                continue
            q, th, other = oc["quiz_tools"], oc["theme_replacements"], oc["other_course"]
            data = oc.get("course_data") or {"requests": 0, "gzip": 0, "urls": []}
            lines.append(f"  {name:66s} quiz+tools {q['requests']} req {kib(q['gzip'])}; theme replacements "
                         f"{th['requests']} req {kib(th['gzip'])}; a11y.css + quick exit {other['requests']} req {kib(other['gzip'])}"
                         + (f"; course data {data['requests']} req {kib(data['gzip'])}" if data["requests"] else ""))
            lines.append(f"  {'':66s} ({', '.join(u.rsplit('/', 1)[-1] for u in q['urls'] + th['urls'] + data['urls'])})")
        for name in ("real course lesson (ours)", f"real course lesson (ours, {RETURNING})",
                     f"synthetic lesson, {sizes[0]}-page course (ours)", f"synthetic lesson, {sizes[0]}-page course (ours, {RETURNING})"):
            oc = wt.get(name, {}).get("our_code")
            if oc:
                q, th = oc["quiz_tools"], oc["theme_replacements"]
                total = q["gzip"] + th["gzip"]
                where = (LESSON if name.startswith("real") else SYN_LESSON) + (", returning" if RETURNING in name else ", first visit")
                data = oc.get("course_data") or {"requests": 0, "gzip": 0}
                also = f" (+ course data: {data['requests']} req {kib(data['gzip'])})" if data["requests"] else ""
                rows.append((f"quiz+tool code, {where} (network log)",
                             f"{q['requests']} requests; {kib(total)} with theme's {th['requests']} scripts{also}",
                             f"≤ {TARGETS['widget_requests']} requests, ≤ {TARGETS['widget_gzip'] // KIB} KiB",
                             _mark(q["requests"] <= TARGETS["widget_requests"] and total <= TARGETS["widget_gzip"])))
        lw = wt.get("real course lesson (ours)")
        if lw:
            rows.append(("lesson page transferred (gzip), cycle/the-loop/", kib(lw["total"]["gzip"]), "≤ 250 KiB",
                         _mark(lw["total"]["gzip"] <= TARGETS["lesson_transfer"])))
        mq, ow = wt.get(f"synthetic lesson, {sizes[0]}-page course (mkdocs-quiz)"), wt.get(f"synthetic lesson, {sizes[0]}-page course (ours)")
        if mq and ow:
            rows.append(("synthetic lesson transferred: ours vs mkdocs-quiz", f"{kib(ow['total']['gzip'])} vs {kib(mq['total']['gzip'])}",
                         "(reported)", "—"))
    si = r.get("search_index")
    if si and "plain" in si and "ours" in si:
        lines.append("")
        lines.append("Search index (search/search_index.json), raw / gzip: " + "; ".join(
            f"{v} {kib(x['raw'])} / {kib(x['gzip'])}" for v, x in si.items()))
        rows.append(("search index, ours vs plain Material (same text)", f"{kib(si['ours']['gzip'])} vs {kib(si['plain']['gzip'])} gzip",
                     "no larger", _mark(si["ours"]["raw"] <= si["plain"]["raw"])))
    lh = r.get("lighthouse")
    if lh and "plain" in lh:
        lines.append("")
        lines.append(f"Lighthouse mobile performance ({r.get('lighthouse_version')}), synthetic course, plain Material and ours alternating; medians")
        for page in lh["ours"]:
            for v in ("plain", "ours"):
                x = lh[v][page]
                if x["median_score"] is None:
                    lines.append(f"  /{page:18s} {v:6s} no successful run")
                    continue
                lines.append(f"  /{page:18s} {v:6s} score {x['median_score']:>5}  LCP {x['median_lcp_ms']:5.0f} ms  "
                             f"TBT {x['median_tbt_ms']:4.0f} ms  CLS {x['median_cls']:.3f}  ({len(x['runs'])} runs: {[y['score'] for y in x['runs']]})")
            o, pl = lh["ours"][page], lh["plain"][page]
            if o["median_score"] is not None and pl["median_score"] is not None:
                gap = o["median_score"] - pl["median_score"]
                rows.append((f"Lighthouse /{page or '(home)'}: ours vs plain ({len(o['runs'])} runs)",
                             f"{o['median_score']:g} vs {pl['median_score']:g} (LCP {o['median_lcp_ms']:.0f}/{pl['median_lcp_ms']:.0f} ms, "
                             f"TBT {o['median_tbt_ms']:.0f}/{pl['median_tbt_ms']:.0f}, CLS {o['median_cls']:.2f}/{pl['median_cls']:.2f})",
                             f"≥ plain − {TARGETS['lighthouse_gap']}" + ("" if len(o["runs"]) >= 9 else " (needs ≥ 9 runs)"),
                             _mark(gap >= -TARGETS["lighthouse_gap"]) if len(o["runs"]) >= 9 else "too few runs"))
    elif r.get("lighthouse_version", "").startswith("skipped"):
        lines.append("")
        lines.append(r["lighthouse_version"])
    loop = r.get("author_loop")
    if loop:
        slack = loop["ours"]["median_s"] - loop["plain"]["median_s"]
        rows.append(("mkdocs serve: edit → new text served",
                     f"bank {loop['ours']['median_s']:.2f} s vs plain lesson {loop['plain']['median_s']:.2f} s ({slack:+.2f} s)",
                     f"≤ plain + {TARGETS['serve_slack_s']} s", _mark(slack <= TARGETS["serve_slack_s"])))
    for name, x in (r.get("interaction") or {}).items():
        if x.get("median_ms") is not None:
            rows.append((f"interaction: Check → feedback, 4× CPU, {name}", f"{x['median_ms']:.0f} ms (median of {len(x['checks_ms'])})",
                         "(reported)", "—"))
    w1 = max([len(x[0]) for x in rows] + [6])
    w2 = max([len(x[1]) for x in rows] + [6])
    w3 = max([len(x[2]) for x in rows] + [6])
    mode = {"full": "full run", "quick": "QUICK run (one size, few runs: a look, not the verdict)"}.get(r.get("mode"), "custom run")
    head = ["", f"Targets ({mode}; load {r['machine']['load_at_start'][0]:.1f} at start)", f"  {'what':{w1}}  {'figure':{w2}}  {'target':{w3}}  status", "  " + "-" * (w1 + w2 + w3 + 12)]
    head += [f"  {a:{w1}}  {b_:{w2}}  {c:{w3}}  {d}" for a, b_, c, d in rows]
    return "\n".join(lines + head)


if __name__ == "__main__":
    sys.exit(main())
