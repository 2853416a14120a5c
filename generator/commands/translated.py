"""`translated PATH`: record that a translation is up to date with its source.

Writes `translated_from: <hash>` (the counterpart's current source_hash) into the
page's front matter and leaves every other byte of the file as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import LANGUAGES
from generator.clock import Clock
from generator.errors import Report, format_findings, msg
from generator.i18n.notices import notices_for
from generator.load.pages import load_pages
from generator.model import SourcePage
from generator.project import Project
from generator.translations import Counterparts


def set_translated_from(raw: bytes, page: SourcePage, value: str) -> bytes:
    """The file with the `translated_from:` line set; all other bytes unchanged."""
    lines = raw.splitlines(keepends=True)
    newline = b"\r\n" if lines and lines[0].endswith(b"\r\n") else b"\n"
    entry = b"translated_from: " + value.encode("ascii")
    line = page.lines.get("translated_from")
    if line:
        old = lines[line - 1]
        ending = old[len(old.rstrip(b"\r\n")):]
        lines[line - 1] = entry + ending
    else:
        fence = page.body_line - 2  # the closing '---' (0-based)
        lines.insert(fence, entry + newline)
    return b"".join(lines)


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`translated PATH`: record in the page's front matter (translated_from) the hash of its
    other-standard source, marking the translation current; 0 on success, 1 with a message
    otherwise.
    """
    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    target = Path(args.path)
    if not target.is_absolute():
        target = (Path.cwd() / target) if target.exists() else project.root / target
    target = target.resolve()
    report = Report(project.root, year=clock.local.year)
    pages = load_pages(report, project.content, project.root)
    rel = report.rel(target)
    page = next((p for p in pages if p.path == rel), None)
    if page is None:
        problems = format_findings([f for f in report.errors if f.path == rel], notices,
                                   project.root)
        print("\n".join(problems) or notices(msg("error: {path} is not a page under {folders}.",
                                                 path=rel, folders=" / ".join(
                                                     f"content/{lang}/" for lang in LANGUAGES))),
              file=sys.stderr)
        return 1
    source = next((p for p in pages if p.key == page.key and p.lang != page.lang), None)
    loaded = {p.path for p in pages}
    unread = [f for f in report.errors if f.path not in loaded
              and f.path.startswith(tuple(f"content/{lang}/" for lang in LANGUAGES
                                          if lang != page.lang))]
    if source is None and unread:  # the source may be a page that could not be read
        print("\n".join(format_findings(unread, notices, project.root)), file=sys.stderr)
        print(notices(msg("The page this one is translated from cannot be found until these "
                          "errors are fixed; nothing was written.")), file=sys.stderr)
        return 1
    if source is None:
        print(notices(msg("{path}: error: No page in the other standard has the translation "
                          "key '{key}', so there is nothing this page is translated from. Set "
                          "the same translation_key on both pages.", path=rel, key=page.key)),
              file=sys.stderr)
        counterparts = Counterparts(pages)
        there = counterparts.at(counterparts.path(page))
        if there is not None:  # the page in its place, most likely the one meant
            print(notices(msg("If {path} is the page it was translated from, write the line "
                              "'translation_key: {key}' in it.", path=there.path,
                              key=page.key)), file=sys.stderr)
        return 1
    raw = target.read_bytes()
    target.write_bytes(set_translated_from(raw, page, source.source_hash))
    print(notices(msg("{path}: translated_from: {hash} (made from {source} as it is now)",
                      path=rel, hash=source.source_hash, source=source.path)))
    return 0
