"""Text left from `python -m generator new` that an editor still has to write or translate.

`new` marks placeholders with `PLACEHOLDER` (TODO), and a title given in one standard
with `UNTRANSLATED[lang]` in the other's file (generator/site.py).
"""

from __future__ import annotations

from generator.checks import Context
from generator.errors import Message, Report, msg
from generator.i18n.notices import STANDARDS
from generator.load.pages import page_body
from generator.model import SourcePage
from generator.site import PLACEHOLDER as MARK
from generator.site import UNTRANSLATED, placeholder_lines


def _untranslated(text: str, lang: str) -> bool:
    return UNTRANSLATED[lang] in text


def _translate_hint(lang: str) -> Message:
    return msg("Translate it into {standard} and remove '{mark}'.",
               standard=STANDARDS[lang], mark=UNTRANSLATED[lang])


def warn_fields(report: Report, page: SourcePage) -> None:
    """Warnings for placeholder text in a page's title and description, at their lines (also
    run by `build`: front matter is in memory, so this costs nothing)."""
    for key in ("title", "description"):
        value = getattr(page, key) or ""
        if _untranslated(value, page.lang):
            report.warn(page.path, page.lines.get(key),
                        msg("The {key} is not translated into {standard} yet.", key=key,
                            standard=STANDARDS[page.lang]),
                        _translate_hint(page.lang), code="placeholder")
        elif MARK in value:
            report.warn(page.path, page.lines.get(key),
                        msg("The {key} is still a placeholder.", key=key),
                        msg("Write the real {key}.", key=key), code="placeholder")


def check(ctx: Context, report: Report) -> None:
    """Warnings for placeholder text (the TODO mark of `new`) left in titles, descriptions,
    bodies and impacts, at the line of the value that holds it; a title `new` copied from
    the other standard is named as not translated yet.
    """
    for page in ctx.sources:
        warn_fields(report, page)
        for i, text in enumerate(page_body(page, None).split("\n")):
            if MARK in text:
                report.warn(page.path, page.body_line + i,
                            msg("Placeholder text is left in the page."),
                            msg("Replace the line with '{mark}' with real text.", mark=MARK),
                            code="placeholder")
                break
    for impact in ctx.site.data.impacts:
        for key, lang, line in placeholder_lines(impact):
            if _untranslated(getattr(impact, key)(lang), lang):
                report.warn(impact.origin.path, line,
                            msg("The {key} of the service impact '{id}' is not translated "
                                "into {standard} yet.", key=key, id=impact.id,
                                standard=STANDARDS[lang]),
                            _translate_hint(lang), code="placeholder")
            else:
                report.warn(impact.origin.path, line,
                            msg("The {key} of the service impact '{id}' is still a "
                                "placeholder.", key=key, id=impact.id),
                            msg("Write the real {key}.", key=key),
                            code="placeholder")
