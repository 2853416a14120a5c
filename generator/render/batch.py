"""Render all HTML pages fast: on every core, with cached Markdown, skipping unchanged pages.

A page's output depends on the whole site model except other pages' bodies
(menus, listings and alternates read front matter, never bodies), on the theme
and on its own body.  So its *key* is a hash of: the site key (theme, config,
data, clock, every page's address and front matter) + its path + its body.
When the cache says the published file was made from the same key and the
file is untouched, it is hard-linked from the previous site without rendering.
Pages that are rendered and come out byte-identical are linked as well.
The result is always the same bytes a cache-less build writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.cache import BuildCache, Published, digest, stat_of, text_digest
from generator.errors import ContentError, Report
from generator.load.pages import page_body
from generator.markup import Renderer
from generator.model import SourcePage
from generator.parallel import chunks, map_chunks, worker_count
from generator.publish import safe_relative
from generator.render import OutputFile, html
from generator.render.failures import report_template_error
from generator.render.theme import Theme
from generator.sanitize import POLICY_KEY
from generator.search.extract import PageRecord, extract
from generator.search.words import TermFinder
from generator.site import OutputPage, Site
from generator.views.pages import TEMPLATES

CHUNK = 50
Renderer_ = Callable[[Site, Theme, Callable[[OutputPage], str]], Iterable[OutputFile]]
_SKIP_FIELDS = {"body", "body_hash", "source_hash", "lines", "body_line"}


def _hash(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class CachedMarkdown:
    """page -> HTML of its body: rendered since the last flush, else from the build
    cache, else rendered now."""

    def __init__(self, base_path: str, cache: BuildCache | None = None,
                 root: Path | None = None):
        self.base_path = base_path
        self.cache = cache
        self.root = root  # the project, where bodies not kept in memory are read from
        self.new: dict[str, str] = {}  # rendered in this process, not yet saved
        self._renderer: Renderer | None = None

    def __getstate__(self) -> dict[str, object]:
        """Sent to a worker without what this process rendered or its Markdown instance."""
        return {**self.__dict__, "new": {}, "_renderer": None}

    def key(self, page: OutputPage) -> str:
        """The cache key of a page's body HTML: a hash of the base path and the body's hash."""
        src = page.source
        assert src is not None
        return _hash(self.base_path, POLICY_KEY,  # HTML cleaned under another policy is stale
                     src.body_hash or text_digest(page_body(src, self.root)))

    def __call__(self, page: OutputPage) -> str:
        assert page.source is not None
        key = self.key(page)
        # Bodies asked for again (a feed's entries are in several feeds) come from what
        # this process rendered since its last flush, else from the cache: the feeds'
        # thousands of bodies are never all held in memory at once.
        found = self.new.get(key)
        if found is None and self.cache is not None:
            found = self.cache.markdown(key)
        if found is None:
            if self._renderer is None:
                self._renderer = Renderer(self.base_path)
            found = self._renderer.html(page_body(page.source, self.root))
            self.new[key] = found
        return found

    def flush(self) -> None:
        """Write what this process rendered into the build cache, and let it go
        (a worker keeps no more than one chunk's bodies)."""
        if self.cache is not None:
            self.cache.add_markdown(self.new)
        self.new = {}


def site_key(site: Site, theme: Theme) -> str:
    """Everything a page's HTML depends on except the pages' bodies."""
    names = [f.name for f in dataclasses.fields(SourcePage) if f.name not in _SKIP_FIELDS]
    front_matter = operator.attrgetter(*names)
    pages = [(p.key, p.lang, p.url, p.kind, p.fallback, p.subject,
              None if p.source is None else front_matter(p.source)) for p in site.pages]
    return _hash(theme.fingerprint, repr(site.config), repr(site.data), site.now.isoformat(),
                 repr(site.drafts), repr(names), repr(pages))


@dataclass(frozen=True)
class Made:
    """One file a worker made: `data` is empty when the worker wrote it itself."""

    path: str
    data: bytes
    digest: str  # cache.digest of the bytes
    linked: bool  # hard-linked from the previous site (same bytes)
    is_page: bool  # an HTML page (else a feed or another extra output)
    record: PageRecord | None = None  # what the search index takes from the page


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render chunks of work; it pickles, so it can be
    sent to a worker process (the theme and the cache travel as what reopens them).

    Called with a chunk of pages or of `extras` renderers, it returns what was made.
    """

    site: Site
    theme: Theme
    markdown: CachedMarkdown
    folder: Path | None  # the staging folder: files are written there by the worker
    previous: Path | None  # the published site, to link identical pages from
    old: dict[str, Published]  # what the cache knows of the previous site's files
    # the search index's words of each page, read while its HTML is in memory (build only)
    terms: TermFinder | None = None

    def __call__(self, chunk: Sequence[OutputPage | Renderer_]) -> list[Made]:
        try:
            if chunk and not isinstance(chunk[0], OutputPage):
                made = [self.made(f, False) for f in render_extras(self, chunk)]  # type: ignore[arg-type]
            else:
                made = [self.made(f, True) for f in render_chunk(self, chunk)]  # type: ignore[arg-type]
        except jinja2.TemplateError as exc:  # in a worker: name template:line here, as
            project = self.theme.project    # the traceback does not travel
            failed = Report(project.root if project else Path.cwd())
            report_template_error(failed, exc, list(project.template_dirs) if project else [])
            raise ContentError(failed.errors) from None
        self.markdown.flush()  # bodies go to the cache from the worker, not through the parent
        return made

    def reopen(self) -> None:
        """In a new worker: open the build cache anew (a fork inherited the parent's)."""
        if self.markdown.cache is not None:
            self.markdown.cache.connect()

    def made(self, item: OutputFile, is_page: bool) -> Made:
        """Digest `item` and, with a staging folder, write (or link) it there."""
        data_digest = digest(item.data)
        record = None
        if is_page and self.terms is not None and item.path.endswith(".html"):
            record = extract(item.path, item.data.decode("utf-8", "replace"), self.terms)
        if self.folder is None:
            return Made(item.path, item.data, data_digest, False, is_page, record)
        linked = _write(self.folder, self.previous, item, data_digest, self.old)
        return Made(item.path, b"", data_digest, linked, is_page, record)


def render_chunk(job: RenderJob, pages: Sequence[OutputPage]) -> Iterator[OutputFile]:
    """The HTML of `pages` (one chunk of a worker's work)."""
    return html.render_pages(job.site, job.theme, job.markdown, pages=list(pages))


def render_extras(job: RenderJob, renderers: Sequence[Renderer_]) -> Iterator[OutputFile]:
    """What the `renderers` make (the feeds: one renderer per task)."""
    for renderer in renderers:
        yield from renderer(job.site, job.theme, job.markdown)


def render_meanwhile(site: Site, theme: Theme, markdown: CachedMarkdown,
                     renderers: Sequence[Renderer_]) -> Iterator[OutputFile]:
    """What the model-only renderers make, in this process."""
    for renderer in renderers:
        yield from renderer(site, theme, markdown)


def page_key(site_hash: str, page: OutputPage, md_key: str) -> str:
    """The key of one page: the site key, its output path and its body's key."""
    return _hash(site_hash, page.output_path, md_key)


def interleave(results: Iterable[list[Made]],
               meanwhile: Iterator[OutputFile]) -> Iterator[list[Made] | OutputFile]:
    """The workers' results, with `meanwhile`'s files made in this process after the
    first result is in (the workers go on with the next chunks meanwhile)."""
    pending: Iterator[OutputFile] | None = meanwhile
    for result in results:
        if pending is not None:
            yield from pending
            pending = None
        yield result
    if pending is not None:  # nothing was left to render
        yield from pending


@dataclass
class PageBatch:
    """Renders the HTML pages of one build and remembers what to save in the cache."""

    cache: BuildCache | None = None
    previous: Path | None = None  # the published site, to link unchanged files from
    jobs: int | None = None
    folder: Path | None = None  # the staging folder: pages are written there directly
    root: Path | None = None  # the project: bodies not kept in memory are read from it
    published: dict[str, Published | None] = field(default_factory=dict)
    markdown_used: set[str] = field(default_factory=set)
    # with `index_pages`, the search index's record of each page rendered (path -> record)
    index_pages: bool = False
    search_records: dict[str, PageRecord | None] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0

    def render(self, site: Site, theme: Theme, markdown: CachedMarkdown,
               pages: list[OutputPage] | None = None,
               extras: Sequence[Renderer_] = (),
               meanwhile: Sequence[Renderer_] = ()) -> Iterator[OutputFile]:
        """The HTML pages, and what the other renderers make, on every core.

        Unchanged pages are linked from the previous site; the rest are rendered
        in chunks of CHUNK by `RenderJob` (in worker processes when there are
        enough).  `extras` (renderers that read bodies: the feeds) run as the
        workers' last tasks, when most bodies' HTML is in the build cache;
        `meanwhile` (renderers of the model alone: sitemap, calendars …) run in
        this process while the workers render pages.
        """
        pages = site.pages if pages is None else pages
        site_hash = site_key(site, theme)
        old = self.cache.published(self.previous) if self.cache and self.previous else {}
        keys: dict[str, str] = {}
        todo: list[OutputPage] = []
        for page in pages:
            md_key = markdown.key(page) if page.source else ""
            if md_key:
                self.markdown_used.add(md_key)
            keys[page.output_path] = page_key(site_hash, page, md_key)
            reused = self._reuse(page.output_path, keys[page.output_path], old)
            if reused is None:
                todo.append(page)
            else:
                yield reused
        for name in sorted(set(TEMPLATES.values())):  # compiled once, sent to the workers
            theme.env_for(site.config.default_language).get_template(name)
        site.prepare()
        job = RenderJob(site, theme, markdown, self.folder, self.previous, old,
                        TermFinder() if self.index_pages else None)
        work: list[OutputPage | Renderer_] = [*todo, *extras]
        bounds = chunks(len(todo), CHUNK) + [(i, i + 1) for i in range(len(todo), len(work))]
        results = map_chunks(job, work, worker_count(len(todo), self.jobs), bounds=bounds,
                             init=job.reopen)
        for item in interleave(results, render_meanwhile(site, theme, markdown, meanwhile)):
            if isinstance(item, OutputFile):
                yield item
            else:
                yield from self._collect(item, keys, old)

    def _reuse(self, path: str, key: str, old: dict[str, Published]) -> OutputFile | None:
        """The previous site's file at `path` if it was made from the same key and is
        untouched since, else None."""
        before = old.get(path)
        target = self.previous / path if self.previous else None
        if before and target and before.key == key and before.matches(target):
            self.published[path] = before
            self.reused += 1
            return OutputFile(path, b"", reuse=str(target))
        return None

    def _collect(self, made: list[Made], keys: dict[str, str],
                 old: dict[str, Published]) -> Iterator[OutputFile]:
        """A worker's files as output files, recording the pages for the cache."""
        for f in made:
            if f.is_page:
                self.rendered += 1
                if self.index_pages:
                    self.search_records[f.path] = f.record
                before = old.get(f.path)
                if f.linked and before:
                    self.published[f.path] = dataclasses.replace(before, key=keys[f.path])
                else:
                    self.published[f.path] = Published(keys[f.path], f.digest, -1, -1, -1)
            yield OutputFile(f.path, f.data, written=self.folder is not None)

    def finish(self, folder: Path) -> None:
        """Record the stat of files written into `folder` (before it is swapped in)."""
        for path, entry in list(self.published.items()):
            if entry is not None and entry.size < 0:
                self.published[path] = stat_of(folder / path, entry.key, entry.digest)

    def save(self, out: Path) -> None:
        """After the swap: remember this build for the next one."""
        if self.cache is None:
            return
        published = {p: e for p, e in self.published.items() if e is not None}
        self.cache.save({}, out, published, keep=self.markdown_used)


def _write(folder: Path, previous: Path | None, item: OutputFile, data_digest: str,
           old: dict[str, Published]) -> bool:
    """Write one page into the staging folder; True if linked from the previous site."""
    target = folder.joinpath(*safe_relative(item.path).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    before = old.get(item.path)
    if before and previous and before.digest == data_digest and \
            before.matches(previous / item.path):
        try:
            os.link(previous / item.path, target)
            return True
        except OSError:
            pass
    target.write_bytes(item.data)
    return False
