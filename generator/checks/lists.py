"""List items Markdown would show as plain text (`check` names the line and the fix).

Lists typed as on GitHub and in Teams render as meant (`generator.mdext.lists`);
two habits from word processors do not, and would silently become a paragraph
with the marker in it: a bullet character pasted from Word or a PDF ("• ",
"– ", "▪ ") and a number with a parenthesis ("1) "), which Python-Markdown does
not read as a list (CommonMark does).  Code blocks are left out (`scan.lines`).
"""

from __future__ import annotations

import re

from generator.checks import Context
from generator.checks.scan import lines
from generator.errors import Report, msg

PASTED_BULLET = re.compile(r"^(\s{0,3})([•·–—▪◦●○■□➢►✓✔])\s+\S")
PAREN_NUMBER = re.compile(r"^(\s{0,3})(\d{1,9})\)\s+\S")


def check(ctx: Context, report: Report) -> None:
    for page in ctx.sources:
        raw = page.body.split("\n")
        for line in lines(page):
            text = raw[line.number - page.body_line]
            if m := PASTED_BULLET.match(text):
                report.warn(page.path, line.number,
                            msg("'{mark}' at the start of the line is shown as a character, "
                                "not as a list item.", mark=m.group(2)),
                            msg("Start each list item with '- ' (a hyphen and a space)."),
                            code="list-marker")
            elif m := PAREN_NUMBER.match(text):
                report.warn(page.path, line.number,
                            msg("'{number})' at the start of the line is shown as text, not as "
                                "a numbered list.", number=m.group(2)),
                            msg("Write '{number}.' (a full stop) for a numbered list.",
                                number=m.group(2)), code="list-marker")
