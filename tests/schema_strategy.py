"""Hypothesis strategies for documents that a JSON Schema accepts, and for near misses.

Covers the keywords the bank schema uses: type, properties, required, additionalProperties,
items, minItems/maxItems, minLength, pattern, minimum/maximum, enum, const, $ref to #/$defs,
and allOf of if/then branches keyed on a const (one branch is chosen and its `then` generated).
A keyword it does not know raises, so a schema change cannot quietly narrow what is generated.
"""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

KNOWN = {"type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "minLength",
         "pattern", "minimum", "maximum", "enum", "const", "$ref", "allOf", "if", "then",
         "$schema", "$id", "$defs", "title", "description", "examples", "default"}
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def valid(schema: dict, root: dict | None = None) -> st.SearchStrategy[Any]:
    root = root or schema
    unknown = set(schema) - KNOWN
    if unknown:
        raise NotImplementedError(f"schema keywords not handled: {sorted(unknown)}")
    if "$ref" in schema:
        return valid(root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root)
    if "allOf" in schema:  # a tagged union: pick a branch; its `then` fixes the tag and the rest
        return st.sampled_from(schema["allOf"]).flatmap(lambda branch: valid(branch["then"], root))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema["type"]
    if kind == "string":
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return TEXT.filter(lambda s: len(s) >= schema.get("minLength", 0))
    if kind == "boolean":
        return st.booleans()
    if kind == "number":
        lo, hi = schema.get("minimum"), schema.get("maximum")
        return st.one_of(st.integers(lo, hi), st.floats(lo, hi, allow_nan=False))
    if kind == "array":
        lo = schema.get("minItems", 0)
        return st.lists(valid(schema["items"], root), min_size=lo, max_size=min(schema.get("maxItems", lo + 3), lo + 3))
    if kind == "object":
        props = {k: valid(v, root) for k, v in schema.get("properties", {}).items()}
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries({k: v for k, v in props.items() if k in required},
                                     optional={k: v for k, v in props.items() if k not in required})
    raise NotImplementedError(f"schema type not handled: {kind!r}")


def _mutate(data: Any, draw) -> Any:
    """`data` with one change somewhere inside: a key dropped, added or retyped, a list emptied."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["drop", "add", "retype", "descend"]))
        out = dict(data)
        if action == "drop":
            del out[key]
        elif action == "add":
            out[draw(st.sampled_from(["corect", "answer", "items", "type", "extra"]))] = draw(TEXT)
        elif action == "retype":
            out[key] = draw(st.sampled_from([None, True, 3, "", [], {}]))
        else:
            out[key] = _mutate(data[key], draw)
        return out
    if isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        return draw(st.sampled_from([[], data[:i] + [_mutate(data[i], draw)] + data[i + 1:], data + data]))
    return draw(st.sampled_from([None, True, 0, "", "x", [], {}]))


@st.composite
def near_miss(draw, schema: dict) -> Any:
    """A valid document with one random change, so it is usually, but not always, invalid."""
    return _mutate(draw(valid(schema)), draw)
