"""What one build made from the course, kept for the next build of the same course.

A build spends most of its own time on things that depend only on the course's
files: loading and checking every YAML file, the lessons' widgets, the item
rules' findings, the teachers' downloads (QTI, GIFT, JSON), the minified
browser files, and which stylesheets each page needs. When none of
those files has changed since the last build, those results are read back
instead of made again (what Material's social plugin does with its cards, or
Python with a module's .pyc).

An entry's name is a hash of everything that went into it: the files' bytes
(every file under quizzes/, every Markdown page, mkdocs.yml, the theme's own
templates folder), the plugin's settings, the
package's own code, templates and strings, and the versions of the libraries
that shape the output. So a stale entry is never read: change one byte of any
of them and the name changes. An entry that cannot be read (damaged, written
by another Python) is made again. Entries live beside the compiled schema
(`~/.cache/quizkit/`, or `$XDG_CACHE_HOME/quizkit/`); the newest few of each
kind are kept. `plugins: - quizkit: cache: false` turns it off.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .compiled_schema import cache_dir

PACKAGE = Path(__file__).resolve().parent
KEEP = 4  # entries of each kind: a few courses (or branches) side by side
_LIBRARIES = ("markdown", "pymdownx", "jinja2", "yaml", "fastjsonschema", "mkdocs", "material")


class BuildCache:
    def __init__(self, enabled: bool = True, folder: Path | None = None):
        self.folder = (folder or cache_dir() / "builds") if enabled else None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *parts: str | bytes, files: Iterable[tuple[str, str | Path]] = ()) -> str:
        """The entry name for these settings and files (name shown, path read): the bytes, not the dates."""
        digest = hashlib.blake2b(package_salt(), digest_size=20)
        for part in parts:
            _add(digest, part if isinstance(part, bytes) else part.encode("utf-8"))
        for name, path in files:
            _add(digest, name.encode("utf-8"))
            try:
                with open(path, "rb") as file:
                    _add(digest, file.read())
            except OSError:
                _add(digest, b"\0missing")
        return digest.hexdigest()

    def load(self, kind: str, key: str):
        """The value stored under `kind`/`key`, or None."""
        if not self.folder:
            return None
        try:
            data = (self.folder / f"{kind}-{key}.pickle").read_bytes()
        except OSError:
            return None
        gc.disable()  # unpickling makes many objects that all live: collecting meanwhile only costs time
        try:
            value = pickle.loads(data)  # noqa: S301 (written by this module, in the user's own cache)
        except Exception:  # a damaged or foreign entry: make it again
            return None
        finally:
            freeze()
            gc.enable()
        return value

    def store(self, kind: str, key: str, value) -> None:
        """Keep `value`; a cache folder that cannot be written leaves the build as it was."""
        if not self.folder:
            return
        path = self.folder / f"{kind}-{key}.pickle"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)  # atomic: a parallel build never reads half an entry
            self._prune(kind)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass

    def files(self, kind: str, key: str) -> dict[str, Path] | None:
        """The files stored under `kind`/`key` (name -> path), or None: the build copies them, never reads them."""
        folder = self.folder / f"{kind}-{key}" if self.folder else None
        if folder is None or not folder.is_dir():
            return None
        return {p.name: p for p in sorted(folder.iterdir())}

    def store_files(self, kind: str, key: str, files: dict[str, bytes]) -> None:
        if not self.folder:
            return
        folder = self.folder / f"{kind}-{key}"
        tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        try:
            tmp.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            tmp.rename(folder)  # whole or not at all; a parallel build that got there first wins
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            return
        self._prune(kind)

    def _prune(self, kind: str) -> None:
        entries = [p for p in self.folder.glob(f"{kind}-*") if not p.name.endswith(".tmp")]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


_froze = False  # whether freeze() froze the collector's objects, and thaw() has not yet given them back


def freeze() -> None:
    """What the build made or read back so far lives to its end: the collector need not walk it again at
    every collection of the old generation (see thaw())."""
    global _froze
    gc.freeze()
    _froze = True


def thaw() -> None:
    """Give back to the collector what freeze() froze during the last build; called when a build starts.

    Not at the end of a build: a `mkdocs build` then exits with them frozen, and the interpreter's last
    collection skips them (at 2,000 pages it otherwise walks ~200 k objects: ~0.3 s of the process's
    time). A process that builds again (`mkdocs serve`, tests, scripts) has them collected from its
    next build on. Objects that someone else froze are left as they are."""
    global _froze
    if _froze:
        gc.unfreeze()
        _froze = False


@lru_cache(maxsize=4)
def package_salt(package: Path = PACKAGE) -> bytes:
    """The package's own files (code, templates, strings, schemas, assets) and the libraries' versions."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        _add(digest, path.relative_to(package).as_posix().encode())
        _add(digest, path.read_bytes())
    _add(digest, sys.version.encode())
    for name in _LIBRARIES:
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None) or getattr(module, "VERSION", None)
        _add(digest, f"{name}={version}".encode())
    return digest.digest()


def _add(digest, data: bytes) -> None:
    digest.update(len(data).to_bytes(8, "little"))  # length first: ("ab", "c") and ("a", "bc") differ
    digest.update(data)
