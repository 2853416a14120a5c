"""Markdown to safe HTML (Python-Markdown with tables, attr_list and toc).

Norwegian habits are read as meant by the extensions in `generator.mdext`:
a date at the start of a line is no list, lists are nested and started as
CommonMark does, and heading ids transliterate (é→e, æ→ae).

Raw HTML in Markdown is not passed through: it is shown as text (and `check`
reports it).  Links and images keep only safe schemes; attributes go through an
allow-list, so ``{onclick=…}`` or ``javascript:`` never reach a page.  Links
that start with ``/`` are site-absolute and get the configured base path.

Some steps are made quicker without changing the HTML: the inline pass skips
patterns whose required character is absent from a text, five block processors
skip their regex when a block lacks the character it needs, `is_block_level` is
remembered per tag, and the toc extension looks for a ``[TOC]`` marker only
where one could be (half the time per page; `Renderer(quick=False)` is the stock
Python-Markdown, for the tests).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html import escape

import markdown
from markdown import inlinepatterns, util
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from generator.mdext.dates import NorwegianDatesExtension
from generator.mdext.lists import TypedListsExtension
from generator.mdext.slugs import slugify

EXTENSIONS = ["tables", "attr_list", "toc", "sane_lists"]
# How editors type, read as meant (checked against stock Python-Markdown and the
# CommonMark examples in tests/test_markdown_conformance.py).
NORWEGIAN_EXTENSIONS = (NorwegianDatesExtension, TypedListsExtension)
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
ALLOWED_ATTRS = {"id", "class", "href", "title", "src", "alt", "width", "height", "lang",
                 "colspan", "rowspan", "scope", "start", "style"}
MAX_NESTING = 40


def safe_url(url: str) -> bool:
    u = re.sub(r"[\x00-\x20]", "", url).lower()
    if ":" not in u.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # relative, site-absolute or a fragment
    return u.startswith(SAFE_SCHEMES)


class _Sanitise(Treeprocessor):
    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        self.root = root
        self._walk(root, 0)

    def _walk(self, el: etree.Element, depth: int) -> None:
        for index, child in enumerate(list(el)):
            if child.tag == "table":
                wrap = etree.Element("div", {"class": "table-wrap", "tabindex": "0"})
                el.remove(child)
                el.insert(index, wrap)
                wrap.append(child)
            elif child.tag == "th" and "scope" not in child.attrib:
                child.set("scope", "col" if el.tag == "tr" and _in_head(el, self.root) else "row")
            if depth > MAX_NESTING:
                el.remove(child)
                continue
            for name in list(child.attrib):
                value = child.attrib[name]
                if name not in ALLOWED_ATTRS:
                    del child.attrib[name]
                elif name == "style" and not re.fullmatch(r"text-align: ?(left|right|center);?",
                                                          value):
                    del child.attrib[name]
                elif name in ("href", "src"):
                    if not safe_url(value):
                        del child.attrib[name]
                    elif value.startswith("/") and not value.startswith("//"):
                        child.attrib[name] = self.base_path + value[1:]
            self._walk(child, depth + 1)


def _in_head(row: etree.Element, root: etree.Element) -> bool:
    return any(row in list(head) for head in root.iter("thead"))


class _Prune(Treeprocessor):
    """Drop elements nested deeper than MAX_NESTING, without recursion.

    Runs right after inline parsing, so later tree walks (toc, sanitise, the
    serialiser) never meet a tree deep enough to exhaust Python's stack.
    """

    def run(self, root: etree.Element) -> None:
        level = [root]
        for _ in range(MAX_NESTING + 1):
            level = [child for el in level for child in el]
            if not level:
                return
        for el in level:
            for child in list(el):
                el.remove(child)


# Inline patterns that cannot match unless the text holds one of these strings: each
# regex requires the literal.  Keyed by the regex itself, so if a Markdown release
# changes a pattern, that pattern simply loses its shortcut (and is always tried).
_NEEDS = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.REFERENCE_RE: ("[",),
    inlinepatterns.LINK_RE: ("[",),
    inlinepatterns.IMAGE_LINK_RE: ("![",),
    inlinepatterns.IMAGE_REFERENCE_RE: ("![",),
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.ENTITY_RE: ("&",),
}


def needs(pattern: inlinepatterns.Pattern) -> tuple[str, ...] | None:
    """Strings of which one must occur for `pattern` to match (None: always try it)."""
    tokens = getattr(pattern, "tokens", None)
    if isinstance(pattern, inlinepatterns.DelimiterProcessor) and tokens and \
            pattern.compiled_re.pattern == "|".join(re.escape(t) for t in tokens):
        return tuple(tokens)  # emphasis: one of its delimiter characters
    compiled = getattr(pattern, "compiled_re", None)
    return _NEEDS.get(compiled.pattern) if compiled is not None else None


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline pass, minus the patterns that cannot match a text.

    Most text in a notice is plain prose, where every one of the ~15 inline
    regexes is searched and fails; a substring test rules most of them out at a
    fraction of the cost.  A pattern that does not match leaves the text as it
    was, so the result is exactly Python-Markdown's (tests/test_markup_quick.py).
    """

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self._needs = [needs(p) for p in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        # The loop of InlineProcessor.__handleInline, with the substring test added.
        if isinstance(data, util.AtomicString):
            return data
        patterns, wanted = self.inlinePatterns, self._needs
        start = 0
        while patternIndex < len(patterns):
            need = wanted[patternIndex]
            if need is not None:
                for text in need:
                    if text in data:
                        break
                else:  # no required string in this text: the pattern cannot match
                    patternIndex, start = patternIndex + 1, 0
                    continue
            data, matched, start = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]
                patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


# Block processors whose test cannot succeed unless the block holds one of these strings
# (block quote '>', '#' heading, underlined heading, rule, link reference).  Keyed by
# the regex as written in Python-Markdown 3.x: a release that changes one of them
# loses that shortcut, never the right answer.
_BLOCK_NEEDS = {
    r'(^|\n)[ ]{0,3}>[ ]?(.*)': (">",),
    r'(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)': ("#",),
    r'^.*?\n(?:=+|-+)[ ]*(\n|$)': ("\n=", "\n-"),
    r'^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))'
    r'(?P=atomicgroup)[ ]*$': ("-", "_", "*"),
    r'^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|'
    r'\((.*)\)[ ]*)?$': ("]:",),
}


def _quick_block_tests(md: markdown.Markdown) -> None:
    """Give each block processor in `_BLOCK_NEEDS` a substring test before its own.

    Every block of every page is offered to every processor in turn; for prose, the
    regex searches of these five all fail.  A processor whose test is False is
    passed over, so answering False without the search changes nothing.
    """
    for processor in md.parser.blockprocessors:
        regex = getattr(processor, "SEARCH_RE", None) or getattr(processor, "RE", None)
        need = _BLOCK_NEEDS.get(getattr(regex, "pattern", None))
        if need is not None:
            processor.test = _guarded(processor.test, need)  # type: ignore[method-assign]


def _guarded(test: Callable[[etree.Element, str], bool],
             need: tuple[str, ...]) -> Callable[[etree.Element, str], bool]:
    def quick_test(parent: etree.Element, block: str) -> bool:
        for text in need:
            if text in block:
                return test(parent, block)
        return False

    return quick_test


class _QuickToc(TocTreeprocessor):
    """The toc extension (heading ids), minus its search for a `[TOC]` marker where none is.

    Its search joins the text of every element under every element; a marker is
    only ever replaced where an element's own text is the marker and it has no
    children, so when no element is like that, the search cannot change anything.
    """

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if any(el.text and len(el) == 0 and el.text.strip() == self.marker
               for el in root.iter()):
            super().replace_marker(root, elem)


class _QuickTocExtension(TocExtension):
    TreeProcessorClass = _QuickToc


QUICK_INLINE = all(hasattr(InlineProcessor, f"_InlineProcessor__{name}")
                   for name in ("handleInline", "applyPattern"))


class SafeExtension(Extension):
    def __init__(self, base_path: str, quick: bool = True):
        super().__init__()
        self.base_path = base_path
        self.quick = quick and QUICK_INLINE

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        if self.quick:
            md.treeprocessors.register(_QuickInline(md), "inline", 20)  # replaces the stock one
        md.treeprocessors.register(_Prune(md), "prune", 19)  # after "inline" (20)
        md.treeprocessors.register(_Sanitise(md, self.base_path), "sanitise", 0)


class Renderer:
    """One reusable Markdown instance (reset between documents).

    `quick=False` uses Python-Markdown's own inline pass (the tests compare the two).
    """

    def __init__(self, base_path: str = "/", quick: bool = True):
        toc = {"permalink": False, "slugify": slugify}  # heading ids; [TOC] where a page asks
        self._md = markdown.Markdown(
            extensions=[_QuickTocExtension(**toc) if quick and ext == "toc" else ext
                        for ext in EXTENSIONS]
            + [ext() for ext in NORWEGIAN_EXTENSIONS] + [SafeExtension(base_path, quick)],
            extension_configs={"toc": toc},
            output_format="html",
        )
        if quick:
            self._md.is_block_level = _memo_block_level(self._md)  # type: ignore[method-assign]
            _quick_block_tests(self._md)

    def html(self, text: str) -> str:
        self._md.reset()
        try:
            return self._md.convert(_limit_nesting(text))
        except RecursionError:  # a safety net: _limit_nesting and _Prune prevent this
            self._md.reset()
            return "".join(f"<p>{escape(block)}</p>\n"
                           for block in re.split(r"\n\s*\n", text) if block.strip())


def _memo_block_level(md: markdown.Markdown) -> Callable[[object], bool]:
    """`md.is_block_level`, remembered per tag: it is asked ~150 times a page about a
    handful of tags, and each answer scans a list (extensions change that list only
    while the instance is made, before the first question)."""
    ask = md.is_block_level
    known: dict[object, bool] = {}

    def is_block_level(tag: object) -> bool:
        try:
            return known[tag]
        except KeyError:
            answer = known[tag] = ask(tag)
            return answer
        except TypeError:  # not hashable: never a tag name
            return ask(tag)

    return is_block_level


def _limit_nesting(text: str) -> str:
    """Deeply nested input makes Python-Markdown recurse; cap it before parsing.

    Two shapes nest: deep indentation, and a chain of list or quote markers at
    the start of one line (``- - - - x``, ``1. 1. 1. x``, ``> > > x``).
    """
    if "\n" + " " * 160 in text or "\n" + "\t" * 40 in text:
        text = re.sub(r"(?m)^[ \t]{160,}", " " * 160, text)
    text = _MARKER_CHAIN.sub(_cap_chain, text)
    if text.count("[") > MAX_UNCLOSED:
        text = "".join(_unbracket(block) for block in re.split(r"(\n[ \t]*\n)", text))
    return text


MAX_UNCLOSED = 40


def _unbracket(block: str) -> str:
    """A block with many unclosed '[' or '(' makes link parsing quadratic (each '['
    scans to the end of the block); there, '[' is escaped and shown as written."""
    if (block.count("[") - block.count("]") <= MAX_UNCLOSED
            and block.count("(") - block.count(")") <= MAX_UNCLOSED):
        return block
    return re.sub(r"(?<!\\)\[", r"\\[", block)


# Atomic groups (?>…): each marker is matched one way only, so a short chain fails fast
# instead of backtracking through every way to split the spaces between markers.
_MARKER = r"(?>[ \t]{0,3}(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*))"
_MARKER_CHAIN = re.compile(rf"(?m)^(?:{_MARKER}){{{MAX_NESTING},}}")


def _cap_chain(match: re.Match[str]) -> str:
    return "".join(re.findall(_MARKER, match.group())[:MAX_NESTING])
