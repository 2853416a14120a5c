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

from generator.errors import MAX_VALUE, Message, msg

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


class _Loader(_BaseLoader):  # type: ignore[misc]
    line_offset = 0
    duplicates: list[YamlError] | None = None  # collect duplicate keys here, else raise


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
            twice = YamlError(
                line, msg("The key '{key}' is written twice in the same block "
                          "(first on line {first}).", key=key, first=result.key_lines[key]),
                msg("Remove one of them or merge them."), code="duplicate-key")
            if loader.duplicates is None:
                raise twice
            loader.duplicates.append(twice)  # reported; the first value is kept
            continue
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


class WrittenInt(int):
    """An integer written with a leading zero (0700): YAML 1.1 reads it as octal, an
    editor means decimal; `written` keeps the text so the field can say so."""

    written: str


def _construct_number(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """Numbers as YAML 1.2 reads them: ``22:00`` stays text (YAML 1.1 makes 1320 of it),
    ``0700`` is marked (YAML 1.1 makes 448 of it); the rest as usual."""
    text = node.value
    if ":" in text:
        return text
    if re.fullmatch(r"[-+]?0[0-9_]+", text):
        value = WrittenInt(int(text.replace("_", "")))
        value.written = text
        return value
    if node.tag.endswith(":float"):
        return yaml.SafeLoader.construct_yaml_float(loader, node)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
for _tag in ("binary", "set", "omap", "pairs", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_Loader.add_constructor(None, _refuse_tag)  # any other tag, e.g. !!python/object

MAX_DEPTH = 60
MAX_ALIAS_NODES = 10_000  # values an alias (*name) may add; real content adds a few dozen


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


def parse(text: str, line_offset: int = 0,
          duplicates: list[YamlError] | None = None) -> Any:
    """Parse one YAML document; raise `YamlError` with a plain message.

    A key written twice in one mapping raises too, unless `duplicates` is given: then
    each is appended there as a `YamlError` (code "duplicate-key"), the first value is
    kept, and the rest of the document is still read, so its other errors are found in
    the same run.
    """
    _depth_guard(text, line_offset)
    loader = _Loader(text)
    loader.line_offset = line_offset
    loader.duplicates = duplicates
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _alias_budget(node, line_offset)
        data = loader.construct_document(node)
        _refuse_controls(data, getattr(data, "line", 1 + line_offset))
        return data
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        if mark and _indented_with_tab(text, mark.line):
            raise YamlError(line, msg("A tab character is used for indentation."),
                            msg("Indent with spaces only (two spaces per level)."),
                            code="yaml-tab") from None
        unclosed = _unclosed_quote(text, mark.line, line_offset) if mark else None
        if unclosed:
            raise unclosed from None
        typed = _line(text, mark.line) if mark else ""
        if TYPOGRAPHIC_QUOTES.search(typed):
            raise YamlError(line, msg("This line has typographic quotes ({quotes}), as Word and "
                                      "macOS type them; YAML reads only straight quotes as "
                                      "quotes.", quotes=_quotes_in(typed)),
                            msg('Use straight quotes "…" around the value: {fixed}',
                                fixed=_straighten(typed).strip()),
                            code="typographic-quotes") from None
        raise (_missing_colon(exc, text, line_offset) or _plain(exc, line, typed)
               or _explain(exc, line, line_offset)) from None
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


def _alias_budget(root: yaml.Node, line_offset: int) -> None:
    """Refuse a document whose aliases expand to more than `MAX_ALIAS_NODES` values.

    PyYAML shares an aliased value instead of copying it, but everything that walks
    the result (validation, messages, rendering) meets each copy: a few hundred
    bytes of nested aliases ("billion laughs") become gigabytes.  The expanded
    size is counted on the node graph, each distinct node once (linear time).
    """
    size: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in size and not done:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        if not done:
            size[key] = 0  # in progress (a recursive alias counts once)
            distinct += 1
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        size[key] = 1 + sum(size.get(id(c), 0) for c in children)
        if size[key] - distinct > MAX_ALIAS_NODES:
            raise YamlError(node.start_mark.line + 1 + line_offset,
                            msg("The aliases (*name) in this YAML expand to more than {n} "
                                "values.", n=MAX_ALIAS_NODES),
                            msg("Write the values out, or use an alias only for a small "
                                "block."), code="yaml-alias-budget")


# C0 and C1 controls but tab and line feed (U+0085 and CR too: a file's own line ends
# are normalised before parsing, so in a value they can only come from an escape)
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def _refuse_controls(value: Any, line: int) -> None:
    """Refuse control characters that a YAML escape ("\\x01", "\\u000b") put into a value.

    The file's own text is checked when it is read (`files.read_text`); escapes are
    decoded only by the parser, so the decoded values are checked here.
    """
    stack: list[tuple[Any, int]] = [(value, line)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            bad = _VALUE_CONTROL.search(item)
            if bad:
                raise YamlError(at, msg("A value holds an invisible control character "
                                        "(U+{code}), written as an escape.",
                                        code=f"{ord(bad.group()):04X}"),
                                msg("Remove the escape (the '\\' and what follows) from the "
                                    "value."), code="control-character")
        elif isinstance(item, YDict):
            for key, child in item.items():
                stack.append((key, item.line_of(key)))
                stack.append((child, item.line_of(key)))
        elif isinstance(item, YList):
            stack.extend((child, item.line_of(i)) for i, child in enumerate(item))


_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s#"'-][^#]*?:\s+)?)(["'])(.*)$""")
_BLOCK_SCALAR = re.compile(r"""^(\s*)(?:-\s+)?(?:[^#"']*?:\s*)?[|>][-+0-9]*\s*(?:#.*)?$""")


def _closes(quote: str, rest: str) -> bool:
    """Whether `rest` (the text after an opening quote) holds its closing quote."""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def _continues(quote: str, below: str) -> bool:
    """Whether the next `quote` in the text `below` an opening one ends its line (a value
    written over several lines), rather than opening the next value ('key: "…')."""
    if quote == "'":
        below = below.replace("''", "")  # '' is a quote inside single quotes
    pattern = r'(?<!\\)(?:\\\\)*"' if quote == '"' else "'"
    after = re.search(pattern, below)
    if after is None:
        return False
    tail = below[after.end():].split("\n", 1)[0]
    return re.fullmatch(r"\s*(?:#.*)?", tail) is not None


def _unclosed_quote(text: str, upto: int, line_offset: int) -> YamlError | None:
    """The first line up to index `upto` whose value opens with a straight quote that the
    line does not close with the same quote ('"Tekst”' or '"Tekst'), as a `YamlError`.

    The parser reads such a value on into the lines below and fails later, on a line
    that is fine; the editor's slip is on the line found here.
    """
    block_indent: int | None = None
    lines = text.splitlines()
    for index, typed in enumerate(lines[:upto + 1]):
        indent = len(typed) - len(typed.lstrip(" "))
        if block_indent is not None:
            if not typed.strip() or indent > block_indent:
                continue
            block_indent = None
        if _BLOCK_SCALAR.match(typed):
            block_indent = indent
            continue
        found = _QUOTED_VALUE.match(typed.rstrip())
        if not found or _closes(found.group(2), found.group(3)):
            continue
        head, quote, rest = found.groups()
        if _continues(quote, "\n".join(lines[index + 1:])):
            continue  # a quoted value written over several lines, closed at a line's end
        body = rest.rstrip()
        ending = TYPOGRAPHIC_QUOTES.search(body[-1:]) if body else None
        fixed = f"{head}{quote}{body[:-1] if ending else body}{quote}".strip()
        if len(fixed) > MAX_VALUE:  # the fix is at the end: show the end of a long line
            fixed = "…" + fixed[-(MAX_VALUE - 1):]
        line = index + 1 + line_offset
        if ending:
            return YamlError(line, msg("The value on this line opens with a straight quote "
                                       "({open}) but ends with a typographic one ({close}); "
                                       "YAML reads on to the next straight quote.",
                                       open=quote, close=ending.group()),
                             msg('Use straight quotes "…" around the value: {fixed}',
                                 fixed=fixed), code="yaml-unclosed-quote")
        return YamlError(line, msg("The value on this line opens with a quote ({open}) that "
                                   "is not closed on the line.", open=quote),
                         msg("Close it with the same straight quote: {fixed}", fixed=fixed),
                         code="yaml-unclosed-quote")
    return None


# a key, then what stands where its colon should: spaces, '=' or ';' (a slip of the
# finger), or nothing before a date ('published2026-12-01')
_KEY_FIRST = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*?)(\s*[=;]\s*|\s+|$|(?=\d{4}-))")
_HAS_KEY = re.compile(r"""^\s*(?:-\s+)?(?:"[^"]*"|'[^']*'|[^\s#"'][^#]*?)\s*:(?:\s|$)""")


def colon_fixed(typed: str, at: int) -> str:
    """The line `typed` with a colon put at index `at` (just after a key), stripped: as
    the editor should write it.  A value that would not read as one value after the colon
    ('summary Dette er: viktig') is put in double quotes; a long line shows its start."""
    head, rest = typed[:at].strip(), typed[at:].strip()
    fixed = f"{head}: {rest}" if rest else f"{head}:"
    if rest and not any(c in head for c in "[{") and not _reads(fixed):
        escaped = rest.replace("\\", "\\\\").replace('"', '\\"')
        fixed = f'{head}: "{escaped}"'
    return fixed if len(fixed) <= MAX_VALUE else fixed[:MAX_VALUE - 1] + "…"


def _reads(text: str) -> bool:
    """Whether `text` is YAML that parses (values are not constructed)."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
        return True
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def _reads_past(text: str, index: int) -> bool:
    """Whether `text` parses, or fails only after line `index` (0-based)."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
        return True
    except yaml.MarkedYAMLError as exc:
        simple = exc.context_mark is not None and "simple key" in (exc.context or "")
        mark = exc.context_mark if simple else exc.problem_mark
        return mark is not None and mark.line > index
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def _missing_colon(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> YamlError | None:
    """The line that is missing the colon after its key ('published 2026-12-01'), as a
    `YamlError` on that line, if putting the colon there lets the parser read past it.

    PyYAML reports such a line where it gives up: on the next key ("could not find
    expected ':'", the slip in its context mark), or, when the words ran on into the
    next line as one text ('- id tingvoll' over 'name: Tingvoll'), at that line's colon
    ("mapping values are not allowed"): the slip is then the first line of that text.
    """
    problem = exc.problem or ""
    lines = text.splitlines()
    if "could not find expected ':'" in problem and exc.context_mark is not None \
            and "simple key" in (exc.context or ""):
        index = exc.context_mark.line
    elif ("mapping values are not allowed" in problem or "<document start>" in problem) \
            and exc.problem_mark is not None:
        start = None  # the first line of the text that ran on into this one
        for above in range(min(exc.problem_mark.line, len(lines)) - 1, -1, -1):
            if not lines[above].strip() or lines[above].lstrip().startswith("#"):
                continue
            if _HAS_KEY.match(lines[above]):
                break
            start = above
        if start is None:
            return None  # the colon is on the line where the text starts: a colon in a value
        index = start
    else:
        return None
    if not 0 <= index < len(lines) or _HAS_KEY.match(lines[index]):
        return None
    found = _KEY_FIRST.match(lines[index])
    if found is None:
        return None
    key_end, value = found.end(2), lines[index][found.end():]
    mended = lines[index][:key_end] + ": " + value
    if not _reads_past("\n".join([*lines[:index], mended, *lines[index + 1:]]), index):
        return None
    fixed = colon_fixed(lines[index][:key_end] + " " + value, key_end)
    return YamlError(index + 1 + line_offset,
                     msg("The colon after '{key}' is missing on this line.",
                         key=found.group(2)),
                     msg("Write the line as: {fixed}", fixed=fixed),
                     code="yaml-missing-colon")


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
    if "'\\t'" in problem or re.search(r"\btabs?\b", problem):
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
    if "recursive" in problem:
        return YamlError(line, msg("An alias (*name) refers to the block it is written in."),
                         msg("An alias can only repeat a value written before it."),
                         code="yaml-recursive-alias")
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlError(line, msg("The YAML cannot be read: {problem}.", problem=problem))
    return YamlError(line, msg("The YAML cannot be read: {problem}.", problem=problem or exc),
                     msg("Check the indentation, quotes and colons on this line."))
