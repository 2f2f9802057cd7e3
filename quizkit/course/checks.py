"""One check for every YAML file under quizzes/: banks, outcomes, tools, story casts and help lines.

`check_all` is what both `python build_quizzes.py check` and the MkDocs
plugin run, so they report the same `file:line: what to fix` messages. No
input may end in a traceback: a loader that fails in a way nobody foresaw is
still reported against its file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizkit.course import helplines
from quizkit.course.assessment import Assessment, Cycle, ToolErrors, load_assessment, load_cycle, validate_with_schema
from quizkit.bank.course import DEFAULT_EXEMPT, Course, load_course, yaml_files
from quizkit.course.outcomes import Outcome, load_outcomes_file
from quizkit.bank.source import BankError, Located, display_path, load

TOOLS = ("self-assessment.yml", "cycle.yml")
HELP_LINES = "lines.yml"  # quizzes/_help/lines.yml, rendered by the quizkit.course.helplines extension
COURSE_FOLDERS = ("_outcomes", "_tools", "_cast", "_help", "_schema")


@dataclass
class Checked:
    course: Course
    outcomes: list[Outcome] = field(default_factory=list)
    assessment: Assessment | None = None
    cycle: Cycle | None = None
    errors: list[BankError] = field(default_factory=list)  # stop the build
    warnings: list[BankError] = field(default_factory=list)  # lessons without a bank

    def problems(self) -> list[BankError]:
        return self.errors + self.warnings


def check_all(docs_dir: Path, quizzes_dir: Path, pages: list[str] | None = None,
              exempt: tuple[str, ...] = DEFAULT_EXEMPT, display_root: Path | None = None) -> Checked:
    root = display_root or quizzes_dir.parent
    course = load_course(docs_dir, quizzes_dir, pages=pages, exempt=exempt, display_root=root)
    checked = Checked(course, errors=list(course.errors), warnings=list(course.missing))
    shown = lambda p: display_path(p, root)  # noqa: E731
    page_set = set(pages) if pages is not None else {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}

    outcomes_dir = quizzes_dir / "_outcomes"
    for path in yaml_files(outcomes_dir):
        checked.outcomes += _guard(checked, path, shown, lambda p=path: load_outcomes_file(p, shown(p))) or []

    tools_dir = quizzes_dir / "_tools"
    if (path := tools_dir / "self-assessment.yml").is_file():
        checked.assessment = _guard(checked, path, shown, lambda: load_assessment(path, shown(path), page_set))
    if (path := tools_dir / "cycle.yml").is_file():
        checked.cycle = _guard(checked, path, shown, lambda: load_cycle(path, shown(path)))
    for path in yaml_files(tools_dir):
        if path.name not in TOOLS:
            checked.errors.append(BankError(shown(path), None, f"not a course tool; quizzes/_tools/ holds only {' and '.join(TOOLS)}"))

    casts = [_guard(checked, path, shown, lambda p=path: load_cast(p, shown(p)))
             for path in yaml_files(quizzes_dir / "_cast")]
    checked.errors += check_partners([doc for doc in casts if doc is not None])

    help_dir = quizzes_dir / "_help"
    for path in yaml_files(help_dir):
        if path.name == HELP_LINES:
            _guard(checked, path, shown, lambda p=path: helplines.load(p, shown(p)))
        else:
            checked.errors.append(BankError(shown(path), None, f"not a help lines file; quizzes/_help/ holds only {HELP_LINES}"))

    if quizzes_dir.is_dir():
        for folder in sorted(p for p in quizzes_dir.iterdir() if p.is_dir() and p.name.startswith("_")):
            if folder.name not in COURSE_FOLDERS and yaml_files(folder):
                checked.errors.append(BankError(
                    shown(folder), None,
                    f"folders starting with '_' are not banks, and quizkit knows only {', '.join(COURSE_FOLDERS[:4])}; "
                    "rename the folder (without '_' it holds banks)"))
    checked.errors.sort(key=lambda e: (e.file, e.line or 0))
    return checked


def load_cast(path: Path, display: str) -> Located:
    """A chapter's story characters: `people:` with name, pronouns, leans, role, partner, together_years, files."""
    doc = load(path, display)
    errors = validate_with_schema(doc, "cast.schema.json", "cast ('people:' with a 'name' each)")
    if errors:
        raise ToolErrors(errors)
    return doc


def check_partners(casts: list[Located]) -> list[BankError]:
    """A partner must be someone in a cast file: the chapter's own, or recurring.yml for the recurring couples."""
    names = {person["name"] for doc in casts for person in doc.data["people"]}
    return [doc.error(("people", i, "partner"),
                      f"partner '{person['partner']}' is not one of the people in any file of quizzes/_cast/; "
                      "add them to this file (or to recurring.yml, for someone in several chapters)")
            for doc in casts for i, person in enumerate(doc.data["people"])
            if person.get("partner") and person["partner"] not in names]


def _guard(checked: Checked, path: Path, shown, load_it):
    """Run a loader; record its BankErrors (and anything unforeseen) against the file."""
    try:
        return load_it()
    except ToolErrors as exc:
        checked.errors += exc.errors
    except BankError as exc:
        checked.errors.append(exc)
    except Exception as exc:  # noqa: BLE001 - never a traceback for an author
        checked.errors.append(BankError(shown(path), None, f"could not be checked ({type(exc).__name__}: {exc}); "
                                                           "compare it with a working file of the same kind"))
    return None

