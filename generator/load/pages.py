"""Load Markdown pages from content/nb/ and content/nn/."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from generator import LANGUAGES
from generator.cache import text_digest
from generator.errors import ERROR, ContentError, Finding, Report, msg
from generator.load.fields import Fields
from generator.load.files import FileProblem, inside, list_files, read_text
from generator.load.frontmatter import split
from generator.load.yamlsrc import YamlError
from generator.model import SourcePage
from generator.parallel import map_chunks, worker_count

PAGE_KEYS = ("title", "description", "translation_key", "type", "date", "updated",
             "municipalities", "waves", "menu", "footer", "draft", "publish", "expires",
             "translated_from", "list", "slug")
PAGE_TYPES = ("page", "announcement")
LISTS = ("announcements",)
SEGMENT_RE = re.compile(r"^[a-z0-9æøå][a-z0-9æøå_-]*$")


def source_hash(text: str) -> str:
    """A short fingerprint of a page's text (front matter included)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def discover(content: Path, lang: str) -> list[Path]:
    return list_files(content / lang, content)[0]


def load_pages(report: Report, content: Path, root: Path, jobs: int | None = None,
               keep_bodies: bool = True) -> list[SourcePage]:
    """Every page under content/nb and content/nn, read on every core (same result).

    Without `keep_bodies`, pages carry only the hash of their Markdown body, and
    `page_body` reads it again when it is rendered: a big site's text is then
    never all in memory at once (nor copied into every worker process).
    """
    found: list[tuple[str, Path]] = []
    for lang in LANGUAGES:
        files, refused = list_files(content / lang, content)
        for link in refused:
            report.error(link, None, msg("This is a link to a folder, or to a file outside "
                                         "content/; links are not followed."),
                         msg("Copy the files into content/ instead of linking to them."),
                         code="link-not-followed")
        found += [(lang, path) for path in files if not path.name.endswith("~")]  # backups

    def load_chunk(chunk: Sequence[tuple[str, Path]]) -> tuple[list[SourcePage], list]:
        sub = Report(report.root)
        loaded = [load_file(sub, path, content, root, lang, keep_bodies) for lang, path in chunk]
        return [p for p in loaded if p], sub.findings

    pages: list[SourcePage] = []
    for chunk_pages, findings in map_chunks(load_chunk, found,
                                            worker_count(len(found), jobs, 256), 200):
        pages.extend(chunk_pages)
        report.findings.extend(findings)
    return pages


def load_file(report: Report, path: Path, content: Path, root: Path,
              lang: str, keep_body: bool = True) -> SourcePage | None:
    if path.suffix != ".md":
        report.error(path, None, msg("Only Markdown files (.md) belong in content/{lang}/.",
                                     lang=lang),
                     msg("Rename the file to end in .md, or remove it."), code="not-markdown")
        return None
    return load_page(report, path, content, root, lang, keep_body)


def load_page(report: Report, path: Path, content: Path, root: Path,
              lang: str, keep_body: bool = True) -> SourcePage | None:
    if path.is_symlink() and not inside(path, content):
        report.error(path, None, msg("This page is a link to a file outside content/."),
                     msg("Copy the file into content/ instead of linking to it."),
                     code="link-not-followed")
        return None
    try:
        text = read_text(path, root)
    except FileProblem as exc:
        report.error(path, exc.line, exc.message, exc.hint, code="unreadable-file")
        return None
    try:
        parts = split(text)
    except YamlError as exc:
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return None
    # macOS may write 'å' as 'a' + a combining ring (NFD): the same name, the same URL
    rel = unicodedata.normalize("NFC", path.relative_to(content / lang).with_suffix("").as_posix())
    for segment in rel.split("/"):
        if not SEGMENT_RE.match(segment.lower()):
            report.error(path, None, msg("The file or folder name '{segment}' cannot be part "
                                         "of a web address.", segment=segment),
                         msg("Use lower-case letters, digits and '-' only."), code="bad-file-name")
            return None
    f = Fields(report, path, parts.meta, msg("the front matter"), 1)
    f.known(PAGE_KEYS)
    title = f.text("title", required=True)
    slug = f.text("slug")
    if slug is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", slug):
        f.error("slug", msg("The slug '{slug}' cannot be used in a web address.", slug=slug),
                msg("Use lower-case letters a–z, digits and '-', like 'redusert-kapasitet'."),
                code="bad-slug")
        slug = None
    key = f.text("translation_key")
    if key is not None and not re.fullmatch(r"[A-Za-z0-9_./-]{1,120}", key):
        f.error("translation_key", msg("The translation_key '{key}' has characters that are "
                                       "not allowed.", key=key),
                msg("Use letters, digits and '-'."), code="bad-translation-key")
        key = None
    page_type = f.choice("type", PAGE_TYPES, default="page") or "page"
    date = f.when("date")
    if page_type == "announcement" and date is None and not f.has("date"):
        f.error(None, msg("An announcement needs 'date' (the day it was published)."),
                msg("Add a line like 'date: 2023-10-20'."), code="missing-date")
    menu = f.integer("menu")
    list_kind = f.choice("list", LISTS, default="") or None
    lines = {str(k): v for k, v in parts.meta.key_lines.items()}
    if title is None:
        return None
    return SourcePage(
        path=report.rel(path), lang=lang, rel=rel,
        key=key or _path_key(rel),
        title=title, description=f.text("description"), type=page_type,
        date=date, updated=f.when("updated"),
        places=tuple(p for p, _ in f.id_list("municipalities")),
        waves=tuple(w for w, _ in f.id_list("waves")),
        menu=menu, footer=f.integer("footer"), draft=f.flag("draft"), publish=f.when("publish"),
        expires=f.when("expires"), translated_from=f.text("translated_from"),
        list=list_kind, slug=slug, body=parts.body if keep_body else None,
        body_line=parts.body_line, lines=lines, source_hash=source_hash(_hash_basis(text)),
        body_hash=text_digest(parts.body),
    )


def page_body(page: SourcePage, root: Path | None) -> str:
    """The page's Markdown body: the one kept in memory, or read again from its file.

    A file edited after the build read it would give another text than the rest
    of the build saw; that is an error (build again), never a mixed site.
    """
    if page.body is not None:
        return page.body
    if root is None:
        raise ValueError(f"{page.path}: the body was not kept and no project folder was given")
    try:
        text = read_text(root / page.path, root)
    except FileProblem:
        text = None
    body = "\n".join(text.split("\n")[page.body_line - 1:]) if text is not None else None
    if body is None or text_digest(body) != page.body_hash:
        raise ContentError([Finding(page.path, None, ERROR,
                                    msg("The page was changed or removed while the site was "
                                        "being built."), msg("Run the build again."),
                                    code="changed-during-build")])
    return body


def _path_key(rel: str) -> str:
    return rel[: -len("/index")] if rel.endswith("/index") else rel


def _hash_basis(text: str) -> str:
    """The text a translation is made from: everything but the translated_from line."""
    return re.sub(r"(?m)^translated_from:.*\n?", "", text)
