"""Values an editor types in YAML mean what they typed, or the check says why not.

Numbers YAML makes up where text is meant (an unquoted +47…, 0047… read as
octal, 10:30 read as 630 minutes) are errors naming the file, the line and the
quoted fix; phone numbers are shown the Norwegian way and linked as tel:+47….
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CLOCK, build, read, run_cli

from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.errors import Finding
from generator.i18n.phones import PhoneError, is_placeholder, parse_phone
from generator.project import Project


def findings(project: Path) -> list[Finding]:
    return check(Project(project), Clock(parse_clock(CLOCK), "option"))


def set_config_line(project: Path, key: str, line: str) -> int:
    """Replace the config line starting with `key` (or add it); returns its line number."""
    path = project / "content" / "config.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, text in enumerate(lines):
        if text.startswith(key):
            lines[i] = line
            break
    else:
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines.index(line) + 1


@pytest.mark.parametrize("typed, number", [
    ("+4771166000", "4771166000"),  # the + is lost: tel:4771166000
    ("004771166000", "4771166000"),  # the leading zeros are lost (YAML 1.1: octal)
    ("71166000", "71166000"),
    ("7116.6000", "7116.6"),
])
def test_an_unquoted_phone_number_is_an_error_with_the_quoted_fix(
        mini: Path, typed: str, number: str) -> None:
    line = set_config_line(mini, "contact:", f"contact:\n  phone: {typed}")
    found = [f for f in findings(mini) if f.code == "number-not-text"]
    assert [(f.path, f.line) for f in found] == [("content/config.yaml", line + 1)]
    if typed == number:  # read back as typed: only "must be text", never "not as typed"
        assert str(found[0].message) == (f"YAML reads {typed} in 'phone' as a number, but "
                                         "'phone' must be text in quotes.")
    else:
        assert f"{typed} in 'phone' as the number {number}, not as" in str(found[0].message)
    assert str(found[0].hint) == f'Put the value in quotes: phone: "{typed}"'


@pytest.mark.parametrize("lang, meta", [
    ("nb", "title: 2024"),
    ("nn", "title: 1.10"),  # a float: 1.1
    ("nb", "translation_key: 0150"),  # octal: 104
])
def test_a_text_field_holding_a_number_is_an_error(mini: Path, lang: str, meta: str) -> None:
    page = mini / "content" / lang / "tall.md"
    title = "" if meta.startswith("title") else "title: Tal\n"
    page.write_text(f"---\n{title}{meta}\n---\nTekst.\n", encoding="utf-8")
    found = [f for f in findings(mini) if f.code == "number-not-text"]
    assert [(f.path, f.line) for f in found] == [(f"content/{lang}/tall.md", 2 + bool(title))]
    key, value = meta.split(": ")
    assert str(found[0].hint) == f'Put the value in quotes: {key}: "{value}"'


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_clock_time_stays_the_text_typed(mini: Path, tmp_path: Path, lang: str) -> None:
    """YAML 1.1 reads 10:30 as 630 (base 60); our loader keeps what was typed."""
    page = mini / "content" / lang / "tall.md"
    page.write_text("---\ntitle: Tal\ndescription: 10:30\n---\nTekst.\n", encoding="utf-8")
    assert not [f for f in findings(mini) if f.level == "error"]
    result = run_cli("build", "--root", str(mini), "--out", str(tmp_path / "site"),
                     "--clock", "2023-10-30T12:00")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / lang / "tall" / "index.html").read_text(encoding="utf-8")
    assert 'content="10:30"' in html and "630" not in html


@pytest.mark.parametrize("lang, meta", [("nn", "date: 10:30"), ("nb", "publish: 12:00")])
def test_a_clock_time_where_a_date_is_meant_is_an_error(mini: Path, lang: str,
                                                        meta: str) -> None:
    page = mini / "content" / lang / "tall.md"
    page.write_text(f"---\ntitle: Tal\n{meta}\n---\nTekst.\n", encoding="utf-8")
    found = [f for f in findings(mini) if f.level == "error"]
    assert [(f.path, f.line) for f in found] == [(f"content/{lang}/tall.md", 3)]
    assert meta.split(": ")[1] in str(found[0].message)


def test_a_bilingual_text_holding_a_number_is_an_error(mini: Path) -> None:
    line = set_config_line(mini, "tagline:", "tagline: {nb: 2024, nn: 1.10}")
    found = [f for f in findings(mini) if f.code == "number-not-text"]
    assert {(f.path, f.line) for f in found} == {("content/config.yaml", line)}
    assert len(found) == 2 and "1.1" in " ".join(str(f.message) for f in found)


@pytest.mark.parametrize("typed, shown, tel", [
    ("+4771166000", "71 16 60 00", "+4771166000"),
    ("004771166000", "71 16 60 00", "+4771166000"),
    ("71 16 60 00", "71 16 60 00", "+4771166000"),
    ("0047 412 34 567", "41 23 45 67", "+4741234567"),
    ("800 30 000", "800 30 000", "+4780030000"),
    ("+46 8 123 456 78", "+46 8 123 456 78", "+46812345678"),
    ("116 117", "116 117", "116117"),
])
def test_phone_numbers_are_shown_the_norwegian_way(typed: str, shown: str, tel: str) -> None:
    phone = parse_phone(typed)
    assert (phone.shown, phone.tel) == (shown, tel)


@pytest.mark.parametrize("typed", ["123", "7116600", "+47 71 16 60 0", "ring oss",
                                   "71-16-60-00-00"])
def test_what_is_no_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(PhoneError):
        parse_phone(typed)


def test_a_bad_phone_number_names_the_line(mini: Path) -> None:
    line = set_config_line(mini, "contact:", 'contact:\n  phone: "7116600"')
    found = [f for f in findings(mini) if f.code == "bad-phone"]
    assert [(f.path, f.line) for f in found] == [("content/config.yaml", line + 1)]


@pytest.mark.parametrize("typed", ["+47 00 00 00 00", "00000000", "12345678", "11 11 11 11"])
def test_placeholders_are_recognised(typed: str) -> None:
    assert is_placeholder(typed)


def test_real_numbers_are_no_placeholders() -> None:
    assert not any(is_placeholder(n) for n in ("71 16 60 00", "800 30 000", "+4741234567"))


def test_built_pages_show_and_link_the_number_in_both_standards(mini: Path,
                                                                tmp_path: Path) -> None:
    set_config_line(mini, "contact:", 'contact: {email: post@kommune.no, phone: "+4771166000"}')
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    for lang in ("nb", "nn"):
        html = read(out, f"/{lang}/")
        assert '<a href="tel:+4771166000">71 16 60 00</a>' in html
        assert not re.search(r'href="tel:(?!\+47)', html)
