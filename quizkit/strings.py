"""The widget's words in one place, per language (theme.language picks the file).

Counts use plural forms: "<key>_one", "<key>_other" (and "_few", "_many"… where a language has
them), picked by the CLDR plural rules of the table's language, here through Babel and in the
browser through Intl.PluralRules: the same rules on both sides (tests/test_strings_shipped.py).
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from quizkit.resources import package_cache, package_file

HERE = package_file("strings")
FALLBACK = "en"

# Strings the browser script needs; everything else is rendered into the HTML.
CLIENT_KEYS = (
    "correct", "incorrect", "partly", "pick_first", "match_first", "moved", "score", "quiz_score", "quiz_score_partly", "retry_note",
    "passed", "not_passed", "to_review", "storage_off", "storage_corrupt", "saved", "saved_reflection", "reflection_keep", "reflection_unsaved", "reflection_deleted",
    "restart_quiz", "restart_ask", "restart_yes", "restart_keep", "retry", "retry_missed", "quiz_progress", "first_counts", "not_yet", "answer_shown", "key_in_full",
    "mark_right", "mark_wrong", "match_right", "match_wrong", "likert_chosen", "saved_here",
    "qz_one_counter", "qz_one_retry_counter", "qz_one_prev", "qz_one_next", "qz_one_all", "qz_one_single",
    "practice_count_one", "practice_count_other", "practice_none", "practice_empty", "practice_all_answered",
    # spaced review (review.js, practice.js)
    "review_due_one", "review_due_other", "review_due_status_one", "review_due_status_other", "review_due_mark",
    "review_offer", "review_offer_link",
    # the page frame (announce bar and footer notice in overrides/), read from config.extra.quiz_client
    "announce", "get_help", "notice", "privacy",
    # the quick exit in the announce bar (overrides/main.html, assets/theme/quick-exit.js)
    "exit_label", "exit_hint", "exit_site", "exit_url",
    # the header's link to the "Right now" page (overrides/partials/header.html)
    "now_label", "now_hint",
    # "keep nothing on this device" and the first-save note (quizkit/assets/privacy.js)
    "keep_nothing", "keep_on_now", "keep_off_now", "keep_ask_delete", "keep_delete", "keep_leave", "keep_deleted",
    "keep_left", "first_save_label", "first_save_text", "first_save_stop", "first_save_ok",
)


def languages() -> list[str]:
    return sorted(p.name[:-4] for p in HERE.iterdir() if p.name.endswith(".yml"))


# libyaml's parser when PyYAML has it (the same values, several times faster).
_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class Table(dict):
    """A language's strings (a plain dict to every reader) that knows its language, for plural forms."""
    language: str = FALLBACK


@package_cache
def strings(language: str | None) -> Table:
    """English underneath, the chosen language on top: a missing key never shows a blank."""
    table = Table(_read(FALLBACK))
    code = (language or FALLBACK).split("-")[0].lower()
    if code != FALLBACK and HERE.joinpath(f"{code}.yml").is_file():
        table.update(_read(code))
        table.language = code
    return table


@lru_cache(maxsize=None)
def plural_form(language: str, n: int) -> str:
    """The CLDR plural category of n in `language` ("one", "few", "other", …), as Intl.PluralRules says it."""
    from babel import Locale  # here: the Markdown extension alone (Zensical) never needs it

    try:
        return Locale.parse(language).plural_form(n)
    except (ValueError, LookupError):
        return "one" if n == 1 else "other"


def plural(t: dict[str, str], key: str, n: int) -> str:
    """`t`'s text for `key` in the plural form that suits n ("<key>_<form>", else "<key>_other"), {n} filled in."""
    form = f"{key}_{plural_form(getattr(t, 'language', FALLBACK), n)}"
    return fill(t[form if form in t else f"{key}_other"], n=n)


class _Keep(dict):
    def __missing__(self, key: str) -> str:  # a placeholder the caller has no value for stays as written
        return "{" + key + "}"


def fill(template: str, **values) -> str:
    """A string's `{name}` placeholders filled in (str.format_map); unknown ones are left as they are."""
    return template.format_map(_Keep(values))


def client_strings(language: str | None) -> dict[str, str]:
    table = strings(language)
    return {k: table[k] for k in CLIENT_KEYS}


def _read(code: str) -> dict[str, str]:
    # BaseLoader keeps every value a string: 'true:' and 'false:' are labels here, not booleans.
    data = yaml.load(HERE.joinpath(f"{code}.yml").read_text(encoding="utf-8"), Loader=_BaseLoader)
    return {str(k): str(v) for k, v in data.items()}
