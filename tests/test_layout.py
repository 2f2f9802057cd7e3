"""The package's shape: parts by feature, each used through its public names.

- No module of quizkit reaches into another's private names (`from quizkit.x import _y`, `x._y`, `obj._y`
  on anything but `self`/`cls`): a private name can change without the rest of the package knowing.
- Importing the MkDocs plugin does not load the authors' tooling (quizkit/authoring/).
"""
from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import ROOT

PACKAGE = ROOT / "quizkit"
# MkDocs' live-reload server has no public hook for its injected script (quizkit/plugin/serve.py checks it exists).
ALLOWED = {("quizkit/plugin/serve.py", "server._inject_js_into_html")}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def reach_ins(source: str, path: str) -> list[str]:
    """Every use of another module's or object's private name in `source`, as 'path:line: what'."""
    found = []
    for node in ast.walk(ast.parse(source, path)):
        if isinstance(node, ast.ImportFrom):
            found += [f"{path}:{node.lineno}: from {'.' * node.level}{node.module or ''} import {alias.name}"
                      for alias in node.names if _private(alias.name)]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            if (path, ast.unparse(node)) not in ALLOWED:
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_uses_another_modules_private_names():
    found = [hit for file in sorted(PACKAGE.rglob("*.py"))
             for hit in reach_ins(file.read_text(encoding="utf-8"), file.relative_to(ROOT).as_posix())]
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_the_scan_finds_each_kind_of_reach_in():
    source = ("from quizkit.bank.validate import _friendly\nfrom .course_map import _front_matter\n"
              "import quizkit.strings as s\ns.strings._cache = 1\nself.quiz._course = None\nself._mine = 1\n")
    assert [hit.split(": ", 1)[1] for hit in reach_ins(source, "x.py")] == [
        "from quizkit.bank.validate import _friendly", "from .course_map import _front_matter",
        "s.strings._cache", "self.quiz._course"]


def test_importing_the_plugin_leaves_the_authors_tooling_unloaded():
    code = ("import sys, quizkit.plugin.plugin\n"
            "print(sorted(m for m in sys.modules if m.startswith('quizkit.authoring')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_one_list_of_question_types_that_the_schema_and_the_widget_script_follow():
    """A new question type goes into quizkit/bank/types.py; this says where else it must go."""
    import json
    import re

    from quizkit.bank.types import GRADED, TYPES

    schema = json.loads((PACKAGE / "schemas" / "bank.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert sorted(schema["question"]["properties"]["type"]["enum"]) == sorted(TYPES)
    assert sorted(schema["subquestion"]["properties"]["type"]["enum"]) == sorted(n for n, k in TYPES.items() if k.in_scenario)
    script = (PACKAGE / "assets" / "quiz.js").read_text(encoding="utf-8")
    table = re.search(r"^  const types = \{\n(.*?)^  \};", script, re.S | re.M).group(1)
    assert tuple(re.findall(r"^    (\w+): \{", table, re.M)) == GRADED, "quiz.js's `types` table: one entry per graded type"


def test_no_page_of_the_course_nor_its_storage_key_is_written_into_the_engine():
    """The course's own values live in mkdocs.yml (tool_pages, summary_sections, cast_skip, storage_key…) or in
    quizzes/: a string in quizkit's Python that is one of docs/'s pages or the course's key is a course value."""
    docs = ROOT / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    # index.md and quiz.md are the engine's conventions (a folder's page, a chapter's quiz), not this course's.
    values = (pages | {page.rsplit("/", 1)[-1] for page in pages}) - {"index.md", "quiz.md"} | {"aa-course"}
    found = [f"{file.relative_to(ROOT).as_posix()}:{node.lineno}: {node.value!r}"
             for file in sorted(PACKAGE.rglob("*.py")) for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and node.value in values]
    assert not found, "course values in the engine:\n" + "\n".join(found)
