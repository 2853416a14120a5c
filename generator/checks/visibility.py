"""Pages and notices that are not on the site at the build clock, and why.

A draft, a `publish` time still to come or an announcement dated in the future
is left out of the site on purpose (`facts.page_hidden`), but a date typed a
year wrong or a `draft: true` left in would make a page vanish with nothing
said.  Each is a note (`errors.NOTE`): said, never a fault, never failing
`check --strict`; `build` counts them and `check` lists them with the day each
appears.  An expired page is not noted: its end was written on purpose and
stays in the content for good.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.checks import Context
from generator.errors import Report, day, msg
from generator.facts import DRAFT, SCHEDULED, page_hidden
from generator.invocation import command
from generator.model import SourcePage
from generator.site import Site


def check(ctx: Context, report: Report) -> None:
    """`note_hidden` of every page loaded."""
    note_hidden(report, ctx.sources, ctx.site)


def note_hidden(report: Report, pages: Iterable[SourcePage], site: Site) -> None:
    """A note at the line that says so for each draft or scheduled page (not with
    --drafts, which shows drafts), and for each draft service impact."""
    for page in pages:
        if not page.title:
            continue  # a page that did not load has its error
        hidden = page_hidden(page, site.now, site.drafts)
        if hidden is None:
            continue
        line = page.lines.get(hidden.key)
        if hidden.reason == DRAFT:
            report.note(page.path, line,
                        msg("Draft: this page is not published ('draft: true')."),
                        msg("Remove the line 'draft: true' when the page is ready; {command} "
                            "shows drafts.", command=command("serve", "--drafts")),
                        code="draft")
        elif hidden.reason == SCHEDULED and hidden.when is not None:
            if hidden.key == "date":
                report.note(page.path, line,
                            msg("Scheduled: this announcement is published on {date} (its "
                                "'date'); until then it is not on the site, the lists or the "
                                "feeds.", date=day(hidden.when)),
                            msg("If the date is a mistake, write the day it was published."),
                            code="scheduled")
            else:
                report.note(page.path, line,
                            msg("Scheduled: this page is published on {date} ('publish'); "
                                "until then it is not on the site.", date=day(hidden.when)),
                            msg("If the time is a mistake, correct 'publish' or remove it."),
                            code="scheduled")
    for impact in site.held:
        report.note(impact.origin.path, impact.origin.line,
                    msg("Draft: the service impact '{id}' is not published ('draft: true').",
                        id=impact.id),
                    msg("Remove the line 'draft: true' when the notice is ready."),
                    code="draft")
