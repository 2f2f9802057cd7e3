"""The browser files as built: core bundle on every page, a tool's files only where the tool is."""
from __future__ import annotations

import pytest

from quizkit.assets_pipeline import CORE_CSS, CORE_JS, AssetError, AssetPipeline
from quizkit.resources import ASSETS, read_text

SOURCES = {
    "core.js": "/* core */\nwindow.core = 1;\n",
    "tool.js": "/* a tool\n * @quizkit-when [data-tool], .tool-box\n */\nwindow.tool   =   2;\n",
    "core.css": "/* core */\n.a {  color: red; }\n",
    "tool.css": "/* tool\n   @quizkit-when .tool-box */\n.tool-box { margin: 0; }\n",
    "loader.js": "/* loader */ window.loader = 3;\n",
}


def pipeline(sources=SOURCES) -> AssetPipeline:
    return AssetPipeline([n for n in sources if n != "loader.js"], sources.__getitem__)


def test_core_is_bundled_minified_with_the_loader_last():
    p = pipeline()
    files = p.files()
    assert set(files) == {CORE_JS, CORE_CSS, "tool.js", "tool.css"}
    assert files[CORE_JS] == "window.core=1;\nwindow.loader=3;"
    assert files[CORE_CSS] == ".a{color:red}"
    assert files["tool.js"] == "window.tool=2;"


def test_a_page_without_the_tool_gets_only_the_core():
    link, script = pipeline().tags("<p>the word tool-box in text</p>", lambda u: "/a/" + u, "{}")
    assert link == '<link rel="stylesheet" href="/a/quizkit.css">'
    assert 'src="/a/quizkit.js"' in script and "defer" in script
    assert "[data-tool], .tool-box" in script.replace("&quot;", '"')  # the loader's list


@pytest.mark.parametrize("html", ['<div class="x tool-box">', '<div data-tool="1">', "<div data-tool>"])
def test_a_tool_page_gets_one_stylesheet_with_the_tool_styles(html):
    p = pipeline()
    link, _ = p.tags(html, lambda u: u, "{}")
    if "tool-box" in html:
        assert link == '<link rel="stylesheet" href="quizkit-tool.css" data-quizkit-has="tool.css">'
        assert p.combined["quizkit-tool.css"] == ".a{color:red}\n.tool-box{margin:0}"
    else:  # the script's selector matches, the stylesheet's does not
        assert link == '<link rel="stylesheet" href="quizkit.css">'


def test_an_unusable_selector_names_the_file_and_line():
    bad = {**SOURCES, "tool.js": "/* a tool\n * @quizkit-when div > p\n */\nx();\n"}
    with pytest.raises(AssetError, match=r"quizkit/assets/tool\.js:2: .*'div > p'"):
        pipeline(bad)


def test_the_real_assets_build_and_shrink():
    p = AssetPipeline(ASSETS, lambda n: read_text("assets", n))
    assert {a.name for a in p.on_demand} >= {"cycle.js", "tools.css"}
    sources = sum(len(read_text("assets", n)) for n in ASSETS)
    assert sum(len(t) for t in p.files().values()) < 0.8 * sources
