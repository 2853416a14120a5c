"""The quick passes give exactly Python-Markdown's own HTML, only sooner.

`markup.speedups.QuickInline` skips an inline pattern when the text lacks the literal
its regex needs, block processors skip their regex when a block lacks the
string it needs (`_BLOCK_NEEDS`), and `_QuickToc` skips looking for a `[TOC]`
marker where none is.  If a shortcut were wrong (a pattern that can match without
its listed literal), some Markdown would come out different: these tests hunt
for such a text.
"""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markup import _BLOCK_NEEDS, QUICK_INLINE, Renderer, needs

QUICK = Renderer("/base/")
STOCK = Renderer("/base/", quick=False)

pieces = st.sampled_from(
    list("ab æø 1\n\n*_#->[]()!`|:{}<>/\\=\"'.&;@ \t") +
    ["  \n", "![", "](", "[x]: /y", "<https://a.no>", "<post@a.no>", "&amp;", "&#229;",
     "&copy;", "**", "__", "***", "``", "\\*", "\\[", "    ", "- ", "1. ", "> ", "{: #i }",
     "# ", "| a | b |\n|---|---|\n", "[ref]", "[^1]", "*a*", "_a_", "`c`", "\n\n[TOC]\n\n",
     "## ", "\n===\n", "\n---\n", "\n- - -\n", "\n* * *\n", "\n___\n", "Tittel\n",
     "[id]: /a \"t\"\n", "   > ", "#### x ####", "\\#",
     # what generator.mdext reads differently: dates, lead-in lists, two-space nesting
     "3. november ", "- 14. februar: ", "1. jan. ", "\n  - ", "\n  1. ", ":\n- ", "\n   "])
markdown_text = st.lists(pieces, max_size=80).map("".join)


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "300")), deadline=None)
@given(text=markdown_text)
def test_quick_pass_equals_python_markdown(text: str) -> None:
    assert QUICK.markdown_html(text) == STOCK.markdown_html(text)  # before nh3 cleans it


def test_every_markdown_file_in_the_project_renders_the_same() -> None:
    files = sorted((ROOT / "content").rglob("*.md")) + sorted(FIXTURES.rglob("*.md"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert QUICK.markdown_html(text) == STOCK.markdown_html(text), path


@pytest.mark.parametrize(("text", "made"), [
    ("Ring oss  \npå telefon", "<br"),  # hard line break: two spaces before the newline
    ("Sjå [HelsaMi](https://helsami.no)", '<a href="https://helsami.no">'),
    ('![Kart](/kart.png "Kart")', '<img alt="Kart" src="/base/kart.png"'),
    ("Skriv til <post@kommune.no>", '<a href="mailto:post@kommune.no">'),
    ("Sjå <https://kommune.no>", '<a href="https://kommune.no">'),
    ("5 &amp; 6 &#229;", "5 &amp; 6 å"), ("Bruk `kode`", "<code>kode</code>"),
    ("\\*ikkje utheva\\*", "*ikkje utheva*"), ("*utheva*", "<em>"), ("__sterk__", "<strong>"),
    ("[a]\n\n[a]: /b", '<a href="/base/b">'),
    ("[TOC]\n\n## Kva skjer\n", '<div class="toc">'),  # the toc marker, still honoured
    ("Tekst\n> sitat", "<blockquote>"), ("Fyrst\n## Overskrift", "<h2"),
    ("Overskrift\n==========", "<h1"), ("Overskrift\n---", "<h2"), ("a\n\n* * *\n", "<hr"),
    ("[lenkje]\n\n   [lenkje]: /x 'Tittel'", 'title="Tittel"'),
])
def test_each_pattern_still_applies_where_its_text_occurs(text: str, made: str) -> None:
    assert made in QUICK.html(text)
    assert QUICK.markdown_html(text) == STOCK.markdown_html(text)


def test_the_installed_markdown_keeps_every_shortcut() -> None:
    """A Markdown release that changes a pattern would silently lose the speed-up."""
    assert QUICK_INLINE, "Python-Markdown's inline pass changed shape; see markup.speedups"
    patterns = list(QUICK._md.inlinePatterns)
    assert patterns and all(needs(p) for p in patterns), \
        [type(p).__name__ for p in patterns if not needs(p)]



def test_the_installed_markdown_keeps_every_block_shortcut() -> None:
    guarded = [type(p).__name__ for p in QUICK._md.parser.blockprocessors
               if getattr(p.test, "__name__", "") == "quick_test"]
    assert sorted(guarded) == ["BlockQuoteProcessor", "HRProcessor", "HashHeaderProcessor",
                               "ReferenceProcessor", "SetextHeaderProcessor"], guarded
    assert len(_BLOCK_NEEDS) == 6  # the hash header's regex as in 3.11.3 and in 3.11.1–2
    assert all(getattr(p.test, "__name__", "") != "quick_test"
               for p in STOCK._md.parser.blockprocessors)


def test_a_markdown_without_the_private_inline_names_runs_stock(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown release that renames `InlineProcessor.__applyPattern` (simulated here:
    the stock inline loop calls it under a new name) must not crash the build: the
    renderer falls back to stock Python-Markdown and makes the same HTML."""
    from markdown import util
    from markdown.treeprocessors import InlineProcessor

    apply = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def handle_inline(self: InlineProcessor, data: str, pattern_index: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        start = 0
        while pattern_index < len(self.inlinePatterns):
            data, matched, start = self._InlineProcessor__apply_pattern(  # type: ignore[attr-defined]
                self.inlinePatterns[pattern_index], data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data

    text = ("# Endring\n\nSjå [HelsaMi](/helsami) og *les* `dette`  \nno.\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n> sitat\n\n[TOC]\n")
    expected = STOCK.markdown_html(text)
    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__apply_pattern", apply, raising=False)
    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", handle_inline)
    monkeypatch.delattr(InlineProcessor, "_InlineProcessor__applyPattern")
    fallback = Renderer("/base/")
    assert not fallback.quick
    assert fallback.markdown_html(text) == expected
    assert "<em>les</em>" in expected and '<a href="/base/helsami">' in expected
