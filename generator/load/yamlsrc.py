"""YAML that remembers where each value was written.

Mappings load as `YDict` and sequences as `YList`; both know their own line and
the line of each key or item, so later stages can point an editor at the exact
line of a bad value.  Dates are *not* turned into Python dates here (the data
loaders parse them, with one error style); only ``true``/``false`` are booleans,
so ``no`` (Norway!) stays a string.  Duplicate keys are errors.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; fall back cleanly without it
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class YDict(dict[Any, Any]):
    """A mapping with `line` (1-based) and `key_lines`."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The 1-based line of `key`, else the mapping's own line."""
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class YList(list[Any]):
    """A sequence with `line` (1-based) and `item_lines`."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The 1-based line of item `index`, else the list's own line."""
        try:
            return self.item_lines[index]
        except (AttributeError, IndexError):
            return self.line


class YamlError(Exception):
    def __init__(self, line: int | None, message: str, hint: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class _Loader(_BaseLoader):  # type: ignore[misc]
    line_offset = 0


# Resolvers: as SafeLoader's, but without timestamps and with YAML 1.2 booleans.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> YDict:
    loader.flatten_mapping(node)
    result = YDict()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        try:
            hash(key)
        except TypeError:
            raise YamlError(line, "A key here is not plain text.",
                            "Write keys as simple words followed by a colon.") from None
        if key in result:
            raise YamlError(
                line, f"The key '{key}' is written twice in the same block "
                f"(first on line {result.key_lines[key]}).",
                "Remove one of them or merge them.")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    return result


def _refuse_tag(loader: _Loader, node: yaml.Node) -> None:
    line = node.start_mark.line + 1 + loader.line_offset
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise YamlError(line, f"The YAML type tag '{tag}' is not used in content.",
                    "Remove the tag (the word starting with '!') before the value.")


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
for _tag in ("binary", "set", "omap", "pairs", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_Loader.add_constructor(None, _refuse_tag)  # any other tag, e.g. !!python/object

MAX_DEPTH = 60


def _depth_guard(text: str, line_offset: int = 0) -> None:
    """Refuse absurdly nested input before the parser recurses into it."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, i) + 1 + line_offset
                raise YamlError(line, f"The YAML is nested more than {MAX_DEPTH} levels deep "
                                "(too many '[' or '{').", "Flatten the structure.")
        elif ch in "]}":
            depth -= 1


def parse(text: str, line_offset: int = 0) -> Any:
    """Parse one YAML document; raise `YamlError` with a plain message."""
    _depth_guard(text, line_offset)
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        if mark and _indented_with_tab(text, mark.line):
            raise YamlError(line, "A tab character is used for indentation.",
                            "Indent with spaces only (two spaces per level).") from None
        raise _explain(exc, line, line_offset) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        raise YamlError(line, f"The YAML cannot be read: the character {exc.character!r} "
                        "is not allowed.", "Delete it or retype the text around it.") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"The YAML cannot be read: {exc}") from None
    except RecursionError:
        raise YamlError(None, "The YAML is nested too deeply.", "Flatten the structure.") from None
    except ValueError:  # e.g. an integer longer than Python converts (4300 digits)
        m = re.search(r"\d{1000,}", text)
        line = text.count("\n", 0, m.start()) + 1 + line_offset if m else None
        raise YamlError(line, "A number here is far too long to be read.",
                        "Write the real value, or put the text in quotes.") from None
    finally:
        loader.dispose()


def _indented_with_tab(text: str, index: int) -> bool:
    """The C parser's message does not name the tab, so look at the line itself."""
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[:len(line) - len(line.lstrip(" \t"))]


def _explain(exc: yaml.MarkedYAMLError, line: int | None, line_offset: int) -> YamlError:
    problem = (exc.problem or "").strip()
    if "'\\t'" in problem or "tab" in problem:
        return YamlError(line, "A tab character is used for indentation.",
                         "Indent with spaces only (two spaces per level).")
    if "mapping values are not allowed" in problem:
        return YamlError(line, "A colon ':' is in a value where YAML does not allow it.",
                         "Put the whole value in double quotes: key: \"text: more text\".")
    if "could not find expected ':'" in problem:
        return YamlError(line, "A line is missing the colon after its key.",
                         "Write it as 'key: value'.")
    if re.search(r"expected ',' or '[\]}]'", problem):
        opened = exc.context_mark  # where the [ or { was opened
        return YamlError(opened.line + 1 + line_offset if opened else line,
                         "A list in [ ] or a block in { } is not closed.",
                         "Add the missing ']' or '}', or put text with commas in quotes.")
    if "found unexpected end of stream" in problem or "expected <block end>" in problem:
        return YamlError(line, "The YAML structure is broken (indentation or an unclosed quote "
                         "or bracket).", "Check the indentation and quotes on and above this line.")
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlError(line, f"The YAML cannot be read: {problem}.")
    return YamlError(line, f"The YAML cannot be read: {problem or exc}.",
                     "Check the indentation, quotes and colons on this line.")
