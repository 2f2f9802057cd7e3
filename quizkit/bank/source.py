"""Load YAML while remembering the line every value came from.

PyYAML's `safe_load` forgets positions and silently keeps the last of two
duplicate keys. Authors need `bank.yml:12: ...` messages, so we compose the
node graph ourselves and build plain Python data beside a map from each
value's path (a tuple of keys and indexes) to its 1-based line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple  # a value's location in the document: ("questions", 2, "options")

# libyaml's composer when PyYAML was built with it: same nodes, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"


class BankError(Exception):
    """One problem in one file, pinned to a line, phrased as what to fix."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass
class Located:
    """A parsed YAML document and the line of every value in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path: Path_, message: str) -> BankError:
        return BankError(self.file, self.line(path), message)


def display_path(path: Path, root: Path) -> str:
    """`path` as messages show it: relative to `root` (the folder of mkdocs.yml) when it is under it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def load(path: Path, display: str | None = None) -> Located:
    """Parse one YAML file; raise BankError for syntax errors and duplicate keys."""
    return load_bytes(path.read_bytes(), display or str(path))


def load_bytes(data: bytes, name: str) -> Located:
    """Parse one YAML file's bytes; raise BankError for text that is not UTF-8, syntax errors and duplicate keys."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError(name, None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    return loads(text.replace("\r\n", "\n").replace("\r", "\n"), name)


def loads(text: str, name: str) -> Located:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "could not be read"
        bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        hint = " (indent with spaces, not tabs)" if "\t" in bad_line else (
            indent_fix(text.splitlines(), line) or quote_fix(bad_line) or flow_fix(bad_line) or _syntax_hint(problem))
        raise BankError(name, line, f"YAML syntax error: {problem}{hint}") from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise BankError(name, None, f"YAML could not be read: {exc}") from None
    doc = Located(name, None)
    if node is None:
        return doc
    doc.data = _build(node, (), doc, yaml.SafeLoader(""))
    return doc


def _key_column(line: str) -> int:
    """Where a line's key starts: after its indentation and any list dashes."""
    column = len(line) - len(line.lstrip(" "))
    while line[column:].startswith("- "):
        column += 2 + len(line[column + 2:]) - len(line[column + 2:].lstrip(" "))
    return column


def indent_fix(lines: list[str], line: int | None) -> str:
    """'check the indentation of line N against line M' when line N is indented differently from the line
    above it and no enclosing key starts at its column (a key pushed too far in, or not far enough); else ''."""
    if not line or line > len(lines) or not lines[line - 1].strip():
        return ""
    above = [(n, t) for n, t in enumerate(lines[: line - 1], 1) if t.strip() and not t.lstrip().startswith("#")]
    if not above:
        return ""
    n, prev = above[-1]
    here, there = _key_column(lines[line - 1]), _key_column(prev)
    opens_block = re.search(r":[ ]*(?:[|>][-+]?)?[ ]*(?:#.*)?$", prev) is not None
    if here > there and not opens_block:
        how = f"it starts {here - there} space{'s' if here - there != 1 else ''} further in, so YAML reads it as part of line {n}'s text"
    elif here < there and not any(_key_column(t) == here or len(t) - len(t.lstrip(" ")) == here for _, t in above):
        how = f"it starts {there - here} space{'s' if there - here != 1 else ''} further out, and no key above starts there"
    else:
        return ""
    return (f"; check the indentation of line {line} against line {n}: {how}. Keys of one question or option "
            "start in the same column (the same number of spaces)")


# `key: "quoted" and then more` (also after a list dash): a value that opens with a quote ends at its closing quote.
_QUOTED_VALUE = re.compile(r"""^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[\w-]+):[ ]+(?P<value>(?P<q>["']).*?\S)[ ]*$""")


def quote_fix(line: str) -> str:
    """The line at hand rewritten two ways that YAML reads as the author meant, or '' when it is not that mistake."""
    m = _QUOTED_VALUE.match(line)
    if not m or _reads(m.group("value")):
        return ""
    lead, key, value = m.group("lead"), m.group("key"), m.group("value")
    single = lead + key + ": '" + value.replace("'", "''") + "'"
    pad = " " * (len(lead) + 2)
    return (f"; the text starts with a quote, so YAML ends it at the closing quote. Write the whole text in single "
            f"quotes, doubling any ' inside it:\n{single}\nor as a block, the text indented on the next line:\n"
            f"{lead}{key}: >-\n{pad}{value}")


# `- {text: "Fine," Noor says, feedback: …}`: one option or pair on one line, in braces.
_FLOW = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?)\{(?P<body>.*)\}[ ]*$")
_FLOW_KEY = re.compile(r"(?:^|,)[ ]*([a-z_]+):[ ]+")


def flow_fix(line: str) -> str:
    """A `{key: value, …}` line YAML cannot read (a text that opens with a quote, or holds a comma),
    rewritten one key a line, each text that needs it in single quotes; '' when it is not that mistake."""
    m = _FLOW.match(line)
    keys = list(_FLOW_KEY.finditer(m.group("body"))) if m else []
    if not keys or keys[0].start() != 0:
        return ""
    body, lead = m.group("body"), m.group("lead")
    pad = " " * len(lead)
    rows = []
    for i, key in enumerate(keys):
        value = body[key.end(): keys[i + 1].start() if i + 1 < len(keys) else len(body)].strip()
        if not _reads(value) or "," in value or value[:1] in "\"'":
            value = "'" + value.replace("'", "''") + "'"
        rows.append((lead if i == 0 else pad) + key.group(1) + ": " + value)
    return ("; inside { } a text ends at a comma, and a text that starts with a quote ends at its closing quote. "
            "Write it one key a line, the text in single quotes (doubling any ' inside it):\n" + "\n".join(rows))


def _reads(value: str) -> bool:
    try:
        yaml.compose("k: " + value, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return True


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (a value contains ': '; put the whole text in quotes or use a '>-' block)"
    if "could not find expected ':'" in problem:
        return " (a key is missing its ':' or a line is indented wrongly)"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return " (quote text that starts with '*', '&', '[' or '{')"
    return " (check indentation and quoting on this line)"


def _build(node: yaml.Node, path: Path_, doc: Located, scalars: yaml.SafeLoader) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag == "tag:yaml.org,2002:merge" or any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value):
            raise doc.error(path, "YAML merge keys ('<<') are not supported in banks; write the keys out")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise BankError(doc.file, key_node.start_mark.line + 1, "a key must be plain text")
            key = key_node.value
            if key in out:
                raise BankError(
                    doc.file,
                    key_node.start_mark.line + 1,
                    f"duplicate key '{key}' (first on line {doc.lines[path + (key,)]}); keep only one",
                )
            out[key] = _build(value_node, path + (key,), doc, scalars)
            # Point at the key's line: for a block value that is where the author looks.
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, scalars) for i, item in enumerate(node.value)]
    if node.tag == _STR:  # most values: the constructor would return node.value as it is
        return node.value
    # Other scalars: let PyYAML's safe constructor resolve bools, ints, nulls, dates.
    try:
        value = scalars.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        # e.g. a lone '=', 'date: 2024-99-99', '!!int 0xZZ', '!!python/object': report, never crash.
        text = node.value if isinstance(node.value, str) else "this value"
        raise BankError(doc.file, node.start_mark.line + 1,
                        f"YAML could not read {text!r} as written; put the text in quotes") from None
    if not isinstance(value, (str, int, float, bool, type(None))):
        value = str(value)  # dates and timestamps: the schema will ask for text
    return value
