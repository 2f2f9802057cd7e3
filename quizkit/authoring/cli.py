"""`python build_quizzes.py <command>`: the generator without a full site build."""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from quizkit.course.checks import check_all
from quizkit.authoring.content import check_content
from quizkit.bank.course import Course, DEFAULT_EXEMPT, load_course
from quizkit.bank.source import BankError, display_path
from quizkit.authoring.widget_words import repeats

ROOT = Path.cwd()


class SettingsError(Exception):
    """mkdocs.yml could not be read; the message says why."""


def _mkdocs_settings(root: Path) -> dict:
    """docs_dir, nav, language and the quizkit plugin's settings, read by MkDocs' own config loader
    (so `!ENV`, `!relative` and INHERIT work exactly as in a build)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = root / "mkdocs.yml"
    if not path.is_file():
        raise SettingsError(f"{path}: not found; run this from the folder that holds mkdocs.yml, or pass --root")
    try:
        config = load_config(str(path))
    except (ConfigurationError, SystemExit) as exc:
        raise SettingsError(f"{path}: {exc}") from None
    plugin = config.plugins.get("quizkit")
    settings = plugin.config if plugin is not None else {}
    return {
        "docs_dir": Path(config.docs_dir),
        "quizzes_dir": root / settings.get("quizzes_dir", "quizzes"),
        "exempt": tuple(settings.get("exempt", DEFAULT_EXEMPT)),
        "nav": config.nav,
        "language": config.theme.get("language") or "en",
        "plugin": settings,
    }


def load(s: dict, root: Path) -> Course:
    """Every bank, as the settings `s` (_mkdocs_settings) place them."""
    return load_course(s["docs_dir"], s["quizzes_dir"], exempt=s["exempt"], display_root=root)


def cmd_check(args) -> int:
    """Every YAML file under quizzes/ (banks, outcomes, tools, casts, help lines) as the build checks them,
    then the item-writing checks (quizkit/authoring/lint.py) over every bank, near-duplicates across the course included."""
    from quizkit.authoring.lint import lint
    root = Path(args.root)
    s = _mkdocs_settings(root)
    checked = check_all(s["docs_dir"], s["quizzes_dir"], exempt=s["exempt"], display_root=root)
    for problem in checked.problems():
        print(problem)
    course = checked.course
    findings = [] if checked.errors else lint(list(course.banks.values())).findings
    for finding in findings:
        print(finding)
    text = check_content(root, s["docs_dir"], s["quizzes_dir"], s["plugin"], s["exempt"])
    for finding in text:
        print(finding)
    doubled = repeats(list(course.banks.values()), s["language"])
    for warning in doubled:
        print("warning: " + warning)
    questions = sum(len(b.leaves()) for b in course.banks.values())
    problems = len(checked.problems()) + len(findings) + len(text)
    parts = [f"{len(findings)} from the item-writing checks"] if findings else []
    parts += [f"{len(text)} from the lesson-text rules"] if text else []
    print(f"{len(course.banks)} banks, {questions} questions, {problems} problem{'s' if problems != 1 else ''}"
          + (f" ({'; '.join(parts)})" if parts else "")
          + (f"; {len(doubled)} warning{'s' if len(doubled) != 1 else ''} (text the widget already shows)" if doubled else ""))
    return 1 if problems else 0


def cmd_stats(args) -> int:
    root = Path(args.root)
    s = _mkdocs_settings(root)
    course = load(s, root)
    if args.guessing:
        return _guessing(course)
    by_type: Counter = Counter()
    by_chapter: Counter = Counter()
    thin = []
    known: set[str] = set()
    for _, bank in sorted(course.banks.items()):
        leaves = bank.leaves()
        known.update(q.id for q in bank.every())
        by_type.update(q.type for q in bank.every())
        by_chapter[bank.chapter or "(top level)"] += len(leaves)
        if bank.kind == "lesson" and len(leaves) < 3:
            thin.append(f"{bank.source}: only {len(leaves)} question(s); aim for 3 to 6")
    print("Questions by type")
    for kind, n in sorted(by_type.items()):
        print(f"  {kind:12} {n:4d}")
    print("Questions by chapter")
    for chapter, n in sorted(by_chapter.items()):
        print(f"  {chapter:20} {n:4d}")
    from quizkit.course.outcomes import load_outcomes
    try:
        outcomes = load_outcomes(s["quizzes_dir"] / "_outcomes")
    except FileNotFoundError:
        outcomes = []
    except BankError as exc:  # a broken outcomes file: say where, keep the other numbers
        print(exc)
        outcomes = []
        course.errors.append(exc)
    if outcomes:
        print("Questions by outcome (concept, chapter/id, questions found)")
        for o in outcomes:
            found = [t for t in o.tested_by if t in known]
            flag = "  <- no question tests this yet" if not found else ""
            gone = [t for t in o.tested_by if t not in known]
            if gone:
                flag += f"  <- unknown id(s): {', '.join(gone)}"
            print(f"  {o.concept:3d} {o.chapter + '/' + o.id:40} {len(found):3d}{flag}")
    _silenced(course)
    from quizkit.authoring.content import lessons, measure_file
    print("Lessons: words of prose, reading grade (Flesch-Kincaid)")
    for path in lessons(s["docs_dir"], s["exempt"]):
        if path.name != "quiz.md":
            r = measure_file(path)
            print(f"  {display_path(path, root):50} {r.words:5d} {r.grade:5.1f}")
    if thin:
        print("Lessons with fewer than three questions")
        for line in thin:
            print(f"  {line}")
    for problem in course.errors:
        print(problem)
    return 1 if course.errors else 0


def _silenced(course: Course) -> None:
    from quizkit.authoring.lint import RULES, lint
    silenced = lint(list(course.banks.values())).silenced
    print(f"Item-writing checks silenced with a reason (lint_ignore): {len(silenced)}")
    for rule in RULES:
        n = sum(f.rule == rule for f, _ in silenced)
        if n:
            print(f"  {rule:20} {n:4d}")


def _guessing(course: Course) -> int:
    from quizkit.authoring.guessing import report
    for problem in course.errors:
        print(problem)
    if course.errors:
        return 1
    text, met = report(list(course.banks.values()))
    print(text)
    return 0 if met else 1


def cmd_new(args) -> int:
    from quizkit.authoring.scaffold import ScaffoldError, scaffold
    root = Path(args.root)
    s = _mkdocs_settings(root)
    try:
        made = scaffold(root, args.target, s["docs_dir"], s["quizzes_dir"])
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in made.written[:2]:
        print(f"created {display_path(path, root)}")
    print(made.nav)
    chapter = made.page.parent.name
    print("Next: write the lesson and its questions in place of the example text ('make check' lists what is left).\n"
          f"Then add your question ids to the outcome they test in quizzes/_outcomes/{chapter}.yml, or add an outcome "
          "there (docs/about/authoring.md, 'Learning outcomes'), and list any first names in quizzes/_cast/ "
          "(the guide's 'Names in stories').")
    return 0


def cmd_schema_comments(args) -> int:
    from quizkit.bank.course import bank_files
    from quizkit.authoring.scaffold import ensure_schema_comment
    root = Path(args.root)
    quizzes = _mkdocs_settings(root)["quizzes_dir"]
    changed = [p for p in bank_files(quizzes) if ensure_schema_comment(p, quizzes)]
    for p in changed:
        print(f"added the schema comment to {display_path(p, root)}")
    print(f"{len(changed)} bank(s) changed")
    return 0


def cmd_export(args) -> int:
    from quizkit import exports as export
    from quizkit.exports import gift
    from quizkit.exports import json_export
    from quizkit.exports import qti
    root = Path(args.root)
    s = _mkdocs_settings(root)
    every = _banks_in_course_order(root, s, "error: fix the banks first; nothing was exported")
    if every is None:
        return 1
    banks = [b for b in every if not args.chapter or b.chapter == args.chapter]
    if not banks:
        chapters = sorted({b.chapter for b in every if b.chapter})
        print(f"error: no banks in chapter '{args.chapter}'; chapters: {', '.join(chapters)}", file=sys.stderr)
        return 1
    language = str(s["language"] or "en") if not str(s["language"]).startswith("!") else "en"
    out_dir = Path(args.out) if args.out else root / "exports"
    out_dir.mkdir(parents=True, exist_ok=True)
    scope = args.chapter or "course"
    out = out_dir / f"quizzes-{scope}{export.EXTENSIONS[args.format]}"
    if args.format == "qti":
        sel = qti.write(banks, out, language, scope, s["docs_dir"])
    elif args.format == "gift":
        sel = gift.write(banks, out)
    else:
        sel = json_export.write(banks, out, language)
    note = export.notice(sel.skipped, args.format.upper() if args.format != "json" else "JSON")
    if note:
        print(note, file=sys.stderr)
    print(f"wrote {len(sel.items)} question(s) to {out}")
    return 0


def cmd_blind(args) -> int:
    """The chapter quizzes' graded items without keys, for a study; or a reviewer's answers scored."""
    from quizkit.authoring import blind
    root = Path(args.root)
    banks = _banks_in_course_order(root, _mkdocs_settings(root))
    if banks is None:
        return 1
    banks = [b for b in banks if b.kind == "chapter-quiz" and (not args.chapter or b.chapter == args.chapter)]
    if not banks:
        print(f"error: no chapter quiz in '{args.chapter}'", file=sys.stderr)
        return 1
    if args.score:
        try:
            print(blind.score_report(blind.score(banks, blind.read_answers(args.score))))
        except (OSError, blind.AnswerError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    text = blind.write(banks)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {sum(len(blind.chapter_items(b)) for b in banks)} item(s) to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _banks_in_course_order(root: Path, s: dict, refusal: str = "") -> list | None:
    """Every bank in the order readers meet them; None (the problems printed) when a bank is broken."""
    from quizkit.exports import in_course_order
    course = load(s, root)
    if course.errors:
        for problem in course.errors:
            print(problem, file=sys.stderr)
        if refusal:
            print(refusal, file=sys.stderr)
        return None
    return in_course_order(course.banks, s["nav"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build_quizzes.py", description="The course's YAML quiz generator.")
    parser.add_argument("--root", default=str(ROOT), help="project folder holding mkdocs.yml (default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every bank as the build would").set_defaults(run=cmd_check)
    stats = sub.add_parser("stats", help="questions by type, chapter and outcome")
    stats.add_argument("--guessing", action="store_true",
                       help="score every chapter quiz under blind strategies (first, longest, False, ...) against chance")
    stats.set_defaults(run=cmd_stats)
    new = sub.add_parser("new", help="scaffold a lesson page, its bank and its nav entry")
    new.add_argument("target", metavar="CHAPTER/LESSON", help="for example cycle/after-the-fight")
    new.set_defaults(run=cmd_new)
    sub.add_parser("schema-comments", help="add the editor's schema comment to banks that lack it").set_defaults(
        run=cmd_schema_comments)
    exp = sub.add_parser("export", help="write the graded questions for a learning-management system")
    exp.add_argument("--format", required=True, choices=("qti", "gift", "json"))
    exp.add_argument("--chapter", help="only this chapter's banks (default: the whole course)")
    exp.add_argument("--out", help="folder to write to (default: exports/)")
    exp.set_defaults(run=cmd_export)
    blind = sub.add_parser("blind", help="the chapter quizzes without keys or feedback, for a study; --score to score answers")
    blind.add_argument("--chapter", help="only this chapter's quiz")
    blind.add_argument("-o", "--out", help="file to write (default: standard output)")
    blind.add_argument("--score", metavar="ANSWERS.yml", help="score a reviewer's answers instead (see quizkit/authoring/blind.py)")
    blind.set_defaults(run=cmd_blind)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
