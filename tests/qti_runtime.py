"""A small QTI 2.1 response processor: runs an item's responseProcessing on a response, as a player would.

Written from the QTI 2.1 information model for the rules and expressions the export
writes (responseCondition, setOutcomeValue, match, member, not, isNull, index, sum,
multiple, correct, mapResponse, variable, baseValue). Anything else raises, so a new
construct in the export cannot be skipped silently. NULL is None; a multiple container
is a frozenset, an ordered one a tuple.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def _local(el: ET.Element) -> str:
    return el.tag[len(Q):] if el.tag.startswith(Q) else el.tag


class Item:
    def __init__(self, root: ET.Element):
        self.root = root
        self.responses = {d.get("identifier"): d for d in root.findall(Q + "responseDeclaration")}
        self.outcomes = {d.get("identifier"): d for d in root.findall(Q + "outcomeDeclaration")}

    def run(self, response) -> dict:
        """Outcomes after processing `response` (a str, a set or a list, as RESPONSE's cardinality says)."""
        values = {"RESPONSE": self._container("RESPONSE", response)}
        for name, decl in self.outcomes.items():
            default = decl.find(f"{Q}defaultValue/{Q}value")
            values[name] = self._typed(decl, default.text) if default is not None else None
        processing = self.root.find(Q + "responseProcessing")
        assert processing is not None and not processing.get("template"), "the export writes its rules out"
        self._rules(processing, values)
        return values

    def feedback(self, outcomes: dict) -> list[tuple[str, str]]:
        """The modalFeedback shown after processing: (identifier, text), in document order."""
        shown = []
        for fb in self.root.findall(Q + "modalFeedback"):
            value = outcomes.get(fb.get("outcomeIdentifier"))
            held = fb.get("identifier") in value if isinstance(value, frozenset) else fb.get("identifier") == value
            if held == (fb.get("showHide") == "show"):
                shown.append((fb.get("identifier"), " ".join("".join(fb.itertext()).split())))
        return shown

    # -- rules ----------------------------------------------------------------------
    def _rules(self, parent: ET.Element, values: dict) -> None:
        for rule in parent:
            kind = _local(rule)
            if kind == "setOutcomeValue":
                [expr] = list(rule)
                values[rule.get("identifier")] = self._eval(expr, values)
            elif kind == "responseCondition":
                for branch in rule:
                    b = _local(branch)
                    if b == "responseElse" or self._eval(branch[0], values) is True:
                        self._rules(branch if b == "responseElse" else _Tail(branch), values)
                        break
            else:
                raise NotImplementedError(kind)

    # -- expressions ----------------------------------------------------------------
    def _eval(self, el: ET.Element, values: dict):
        kind = _local(el)
        args = list(el)
        if kind == "variable":
            return values[el.get("identifier")]
        if kind == "baseValue":
            return self._base(el.get("baseType"), el.text)
        if kind == "correct":
            decl = self.responses[el.get("identifier")]
            return self._container(decl.get("identifier"), [v.text for v in decl.findall(f"{Q}correctResponse/{Q}value")],
                                   authored=True)
        if kind == "mapResponse":
            return self._map(el.get("identifier"), values)
        if kind == "isNull":
            return _null(self._eval(args[0], values))
        sub = [self._eval(a, values) for a in args]
        if kind == "match":
            return None if any(_null(s) for s in sub) else sub[0] == sub[1]
        if kind == "member":
            return None if any(_null(s) for s in sub) else sub[0] in sub[1]
        if kind == "not":
            return None if sub[0] is None else not sub[0]
        if kind == "index":
            n = int(el.get("n"))
            return None if _null(sub[0]) or n > len(sub[0]) else sub[0][n - 1]
        if kind == "sum":
            return None if any(s is None for s in sub) else sum(sub)
        if kind == "multiple":
            out = set()
            for s in sub:
                if not _null(s):
                    out |= s if isinstance(s, frozenset) else {s}
            return frozenset(out) if out else None
        raise NotImplementedError(kind)

    def _map(self, name: str, values: dict) -> float:
        mapping = self.responses[name].find(Q + "mapping")
        entries = {e.get("mapKey"): float(e.get("mappedValue")) for e in mapping.findall(Q + "mapEntry")}
        default = float(mapping.get("defaultValue", "0"))
        value = values[name]
        keys = value if isinstance(value, (frozenset, tuple)) else {value}
        total = sum(entries.get(k, default) for k in set(keys))  # each distinct value counts once
        return min(float(mapping.get("upperBound", "inf")), max(float(mapping.get("lowerBound", "-inf")), total))

    # -- values ---------------------------------------------------------------------
    def _container(self, name: str, value, authored: bool = False):
        decl = self.responses[name]
        cardinality = decl.get("cardinality")
        if value is None:
            return None
        if cardinality == "single":
            return value[0] if authored else value
        items = tuple(value)
        if not items:
            return None
        return items if cardinality == "ordered" else frozenset(items)

    def _typed(self, decl: ET.Element, text: str):
        return self._base(decl.get("baseType"), text)

    @staticmethod
    def _base(base_type: str, text: str):
        if base_type == "float":
            return float(text)
        if base_type == "integer":
            return int(text)
        if base_type in ("identifier", "directedPair", "pair"):
            return text.strip()
        raise NotImplementedError(base_type)


class _Tail:
    """A responseIf/responseElseIf without its condition: the rules it runs."""

    def __init__(self, branch: ET.Element):
        self.rules = list(branch)[1:]

    def __iter__(self):
        return iter(self.rules)


def _null(value) -> bool:
    return value is None or (isinstance(value, (frozenset, tuple)) and not value)
