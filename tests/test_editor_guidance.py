"""What an editor is told to do, and where: the file to create for a missing translation
(in the other standard's folder, with the command to run after), the line of a
placeholder in a data file, and a title `new` copied into the other standard.

Each test reads the output as an editor sees it (`path:line: level: message`, the
quoted line, the exit code) and, where it can, follows the advice and looks again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT, build, run_cli

from generator.invocation import python_command

EN = {**os.environ, "NOTICES_LANG": "en"}


def check(project: Path, *extra: str):
    """`check` run in the project folder, as an editor runs it (no --root)."""
    return run_cli("check", "--clock", CLOCK, *extra, cwd=project, env=EN)


def findings(project: Path, *extra: str) -> list[dict]:
    result = check(project, "--format", "json", *extra)
    return json.loads(result.stdout)["findings"]


def page(project: Path, rel: str, meta: str, body: str = "Tekst.\n") -> Path:
    path = project / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{meta}\n---\n{body}", encoding="utf-8")
    return path


def run_printed(project: Path, command: str):
    """Run a command as the message printed it (this Python, words split at spaces)."""
    here = python_command(cwd=str(project))
    assert command.startswith(f"{here} -m generator "), command
    words = command[len(f"{here} -m generator "):].split(" ")
    return run_cli(*words, cwd=project, env=EN)


# ------------------------------------------------------------ missing translation


def test_a_missing_translation_names_the_file_and_the_command(mini: Path) -> None:
    result = check(mini)
    here = python_command(cwd=str(mini))
    assert ("content/nb/om.md: warning: No Nynorsk version of this page; /nn/om/ shows this "
            "text with a notice. Create content/nn/om.md (copy this file and translate the "
            f"text), then run: {here} -m generator translated content/nn/om.md\n") \
        in result.stdout
    assert "under content/nn/" not in result.stdout
    assert result.returncode == 0


def test_following_the_hint_pairs_an_announcement_across_differently_named_folders(
        mini: Path) -> None:
    page(mini, "nb/kunngjoringer/beta-nytt.md",
         "title: Nytt om Beta\ntranslation_key: beta-news\ntype: announcement\n"
         "date: 2023-10-29\nmunicipalities: [beta]")
    found = [f for f in findings(mini) if f["code"] == "missing-translation"
             and f["path"] == "content/nb/kunngjoringer/beta-nytt.md"]
    assert len(found) == 1
    hint = found[0]["hint"]
    target = "content/nn/kunngjeringar/beta-nytt.md"  # the folder the site pairs, not nb's
    assert hint.startswith(f"Create {target} (copy this file and translate the text) with "
                           "the line 'translation_key: beta-news' in its front matter, then "
                           "run: "), hint
    copy = mini / target
    shutil.copy(mini / "content/nb/kunngjoringer/beta-nytt.md", copy)
    copy.write_text(copy.read_text().replace("Tekst.", "Tekst på nynorsk."), encoding="utf-8")
    done = run_printed(mini, hint.split("then run: ", 1)[1])
    assert done.returncode == 0, done.stderr
    assert "translated_from: " in copy.read_text()
    after = findings(mini)
    assert not [f for f in after if f["path"].endswith("beta-nytt.md")]
    assert build(mini, mini.parent / "site").returncode == 0


def test_a_folder_is_paired_by_its_index_page(mini: Path) -> None:
    page(mini, "nb/tjenester/index.md", "title: Tjenester\ntranslation_key: services")
    page(mini, "nn/tenester/index.md", "title: Tenester\ntranslation_key: services")
    page(mini, "nn/tenester/heimehjelp.md", "title: Heimehjelp")
    hints = {f["path"]: f["hint"] for f in findings(mini) if f["code"] == "missing-translation"}
    # no translation_key: the file's own path pairs it only in a folder of the same name
    assert hints["content/nn/tenester/heimehjelp.md"].startswith(
        "Create content/nb/tjenester/heimehjelp.md (copy this file and translate the text) "
        "with the line 'translation_key: tenester/heimehjelp' in its front matter")


def test_a_translation_that_is_a_draft_is_named_not_created_again(mini: Path) -> None:
    page(mini, "nn/om.md", "title: Om sida\ndraft: true")
    found = [f for f in findings(mini) if f["code"] == "missing-translation"]
    assert [f["hint"] for f in found] == [
        "The translation content/nn/om.md is not shown yet: it is a draft or has a later "
        "publish date."]


def test_a_file_in_the_translations_place_that_is_another_page(mini: Path) -> None:
    page(mini, "nn/om.md", "title: Om oss\ntranslation_key: om-oss")
    hints = {f["path"]: f["hint"] for f in findings(mini) if f["code"] == "missing-translation"}
    assert hints["content/nb/om.md"] == (
        "content/nn/om.md is not paired with this page: its translation_key is 'om-oss'. If "
        "it is the translation, write the same translation_key in both files.")


def test_a_one_sided_translation_key_names_the_translations_file(mini: Path) -> None:
    page(mini, "nb/kunngjoringer/gamma.md",
         "title: Gamma\ntranslation_key: gamma-x\ntype: announcement\ndate: 2023-10-29\n"
         "municipalities: [beta]")
    found = [f for f in findings(mini) if f["code"] == "one-sided-translation-key"]
    assert [(f["path"], f["line"]) for f in found] == [("content/nb/kunngjoringer/gamma.md", 3)]
    assert found[0]["hint"].endswith("Write the same key in the front matter of the "
                                     "translation, content/nn/kunngjeringar/gamma.md.")


def test_build_names_the_file_to_create_too(mini: Path, tmp_path: Path) -> None:
    result = build(mini, tmp_path / "site")
    assert result.returncode == 0
    assert "Create content/nn/om.md (copy this file and translate the text)" in result.stderr


@pytest.mark.parametrize("lang, text", [
    ("nb", "Lag content/nn/om.md (kopier denne filen og oversett teksten), og kjør så: "),
    ("nn", "Lag content/nn/om.md (kopier denne fila og omset teksten), og køyr så: "),
])
def test_the_hint_in_norwegian(mini: Path, lang: str, text: str) -> None:
    result = run_cli("check", "--clock", CLOCK, cwd=mini, env={**EN, "NOTICES_LANG": lang})
    assert text in result.stdout


# ------------------------------------------------------------ lines in data files

IMPACT = "content/data/impacts/alfa.yaml"


def impact_with(project: Path, old: str, new: str) -> Path:
    path = project / IMPACT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_placeholder_in_an_impact_is_reported_at_its_line(mini: Path) -> None:
    impact_with(mini, "title: {nb: Redusert kapasitet i Alfa, nn: Redusert kapasitet i Alfa}",
                "title:\n  nb: Redusert kapasitet i Alfa\n  nn: \"TODO: Tittel\"")
    impact_with(mini, "contact:", "draft: true\ncontact:")
    assert "placeholder" not in check(mini).stdout  # a draft: only with --drafts
    out = check(mini, "--drafts").stdout
    assert (f"{IMPACT}:7: warning: The title of the service impact 'alfa-2023' is still a "
            "placeholder. Write the real title.\n"
            '    |   nn: "TODO: Tittel"\n') in out


def test_a_published_placeholder_is_an_error_at_its_line_until_written(mini: Path) -> None:
    impact_with(mini, "summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek "
                "færre saker.}", "summary: {nb: \"TODO: Sammendrag\", nn: Nokre tenester.}")
    result = check(mini)
    assert result.returncode == 1
    assert (f"{IMPACT}:6: error: The summary of the service impact 'alfa-2023' is still "
            "placeholder text (TODO).") in result.stdout
    assert '    | summary: {nb: "TODO: Sammendrag", nn: Nokre tenester.}\n' in result.stdout
    impact_with(mini, '"TODO: Sammendrag"', "Noen tjenester.")
    result = check(mini)
    assert result.returncode == 0 and "placeholder" not in result.stdout


def test_a_duplicate_impact_id_is_reported_at_the_id_line(mini: Path) -> None:
    other = mini / "content/data/impacts/alfa-copy.yaml"
    other.write_text("# a copy\n\n" + (mini / IMPACT).read_text(encoding="utf-8"),
                     encoding="utf-8")
    result = check(mini)
    assert result.returncode == 1
    # files are read in name order: alfa-copy.yaml first, so alfa.yaml is the second use
    assert ("content/data/impacts/alfa.yaml:1: error: The service impact id 'alfa-2023' is "
            "used twice (also in content/data/impacts/alfa-copy.yaml:3). Every id must be "
            "unique; rename one of them.\n"
            "    | id: alfa-2023\n") in result.stdout


def test_a_duplicate_service_id_is_reported_at_the_id_line(mini: Path) -> None:
    services = mini / "content/data/services.yaml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text + "- name: {nb: Igjen, nn: Igjen}\n  id: home-care\n",
                        encoding="utf-8")
    line = len(text.splitlines()) + 2
    out = check(mini).stdout
    assert (f"content/data/services.yaml:{line}: error: The service id 'home-care' is used "
            "twice (also in content/data/services.yaml:1). Every id must be unique; rename "
            "one of them.\n") in out
    assert "    |   id: home-care\n" in out


# ------------------------------------------------------------ a title copied by `new`


def new(project: Path, *args: str, lang: str = "en"):
    return run_cli("new", *args, "--clock", CLOCK, cwd=project,
                   env={**EN, "NOTICES_LANG": lang})


def test_new_marks_the_title_for_translation_and_check_warns_until_translated(
        mini: Path) -> None:
    result = new(mini, "announcement", "--slug", "beta-starter", "--municipality", "beta",
                 "--title", "Beta starter")
    assert result.returncode == 0, result.stderr
    assert ("The title is used as you wrote it in Bokmål; in Nynorsk it begins with "
            "'TODO: omset til nynorsk:' until you translate it.") in result.stdout
    nb = mini / "content/nb/kunngjoringer/beta-starter.md"
    nn = mini / "content/nn/kunngjeringar/beta-starter.md"
    assert 'title: "Beta starter"\n' in nb.read_text()
    assert 'title: "TODO: omset til nynorsk: Beta starter"\n' in nn.read_text()
    out = check(mini).stdout
    assert ("content/nn/kunngjeringar/beta-starter.md:2: warning: The title is not translated "
            "into Nynorsk yet. Translate it into Nynorsk and remove 'TODO: omset til nynorsk:'."
            '\n    | title: "TODO: omset til nynorsk: Beta starter"\n') in out
    assert "content/nb/kunngjoringer/beta-starter.md:2:" not in out
    nn.write_text(nn.read_text().replace("TODO: omset til nynorsk: Beta starter",
                                         "Beta startar"), encoding="utf-8")
    assert "beta-starter.md:2:" not in check(mini).stdout


def test_new_takes_the_title_as_nynorsk_when_the_editor_works_in_nynorsk(mini: Path) -> None:
    result = new(mini, "page", "--slug", "personvern", "--title", "Personvern for deg",
                 lang="nn")
    assert result.returncode == 0, result.stderr
    assert ("Tittelen er brukt slik du skreiv han, på nynorsk; på bokmål byrjar han med "
            "'TODO: oversett til bokmål:' til du har omsett han.") in result.stdout
    assert 'title: "Personvern for deg"' in (mini / "content/nn/personvern.md").read_text()
    assert 'title: "TODO: oversett til bokmål: Personvern for deg"' in \
        (mini / "content/nb/personvern.md").read_text()
    found = [f for f in findings(mini) if f["path"] == "content/nb/personvern.md"
             and f["line"] == 2]
    assert [f["message"] for f in found] == ["The title is not translated into Bokmål yet."]


def test_new_impact_title_the_nynorsk_line_is_flagged_and_publishing_it_fails(
        mini: Path) -> None:
    result = new(mini, "impact", "--id", "beta-2024", "--municipality", "beta", "--title",
                 "Beta: Noe redusert kapasitet")
    assert result.returncode == 0, result.stderr
    path = mini / "content/data/impacts/beta-2024.yaml"
    lines = path.read_text().splitlines()
    nn_line = lines.index('  nn: "TODO: omset til nynorsk: Beta: Noe redusert kapasitet"') + 1
    out = check(mini, "--drafts").stdout
    assert (f"content/data/impacts/beta-2024.yaml:{nn_line}: warning: The title of the service "
            "impact 'beta-2024' is not translated into Nynorsk yet.") in out
    assert f"content/data/impacts/beta-2024.yaml:{nn_line - 1}: warning: The title" not in out
    path.write_text(path.read_text().replace("draft: true\n", ""), encoding="utf-8")
    result = check(mini)
    assert result.returncode == 1
    assert (f"content/data/impacts/beta-2024.yaml:{nn_line}: error: The title of the service "
            "impact 'beta-2024' is still placeholder text (TODO).") in result.stdout


def test_the_guide_says_what_new_does_with_the_title() -> None:
    guide = (ROOT / "docs/redaktorrettleiing.md").read_text(encoding="utf-8")
    assert "TODO: omset til nynorsk:" in guide


def test_build_warns_about_a_published_title_not_yet_translated(mini: Path,
                                                                 tmp_path: Path) -> None:
    assert new(mini, "page", "--slug", "personvern", "--title", "Personvern").returncode == 0
    for rel in ("nb/personvern.md", "nn/personvern.md"):
        path = mini / "content" / rel
        path.write_text(path.read_text().replace("draft: true\n", ""), encoding="utf-8")
    result = run_cli("build", "--out", str(tmp_path / "site"), "--clock", CLOCK, cwd=mini,
                     env=EN)
    assert result.returncode == 0, result.stderr
    assert ("content/nn/personvern.md:2: warning: The title is not translated into Nynorsk "
            "yet.") in result.stderr
    assert "content/nb/personvern.md:2:" not in result.stderr


def test_a_translation_whose_source_has_another_key_names_the_file_to_fix(mini: Path) -> None:
    page(mini, "nn/om.md", "title: Om sida\ntranslation_key: om-sida\ntranslated_from: 3f2a9c1b")
    result = check(mini)
    assert result.returncode == 1
    assert ("content/nn/om.md:3: error: This page is marked as a translation, but no page in "
            "the other standard has the translation key 'om-sida'. If content/nb/om.md is the "
            "page it was translated from, write the line 'translation_key: om-sida' in it.\n"
            ) in result.stdout
    done = run_cli("translated", "content/nn/om.md", cwd=mini, env=EN)
    assert done.returncode == 1
    assert ("If content/nb/om.md is the page it was translated from, write the line "
            "'translation_key: om-sida' in it.") in done.stderr
    nb = mini / "content/nb/om.md"
    nb.write_text(nb.read_text().replace("---\n", "---\ntranslation_key: om-sida\n", 1),
                  encoding="utf-8")
    assert run_cli("translated", "content/nn/om.md", cwd=mini, env=EN).returncode == 0
    assert check(mini).returncode == 0
