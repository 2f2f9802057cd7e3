"""`python build_quizzes.py new CHAPTER/LESSON`: a lesson page, its bank and its nav entry.

Writes docs/<chapter>/<lesson>.md and quizzes/<chapter>/<lesson>.yml (one
example of every question type, ids prefixed '<chapter>-<lesson>-'), then
adds the page to mkdocs.yml's nav by inserting one line of text, so the
comments and the `!ENV` / `!relative` tags in mkdocs.yml stay as they were.
Nothing is ever overwritten.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from quizkit.bank.source import display_path, loads
from quizkit.pages import name_title

SCHEMA = Path("_schema") / "bank.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema="
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """Something stops the scaffold; nothing has been written."""


@dataclass
class Scaffold:
    page: Path
    bank: Path
    nav: str  # what happened to mkdocs.yml, in words
    written: list[Path] = field(default_factory=list)


def schema_comment(bank: Path, quizzes_dir: Path) -> str:
    """The editor hint line for `bank`, with the schema path relative to the bank's folder."""
    rel = os.path.relpath(quizzes_dir / SCHEMA, bank.parent)
    return SCHEMA_COMMENT + Path(rel).as_posix()


def ensure_schema_comment(bank: Path, quizzes_dir: Path) -> bool:
    """Put the schema comment on the first line of `bank` if it has none. True when the file changed.

    Only that one line is added: the rest of the file is kept byte for byte.
    """
    raw = bank.read_bytes()
    text = raw.decode("utf-8")
    if any(line.startswith(SCHEMA_COMMENT) for line in text.splitlines()[:5]):
        return False
    newline = "\r\n" if "\r\n" in text else "\n"
    bank.write_bytes((schema_comment(bank, quizzes_dir) + newline).encode("utf-8") + raw)
    return True


def lesson_markdown(chapter: str, lesson: str) -> str:
    title = name_title(lesson)
    return f"""---
title: {title}
description: One sentence on what this lesson helps the reader understand.
---
# {title}

Start with one or two sentences that say what this lesson is about and why it matters.

## The main idea {{#main-idea}}

Explain the idea in plain words. Keep sentences short. One example helps more than three rules.

## What it looks like {{#what-it-looks-like}}

Give an everyday example. The questions below link back to these two sections.

## Sources {{#sources}}

- Author, *Title of the book or paper* (year).
"""


def bank_yaml(chapter: str, lesson: str, comment: str) -> str:
    p = f"{chapter}-{lesson}"
    return f"""{comment}
# The self-check for docs/{chapter}/{lesson}.md. One example of every question type:
# keep the ones you need, delete the rest. Ids must stay unique across the course.
kind: lesson
questions:
  - id: {p}-single
    type: single
    prompt: Which of these is an example of the main idea?
    options:
      - text: The right answer
        correct: true
        feedback: Yes. Say why it is right.
      - text: A likely mix-up
        feedback: Say what makes this option different, and why that matters.
      - text: Another wrong answer
    # Readers see the options in a fixed random order; 'keep_order: true' pins this one.
    nudge: Shown after a wrong answer without feedback of its own (like the third option). Never give the answer here.
    explanation: One or two sentences that teach the idea behind the answer.
    review: "#main-idea"
  - id: {p}-multiple
    type: multiple
    prompt: Which of these can be signs of it?
    options:
      - {{text: A first sign, correct: true, feedback: Yes. This is one sign.}}
      - {{text: Something else, feedback: This is a different thing.}}
      - {{text: A second sign, correct: true, feedback: Yes. This one too.}}
    explanation: Say what the right options have in common.
    review: "#what-it-looks-like"
  - id: {p}-truefalse
    type: truefalse
    prompt: A short statement that is false.
    answer: false
    feedback_true: Shown to a reader who picked True. Explain kindly.
    feedback_false: Shown to a reader who picked False. Confirm and add one detail.
    explanation: The idea behind the answer.
    review: "#main-idea"
  - id: {p}-ordering
    type: ordering
    prompt: Put these steps in order.
    items:
      - First step
      - Second step
      - Third step
    explanation: List the steps here in the right order, with a word on why.
    review: "#what-it-looks-like"
  - id: {p}-matching
    type: matching
    prompt: Match each item to the right description.
    pairs:
      - {{left: First item, right: Its description}}
      - {{left: Second item, right: Another description}}
      - {{left: Third item, right: A third description}}
    explanation: Say what links each pair.
    review: "#main-idea"
  - id: {p}-scenario
    type: scenario
    story: |
      A short story of 40 to 120 words about two people. Show what they do and say.
    questions:
      - id: {p}-scenario-1
        type: single
        prompt: What is going on for the first person?
        options:
          - {{text: The right reading of the story, correct: true, feedback: Yes.}}
          - {{text: A common misreading, feedback: Look again at what they said.}}
        explanation: Tie the story back to the lesson.
        review: "#what-it-looks-like"
      - id: {p}-scenario-2
        type: truefalse
        prompt: A statement about the story that is true.
        answer: true
        explanation: Why it is true.
  - id: {p}-likert
    type: likert
    prompt: A statement the reader rates about themselves. Never graded.
  - id: {p}-reflection
    type: reflection
    prompt: A question the reader answers in their own words. Never graded.
    hint: One sentence is enough.
"""


# Template text an author may well keep as it is: not reported as left over.
_KEEPABLE = {"Yes.", "Put these steps in order.", "Match each item to the right description.",
             "One sentence is enough.", "Look again at what they said."}


def placeholder_lines() -> set[str]:
    """The lesson template's own prose lines (description, paragraphs, the Sources example)."""
    lines = {line.strip() for line in lesson_markdown("chapter", "lesson").splitlines()}
    return {line for line in lines if line and not line.startswith(("#", "---", "title:"))}


def texts(value, path: tuple = ()):
    """(path, text) of every text in parsed bank YAML (prompts, options, feedback, stories…), not ids or links."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type", "kind", "review"):
                yield from texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, path + (i,))
    elif isinstance(value, str):
        yield path, value.strip()


def placeholder_values() -> set[str]:
    """The bank template's texts."""
    return {text for _, text in texts(loads(bank_yaml("chapter", "lesson", ""), "template").data)} - _KEEPABLE


# -- mkdocs.yml nav, edited as text -------------------------------------------
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?:(?P<title>[^:#]+?):\s*)?(?P<target>\S.*?)?\s*(?:#.*)?$")


def add_to_nav(mkdocs_text: str, chapter: str, lesson: str) -> tuple[str, str]:
    """Insert `chapter/lesson.md` into the nav as one new line; return (new text, what was done)."""
    entry = f"{chapter}/{lesson}.md"
    lines = mkdocs_text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line.rstrip("\r\n"))), None)
    if start is None:
        raise ScaffoldError("mkdocs.yml has no 'nav:' section; add the page to your navigation by hand")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-#"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep blank lines after the nav where they were
    body = range(start + 1, end)
    for i in body:
        m = _ITEM.match(lines[i].rstrip("\r\n"))
        if m and m.group("target") == entry:
            return mkdocs_text, f"mkdocs.yml: nav already lists {entry}"
    ours = [i for i in body if (m := _ITEM.match(lines[i].rstrip("\r\n"))) and (m.group("target") or "").startswith(chapter + "/")]
    if ours:
        quiz = [i for i in ours if _ITEM.match(lines[i].rstrip("\r\n")).group("target") == f"{chapter}/quiz.md"]
        at = quiz[0] if quiz else ours[-1] + 1
        indent = _ITEM.match(lines[ours[0]].rstrip("\r\n")).group("indent")
        lines.insert(at, f"{indent}- {entry}{newline}")
        where = f"before {chapter}/quiz.md" if quiz else f"at the end of the {chapter} section"
        return "".join(lines), f"mkdocs.yml: added {entry} to the nav, {where}"
    top = [i for i in body if re.match(r"^\s*-", lines[i])]
    indent = min((len(lines[i]) - len(lines[i].lstrip()) for i in top), default=2)
    pad = " " * indent
    if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    lines[end:end] = [f"{pad}- {name_title(chapter)}:{newline}", f"{pad}    - {entry}{newline}"]
    return "".join(lines), f"mkdocs.yml: added a new '{name_title(chapter)}' section to the nav with {entry}"


def scaffold(root: Path, target: str, docs_dir: Path, quizzes_dir: Path) -> Scaffold:
    """Create the lesson, its bank and its nav entry under project folder `root`."""
    parts = target.strip().strip("/").removesuffix(".md").split("/")
    if len(parts) != 2 or not all(NAME.match(p) for p in parts):
        raise ScaffoldError(
            f"'{target}' is not a CHAPTER/LESSON name; use lowercase letters, digits and single hyphens, "
            "like 'cycle/after-the-fight'"
        )
    chapter, lesson = parts
    page = docs_dir / chapter / f"{lesson}.md"
    bank = quizzes_dir / chapter / f"{lesson}.yml"
    existing = [p for p in (page, bank, bank.with_suffix(".yaml")) if p.exists()]
    if existing:
        shown = ", ".join(display_path(p, root) for p in existing)
        raise ScaffoldError(f"{shown} already exists; nothing was written (pick another name, or edit the file)")
    config = root / "mkdocs.yml"
    new_config, nav = add_to_nav(config.read_text(encoding="utf-8"), chapter, lesson)
    page.parent.mkdir(parents=True, exist_ok=True)
    bank.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(lesson_markdown(chapter, lesson), encoding="utf-8")
    bank.write_text(bank_yaml(chapter, lesson, schema_comment(bank, quizzes_dir)), encoding="utf-8")
    written = [page, bank]
    if new_config != config.read_text(encoding="utf-8"):
        config.write_text(new_config, encoding="utf-8")
        written.append(config)
    return Scaffold(page, bank, nav, written)
