"""Turn a validated Bank into the widget's HTML.

The HTML is complete on its own: with JavaScript off a reader sees every
question, and each answer, its feedback and explanation sit behind a
<details>. The browser script only enhances it, reading the answer key from
data attributes.

Plain string building, one function per question type: a build renders every
bank once, and Jinja's macro calls cost several times the rest of the work.
Every value from a bank or the strings file goes through `_e` (Jinja's own
escaping, byte for byte) or through the Markdown renderer (quizkit/render/text.py),
which escapes and sanitises.
"""
from __future__ import annotations

from quizkit.bank.course import resolve_page
from quizkit.bank.fingerprint import fingerprint, legacy_fingerprint
from quizkit.bank.model import Bank, Question
from quizkit.bank.order import never_in_order, option_order
from quizkit.strings import strings
from quizkit.render.text import MarkdownText, relative_href


def _e(value) -> str:
    """Escaped for HTML text and attribute values, as Jinja's autoescape (markupsafe) writes it."""
    return (str(value).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


class Renderer:
    def __init__(self, language: str | None = None, href=relative_href):
        self.text = MarkdownText()
        self.href = href  # (from page, docs target) -> link
        self.t = strings(language)
        # The widget's language, not English: the default scale comes from the strings file.
        self.default_likert = tuple(self.t[f"likert_{i}"] for i in range(1, 6))
        self._review = lambda target: ""

    def render(self, bank: Bank, on: str | None = None) -> str:
        """The widget for `bank`, with links relative to the page it is shown `on` (its own by default)."""
        self._links(bank, on or bank.page)
        t = self.t
        out = [f'<section class="qz" data-qz-kind="{_e(bank.kind)}" data-qz-pass="{_e(bank.pass_mark)}"'
               f' aria-label="{_e(bank.title or t["check_heading"])}">\n']
        if bank.intro:
            out.append(f'<div class="qz-intro">{self.text.block(bank.intro)}</div>\n')
        out.append(f'<noscript><p class="qz-note">{_e(t["noscript"])}</p></noscript>\n')
        for n, question in enumerate(bank.questions, 1):
            out.append((self._scenario if question.type == "scenario" else self._question)(question, str(n)))
            out.append("\n")
        out.append('<div class="qz-summary" role="status" aria-live="polite" data-qz-summary></div>\n</section>')
        return "".join(out)

    def render_practice(self, banks: list[Bank], page: str, titles: dict[str, str]) -> str:
        """The practice page's widget: every graded question of `banks` (in course order), links relative to `page`."""
        t = self.t
        out = [f'<section class="qz qz-practice" data-qz-kind="practice" aria-label="{_e(t["practice_label"])}">\n'
               f'<noscript><p class="qz-note">{_e(t["practice_noscript"])}</p></noscript>\n'
               '<p class="qz-note" role="status" aria-live="polite" data-qz-practice-status hidden></p>\n']
        for bank in banks:
            if not bank.graded():
                continue
            self._links(bank, page)
            out.append(f'<div class="qz-practice-group" data-qz-practice="{_e(bank.page)}" hidden>\n'
                       f'<h2><a href="{_e(self.href(page, bank.page))}">{_e(titles.get(bank.page, bank.page))}</a></h2>\n')
            for n, question in enumerate(bank.questions, 1):  # numbered as on the lesson: ungraded ones count
                if question.type == "scenario":
                    out.append(self._scenario(question, str(n)) + "\n")
                elif question.graded:
                    out.append(self._question(question, str(n)) + "\n")
            out.append("</div>\n")
        out.append('<div class="qz-summary" role="status" aria-live="polite" data-qz-summary></div>\n</section>')
        return "".join(out)

    def _links(self, bank: Bank, page: str) -> None:
        """Links as written in `bank` (relative to its lesson), made relative to the `page` they appear on."""
        self.text.resolve = lambda href: self.href(page, _from_docs(bank.page, href))
        self._review = lambda target: self.href(page, _from_docs(bank.page, target)) if target else ""

    # -- one question ------------------------------------------------------------------
    def _question(self, item: Question, number: str) -> str:
        if item.type in ("likert", "reflection"):
            return self._ungraded(item, number) + "\n"
        t, qid = self.t, _e(item.id)
        if item.type in ("single", "multiple", "truefalse"):
            body = self._choices(item, number)
        elif item.type == "ordering":
            body = self._ordering(item, number)
        elif item.type == "matching":
            body = self._matching(item, number)
        else:
            body = ""
        # Focus moves to the feedback after a check, so the verdict is read out; the next steps sit below
        # it, never where "Check" was, so a double click cannot reach them.
        return (f'<div class="qz-question" id="qz-{qid}" data-qz-id="{qid}" data-qz-type="{_e(item.type)}"'
                f' data-qz-hash="{_e(fingerprint(item))}" data-qz-was="{_e(legacy_fingerprint(item))}">\n'
                f'<form class="qz-form" data-qz-form>\n{body}\n'
                f'<div class="qz-actions" data-qz-actions hidden>\n'
                f'<button type="submit" class="md-button md-button--primary" data-qz-check>{_e(t["check"])}</button>\n'
                f'</div><div class="qz-feedback" aria-live="polite" tabindex="-1" data-qz-feedback></div>\n'
                f'<div class="qz-next" data-qz-next hidden>\n'
                f'<button type="button" class="md-button" data-qz-retry>{_e(t["retry"])}</button>\n'
                f'<button type="button" class="qz-link-button" data-qz-reveal>{_e(t["show_answer"])}</button>\n'
                f'</div>\n</form>\n{self._answer_key(item)}\n</div>\n')

    def _number(self, number: str) -> str:
        return _e(self.t["question_label"].replace("{n}", number))

    def _legend(self, item: Question, number: str) -> str:
        return (f'<legend class="qz-prompt"><span class="qz-number">{self._number(number)}</span>'
                f' {self.text.inline(item.prompt)}</legend>\n')

    def _choices(self, item: Question, number: str) -> str:
        t, qid = self.t, _e(item.id)
        out = ["<fieldset>\n", self._legend(item, number), "\n"]
        if item.type == "multiple":
            out.append(f'<p class="qz-hint">{_e(t["choose_all"])}</p>\n')
        out.append('<ul class="qz-options">\n')
        if item.type == "truefalse":
            for value, label in (("true", t["true"]), ("false", t["false"])):
                correct = " data-qz-correct" if (value == "true") == item.answer else ""
                out.append(f'<li><label class="qz-option"><input type="radio" name="qz-{qid}" value="{value}"{correct}>'
                           f' <span>{_e(label)}</span></label></li>\n')
        else:
            # Shown in option_order (quizkit/bank/order.py); value is the AUTHORED index, so saved answers never
            # depend on position.
            kind = "checkbox" if item.type == "multiple" else "radio"
            for index in option_order(item):
                option = item.options[index]
                correct = " data-qz-correct" if option.correct else ""
                out.append(f'<li><label class="qz-option"><input type="{kind}" name="qz-{qid}" value="{index}"{correct}>'
                           f' <span>{self.text.inline(option.text)}</span></label></li>\n')
        out.append("</ul>\n</fieldset>\n")
        return "".join(out)

    def _ordering(self, item: Question, number: str) -> str:
        t = self.t
        out = ["<fieldset>\n", self._legend(item, number), '\n<ol class="qz-order" data-qz-order>\n']
        for index in never_in_order(item.id, len(item.items)):
            label = self.text.plain(item.items[index])
            out.append(f'<li class="qz-order-item" data-qz-item="{index}">\n'
                       f'<span class="qz-order-text">{self.text.inline(item.items[index])}</span>\n'
                       '<span class="qz-mark" data-qz-mark></span>\n'
                       '<span class="qz-order-moves" data-qz-moves hidden>\n'
                       f'<button type="button" class="qz-move" data-qz-move="-1" aria-label="{_e(t["move_up"].replace("{item}", label))}">'
                       '<span aria-hidden="true">↑</span></button>\n'
                       f'<button type="button" class="qz-move" data-qz-move="1" aria-label="{_e(t["move_down"].replace("{item}", label))}">'
                       '<span aria-hidden="true">↓</span></button>\n'
                       '</span>\n</li>\n')
        out.append("</ol>\n</fieldset>\n")
        return "".join(out)

    def _matching(self, item: Question, number: str) -> str:
        qid = _e(item.id)
        rights = never_in_order(item.id + "/right", len(item.pairs))
        choices = "".join(f'<option value="{r}">{_e(self.text.plain(item.pairs[r].right))}</option>\n' for r in rights)
        out = ["<fieldset>\n", self._legend(item, number), '\n<ul class="qz-match">\n']
        for i, pair in enumerate(item.pairs):
            out.append(f'<li>\n<label for="qz-{qid}-{i}" class="qz-match-left">{self.text.inline(pair.left)}</label>\n'
                       f'<select id="qz-{qid}-{i}" data-qz-pair="{i}">\n'
                       f'<option value="">{_e(self.t["choose_placeholder"])}</option>\n{choices}'
                       '</select>\n<span class="qz-mark" data-qz-mark></span>\n</li>\n')
        out.append("</ul>\n</fieldset>\n")
        return "".join(out)

    def _answer_key(self, item: Question) -> str:
        t, md, mdi = self.t, self.text.block, self.text.inline
        out = [f'<details class="qz-key" data-qz-key>\n<summary>{_e(t["show_answer"])}</summary>\n']
        if item.type in ("single", "multiple"):
            out.append('<ul class="qz-key-options">\n')
            for index in option_order(item):
                option = item.options[index]
                verdict = t["right_option"] if option.correct else t["wrong_option"]
                feedback = (f'<div class="qz-option-feedback" data-qz-option-feedback>{md(option.feedback)}</div>'
                            if option.feedback else "")
                out.append(f'<li data-qz-option="{index}" class="{"qz-right" if option.correct else "qz-wrong"}">\n'
                           f'<strong>{_e(verdict)}:</strong> {mdi(option.text)}\n{feedback}</li>\n')
            out.append("</ul>\n")
        elif item.type == "truefalse":
            out.append(f'<p><strong>{_e(t["answer_label"])}</strong> {_e(t["true"] if item.answer else t["false"])}</p>\n')
            if item.feedback_true or item.feedback_false:
                out.append('<ul class="qz-key-options">\n')
                for value, label, feedback in (("true", t["true"], item.feedback_true),
                                               ("false", t["false"], item.feedback_false)):
                    if feedback:
                        verdict = "qz-right" if (value == "true") == item.answer else "qz-wrong"
                        out.append(f'<li data-qz-option="{value}" class="{verdict}"><strong>{_e(label)}:</strong>'
                                   f'<div class="qz-option-feedback" data-qz-option-feedback>{md(feedback)}</div></li>\n')
                out.append("</ul>\n")
        elif item.type == "ordering":
            out.append(f'<p><strong>{_e(t["order_label"])}</strong></p>\n<ol class="qz-key-order">\n')
            out.extend(f"<li>{mdi(step)}</li>\n" for step in item.items)
            out.append("</ol>\n")
        elif item.type == "matching":
            out.append(f'<p><strong>{_e(t["matches_label"])}</strong></p>\n<ul class="qz-key-matches">\n')
            for i, pair in enumerate(item.pairs):
                feedback = (f'<div class="qz-option-feedback" data-qz-pair-feedback><strong>{mdi(pair.left)}:</strong>'
                            f' {mdi(pair.feedback)}</div>' if pair.feedback else "")
                out.append(f'<li data-qz-pair-key="{i}">{mdi(pair.left)} → {mdi(pair.right)}\n{feedback}</li>\n')
            out.append("</ul>\n")
        out.append(f'<div class="qz-explanation" data-qz-explanation>{md(item.explanation)}</div>\n')
        if item.nudge:
            out.append(f'<div class="qz-nudge" data-qz-nudge><strong>{_e(t["nudge_label"])}</strong> {mdi(item.nudge)}</div>\n')
        if item.review:
            out.append(f'<p class="qz-review"><a href="{_e(self._review(item.review))}" data-qz-review>{_e(t["review"])}</a></p>\n')
        out.append("</details>\n")
        return "".join(out)

    def _ungraded(self, item: Question, number: str) -> str:
        t, qid = self.t, _e(item.id)
        out = [f'<div class="qz-question qz-ungraded" id="qz-{qid}" data-qz-id="{qid}" data-qz-type="{_e(item.type)}"'
               f' data-qz-hash="{_e(fingerprint(item))}" data-qz-was="{_e(legacy_fingerprint(item))}">\n']
        if item.type == "likert":
            out += ["<fieldset>\n", self._legend(item, number), '\n<ul class="qz-likert">\n']
            for i, label in enumerate(item.scale or self.default_likert):
                out.append(f'<li><label class="qz-option"><input type="radio" name="qz-{qid}" value="{i}">'
                           f' <span>{_e(label)}</span></label></li>\n')
            out.append(f'</ul>\n<p class="qz-hint">{_e(t["ungraded_note"])}</p>\n</fieldset>\n')
        else:
            hint = f"{self.text.inline(item.hint)} " if item.hint else ""
            out.append(f'<p class="qz-prompt" id="qz-{qid}-label"><span class="qz-number">{self._number(number)}</span>'
                       f' {self.text.inline(item.prompt)}</p>\n'
                       f'<label class="qz-sr" for="qz-{qid}-text">{_e(t["your_answer_label"])}</label>\n'
                       f'<textarea id="qz-{qid}-text" rows="4" aria-describedby="qz-{qid}-label qz-{qid}-hint"'
                       ' data-qz-text></textarea>\n'
                       f'<p class="qz-hint" id="qz-{qid}-hint">{hint}{_e(t["ungraded_note"])}</p>\n')
        out.append('<p class="qz-saved" aria-live="polite" data-qz-feedback></p>\n</div>\n')
        return "".join(out)

    def _scenario(self, item: Question, number: str) -> str:
        out = [f'<div class="qz-scenario" id="qz-{_e(item.id)}">\n'
               f'<p class="qz-scenario-label"><span class="qz-number">{_e(self.t["scenario_label"])}</span></p>\n'
               f'<div class="qz-story">{self.text.block(item.story)}</div>\n']
        # 1a, 1b… for a story's questions; a story with one question is simply 1 (a lone "1a" reads as if 1b were missing).
        several = len(item.questions) > 1
        for i, sub in enumerate(item.questions):
            out.append(self._question(sub, number + ("abcd"[i] if several else "")) + "\n")
        out.append("</div>\n")
        return "".join(out)


def _from_docs(page: str, target: str) -> str:
    """A link as written in `page`'s bank, as a docs-relative target (see resolve_page)."""
    path, sep, anchor = target.partition("#")
    return resolve_page(page, path) + sep + anchor
