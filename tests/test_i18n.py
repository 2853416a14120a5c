"""Dates, numbers and UI strings in Bokmål and Nynorsk."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import build, read

from generator.i18n.catalogs import load_catalog
from generator.i18n.dates import format_number, format_period, format_when
from generator.project import DEFAULT_THEME
from generator.when import Period, parse_when

LOCALE = [DEFAULT_THEME / "locale"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("2023-04-28T22:00", "nb", "fredag 28. april 2023 kl. 22.00"),
    ("2023-04-28T22:00", "nn", "fredag 28. april 2023 kl. 22.00"),
    ("2023-10-31", "nb", "tirsdag 31. oktober 2023"),
    ("2023-10-31", "nn", "tysdag 31. oktober 2023"),
    ("2023-11-04", "nb", "lørdag 4. november 2023"),
    ("2023-11-04", "nn", "laurdag 4. november 2023"),
    ("2023-10-30", "nn", "måndag 30. oktober 2023"),
    ("2024-09", "nb", "september 2024"),
])
def test_dates_in_the_style_of_public_bodies(text: str, lang: str, expected: str) -> None:
    assert format_when(parse_when(text, allow_approx=True), lang) == expected


def test_seasons_come_from_the_catalogs() -> None:
    when = parse_when("2024-autumn", allow_approx=True)
    assert format_when(when, "nb", load_catalog(LOCALE, "nb").gettext) == "høsten 2024"
    assert format_when(when, "nn", load_catalog(LOCALE, "nn").gettext) == "hausten 2024"


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2023-10-27", "2023-11-17", "27. oktober\u201317. november 2023"),
    ("2023-11-03", "2023-11-17", "3.\u201317. november 2023"),
    ("2023-12-18", "2024-01-05", "18. desember 2023\u20135. januar 2024"),
    ("2023-11-03T08:00", "2023-11-03T16:00", "fredag 3. november 2023 kl. 08.00\u201316.00"),
])
def test_ranges_use_an_en_dash_without_spaces(start: str, end: str, expected: str) -> None:
    assert format_period(Period(parse_when(start), parse_when(end)), "nb") == expected


def test_times_stay_in_oslo_across_dst() -> None:
    before = parse_when("2023-10-28T22:00")  # summer time, +02:00
    after = parse_when("2023-10-29T22:00")  # winter time, +01:00
    assert before.iso() == "2023-10-28T22:00+02:00"
    assert after.iso() == "2023-10-29T22:00+01:00"
    assert format_when(after, "nb") == "søndag 29. oktober 2023 kl. 22.00"
    assert (after.utc() - before.utc()).total_seconds() == 25 * 3600


def test_numbers_use_a_non_breaking_space() -> None:
    assert format_number(121000, "nb") == "121\u00a0000"
    assert format_number(2.5, "nn") == "2,5"


def test_every_catalog_string_is_translated_in_both_standards() -> None:
    for lang in ("nb", "nn"):
        catalog = load_catalog(LOCALE, lang)
        with (DEFAULT_THEME / "locale/messages.pot").open("rb") as fh:
            ids = [m.id for m in read_po(fh) if m.id]
        missing = [i for i in ids if i not in catalog.messages]
        assert not missing, f"{lang}: {missing}"


def test_missing_ui_translation_is_reported(mini: Path, tmp_path: Path) -> None:
    (mini / "templates").mkdir()
    base = (DEFAULT_THEME / "templates/base.html").read_text()
    (mini / "templates/base.html").write_text(
        base.replace("</footer>", "<p>{{ _('A brand new sentence') }}</p></footer>"))
    out = tmp_path / "site"
    result = build(mini, out)
    assert result.returncode == 0
    assert "'A brand new sentence' has no Nynorsk translation" in result.stderr
    assert "'A brand new sentence' has no Bokmål translation" in result.stderr
    assert "A brand new sentence" in read(out, "nn")
