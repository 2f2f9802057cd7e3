"""Which of two bank files holds the new, not yet published text: the one to change when they clash.

The file git added last is the new one, and a file not committed yet is newer than any commit. That
still holds in a fresh clone, where both files are committed and every file has the same time on disk.
When git cannot tell them apart (no git, or both added in one commit), the one saved more recently is.
Readers' saved answers are keyed by question id, so an author told to rename an id must be pointed at
the question nobody has answered yet.
"""
from __future__ import annotations

import math
import subprocess
from pathlib import Path


def added_at(path: Path) -> float | None:
    """When git added `path` (commit time, seconds); infinity when it is not committed yet; None without git."""
    try:
        run = subprocess.run(["git", "log", "--no-renames", "--diff-filter=A", "--format=%ct", "-1", "--", path.name],
                             cwd=path.parent, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode != 0:
        return None
    return float(run.stdout.strip()) if run.stdout.strip() else math.inf


def newer(first: Path, second: Path) -> Path:
    """The file to change of two that clash (`second` when nothing tells them apart)."""
    added = added_at(first), added_at(second)
    if None not in added and added[0] != added[1]:
        return first if added[0] > added[1] else second
    try:
        return first if first.stat().st_mtime > second.stat().st_mtime else second
    except OSError:
        return second
