"""One reader of a file's lines (`generator.sourceline`) for the quote under a finding and
for what a loader reads as typed: both count lines as YAML counts them."""

from __future__ import annotations

from pathlib import Path

from conftest import CLOCK, run_cli

from generator.errors import Finding, quoted_lines
from generator.sourceline import read_lines, source_line


def test_a_line_separator_in_a_value_moves_neither_quote_nor_hint(mini: Path) -> None:
    # U+2028 (pasted from a web page or a word processor) ends a line for YAML: the
    # quote and the hint built from the typed value must name the same line as YAML
    path = mini / "content/data/municipalities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  county: Testfylke\n  number: "9901"',
                                 '  county: "Test\u2028fylke"\n  number: 0301', 1),
                    encoding="utf-8")
    out = run_cli("check", "--root", str(mini), "--clock", CLOCK).stdout
    assert ("content/data/municipalities.yaml:5: error: YAML reads 0301 in 'number' as the "
            "number 301, not as what was typed. Put the value in quotes: number: \"0301\"\n"
            "    |   number: 0301\n") in out, out


def test_quote_and_source_line_read_the_same_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("first\r\nsecond\rthird\u2028fourth\n  fifth  \n\n".encode())
    lines = read_lines(path, range(1, 8))
    assert lines == {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "  fifth  ", 6: ""}
    assert [source_line(path, n) for n in range(1, 8)] == [*lines.values(), None]
    found = [Finding("a.yaml", n, "error", "x") for n in range(1, 8)]
    assert quoted_lines(found, tmp_path) == {("a.yaml", n): lines[n].rstrip()
                                             for n in range(1, 6)}


def test_long_lines_are_cut_where_each_use_needs(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text("x" * 300 + "\n", encoding="utf-8")
    assert source_line(path, 1) == "x" * 200 + "…"
    assert quoted_lines([Finding("long.md", 1, "error", "x")], tmp_path) == {
        ("long.md", 1): "x" * 120 + " …"}
