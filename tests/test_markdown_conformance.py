"""Our Markdown extensions change stock Python-Markdown only where we meant to.

Every input of Python-Markdown's own test suite and every CommonMark 0.31.2
spec example (tests/fixtures/markdown-conformance/, copied from the two
source distributions) is rendered by stock Python-Markdown with our extension
list and by the same plus `markup.NORWEGIAN_EXTENSIONS` (dates, lists).  The
inputs whose HTML differs must be exactly the ones listed here, each with the
reason; where the reason is "now as CommonMark", our HTML must equal the spec's.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest
from conftest import FIXTURES

from generator.markup import EXTENSIONS, NORWEGIAN_EXTENSIONS
from generator.mdext.slugs import slugify

INPUTS = FIXTURES / "markdown-conformance"
SPEC = json.loads((INPUTS / "commonmark" / "spec-0.31.2-examples.json").read_text("utf-8"))
PM_TESTS = INPUTS / "python-markdown"

LAZY = "a list may interrupt a paragraph (CommonMark §5.3)"
NESTED = "sub-items and item paragraphs indented to the item's text (CommonMark §5.2)"
CODE_IN_ITEM = "an indented code block in an item counts from the item's text (CommonMark §5.2)"
NEW_KIND = "a numbered list followed by bullets is two lists (CommonMark §5.3)"
TIGHT = "as CommonMark, except Python-Markdown's loose/tight <p> and whitespace"

# CommonMark example number -> why our HTML differs from stock Python-Markdown's.
NOW_COMMONMARK = {  # our HTML equals the spec's expected HTML
    9: NESTED, 235: LAZY, 256: NESTED, 262: NESTED, 277: NESTED, 294: NESTED,
    303: LAZY, 305: LAZY, 307: NESTED, 323: NESTED, 325: NESTED, 326: NESTED,
}
CLOSER_TO_COMMONMARK = {  # Python-Markdown's <p>/whitespace rules differ still
    5: CODE_IN_ITEM, 264: CODE_IN_ITEM, 270: CODE_IN_ITEM, 271: TIGHT, 273: NESTED,
    274: NESTED, 286: TIGHT, 287: TIGHT, 288: TIGHT, 290: TIGHT, 297: LAZY,
    316: NESTED, 319: NESTED,
    318: "no fenced code (extension not used); the item's lines are kept in the item",
    324: "no fenced code (extension not used); the item's paragraph is kept in the item",
}
PYTHON_MARKDOWN_INPUTS = {
    "basic/codeblock-in-list.txt": CODE_IN_ITEM,
    "basic/hard-wrapped.txt": LAZY,  # "Here's one with a bullet.\n* criminey." is a list
    "extensions/github_flavored.txt": LAZY,  # '+ ' lines of an unfenced diff become a list
    "extensions/sane_lists.txt": LAZY + "; " + NEW_KIND,
    "misc/funky-list.txt": NEW_KIND,
}


def _renderer(ours: bool) -> markdown.Markdown:
    extra = [ext() for ext in NORWEGIAN_EXTENSIONS] if ours else []
    return markdown.Markdown(extensions=list(EXTENSIONS) + extra,
                             extension_configs={"toc": {"slugify": slugify}})


STOCK, OURS = _renderer(False), _renderer(True)


def _html(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def _normal(html: str) -> str:
    """HTML with insignificant whitespace and void-element slashes removed."""
    html = re.sub(r"\s+", " ", html.replace(" />", ">"))
    return re.sub(r" ?(<[^>]+>) ?", r"\1", html).strip()


def test_the_commonmark_examples_that_change_are_the_listed_ones() -> None:
    changed = {ex["example"] for ex in SPEC
               if _html(STOCK, ex["markdown"]) != _html(OURS, ex["markdown"])}
    assert len(SPEC) > 600
    assert changed == set(NOW_COMMONMARK) | set(CLOSER_TO_COMMONMARK)


@pytest.mark.parametrize("number", sorted(NOW_COMMONMARK))
def test_each_listed_change_now_renders_as_commonmark(number: int) -> None:
    example = next(ex for ex in SPEC if ex["example"] == number)
    assert _normal(_html(OURS, example["markdown"])) == _normal(example["html"])
    assert _normal(_html(STOCK, example["markdown"])) != _normal(example["html"]) \
        or number in (286, 287, 288, 290)


def test_python_markdowns_own_inputs_change_only_where_listed() -> None:
    files = sorted(PM_TESTS.rglob("*.txt"))
    assert len(files) > 90
    changed = {path.relative_to(PM_TESTS).as_posix() for path in files
               if _html(STOCK, text := path.read_text("utf-8")) != _html(OURS, text)}
    assert changed == set(PYTHON_MARKDOWN_INPUTS)


def test_no_commonmark_example_moves_away_from_the_spec() -> None:
    """Where stock Python-Markdown already gave the spec's HTML, so do we."""
    for ex in SPEC:
        if _normal(_html(STOCK, ex["markdown"])) == _normal(ex["html"]):
            assert _normal(_html(OURS, ex["markdown"])) == _normal(ex["html"]), ex["example"]
