"""Markdown to safe HTML (Python-Markdown with tables, attr_list and toc).

Norwegian habits are read as meant by the extensions in `generator.mdext`:
a date at the start of a line is no list, lists are nested and started as
CommonMark does, and heading ids transliterate (é→e, æ→ae).

Raw HTML in Markdown is not passed through: it is shown as text (and `check`
reports it).  The finished HTML goes through `generator.sanitize.clean` (nh3),
an allow-list of tags, attributes and URL schemes, so ``{onclick=…}`` or
``javascript:`` (also hidden in a character reference) never reach a page.
Links that start with ``/`` are site-absolute and get the configured base path.

One module per job:

- `renderer`: the extensions and the reusable `Renderer`;
- `speedups`: shortcuts that keep Python-Markdown's HTML (half the time per
  page); stock Python-Markdown runs when its internals differ;
- `limits`: caps on nesting, marker chains, headings per block, open brackets;
- `finish`: the last tree pass (table wrapper, header scope, base path).
"""

from generator.markup.limits import MAX_NESTING, split_headings
from generator.markup.renderer import EXTENSIONS, NORWEGIAN_EXTENSIONS, Renderer, SafeExtension
from generator.markup.speedups import _BLOCK_NEEDS, QUICK_INLINE, needs
from generator.mdext.slugs import slugify

__all__ = ["EXTENSIONS", "MAX_NESTING", "NORWEGIAN_EXTENSIONS", "QUICK_INLINE", "Renderer",
           "SafeExtension", "_BLOCK_NEEDS", "needs", "slugify", "split_headings"]
