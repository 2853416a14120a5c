"""Spelling: every word a resident reads is in the Bokmål or Nynorsk dictionary.

The hunspell dictionaries are Debian's myspell-nb and myspell-nn
(/usr/share/hunspell/{nb,nn}_NO.{aff,dic}; scripts/install-test-deps.sh
installs them), read by `spylls`, a pure-Python hunspell.  Names and terms the
dictionaries lack are in tests/data/spelling.yaml.  Text from the wrong
standard fails too: the Nynorsk dictionary has no «kollegaer», «ikke» or «hva».
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from site_text import LANGS, all_texts

DICTIONARIES = Path("/usr/share/hunspell")
DATA = Path(__file__).parent / "data"
WORDS = yaml.safe_load((DATA / "spelling.yaml").read_text(encoding="utf-8"))
# Quotations in the other standard, e.g. the national goal «Én innbygger – én journal».
EXEMPT = yaml.safe_load((DATA / "language_forms.yaml").read_text(encoding="utf-8"))["exempt"]

_NOT_WORDS = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+|\b[\w-]+(\.[\w-]+)*\.(no|com|org|net)\b"
                        r"|%\(\w+\)[sd]|\{\w+\}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def words_of(text: str) -> list[str]:
    for phrase in EXEMPT:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
    return _WORD.findall(_NOT_WORDS.sub(" ", text))


class Speller:
    def __init__(self, lang: str) -> None:
        from spylls.hunspell import Dictionary
        self.lang = lang
        self.dictionary = Dictionary.from_files(str(DICTIONARIES / f"{lang}_NO"))
        self.known = {w.lower() for w in [*WORDS["both"], *WORDS[lang]]}
        self.seen: dict[str, bool] = {}

    def ok(self, word: str) -> bool:
        """Known, in the dictionary, or (for «helse- og», «Midt-Norge») each part is."""
        if word not in self.seen:
            found = word.lower() in self.known or bool(self.dictionary.lookup(word))
            if not found and "-" in word:
                found = all(self.ok(part) for part in word.split("-") if part)
            self.seen[word] = found
        return self.seen[word]

    def misspelt(self, text: str) -> list[str]:
        return [w for w in words_of(text) if not self.ok(w)]


@pytest.fixture(scope="module", params=LANGS)
def speller(request: pytest.FixtureRequest) -> Speller:
    if not (DICTIONARIES / f"{request.param}_NO.dic").exists():
        pytest.skip(f"no hunspell dictionary {request.param}_NO in {DICTIONARIES}: "
                    "run scripts/install-test-deps.sh (Debian myspell-nb, myspell-nn)")
    return Speller(request.param)


def test_the_speller_finds_wrong_words(speller: Speller) -> None:
    wrong = {"nb": ("Vi har forsinkingar og kva som helst.", {"forsinkingar", "kva"}),
             "nn": ("Vi hjelper kollegaer hvis det trengs.", {"kollegaer", "hvis"})}
    text, expected = wrong[speller.lang]
    assert set(speller.misspelt(text)) == expected
    right = {"nb": "Kommunen tar i bruk Helseplattformen lørdag 4. november.",
             "nn": "Kommunen tek i bruk Helseplattformen laurdag 4. november."}
    assert speller.misspelt(right[speller.lang]) == []


def test_every_word_is_spelt_right(speller: Speller) -> None:
    texts = all_texts(speller.lang)
    problems = [f"{where}: {', '.join(sorted(set(bad)))}" for where, text in texts
                if (bad := speller.misspelt(text))]
    assert not problems, ("Words the dictionary does not know. Fix the spelling, or add a "
                          "name or term to tests/data/spelling.yaml:\n" + "\n".join(problems))
