"""argparse's English usage errors as translatable editor messages.

argparse formats its errors in English before `cli.Parser.error` sees them;
the forms it uses (CPython's ``argparse`` module, Python 3.11–3.13) are matched
here and turned into `Message` values.  An unknown form is kept in English.
"""

from __future__ import annotations

import re

from generator.errors import Message, msg

_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<inner>.*)", re.S)


def usage_problem(text: str) -> str | Message:
    """argparse's message ``text`` as a `Message` where its form is known."""
    if m := _ARGUMENT.fullmatch(text):
        return msg("argument {name}: {problem}", name=m["name"],
                   problem=usage_problem(m["inner"]))
    if m := re.fullmatch(r"the following arguments are required: (.*)", text, re.S):
        return msg("these arguments are missing: {names}", names=m[1])
    if m := re.fullmatch(r"unrecognized arguments: (.*)", text, re.S):
        return msg("unknown arguments: {names}", names=m[1])
    if m := re.fullmatch(r"invalid choice: (.*) \(choose from (.*)\)", text, re.S):
        return msg("{value} is not one of the choices ({choices})", value=m[1], choices=m[2])
    if m := re.fullmatch(r"invalid (\w+) value: (.*)", text, re.S):
        if m[1] == "int":
            return msg("{value} is not a whole number", value=m[2])
        return msg("{value} is not a valid value", value=m[2])
    if text == "expected one argument":
        return msg("a value must follow it")
    if m := re.fullmatch(r"ambiguous option: (\S+) could match (.*)", text, re.S):
        return msg("{option} could mean {matches}; write more of it", option=m[1],
                   matches=m[2])
    return text

