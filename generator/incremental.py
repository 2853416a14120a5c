"""The incremental rebuild engine behind `serve` (and its benchmark).

It keeps the last good `Site` and re-renders only what a change affects (see
`generator.rebuild`).  A change is decided by content, never by size and
modification time (an edit can keep both): each watched file's digest is kept,
and `serve` passes the paths its file-system events name, so only those are
read again.  Unchanged pages are reused, and config and data are read again
only when one of their files' content changed.  Broken content never replaces the last
good build; the findings are kept in `errors` until a change fixes them.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import LANGUAGES
from generator.cache import BuildCache, digest
from generator.clock import Clock
from generator.errors import ERROR, Finding, Report, msg
from generator.i18n.notices import Notices
from generator.load.config import load_config
from generator.load.data import load_data
from generator.load.pages import load_page
from generator.model import Config, Data, SourcePage
from generator.pipeline import Options, assemble, extra_renderers, outputs
from generator.project import Project
from generator.rebuild import Plan, link_targets, plan
from generator.render import OutputFile, html
from generator.render.batch import CachedMarkdown, PageBatch
from generator.render.state import state_file
from generator.render.theme import Theme, load_theme
from generator.search import FOLDER as SEARCH_FOLDER
from generator.search import RecordCache, SearchIndexError, index_site
from generator.site import OutputPage, Site
from generator.validate import validate_data

FileDigest = str  # cache.digest of a file's bytes


@dataclass
class Outcome:
    ok: bool
    findings: list[Finding]
    written: list[str] = field(default_factory=list)
    plan: Plan | None = None
    seconds: float = 0.0
    # pages of the site among `written` (what `build` counts: not cards, feeds, the 404 page)
    pages: int = 0


@dataclass
class _Page:
    digest: FileDigest
    page: SourcePage | None
    findings: list[Finding]


def file_digest(path: Path | str) -> FileDigest | None:
    """Digest of the file's bytes (cache.digest), None if it is not a readable file."""
    try:
        with open(path, "rb") as fh:
            return digest(fh.read())
    except OSError:  # gone, a folder, or unreadable
        return None


def _hidden(name: str) -> bool:
    """Files the engine never watches: dot files and folders, editor backups (`~`)."""
    parts = name.split("/")
    return any(part.startswith(".") for part in parts) or name.endswith("~")


class Engine:
    """Builds into `out` once, then again for each batch of changed files."""

    def __init__(self, project: Project, out: Path, clock: Clock,
                 options: Options | None = None, notices: Notices | None = None):
        self.project = project
        self.notices = notices or Notices()
        self.out = out
        self.clock = clock
        self.options = options or Options()
        self.site: Site | None = None
        self.theme: Theme | None = None
        self.errors: list[Finding] = []
        self._pages: dict[Path, _Page] = {}
        self._data_key: tuple[object, ...] | None = None
        self._data: tuple[Config | None, Data | None, list[Finding]] = (None, None, [])
        # Markdown bodies: the build cache is shared with the first full build's workers,
        # so a page re-rendered later finds its body there instead of rendering it again.
        self._store = BuildCache.open(project.root)
        self._markdown: CachedMarkdown | None = None
        self._targets: dict[tuple[str, str, str], frozenset[str]] = {}
        self._snapshot: dict[str, FileDigest] = {}
        self._paths: dict[str, Path] = {}
        self._pending: set[str] = set()
        self._machine_due = False  # feeds etc. still to write after a partial rebuild
        self._index_due = False  # the search index, made again after the pages changed
        self._indexer: threading.Thread | None = None
        self._search_records = RecordCache()  # pages the index has read, by digest
        self._base = "/"

    # -- watching -------------------------------------------------------------------------

    def watched(self) -> Iterator[tuple[str, os.DirEntry[str]]]:
        """(project-relative name, entry) of every file that can change the site."""
        root = str(self.project.root.resolve()) + os.sep
        for top in [self.project.content, *self.project.template_dirs,
                    *self.project.locale_dirs]:
            stack = [str(top.resolve())]
            while stack:
                try:
                    entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
                except OSError:
                    continue
                for entry in entries:
                    if entry.name.startswith(".") or entry.name.endswith("~"):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        path = entry.path
                        yield (path[len(root):] if path.startswith(root) else path), entry

    def _name(self, path: Path) -> str:
        try:
            return path.relative_to(self.project.root).as_posix()
        except ValueError:
            return path.as_posix()

    def roots(self) -> list[Path]:
        """The folders whose files can change the site: content, templates, catalogs."""
        return [self.project.content, *self.project.template_dirs, *self.project.locale_dirs]

    def name_of(self, path: str) -> str:
        """The engine's name of a file: project-relative ("content/nb/om.md"), or the
        absolute path for a file outside the project (the default theme's)."""
        root = str(self.project.root.resolve()) + os.sep
        return path[len(root):].replace(os.sep, "/") if path.startswith(root) else path

    def _watches(self, name: str) -> bool:
        if _hidden(name):
            return False
        path = str(self.project.root.resolve() / name)
        return any(path.startswith(str(top.resolve()) + os.sep) for top in self.roots())

    def scan(self, candidates: Iterable[str] | None = None) -> set[str]:
        """Names (see `name_of`) whose content changed, or that appeared or went away,
        since the last scan.

        `candidates` are the absolute paths a file-system event named: only those
        are read again (a folder among them, or one that went away, means every
        file is).  Without them, every watched file is read and compared.
        """
        if candidates is not None:
            names = {self.name_of(os.path.abspath(p)) for p in candidates}
            names = {n for n in names if self._watches(n)}
            if not any(os.path.isdir(self.project.root / n) or
                       any(k.startswith(n + "/") for k in self._snapshot) for n in names):
                return self._rescan(names)
        now: dict[str, FileDigest] = {}
        for name, entry in self.watched():
            found = file_digest(entry.path)
            if found is None:
                continue
            now[name] = found
            if name not in self._paths:
                self._paths[name] = self.project.root / name
        old, self._snapshot = self._snapshot, now
        return {p for p in old.keys() | now.keys() if old.get(p) != now.get(p)}

    def _rescan(self, names: set[str]) -> set[str]:
        changed = set()
        for name in names:
            path = self.project.root / name
            found = file_digest(path)
            if self._snapshot.get(name) == found:
                continue  # touched, or saved with the same text: nothing to do
            changed.add(name)
            if found is None:
                self._snapshot.pop(name, None)
            else:
                self._snapshot[name] = found
                self._paths.setdefault(name, path)
        return changed

    def poll(self, candidates: Iterable[str] | None = None) -> Outcome | None:
        """Rebuild what changed (`candidates`: see `scan`); when nothing did, write
        the outputs a rebuild put off.  None when there was nothing to rebuild."""
        changed = self.scan(candidates)
        if changed:
            return self.update(changed)
        if self._machine_due:
            try:
                self.flush_machine()
            except Exception as exc:  # serve must keep running; the message is shown
                self.errors = [Finding("(generator)", None, ERROR,
                                       msg("Writing feeds stopped: {problem}",
                                           problem=type(exc).__name__ + ": " + str(exc)),
                                       code="generator-failure")]
        elif self._index_due:
            self.index_search()
        return None

    @property
    def machine_due(self) -> bool:
        """True when a rebuild put off work for the next quiet poll: feeds and other
        outputs (see `flush_machine`) or the search index (see `index_search`)."""
        return self._machine_due or self._index_due

    def index_search(self) -> threading.Thread | None:
        """Make the search index of the preview again, in a thread (None: one is running).

        Like the feeds, it follows the reload and never delays it: the edited page is
        served at once, the index a moment later.  Returns the thread, to wait for it.
        """
        if self._indexer is not None and self._indexer.is_alive():
            return None  # still due: the next quiet poll starts it again
        self._index_due = False
        self._indexer = threading.Thread(target=self._index, daemon=True)
        self._indexer.start()
        return self._indexer

    def _index(self) -> None:
        try:
            index_site(self.out, cache=self._search_records)
        except SearchIndexError as exc:
            print(self.notices(msg("The search index of the preview was not updated: {problem}",
                                   problem=str(exc))), file=sys.stderr, flush=True)

    def flush_machine(self) -> list[str]:
        """Write feeds, calendars, sitemap and other machine-readable outputs.

        A partial rebuild writes the edited pages first, so the browser can reload
        at once, and leaves these to the next quiet poll (serve: a tenth of a second later):
        a reader of the preview never waits for them.
        """
        self._machine_due = False
        if self.site is None or self.theme is None:
            return []
        return self._write(renderer_files(self.site, self.theme, self.markdown))

    # -- loading --------------------------------------------------------------------------

    def _load_data(self, report: Report) -> tuple[Config | None, Data | None]:
        content = self.project.content
        files = [content / "config.yaml", *sorted((content / "data").rglob("*"))]
        key = tuple((f.as_posix(), file_digest(f)) for f in files)
        if key != self._data_key:
            sub = Report(self.project.root, year=self.clock.local.year)
            config = load_config(sub, content, self.project.root, self.options.base_path,
                                 self.options.base_url)
            data = validate_data(sub, load_data(sub, content, self.project.root),
                                 self.clock.now)
            self._data_key, self._data = key, (config, data, sub.findings)
        config, data_, findings = self._data
        report.findings.extend(findings)
        return config, data_

    def _load_pages(self, report: Report) -> list[SourcePage]:
        """Pages as in `load.pages.load_pages`, reusing those whose file is unchanged."""
        content, root = self.project.content, self.project.root
        pages, seen = [], set()
        prefix = self._name(content)
        for lang in LANGUAGES:
            folder = f"{prefix}/{lang}/"
            for name in sorted(n for n in self._snapshot if n.startswith(folder)):
                path = self._paths[name]
                seen.add(path)
                found = self._snapshot[name]
                cached = self._pages.get(path)
                if cached is None or cached.digest != found:
                    sub = Report(root, year=self.clock.local.year)
                    if path.suffix != ".md":
                        sub.error(path, None, msg("Only Markdown files (.md) belong in "
                                                  "content/{lang}/.", lang=lang),
                                  msg("Rename the file to end in .md, or remove it."),
                                  code="not-markdown")
                        page = None
                    else:
                        page = load_page(sub, path, content, root, lang)
                    cached = _Page(found, page, sub.findings)
                    self._pages[path] = cached
                report.findings.extend(cached.findings)
                if cached.page:
                    pages.append(cached.page)
        for gone in set(self._pages) - seen:
            del self._pages[gone]
        return pages

    def load(self) -> tuple[Report, Site | None]:
        """Config, data and pages loaded again (unchanged files reused) into a `Site`; `(report,
        site)`, the site None if there are errors.
        """
        report = Report(self.project.root, year=self.clock.local.year)
        config, data = self._load_data(report)
        sources = self._load_pages(report)
        site = assemble(report, config, data or Data(), sources, self.clock.now,
                        self.options.drafts)
        return report, None if report.errors else site

    # -- rendering ------------------------------------------------------------------------

    def markdown(self, page: OutputPage) -> str:
        """The HTML of a page's body, from the build cache when it has it (the base path of the
        last site).
        """
        if self._markdown is None or self._markdown.base_path != self._base:
            self._markdown = CachedMarkdown(self._base, self._store)
        return self._markdown(page)

    def targets(self, page: OutputPage) -> frozenset[str]:
        """The site-relative URLs a page's Markdown links to (memoised per source hash), for
        `rebuild.plan`.
        """
        if page.source is None:
            return frozenset()
        key = (page.source.path, page.source.source_hash, page.url)
        if key not in self._targets:
            self._targets[key] = link_targets(page.source, page.url)
        return self._targets[key]

    def _write(self, files: Iterable[OutputFile]) -> list[str]:
        """Write the files that differ from what is on disk; returns all paths produced."""
        produced = []
        for item in files:
            target = self.out / item.path
            produced.append(item.path)
            try:
                if target.read_bytes() == item.data:
                    continue
            except OSError:
                target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(item.data)
            os.replace(tmp, target)  # a reader never sees half a page
        return produced

    def _remove_except(self, keep: set[str]) -> None:
        for path in sorted(self.out.rglob("*"), reverse=True):
            rel = path.relative_to(self.out).as_posix()
            if rel.split("/", 1)[0] in (SEARCH_FOLDER, f".{SEARCH_FOLDER}.new"):
                continue  # the search index is made from the pages, after them
            if path.is_file() and rel not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def update(self, changed: set[str] | None = None) -> Outcome:
        """Load again and render what `changed` affects (None: everything)."""
        started = time.perf_counter()
        if changed is None:
            self.scan()
            self.site = None
        elif not self._snapshot:
            self.scan()
        else:
            self._pending |= changed
        try:
            report, site = self.load()
            if site is None:
                self.errors = sorted(report.errors)
                return Outcome(False, self.errors, seconds=time.perf_counter() - started)
            theme_changed = any(not p.startswith("content/") for p in self._pending)
            if self.theme is None or theme_changed:
                self.theme = load_theme(self.project)
            self._base = site.config.base_path
            todo = plan(self.site, site, self._pending, self.targets)
            if todo.full:
                self._machine_due = False
                files = list(outputs(site, self.theme, PageBatch(self._store)))
                self.out.mkdir(parents=True, exist_ok=True)
                written = self._write(files)
                self._remove_except(set(written))
                self._index_due = True
                for page in site.pages:  # warm the link map, so the first edit is quick too
                    self.targets(page)
            else:
                written = self._write(self._partial(site, todo))
                for path in todo.removed:
                    (self.out / path).unlink(missing_ok=True)
                self._index_due = self._index_due or bool(todo.pages or todo.removed)
        except jinja2.TemplateError as exc:
            self.errors = [_template_finding(self.project, exc)]
            return Outcome(False, self.errors, seconds=time.perf_counter() - started)
        except Exception as exc:  # serve must keep running; the message is shown
            self.errors = [Finding("(generator)", None, ERROR,
                                   msg("The build stopped: {problem}",
                                       problem=type(exc).__name__ + ": " + str(exc)),
                                   code="generator-failure")]
            return Outcome(False, self.errors, seconds=time.perf_counter() - started)
        self.site = site
        self.errors = []
        self._pending.clear()
        page_files = {p.output_path for p in site.pages}
        return Outcome(True, report.warnings, written, todo, time.perf_counter() - started,
                       sum(path in page_files for path in written))

    def _partial(self, site: Site, todo: Plan) -> Iterator[OutputFile]:
        assert self.theme is not None
        yield from html.render_pages(site, self.theme, self.markdown, list(todo.pages))
        if todo.state:
            yield state_file(site)
        if todo.machine:
            self._machine_due = True  # written by `flush_machine` on the next quiet poll


def renderer_files(site: Site, theme: Theme, markdown: Callable[[OutputPage], str]
                   ) -> Iterator[OutputFile]:
    """Every file of the extra renderers (feeds, calendars, sitemap, open data, cards, 404)."""
    for renderer in extra_renderers():  # feeds and other lists of pages
        yield from renderer(site, theme, markdown)


def _template_finding(project: Project, exc: jinja2.TemplateError) -> Finding:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
    try:
        name = Path(name).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        pass
    return Finding(str(name), getattr(exc, "lineno", None), ERROR,
                   msg("The template cannot be used: {problem}", problem=exc.message or exc),
                   code="template")
