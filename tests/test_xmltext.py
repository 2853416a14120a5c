"""Feeds and the sitemap are written by `render.xmltext`: the same bytes as the stdlib's."""

from __future__ import annotations

import copy
import os
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.xmltext import to_bytes

names = st.sampled_from(["feed", "entry", "title", "link", "xhtml:link", "url", "loc", "a-b"])
texts = st.one_of(st.none(), st.just(""), st.just("  \n "),
                  st.text(alphabet=st.sampled_from(list("aæ &<>\"'\r\n\t]]>\ud800x")), max_size=12))
attributes = st.dictionaries(st.sampled_from(["rel", "href", "xml:lang", "xmlns", "type"]),
                             st.text(alphabet=st.sampled_from(list("aø&<>\"\r\n\t /")),
                                     max_size=8), max_size=3)


def trees(depth: int = 3) -> st.SearchStrategy[ET.Element]:
    def build(args: tuple) -> ET.Element:
        tag, attrib, text, tail, children = args
        el = ET.Element(tag, attrib)
        el.text, el.tail = text, tail
        el.extend(children)
        return el

    children = st.lists(st.deferred(lambda: trees(depth - 1)), max_size=3) if depth \
        else st.just([])
    return st.tuples(names, attributes, texts, texts, children).map(build)


def stdlib(root: ET.Element) -> bytes:
    root = copy.deepcopy(root)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "300")), deadline=None)
@given(root=trees())
def test_any_tree_comes_out_as_the_stdlib_writes_it(root: ET.Element) -> None:
    assert to_bytes(copy.deepcopy(root)) == stdlib(root)


def test_a_feed_shaped_tree_is_written_without_the_stdlib() -> None:
    root = ET.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "nn"})
    ET.SubElement(root, "title").text = "Kva skjer <no> & sidan"
    entry = ET.SubElement(root, "entry")
    ET.SubElement(entry, "link", {"href": 'https://x.no/?a=1&b="2"'})
    ET.SubElement(entry, "content", {"type": "html"}).text = "<p>Sjå HelsaMi</p>"
    assert to_bytes(root) == stdlib(root)
    assert root.text is None  # not indented in place: the quick writer handled it
