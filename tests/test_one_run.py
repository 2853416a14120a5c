"""One `check` (and `build`) names every independent error: an editor fixes them all
in one round, not a data error first and the pages' errors on the next run.

What only follows from an error already named (a reference to a broken record, a
link to a page that did not load) is not reported a second time.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLOCK, build, run_cli

from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.errors import ERROR
from generator.incremental import Engine
from generator.project import Project


def errors(project: Path) -> list[tuple[str, int | None, str]]:
    """(path, line, code) of every error `check` finds, in order."""
    found = check(Project(project), Clock(parse_clock(CLOCK), "option"))
    return [(f.path, f.line, f.code) for f in found if f.level == ERROR]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


ANNOUNCEMENT = "content/nb/kunngjoringer/alfa-start.md"
MUNICIPALITIES = "content/data/municipalities.yaml"


def test_a_data_error_and_a_page_error_in_one_run(mini: Path, tmp_path: Path) -> None:
    edit(mini / MUNICIPALITIES, "inhabitants: 12000", "inhabitants: mange")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [alfa, gama]")
    expected = [(MUNICIPALITIES, 5, "not-integer"), (ANNOUNCEMENT, 6, "unknown-id")]
    found = errors(mini)
    assert [(p, c) for p, _, c in found] == [(p, c) for p, _, c in expected], found
    assert [line for _, line, _ in found] == [5, 6]
    result = build(mini, tmp_path / "site")
    assert result.returncode == 1
    assert f"{MUNICIPALITIES}:5: error:" in result.stderr + result.stdout
    assert f"{ANNOUNCEMENT}:6: error: Unknown municipality" in result.stderr + result.stdout
    assert not (tmp_path / "site").exists()


def test_a_broken_record_is_no_second_error_where_it_is_used(mini: Path) -> None:
    # alfa loses its name: its own error. The page naming alfa, the link to alfa's page,
    # the wave and the notice listing it are not errors as well; what is wrong on its
    # own (a place nobody has, a link to nowhere) still is.
    edit(mini / MUNICIPALITIES, "- id: alfa\n  name: Alfa\n", "- id: alfa\n")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [alfa, gama]")
    (mini / "content/nb/om.md").write_text(
        "---\ntitle: Om siden\nmenu: 2\n---\nSe [Alfa](/nb/kommuner/alfa/) og "
        "[Beta](/nb/kommuner/beta/).\n\nOg [denne](/nb/kommuner/delta/).\n", encoding="utf-8")
    found = errors(mini)
    assert found == [(MUNICIPALITIES, 1, "missing-text"),
                     (ANNOUNCEMENT, 6, "unknown-id"),
                     ("content/nb/om.md", 7, "broken-link")], found


def test_a_page_that_did_not_load_is_no_second_error(mini: Path) -> None:
    # om.md has no title, so it is not loaded: links to its address (and to its fallback
    # in Nynorsk) and a translation made from it are not errors too; another page's own
    # error is.
    edit(mini / "content/nb/om.md", "title: Om siden", "titel: Om siden")
    (mini / "content/nn/om.md").write_text(
        "---\ntitle: Om sida\ntranslation_key: om\ntranslated_from: abc\n---\nTekst.\n",
        encoding="utf-8")
    edit(mini / "content/nb/index.md", "---\n", "---\ndate: 31.12.2023\n")
    (mini / "content/nb/lenker.md").write_text(
        "---\ntitle: Lenker\n---\nSe [om](/nb/om/) og [feil](/nb/finnes-ikke/).\n",
        encoding="utf-8")
    found = errors(mini)
    codes = [(p, c) for p, _, c in found]
    assert ("content/nb/index.md", "bad-date") in codes, found
    assert ("content/nb/lenker.md", "broken-link") in codes, found
    assert [c for p, c in codes if p == "content/nb/om.md"] == ["missing-key",
                                                                "unknown-key"], found
    assert not any(p == "content/nn/om.md" or p == "content/nn/index.md" for p in
                   (p for p, _ in codes)), found
    assert sum(c == "broken-link" for _, c in codes) == 1, found
    everything = check(Project(mini), Clock(parse_clock(CLOCK), "option"))
    # nor is the Nynorsk page warned of as lacking a Bokmål version
    assert not [f for f in everything if f.code == "missing-translation"
                and f.path == "content/nn/om.md"], everything


def test_unreadable_settings_still_check_the_pages(mini: Path) -> None:
    with (mini / "content/config.yaml").open("a", encoding="utf-8") as f:
        f.write("tagline: [ikke lukket\n")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [gama]")
    found = errors(mini)
    assert [(p, c) for p, _, c in found] == [("content/config.yaml", "yaml"),
                                             (ANNOUNCEMENT, "unknown-id")], found


def test_unreadable_data_file_silences_only_its_references(mini: Path) -> None:
    with (mini / "content/data/waves.yaml").open("a", encoding="utf-8") as f:
        f.write("  - [ikke lukket\n")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [gama]\nwaves: [w1]")
    found = errors(mini)
    paths = [p for p, _, _ in found]
    assert paths == ["content/data/waves.yaml", ANNOUNCEMENT], found
    assert found[1] == (ANNOUNCEMENT, 6, "unknown-id")  # gama, not the unreadable w1


def test_dangling_ids_in_data_do_not_stop_the_page_checks(mini: Path) -> None:
    # the checks render pages, feeds and calendars from the data left after the
    # errors: a notice naming an unknown service and wave must not break them
    edit(mini / "content/data/impacts/alfa.yaml", "service: home-care", "service: home-kare")
    edit(mini / "content/data/impacts/alfa.yaml", "municipalities: [alfa]",
         "municipalities: [alfa]\nwave: w9")
    edit(mini / "content/data/waves.yaml", "members: [alfa, test-hf]",
         "members: [alfa, test-hf, omega]")
    edit(mini / "content/nb/om.md", "menu: 2", "menu: to")
    (mini / "content/nb/lenker.md").write_text(
        "---\ntitle: Lenker\n---\nSe [Alfa](/nb/kommuner/alfa/#nn) og [feil](/nb/borte/).\n",
        encoding="utf-8")
    found = errors(mini)
    assert [(p, c) for p, _, c in found] == [
        ("content/data/impacts/alfa.yaml", "unknown-id"),
        ("content/data/impacts/alfa.yaml", "unknown-id"),
        ("content/data/waves.yaml", "unknown-id"),
        ("content/nb/lenker.md", "broken-link"),
        ("content/nb/lenker.md", "broken-anchor"),
        ("content/nb/om.md", "not-integer")], found


def test_preview_reports_every_error_at_once(mini: Path, tmp_path: Path) -> None:
    edit(mini / MUNICIPALITIES, "inhabitants: 12000", "inhabitants: mange")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [gama]")
    engine = Engine(Project(mini), tmp_path / "out", Clock(parse_clock(CLOCK), "option"))
    engine.scan()
    report, site = engine.load()
    assert site is None
    assert sorted((f.path, f.code) for f in report.errors) == [
        (MUNICIPALITIES, "not-integer"), (ANNOUNCEMENT, "unknown-id")]


def test_cli_check_lists_both_rounds(mini: Path) -> None:
    edit(mini / MUNICIPALITIES, "inhabitants: 12000", "inhabitants: mange")
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]", "municipalities: [gama]")
    result = run_cli("check", "--root", str(mini), "--clock", CLOCK)
    assert result.returncode == 1
    assert "2 errors" in result.stdout, result.stdout


def test_a_fact_with_its_own_error_is_not_compared_with_the_translation(mini: Path) -> None:
    # the Bokmål date is no date: that is the error, not that the Nynorsk page's date
    # differs from it; a fact that really differs is still named
    edit(mini / ANNOUNCEMENT, "date: 2023-10-20", "date: 2023-02-30")
    edit(mini / "content/nn/kunngjeringar/alfa-start.md", "type: announcement",
         "type: announcement\nwaves: [w1]")
    found = errors(mini)
    assert found == [(ANNOUNCEMENT, 4, "bad-date"),
                     ("content/nn/kunngjeringar/alfa-start.md", 4, "translation-mismatch")
                     ], found


def test_a_page_kept_out_for_its_name_still_has_its_front_matter_checked(mini: Path) -> None:
    # «Om Oss.md» cannot be an address, and its date is no date: both at once, and so
    # for a page whose 'expires' comes before 'publish' and whose ids are malformed
    (mini / "content/nb/Om Oss.md").write_text(
        "---\ntitle: Om oss\ndate: 3.11.2023\n---\nTekst.\n", encoding="utf-8")
    (mini / "content/nb/gammel.md").write_text(
        "---\ntitle: Gammel\npublish: 2023-10-02\nexpires: 2023-10-01\n"
        "municipalities: [Alfa!]\n---\nTekst.\n", encoding="utf-8")
    found = errors(mini)
    assert [(p, c) for p, _, c in found] == [
        ("content/nb/Om Oss.md", "bad-file-name"), ("content/nb/Om Oss.md", "bad-date"),
        ("content/nb/gammel.md", "expires-before-publish"), ("content/nb/gammel.md", "bad-id"),
    ], found


IMPACT = "content/data/impacts/alfa.yaml"


def test_every_bad_field_of_one_record_in_one_run(mini: Path) -> None:
    edit(mini / IMPACT, "published: 2023-10-20", "published: 2023-11-31")
    edit(mini / IMPACT, 'contact: {phone: "+47 11 11 11 11"}', "contact: {phone: 71111000}")
    edit(mini / IMPACT, "      - {nb: Færre besøk., nn: Færre besøk.}",
         "      - {nb: Færre besøk., nn: Færre besøk.}\n    contact: {phone: 71111000}")
    assert sorted(errors(mini)) == [(IMPACT, 3, "bad-date"), (IMPACT, 8, "number-not-text"),
                                    (IMPACT, 14, "number-not-text")]


def test_a_number_in_a_flow_mapping_read_as_typed_is_not_called_changed(mini: Path) -> None:
    edit(mini / IMPACT, 'contact: {phone: "+47 11 11 11 11"}', "contact: {phone: 71111000}")
    found = check(Project(mini), Clock(parse_clock(CLOCK), "option"))
    [number] = [f for f in found if f.code == "number-not-text"]
    assert "as a number, but 'phone' must be text" in str(number.message)


def test_a_duplicate_key_and_an_error_later_in_the_same_file_in_one_run(mini: Path) -> None:
    edit(mini / MUNICIPALITIES, '  number: "9901"\n', '  number: "9901"\n  number: "9902"\n')
    edit(mini / MUNICIPALITIES, "inhabitants: 12000", "inhabitants: mange")
    edit(mini / IMPACT, "published: 2023-10-20", "published: 2023-10-20\npublished: 2023-10-21")
    edit(mini / IMPACT, 'contact: {phone: "+47 11 11 11 11"}', "contact: {phone: 71111000}")
    assert sorted(errors(mini)) == [
        (IMPACT, 4, "duplicate-key"), (IMPACT, 9, "number-not-text"),
        (MUNICIPALITIES, 5, "duplicate-key"), (MUNICIPALITIES, 6, "not-integer")]


def test_a_duplicate_key_in_front_matter_and_another_field_error_in_one_run(
        mini: Path) -> None:
    edit(mini / ANNOUNCEMENT, "municipalities: [alfa]",
         "municipalities: [alfa]\nmunicipalities: [beta]\nmenu: mange")
    found = [e for e in errors(mini) if e[0] == ANNOUNCEMENT]
    assert found == [(ANNOUNCEMENT, 7, "duplicate-key"), (ANNOUNCEMENT, 8, "not-integer")]


def test_the_body_of_a_page_with_broken_front_matter_is_checked_in_the_same_run(
        mini: Path) -> None:
    page = mini / "content/nb/brutt.md"
    page.write_text('---\ntitle: "Molde: Nye åpningstider”\nsummary: Kort.\n---\n\nTekst.\n\n'
                    "![](bilde.png)\n\nSe [siden](/nb/finnes-ikke/).\n", encoding="utf-8")
    found = check(Project(mini), Clock(parse_clock(CLOCK), "option"))
    mine = sorted((f.line, f.code) for f in found if f.path == "content/nb/brutt.md")
    assert mine == [(2, "yaml-unclosed-quote"), (8, "broken-link"), (8, "image-alt"),
                    (10, "broken-link")]
