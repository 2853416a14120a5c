"""The default content is written in our own words: no run of 8 words from a source.

Like a plagiarism check: every text a resident reads (pages, data prose, UI
strings; both standards) is cut into runs of N consecutive words, normalised
(lower case, letters and digits only, so «28.april» is «28 april»), and
compared with the same runs in the five source texts (../shared/seeds/, see its
README).  Facts may be shared — names, dates, numbers — but a run of eight
words in a row is a copied sentence.

CI places a copy of shared/ beside the clone (../shared); a worktree one level
deeper finds it at ../../shared.  Without the sources the test is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from site_text import LANGS, ROOT, all_texts

N = 8
CANDIDATES = (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds")


def seed_dir() -> Path | None:
    return next((d for d in CANDIDATES if d.is_dir() and any(d.glob("*.txt"))), None)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.findall(r"[^\W_]+", text)


def runs(text: str, n: int = N) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def sentences(text: str) -> list[str]:
    """Lines, then sentences: a run must not join two separate lines of a page."""
    return [s for line in text.splitlines()
            for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«])", line) if s.strip()]


def copied(texts: list[tuple[str, str]], source: set[tuple[str, ...]]) -> list[str]:
    found = []
    for where, text in texts:
        for sentence in sentences(text):
            shared = runs(sentence) & source
            if shared:
                found.append(f"{where}: «{sentence.strip()}» shares «{' '.join(min(shared))}»")
    return found


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    folder = seed_dir()
    if folder is None:
        pytest.skip("the source texts are not here: expected ../shared/seeds/*.txt beside "
                    "the repository (CI copies shared/ there)")
    found: set[tuple[str, ...]] = set()
    for path in sorted(folder.glob("*.txt")):
        found |= runs(path.read_text(encoding="utf-8"))
    assert len(found) > 1000, "the source texts look empty"
    return found


def test_the_check_finds_a_copied_sentence(source_runs: set[tuple[str, ...]]) -> None:
    """A sentence from seed 001, with other punctuation and case, is caught."""
    lifted = ("HELSEPLATTFORMEN er en ny – felles pasientjournal for hele helsetjenesten "
              "i Midt-Norge!")
    assert copied([("example", lifted)], source_runs)
    reworded = "Helseplattformen er et nytt journalsystem som sykehus og kommuner skal dele."
    assert not copied([("example", reworded)], source_runs)


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_copies_a_run_of_words_from_the_sources(
        lang: str, source_runs: set[tuple[str, ...]]) -> None:
    texts = all_texts(lang)
    assert len(texts) > 50
    problems = copied(texts, source_runs)
    assert not problems, (f"{len(problems)} sentence(s) share {N} words in a row with a "
                          "source text; write them in your own words:\n" + "\n".join(problems))
