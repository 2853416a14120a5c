"""Text left from `python -m generator new` that an editor still has to write."""

from __future__ import annotations

from generator.checks import Context
from generator.errors import Report, msg
from generator.site import PLACEHOLDER as MARK


def check(ctx: Context, report: Report) -> None:
    for page in ctx.sources:
        for key in ("title", "description"):
            value = getattr(page, key) or ""
            if MARK in value:
                report.warn(page.path, page.lines.get(key),
                            msg("The {key} is still a placeholder.", key=key),
                            msg("Write the real {key}.", key=key), code="placeholder")
        for i, text in enumerate(page.body.split("\n")):
            if MARK in text:
                report.warn(page.path, page.body_line + i,
                            msg("Placeholder text is left in the page."),
                            msg("Replace the line with '{mark}' with real text.", mark=MARK),
                            code="placeholder")
                break
    for impact in ctx.site.data.impacts:
        for key in ("title", "summary"):
            text = getattr(impact, key)
            if MARK in text.nb or MARK in text.nn:
                report.warn(impact.origin.path, None,
                            msg("The {key} of the service impact '{id}' is still a "
                                "placeholder.", key=key, id=impact.id),
                            msg("Write the real {key}.", key=key),
                            code="placeholder")
