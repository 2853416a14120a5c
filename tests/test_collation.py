"""Norwegian alphabetical order (CLDR nb/nn collation): Æ, Ø, Å after Z."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import ROOT, read, run_cli

from generator.i18n.collation import sort_key


@pytest.mark.parametrize("first, second", [
    ("Ørland", "Åfjord"),          # Ø before Å
    ("Zeta", "Ærøy"),              # Æ after Z
    ("Ærøy", "Ørsta"),             # Æ before Ø
    ("Åfjord", "Ålesund"),         # within Å, the next letter decides
    ("Verdal", "Ørland"),          # not by code point alone: Ø (U+00D8) < a-z is wrong
    ("Eid", "Élan"),               # É sorts as E
    ("Eid", "Éid"),                # … and only breaks a tie
    ("Ödla", "Øksnes"),            # Ö sorts as Ø
    ("Zeta", "Zürich"),            # Ü sorts as Y
    ("Indre Fosen", "Indrefjord"),  # a space comes before letters
    ("molde", "Molde"),            # case only breaks a tie, lower case first
    ("Aa", "Ab"),                  # «aa» is not «å»
    ("Helse Midt-Norge", "Helse Møre og Romsdal"),
])
def test_norwegian_order(first: str, second: str) -> None:
    assert sort_key(first) < sort_key(second)


def test_sorting_a_shuffled_list_gives_the_dictionary_order() -> None:
    expected = ["Aure", "Averøy", "Frøya", "Gjemnes", "Heim", "Hitra", "Smøla", "Sunndal",
                "Surnadal", "Tingvoll", "Verdal", "Ærø", "Øksnes", "Ørland", "Åfjord",
                "Ålesund"]
    shuffled = expected[:]
    random.Random(17).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == expected


def test_places_list_is_in_norwegian_order(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("build", "--out", str(out), "--clock", "2023-11-01T12:00",
                   cwd=ROOT).returncode == 0
    for url in ("nb/kommuner", "nn/kommunar"):
        html = read(out, url)
        main = html[html.index("<main"):html.index("</main>")]
        # the place lists (the site banner inside <main> is a list of its own)
        groups = re.findall(r'<ul class="place-list"[^>]*>(.*?)</ul>', main, re.S)
        assert groups
        for group in groups:
            names = re.findall(r"<a [^>]*>([^<]+)</a>", group)
            assert names == sorted(names, key=sort_key), names
        assert main.index(">Ørland<") < main.index(">Åfjord<")
