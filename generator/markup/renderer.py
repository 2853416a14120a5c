"""The Markdown configuration: which extensions, in which order, and one reusable
`Renderer` that turns a page body into cleaned HTML."""

from __future__ import annotations

import re
from html import escape

import markdown
from markdown.extensions import Extension

from generator.markup import speedups
from generator.markup.finish import Finish
from generator.markup.limits import Prune, limit_nesting
from generator.mdext.dates import NorwegianDatesExtension
from generator.mdext.lists import TypedListsExtension
from generator.mdext.slugs import slugify
from generator.sanitize import clean

EXTENSIONS = ["tables", "attr_list", "toc", "sane_lists"]
# How editors type, read as meant (checked against stock Python-Markdown and the
# CommonMark examples in tests/test_markdown_conformance.py).
NORWEGIAN_EXTENSIONS = (NorwegianDatesExtension, TypedListsExtension)


class SafeExtension(Extension):
    """No raw HTML, the nesting cap and the finishing pass (and the quick inline pass
    when `quick`)."""

    def __init__(self, base_path: str, quick: bool = True):
        """`base_path` ("/" or "/sub/") prefixes site-absolute links; `quick` puts
        `speedups.QuickInline` in place of the stock inline pass."""
        super().__init__()
        self.base_path = base_path
        self.quick = quick

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API name)
        """Python-Markdown's extension hook: drop raw HTML (block and inline), put the
        quick inline pass in place of the stock one (when on) and add `Prune`, which
        drops elements nested deeper than MAX_NESTING."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        if self.quick:
            md.treeprocessors.register(speedups.QuickInline(md), "inline", 20)  # replaces stock
        md.treeprocessors.register(Prune(md), "prune", 19)  # after "inline" (20)
        md.treeprocessors.register(Finish(md, self.base_path), "finish", 0)


class Renderer:
    """One reusable Markdown instance (reset between documents).

    `quick=False` is stock Python-Markdown (the tests compare the two); so is
    `quick=True` when the installed Markdown lacks a name the speed-ups use
    (`speedups.available()`); `self.quick` says which one runs.
    """

    def __init__(self, base_path: str = "/", quick: bool = True):
        """`base_path` ("/" or "/sub/") prefixes site-absolute links."""
        self.quick = quick = quick and speedups.available()
        toc = {"permalink": False, "slugify": slugify}  # heading ids; [TOC] where a page asks
        self._md = markdown.Markdown(
            extensions=[speedups.QuickTocExtension(**toc) if quick and ext == "toc" else ext
                        for ext in EXTENSIONS]
            + [ext() for ext in NORWEGIAN_EXTENSIONS] + [SafeExtension(base_path, quick)],
            extension_configs={"toc": toc},
            output_format="html",
        )
        if quick:
            self._md.is_block_level = speedups.memo_block_level(self._md)  # type: ignore[method-assign,assignment]
            speedups.quick_block_tests(self._md)

    def html(self, text: str) -> str:
        """The body's HTML (str), the same for the same text, cleaned by
        `generator.sanitize.clean` as the last pass."""
        return clean(self.markdown_html(text))

    def markdown_html(self, text: str) -> str:
        """Python-Markdown's HTML before cleaning (never publish it: see `html`); should
        the parser still exhaust Python's stack, the text is shown as escaped paragraphs."""
        self._md.reset()
        try:
            made = self._md.convert(limit_nesting(text))
        except RecursionError:  # a safety net: limit_nesting and Prune prevent this
            self._md.reset()
            made = "".join(f"<p>{escape(block)}</p>\n"
                           for block in re.split(r"\n\s*\n", text) if block.strip())
        return made
