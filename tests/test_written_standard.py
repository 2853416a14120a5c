"""Words of the other written standard (generator/checks/written_standard.py): a Nynorsk
page or data text with Bokmål words, and the reverse, is pointed out by `check`, at
its line, with the words to write instead; names and quotations are left alone."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, run_cli

from generator.checks.written_standard import NB_NOUNS, NB_WORDS, NN_NOUNS, NN_WORDS

CODE = "other-standard"


def check(project: Path, lang: str = "nb") -> str:
    result = run_cli("check", "--root", str(project), "--lang", lang)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings never fail
    return result.stdout + result.stderr


def page(project: Path, rel: str, text: str) -> None:
    path = project / "content" / rel
    path.write_text(text, encoding="utf-8")


def test_a_nynorsk_page_with_bokmal_words_gets_one_warning_at_the_first(mini: Path) -> None:
    page(mini, "nn/blanda.md", "---\ntitle: Om timane\n---\nFørste avsnitt er godt.\n\n"
                               "Vi vet ikke når sykehuset opnar igjen.\n")
    out = check(mini)
    found = [line for line in out.splitlines() if line.startswith("content/nn/blanda.md")
             and "bokmål" in line and "ord på" in line]
    assert len(found) == 1, out
    assert found[0].startswith("content/nn/blanda.md:6:")
    assert "«vet», «ikke», «sykehuset»" in found[0]
    assert "«veit», «ikkje», «sjukehuset»" in found[0]
    assert "| Vi vet ikke når sykehuset opnar igjen." in out  # the line is quoted


def test_a_bokmal_page_with_nynorsk_words_is_pointed_out_too(mini: Path) -> None:
    page(mini, "nb/blandet.md", "---\ntitle: Kva skjer med timen?\n---\nTekst.\n")
    out = check(mini)
    assert re.search(r"content/nb/blandet\.md:2: advarsel: .*nynorsk: «kva»", out), out


def test_names_and_quotations_in_the_other_standard_are_left_alone(mini: Path) -> None:
    page(mini, "nn/namn.md", "---\ntitle: Om Sykehuset Levanger\n---\n"
                             "Heftet «Hva skjer nå?» ligg på nett. Sykehuset Namsos er ope.\n")
    assert "content/nn/namn.md:" not in "\n".join(
        line for line in check(mini).splitlines() if "ord på" in line)


def test_a_data_text_with_words_of_the_other_standard_names_the_file_and_line(
        mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    impact.write_text(impact.read_text(encoding="utf-8").replace(
        "nn: Nokre tenester tek færre saker.", "nn: Noen tjenester tar ikke nye saker."),
        encoding="utf-8")
    out = check(mini, "nn")
    assert re.search(r"content/data/impacts/alfa\.yaml:6: åtvaring: Denne teksten på nynorsk "
                     r"har ord på bokmål: «noen», «tjenester», «ikke»", out), out


def test_the_default_content_is_written_in_one_standard_per_text() -> None:
    assert "ord på" not in check(ROOT)


def test_no_marker_is_a_form_both_standards_allow() -> None:
    both = {"også", "blir", "heim", "når", "skal", "får", "etter", "andre", "mange", "første",
            "timen", "legen", "helse", "spørsmål", "svar", "bli", "ble", "vart", "kunne"}
    markers = {*NB_WORDS, *NB_NOUNS, *NN_WORDS, *NN_NOUNS}
    assert not markers & both
    assert not set(NB_WORDS) & set(NN_WORDS) and not set(NB_NOUNS) & set(NN_NOUNS)
    # each marker's form in the other standard is that standard's, not a marker of it
    assert not set(NB_WORDS.values()) & set(NB_WORDS)
    assert not set(NN_WORDS.values()) & set(NN_WORDS)
