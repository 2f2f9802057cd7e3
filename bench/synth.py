"""A synthetic course: N lesson pages, each with a bank of five mixed questions.

Layout docs/pNN/chNNN/lNN.md (10 lessons a chapter, 10 chapters a part), and a
chapter quiz docs/pNN/chNNN/quiz.md after each chapter's lessons. The theme
settings are the real mkdocs.yml's except navigation.sections -> navigation.prune
(for all three variants alike): with the full nav tree in every page, Material's
own cost grows with pages squared (a 2,000-page plain build writes ~1 GB), which
would hide the quiz engine's cost and blow the time budget.

Deterministic (seeded), so every run builds the same pages. Three MkDocs
configs share one docs tree per variant:

- plain:  Material, the same Markdown extensions as mkdocs.yml, no hook, no quizzes
- ours:   plus custom_dir = the repo's overrides and the quizkit plugin
- mkquiz: plain Material + the mkdocs-quiz plugin, with our questions converted to its syntax
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LESSONS_PER_CHAPTER = 10
CHAPTERS_PER_PART = 10  # docs/pNN/chNNN/lNN.md: parts > chapters > lessons

WORDS = (
    "partner moment signal message quiet space reach closeness alarm calm body pattern evening "
    "weekend dinner talk walk phone reply pause worry comfort habit step need story morning friend "
    "kitchen plan question answer feeling breath minute voice choice distance return notice gentle "
    "steady small clear simple slow warm careful honest ordinary familiar shared busy tired brave"
).split()
NAMES = ["Priya", "Dana", "Marcus", "Theo", "Sam", "Jordan", "Lena", "Amara", "Kai", "Ruth"]
SECTIONS = [("What happens", "what"), ("Why it matters", "why"), ("What helps", "helps")]

# Types mkdocs-quiz can express: single/multiple choice (checkboxes) and fill-in-the-blank.
MKQUIZ_TYPES = ("single", "multiple", "truefalse")  # truefalse as a two-option single; scenario parts too


def _sentence(rng: random.Random, n: int | None = None) -> str:
    n = n or rng.randint(9, 16)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.4:
        words[rng.randrange(n)] = rng.choice(NAMES)
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def _para(rng: random.Random, k: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(k))


def _phrase(rng: random.Random, n: int = 4) -> str:
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:]


def _distinct(rng: random.Random, k: int, n: int = 4) -> list[str]:
    out: list[str] = []
    while len(out) < k:
        p = _phrase(rng, n)
        if p.casefold() not in {o.casefold() for o in out}:
            out.append(p)
    return out


def lesson_markdown(rng: random.Random, title: str) -> str:
    parts = [f"---\ntitle: {title}\ndescription: A synthetic lesson for the build benchmark.\n---\n", f"# {title}\n",
             _para(rng, 3) + "\n"]
    for heading, anchor in SECTIONS:
        parts.append(f"## {heading} {{#{anchor}}}\n")
        parts.append(_para(rng) + "\n")
        parts.append(_para(rng) + "\n")
        if anchor == "what":
            parts.append("\n".join(f"- {_sentence(rng, 7)}" for _ in range(3)) + "\n")
        if anchor == "helps":
            parts.append(f'!!! example "{rng.choice(NAMES)} and {rng.choice(NAMES)}"\n    {_para(rng, 2)}\n')
    parts.append("## In short {#in-short}\n")
    parts.append("\n".join(f"- {_sentence(rng, 8)}" for _ in range(3)) + "\n")
    return "\n".join(parts)


def _options(rng, k, correct):
    texts = _distinct(rng, k)
    return [dict(text=t, **({"correct": True} if i in correct else {}), feedback=_sentence(rng, 10))
            for i, t in enumerate(texts)]


def _question(rng: random.Random, qid: str, kind: str) -> dict:
    review = "#" + rng.choice(SECTIONS)[1]
    if kind == "single":
        return dict(id=qid, type="single", prompt=_sentence(rng)[:-1] + "?", options=_options(rng, 3, {rng.randrange(3)}),
                    explanation=_sentence(rng), review=review)
    if kind == "multiple":
        return dict(id=qid, type="multiple", prompt=_sentence(rng)[:-1] + "?", options=_options(rng, 4, {0, 2}),
                    explanation=_sentence(rng), review=review)
    if kind == "truefalse":
        return dict(id=qid, type="truefalse", prompt=_sentence(rng), answer=rng.random() < 0.5,
                    feedback_true=_sentence(rng, 9), feedback_false=_sentence(rng, 9), explanation=_sentence(rng), review=review)
    if kind == "ordering":
        return dict(id=qid, type="ordering", prompt="Put these steps in order.", items=_distinct(rng, 5, 5),
                    explanation=_sentence(rng), review=review)
    if kind == "matching":
        lefts, rights = _distinct(rng, 4, 3), _distinct(rng, 4, 4)
        return dict(id=qid, type="matching", prompt="Match each moment to what it may protect.",
                    pairs=[{"left": a, "right": b} for a, b in zip(lefts, rights, strict=True)], explanation=_sentence(rng), review=review)
    if kind == "scenario":
        return dict(id=qid, type="scenario", story=_para(rng, 4), questions=[
            _question(rng, f"{qid}-1", "single"), _question(rng, f"{qid}-2", "truefalse")])
    if kind == "likert":
        return dict(id=qid, type="likert", prompt=_sentence(rng))
    return dict(id=qid, type="reflection", prompt=_sentence(rng)[:-1] + "?", hint=_sentence(rng, 8))


# Five questions per bank: three graded choice types every time, plus two of the rest in turn.
ROTATION = ["ordering", "matching", "scenario", "likert", "reflection"]


def bank(rng: random.Random, slug: str, index: int) -> dict:
    extra = [ROTATION[index % 5], ROTATION[(index + 2) % 5]]
    kinds = ["single", "multiple", "truefalse"] + extra
    return {"questions": [_question(rng, f"{slug}-q{i + 1}", k) for i, k in enumerate(kinds)]}


def chapter_quiz(rng: random.Random, slug: str, lessons: list[str]) -> dict:
    """A chapter quiz: eight graded questions, each linking back to a section of one of the chapter's lessons."""
    kinds = ["single", "multiple", "truefalse", "single", "scenario", "truefalse", "multiple", "single"]
    questions = []
    for i, kind in enumerate(kinds):
        q = _question(rng, f"{slug}-quiz-q{i + 1}", kind)
        target = f"{lessons[i % len(lessons)]}.md{rng.choice(SECTIONS)[1].join(['#', ''])}"
        for leaf in q.get("questions") or [q]:
            leaf["review"] = target
        questions.append(q)
    return {"kind": "chapter-quiz", "questions": questions}


def to_mkdocs_quiz(data: dict) -> tuple[str, dict[str, int]]:
    """Our bank in mkdocs-quiz's Markdown syntax; the counts say what was converted and what was skipped."""
    blocks: list[str] = []
    counts = {"converted": 0, "skipped": 0}

    def one(q: dict, story: str | None = None) -> None:
        lines = ["<quiz>"]
        if story:
            lines += [story, ""]
        lines.append(q["prompt"])
        if q["type"] == "truefalse":
            for label, value in (("True", True), ("False", False)):
                lines.append(f"- [{'x' if q['answer'] is value else ' '}] {label}")
                fb = q.get(f"feedback_{label.lower()}")
                if fb:
                    lines.append(f"    > {fb}")
        else:
            for o in q["options"]:
                lines.append(f"- [{'x' if o.get('correct') else ' '}] {o['text']}")
                if o.get("feedback"):
                    lines.append(f"    > {o['feedback']}")
        lines += ["", q.get("explanation") or "", "</quiz>"]
        blocks.append("\n".join(lines))
        counts["converted"] += 1

    for q in data["questions"]:
        if q["type"] in MKQUIZ_TYPES:
            one(q)
        elif q["type"] == "scenario":
            for sub in q["questions"]:
                one(sub, q["story"]) if sub["type"] in MKQUIZ_TYPES else counts.__setitem__("skipped", counts["skipped"] + 1)
        else:
            counts["skipped"] += 1
    return "\n\n".join(blocks), counts


COMMON_EXTENSIONS = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      permalink_title: Link to this section
  - pymdownx.details
  - pymdownx.superfences
"""

THEME = """\
theme:
  name: material
{custom_dir}  language: en
  font: false
  icon:
    logo: material/heart-outline
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.prune
    - navigation.footer
    - navigation.indexes
    - navigation.top
    - content.tooltips
    - search.highlight
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: teal
      accent: deep orange
      toggle: {{icon: material/weather-night, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: teal
      accent: orange
      toggle: {{icon: material/weather-sunny, name: Switch to light mode}}
"""


def config_text(variant: str, docs: Path) -> str:
    custom = f"  custom_dir: {ROOT / 'overrides'}\n" if variant == "ours" else ""
    out = [f"site_name: Bench course\nsite_url: https://example.org/bench/\ndocs_dir: {docs}\n", THEME.format(custom_dir=custom)]
    if variant == "ours":
        out.append("extra:\n  generator: false\nplugins:\n  - search\n  - quizkit:\n      quizzes_dir: quizzes\n"
                   "      exempt: [about, includes]\n      storage_key: aa-course\n")
    else:
        out.append("extra:\n  generator: false\n")
    if variant == "mkquiz":
        out.append("plugins:\n  - search\n  - mkdocs_quiz\n")
    out.append(COMMON_EXTENSIONS)
    return "".join(out)


def generate(dest: Path, pages: int, seed: int = 7) -> dict:
    """Write docs/ (plain), docs-mkquiz/, quizzes/ and three configs under dest; return facts about them."""
    dest = dest.resolve()
    if dest.exists():
        shutil.rmtree(dest)
    rng = random.Random(seed * 100003 + pages)
    docs, docs_mq, quizzes = dest / "docs", dest / "docs-mkquiz", dest / "quizzes"
    counts = {"pages": pages, "questions": 0, "by_type": {}, "mkquiz_converted": 0, "mkquiz_skipped": 0}
    home = "---\ntitle: Home\n---\n# Bench course\n\n" + _para(rng, 3) + "\n"
    for d in (docs, docs_mq):
        d.mkdir(parents=True)
        (d / "index.md").write_text(home)
    chapters = (pages + LESSONS_PER_CHAPTER - 1) // LESSONS_PER_CHAPTER
    n = 0
    for c in range(chapters):
        part = f"p{c // CHAPTERS_PER_PART + 1:02d}"
        ch = f"{part}/ch{c + 1:03d}"
        if c % CHAPTERS_PER_PART == 0:
            for d in (docs, docs_mq):
                (d / part).mkdir(parents=True)
                (d / part / "index.md").write_text(f"# Part {part[1:]}\n\n{_para(rng, 2)}\n")
        for d in (docs / ch, docs_mq / ch, quizzes / ch):
            d.mkdir(parents=True)
        intro = f"---\ntitle: Chapter {c + 1}\n---\n# Chapter {c + 1}\n\n{_para(rng, 2)}\n"
        (docs / ch / "index.md").write_text(intro)
        (docs_mq / ch / "index.md").write_text(intro)
        for lesson in range(LESSONS_PER_CHAPTER):
            if n >= pages:
                break
            slug = f"l{lesson + 1:02d}"
            md = lesson_markdown(rng, f"Lesson {c + 1}.{lesson + 1}: {_phrase(rng, 3)}")
            data = bank(rng, f"ch{c + 1:03d}-{slug}", n)
            (docs / ch / f"{slug}.md").write_text(md)
            (quizzes / ch / f"{slug}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
            converted, c2 = to_mkdocs_quiz(data)
            (docs_mq / ch / f"{slug}.md").write_text(md.rstrip("\n") + "\n\n## Check your understanding {#quiz}\n\n" + converted + "\n")
            counts["mkquiz_converted"] += c2["converted"]
            counts["mkquiz_skipped"] += c2["skipped"]
            for q in data["questions"]:
                if q["type"] == "scenario":
                    counts["scenarios"] = counts.get("scenarios", 0) + 1
                for leaf in q.get("questions") or [q]:
                    counts["questions"] += 1
                    counts["by_type"][leaf["type"]] = counts["by_type"].get(leaf["type"], 0) + 1
            n += 1
        # The chapter quiz page (its text alike in every variant; the questions as each variant writes them).
        lessons = sorted(p.stem for p in (docs / ch).glob("l*.md"))
        quiz = chapter_quiz(rng, f"ch{c + 1:03d}", lessons)
        page = f"---\ntitle: Chapter {c + 1} quiz\n---\n# Chapter {c + 1} quiz\n\n{_para(rng, 2)}\n"
        (docs / ch / "quiz.md").write_text(page)
        (quizzes / ch / "quiz.yml").write_text(yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True, width=100))
        converted, c2 = to_mkdocs_quiz(quiz)
        (docs_mq / ch / "quiz.md").write_text(page + "\n" + converted + "\n")
        counts["mkquiz_converted"] += c2["converted"]
        counts["mkquiz_skipped"] += c2["skipped"]
        for q in quiz["questions"]:
            for leaf in q.get("questions") or [q]:
                counts["questions"] += 1
                counts["by_type"][leaf["type"]] = counts["by_type"].get(leaf["type"], 0) + 1
    # Doc pages counted as MkDocs sees them: lessons + chapter index and quiz pages + part pages + home.
    counts["md_files"] = pages + 2 * chapters + (chapters + CHAPTERS_PER_PART - 1) // CHAPTERS_PER_PART + 1
    for variant, d in (("plain", docs), ("ours", docs), ("mkquiz", docs_mq)):
        (dest / f"mkdocs-{variant}.yml").write_text(config_text(variant, d))
    return counts
