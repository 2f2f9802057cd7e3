"""Item-writing checks: cues that let a reader pass without knowing the idea.

    python build_quizzes.py check      every rule
    mkdocs build --strict              every rule but `near-duplicate` (course-wide, slower), as warnings

Each finding names the file and the line of the YAML entry at fault and says
how to fix it. An author silences one rule on one question with a reason:

    lint_ignore:
      long-key: the right answer has to name both partners; shorter would be vague

and `python build_quizzes.py stats` counts the silenced findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizkit.bank.model import Bank, Question

RULES = {
    "long-key": "the right option is much longer than the others",
    "absolute-words": "absolute words only in the wrong options, or only in false statements (quoted speech aside)",
    "truefalse-balance": "a chapter's true/false keys are not about half True",
    "keys-first": "a multiple-select question's right options are exactly the first ones",
    "all-none-above": "'all of the above' / 'none of the above'",
    "near-duplicate": "a prompt or option nearly repeats another one in the course",
    "feedback-quotes-key": "feedback shown after a wrong answer quotes the right one",
}
COURSE_WIDE = ("near-duplicate",)  # `check` only: the build runs the rest

# The guide (docs/about/authoring.md, "absolute-words") points authors here for the full list.
ABSOLUTE_WORDS = ("always", "never", "only", "must", "all", "none", "every", "everyone", "everybody", "everything",
                  "nobody", "nothing", "no one", "completely", "entirely", "totally", "certainly", "definitely",
                  "guarantee", "guaranteed", "impossible", "forever", "prove", "proves")
ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.I)
ABOVE = re.compile(r"\b(all|none|both|neither)\s+of\s+(the\s+)?(above|these|those)\b", re.I)

LONG_KEY_RATIO = 1.5  # key length / mean distractor length (characters of plain text)
LONG_KEY_MIN_GAP = 12  # ... and at least this many characters longer: "Yes"/"No" is not a cue
TF_MIN, TF_LOW, TF_HIGH = 6, 0.35, 0.65
NEAR_STEM = 0.8  # word-level similarity of two prompts (difflib ratio) that counts as a repeat
NEAR_OPTION = 0.85
MIN_WORDS_STEM, MIN_WORDS_OPTION = 6, 6  # short texts ("The trigger") repeat by design
QUOTE_RUN = 4  # this many consecutive words of the key in a wrong answer's feedback quote it


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    qid: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: question '{self.qid}': {self.message}; {self.hint} [{self.rule}]"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    silenced: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, the author's reason)


@dataclass(frozen=True)
class _Leaf:
    q: Question
    bank: Bank
    ignore: dict  # rules silenced here: its own lint_ignore over its scenario's

    @property
    def chapter(self) -> str:
        return self.bank.chapter


def lint(banks: list[Bank], course_wide: bool = True) -> Report:
    """Every finding in `banks`, silenced ones apart. Without `course_wide`, the build's cheap subset."""
    leaves = [_Leaf(leaf, bank, {**q.lint_ignore, **leaf.lint_ignore})
              for bank in banks for q in bank.questions for leaf in q.leaves() if leaf.graded]
    report = Report()
    found: list[tuple[_Leaf, Finding]] = []
    for leaf in leaves:
        found += [(leaf, f) for f in _per_question(leaf)]
    found += _truefalse_by_chapter(leaves)
    if course_wide:
        found += _near_duplicates(leaves)
    for leaf, finding in found:
        reason = leaf.ignore.get(finding.rule)
        if reason:
            report.silenced.append((finding, reason))
        else:
            report.findings.append(finding)
    report.findings.sort(key=lambda f: (f.file, f.line, f.rule))
    return report


# ---------------------------------------------------------------------- text
_MARKUP = re.compile(r"[*_`~]|\]\([^)]*\)|[\[\]]")


def plain(text: str | None) -> str:
    return " ".join(_MARKUP.sub("", text or "").split())


def words(text: str | None) -> list[str]:
    return re.findall(r"[\w']+", plain(text).casefold())


# Quoted speech ("You always…") is what a character says, not the option's own claim. A curly
# single quote closes only where no letter follows (an apostrophe inside, as in ‘don’t’, does not).
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘.*?’(?!\w)')


def absolute(text: str | None) -> list[str]:
    # "None of the above" is its own rule (all-none-above): not counted twice.
    return sorted({m.group(0).lower() for m in ABSOLUTE.finditer(ABOVE.sub("", QUOTED.sub(" ", plain(text))))})


def _finding(leaf: _Leaf, line: int, rule: str, message: str, hint: str) -> Finding:
    return Finding(leaf.bank.source, line or leaf.q.line, rule, leaf.q.id, message, hint)


# -------------------------------------------------------------- per question
def _per_question(leaf: _Leaf):
    q = leaf.q
    if q.type in ("single", "multiple"):
        yield from _long_key(leaf)
        yield from _absolute_in_distractors(leaf)
        yield from _all_none_above(leaf)
        yield from _quoted_key(leaf)
        if q.type == "multiple":
            yield from _keys_first(leaf)
    if q.type == "matching":
        yield from _pair_feedback_gives_match(leaf)


def _long_key(leaf: _Leaf):
    keys = [o for o in leaf.q.options if o.correct]
    others = [o for o in leaf.q.options if not o.correct]
    if not keys or not others:
        return
    key_len = sum(len(plain(o.text)) for o in keys) / len(keys)
    other_len = sum(len(plain(o.text)) for o in others) / len(others)
    longest_other = max(len(plain(o.text)) for o in others)
    if key_len > LONG_KEY_RATIO * other_len and key_len - other_len >= LONG_KEY_MIN_GAP and key_len > longest_other:
        yield _finding(leaf, keys[0].line, "long-key",
                       f"the right option is {key_len / other_len:.1f}x as long as the wrong ones "
                       f"({key_len:.0f} against {other_len:.0f} characters on average)",
                       "trim the key, or give the wrong options the same detail and qualifications")


def _absolute_in_distractors(leaf: _Leaf):
    keys = [o for o in leaf.q.options if o.correct]
    if any(absolute(o.text) for o in keys):
        return
    for o in leaf.q.options:
        found = absolute(o.text)
        if not o.correct and found:
            yield _finding(leaf, o.line, "absolute-words",
                           f"only wrong options say '{', '.join(found)}', so the word gives them away",
                           "reword this option without the absolute, or let a right option carry one too")
            return


def _all_none_above(leaf: _Leaf):
    for o in leaf.q.options:
        match = ABOVE.search(plain(o.text))
        if match:
            yield _finding(leaf, o.line, "all-none-above",
                           f"the option '{match.group(0)}' can be answered from the other options alone "
                           "(and 'above' means nothing once options are shuffled)",
                           "replace it with a real misconception")


def _keys_first(leaf: _Leaf):
    flags = [o.correct for o in leaf.q.options]
    k = sum(flags)
    if 0 < k < len(flags) and all(flags[:k]):
        yield _finding(leaf, leaf.q.options[0].line, "keys-first",
                       f"the {k} right option{'s are' if k > 1 else ' is'} written first, as a block",
                       "mix right and wrong options as you write them (readers of exports and pinned "
                       "questions see this order)")


def _quoted_key(leaf: _Leaf):
    keys = [o for o in leaf.q.options if o.correct]
    sources = [(o.line, o.feedback) for o in leaf.q.options if not o.correct and o.feedback]
    if leaf.q.nudge:
        sources.append((leaf.q.line, leaf.q.nudge))
    for line, text in sources:
        said = " ".join(words(text))
        for key in keys:
            quoted = _quote(words(key.text), said)
            if quoted:
                yield _finding(leaf, line, "feedback-quotes-key",
                               f"feedback shown after a wrong answer quotes the right one ('{quoted}'), "
                               "so a first wrong try gives the answer away",
                               "say why this option is wrong, without naming the right one")
                return


def _pair_feedback_gives_match(leaf: _Leaf):
    """A pair's feedback is shown after a first wrong try: naming its own match gives that pair away."""
    for pair in leaf.q.pairs:
        quoted = _quote(words(pair.right), " ".join(words(pair.feedback))) if pair.feedback else None
        if quoted:
            yield _finding(leaf, pair.line, "feedback-quotes-key",
                           f"the feedback for '{plain(pair.left)}' quotes its match ('{quoted}'), "
                           "so a first wrong try gives the pair away",
                           "point at the idea behind the match without naming it")
            return


def _quote(key: list[str], said: str) -> str | None:
    """A run of the key found in `said`: QUOTE_RUN words, or the whole key if it is shorter (and not one short word)."""
    while key and key[0] in ("the", "a", "an"):
        key = key[1:]
    if not key or (len(key) == 1 and len(key[0]) < 5):
        return None
    run = min(QUOTE_RUN, len(key))
    for i in range(len(key) - run + 1):
        phrase = " ".join(key[i:i + run])
        # The substring test first: most phrases are absent, and each new pattern costs a compile.
        if phrase in said and re.search(rf"\b{re.escape(phrase)}\b", said):
            return phrase
    return None


# --------------------------------------------------------------- by chapter
def _truefalse_by_chapter(leaves: list[_Leaf]):
    by_chapter: dict[str, list[_Leaf]] = {}
    for leaf in leaves:
        if leaf.q.type == "truefalse" and leaf.chapter:
            by_chapter.setdefault(leaf.chapter, []).append(leaf)
    for chapter, items in sorted(by_chapter.items()):
        yield from _absolute_only_in_false([x for x in items if x.q.answer], [x for x in items if not x.q.answer])
        items = [x for x in items if "truefalse-balance" not in x.ignore]  # silenced: not counted
        true = [leaf for leaf in items if leaf.q.answer]
        false = [leaf for leaf in items if not leaf.q.answer]
        if len(items) < TF_MIN:
            continue
        share = len(true) / len(items)
        if TF_LOW <= share <= TF_HIGH:
            continue
        majority = true if share > TF_HIGH else false
        first = majority[0]
        yield first, _finding(first, first.q.answer_line, "truefalse-balance",
                              f"{len(true)} of the {len(items)} true/false statements in '{chapter}/' are True "
                              f"({share:.0%}); keep between {TF_LOW:.0%} and {TF_HIGH:.0%}",
                              f"rewrite some {'True' if share > TF_HIGH else 'False'} statements as their "
                              f"{'False' if share > TF_HIGH else 'True'} counterpart")


def _absolute_only_in_false(true: list[_Leaf], false: list[_Leaf]):
    if any(absolute(leaf.q.prompt) for leaf in true):
        return
    for leaf in false:
        found = absolute(leaf.q.prompt)
        if found:
            yield leaf, _finding(leaf, leaf.q.answer_line, "absolute-words",
                                 f"this False statement says '{', '.join(found)}', and no True statement in its "
                                 "chapter has such a word, so the word gives the answer",
                                 "state the misconception without the absolute, or write True statements that carry one")


# --------------------------------------------------------------- course-wide
# Each bank's texts (what, words) -> a number, and (number, number) -> the near-duplicate pairs between those
# two banks' texts (within one bank: (number, None)). Module-level: under `mkdocs serve` the preview checks the
# whole course after every edit, and two banks that did not change need not be compared again (the pairs grow
# with the square of the course). Keyed by the texts themselves, so an edit is always seen.
_SPANS: dict[tuple, int] = {}
_PAIRS: dict[tuple, list[tuple[int, int, float]]] = {}


def _near_duplicates(leaves: list[_Leaf]):
    texts: list[tuple[_Leaf, int, str, list[str]]] = []  # (leaf, line, what, words)
    spans: list[tuple[int, int]] = []  # each bank's texts: texts[start:end]
    bank = None
    for leaf in leaves:
        if leaf.bank is not bank:
            bank = leaf.bank
            spans.append((len(texts), len(texts)))
        w = words(leaf.q.prompt)
        if len(w) >= MIN_WORDS_STEM:
            texts.append((leaf, leaf.q.line, "prompt", w))
        for o in leaf.q.options:
            w = words(o.text)
            if len(w) >= MIN_WORDS_OPTION:
                texts.append((leaf, o.line, "option", w))
        spans[-1] = (spans[-1][0], len(texts))
    spans = [span for span in spans if span[0] < span[1]]
    if len(_PAIRS) > 1_000_000:  # a long `serve` session's old versions
        _SPANS.clear()
        _PAIRS.clear()
    ids = [_SPANS.setdefault(tuple((t[2], tuple(t[3])) for t in texts[a:b]), len(_SPANS)) for a, b in spans]
    sets = [set(t[3]) for t in texts]
    pairs: list[tuple[int, int, float]] = []  # (i, j, ratio), i < j
    for n, (a, b) in enumerate(spans):
        for m in range(n, len(spans)):
            c, d = spans[m]
            key = (ids[n], ids[m] if m != n else None)
            if key not in _PAIRS:
                _PAIRS[key] = _similar(texts, sets, range(a, b), range(c, d), same=m == n, offsets=(a, c))
            pairs += [(a + i, c + j, ratio) for i, j, ratio in _PAIRS[key]]
    pairs.sort()  # the order of itertools.combinations over all texts, as before the memo
    for i, j, ratio in pairs:
        a, b = texts[i], texts[j]
        other = f"{b[0].bank.source}:{b[1]} ('{b[0].q.id}')"
        yield b[0] if b[0].ignore.get("near-duplicate") else a[0], _finding(
            a[0], a[1], "near-duplicate",
            f"this {a[2]} nearly repeats the {b[2]} at {other} ({ratio:.0%} the same words)",
            "ask about a new situation, or drop one of the two")


def _similar(texts: list, sets: list[set], first: range, second: range, same: bool, offsets: tuple[int, int]):
    """The near-duplicate pairs (i, j, ratio) of texts in `first` with texts in `second` (i < j within one bank),
    as indexes from each range's start."""
    import difflib

    out = []
    for i in first:
        for j in second:
            if same and j <= i:
                continue
            a, b = texts[i], texts[j]
            if a[2] != b[2]:
                continue
            threshold = NEAR_STEM if a[2] == "prompt" else NEAR_OPTION
            union = len(sets[i] | sets[j])
            if not union or len(sets[i] & sets[j]) / union < threshold - 0.25:  # cheap filter before difflib
                continue
            ratio = difflib.SequenceMatcher(None, a[3], b[3], autojunk=False).ratio()
            if ratio >= threshold:
                out.append((i - offsets[0], j - offsets[1], ratio))
    return out
