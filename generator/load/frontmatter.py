"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import msg
from generator.load.yamlsrc import YamlError, YDict, parse


@dataclass(frozen=True)
class Split:
    meta: YDict
    body: str
    body_line: int  # 1-based line of the first body line
    duplicates: tuple[YamlError, ...] = ()  # keys written twice (the first value is kept)


def split(text: str) -> Split:
    """Front matter sits between a first line `---` and the next `---`."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise YamlError(1, msg("The page has no front matter."),
                        msg("Start the file with a line '---', then 'title: …', then '---'."))
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            duplicates: list[YamlError] = []
            meta = parse(block, line_offset=1, duplicates=duplicates) if block.strip() else None
            if meta is None:
                meta = YDict()
                meta.line = 1
                meta.key_lines = {}
            if not isinstance(meta, YDict):
                raise YamlError(2, msg("The front matter must be a list of 'key: value' lines."),
                                msg("Write for example 'title: My page'."))
            return Split(meta, "\n".join(lines[i + 1:]), i + 2, tuple(duplicates))
    raise YamlError(1, msg("The front matter is never closed."),
                    msg("Add a line with only '---' after the last front matter line."))
