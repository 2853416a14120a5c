"""Missing translations and translations made from an older version of their source.

A translation records the source it was made from (`translated_from:`, set by
`python -m generator translated PATH`).  When the source's text changes after
that, the translation is stale.
"""

from __future__ import annotations

from generator.checks import Context
from generator.errors import Report, msg
from generator.translations import warn_missing


def check(ctx: Context, report: Report) -> None:
    for m in ctx.site.missing:
        warn_missing(report, ctx.site, m)
    by_key = {(s.key, s.lang): s for s in ctx.sources}
    for page in ctx.sources:
        if not page.translated_from:
            continue
        other = "nn" if page.lang == "nb" else "nb"
        source = by_key.get((page.key, other))
        if source is None or source.source_hash == page.translated_from:
            continue  # a missing counterpart is an error of the build already
        report.warn(page.path, page.lines.get("translated_from"),
                    msg("{source} has changed since this translation was made from it.",
                        source=source.path),
                    msg("Bring the text up to date, then run: python -m generator translated "
                        "{path}", path=page.path), code="stale-translation")
