"""The last tree pass: tables wrapped for scrolling, header cells scoped, site-absolute
links given the base path, and what is nested too deep dropped.

Safety is not its job: `generator.sanitize.clean` runs on the finished HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from generator.markup.limits import MAX_NESTING


class Finish(Treeprocessor):
    """Wrap tables for scrolling, give header cells a scope, prefix site-absolute links
    with the base path, and drop what is nested too deep.  Safety is not its job:
    `generator.sanitize.clean` runs on the finished HTML."""

    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        """Python-Markdown's tree hook: finish `root` in place (WCAG 2.1 1.3.1 for the
        header scope, 1.4.10 reflow for the scrolling table wrapper)."""
        # rows of every table head, found once: asking per header cell walked the whole
        # tree for each cell (a wide table took seconds)
        self.head_rows = {id(row) for head in root.iter("thead") for row in head}
        self._walk(root, 0)

    def _walk(self, el: etree.Element, depth: int) -> None:
        for index, child in enumerate(list(el)):
            if child.tag == "table":
                wrap = etree.Element("div", {"class": "table-wrap", "tabindex": "0"})
                el.remove(child)
                el.insert(index, wrap)
                wrap.append(child)
            elif child.tag == "th" and "scope" not in child.attrib:
                child.set("scope", "col" if el.tag == "tr" and id(el) in self.head_rows
                          else "row")
            if depth > MAX_NESTING:
                el.remove(child)
                continue
            for name in ("href", "src"):
                value = child.attrib.get(name)
                if value and value.startswith("/") and not value.startswith("//"):
                    child.attrib[name] = self.base_path + value[1:]
            self._walk(child, depth + 1)
