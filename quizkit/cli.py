"""`python build_quizzes.py <command>`: the generator without a full site build."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from .course import Course, load_course

ROOT = Path(__file__).resolve().parent.parent


def _mkdocs_settings(root: Path) -> dict:
    """docs_dir and extra.quizkit from mkdocs.yml, ignoring the !!python tags Material uses."""
    class _Lenient(yaml.SafeLoader):
        pass

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient) or {}
    settings = (data.get("extra") or {}).get("quizkit") or {}
    return {
        "docs_dir": root / data.get("docs_dir", "docs"),
        "quizzes_dir": root / settings.get("quizzes_dir", "quizzes"),
        "exempt": tuple(settings.get("exempt", ("about", "includes"))),
        "nav": data.get("nav"),
        "language": ((data.get("theme") or {}).get("language")) or "en",
    }


def load(root: Path = ROOT) -> Course:
    s = _mkdocs_settings(root)
    return load_course(s["docs_dir"], s["quizzes_dir"], exempt=s["exempt"], display_root=root)


def cmd_check(args) -> int:
    course = load(Path(args.root))
    for problem in course.errors + course.missing:
        print(problem)
    questions = sum(len(b.leaves()) for b in course.banks.values())
    problems = len(course.errors) + len(course.missing)
    print(f"{len(course.banks)} banks, {questions} questions, {problems} problem{'s' if problems != 1 else ''}")
    return 1 if problems else 0


def cmd_stats(args) -> int:
    course = load(Path(args.root))
    by_type: Counter = Counter()
    by_chapter: Counter = Counter()
    thin = []
    for page, bank in sorted(course.banks.items()):
        leaves = bank.leaves()
        for q in bank.questions:
            by_type[q.type] += 1
            by_type.update(s.type for s in q.questions)
        by_chapter[page.split("/")[0] if "/" in page else "(top level)"] += len(leaves)
        if bank.kind == "lesson" and len(bank.questions) < 3:
            thin.append(f"{bank.source}: only {len(bank.questions)} question(s); aim for 3–6")
    print("Questions by type")
    for kind, n in sorted(by_type.items()):
        print(f"  {kind:12} {n:4d}")
    print("Questions by chapter")
    for chapter, n in sorted(by_chapter.items()):
        print(f"  {chapter:20} {n:4d}")
    try:
        from .outcomes import load_outcomes
        outcomes = load_outcomes(Path(args.root) / "quizzes" / "_outcomes")
        print("Questions by outcome")
        for o in outcomes:
            print(f"  {o.concept:3d} {o.id:28} {len(o.tested_by):3d}")
    except (ImportError, FileNotFoundError):
        pass
    if thin:
        print("Lessons with fewer than three questions")
        for line in thin:
            print(f"  {line}")
    for problem in course.errors:
        print(problem)
    return 1 if course.errors else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build_quizzes.py", description="The course's YAML quiz generator.")
    parser.add_argument("--root", default=str(ROOT), help="project folder holding mkdocs.yml (default: this one)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every bank as the build would").set_defaults(run=cmd_check)
    sub.add_parser("stats", help="questions by type, chapter and outcome").set_defaults(run=cmd_stats)
    args = parser.parse_args(argv)
    return args.run(args)
