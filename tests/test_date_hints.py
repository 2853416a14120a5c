"""The hint under a date that did not parse names the editor's own date in the site's form
(3.11.2023 → 2023-11-03), or the form itself (YYYY-MM-DD), never an unrelated date."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CLOCK, run_cli

from generator.datehint import guess_iso

ANNOUNCEMENT = "content/nb/kunngjoringer/alfa-start.md"


@pytest.mark.parametrize(("typed", "meant"), [
    ("3.11.2023", "2023-11-03"),
    ("03.11.2023", "2023-11-03"),
    ("3.11.23", "2023-11-03"),
    ("03/11/2023", "2023-11-03"),
    ("3-11-2023", "2023-11-03"),
    ("2023-11-3", "2023-11-03"),
    ("2023/11/03", "2023-11-03"),
    ("2023.11.03", "2023-11-03"),
    ("20231103", "2023-11-03"),
    ("3. november 2023", "2023-11-03"),
    ("3 November 2023", "2023-11-03"),
    ("3. nov. 2023", "2023-11-03"),
    ("14. desember 2023", "2023-12-14"),
    ("1. mars 2024", "2024-03-01"),
    ("28. sept. 2024", "2024-09-28"),
    ("November 3, 2023", "2023-11-03"),
    ("3.11.2023 kl. 22.00", "2023-11-03T22:00"),
    ("3.11.2023 kl 9", "2023-11-03T09:00"),
    ("03.11.2023 22:00", "2023-11-03T22:00"),
    ("3. november 2023 klokka 08.30", "2023-11-03T08:30"),
    ("2023-11-03t22:00", "2023-11-03T22:00"),
    ("2023-11-03T22:00:00", "2023-11-03T22:00"),
    ("2023-11-03T21:00Z", "2023-11-03T22:00"),  # UTC in November is an hour behind Oslo
    ("2023-07-03T20:00Z", "2023-07-03T22:00"),  # and two in summer
    ("2023-11-03T22:00+01:00", "2023-11-03T22:00"),
    ("fredag 3. november 2023", "2023-11-03"),  # 3 November 2023 was a Friday
    ("fredag, 3.11.2023 kl. 22.00", "2023-11-03T22:00"),
    ("laurdag 4. november 2023", "2023-11-04"),  # Nynorsk
    ("Friday, November 3, 2023", "2023-11-03"),
])
def test_a_date_written_another_way_is_guessed(typed: str, meant: str) -> None:
    assert guess_iso(typed) == meant
    assert guess_iso(typed, approx=True) == meant


@pytest.mark.parametrize(("typed", "meant"), [
    ("november 2023", "2023-11"),
    ("11.2023", "2023-11"),
    ("2024/9", "2024-09"),
    ("høsten 2024", "2024-autumn"),
    ("hausten 2024", "2024-autumn"),
    ("våren 2025", "2025-spring"),
    ("sommaren 2025", "2025-summer"),
    ("2024-høst", "2024-autumn"),
])
def test_a_month_or_season_is_guessed_only_where_one_is_allowed(typed: str, meant: str) -> None:
    assert guess_iso(typed, approx=True) == meant
    assert guess_iso(typed) is None


@pytest.mark.parametrize("typed", [
    "31.11.2023",  # November has 30 days: no date that does not exist
    "2023-02-30", "30.02.2023", "3.13.2023", "snart", "i morgen", "TBA", "",
    "3.11.2023 kl. 25.00",  # no such hour
    "26.03.2023 kl. 02.30",  # the hour the clocks skip
    "3. brumaire 2023", "3.11.1850",  # outside the years content may use
    "2023-11-03",  # already right: nothing to guess
    "torsdag 3. november 2023",  # a Friday: the weekday or the date is wrong
])
def test_no_guess_where_the_site_would_not_read_it(typed: str) -> None:
    assert guess_iso(typed) is None
    assert guess_iso(typed, approx=True) is None


def _check(project: Path, lang: str = "en"):
    return run_cli("check", "--root", str(project), "--clock", CLOCK,
                   env={**os.environ, "NOTICES_LANG": lang})


def _set(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_hint_names_the_editors_own_date(mini: Path) -> None:
    _set(mini, ANNOUNCEMENT, "date: 2023-10-20", "date: 20. oktober 2023")
    _set(mini, "content/data/impacts/alfa.yaml", "published: 2023-10-20",
         "published: 19.10.2023 kl. 14.00")
    out = _check(mini).stdout
    assert (f"{ANNOUNCEMENT}:4: error: 'date': '20. oktober 2023' is not a date in a form the "
            "site understands. Write it as 2023-10-20.\n") in out, out
    assert "Write it as 2023-10-19T14:00." in out, out
    assert "2023-11-03" not in out, out


def test_a_value_that_cannot_be_guessed_gets_the_form_in_norwegian(mini: Path) -> None:
    _set(mini, ANNOUNCEMENT, "date: 2023-10-20", "date: snart")
    _set(mini, "content/data/waves.yaml", "go_live: 2024-autumn", "go_live: til høsten")
    nb = _check(mini, "nb").stdout
    assert ("'snart' er ikke en dato i en form nettstedet forstår. Skriv den som ÅÅÅÅ-MM-DD "
            "(år-måned-dag), med klokkeslett som ÅÅÅÅ-MM-DDTtt:mm.") in nb, nb
    assert "en måned som ÅÅÅÅ-MM, en årstid som ÅÅÅÅ-spring (vår)" in nb, nb  # go_live
    nn = _check(mini, "nn").stdout
    assert "Skriv han som ÅÅÅÅ-MM-DD (år-månad-dag)" in nn, nn
    assert "2023-11-03" not in nb + nn


def test_a_season_in_norwegian_where_seasons_are_allowed(mini: Path) -> None:
    _set(mini, "content/data/waves.yaml", "go_live: 2024-autumn", "go_live: høsten 2024")
    out = _check(mini).stdout
    assert "'høsten 2024' is not a date in a form the site understands. Write it as " \
           "2024-autumn." in out, out


def test_the_clock_option_names_the_typed_time() -> None:
    result = run_cli("check", "--clock", "30.10.2023 kl. 12.00")
    assert result.returncode == 2
    assert "Write it as 2023-10-30T12:00 (Norwegian local time)" in result.stderr, result.stderr


def test_a_date_yaml_reads_as_a_number_is_guessed_from_what_was_typed(mini: Path) -> None:
    # YAML reads 2024.10 as the number 2024.1; the hint is the month the editor meant,
    # not "put it in quotes" (which would only give the next error)
    _set(mini, "content/data/waves.yaml", "go_live: 2024-autumn", "go_live: 2024.10")
    _set(mini, ANNOUNCEMENT, "date: 2023-10-20", "date: 20231020")
    out = _check(mini).stdout
    assert ("content/data/waves.yaml:11: error: 'go_live': '2024.10' is not a date in a form "
            "the site understands. Write it as 2024-10.\n") in out, out
    assert f"{ANNOUNCEMENT}:4: error: 'date': '20231020' is a number, not a date. Write it " \
           "as 2023-10-20." in out, out
