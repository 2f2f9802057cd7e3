"""The quizkit MkDocs plugin: `plugins: [search, quizkit]` in mkdocs.yml.

It loads and checks every YAML file under quizzes/ before any page is built
(`file:line: what to fix`, the build stops), lets each lesson's page know its
bank, fills in the widget after the search plugin has indexed the page (so
answers stay out of search), and adds what every page needs: the widget's
and tools' scripts and styles (copied from the package), their settings, and
the Content-Security-Policy. The rendering itself is done by the
Python-Markdown extensions (quizkit.render.quiz_extension, quizkit.render.tools_extension), which
never import MkDocs.
"""
from __future__ import annotations

import html
import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quizkit.journey import path as journey_path, chapter_lessons
from quizkit.plugin import serve
from quizkit import strings
from quizkit.plugin.assets_pipeline import THEME_FILES, AssetError, AssetPipeline, minified
from quizkit.course.checks import Checked, check_all
from quizkit.pages import nav_pages
from quizkit.plugin.config import QuizkitConfig
from quizkit.plugin.policy import PagePolicy, policy_edit
from quizkit.course.course_map import nav_sections
from quizkit.journey.times import course_times, times_markdown
from quizkit.render.quiz_extension import QuizExtension
from quizkit.journey.html import JourneyHtml
from quizkit.course.outcomes_md import expand as expand_outcomes
from quizkit.resources import ASSETS, ASSETS_URL, forget_package_files, package_file, read_text
from quizkit.render.splice import Edit, apply
from quizkit.strings import client_strings
from quizkit.course.tables import TablesExtension
from quizkit.render.text import relative_href
from quizkit.render.tools_extension import ToolsExtension

log = logging.getLogger("mkdocs.plugins.quizkit")

REPORT_MARKER = "<!-- report-an-error -->"


def report_link(config: MkDocsConfig) -> str:
    """The new-issue page of the course's repository, from `repo_url` (top level, or under `extra` where
    Material's header widget, which asks GitHub's API for stars, is not wanted), so no page types it."""
    repo = (config.repo_url or (config.extra or {}).get("repo_url") or "").rstrip("/")
    if not repo:
        raise PluginError(f"a page asks for '{REPORT_MARKER}', but mkdocs.yml sets no repo_url (top level or under extra:)")
    return f"[{repo}/issues/new]({repo}/issues/new)"


class QuizkitPlugin(BasePlugin[QuizkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.serving = False  # set by `mkdocs serve` (also `serve --clean`, from its first rebuild on)
        self._reset()

    def _reset(self) -> None:
        """Forget everything a previous build learnt: `mkdocs serve` reuses the plugin instance."""
        self.root: Path | None = None
        self.checked: Checked | None = None
        self.quiz: QuizExtension | None = None
        self.tools: ToolsExtension | None = None
        self.sections = None
        self.nav_urls: dict[str, str] = {}  # docs path -> URL, of the pages in the nav
        self.journey: JourneyHtml | None = None
        self.client: dict = {}
        self._config_attr: str | None = None
        self.build_errors: list = []  # during serve only: shown in the pages instead of stopping the build
        self.page_errors: dict[str, list[str]] = {}
        self.preview = None  # during serve: what `check` says, per page
        self.notes: dict[str, list[str]] = {}
        self.assets: AssetPipeline | None = None
        self._journey_marked: set[str] = set()  # pages whose own part has a journey marker
        self.policy: PagePolicy | None = None  # made from the settings on first use

    # -- configuration -------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        serve.reprint_repeated_messages()
        # Edits to strings, schemas and templates show up on the next `mkdocs serve` rebuild.
        forget_package_files()
        if "quizkit" in config.extra:
            log.warning("mkdocs.yml: the quizkit settings moved from 'extra.quizkit' to the plugin: "
                        "write them under 'plugins: - quizkit:' instead")
        if self.config.csp and config.theme.name == "material" and config.theme.get("font") is not False:
            log.warning("mkdocs.yml: Material loads its font from Google, which the Content-Security-Policy blocks "
                        "(and which would tell Google who reads the course); set 'theme: font: false'")
        self.root = Path(config.config_file_path).resolve().parent
        language = config.theme.get("language") or "en"
        quizzes = str(self.root / self.config.quizzes_dir)
        self.quiz = QuizExtension(quizzes_dir=quizzes, docs_dir=config.docs_dir, language=language,
                                  deferred=True, collect=True)
        self.tools = ToolsExtension(quizzes_dir=quizzes, docs_dir=config.docs_dir, language=language, collect=True,
                                    pages=dict(self.config.tool_pages), help_links=dict(self.config.help_links),
                                    summary_sections=dict(self.config.summary_sections),
                                    course_provider=lambda: self.checked and self.checked.course,
                                    sections_provider=lambda: self.sections)
        # Our instances replace a plain 'quizkit' entry, so all pages share one loaded course.
        for name in ("quizkit", "quizkit.render.quiz_extension", "quizkit.render.tools_extension"):
            if name in config.markdown_extensions:
                config.markdown_extensions.remove(name)
            config.mdx_configs.pop(name, None)
        config.markdown_extensions += [self.quiz, self.tools, TablesExtension()]
        # The key names the site's own path: a user's GitHub Pages sites share one origin, and so one localStorage.
        path = urlsplit(config.site_url or "").path or "/"
        key = f"{self.config.storage_key}:{path if path.endswith('/') else path + '/'}"
        self.client = {"key": key, "was": self.config.storage_key, "strings": client_strings(language)}
        config.extra["quiz_client"] = self.client  # for the theme's own templates (announce bar, footer)
        return config

    # -- checking everything before the first page -------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = sorted(f.src_uri for f in files.documentation_pages())
        checked = check_all(Path(config.docs_dir), self.root / self.config.quizzes_dir, pages=pages,
                            exempt=tuple(self.config.exempt), display_root=self.root)
        if checked.errors and self.serving:
            # The preview keeps answering: the messages go to the terminal and into the pages.
            self.build_errors = list(checked.errors)
            for error in checked.errors:
                log.error(str(error))
        elif checked.errors:
            count = len(checked.errors)
            raise PluginError(f"{count} problem{'s' if count > 1 else ''} in {self.config.quizzes_dir}/:\n"
                              + "\n".join(f"  {e}" for e in checked.errors))
        if self.config.require_banks:
            for problem in checked.warnings:
                log.warning(str(problem))
        # The cheap item-writing rules, per question (--strict makes them fail); near-duplicates are `check`'s.
        from quizkit.authoring.lint import lint  # authors' tooling: loaded by the build that runs it, not on import

        for finding in lint(list(checked.course.banks.values()), course_wide=False).findings:
            log.warning(str(finding))
        self.checked = checked
        if self.serving:  # a broken bank hides no other page's (or its own lesson's) text findings
            from quizkit.authoring.preview import Preview  # authors' tooling: only `mkdocs serve` loads it

            self.preview = Preview(self.root, Path(config.docs_dir), self.root / self.config.quizzes_dir, self.config,
                                   tuple(self.config.exempt), checked.course, config.theme.get("language") or "en")
            for finding in self.preview.course_wide:
                log.warning(finding)
        self.quiz.use_course(checked.course)
        self.quiz.href = self.tools.href = _links(files)
        self.tools.assessment, self.tools.cycle = checked.assessment, checked.cycle
        try:
            self.assets = AssetPipeline(ASSETS, lambda name: read_text("assets", name))
        except AssetError as exc:
            raise PluginError(str(exc)) from None
        for name, text in self.assets.files().items():
            files.append(File.generated(config, ASSETS_URL + name, content=text))
        for file in files:  # the theme's own scripts and a11y.css (overrides/assets/), minified as ours are
            if THEME_FILES.match(file.src_uri):
                file.content_string = minified(file.src_uri, file.content_string)
        if self.serving:
            files.append(File.generated(config, serve.RELOAD_URL, content=serve.reload_client()))
        folder = self.config.downloads_dir.strip("/")
        if folder and (self.serving or not checked.errors):  # the banks as GIFT, QTI and JSON, for the teachers' page
            for name, content in self._downloads(checked, config).items():
                files.append(File.generated(config, f"{folder}/{name}", content=content))
        return files

    def _downloads(self, checked: Checked, config: MkDocsConfig) -> dict[str, bytes | str]:
        """The downloads by name. `mkdocs serve` rebuilds on every edit and nobody downloads from the preview:
        there each file only says where the real one comes from (the links stay good)."""
        from quizkit.exports.downloads import exports, placeholders  # only a build that makes them needs the exporters

        if self.serving:  # also while a bank is broken: the teachers' page's links still resolve
            return placeholders()
        from quizkit.exports import in_course_order

        banks = in_course_order(checked.course.banks, config.nav)
        return exports(banks, config.theme.get("language") or "en", docs_dir=Path(config.docs_dir))

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.sections = nav_sections(nav)
        # The practice page lists the course's questions in the order readers meet them.
        self.quiz.page_order = [p.file.src_uri for p in nav.pages]
        self.nav_urls = {p.file.src_uri: p.url for p in nav.pages}
        self._add_journey(nav, config, files)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme (overrides/) asks which pages the nav holds and where they are: one dict a build, where a
        search of nav.pages on every page grew with the square of the course's size."""
        env.globals["nav_urls"] = self.nav_urls
        return env

    # -- each page ---------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        self.quiz.page = self.tools.page = src
        if self.preview:
            found = self.preview.text(src)
            for finding in found:
                log.warning(finding)
            self.notes[src] = found + self.preview.items(src)
        if "<!-- outcomes" in markdown:
            markdown = self._expand_outcomes(markdown, src, config)
        if REPORT_MARKER in markdown:
            markdown = markdown.replace(REPORT_MARKER, report_link(config))
        if "<!-- lessons" in markdown:  # a chapter page's list of its lessons, from the nav
            table = strings.strings(config.theme.get("language") or "en")
            markdown = chapter_lessons.expand(markdown, src, self.journey.journey, Path(config.docs_dir), table)
        if "<!-- course-times -->" in markdown:
            language = config.theme.get("language") or "en"
            path = self.journey.journey  # the journey's reading time: one figure for lessons, home and this table
            chapters = course_times(path, self.checked.course, src)
            markdown = markdown.replace("<!-- course-times -->", times_markdown(chapters, path, strings.strings(language)))
        return markdown

    def on_page_content(self, html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if "journey:" in html_:  # a journey marker (quizkit/journey/html.py): looked for here, in the page's own part
            self._journey_marked.add(page.file.src_uri)
        problems = self.quiz.problems + self.tools.problems
        if problems:
            self.quiz.problems, self.tools.problems = [], []
            if self.serving:
                # 'no valid bank' repeats the bank's own errors, already printed and shown.
                problems = [p for p in problems if "no valid bank for" not in p]
                for problem in problems:
                    log.error(problem)
                self.page_errors[page.file.src_uri] = problems
                return html_
            raise PluginError("\n".join(problems))
        return html_

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Fill the widget slot after search has indexed the page, then add the assets and policy."""
        src = page.file.src_uri
        rel = lambda url: get_relative_url(url, page.url)  # noqa: E731
        slot = self.quiz.slot(src)
        if self.build_errors or self.page_errors.get(src):
            output = self._show_errors(output, src, slot)
        if self.notes.get(src):
            output = serve.show_notes(output, self.notes[src])
        if self.journey and src in self._journey_marked:
            output = self.journey.markers(output, src, rel)
        edits = []  # every piece finds its place in the page as the theme wrote it; one join makes the page
        widget_end = None
        article = output.find("<article")  # the page's own part, after the theme's header and navigation
        at = output.find(slot, max(article, 0))
        if at >= 0:
            widget_end = at + len(slot)
            edits.append((at, widget_end, self.quiz.widget(src)))
        for other in dict.fromkeys(self.quiz.slots.get(src, ())):  # another page's bank, shown here too
            if other != src and self.quiz.has_widget(other):
                mark, start = self.quiz.slot(other), max(article, 0)
                while (at := output.find(mark, start)) >= 0:
                    edits.append((at, at + len(mark), self.quiz.widget(other, src)))
                    start = at + len(mark)
        if self.journey:
            edits += self.journey.edits(output, src, rel, widget_end, article)
        edits += self._frame_edits(output, [text for _, _, text in edits], rel)
        return apply(output, edits)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """404.html is served at any depth: its links start from the site's own path."""
        if not template_name.endswith(".html"):
            return output
        base = urlsplit(config.site_url or "/").path
        base = base if base.endswith("/") else base + "/"
        return self._frame(output, lambda url: base + url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.assets.write_combined(Path(config.site_dir) / ASSETS_URL)

    def on_serve(self, server, config: MkDocsConfig, builder):
        if not self.serving:  # `serve --clean`: its first build did not add the reload client
            self.serving = True
            target = Path(config.site_dir) / serve.RELOAD_URL
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(serve.reload_client())
        if not serve.use_same_origin_reload(server):
            log.warning("this MkDocs injects its live-reload script inline, which the Content-Security-Policy blocks; "
                        "set the plugin's 'serve_csp: false' to preview with live reload")
        server.watch(str(self.root / self.config.quizzes_dir))
        server.watch(str(package_file()))  # an editable install: templates, strings, assets
        return server

    def _show_errors(self, output: str, src: str, slot: str) -> str:
        bank = f"{self.config.quizzes_dir.rstrip('/')}/{src[:-3]}."
        own = [str(e) for e in self.build_errors if str(e.file).startswith(bank)]
        others = [str(e) for e in self.build_errors if not str(e.file).startswith(bank)]
        own += self.page_errors.get(src, [])
        return serve.show_errors(output, own, others, slot)  # in the widget's place: a broken bank shows no quiz

    # -- helpers -------------------------------------------------------------------------
    def _add_journey(self, nav, config: MkDocsConfig, files: Files) -> None:
        """The reader's path (quizkit/journey/path.py): page parts now, and journey.json for the browser."""
        path = journey_path.build(nav, self.checked.course, Path(config.docs_dir), tuple(self.config.exempt), self.sections)
        table = strings.strings(config.theme.get("language") or "en")
        self.journey = JourneyHtml(path, table)
        files.append(File.generated(config, ASSETS_URL + "journey.json", content=self._journey_data(path, table)))

    def _journey_data(self, path, table: dict) -> str:
        a = self.checked.assessment
        scales = a.scales() if a else None  # the latest self-assessment result, told as the tool tells it
        client = {k: v for k, v in table.items() if k.startswith(("jr_", "sa_lean_"))}
        return json.dumps(path.data(client, scales), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def _frame(self, output: str, url) -> str:
        """A whole page (404.html) plus our stylesheet, script and the policy."""
        return apply(output, self._frame_edits(output, [], url))

    def _frame_edits(self, output: str, inserted: list[str], url) -> list:
        """Our stylesheet (end of <head>), script (end of <body>) and the policy (after <meta charset>), as edits
        to `output`; `inserted`: what other edits add to it, which the policy must cover too."""
        if self._config_attr is None:  # the same on every page: made once a build
            self._config_attr = html.escape(json.dumps(self.client, separators=(",", ":")), quote=True)
        styles, scripts = self.assets.tags([output, *inserted], lambda name: url(ASSETS_URL + name), self._config_attr)
        # </head> comes early and </body> last: each is looked for from its own end of the page.
        edits = [_insert(output.find("</head>"), styles), _insert(output.rfind("</body>"), scripts)]
        edits.append(policy_edit(output, self._policy([output, *inserted])))
        return [e for e in edits if e]

    def _policy(self, texts: list[str]) -> str:
        """The policy for a page made of `texts` (the page and what goes into it, never inside a <script>)."""
        if self.command == "serve" and not self.config.serve_csp:
            return ""
        if self.policy is None:
            self.policy = PagePolicy(self.config.csp)
        return self.policy.for_page(texts)

    def _expand_outcomes(self, markdown: str, src: str, config: MkDocsConfig) -> str:
        chapters = sorted({o.chapter for o in self.checked.outcomes})
        # Course order: the chapters as the nav lists them, falling back to file order.
        order = [path.split("/")[0] for path in nav_pages(config.nav or [])]
        chapters.sort(key=lambda ch: order.index(ch) if ch in order else len(order))
        return expand_outcomes(markdown, src, self.checked.outcomes, Path(config.docs_dir), chapters)


def _links(files: Files):
    """(from page, docs target like 'cycle/the-loop.md#loop') -> the link MkDocs itself would write there
    (File.url, get_relative_url): right whatever use_directory_urls says."""
    def href(from_page: str, target: str) -> str:
        path, _, anchor = target.partition("#")
        suffix = f"#{anchor}" if anchor else ""
        if not path or path == from_page:
            return suffix or "#"
        here, there = files.get_file_from_path(from_page), files.get_file_from_path(path)
        if here is None or there is None:  # not a page of this site (the checks report it): as written
            return relative_href(from_page, target)
        return get_relative_url(there.url, here.url) + suffix
    return href


def _insert(at: int, text: str) -> Edit | None:
    """`text` inserted at `at`, unless the place was not found (-1)."""
    return None if at < 0 else (at, at, text)
