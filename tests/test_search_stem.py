"""The browser stems a query as the index stemmed the pages: templates/static/stem.js
(run in Node) against `snowballstemmer` (Python), on every word of the default content and
the source texts and on made-up words that reach every rule of the Norwegian algorithm."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from generator.search.words import ascii_spellings, stemmer

SEEDS = ROOT.parent / "shared" / "seeds"
STEMS = ["kommun", "tjenest", "sykehus", "hav", "giv", "skap", "kap", "ind", "bakk", "hund",
         "øst", "ast", "lt", "pp", "omm", "amm", "v", "bok", "tak", "bær", "ord", "hovt", "så"]
SUFFIXES = ["hetenes", "hetene", "hetens", "heten", "heter", "endes", "ande", "ende", "edes",
            "enes", "erte", "ede", "ane", "ene", "ens", "ers", "ets", "het", "ert", "ast", "en",
            "ar", "er", "as", "es", "et", "a", "e", "s", "dt", "vt", "leg", "eleg", "ig", "eig",
            "lig", "elig", "els", "lov", "elov", "slov", "hetslov", "rs", "ks", "aks", ""]


def words() -> list[str]:
    found: set[str] = set()
    texts = [*(ROOT / "content").rglob("*.md"), *(ROOT / "content").rglob("*.yaml")]
    texts += [p for p in SEEDS.rglob("*") if p.is_file()] if SEEDS.is_dir() else []
    for path in texts:
        for word in re.findall(r"[^\W_]+", path.read_text("utf-8", "replace").lower()):
            found.update(ascii_spellings(word))
    found.update(a + b for a, b in itertools.product(STEMS, SUFFIXES))
    found.update(a + b + c for a, b, c in itertools.product(
        ["a", "ø", "e", "bo", "kr", "st", "ê"], ["n", "r", "k", "d", "v", "s", ""], SUFFIXES))
    return sorted(w for w in found if w)


def test_the_browser_stems_every_word_as_the_index_does(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    shutil.copyfile(ROOT / "templates/static/stem.js", tmp_path / "stem.mjs")
    script = tmp_path / "run.mjs"
    script.write_text('import { stem } from "./stem.mjs";\n'
                      'import { readFileSync } from "node:fs";\n'
                      'const words = JSON.parse(readFileSync(0, "utf8"));\n'
                      'process.stdout.write(JSON.stringify(words.map(stem)));\n',
                      encoding="utf-8")
    typed = words()
    assert len(typed) > 3000
    done = subprocess.run([node, str(script)], input=json.dumps(typed), capture_output=True,
                          text=True, encoding="utf-8", check=True)
    stem = stemmer()
    wrong = [(w, stem(w), js) for w, js in zip(typed, json.loads(done.stdout), strict=True)
             if stem(w) != js]
    assert not wrong, wrong[:20]
