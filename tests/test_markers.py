"""Where a page asks for a quiz or a tool: the block form, the older comment form, and both inert in code."""
from __future__ import annotations

import re

import markdown
import pytest

from quizkit.render.quiz_extension import QuizError, QuizExtension
from quizkit.render.tools_extension import ToolsExtension

from .conftest import FIXTURE_SITE, ROOT

DOCS, QUIZZES = FIXTURE_SITE / "docs", FIXTURE_SITE / "quizzes"


def render(text: str, extensions=("pymdownx.superfences",), **kw) -> str:
    quiz = QuizExtension(quizzes_dir=str(QUIZZES), docs_dir=str(DOCS), **kw)
    return markdown.markdown(text, extensions=[*extensions, "attr_list", "toc", quiz])


def test_block_renders_the_widget_with_its_heading():
    html = render("Intro.\n\n/// quiz | basics/first-lesson\n///\n\nAfter.")
    assert html.count('<section class="qz"') == 1 and 'data-qz-id="fx-single"' in html
    assert re.search(r'<h2 [^>]*id="quiz"', html) and html.index("Intro.") < html.index("qz") < html.index("After.")


def test_older_comment_marker_still_works():
    html = render("Intro.\n\n<!-- quiz: basics/first-lesson -->\n\nAfter.")
    assert html.count('<section class="qz"') == 1


EXAMPLES = {
    "fenced block": "```markdown\n/// quiz | basics/first-lesson\n///\n```",
    "fenced comment": "```markdown\n<!-- quiz: basics/first-lesson -->\n```",
    "indented block": "An example:\n\n    /// quiz | basics/first-lesson\n    ///",
    "indented comment": "An example:\n\n    <!-- quiz: basics/first-lesson -->",
    "inline code": "Write `/// quiz` and `<!-- quiz -->` on lines of their own.",
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("extensions", [("pymdownx.superfences",), ("fenced_code",)], ids=["superfences", "fenced_code"])
def test_markers_in_code_stay_code(name, extensions):
    html = render(EXAMPLES[name], extensions=extensions)
    assert 'class="qz"' not in html and "<code" in html, html
    assert "quiz" in html  # shown as written


def test_tool_markers_in_code_stay_code():
    tools = ToolsExtension(quizzes_dir=str(ROOT / "quizzes"), docs_dir=str(ROOT / "docs"))
    html = markdown.markdown("    /// cycle-diagram\n    ///\n\n```\n<!-- progress: data -->\n```\n",
                             extensions=["pymdownx.superfences", tools])
    assert "data-aa-" not in html and html.count("<code") == 2
    live = markdown.markdown("/// cycle-diagram\n///\n", extensions=[tools])
    assert "data-aa-cycle" in live


def test_problems_say_what_to_do():
    with pytest.raises(QuizError, match="must name its bank"):
        render("/// quiz\n///")
    with pytest.raises(QuizError, match="no valid bank for basics/nothing.md"):
        render("/// quiz | basics/nothing\n///")
    with pytest.raises(QuizError, match="must be followed by a line '///'"):
        render("/// quiz | basics/first-lesson\n\nText.")


def test_under_the_plugin_a_lesson_without_marker_gets_the_widget_before_sources():
    quiz = QuizExtension(quizzes_dir=str(QUIZZES), docs_dir=str(DOCS))
    quiz.page = "basics/second-lesson.md"
    html = markdown.markdown("# L\n\nText.\n\n    /// quiz\n    ///\n\n## Sources {#sources}\n\n- A.\n",
                             extensions=["attr_list", "toc", quiz])
    assert html.count('<section class="qz"') == 1
    assert html.index("<pre><code>/// quiz") < html.index('class="qz"') < html.index('id="sources"')
