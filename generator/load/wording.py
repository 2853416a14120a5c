"""What makes a title or a summary usable as words: shared by the loaders (service
impacts) and `check`/`build` (pages).

* A title longer than `TITLE_MAX_WORDS` words or `TITLE_MAX_CHARS` characters is too
  long for a heading or a search result.  The words: the editors' guide asks for
  sentences under 20 words (docs/redaktorrettleiing.md, after Språkrådet's
  klarspråk advice: short sentences, the main point first), and a title is at most
  one sentence.  The characters: GOV.UK's content design guidance keeps titles to
  65 characters, as search engines cut them there
  (https://www.gov.uk/guidance/content-design/writing-for-gov-uk#titles); Norwegian
  words are long, so two search-result lines, 130, is the limit here.
* A text "without words" has no letter or digit: "…", "...", "-", "?" — a value an
  editor left as a placeholder, which residents would see as it is.
"""

from __future__ import annotations

import re

from generator.errors import Message, msg

TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 2 * 65
_WORD = re.compile(r"\w+")


def wordless(text: str) -> bool:
    """Whether `text` has no letter or digit at all ("…", "...", " - ")."""
    return _WORD.search(text) is None


def title_too_long(text: str) -> tuple[int, int] | None:
    """(words, characters) of `text` when it is over `TITLE_MAX_WORDS` words or
    `TITLE_MAX_CHARS` characters, else None."""
    words, chars = len(_WORD.findall(text)), len(text.strip())
    if words > TITLE_MAX_WORDS or chars > TITLE_MAX_CHARS:
        return words, chars
    return None


def long_title(words: int, chars: int) -> tuple[Message, Message]:
    """The message and hint for a title of `words` words and `chars` characters."""
    return (msg("The title has {words} words and {chars} characters: too long for a heading "
                "or a search result (at most {max_words} words and {max_chars} characters).",
                words=words, chars=chars, max_words=TITLE_MAX_WORDS, max_chars=TITLE_MAX_CHARS),
            msg("Keep the main point in the title; move the rest into the description or "
                "the text."))


def no_words(key: str, value: str) -> tuple[Message, Message]:
    """The message and hint for `key` whose `value` has no word ('…')."""
    return (msg("The {key} '{value}' has no words; residents would see it as it is.",
                key=key, value=value),
            msg("Write the real {key}.", key=key))
