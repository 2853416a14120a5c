"""The words of a text as the search index and the search box both see them.

A word is a run of letters and digits (Unicode), lower-cased.  Each word is
indexed under its Snowball Norwegian stem (https://snowballstem.org/algorithms/norwegian/
stemmer.html, through the `snowballstemmer` package), so "tjenester" and "tjeneste"
meet in "tjenest" and "kommunane" and "kommune" in "kommun".  The browser stems a
query with the same algorithm (templates/static/stem.js; tests/test_search_stem.py
holds the two to the same stems).

A word with æ, ø or å is also indexed in the ASCII spellings people type without
them (Språkrådet: æ → ae, ø → o or oe, å → a or aa), so "Alesund" and
"Aalesund" find Ålesund and "hjemmetjenester" is found from "hjemmetjenester".
Both Bokmål and Nynorsk use the same stemmer: Snowball has one for Norwegian.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import snowballstemmer  # type: ignore[import-untyped]

MIN_LENGTH = 2  # one-letter words are not indexed, and the search box ignores them
WORD = re.compile(rf"[^\W_]{{{MIN_LENGTH},}}")
# the same words where the text has no "_" (\w is [^\W_] and "_"), and faster to find
_WORD_NO_UNDERSCORE = re.compile(rf"\w{{{MIN_LENGTH},}}")

_SHORT = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_LONG = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def ascii_spellings(word: str) -> list[str]:
    """`word` (lower case) and the ways it is typed without æ, ø, å:
    "bærum" -> ["bærum", "baerum"]; "ørland" -> ["ørland", "orland", "oerland"]."""
    out = [word]
    for table in (_SHORT, _LONG):
        folded = word.translate(table)
        if folded not in out:
            out.append(folded)
    return out


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased and in NFC (as typed on any keyboard), in order;
    one-letter words left out."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.lower()
    return (WORD if "_" in text else _WORD_NO_UNDERSCORE).findall(text)


class TermFinder(dict[str, tuple[str, ...]]):
    """word (lower case) -> the terms it is indexed under (`index_terms`), memoised:
    `finder(word)` or `finder[word]` (a dict, so a known word costs one lookup).

    Make one per index (no module state).  It pickles empty, without its stemmer,
    so render workers each get their own (`generator/render/batch.py`).
    """

    def __init__(self) -> None:
        super().__init__()
        self._stem: Callable[[str], str] | None = None

    def __missing__(self, word: str) -> tuple[str, ...]:
        if self._stem is None:
            self._stem = stemmer()
        found = self[word] = tuple(sorted(index_terms(word, self._stem)))
        return found

    __call__ = dict.__getitem__

    def __reduce__(self) -> tuple[type[TermFinder], tuple[()]]:
        return (TermFinder, ())


def term_finder() -> TermFinder:
    """A fresh `TermFinder`."""
    return TermFinder()


def stemmer() -> Callable[[str], str]:
    """A memoising Snowball Norwegian stemmer: word (lower case) -> stem.

    Each call returns a fresh one, with its own memo (no module state); keep it for
    the pages of one index.
    """
    snowball = snowballstemmer.stemmer("norwegian")
    memo: dict[str, str] = {}

    def stem(word: str) -> str:
        found = memo.get(word)
        if found is None:
            found = memo[word] = snowball.stemWord(word)
        return found

    return stem


def index_terms(word: str, stem: Callable[[str], str]) -> set[str]:
    """The terms a word is indexed under: the stems of it and of its ASCII spellings."""
    if not any(c in word for c in "æøå"):
        return {stem(word)}
    return {stem(w) for w in ascii_spellings(word)}


# Words a question is made of («hva skjer med timen min i Rauma»): the search box does not
# require them when the query has other words.  Snowball's Norwegian stop word list
# (https://snowballstem.org/algorithms/norwegian/stop.txt), Bokmål and Nynorsk forms.
STOP_WORDS = frozenset("""
og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men
ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
hvor eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen
noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei
deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss
hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje
no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte
vart
""".split())

# Parts of words spelt differently in the two standards (Språkrådet; ../shared/
# domain-notes.md): a query word that finds nothing in this standard's index is tried
# again with the other standard's parts replaced, so «sykehus» finds «sjukehus» and
# «hjemmetjenester» «heimetenester» on a Nynorsk page.  Longest parts first.
PARTS_NB_NN = (
    ("kunngjøring", "kunngjering"), ("innbygger", "innbyggjar"), ("sykepleie", "sjukepleie"),
    ("sykehus", "sjukehus"), ("tjenest", "tenest"), ("hjemme", "heime"), ("kommuner", "kommunar"),
    ("måned", "månad"), ("ansatt", "tilsett"), ("hjem", "heim"), ("syk", "sjuk"),
    ("uke", "veke"), ("ikke", "ikkje"), ("hva", "kva"), ("hvordan", "korleis"),
    ("fastleger", "fastlegar"), ("pasienter", "pasientar"), ("timer", "timar"),
)


def other_spellings(lang: str) -> list[tuple[str, str]]:
    """(part in the other standard, part in `lang`) pairs for the search box of an index
    in `lang` ("nb" or "nn"), longest first."""
    pairs = PARTS_NB_NN if lang == "nn" else tuple((nn, nb) for nb, nn in PARTS_NB_NN)
    return sorted(pairs, key=lambda p: -len(p[0]))
