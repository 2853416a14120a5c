"""Missing translations and translations made from an older version of their source.

A translation records the source it was made from (`translated_from:`, set by
`python -m generator translated PATH`).  When the source's text changes after
that, the translation is stale.
"""

from __future__ import annotations

from generator.checks import Context
from generator.errors import Report, msg
from generator.invocation import command
from generator.translations import Counterparts, warn_missing


def check(ctx: Context, report: Report) -> None:
    """Warnings for pages missing in one standard and for translations whose source changed
    since (translated_from ≠ the source's hash).
    """
    counterparts = Counterparts(ctx.sources)
    for m in ctx.site.missing:
        if not ctx.site.unsure(ctx.site.missing_note(m)[0]):  # not one that did not load
            warn_missing(report, ctx.site, m, counterparts)
    by_key = {(s.key, s.lang): s for s in ctx.sources}
    for src in ctx.sources:
        if not src.translated_from:
            continue
        other = "nn" if src.lang == "nb" else "nb"
        source = by_key.get((src.key, other))
        if source is None or source.source_hash == src.translated_from:
            continue  # a missing counterpart is an error of the build already
        report.warn(src.path, src.lines.get("translated_from"),
                    msg("{source} has changed since this translation was made from it.",
                        source=source.path),
                    msg("Bring the text up to date, then run: {command}",
                        command=command("translated", src.path)), code="stale-translation")
