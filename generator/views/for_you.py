"""The line that ends a place page's «Dette har skjedd»: what it means for you.

A resident who has read the dated entries asks «so what does this mean for
me?» (content review 2026-11, finding 39).  The answer is never typed per
place, where it would go stale: it is `site.facts.outlook` (go-live, its
precision and its status at the clock, and whether a notice starts before it)
put into words here, with the date in a `<time>` element as everywhere else.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.facts import AHEAD, LIVE, NO_PLAN, OVERDUE, Outlook
from generator.views.context import Ctx
from generator.views.data import TimeText, when_text


def _time(t: TimeText) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(t.iso, t.text)


def _fill(text: str, **values: object) -> Markup:
    """A translated `text` with `values` put in (escaped unless already Markup)."""
    return Markup(escape(text)).format(**values)


def for_you(ctx: Ctx, place_id: str, embedded: bool = False) -> Markup:
    """One or two plain sentences about the place's go-live as it stands at the clock,
    as HTML: «For deg endrer ingenting seg før <time>høsten 2024</time>.», «Fra fredag 3.
    november 2023 bruker Rauma Helseplattformen. …».  Every case of `Outlook.kind` has its
    own wording; a date at day, month or season precision is written as the data has it
    (`i18n.dates`, CLDR).  `embedded` (the status card, in another site's frame): links
    open outside the frame (`target="_top"`), and what the card says anyway is left out:
    the pointer to the page's «Redusert kapasitet» section (the card lists the notices
    right below) and, once the place uses Helseplattformen, the sentence saying since
    when (the card's lead says it just above).
    HelsaMi is linked at `config.helsami_url` (content/config.yaml), else only named.
    Raises KeyError for a place the data does not have."""
    outlook = ctx.site.facts.outlook(place_id)
    name = ctx.site.data.places[place_id].name(ctx.lang)
    when = _time(when_text(ctx, outlook.when)) if outlook.when is not None else None
    if outlook.kind == LIVE:
        return _live(ctx, name, when, embedded)
    if outlook.changes_before:
        ahead = when is not None and outlook.kind == AHEAD
        if embedded:
            return _fill(ctx._("Some services change for you already before {when}.")
                         if ahead else ctx._("Some services already change for you."),
                         when=when)
        section = ctx._("Reduced capacity")
        if ahead:
            return _fill(ctx._("Some services change for you already before {when}. See "
                               "«{section}» above."), when=when, section=section)
        return _fill(ctx._("Some services already change for you. See «{section}» above."),
                     section=section)
    return _waiting(ctx, outlook, name, when)


def _live(ctx: Ctx, name: str, when: Markup | None, embedded: bool) -> Markup:
    """The place uses Helseplattformen: since when, and where to read your record.  On the
    card (`embedded`) only where to read it: the card's lead just above already says since
    when («Rauma tok i bruk Helseplattformen: fredag 3. november 2023»), and the card must
    stay small enough for its frame."""
    if embedded:
        first = Markup("")
    elif when is not None:
        first = _fill(ctx._("From {when}, {name} uses Helseplattformen."), when=when, name=name)
    else:
        first = _fill(ctx._("For you, the switch has already happened."))
    url = ctx.config.helsami_url
    target = Markup(' target="_top"') if embedded else Markup("")
    helsami = (Markup('<a href="{}"{}>HelsaMi</a>').format(url, target) if url
               else Markup("HelsaMi"))
    where = _fill(ctx._("In {helsami} you can read about your own health. If you cannot use "
                        "HelsaMi, contact the health service as before."), helsami=helsami)
    return first + " " + where if first else where


def _waiting(ctx: Ctx, outlook: Outlook, name: str, when: Markup | None) -> Markup:
    """Before the switch, or when it will not come as planned."""
    if outlook.kind == NO_PLAN:
        return _fill(ctx._("For you, nothing changes until it is known when {name} "
                           "switches."), name=name)
    if outlook.kind == "cancelled":
        return _fill(ctx._("The switch has been cancelled. For you, nothing changes."))
    if outlook.kind == "postponed":
        return _fill(ctx._("The switch has been postponed, and the new date is not known "
                           "yet. Until then, nothing changes for you."))
    if outlook.kind == OVERDUE and when is not None:
        return _fill(ctx._("The switch was planned for {when}, and we have had no news "
                           "about it. Ask {name} what applies to you."), when=when, name=name)
    if when is None:
        return _fill(ctx._("For you, nothing changes before the date of the switch is set."))
    return _fill(ctx._("For you, nothing changes before {when}."), when=when)
