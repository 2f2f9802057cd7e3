"""Material's inline scripts, which we serve as files so the CSP can forbid inline code.

When Material changes one of them, its hash here stops matching: re-port the
change into overrides/assets/theme/<name>.js, then update the hash.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
PORTED_FROM = {  # sha256 of Material 9.8.2's partials/javascripts/<name>.html
    "base": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    "palette": "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
    "content": "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
    "announce": "fbc798036968edbf0b7a35cff569cdf058eb131738ff7b8108281908affac0a6",
}


@pytest.mark.parametrize("name", list(PORTED_FROM))
def test_material_original_is_the_one_we_ported(name):
    text = (MATERIAL / f"{name}.html").read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode()).hexdigest() == PORTED_FROM[name], (
        f"Material changed partials/javascripts/{name}.html: port it to overrides/assets/theme/{name}.js")


@pytest.mark.parametrize("name", ["palette", "content", "announce"])
def test_verbatim_copies_match_material(name):
    # content.html's first script only runs with content.tabs.link, which the course does not use.
    original = re.findall(r"<script>(.*)</script>", (MATERIAL / f"{name}.html").read_text(encoding="utf-8"))[-1]
    ours = (ROOT / "overrides" / "assets" / "theme" / f"{name}.js").read_text(encoding="utf-8")
    assert original in ours


@pytest.mark.parametrize("name", list(PORTED_FROM))
def test_override_loads_the_file_instead_of_inline_code(name):
    partial = (ROOT / "overrides" / "partials" / "javascripts" / f"{name}.html").read_text(encoding="utf-8")
    assert f"assets/theme/{name}.js" in partial
    assert "<script>" not in partial


def declarations(block: str) -> dict[str, str]:
    parts = re.split(r";(?![^(]*\))", block)
    return {k.strip(): " ".join(v.split()) for k, _, v in (p.partition(":") for p in parts) if k.strip()}


def test_the_no_javascript_dark_palette_carries_materials_slate_values():
    """a11y.css gives JS-off readers who prefer dark Material's slate variables, copied: when Material
    changes them, the copy must follow."""
    palette = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    text = palette.read_text(encoding="utf-8")
    slate = declarations(re.search(r"\[data-md-color-scheme=slate\]\{([^{}]*)\}", text).group(1))
    # and the link colour Material gives the course's primary (teal) in that scheme
    slate.update(declarations(re.search(r"\[data-md-color-scheme=slate\]\[data-md-color-primary=teal\]\{([^{}]*)\}", text).group(1)))
    css = (ROOT / "overrides" / "assets" / "a11y.css").read_text(encoding="utf-8")
    ours = declarations(re.search(r"\.no-js body\[[^{]*\{([^{}]*)\}", css).group(1))
    assert len(slate) > 30
    assert {k: ours.get(k) for k in slate} == slate
