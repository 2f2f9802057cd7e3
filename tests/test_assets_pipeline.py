"""The browser files as built: core bundle on every page, a tool's files only where the tool is."""
from __future__ import annotations

import pytest

from quizkit.plugin.assets_pipeline import CORE_CSS, CORE_JS, AssetError, AssetPipeline
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
    assert files[CORE_JS] == "window.core=1;\nwindow.loader=3"
    assert files[CORE_CSS] == ".a{color:red}"
    assert files["tool.js"] == "window.tool=2"


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


def test_bundled_scripts_stay_apart_when_minified_without_a_final_semicolon():
    # Each source is an IIFE; minified, it ends "})()" with no ";", and the next starts with "(":
    # joined by a bare newline, the second would be called on the first's result.
    iife = {"a.js": "(() => { window.a = 1; })();\n", "b.js": "(() => { window.b = 2; })();\n",
            "loader.js": "(() => { window.c = 3; })();\n"}
    core = AssetPipeline(["a.js", "b.js"], iife.__getitem__).core_js
    assert core.count("})();\n(") == 2, core


def test_local_names_are_shortened_and_globals_kept():
    src = {"a.js": "(() => {\n  const longLocalName = document.title;\n  window.courseThing = longLocalName;\n})();\n",
           "loader.js": ""}
    core = AssetPipeline(["a.js"], src.__getitem__).core_js
    assert "longLocalName" not in core and "window.courseThing=" in core and "document.title" in core


def test_an_element_selector_matches_the_element_only():
    src = {**SOURCES, "table.css": "/* tables\n   @quizkit-when table */\n.t { margin: 0; }\n"}
    p = pipeline(src)
    assert p.tags("<p>a table of figures</p>", lambda u: u, "{}")[0] == '<link rel="stylesheet" href="quizkit.css">'
    link, _ = p.tags('<table data-aa-stack="">', lambda u: u, "{}")
    assert link == '<link rel="stylesheet" href="quizkit-table.css" data-quizkit-has="table.css">'


def test_a_tool_page_carries_its_own_tool_styles_only():
    p = AssetPipeline(ASSETS, lambda n: read_text("assets", n))
    link, _ = p.tags('<figure class="aa-tool cy" data-aa-cycle data-aa-data="{}">', lambda u: u, "{}")
    assert link == '<link rel="stylesheet" href="quizkit-tools-cycle.css" data-quizkit-has="tools.css cycle.css">'
    sheet = p.combined["quizkit-tools-cycle.css"]
    assert ".cy-tab" in sheet and ".pg-lessons" not in sheet and ".sa-scale" not in sheet


def test_a_lesson_carries_no_page_only_journey_parts():
    p = AssetPipeline(ASSETS, lambda n: read_text("assets", n))
    core_js, core_css = p.files()[CORE_JS], p.files()[CORE_CSS]
    assert "aa-done-mark" in core_js and "aa-done-mark" in core_css  # the done marks are on every page
    for page_only in ("data-aa-start-link", "data-aa-finish", "aa-start__button", "aa-reflection", "aa-complete__icon"):
        assert page_only not in core_js and page_only not in core_css, page_only
    link, _ = p.tags('<div class="aa-complete-slot" data-aa-chapter-complete>', lambda u: u, "{}")
    assert "journey-pages.css" in link
