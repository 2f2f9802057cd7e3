"""fastjsonschema's validator for a schema, compiled once per schema rather than once per build.

fastjsonschema turns a schema into Python source (about 0.5 MB for the bank schema)
and compiles it, which cost every build ~60 ms. The compiled code is written once
to a cache folder, named after the schema's hash, fastjsonschema's version and
the Python version, and loaded from there (what Python does with a module's
.pyc). Only those decide the file, never the course, so a stale file cannot be
read; an unreadable or unwritable cache falls back to compiling.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from pathlib import Path

import fastjsonschema


def cache_dir() -> Path:
    """$QUIZKIT_CACHE_DIR, else quizkit/ under $XDG_CACHE_HOME or ~/.cache."""
    if os.environ.get("QUIZKIT_CACHE_DIR"):
        return Path(os.environ["QUIZKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "quizkit"


def compiled_validator(schema: dict, name: str):
    """A function that raises fastjsonschema.JsonSchemaException for data `schema` rejects."""
    text = json.dumps(schema, sort_keys=True)
    digest = hashlib.sha256((fastjsonschema.VERSION + text).encode()).hexdigest()[:16]
    path = cache_dir() / f"{name}-validator-{digest}.{sys.implementation.cache_tag}.bin"
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = compile(fastjsonschema.compile_to_code(schema), f"<{name} schema validator>", "exec")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(code))
            tmp.replace(path)  # atomic: a parallel build never reads half a file
        except OSError:
            pass
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (fastjsonschema's own generated code, as fastjsonschema.compile runs it)
    # The schema's own function is defined first; the rest are its $ref helpers.
    return next(v for k, v in namespace.items() if k.startswith("validate") and callable(v))
