"""Norwegian alphabetical order for names of places and organisations.

`sort_key(text)` gives a key for `sorted()` that follows the Norwegian
alphabet (Bokmål and Nynorsk alike): a–z, then Æ, Ø, Å.  It follows the CLDR
collation for `nb`/`nn` (common/collation/nb.xml, built on the root order of
UTS #10) in the parts a list of names needs:

* Æ, Ø and Å are letters of their own, after Z; Ä sorts as Æ, Ö and Ő as Ø,
  Ü and Ű as Y (CLDR's `&Y<<ü`, `&[before 1]ǀ<æ<<ä<ø<<ö<<ő<å`).
* Other accents do not change the primary order: É sorts with E, Ç with C
  (an accented word follows the same word without the accent).
* Case matters only when all else is equal: lower case first (CLDR root).
* Space and punctuation sort before digits, and digits before letters.

The old spelling «aa» is *not* treated as «å» (CLDR has it only as a tailoring
variant; place names in the data use «å»).  No locale, ICU or system
collation tables are needed, so the order is the same on every machine.
"""

from __future__ import annotations

import unicodedata

# Letters that are primary letters of their own, or sort as one of them.
_SPECIAL = {
    "æ": "æ", "ä": "æ", "ę": "æ",
    "ø": "ø", "ö": "ø", "ő": "ø", "œ": "ø",
    "å": "å",
    "ü": "y", "ű": "y",
    "ð": "d", "đ": "d", "þ": "th", "ß": "ss", "ł": "l",
}
_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_DIGIT_BASE = 1000
_LETTER_BASE = 2000
_OTHER_BASE = 3000


def _base_letters(ch: str) -> str:
    """The letters `ch` sorts as, without accents and in lower case."""
    low = ch.lower()
    if low in _SPECIAL:
        return _SPECIAL[low]
    decomposed = unicodedata.normalize("NFD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _primary(text: str) -> tuple[int, ...]:
    weights: list[int] = []
    for ch in text:
        for base in _base_letters(ch):
            if base in _RANK:
                weights.append(_LETTER_BASE + _RANK[base])
            elif base.isdigit():
                weights.append(_DIGIT_BASE + int(unicodedata.digit(base, 0)))
            elif base.isalpha():
                weights.append(_OTHER_BASE + ord(base))
            else:  # space, hyphen, full stop …: before digits and letters
                weights.append(ord(base) if ord(base) < _DIGIT_BASE else _DIGIT_BASE - 1)
    return tuple(weights)


def sort_key(text: str) -> tuple[tuple[int, ...], str, tuple[bool, ...]]:
    """A key that orders `text` as a Norwegian dictionary or phone book does.

    Returns (primary letters, accents, case): two names differ first by their
    letters in the Norwegian alphabet, then by accents (`Eid` < `Éid`), then by
    case (`molde` < `Molde`).  Raises nothing; any string is accepted.
    """
    accents = unicodedata.normalize("NFD", text.lower())
    return _primary(text), accents, tuple(ch.isupper() for ch in text)
