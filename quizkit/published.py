"""Which of two bank files holds the new, not yet published text: the one to change when they clash.

A file missing from the last commit (new, not yet pushed) is the new one; when both or neither are
committed (or there is no git), the one saved more recently. Readers' saved answers are keyed by
question id, so an author told to rename an id must be pointed at the question nobody has answered yet.
"""
from __future__ import annotations

import subprocess
from pathlib import Path


def in_last_commit(path: Path) -> bool | None:
    """True when `path` is in the last commit of its repository; None without git or a repository."""
    try:
        run = subprocess.run(["git", "ls-tree", "--name-only", "HEAD", "--", path.name], cwd=path.parent,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(run.stdout.strip()) if run.returncode == 0 else None


def newer(first: Path, second: Path) -> Path:
    """The file to change of two that clash (`second` when nothing tells them apart)."""
    committed = in_last_commit(first), in_last_commit(second)
    if committed == (True, False):
        return second
    if committed == (False, True):
        return first
    try:
        return first if first.stat().st_mtime > second.stat().st_mtime else second
    except OSError:
        return second
