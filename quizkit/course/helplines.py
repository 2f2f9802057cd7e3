"""Help lines from one data file, rendered where a page asks.

A line on its own, `<!-- helplines: abuse -->`, becomes that group of
`quizzes/_help/lines.yml` as a list of services (a short one, where and how
only, for groups with `style: list`); `<!-- helplines: checked -->` becomes the
sentence that says which month the numbers were last checked, and
`<!-- helplines: picker -->` the "Your country" picker that brings the reader's
own lines first (quizkit/assets/helplines.js). Every number is a `tel:` button
and every text line an `sms:` button (with the service's keyword as the message
body), so a phone reaches a service in one tap. The marker's indentation is kept, so a
marker inside an admonition renders inside it.

    markdown_extensions:
      - quizkit.course.helplines:
          data: !relative $config_dir/quizzes/_help/lines.yml
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from html import escape
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from quizkit.bank import source
from quizkit.bank.source import BankError
from quizkit.strings import fill

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*helplines:\s*(?P<what>[\w-]+)\s*-->\s*$")
NUMBER = re.compile(r"^\+?[0-9](?:[0-9 -]*[0-9])?$")
KEYWORD = re.compile(r"^[A-Z0-9]+$")
MONTH = re.compile(r"^(?P<year>20[0-9]{2})-(?P<month>0[1-9]|1[0-2])$")
WORDS = ("checked", "months", "call", "text_first", "text_to", "website", "country", "country_none", "country_first")


class HelplinesError(BankError):
    """The data file is wrong: file:line and what to fix."""


@dataclass
class Text:
    to: str
    keyword: str | None = None


@dataclass
class Line:
    where: str
    name: str
    url: str | None = None
    call: list[str] = field(default_factory=list)
    text: list[Text] = field(default_factory=list)
    note: str | None = None


@dataclass
class Helplines:
    checked: str  # YYYY-MM
    words: dict
    groups: dict[str, tuple[str, list[Line]]]  # name -> (style, lines)
    within: dict[str, str] = field(default_factory=dict)  # picker: a place -> the wider place it lies in
    not_places: list[str] = field(default_factory=list)  # picker: `where` names that are not a place


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def sms_href(text: Text) -> str:
    href = "sms:" + re.sub(r"[^0-9+]", "", text.to)
    return href + (f"?body={text.keyword}" if text.keyword else "")


# ---- loading ------------------------------------------------------------------------


def load(path: Path, display: str | None = None) -> Helplines:
    """The data file, checked; HelplinesError (file:line: what to fix) when it is wrong. `display`: its name in messages."""
    path = Path(path)
    try:
        doc = source.load(path, display or path.as_posix())
    except OSError as exc:
        raise HelplinesError(display or path.as_posix(), None, f"cannot read the help lines ({exc.strerror})") from None
    except BankError as exc:  # not YAML
        raise HelplinesError(exc.file, exc.line, exc.message) from None

    def fail(at: tuple, message: str):
        raise HelplinesError(doc.file, doc.line(at), message)

    raw = doc.data
    if not isinstance(raw, dict):
        fail((), "the file must be a mapping with 'checked', 'words' and 'groups'")
    checked = str(raw.get("checked", ""))
    if not MONTH.match(checked):
        fail((), f"'checked' must be the month a maintainer last checked every line, like 2026-11, not {checked!r}")
    words = raw.get("words")
    if not isinstance(words, dict) or any(k not in words for k in WORDS):
        missing = [k for k in WORDS if not isinstance(words, dict) or k not in words]
        fail(("words",), f"'words' must give {', '.join(missing)}")
    if not isinstance(words["months"], list) or len(words["months"]) != 12:
        fail(("words", "months"), "'words.months' must list the 12 month names")
    if "{month}" not in str(words["checked"]):
        fail(("words", "checked"), "'words.checked' must contain {month}")
    groups = raw.get("groups")
    if not isinstance(groups, dict) or not groups:
        fail(("groups",), "'groups' must map group names to their entries")
    out: dict[str, tuple[str, list[Line]]] = {}
    for name, group in groups.items():
        at = ("groups", name)
        if not isinstance(group, dict) or not isinstance(group.get("entries"), list) or not group["entries"]:
            fail(at, f"group {name!r} needs a non-empty 'entries' list")
        style = group.get("style", "table")
        if style not in ("table", "list"):
            fail(at + ("style",), f"group {name!r}: 'style' must be 'table' or 'list', not {style!r}")
        out[str(name)] = (style, [_line(entry, at + ("entries", i), fail) for i, entry in enumerate(group["entries"])])
    picker = raw.get("picker") or {}
    within, not_places = picker.get("within", {}) if isinstance(picker, dict) else None, \
        picker.get("not_places", []) if isinstance(picker, dict) else None
    if not isinstance(within, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in within.items()):
        fail(("picker", "within"), "'picker.within' maps a place to the wider place it lies in, like {Wales: UK}")
    if not isinstance(not_places, list) or not all(isinstance(p, str) for p in not_places):
        fail(("picker", "not_places"), "'picker.not_places' lists `where` names that are not a place, like [Anywhere else]")
    return Helplines(checked=checked, words=dict(words), groups=out, within=dict(within), not_places=list(not_places))


def _line(entry, at: tuple, fail) -> Line:
    if not isinstance(entry, dict):
        fail(at, "each entry must be a mapping with 'where' and 'name'")
    unknown = set(entry) - {"where", "name", "url", "call", "text", "note"}
    if unknown:
        fail(at, f"unknown key(s) {', '.join(sorted(unknown))}; use where, name, url, call, text, note")
    for key in ("where", "name"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            fail(at, f"each entry needs '{key}' (text)")
    url = entry.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith("https://")):
        fail(at, f"{entry['name']}: 'url' must start with https://, not {url!r}")
    calls = entry.get("call", [])
    if not isinstance(calls, list) or not all(isinstance(n, str) and NUMBER.match(n) for n in calls):
        fail(at, f"{entry['name']}: 'call' must be a list of quoted numbers like [\"0808 2000 247\"], not {calls!r}")
    texts = []
    for j, item in enumerate(entry.get("text", []) or []):
        if not isinstance(item, dict) or not isinstance(item.get("to"), str) or not NUMBER.match(item["to"]):
            fail(at, f"{entry['name']}: each 'text' needs 'to', a quoted number like \"88788\"")
        keyword = item.get("keyword")
        if keyword is not None and not (isinstance(keyword, str) and KEYWORD.match(keyword)):
            fail(at + ("text", j), f"{entry['name']}: a text 'keyword' is one word in capitals, like START, not {keyword!r}")
        texts.append(Text(to=item["to"], keyword=keyword))
    if not calls and not texts and not url:
        fail(at, f"{entry['name']}: give at least one of 'call', 'text' or 'url'")
    note = entry.get("note")
    return Line(where=entry["where"], name=entry["name"], url=url, call=list(calls), text=texts,
                note=str(note) if note else None)


# ---- rendering (HTML) ----------------------------------------------------------------------
# Each group is a list, one item per service, in the data's order: where, who (linked to its site)
# and every way to reach it as a button-like tel:/sms: link (at least 44 px square: helplines.css).
# Each item names, in data-aa-places, the choices of the country picker that bring it first
# (helplines.js); with JavaScript off the picker stays hidden and the order is the data's.


def places(where: str) -> list[str]:
    """The places a `where` names: the part before any comma, split at " and " ("US and Canada")."""
    return [p.strip() for p in where.split(",")[0].split(" and ") if p.strip()]


def choices(helplines: Helplines) -> list[str]:
    """The picker's places, by name: every place some line names, less the ones that are not places."""
    found = {p for _, lines in helplines.groups.values() for line in lines for p in places(line.where)}
    return sorted(found - set(helplines.not_places), key=str.casefold)


def picks(helplines: Helplines, line: Line) -> list[str]:
    """The picker's choices that bring this line first: its own places, the wider place a place lies
    within (a UK line for a reader in Wales) and the places within it (Wales's line for a UK reader)."""
    out = []
    for place in places(line.where):
        out += [place, helplines.within.get(place, place)]
        out += [inner for inner, outer in helplines.within.items() if outer == place]
    return [p for p in dict.fromkeys(out) if p not in helplines.not_places]


def _ways(line: Line, words: dict) -> str:
    links = [f'<a class="aa-dial" href="{tel_href(n)}">{escape(words["call"])} {escape(n)}</a>' for n in line.call]
    for text in line.text:
        what = f' <strong>{escape(text.keyword)}</strong> {escape(words["text_to"])}' if text.keyword else ""
        # One span inside: the button is a flex box, which would set the keyword apart as an item of its own.
        links.append(f'<a class="aa-dial aa-dial--text" href="{sms_href(text)}"><span>{escape(words["text_first"])}{what} '
                     f'{escape(text.to)}</span></a>')
    return " ".join(links) if links else escape(words["website"])


def render_group(helplines: Helplines, name: str) -> str:
    style, lines = helplines.groups[name]
    words = helplines.words
    items = []
    for line in lines:
        where = f'<span class="aa-line__where">{escape(line.where)}</span>'
        who = f'<a href="{escape(line.url)}">{escape(line.name)}</a>' if line.url else escape(line.name)
        note = f' <span class="aa-line__note">({escape(line.note)})</span>' if line.note else ""
        body = "" if style == "list" else f'<span class="aa-line__who">{who}{note}</span>'
        items.append(f'<li class="aa-line" data-aa-places="{escape("|".join(picks(helplines, line)))}">'
                     f'{where}{body}<span class="aa-line__how">{_ways(line, words)}</span></li>')
    kind = " aa-lines--short" if style == "list" else ""
    return f'<ul class="aa-lines{kind}" data-aa-lines>' + "".join(items) + "</ul>"


def render_picker(helplines: Helplines) -> str:
    """"Your country": hidden until helplines.js runs (it reorders the lists, and keeps the choice only
    when the reader keeps things on this device)."""
    words = helplines.words
    options = "".join(f'<option value="{escape(p)}">{escape(p)}</option>' for p in choices(helplines))
    return (f'<div class="aa-country" data-aa-country hidden><label for="aa-country">{escape(words["country"])}</label> '
            f'<select id="aa-country" data-aa-country-select><option value="">{escape(words["country_none"])}</option>'
            f'{options}</select><p class="aa-country__said" role="status" aria-live="polite" data-aa-country-said '
            f'data-aa-said="{escape(words["country_first"])}"></p></div>')


def render_checked(helplines: Helplines) -> str:
    match = MONTH.match(helplines.checked)
    month = f"{helplines.words['months'][int(match['month']) - 1]} {match['year']}"
    time = f'<time datetime="{helplines.checked}">{month}</time>'
    return f'<p class="aa-checked">{fill(helplines.words["checked"], month=time)}</p>'


# ---- Python-Markdown glue -------------------------------------------------------------------


class HelplinesPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ext: "HelplinesExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = MARKER.match(line)
            if not match:
                out.append(line)
                continue
            data = self.ext.data()
            what, indent = match["what"], match["indent"]
            if what == "checked":
                block = render_checked(data)
            elif what == "picker":
                block = render_picker(data)
            elif what in data.groups:
                block = render_group(data, what)
            else:
                known = ", ".join(["checked", "picker", *data.groups])
                raise HelplinesError(self.ext.path, None, f"'<!-- helplines: {what} -->' names no group of this file; use one of: {known}")
            # Stashed, so it stays one block of HTML inside an admonition too (a paragraph holding only
            # the placeholder is replaced by it whole).
            out.extend(["", indent + self.md.htmlStash.store(block), ""])
        return out


class HelplinesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"data": ["quizzes/_help/lines.yml", "The help lines data file"]}
        super().__init__(**kwargs)
        self._data: Helplines | None = None

    @property
    def path(self) -> str:
        return str(self.getConfig("data"))

    def data(self) -> Helplines:
        if self._data is None:  # read once per build, on first use
            self._data = load(Path(self.path))
        return self._data

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before raw HTML blocks are stashed (20): the
        # marker is an HTML comment, and the rendered 'checked' line is an HTML block.
        md.preprocessors.register(HelplinesPreprocessor(md, self), "helplines", 27)


def makeExtension(**kwargs) -> HelplinesExtension:  # noqa: N802
    return HelplinesExtension(**kwargs)
