"""Load Markdown pages from content/nb/ and content/nn/."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from generator import LANGUAGES
from generator.cache import text_digest
from generator.errors import ERROR, ContentError, Finding, Message, Report, msg
from generator.load import budget
from generator.load.fields import ID_RE, Fields
from generator.load.files import FileProblem, describe_refused, inside, list_files, read_text
from generator.load.frontmatter import split
from generator.load.names import generated_key, web_name, web_name_for, windows_reserved
from generator.load.yamlsrc import YamlError
from generator.model import SourcePage
from generator.parallel import map_chunks, worker_count

PAGE_KEYS = ("title", "description", "translation_key", "type", "date", "updated",
             "municipalities", "waves", "menu", "menu_title", "footer", "draft", "publish",
             "expires", "translated_from", "list", "slug")
PAGE_TYPES = ("page", "announcement")
LISTS = ("announcements",)
WEB_NAME_HINT = msg("Use lower-case letters a–z, æ, ø, å, digits and '-' only.")


def name_problem(name: str, is_file: bool) -> Message:
    """'The file name … cannot be part of a web address.' (or the folder name)."""
    if is_file:
        return msg("The file name '{name}' cannot be part of a web address.", name=name)
    return msg("The folder name '{name}' cannot be part of a web address.", name=name)


def name_fix(name: str, is_file: bool) -> Message:
    """The name to give the file (`.md` added) or folder instead (`names.web_name_for`),
    and the rule; the rule alone when nothing of the name is left."""
    better = web_name_for(name)
    if not better:
        return WEB_NAME_HINT
    if is_file:
        return msg("Name the file {name} (lower-case letters a–z, æ, ø, å, digits and '-'; "
                   "the name is the page's address).", name=better + ".md")
    return msg("Name the folder {name} (lower-case letters a–z, æ, ø, å, digits and '-'; "
               "the name is part of the page's address).", name=better)


def source_hash(text: str) -> str:
    """A short fingerprint of a page's text (front matter included)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def discover(content: Path, lang: str) -> list[Path]:
    """The files under content/<lang>/, sorted (hidden files skipped, links refused: see
    `load.files.list_files`).
    """
    return list_files(content / lang, content)[0]


# Files per loading worker, at least: a worker starts from nothing (see parallel), and
# reading 2,000 pages took 0.35 CPU s in one process, about what starting workers costs.
LOAD_PER_WORKER = 2000


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
            message, hint = describe_refused(link)
            report.error(link, None, message, hint, code="refused-path")
        found += [(lang, path) for path in files if not path.name.endswith("~")]  # backups

    load_chunk = partial(_load_chunk, report.root, report.year, content, root, keep_bodies)
    pages: list[SourcePage] = []
    jobs = worker_count(len(found), jobs, LOAD_PER_WORKER)
    for chunk_pages, findings in map_chunks(load_chunk, found, jobs, 200):
        pages.extend(chunk_pages)
        report.findings.extend(findings)
    return pages


def _load_chunk(report_root: Path, year: int | None, content: Path, root: Path,
                keep_bodies: bool, chunk: Sequence[tuple[str, Path]]
                ) -> tuple[list[SourcePage], list[Finding]]:
    sub = Report(report_root, year=year)
    loaded = [load_file(sub, path, content, root, lang, keep_bodies) for lang, path in chunk]
    return [p for p in loaded if p], sub.findings


def load_file(report: Report, path: Path, content: Path, root: Path,
              lang: str, keep_body: bool = True) -> SourcePage | None:
    """A page from `path`, or None with an error if it is not a .md file (see `load_page`)."""
    if path.suffix != ".md":
        report.error(path, None, msg("Only Markdown files (.md) belong in content/{lang}/.",
                                     lang=lang),
                     msg("Rename the file to end in .md, or remove it."), code="not-markdown")
        return None
    return load_page(report, path, content, root, lang, keep_body)


def load_page(report: Report, path: Path, content: Path, root: Path,
              lang: str, keep_body: bool = True) -> SourcePage | None:
    """A `SourcePage` from a Markdown file with front matter; None with errors in `report` for a
    link out of content/, an unreadable file or bad front matter. Without `keep_body` only
    the body's hash is kept.
    """
    if path.is_symlink() and not inside(path, content):
        report.error(path, None, msg("This page is a link to a file outside content/."),
                     msg("Copy the file into content/ instead of linking to it."),
                     code="link-not-followed")
        return None
    try:
        text = read_text(path, root)
    except FileProblem as exc:
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return None
    try:
        parts = split(text)
    except YamlError as exc:
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return None
    for twice in parts.duplicates:  # reported; the rest of the front matter is still read
        report.error(path, twice.line, twice.message, twice.hint, code=twice.code)
    # an error that keeps the page out still lets its front matter be checked in the
    # same run: the editor gets every error at once (tests/test_one_run.py)
    usable = True
    too_much = budget.check(parts.body)
    if too_much:
        report.error(path, parts.body_line + too_much.line - 1, too_much.message,
                     too_much.hint, code="page-too-much-work")
        usable = False
    # macOS may write 'å' as 'a' + a combining ring (NFD): the same name, the same URL
    rel = unicodedata.normalize("NFC", path.relative_to(content / lang).with_suffix("").as_posix())
    for segment in path.relative_to(content / lang).parts:
        if windows_reserved(segment):
            report.error(path, None, msg("The name '{name}' is reserved on Windows, so the "
                                         "project cannot be checked out there.", name=segment),
                         msg("Rename the file or folder."), code="reserved-name")
            usable = False
            break
    segments = rel.split("/") if usable else []
    for i, segment in enumerate(segments):
        if not web_name(segment):
            is_file = i == len(segments) - 1
            report.error(path, None, name_problem(segment + (".md" if is_file else ""),
                                                  is_file),
                         name_fix(segment, is_file), code="bad-file-name")
            usable = False
            break
    f = Fields(report, path, parts.meta, msg("the front matter"), 1)
    f.known(PAGE_KEYS)
    title = f.text("title", required=True)
    slug = f.text("slug")
    if slug is not None and not web_name(slug):
        better = web_name_for(slug)
        f.error("slug", msg("The slug '{slug}' cannot be used in a web address.", slug=slug),
                msg("Write 'slug: {better}' (lower-case letters a–z, æ, ø, å, digits and "
                    "'-').", better=better) if better else WEB_NAME_HINT,
                code="bad-slug")
        slug = None
    if slug is not None and windows_reserved(slug):
        f.error("slug", msg("The slug '{slug}' is a name reserved on Windows; the site could "
                            "not be built or copied there.", slug=slug),
                msg("Choose another slug."), code="reserved-name")
        slug = None
    key = f.text("translation_key")
    if key is not None and generated_key(key):
        f.error("translation_key", msg("The translation key '{key}' belongs to a page the "
                                       "site generates.", key=key),
                msg("Choose another translation key."), code="generated-page-name")
        key = None
    if key is not None and not re.fullmatch(r"[A-Za-z0-9æøåÆØÅ_./-]{1,120}", key):
        f.error("translation_key", msg("The translation_key '{key}' has characters that are "
                                       "not allowed.", key=key),
                msg("Use letters, digits and '-'."), code="bad-translation-key")
        key = None
    page_type = f.choice("type", PAGE_TYPES, default="page") or "page"
    date = f.when("date")
    if page_type == "announcement" and date is None and not f.has("date") \
            and "date" not in f.unjoined:
        f.error(None, msg("An announcement needs 'date' (the day it was published)."),
                msg("Add a line 'date: YYYY-MM-DD' (year-month-day)."), code="missing-date")
    menu = f.integer("menu")
    menu_title = f.text("menu_title")
    if menu_title is not None and menu is None:
        report.warn(path, f.line_of("menu_title"),
                    msg("'menu_title' has no effect: the page is not in the menu."),
                    msg("Add a line like 'menu: 4', or remove 'menu_title'."),
                    code="menu-title-without-menu")
    list_kind = f.choice("list", LISTS, default="") or None
    lines = {str(k): v for k, v in parts.meta.key_lines.items()}
    publish, expires = f.when("publish"), f.when("expires")
    if publish and expires and expires.start <= publish.start:
        f.error("expires", msg("'expires' ({expires}) is not after 'publish' ({publish}), so "
                               "the page would never be shown.", expires=expires.text,
                               publish=publish.text),
                msg("Correct one of the two dates."), code="expires-before-publish")
        usable = False
    if usable and key is None and generated_key(_path_key(rel)):
        report.error(path, None, msg("This page's name '{name}' is the key of the generated "
                                     "{name} page, so the two would share their language "
                                     "links.", name=_path_key(rel)),
                     msg("Rename the file, or give it a translation_key."),
                     code="generated-page-name")
        usable = False
    places, waves = f.id_list("municipalities"), f.id_list("waves")
    if not (usable and title is not None):
        # the page is left out, so the site never judges its ids: their form is judged
        # here, in the same run (a loaded page's are matched to the data: `site`)
        for name, refs in (("municipalities", places), ("waves", waves)):
            for item, line in refs:
                if not ID_RE.match(item):
                    report.error(path, line, msg("'{item}' in '{key}' is not a valid id.",
                                                 item=item, key=name),
                                 msg("Ids are lower-case letters, digits and '-'."),
                                 code="bad-id")
    page = SourcePage(
        path=report.rel(path), lang=lang, rel=rel,
        key=key or _path_key(rel),
        title=title or "", description=f.text("description"), type=page_type,
        date=date, updated=f.when("updated"),
        places=tuple(p for p, _ in places),
        waves=tuple(w for w, _ in waves),
        menu=menu, menu_title=menu_title, footer=f.integer("footer"), draft=f.flag("draft"),
        publish=publish,
        expires=expires, translated_from=f.text("translated_from"),
        list=list_kind, slug=slug, body=parts.body if keep_body else None,
        body_line=parts.body_line, lines=lines, source_hash=source_hash(_hash_basis(text)),
        body_hash=text_digest(parts.body),
    )
    return page if usable and title is not None else None


def bodies_not_loaded(report: Report, content: Path, root: Path,
                      loaded: Sequence[SourcePage]) -> list[SourcePage]:
    """The pages under content/nb and content/nn that did not load (their front matter
    has an error), each with only its Markdown body, so the body's own checks (links,
    alt text) still run in the same `check`.  They have no title and are never built;
    a file whose front matter is not closed by '---' has no body to check.
    """
    done = {p.path for p in loaded}
    out = []
    for lang in LANGUAGES:
        for path in list_files(content / lang, content)[0]:
            if path.suffix != ".md" or report.rel(path) in done:
                continue
            page = _body_only(report, path, content, root, lang)
            if page is not None:
                out.append(page)
    return out


_KEY_LINE = re.compile(r"^translation_key[ \t]*:[ \t]*[\"']?([A-Za-z0-9_./-]{1,120})[\"']?"
                       r"[ \t]*(?:#.*)?$", re.MULTILINE)


def keys_not_loaded(report: Report, loaded: Sequence[SourcePage]) -> dict[str, set[str] | None]:
    """lang -> the translation keys of pages under content/<lang>/ that have errors in
    `report` and did not load, so that their twin in the other standard is not also told
    that it has no translation (the translation exists; it is broken).

    The key is read from the file's own 'translation_key:' line, else it is the file's
    name; None (any key) when the file is empty, cannot be read, or has a
    'translation_key' line that does not read (the twin cannot be known).
    """
    have = {p.path for p in loaded}
    out: dict[str, set[str] | None] = {}
    for finding in report.errors:
        m = _PAGE_FILE.fullmatch(finding.path)
        if not m or finding.path in have or finding.path.endswith("~"):
            continue
        lang, keys = m.group(1), out.setdefault(m.group(1), set())
        if keys is None:
            continue
        try:
            text = read_text(report.root / finding.path, report.root)
        except (FileProblem, OSError):
            text = ""
        found = _KEY_LINE.search(text)
        if found:
            keys.add(found.group(1))
        elif text.strip() and "translation_key" not in text:
            keys.add(_path_key(unicodedata.normalize("NFC", m.group(2))))
        else:
            out[lang] = None
    return out


_PAGE_FILE = re.compile(r"content/(nb|nn)/(.+)\.md")


def _body_only(report: Report, path: Path, content: Path, root: Path,
               lang: str) -> SourcePage | None:
    try:
        text = read_text(path, root)
    except (FileProblem, OSError):
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None
    body = "\n".join(lines[end + 1:])
    rel = unicodedata.normalize("NFC", path.relative_to(content / lang).with_suffix("").as_posix())
    return SourcePage(
        path=report.rel(path), lang=lang, rel=rel, key=_path_key(rel), title="",
        description=None, type="page", date=None, updated=None, places=(), waves=(),
        menu=None, draft=False, publish=None, expires=None, translated_from=None, list=None,
        slug=None, body=body, body_line=end + 2, lines={},
        source_hash=source_hash(_hash_basis(text)), body_hash=text_digest(body))


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
