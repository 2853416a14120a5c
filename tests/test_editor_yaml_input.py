"""Mistakes editors make typing YAML (front matter, content/data/*.yaml, impacts): the
message names the line where the mistake is, quotes it, and gives the line written
right. A missing colon (PyYAML reports the line after it), a colon missing in a
language line, a period typed as text, a list missing a comma, a day without its year.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import CLOCK, run_cli

from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.datehint import date_hint, guess_range, with_year
from generator.load.yamlsrc import YamlError, parse
from generator.preview import PreviewApp
from generator.project import Project

IMPACT = "content/data/impacts/alfa.yaml"
PLACES = "content/data/municipalities.yaml"
WAVES = "content/data/waves.yaml"
ANNOUNCEMENT = "content/nb/kunngjoringer/alfa-start.md"
ABOUT = "content/nb/om.md"


def _check(project: Path, lang: str = "nb") -> str:
    result = run_cli("check", "--root", str(project), "--clock", CLOCK,
                     env={**os.environ, "NOTICES_LANG": lang})
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def _set(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors_in(out: str, rel: str) -> list[str]:
    """The error lines of `out` that name `rel` (without their quoted line)."""
    return [line for line in out.splitlines()
            if line.startswith(f"{rel}:") and (": feil: " in line or ": error: " in line)]


def _colon(rel: str, line: int, key: str, typed: str, fixed: str) -> str:
    """What an editor sees (nb) for a line missing the colon after `key`."""
    return (f"{rel}:{line}: feil: Linjen mangler kolon etter '{key}'. Skriv linjen slik: "
            f"{fixed}\n    | {typed}\n")


def test_a_missing_colon_in_a_data_file_is_named_on_its_own_line(mini: Path) -> None:
    _set(mini, IMPACT, "published: 2023-10-20", "published 2023-10-20")  # line 3 of 16
    second = mini / "content/data/impacts/beta.yaml"  # the first line of a file
    second.write_text((mini / IMPACT).read_text(encoding="utf-8")
                      .replace("published 2023-10-20", "published: 2023-10-20")
                      .replace("id: alfa-2023", "id beta-2023"), encoding="utf-8")
    _set(mini, PLACES, "- id: beta", "- id beta")  # an item's first key, line 8
    _set(mini, WAVES, "  status: planned", "  status planned")  # the last line but one
    out = _check(mini)
    assert _colon(IMPACT, 3, "published", "published 2023-10-20",
                  "published: 2023-10-20") in out, out
    assert _colon("content/data/impacts/beta.yaml", 1, "id", "id beta-2023",
                  "id: beta-2023") in out, out
    assert _colon(PLACES, 8, "id", "- id beta", "- id: beta") in out, out
    assert _colon(WAVES, 12, "status", "  status planned", "status: planned") in out, out
    for rel in (IMPACT, "content/data/impacts/beta.yaml", PLACES, WAVES):
        assert len(_errors_in(out, rel)) == 1, out  # nothing on the line after it
    assert "doble anførselstegn" not in out, out  # the advice that fixes nothing


def test_a_missing_colon_in_front_matter_is_named_on_its_own_line(mini: Path) -> None:
    _set(mini, ANNOUNCEMENT, "type: announcement", "type announcement")
    # the last front matter line: PyYAML gives up at the closing '---'
    _set(mini, ABOUT, "menu: 2", "menu 2")
    out = _check(mini)
    assert _colon(ANNOUNCEMENT, 3, "type", "type announcement",
                  "type: announcement") in out, out
    assert _colon(ABOUT, 3, "menu", "menu 2", "menu: 2") in out, out
    assert len(_errors_in(out, ANNOUNCEMENT)) == len(_errors_in(out, ABOUT)) == 1, out


def test_a_missing_colon_before_a_quoted_text_with_a_colon_in_it(mini: Path) -> None:
    # YAML reads 'title "Alfa: starter"' as the key 'title "Alfa' with a value: no
    # YAML error, but not an unknown key 'title "Alfa' and a missing title either
    _set(mini, ANNOUNCEMENT, "title: Alfa starter", 'title "Alfa: starter"')
    _set(mini, IMPACT, "title: {nb: Redusert kapasitet i Alfa, nn: Redusert kapasitet i Alfa}",
         'title:\n  nb "Alfa: Redusert kapasitet"\n  nn: "Alfa: Redusert kapasitet"')
    _set(mini, IMPACT, "period: {start: 2023-10-27, end",  # a key in a {flow: mapping}
         "period: {start 2023-10-27, end")
    out = _check(mini)
    assert _colon(ANNOUNCEMENT, 2, "title", 'title "Alfa: starter"',
                  'title: "Alfa: starter"') in out, out
    assert _colon(IMPACT, 6, "nb", '  nb "Alfa: Redusert kapasitet"',
                  'nb: "Alfa: Redusert kapasitet"') in out, out
    assert _colon(IMPACT, 4, "start", "period: {start 2023-10-27, end: 2023-11-17}",
                  "period: {start: 2023-10-27, end: 2023-11-17}") in out, out
    assert len(_errors_in(out, ANNOUNCEMENT)) == 1, out
    assert len(_errors_in(out, IMPACT)) == 2, out
    assert "ukjente språket" not in out and "mangler tekst på bokmål" not in out, out
    assert "mangler 'start'" not in out, out


def test_the_missing_colon_in_nynorsk(mini: Path) -> None:
    _set(mini, IMPACT, "published: 2023-10-20", "published 2023-10-20")
    out = _check(mini, "nn")
    assert (f"{IMPACT}:3: feil: Linja manglar kolon etter 'published'. Skriv linja slik: "
            "published: 2023-10-20\n    | published 2023-10-20\n") in out, out


@pytest.mark.parametrize(("typed", "fixed"), [
    ("2023-10-27 - 2023-11-17", "period: {start: 2023-10-27, end: 2023-11-17}"),
    ("27.10.2023 – 17.11.2023", "period: {start: 2023-10-27, end: 2023-11-17}"),
    ("27. oktober 2023 til 17. november 2023", "period: {start: 2023-10-27, end: 2023-11-17}"),
    ("fra 27. oktober til 17. november 2023", "period: {start: 2023-10-27, end: 2023-11-17}"),
    ("2023-10-27", "period: {start: 2023-10-27}"),
])
def test_a_period_typed_as_text_gets_the_line_written_right(mini: Path, typed: str,
                                                           fixed: str) -> None:
    _set(mini, IMPACT, "period: {start: 2023-10-27, end: 2023-11-17}", f"period: {typed}")
    out = _check(mini)
    assert (f"{IMPACT}:4: feil: 'period' er skrevet som teksten '{typed}'; en periode "
            f"skrives med 'start' og 'end'. Skriv linjen slik: {fixed}\n"
            f"    | period: {typed}\n") in out, out
    assert len(_errors_in(out, IMPACT)) == 1, out


def test_a_period_typed_without_years_gets_an_example_with_them(mini: Path) -> None:
    _set(mini, IMPACT, "period: {start: 2023-10-27, end: 2023-11-17}",
         "period: 27. oktober – 17. november")
    out = _check(mini, "nn")
    # the example years are the build clock's (--clock 2023-10-30T12:00)
    assert (f"{IMPACT}:4: feil: 'period' er skriven som teksten '27. oktober – 17. november'; "
            "ein periode blir skriven med 'start' og 'end'. Årstala manglar: skriv linja med "
            "dei, til dømes period: {start: 2023-10-27, end: 2023-11-17}\n"
            "    | period: 27. oktober – 17. november\n") in out, out
    assert len(_errors_in(out, IMPACT)) == 1, out


def test_a_period_of_a_service_typed_as_text(mini: Path) -> None:
    _set(mini, IMPACT, "    period: {start: 2023-10-27, end: 2023-11-03}",
         "    period: 27.10.2023–3.11.2023")
    out = _check(mini, "en")
    assert (f"{IMPACT}:16: error: 'period' is written as the text '27.10.2023–3.11.2023'; a "
            "period is written with 'start' and 'end'. Write the line as: "
            "period: {start: 2023-10-27, end: 2023-11-03}\n") in out, out


def test_a_list_missing_a_comma_says_so_and_nothing_else(mini: Path) -> None:
    _set(mini, IMPACT, "municipalities: [alfa]", "municipalities: [alfa beta]")
    _set(mini, ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [alfa beta]")
    _set(mini, WAVES, "  members:\n    - beta", "  members:\n    - beta alfa")
    out = _check(mini)
    for rel, line in ((IMPACT, 2), (ANNOUNCEMENT, 6)):
        assert (f"{rel}:{line}: feil: 'alfa beta' i 'municipalities' mangler komma mellom "
                "id-ene. Skriv linjen slik: municipalities: [alfa, beta]\n"
                "    | municipalities: [alfa beta]\n") in out, out
        assert len(_errors_in(out, rel)) == 1, out  # no 'must say who it concerns' on line 1
    assert (f"{WAVES}:14: feil: 'beta alfa' i 'members' mangler komma mellom id-ene. Skriv "
            "hver id på sin egen linje som begynner med '- ': - beta - alfa\n") in out, out


def test_a_day_without_its_year_says_the_year_is_missing(mini: Path) -> None:
    _set(mini, ANNOUNCEMENT, "date: 2023-10-20", "date: 3. november")
    _set(mini, IMPACT, "published: 2023-10-20", "published: 20.10. kl. 14.00")
    out = _check(mini)
    # the example year is the build clock's (--clock 2023-10-30T12:00)
    assert (f"{ANNOUNCEMENT}:4: feil: 'date': '3. november' er ikke en dato i en form "
            "nettstedet forstår. Året mangler: skriv datoen med år, for eksempel "
            "date: 2023-11-03\n    | date: 3. november\n") in out, out
    assert ("Året mangler: skriv datoen med år, for eksempel published: 2023-10-20T14:00\n"
            "    | published: 20.10. kl. 14.00\n") in out, out
    nn = _check(mini, "nn")
    assert "Året manglar: skriv datoen med år, til dømes date: 2023-11-03\n" in nn, nn


def test_the_preview_error_page_names_the_line_missing_its_colon(mini: Path,
                                                                tmp_path: Path) -> None:
    _set(mini, IMPACT, "published: 2023-10-20", "published 2023-10-20")
    found = check(Project(mini), Clock(parse_clock(CLOCK), "option"))
    errors = [f for f in found if f.level == "error"]
    app = PreviewApp(tmp_path, lambda: errors, root=mini)
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_HOST": "127.0.0.1:8000",
                         "wsgi.input": io.BytesIO()}, lambda s, h: None)).decode("utf-8")
    assert f"{IMPACT}:3:" in body and "    | published 2023-10-20" in body, body
    assert f"{IMPACT}:4:" not in body, body


@pytest.mark.parametrize(("text", "line", "fixed"), [
    ("id: a\npublished 2023-10-20\nperiod: {start: 2023-10-27}\n", 2,
     "published: 2023-10-20"),
    ("id a\nmunicipalities: [a]\n", 1, "id: a"),
    ("title: x\nmunicipalities [alfa]", 2, "municipalities: [alfa]"),
    ("- id: alfa\n  name: Alfa\n- id beta\n  name: {nb: Beta, nn: Betå}\n", 3, "- id: beta"),
    ("- id: alfa\n  name Alfa\n  county: T\n", 2, "name: Alfa"),
    ("title:\n  nb: x\n  nn y\nsummary: z\n", 3, "nn: y"),
    ("services:\n  - service: a\n    level reduced\n    kept: []\n", 3, "level: reduced"),
    ("services:\n  - service a\n    level: reduced\n", 2, "- service: a"),
    ("id: a\ntitle\n  nb: x\n", 2, "title:"),
    ('title:\n  nb "Tingvoll"\n  nn: x\n', 2, 'nb: "Tingvoll"'),
    ("id: a\nsummary Dette: viktig\nb c\nd: e\n", 3, "b: c"),
    ("id a\n# kommentar\nmunicipalities: [a]\n", 1, "id: a"),  # a comment in between
    ("id: a\npublished = 2023-10-20\nb: c\n", 2, "published: 2023-10-20"),
    ("id: a\npublished; 2023-10-20\nb: c\n", 2, "published: 2023-10-20"),
    ("id: a\npublished2023-10-20\nb: c\n", 2, "published: 2023-10-20"),
    ("id: a\nmunicipalities\n  - alfa\nb: c\n", 2, "municipalities:"),
])
def test_the_parser_names_the_line_missing_its_colon(text: str, line: int, fixed: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert (caught.value.code, caught.value.line) == ("yaml-missing-colon", line)
    assert str(caught.value.hint) == f"Write the line as: {fixed}"


@pytest.mark.parametrize("text", [
    "summary: This is long\n  and continues\n  here: oops\n",  # a colon in a value
    "title: Tid: nå\n",
])
def test_a_colon_in_a_value_is_not_taken_for_a_missing_one(text: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert caught.value.code != "yaml-missing-colon"
    assert "double quotes" in str(caught.value.hint)


@pytest.mark.parametrize(("typed", "meant"), [
    ("2026-11-30 - 2027-01-15", ("2026-11-30", "2027-01-15")),
    ("2026-11-30–2027-01-15", ("2026-11-30", "2027-01-15")),
    ("2026-11-30-2027-01-15", ("2026-11-30", "2027-01-15")),
    ("30.11.2026 til 15.1.2027", ("2026-11-30", "2027-01-15")),
    ("fra 30. november 2026 til 15. januar 2027", ("2026-11-30", "2027-01-15")),
    ("frå 30.11.2026 — 15.01.2027", ("2026-11-30", "2027-01-15")),
    ("30. november – 15. januar 2027", ("2026-11-30", "2027-01-15")),  # the end's year
    ("2026-11-30T22:00 - 2027-01-15", ("2026-11-30T22:00", "2027-01-15")),
    ("30.11.2026", ("2026-11-30", None)),
])
def test_a_range_typed_as_text_is_read(typed: str, meant: tuple[str, str | None]) -> None:
    assert guess_range(typed) == meant


@pytest.mark.parametrize(("typed", "meant"), [
    ("30. november – 15. januar", ("2026-11-30", "2027-01-15")),  # the end in the next year
    ("3.11.–17.11.", ("2026-11-03", "2026-11-17")),
])
def test_a_range_without_years_is_given_the_example_year(typed: str,
                                                        meant: tuple[str, str]) -> None:
    assert guess_range(typed) is None
    assert guess_range(typed, 2026) == meant


@pytest.mark.parametrize("typed", ["snart", "2027-01-15 - 2026-11-30", "30.11. – 15.1.",
                                   "31.11.2026 - 15.01.2027"])
def test_no_range_where_the_site_would_not_read_one(typed: str) -> None:
    assert guess_range(typed) is None


@pytest.mark.parametrize(("typed", "meant"), [
    ("3. november", "2026-11-03"), ("3.11.", "2026-11-03"), ("3/11", "2026-11-03"),
    ("november 3", "2026-11-03"), ("fredag 3. nov. kl. 22", "2026-11-03T22:00"),
    ("3. novembar", None), ("29.2.", None), ("3. november 2026", None),
])
def test_a_day_without_its_year_is_given_one(typed: str, meant: str | None) -> None:
    assert with_year(typed, 2026) == meant


def test_without_a_build_year_the_hint_names_the_form() -> None:
    assert str(date_hint("3. november")) == ("The year is missing: write the date as "
                                             "YYYY-MM-DD (year-month-day).")
    assert str(date_hint("3. november", year=2026, key="date")) == (
        "The year is missing: write the date with its year, for example date: 2026-11-03")
