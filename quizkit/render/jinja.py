"""The one Jinja environment factory: the tools and the journey render with the same rules."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from quizkit.render.text import MarkdownText


def environment(folder: str, text: MarkdownText | None = None) -> Environment:
    """quizkit/templates/`folder`/: autoescaped, strings too; an undefined name is an error.
    With `text`, the md/mdi filters render Markdown that the text module has already escaped and sanitised."""
    env = Environment(
        loader=PackageLoader("quizkit", f"templates/{folder}"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,  # a build renders the same templates many times; don't stat them each time
    )
    if text is not None:
        env.filters["md"] = lambda value: Markup(text.block(value))
        env.filters["mdi"] = lambda value: Markup(text.inline(value))
    return env
