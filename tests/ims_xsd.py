"""Validation against the IMS XSDs vendored in tests/vendor/ims/ (QTI 2.1 and Content Packaging 1.1).

Every schema import resolves to a file in that folder: a resolver refuses any other
address, so validation never reaches the network (and fails loudly if a schema asks to).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

VENDOR = Path(__file__).resolve().parent / "vendor" / "ims"
QTI_XSD = VENDOR / "qtiv2p1" / "imsqti_v2p1.xsd"
CP_XSD = VENDOR / "imscp_v1p1.xsd"


class LocalOnly(etree.Resolver):
    """Lets the schema parser read files under tests/vendor/ims/ and nothing else."""

    def resolve(self, url, pubid, context):
        path = Path(url.removeprefix("file://")).resolve()
        if VENDOR.resolve() in path.parents and path.is_file():
            return self.resolve_filename(str(path), context)
        raise OSError(f"schema import outside tests/vendor/ims/ refused: {url}")


@lru_cache(maxsize=None)
def schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalOnly())
    return etree.XMLSchema(etree.parse(str(path), parser))


def errors(xml: bytes, xsd: Path) -> list[str]:
    """The schema's complaints about `xml`, as 'line N: message'; [] when it is valid."""
    check = schema(xsd)
    doc = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    if check.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in check.error_log]
