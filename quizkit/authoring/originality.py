"""Our own words: find runs of 8 words that the source article also has, without its text.

The repository never holds the source article. It holds `authoring/source-runs.txt` (named
by the plugin's `source_runs` setting in mkdocs.yml, so `build_quizzes.py check` runs it): one
BLAKE2b hash (8 bytes, hex) per run of RUN consecutive words of the article, sorted, so
neither the words nor their order can be read back from it. Words are normalised exactly as
shared/tools/seed_overlap.py does (lowercase, curly apostrophes made straight, words are
letters and digits with an optional 's-style ending), so both tools find the same runs.

    .venv/bin/python -m quizkit.authoring.originality regenerate [SEED_DIR]    # rewrite authoring/source-runs.txt

Regenerate only when the source article changes. SEED_DIR defaults to ../shared/seed beside
the checkout (/work/shared/seed/ on the project's machines); every .txt file in it is hashed.
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path.cwd()  # the course: the folder that holds mkdocs.yml
HASHES = ROOT / "authoring" / "source-runs.txt"
SEED_DIR = ROOT.parent / "shared" / "seed"
RUN = 8
# What seed_overlap.py reads in a folder.
SUFFIXES = {".md", ".yml", ".yaml", ".html", ".txt", ".json", ".j2", ".py", ".js"}
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return WORD.findall(text)


def run_hash(run: Iterable[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def run_hashes(text: str, n: int = RUN) -> set[str]:
    ws = words(text)
    return {run_hash(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def load_hashes(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def files(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from (f for f in sorted(p.rglob("*")) if f.suffix in SUFFIXES and f.is_file())
        elif p.is_file():
            yield p


def shared_runs(path: Path, hashes: set[str], n: int = RUN) -> list[str]:
    """'file:line: words' for each run of n+ words in `path` whose n-word windows are all in `hashes`."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (UnicodeDecodeError, OSError):
        return []
    # Words of the whole file, so a run that wraps across lines is found; remember each word's line.
    ws, line_of = [], []
    for no, line in enumerate(lines, 1):
        lw = words(line)
        ws += lw
        line_of += [no] * len(lw)
    found, i = [], 0
    while i <= len(ws) - n:
        if run_hash(ws[i:i + n]) in hashes:
            j = i + n
            while j < len(ws) and run_hash(ws[j - n + 1:j + 1]) in hashes:
                j += 1
            found.append(f"{path}:{line_of[i]}: {' '.join(ws[i:j])}")
            i = j
        else:
            i += 1
    return found


def check(paths: Iterable[Path], hashes: set[str]) -> list[str]:
    """'file:line: words' for every run of RUN+ words in `paths` that the source shares."""
    return [hit for f in files(paths) for hit in shared_runs(f, hashes)]


def regenerate(seed_dir: Path) -> int:
    sources = sorted(seed_dir.glob("*.txt"))
    if not sources:
        raise SystemExit(f"{seed_dir}: no .txt file to hash")
    hashes = set().union(*(run_hashes(s.read_text(encoding="utf-8")) for s in sources))
    header = [
        f"# BLAKE2b-64 of every run of {RUN} consecutive words of the source article, sorted;",
        "# the article's text is not in this repository. Normalisation: see quizkit/authoring/originality.py.",
        "# Regenerate: .venv/bin/python -m quizkit.authoring.originality regenerate <seed folder>",
    ]
    HASHES.write_text("\n".join(header + sorted(hashes)) + "\n", encoding="utf-8")
    return len(hashes)


def main(argv: list[str]) -> int:
    if argv[:1] == ["regenerate"] and len(argv) <= 2:
        seed_dir = Path(argv[1]) if len(argv) == 2 else SEED_DIR
        print(f"{regenerate(seed_dir)} hashes written to {HASHES.relative_to(ROOT)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
