"""What an editor is told about a name, an id, a link, a busy port and a site not ready
to publish: the message names the fix (the id meant, the page meant, the file name to
use, a free port), never the page itself, never a list cut mid-word."""

from __future__ import annotations

import errno
import json
import re
import socket
from pathlib import Path

import pytest
from conftest import CLOCK, run_cli

from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.commands.serve import report, startup_problem
from generator.errors import Finding
from generator.i18n.notices import load_notices
from generator.incremental import Engine
from generator.pipeline import Options, load_site
from generator.project import Project
from generator.validate import unknown_id_hint

ANNOUNCEMENT = "content/nb/kunngjoringer/alfa-start.md"


def findings(project: Path) -> list[Finding]:
    return check(Project(project), Clock(parse_clock(CLOCK), "option"))


def coded(project: Path, code: str) -> list[tuple[str, int | None, str, str]]:
    return [(f.path, f.line, str(f.message), str(f.hint)) for f in findings(project)
            if f.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def page(project: Path, rel: str, front: str, body: str = "Tekst.") -> None:
    path = project / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


# --- ids ------------------------------------------------------------------------------


def test_a_place_written_by_its_name_or_in_capitals_gets_its_id(mini: Path) -> None:
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [Alfa, Betå]")
    found = coded(mini, "unknown-id")
    assert [(line, hint) for _, line, _, hint in found] == [
        (6, "Did you mean 'alfa'?"), (6, "Did you mean 'beta'?")], found
    assert not coded(mini, "bad-id")  # not "is not a valid id" without the id meant


def test_a_service_written_by_its_norwegian_name_gets_its_id(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "  - service: home-care", "  - service: Heimetenester")
    edit(impact, "  - service: health-station", "  - service: helsestasjonen")
    hints = {hint for _, _, _, hint in coded(mini, "unknown-id")}
    assert hints == {"Did you mean 'home-care'?", "Did you mean 'health-station'?"}


def test_the_ids_offered_are_at_most_three_and_never_cut() -> None:
    ids = [f"service-number-{n}-with-a-long-name" for n in range(12)]
    for word in ("tannlege", "service-number-1-with-a-long-nam"):
        hint = str(unknown_id_hint(word, ids, "data/services.yaml"))
        assert "…" not in hint
        assert len(re.findall(r"'service-number", hint)) <= 3, hint


def test_new_suggests_the_place_id_for_a_name(mini: Path) -> None:
    result = run_cli("new", "announcement", "--root", str(mini), "--slug", "alfa-nytt",
                     "--municipality", "Alfa", "--clock", CLOCK)
    assert result.returncode == 1
    assert "Did you mean 'alfa'?" in result.stderr


# --- links ----------------------------------------------------------------------------


def test_a_broken_link_never_suggests_the_page_it_is_on(mini: Path) -> None:
    edit(mini / ANNOUNCEMENT, "Alfa tar i bruk systemet.",
         "Se [åpningstidene](/nb/kunngjoringer/alfa-aapningstider/).")
    [(_, line, message, hint)] = coded(mini, "broken-link")
    assert line == 8 and "leads to no page" in message
    assert "alfa-start" not in hint, hint


def test_the_other_standards_folder_name_suggests_the_page_in_the_links_own(
        mini: Path) -> None:
    edit(mini / ANNOUNCEMENT, "Alfa tar i bruk systemet.",
         "Les [på nynorsk](/nn/kunngjoringer/alfa-start/) og [om](/nn/om-oss/).")
    page(mini, "nn/om-oss.md", "title: Om oss\ntranslation_key: om")
    hints = sorted(hint for *_, hint in coded(mini, "broken-link"))
    assert hints[0] == "Did you mean '/nn/kunngjeringar/alfa-start/'?", hints


@pytest.mark.parametrize("front, says", [
    ("draft: true", "is a draft"),
    ("publish: 2030-01-01", "is published 2030-01-01"),
    ("publish: 2023-01-01\nexpires: 2023-06-01", "expired 2023-06-01"),
])
def test_a_link_to_a_page_not_shown_says_why(mini: Path, front: str, says: str) -> None:
    page(mini, "nb/kunngjoringer/alfa-tider.md", f"title: Tider\n{front}")
    edit(mini / ANNOUNCEMENT, "Alfa tar i bruk systemet.",
         "Se [tidene](/nb/kunngjoringer/alfa-tider/).")
    [(path, line, message, hint)] = coded(mini, "link-to-hidden-page")
    assert (path, line) == (ANNOUNCEMENT, 8)
    assert says in message and "content/nb/kunngjoringer/alfa-tider.md" in message
    assert not coded(mini, "broken-link")


def test_the_hidden_page_message_is_norwegian(mini: Path) -> None:
    page(mini, "nb/kunngjoringer/alfa-tider.md", "title: Tider\ndraft: true")
    edit(mini / ANNOUNCEMENT, "Alfa tar i bruk systemet.",
         "Se [tidene](/nb/kunngjoringer/alfa-tider/).")
    [finding] = [f for f in findings(mini) if f.code == "link-to-hidden-page"]
    assert "er et utkast" in load_notices("nb")(finding.message)
    assert "er eit utkast" in load_notices("nn")(finding.message)


# --- file names -----------------------------------------------------------------------


def test_a_file_name_that_breaks_the_rule_gets_the_name_to_use(mini: Path) -> None:
    page(mini, "nb/Åpningstider i Tingvoll.md", "title: Åpningstider")
    page(mini, "nb/Tingvoll-Nytt.md", "title: Nytt")
    page(mini, "nb/Ny mappe/side.md", "title: Side")
    found = {path: (message, hint) for path, _, message, hint in coded(mini, "bad-file-name")}
    assert found["content/nb/Åpningstider i Tingvoll.md"][1].startswith(
        "Name the file åpningstider-i-tingvoll.md")
    assert found["content/nb/Tingvoll-Nytt.md"][1].startswith("Name the file tingvoll-nytt.md")
    assert found["content/nb/Ny mappe/side.md"] == (
        "The folder name 'Ny mappe' cannot be part of a web address.",
        "Name the folder ny-mappe (lower-case letters a–z, æ, ø, å, digits and '-'; the "
        "name is part of the page's address).")


def test_a_name_with_aeoeaa_is_its_address(mini: Path) -> None:
    page(mini, "nb/åpningstider-tingvoll.md", "title: Åpningstider\nslug: tider-på-øya",
         "Se [om](/nb/om/).")
    assert not [f for f in findings(mini) if f.level == "error"]
    loaded = load_site(Project(mini), Clock(parse_clock(CLOCK), "option"), Options())
    assert loaded.model is not None
    assert "nb/tider-på-øya/" in {p.url for p in loaded.model.pages}


def test_new_takes_the_same_names_and_names_the_one_to_use(mini: Path) -> None:
    ok = run_cli("new", "page", "--root", str(mini), "--slug", "tingvoll-åpningstider",
                 "--clock", CLOCK)
    assert ok.returncode == 0, ok.stderr
    assert (mini / "content/nb/tingvoll-åpningstider.md").is_file()
    assert not [f for f in findings(mini) if f.level == "error"]  # what new writes loads
    refused = run_cli("new", "page", "--root", str(mini), "--slug", "Tingvoll Åpningstider",
                      "--clock", CLOCK)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(": tingvoll-åpningstider"), refused.stderr
    bad_id = run_cli("new", "impact", "--root", str(mini), "--id", "Alfa 2024",
                     "--municipality", "alfa", "--clock", CLOCK)
    assert bad_id.returncode == 1 and bad_id.stderr.strip().endswith(": alfa-2024")


# --- check --deploy -------------------------------------------------------------------


def test_plain_check_says_publishing_would_still_fail(mini: Path) -> None:
    plain = run_cli("check", "--root", str(mini), "--clock", CLOCK)
    deploy = run_cli("check", "--deploy", "--root", str(mini), "--clock", CLOCK,
                     "--format", "json")
    n = sum(f["code"] == "example-value" for f in json.loads(deploy.stdout)["findings"])
    assert plain.returncode == 0 and n > 0
    *_, note, verdict = plain.stdout.strip().splitlines()
    assert verdict.startswith("Check passed")
    assert f"check --deploy --root {mini}" in note and f"finds {n} more problems" in note
    as_json = run_cli("check", "--root", str(mini), "--clock", CLOCK, "--format", "json")
    assert json.loads(as_json.stdout)["summary"]["deploy_problems"] == n
    clean = run_cli("check", "--deploy", "--root", str(mini), "--clock", CLOCK)
    assert "more problem" not in clean.stdout


# --- serve and build ------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_without_a_traceback(mini: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--root", str(mini), "--port", str(port), "--clock", CLOCK,
                         timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "Preview of" not in result.stdout  # never claims to run
    assert re.fullmatch(rf"error: Port {port} is in use \(is the preview already running in "
                        r"another window\?\)\. Use --port \d+\.\n", result.stderr), result.stderr


@pytest.mark.parametrize("port, host", [(80, "127.0.0.1"), (70000, "127.0.0.1"),
                                        (8000, "no-such-host.invalid")])
def test_serve_names_every_startup_problem(mini: Path, port: int, host: str) -> None:
    if port == 80:  # as root the port is free: ask what the editor would be told
        problem, fix = startup_problem(OSError(errno.EACCES, "Permission denied"), host, port)
        assert str(problem) == "Port 80 needs administrator rights on this computer."
        assert fix is not None and re.fullmatch(r"Use --port \d{4,5}\.", str(fix))
        return
    result = run_cli("serve", "--root", str(mini), "--host", host, "--port", str(port),
                     "--clock", CLOCK, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and "Preview of" not in result.stdout


def test_serve_counts_pages_as_build_does(mini: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock(parse_clock(CLOCK), "option")
    engine = Engine(Project(mini), tmp_path / "preview", clock, Options(base_path="/"))
    outcome = engine.update()
    report(outcome, load_notices("en"))
    built = run_cli("build", "--root", str(mini), "--out", str(tmp_path / "site"),
                    "--clock", CLOCK)
    n = int(re.search(r"Built (\d+) pages", built.stdout).group(1))  # type: ignore[union-attr]
    assert any(p.endswith("card.html") or p == "404.html" for p in outcome.written)
    assert f"Rebuilt {n} pages in" in capsys.readouterr().err


def test_builds_preview_hint_listens_on_this_computer_only(mini: Path) -> None:
    built = run_cli("build", "--root", str(mini), "--clock", CLOCK)
    assert built.returncode == 0
    assert "-m http.server --bind 127.0.0.1 -d" in built.stdout
