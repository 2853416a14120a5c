"""Example values that must not reach production (`check --deploy`).

The default content is a template: its base_url, e-mail address and phone
number are honest placeholders (`*.example`, `post@example.no`,
`+47 00 00 00 00`), so it builds and passes `check --strict` as it is.  A site
about to be published must not show them: with `--deploy`, every such value in
content/config.yaml, content/data/ and the pages is an error naming the line.

Example domains: RFC 2606 and RFC 6761 (example, test, invalid, localhost and
example.com/.net/.org), plus example.no, which Norwegian texts use the same way.
Placeholder numbers: `generator.i18n.phones.is_placeholder` (all one digit, or
a run like 12345678).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.checks import Context
from generator.errors import Report, msg
from generator.i18n.phones import is_placeholder
from generator.load.files import FileProblem, read_text

EXAMPLE_DOMAIN = re.compile(
    r"(?<![\w.-])(?:[\w-]+\.)*(?:example\.(?:no|com|net|org)|[\w-]+\.(?:example|test|invalid)"
    r"|localhost)(?![\w-])(?!\.[a-z])", re.IGNORECASE)
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d ]{5,16}\d(?![\w])")
YAML_COMMENT = re.compile(r"(?:^|\s)#.*$")


def example_values(text: str) -> list[str]:
    """The example domains and placeholder phone numbers in one line of text."""
    found = [m.group() for m in EXAMPLE_DOMAIN.finditer(text)]
    found += [m.group() for m in PHONE_LIKE.finditer(text) if is_placeholder(m.group())]
    return found


def _lines(path: Path, root: Path, yaml: bool, first: int = 1) -> list[tuple[int, str]]:
    try:
        text = read_text(path, root)
    except FileProblem:
        return []  # the build reports the file
    lines = text.splitlines()[first - 1:]
    return [(first + i, YAML_COMMENT.sub("", line) if yaml else line)
            for i, line in enumerate(lines)]


def check(ctx: Context, report: Report) -> None:
    root, content = report.root, report.root / "content"
    yaml_files = [content / "config.yaml", *sorted((content / "data").rglob("*.yaml"))]
    where = [(path, _lines(path, root, yaml=True)) for path in yaml_files if path.is_file()]
    where += [(root / page.path, _lines(root / page.path, root, yaml=False, first=page.body_line))
              for page in ctx.sources]
    for path, lines in where:
        for number, line in lines:
            for value in example_values(line):
                report.error(path, number,
                             msg("'{value}' is an example value, not a real one; the site "
                                 "would publish it.", value=value.strip()),
                             msg("Replace it with the real address or number before "
                                 "publishing."),
                             code="example-value")
