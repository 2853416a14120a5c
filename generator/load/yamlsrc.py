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

from generator.errors import Message, msg

try:  # libyaml's parser is several times faster; fall back cleanly without it
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class YDict(dict):
    """A mapping with `line` (1-based) and `key_lines`."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class YList(list):
    """A sequence with `line` (1-based) and `item_lines`."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        try:
            return self.item_lines[index]
        except (AttributeError, IndexError):
            return self.line


TYPOGRAPHIC_QUOTES = re.compile("[“”„‟«»‘’‚‛]")


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _quotes_in(typed: str) -> str:
    return " ".join(dict.fromkeys(TYPOGRAPHIC_QUOTES.findall(typed)))


def _straighten(typed: str) -> str:
    """The line with its typographic quotes made straight (double ones; single as ')."""
    return re.sub("[“”„‟«»]", '"', re.sub("[‘’‚‛]", "'", typed))


class YamlError(Exception):
    def __init__(self, line: int | None, message: Message,
                 hint: Message | None = None, code: str = "yaml"):
        super().__init__(str(message))
        self.line = line
        self.message = message
        self.hint = hint
        self.code = code


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
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
            raise YamlError(line, msg("A key here is not plain text."),
                            msg("Write keys as simple words followed by a colon.")) from None
        if key in result:
            raise YamlError(
                line, msg("The key '{key}' is written twice in the same block "
                          "(first on line {first}).", key=key, first=result.key_lines[key]),
                msg("Remove one of them or merge them."))
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
    raise YamlError(line, msg("The YAML type tag '{tag}' is not used in content.", tag=tag),
                    msg("Remove the tag (the word starting with '!') before the value."))


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
                raise YamlError(line, msg("The YAML is nested more than {depth} levels deep "
                                          "(too many '[' or '{{').", depth=MAX_DEPTH),
                                msg("Flatten the structure."))
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
            raise YamlError(line, msg("A tab character is used for indentation."),
                            msg("Indent with spaces only (two spaces per level)."),
                            code="yaml-tab") from None
        typed = _line(text, mark.line) if mark else ""
        if TYPOGRAPHIC_QUOTES.search(typed):
            raise YamlError(line, msg("This line has typographic quotes ({quotes}), as Word and "
                                      "macOS type them; YAML reads only straight quotes as "
                                      "quotes.", quotes=_quotes_in(typed)),
                            msg('Use straight quotes "…" around the value: {fixed}',
                                fixed=_straighten(typed).strip()),
                            code="typographic-quotes") from None
        raise _plain(exc, line, typed) or _explain(exc, line, line_offset) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        raise YamlError(line, msg("The YAML cannot be read: the character {char} is not "
                                  "allowed.", char=repr(exc.character)),
                        msg("Delete it or retype the text around it.")) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, msg("The YAML cannot be read: {problem}", problem=exc)) from None
    except RecursionError:
        raise YamlError(None, msg("The YAML is nested too deeply."),
                        msg("Flatten the structure.")) from None
    except ValueError:  # e.g. an integer longer than Python converts (4300 digits)
        m = re.search(r"\d{1000,}", text)
        line = text.count("\n", 0, m.start()) + 1 + line_offset if m else None
        raise YamlError(line, msg("A number here is far too long to be read."),
                        msg("Write the real value, or put the text in quotes.")) from None
    finally:
        loader.dispose()


def _indented_with_tab(text: str, index: int) -> bool:
    """The C parser's message does not name the tab, so look at the line itself."""
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[:len(line) - len(line.lstrip(" \t"))]


def _plain(exc: yaml.MarkedYAMLError, line: int | None, typed: str) -> YamlError | None:
    """PyYAML's parser words ("did not find expected '-' indicator") as the usual cause."""
    problem = (exc.problem or "").strip()
    if "did not find expected key" in problem and typed.lstrip().startswith("- "):
        return YamlError(line, msg("This list item is not lined up with the items above it, "
                                   "or stands among 'key: value' lines."),
                         msg("Line up each '- ' under the '- ' of the items above; a list "
                             "under a key starts on the line after 'key:'."), code="yaml-list")
    if "expected '-' indicator" in problem:
        return YamlError(line, msg("This line is inside a list, but does not start with '- ' "
                                   "or is not lined up with the items above it."),
                         msg("Start each item with '- ' straight under the '- ' of the items "
                             "above; the other keys of an item go under its first key."),
                         code="yaml-list")
    if "did not find expected key" in problem:
        if re.search(r"""^[^#"']*:\s*(["']).*?\1\s*[^\s#]""", typed):
            return YamlError(line, msg("Text follows the closing quote of the value."),
                             msg("Put the whole value inside the quotes."), code="yaml-quote")
        return YamlError(line, msg("This line is not lined up with the keys above it."),
                         msg("Keys of one block start in the same column (spaces, not tabs); "
                             "a list item starts with '- '."), code="yaml-indent")
    start = re.match(r"^\s*(?:-\s+)?([^:#]+):\s*([*@`%&!|>])", typed)
    if start and ("cannot start any token" in problem or "alphabetic or numeric" in problem
                  or "expected comment or line break" in problem or "alias" in problem):
        key, char = start.group(1).strip(), start.group(2)
        return YamlError(line, msg("A value cannot start with '{char}' unless it is in "
                                   "quotes.", char=char),
                         msg('Put the value in straight quotes: {key}: "{char}…".',
                             key=key, char=char), code="yaml-start")
    if "expected comment or line break" in problem:
        return YamlError(line, msg("Text follows where the line should end (after a closing "
                                   "quote?)."), msg("Put the whole value inside the quotes."),
                         code="yaml-quote")
    return None


def _explain(exc: yaml.MarkedYAMLError, line: int | None, line_offset: int) -> YamlError:
    problem = (exc.problem or "").strip()
    if "'\\t'" in problem or "tab" in problem:
        return YamlError(line, msg("A tab character is used for indentation."),
                         msg("Indent with spaces only (two spaces per level)."))
    if "mapping values are not allowed" in problem:
        return YamlError(line, msg("A colon ':' is in a value where YAML does not allow it."),
                         msg("Put the whole value in double quotes: key: \"text: more text\"."))
    if "could not find expected ':'" in problem:
        return YamlError(line, msg("A line is missing the colon after its key."),
                         msg("Write it as 'key: value'."))
    if re.search(r"expected ',' or '[\]}]'", problem):
        opened = exc.context_mark  # where the [ or { was opened
        return YamlError(opened.line + 1 + line_offset if opened else line,
                         msg("A list in [ ] or a block in {{ }} is not closed."),
                         msg("Add the missing ']' or '}}', or put text with commas in quotes."))
    if "found unexpected end of stream" in problem or "expected <block end>" in problem:
        return YamlError(line, msg("The YAML structure is broken (indentation or an unclosed "
                                   "quote or bracket)."),
                         msg("Check the indentation and quotes on and above this line."))
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlError(line, msg("The YAML cannot be read: {problem}.", problem=problem))
    return YamlError(line, msg("The YAML cannot be read: {problem}.", problem=problem or exc),
                     msg("Check the indentation, quotes and colons on this line."))
