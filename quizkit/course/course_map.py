"""The course's shape for the progress page: chapters in nav order, their lessons, each check's questions.

Built at build time from the loaded Course (banks by page) and the nav
(section titles and page order, captured by the plugin's on_nav). The result is
plain JSON the browser reads: question ids and answer fingerprints, so the
page can tell a saved answer to an edited question from a current one, and a
link back to the section that teaches each question.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from quizkit.bank.course import Course, resolve_page
from quizkit.bank.fingerprint import fingerprint, legacy_fingerprint
from quizkit.journey.path import answered_only
from quizkit.pages import page_title
from quizkit.render.text import MarkdownText, relative_href

@dataclass
class NavSection:
    title: str
    pages: list[tuple[str, str | None]] = field(default_factory=list)  # (src_uri, nav title or None)


def nav_sections(nav) -> list[NavSection]:
    """Top-level sections of an MkDocs Navigation, each with its pages in order (sub-sections flattened)."""
    out: list[NavSection] = []
    loose = NavSection("")
    for item in nav.items:
        if getattr(item, "is_section", False):
            section = NavSection(item.title or "")
            _collect(item.children, section)
            out.append(section)
        elif getattr(item, "is_page", False):
            loose.pages.append((item.file.src_uri, item.title))
    if loose.pages:
        out.insert(0, loose)
    return out


def _collect(children, section: NavSection) -> None:
    for child in children:
        if getattr(child, "is_page", False):
            section.pages.append((child.file.src_uri, child.title))
        elif getattr(child, "is_section", False):
            _collect(child.children, section)


def sections_from_folders(course: Course) -> list[NavSection]:
    """Without a nav (plain Python-Markdown): one section per folder, pages sorted."""
    by_folder: dict[str, NavSection] = {}
    for page in sorted(course.banks):
        folder = PurePosixPath(page).parent.as_posix()
        by_folder.setdefault(folder, NavSection(folder if folder != "." else "")).pages.append((page, None))
    return list(by_folder.values())


def build_course_map(course: Course, sections: list[NavSection], from_page: str, href=relative_href) -> dict:
    """JSON-ready chapters -> lessons -> graded questions, every link relative to `from_page`."""
    text = MarkdownText()
    chapters = []
    for section in sections:
        lessons = []
        index_href = None
        for page, nav_title in section.pages:
            if PurePosixPath(page).name == "index.md" and index_href is None:
                index_href = href(from_page, page)
            bank = course.bank_for(page)
            written = answered_only(bank) if bank else []  # nothing graded: done when each is answered
            if bank is None or not (bank.graded() or written):
                continue
            link = href(from_page, page)
            title = nav_title or page_title(course.docs_dir, page)
            questions = []
            for q in bank.graded():
                if q.review:
                    target, _, anchor = q.review.partition("#")
                    review = href(from_page, resolve_page(page, target) + ("#" + anchor if anchor else ""))
                else:
                    review = f"{link}#qz-{q.id}"
                questions.append({"id": q.id, "h": fingerprint(q), "w": legacy_fingerprint(q), "prompt": text.plain(q.prompt), "review": review})
            lesson = {"page": page, "title": title, "href": link, "kind": bank.kind, "pass": bank.pass_mark, "questions": questions}
            if written:
                lesson["answered"] = [{"id": q.id, "h": fingerprint(q), "w": legacy_fingerprint(q)} for q in written]
            lessons.append(lesson)
        if lessons:
            chapters.append({"title": section.title, "href": index_href, "lessons": lessons})
    return {"chapters": chapters}
