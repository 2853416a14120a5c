"""Speed-ups that leave Python-Markdown's HTML unchanged (half the time per page).

The inline pass skips patterns whose required string is absent from a text, five
block processors skip their regex when a block lacks the string it needs,
`is_block_level` is remembered per tag, and the toc extension looks for a
``[TOC]`` marker only where one could be.

The inline pass and the toc shortcut lean on Python-Markdown internals (the
name-mangled ``InlineProcessor.__handleInline`` / ``__applyPattern`` and
``TocTreeprocessor.replace_marker``).  `available()` asks for them each time a
renderer is made; where a Markdown release lacks one, `generator.markup.Renderer`
runs stock Python-Markdown instead (tests/test_markup_quick.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown import inlinepatterns, util
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.treeprocessors import InlineProcessor

# The private and semi-private names the speed-ups call or override.
PRIVATE_NAMES = ((InlineProcessor, "_InlineProcessor__handleInline"),
                 (InlineProcessor, "_InlineProcessor__applyPattern"),
                 (TocTreeprocessor, "replace_marker"))


def available() -> bool:
    """True when the installed Python-Markdown has every internal name the speed-ups
    use (`PRIVATE_NAMES`); asked at call time, not import time."""
    return all(hasattr(owner, name) for owner, name in PRIVATE_NAMES)


QUICK_INLINE = available()  # as imported; `available()` answers for now


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


def needs(pattern: object) -> tuple[str, ...] | None:
    """Strings of which one must occur for `pattern` to match (None: always try it)."""
    tokens = getattr(pattern, "tokens", None)
    if isinstance(pattern, inlinepatterns.DelimiterProcessor) and tokens and \
            pattern.compiled_re.pattern == "|".join(re.escape(t) for t in tokens):
        return tuple(tokens)  # emphasis: one of its delimiter characters
    compiled = getattr(pattern, "compiled_re", None)
    return _NEEDS.get(compiled.pattern) if compiled is not None else None


class QuickInline(InlineProcessor):
    """Python-Markdown's inline pass, minus the patterns that cannot match a text.

    Most text in a notice is plain prose, where every one of the ~15 inline
    regexes is searched and fails; a substring test rules most of them out at a
    fraction of the cost.  A pattern that does not match leaves the text as it
    was, so the result is exactly Python-Markdown's (tests/test_markup_quick.py).
    """

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Python-Markdown's tree hook (same shapes as `InlineProcessor.run`)."""
        self._needs = [needs(p) for p in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        # The loop of InlineProcessor.__handleInline, with the substring test added.
        if isinstance(data, util.AtomicString):
            return data
        patterns, wanted = self.inlinePatterns, self._needs
        start = 0
        tested = -1  # the pattern whose required string was looked for (once per pattern:
        # looking again after every match would make a text with many matches quadratic)
        while patternIndex < len(patterns):
            need = wanted[patternIndex]
            if need is not None and tested != patternIndex:
                tested = patternIndex
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
    r'(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\])*?)#*(?:\n|$)': ("#",),  # 3.11.1-2
    r'^.*?\n(?:=+|-+)[ ]*(\n|$)': ("\n=", "\n-"),
    r'^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))'
    r'(?P=atomicgroup)[ ]*$': ("-", "_", "*"),
    r'^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|'
    r'\((.*)\)[ ]*)?$': ("]:",),
}


def quick_block_tests(md: markdown.Markdown) -> None:
    """Give each block processor in `_BLOCK_NEEDS` a substring test before its own.

    Every block of every page is offered to every processor in turn; for prose, the
    regex searches of these five all fail.  A processor whose test is False is
    passed over, so answering False without the search changes nothing.
    """
    for processor in md.parser.blockprocessors:
        regex = getattr(processor, "SEARCH_RE", None) or getattr(processor, "RE", None)
        need = _BLOCK_NEEDS.get(str(getattr(regex, "pattern", "")))
        if need is not None:
            processor.test = _guarded(processor.test, need)  # type: ignore[method-assign,assignment]


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


class QuickTocExtension(TocExtension):
    """The toc extension with `_QuickToc` as its tree processor (same HTML)."""

    TreeProcessorClass = _QuickToc


def memo_block_level(md: markdown.Markdown) -> Callable[[object], bool]:
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
