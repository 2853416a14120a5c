"""Hints that help: typographic quotes, YAML's parser words, misspelt ids, the preview
error page, and example values that `check --deploy` keeps out of production."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT, run_cli

from generator.checks.examples import example_values
from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.errors import Finding
from generator.load.yamlsrc import YamlError, parse
from generator.preview import PreviewApp
from generator.project import Project
from generator.validate import nearest


def findings(project: Path, deploy: bool = False) -> list[Finding]:
    return check(Project(project), Clock(parse_clock(CLOCK), "option"), deploy=deploy)


def yaml_error(text: str) -> YamlError:
    with pytest.raises(YamlError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize("line, fixed", [
    ("title: “Tekst: mer”", 'title: "Tekst: mer"'),
    ("title: «Ny journal: HelsaMi»", 'title: "Ny journal: HelsaMi"'),
    ("  nb: ”Nå: ny journal”", 'nb: "Nå: ny journal"'),
])
def test_typographic_quotes_that_break_the_yaml_are_named(line: str, fixed: str) -> None:
    error = yaml_error(f"{line}\n")
    assert error.code == "typographic-quotes" and error.line == 1
    assert "typographic quotes" in str(error.message)
    assert str(error.hint) == f'Use straight quotes "…" around the value: {fixed}'


@pytest.mark.parametrize("lang, text", [("nb", "“Ny pasientjournal”"),
                                        ("nn", "«Ny pasientjournal»")])
def test_a_value_wrapped_in_typographic_quotes_is_a_warning(mini: Path, lang: str,
                                                           text: str) -> None:
    page = mini / "content" / lang / "sitat.md"
    page.write_text(f"---\ntitle: {text}\n---\nTekst.\n", encoding="utf-8")
    found = [f for f in findings(mini) if f.code == "typographic-quotes"]
    assert [(f.path, f.line, f.level) for f in found] == [
        (f"content/{lang}/sitat.md", 2, "warning")]
    assert '"Ny pasientjournal"' in str(found[0].hint)


@pytest.mark.parametrize("text, code, line, words", [
    ("items:\n  - a\n  foo: b\n", "yaml-list", 3, "does not start with '- '"),
    ("items:\n  - a\n - b\n", "yaml-list", 3, "not lined up with the items above"),
    ("- id: a\n  name: b\n - id: c\n", "yaml-list", 3, "lined up"),
    ('title: "Hei" og mer\nx: y\n', "yaml-quote", 1, "Text follows the closing quote"),
    ("a:\n  b: c\n  - d\n", "yaml-list", 3, "stands among 'key: value' lines"),
    ("a:\n  b: c\n c: d\n", "yaml-indent", 3, "not lined up with the keys above"),
    ("title: *viktig*\n", "yaml-start", 1, "cannot start with '*'"),
    ("email: @kommune\n", "yaml-start", 1, "cannot start with '@'"),
])
def test_yaml_parser_words_become_the_usual_cause(text: str, code: str, line: int,
                                                  words: str) -> None:
    error = yaml_error(text)
    assert (error.code, error.line) == (code, line)
    assert words in str(error.message)
    assert "did not find expected" not in str(error.message) + str(error.hint)


def test_a_misspelt_service_id_gets_the_nearest_valid_ids(mini: Path) -> None:
    impact = next((mini / "content" / "data" / "impacts").glob("*.yaml"))
    text = impact.read_text(encoding="utf-8")
    impact.write_text(text.replace("service: home-care", "service: home-cares", 1),
                      encoding="utf-8")
    found = [f for f in findings(mini) if f.code == "unknown-id"]
    assert len(found) == 1 and str(found[0].hint) == "Did you mean 'home-care'?"


def test_nearest_ids_are_several_and_best_first() -> None:
    known = ["hjemmetjenester", "hjemmesykepleie", "helsestasjon", "legevakt", "fysioterapi"]
    assert nearest("hjemmetjeneste", known)[0] == "hjemmetjenester"
    assert set(nearest("hjemme", known)) == {"hjemmetjenester", "hjemmesykepleie"}
    assert nearest("tannlege", known) == []


def test_the_preview_error_page_quotes_the_line(mini: Path, tmp_path: Path) -> None:
    page = mini / "content" / "nb" / "om.md"
    page.write_text("---\ntitle: Om\nmenu: to\n---\nTekst.\n", encoding="utf-8")
    errors = [f for f in findings(mini) if f.level == "error"]
    assert errors
    app = PreviewApp(tmp_path, lambda: errors, root=mini)
    status: list[str] = []
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_HOST": "127.0.0.1:8000",
                         "wsgi.input": io.BytesIO()},
                        lambda s, h: status.append(s)))
    html = body.decode("utf-8")
    assert status == ["500 Internal Server Error"]
    assert "content/nb/om.md:3:" in html and "    | menu: to" in html


@pytest.mark.parametrize("line, found", [
    ("email: post@example.no", ["example.no"]),
    ("base_url: https://helseplattformen.example", ["helseplattformen.example"]),
    ("url: http://localhost:8000/nb/", ["localhost"]),
    ("Skriv til post@kommune.test eller ring 12345678.", ["kommune.test", "12345678"]),
    ("phone: \"+47 00 00 00 00\"", ["+47 00 00 00 00"]),
    ("Se https://www.example.com/side", ["www.example.com"]),
    ("Ring 71 16 60 00 eller skriv til post@molde.kommune.no.", []),
    ("Les mer på helsenorge.no og examples.no", []),
])
def test_example_values_are_found(line: str, found: list[str]) -> None:
    assert [v.strip() for v in example_values(line)] == found


def test_check_deploy_refuses_example_values_and_plain_check_does_not(mini: Path) -> None:
    config = mini / "content" / "config.yaml"
    assert "example.org" in config.read_text(encoding="utf-8")
    plain = [f for f in findings(mini) if f.code == "example-value"]
    deploy = [f for f in findings(mini, deploy=True) if f.code == "example-value"]
    assert plain == []
    assert {(f.path, f.level) for f in deploy} >= {("content/config.yaml", "error")}
    assert {f.line for f in deploy if f.path == "content/config.yaml"} >= {1, 5}


def test_the_default_content_passes_strict_but_not_deploy() -> None:
    assert run_cli("check", "--strict", "--clock", CLOCK, cwd=ROOT).returncode == 0
    result = run_cli("check", "--deploy", "--clock", CLOCK, cwd=ROOT)
    assert result.returncode == 1
    assert "content/config.yaml:2: error: 'helseplattformen-kunngjeringar.example'" in \
        result.stdout


@pytest.mark.parametrize("text, line, fixed", [
    # a straight quote closed by a typographic one: PyYAML fails lines later
    ('a: 1\n  \nwaves:\n  - id: w1\n    nb: "Seks kommuner. Spør kommunen din.”\n'
     '    nn: "Seks kommunar."\n  - id: w2\n', 5, 'nb: "Seks kommuner. Spør kommunen din."'),
    ('title: "Molde: Nye åpningstider”\ndate: 2024-01-01\nsummary: Kort.\n', 1,
     'title: "Molde: Nye åpningstider"'),
    ("a: 1\nb: 'Tekst’\nc: 2\n", 2, "b: 'Tekst'"),
    # a closing quote left out
    ('a: 1\nb: "open\nc: 2\nd:\n  - x\n', 2, 'b: "open"'),
    ('items:\n  - "a b\n  - c\n', 2, '- "a b"'),
])
def test_an_unclosed_quote_is_reported_on_its_own_line(text: str, line: int,
                                                       fixed: str) -> None:
    error = yaml_error(text)
    assert (error.code, error.line) == ("yaml-unclosed-quote", line)
    assert str(error.hint).endswith(fixed)


def test_the_fix_of_a_long_line_shows_its_end() -> None:
    words = "Seks kommuner i Trøndelag er med i denne puljen. " * 4
    error = yaml_error(f'waves:\n  - nb: "{words}Spør kommunen din om dette.”\n    nn: x\n')
    assert error.code == "yaml-unclosed-quote"
    assert str(error.hint).endswith('Spør kommunen din om dette."')


@pytest.mark.parametrize("text", [
    'a: "it\'s \\" ok"\nb: |\n  x: "quoted\n c: d\n',  # a quote in a block of text
    'a: "en lang tekst\n  over to linjer"\nb: c\n d: e\n',  # a value over two lines
    "a: 'en lang tekst\n  over to linjer' # ja\nb: c\n d: e\n",
])
def test_a_value_over_several_lines_is_not_taken_for_an_unclosed_one(text: str) -> None:
    error = yaml_error(text)  # the slip is on line 4, and is reported there
    assert error.line == 4 and error.code != "yaml-unclosed-quote"


def test_an_unclosed_quote_in_front_matter_names_the_page_line(mini: Path) -> None:
    page = mini / "content" / "nb" / "sitat.md"
    page.write_text('---\ntitle: "Molde: Nye åpningstider”\nsummary: Kort.\n---\nTekst.\n',
                    encoding="utf-8")
    found = [f for f in findings(mini) if f.path == "content/nb/sitat.md"]
    assert [(f.code, f.line) for f in found] == [("yaml-unclosed-quote", 2)]
