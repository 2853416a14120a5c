"""A service impact that loads but is not ready for residents: warnings given where it is
loaded, so `check`, `build` and the preview say the same, each at its line.

`new impact` writes the summary, the title and a period with a TODO comment; an editor
who fills in the summary and removes `draft: true` would otherwise publish a notice
with no services, a period whose end was never written, or a title of «…».
A draft is not warned about: it is not published (and `new` made it so).
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Report, msg
from generator.load.fields import Fields
from generator.load.wording import long_title, no_words, title_too_long, wordless
from generator.load.yamlsrc import YDict
from generator.model import ServiceImpact, Text
from generator.sourceline import source_line

PLACEHOLDER = "TODO"  # the mark `new` leaves (generator.site.PLACEHOLDER)


def warn_unready(report: Report, path: Path, f: Fields, *, draft: bool,
                 title: Text | None, summary: Text | None,
                 services: list[ServiceImpact]) -> None:
    """Warnings for a published impact: no 'services', a title or summary without a word
    (`wordless`, in either standard) or too long a title (`title_too_long`), and a TODO
    comment left on the line of 'period' (YAML drops comments, so the typed line is read
    again: `sourceline.source_line`)."""
    if draft:
        return
    if not f.data.get("services"):  # entries with errors of their own are no second finding
        report.warn(path, f.line_of("services") if "services" in f.data else f.line,
                    msg("This service impact lists no services, so it does not say which "
                        "services change."),
                    msg("Add 'services:' with a '- service: id' and 'level:' for each service "
                        "(see docs/content-format.md), or 'draft: true' until it is ready."),
                    code="impact-without-services")
    for key, text in (("title", title), ("summary", summary)):
        for lang, value in (("nb", text.nb), ("nn", text.nn)) if text else ():
            if wordless(value):
                report.warn(path, _line(f, key, lang), *no_words(key, value), code="no-words")
    for lang, value in (("nb", title.nb), ("nn", title.nn)) if title else ():
        if not wordless(value) and (found := title_too_long(value)):
            report.warn(path, _line(f, "title", lang), *long_title(*found), code="long-title")
    if "period" in f.data:
        line = f.line_of("period")
        typed = source_line(path, line) or ""
        comment = typed.partition("#")[2]
        if PLACEHOLDER in comment:
            report.warn(path, line,
                        msg("The comment on this line still says {mark}: the period may not "
                            "be the one meant.", mark=PLACEHOLDER),
                        msg("Write the first and last day, {{start: …, end: …}}, and remove "
                            "the comment."), code="placeholder")


def _line(f: Fields, key: str, lang: str) -> int:
    """The line of `key`'s `lang` text when written as a block, else the line of `key`."""
    value = f.data.get(key)
    return value.line_of(lang) if isinstance(value, YDict) else f.line_of(key)
