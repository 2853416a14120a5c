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
import json
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import BuildCache, Published, digest, stat_of, text_digest
from generator.load.pages import page_body
from generator.markup import Renderer
from generator.model import SourcePage
from generator.parallel import chunks, map_chunks, worker_count
from generator.publish import safe_relative
from generator.render import OutputFile, html
from generator.render.theme import Theme
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

    def key(self, page: OutputPage) -> str:
        src = page.source
        assert src is not None
        return _hash(self.base_path, src.body_hash or text_digest(page_body(src, self.root)))

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


@dataclass
class _Chunk:
    # path, data (if not written), digest, linked from the previous site, is an HTML page
    files: list[tuple[str, bytes, str, bool, bool]]
    missing: dict[str, set[str]]


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
    rendered: int = 0
    reused: int = 0
    _site_key: str = ""
    _missing_note: dict[str, list[str]] = field(default_factory=dict)

    def render(self, site: Site, theme: Theme, markdown: CachedMarkdown,
               pages: list[OutputPage] | None = None,
               extras: Sequence[Renderer_] = (),
               meanwhile: Sequence[Renderer_] = ()) -> Iterator[OutputFile]:
        """The HTML pages, and what the other renderers make, on every core.

        `extras` (renderers that read bodies: the feeds) run as the workers' last
        tasks, when most bodies' HTML is in the build cache; `meanwhile` (renderers
        of the model alone: sitemap, calendars …) run in this process while the
        workers render pages, which leaves them no core idle and copies no memory.
        """
        pages = site.pages if pages is None else pages
        self._site_key = site_key(site, theme)
        old = self.cache.published(self.previous) if self.cache and self.previous else {}
        self._restore_missing(theme)
        keys: dict[str, str] = {}
        todo: list[OutputPage] = []
        for page in pages:
            md_key = markdown.key(page) if page.source else ""
            if md_key:
                self.markdown_used.add(md_key)
            key = keys[page.output_path] = _hash(self._site_key, page.output_path, md_key)
            before = old.get(page.output_path)
            target = self.previous / page.output_path if self.previous else None
            if before and target and before.key == key and before.matches(target):
                self.published[page.output_path] = before
                self.reused += 1
                yield OutputFile(page.output_path, b"", reuse=str(target))
            else:
                todo.append(page)
        for name in sorted(set(TEMPLATES.values())):
            theme.env.get_template(name)  # compile once, before the workers fork
        site.prepare()

        def run(chunk: Sequence[OutputPage | Renderer_]) -> _Chunk:
            files = []
            made: Iterator[OutputFile]
            if chunk and not isinstance(chunk[0], OutputPage):
                made = (f for extra in chunk for f in extra(site, theme, markdown))  # type: ignore[operator]
                is_page = False
            else:
                made = html.render_pages(site, theme, markdown, pages=list(chunk))  # type: ignore[arg-type]
                is_page = True
            for f in made:
                data_digest = digest(f.data)
                if self.folder is None:
                    files.append((f.path, f.data, data_digest, False, is_page))
                else:  # written here, in the worker, so no page travels through the parent
                    files.append((f.path, b"", data_digest,
                                  _write(self.folder, self.previous, f, data_digest, old),
                                  is_page))
            markdown.flush()  # bodies go to the cache from the worker, not through the parent
            return _Chunk(files, {lang: set(c.missing) for lang, c in theme.catalogs.items()})

        init = self.cache.connect if self.cache else None
        jobs = worker_count(len(todo), self.jobs)
        work: list[OutputPage | Renderer_] = [*todo, *extras]
        bounds = chunks(len(todo), CHUNK) + [(i, i + 1) for i in range(len(todo), len(work))]
        pending = list(meanwhile)
        for result in map_chunks(run, work, jobs, init=init, bounds=bounds):
            for renderer in pending:  # the workers go on with the next chunks meanwhile
                yield from renderer(site, theme, markdown)
            pending = []
            for lang, missing in result.missing.items():
                theme.catalogs[lang].missing |= missing
            for path, data, data_digest, linked, is_page in result.files:
                if not is_page:
                    yield OutputFile(path, data, written=self.folder is not None)
                    continue
                self.rendered += 1
                before = old.get(path)
                if linked and before:
                    self.published[path] = dataclasses.replace(before, key=keys[path])
                else:
                    self.published[path] = Published(keys[path], data_digest, -1, -1, -1)
                yield OutputFile(path, data, written=self.folder is not None)
        for renderer in pending:  # nothing was left to render
            yield from renderer(site, theme, markdown)

    def _restore_missing(self, theme: Theme) -> None:
        """UI strings found missing when skipped pages were last rendered."""
        note = self.cache.note("missing") if self.cache else None
        try:
            key, missing = json.loads(note) if note else ("", {})
        except (ValueError, TypeError):
            key, missing = "", {}
        if key == self._site_key and isinstance(missing, dict):
            for lang, ids in missing.items():
                if lang in theme.catalogs and isinstance(ids, list):
                    theme.catalogs[lang].missing |= {i for i in ids if isinstance(i, str)}

    def finish(self, folder: Path, theme: Theme) -> None:
        """Record the stat of files written into `folder` (before it is swapped in)."""
        for path, entry in list(self.published.items()):
            if entry is not None and entry.size < 0:
                self.published[path] = stat_of(folder / path, entry.key, entry.digest)
        self._missing_note = {lang: sorted(c.missing) for lang, c in theme.catalogs.items()}

    def save(self, out: Path) -> None:
        """After the swap: remember this build for the next one."""
        if self.cache is None:
            return
        published = {p: e for p, e in self.published.items() if e is not None}
        note = json.dumps([self._site_key, self._missing_note])
        self.cache.save({}, out, published, {"missing": note}, keep=self.markdown_used)


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
