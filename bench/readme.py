"""Write the benchmark's figures into DEVELOPING.md between the performance markers (no hand-copied numbers).

`python -m bench` does this after a full run; `python -m bench.readme` redoes it from bench/out/results.json.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = "DEVELOPING.md"  # the developers' document (the README is for newcomers)
BEGIN, END = "<!-- bench:begin (written by python -m bench; do not edit) -->", "<!-- bench:end -->"


def section(results: dict) -> str:
    m = results["machine"]
    when = f"{results.get('mode', 'custom')} run, {m['cpus']} cores, load {m['load_at_start'][0]:.1f} at start"
    return "\n".join([BEGIN, "", f"Figures from `make bench` ({when}), as it printed them:", "", "```text",
                      results["table"], "```", "", END])


def write(readme: Path, results: dict) -> None:
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{readme}: the markers {BEGIN!r} … {END!r} are missing from the performance section")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(head + section(results) + tail, encoding="utf-8")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    write(root / TARGET, json.loads((root / "bench" / "out" / "results.json").read_text()))
    sys.exit(0)
