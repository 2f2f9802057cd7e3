"""Turn a validated Bank into the widget's HTML with the Jinja2 templates.

The HTML is complete on its own: with JavaScript off a reader sees every
question, and each answer, its feedback and explanation sit behind a
<details>. The browser script only enhances it, reading the answer key from
data attributes.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from quizkit.bank.course import resolve_page
from quizkit.bank.fingerprint import fingerprint, legacy_fingerprint
from quizkit.bank.model import Bank
from quizkit.bank.order import never_in_order, option_order
from quizkit.strings import strings
from quizkit.render.jinja import environment
from quizkit.render.text import MarkdownText, relative_href


class Renderer:
    def __init__(self, language: str | None = None, templates: Path | None = None, href=relative_href):
        self.text = MarkdownText()
        self.href = href  # (from page, docs target) -> link
        self.strings = strings(language)
        self.env = environment("quiz", self.text, replace=templates)
        self.env.filters["plain"] = self.text.plain
        self.env.globals.update(shuffled=never_in_order, option_order=option_order, fingerprint=fingerprint,
                                legacy_fingerprint=legacy_fingerprint)
        # The widget's language, not English: the default scale comes from the strings file.
        self.env.globals["default_likert"] = tuple(self.strings[f"likert_{i}"] for i in range(1, 6))
        # What questions.html needs, as globals: imported without the caller's context, Jinja makes its
        # macros once, not once per widget.
        self.env.globals.update(t=self.strings, review_href=lambda target: self._review(target))

    def render(self, bank: Bank, on: str | None = None) -> str:
        """The widget for `bank`, with links relative to the page it is shown `on` (its own by default)."""
        self._links(bank, on or bank.page)
        template = self.env.get_template("bank.html")
        return template.render(bank=bank, t=self.strings, review_href=self._review).strip()

    def render_practice(self, banks: list[Bank], page: str, titles: dict[str, str]) -> str:
        """The practice page's widget: every graded question of `banks` (in course order), links relative to `page`."""
        groups = []
        template = self.env.get_template("practice_group.html")
        for bank in banks:
            if not bank.graded():
                continue
            self._links(bank, page)
            groups.append(Markup(template.render(
                bank=bank, t=self.strings, review_href=self._review, title=titles.get(bank.page, bank.page),
                page_href=self.href(page, bank.page)).strip()))
        return self.env.get_template("practice.html").render(groups=groups, t=self.strings).strip()

    def _links(self, bank: Bank, page: str) -> None:
        """Links as written in `bank` (relative to its lesson), made relative to the `page` they appear on."""
        self.text.resolve = lambda href: self.href(page, _from_docs(bank.page, href))
        self._review = lambda target: self.href(page, _from_docs(bank.page, target)) if target else ""


def _from_docs(page: str, target: str) -> str:
    """A link as written in `page`'s bank, as a docs-relative target (see resolve_page)."""
    path, sep, anchor = target.partition("#")
    return resolve_page(page, path) + sep + anchor
