"""Messages to editors: in Bokmål by default, Nynorsk or English on request, never untranslated."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CLOCK, run_cli

from generator.errors import ERROR, Finding, format_findings, msg, suggest
from generator.i18n.catalogs import load_catalog
from generator.i18n.notices import Notices, choose_lang, load_notices
from generator.preview import PreviewApp
from generator.project import DEFAULT_THEME
from generator.validate import nearest, unknown_id_hint
from scripts.messages import fields, msg_calls

LOCALE = [DEFAULT_THEME / "locale"]


def env(**values: str) -> dict:
    """The test environment with NOTICES_LANG set (or removed when given as "")."""
    out = dict(os.environ)
    for key, value in values.items():
        if value:
            out[key] = value
        else:
            out.pop(key, None)
    return out


# -- every message has both translations --------------------------------------------------

def test_every_msg_call_has_a_literal_msgid() -> None:
    dynamic = [f"{c.path}:{c.line}" for c in msg_calls() if c.msgid is None]
    assert not dynamic, ("msg() needs a literal English text (Babel extracts it; the "
                         f"catalogs translate it); not a literal at: {dynamic}")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_msg_literal_is_translated(lang: str) -> None:
    known = load_catalog(LOCALE, lang).messages
    ids = sorted({c.msgid for c in msg_calls() if c.msgid})
    assert len(ids) > 200  # the walk found the messages (not an empty package)
    missing = [i for i in ids if not known.get(i)]
    assert not missing, (
        f"{len(missing)} editor message(s) have no {lang} translation. Run "
        "`python scripts/messages.py update`, then translate in "
        f"locale/{lang}/LC_MESSAGES/messages.po:\n" + "\n".join(missing))


def test_placeholders_match_the_arguments_given() -> None:
    wrong = []
    for call in msg_calls():
        if call.msgid is None:
            continue
        try:
            names = fields(call.msgid)
        except ValueError as exc:  # an unpaired brace: write literal braces twice
            wrong.append(f"{call.path}:{call.line}: {exc}: {call.msgid!r}")
            continue
        if names != set(call.keywords):
            wrong.append(f"{call.path}:{call.line}: placeholders {sorted(names)} but "
                         f"arguments {sorted(call.keywords)}: {call.msgid!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    known = load_catalog(LOCALE, lang).messages
    wrong = []
    for msgid in sorted({c.msgid for c in msg_calls() if c.msgid}):
        text = known.get(msgid)
        if text is None:
            continue
        try:
            same = fields(text) == fields(msgid)
        except ValueError:
            same = False
        if not same:
            wrong.append(f"{msgid!r} → {text!r}")
    assert not wrong, f"{lang}: a translation drops or adds a placeholder:\n" + "\n".join(wrong)


# -- the mechanism --------------------------------------------------------------------------

def test_language_flag_wins_over_environment_then_bokmal() -> None:
    assert choose_lang("nn", {"NOTICES_LANG": "en"}) == "nn"
    assert choose_lang(None, {"NOTICES_LANG": "nn"}) == "nn"
    assert choose_lang(None, {"NOTICES_LANG": " EN "}) == "en"
    assert choose_lang(None, {}) == "nb"
    assert choose_lang(None, {"NOTICES_LANG": "sv"}) == "nb"


def test_parameters_that_are_messages_are_translated_too() -> None:
    hint = msg("Did you mean '{word}'?", word="alfa")
    message = msg("error: Unknown municipality or organisation id '{id}'. {hint}", id="alfaa",
                  hint=hint)
    assert load_notices("nn")(message) == ("feil: Ukjend id for kommune eller organisasjon: "
                                           "'alfaa'. Meinte du 'alfa'?")
    assert load_notices("en")(message) == str(message) == (
        "error: Unknown municipality or organisation id 'alfaa'. Did you mean 'alfa'?")


def test_a_broken_translation_falls_back_to_english() -> None:
    notices = Notices("nb", {"Unknown wave id '{id}'.": "Ukjent id {wrong}."})
    assert notices(msg("Unknown wave id '{id}'.", id="pd9")) == "Unknown wave id 'pd9'."


def test_finding_quotes_its_line_and_keeps_path_line_first(tmp_path: Path) -> None:
    page = tmp_path / "content/nb/om.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Om\nphone: +4771166000\n---\n", encoding="utf-8")
    finding = Finding("content/nb/om.md", 3, ERROR,
                      msg("'{value}' is not a phone number that can be called.",
                          value="4771166000"))
    [text] = format_findings([finding], load_notices("nb"), tmp_path)
    assert text == ("content/nb/om.md:3: feil: '4771166000' er ikke et telefonnummer det går "
                    "an å ringe til.\n"
                    "    | phone: +4771166000")


def test_quotes_only_files_inside_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("password\n")
    project = tmp_path / "project"
    project.mkdir()
    finding = Finding("../secret.txt", 1, ERROR, msg("The page has no front matter."))
    assert "password" not in format_findings([finding], Notices(), project)[0]


def test_preview_error_page_is_in_the_chosen_language(tmp_path: Path) -> None:
    (tmp_path / "content/nn").mkdir(parents=True)
    (tmp_path / "content/nn/om.md").write_text("---\ntittel: Om\n---\n", encoding="utf-8")
    finding = Finding("content/nn/om.md", 2, ERROR,
                      msg("Unknown key '{key}' in {what}.", key="tittel",
                          what=msg("the front matter")), msg("Did you mean '{word}'?",
                                                             word="title"))
    app = PreviewApp(tmp_path, lambda: [finding], load_notices("nn"), tmp_path)
    page = app.error_page([finding])
    assert '<html lang="nn">' in page
    assert "Førehandsvisinga kan ikkje oppdaterast" in page
    assert ("content/nn/om.md:2: feil: Ukjend nøkkel &#39;tittel&#39; i front matter. "
            "Meinte du &#39;title&#39;?") in page
    assert "    | tittel: Om" in page


# -- through the command line ---------------------------------------------------------------

def _check(project: Path, *extra: str, **environment: str):
    return run_cli("check", "--root", str(project), "--clock", CLOCK, *extra,
                   env=env(**environment))


def test_bad_date_in_bokmal_and_nynorsk(mini: Path) -> None:
    page = mini / "content/nb/kunngjoringer/alfa-start.md"
    page.write_text(page.read_text().replace("date: 2023-10-20", "date: 2023-02-30"))
    nb = _check(mini, NOTICES_LANG="nb")
    assert nb.returncode == 1
    assert ("content/nb/kunngjoringer/alfa-start.md:4: feil: 'date': '2023-02-30' er ikke en "
            "virkelig dato (måneden har ikke den dagen). Skriv den som ÅÅÅÅ-MM-DD (år-måned-dag), "
            "med klokkeslett som ÅÅÅÅ-MM-DDTtt:mm.\n    | date: 2023-02-30\n") in nb.stdout
    # the missing Nynorsk om.md is reported in the same run (tests/test_one_run.py)
    assert nb.stdout.rstrip().endswith("Sjekken fant feil: 1 feil, 1 advarsel.")
    nn = _check(mini, NOTICES_LANG="nn")
    assert ("alfa-start.md:4: feil: 'date': '2023-02-30' er ikkje ein verkeleg dato (månaden "
            "har ikkje den dagen). Skriv han som ÅÅÅÅ-MM-DD (år-månad-dag), med klokkeslett som "
            "ÅÅÅÅ-MM-DDTtt:mm.") in nn.stdout
    assert nn.stdout.rstrip().endswith("Sjekken fann feil: 1 feil, 1 åtvaring.")


def test_unknown_place_id_with_suggestion(mini: Path) -> None:
    page = mini / "content/nn/kunngjeringar/alfa-start.md"
    page.write_text(page.read_text().replace("[alfa]", "[alfaa]"))
    nn = _check(mini, NOTICES_LANG="nn")
    assert ("content/nn/kunngjeringar/alfa-start.md:6: feil: Ukjend id for kommune eller "
            "organisasjon: 'alfaa'. Meinte du 'alfa'?\n    | municipalities: [alfaa]") in nn.stdout
    nb = _check(mini, NOTICES_LANG="")  # Bokmål when nothing is chosen
    assert ("alfa-start.md:6: feil: Ukjent id for kommune eller organisasjon: 'alfaa'. "
            "Mente du 'alfa'?") in nb.stdout


def test_yaml_syntax_error_in_both_standards_and_the_build_keeps_the_site(
        mini: Path, tmp_path: Path) -> None:
    (mini / "content/nb/om.md").write_text('---\ntitle: "Om oss\nmenu: 2\n---\nTekst\n')
    out = tmp_path / "site"
    nb = run_cli("build", "--root", str(mini), "--out", str(out), "--clock", CLOCK,
                 env=env(NOTICES_LANG="nb"))
    assert nb.returncode == 1 and not out.exists()
    assert ("content/nb/om.md:2: feil: Verdien på denne linjen starter med et "
            "anførselstegn (\") som ikke lukkes på linjen. Avslutt verdien med det samme "
            "rette anførselstegnet: title: \"Om oss\"\n    | title: \"Om oss\n") in nb.stderr
    assert "Byggingen stoppet: 1 feil." in nb.stderr
    nn = run_cli("build", "--root", str(mini), "--out", str(out), "--clock", CLOCK,
                 env=env(NOTICES_LANG="nn"))
    assert "content/nn" not in nn.stderr
    assert ("content/nb/om.md:2: feil: Verdien på denne lina startar med eit hermeteikn "
            "(\") som ikkje blir lukka på lina.") in nn.stderr
    assert "Bygginga stoppa: 1 feil." in nn.stderr


def test_lang_flag_overrides_the_environment(mini: Path) -> None:
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text().replace("title:", "tittel: x\ntitle:", 1))
    result = _check(mini, "--lang", "nn", NOTICES_LANG="en")
    assert "content/nb/om.md:2: feil: Ukjend nøkkel 'tittel' i front matter." in result.stdout
    english = _check(mini, "--lang", "en", NOTICES_LANG="nb")
    assert "content/nb/om.md:2: error: Unknown key 'tittel' in the front matter." \
        in english.stdout


def test_warnings_summary_and_json_are_translated(mini: Path) -> None:
    (mini / "content/nb/om.md").write_text("---\ntitle: Om\n---\n#### Dypt\n")
    text = _check(mini, "--strict", "--lang", "nn")
    assert "content/nb/om.md:4: åtvaring: Overskrifta hoppar frå nivå 1 til nivå 4. " \
           "Bruk ## her, så ingen nivå blir hoppa over.\n    | #### Dypt" in text.stdout
    assert "(--strict: åtvaringar tel som feil)" in text.stdout
    data = _check(mini, "--format", "json", "--lang", "nb")
    [heading] = [f for f in json.loads(data.stdout)["findings"] if f["code"] == "heading-level"]
    assert heading["message"] == "Overskriften hopper fra nivå 1 til nivå 4."
    assert heading["source"] == "#### Dypt" and heading["line"] == 4


def test_usage_errors_and_new_answer_in_norwegian(mini: Path) -> None:
    bad = run_cli("check", "--root", str(mini), "--strikt", env=env(NOTICES_LANG="nn"))
    assert bad.returncode == 2
    assert bad.stderr.startswith("bruk: ")
    assert "feil: ukjende argument: --strikt" in bad.stderr
    port = run_cli("serve", "--root", str(mini), "--port", "åtte", "--lang", "nb")
    assert "feil: argumentet --port: 'åtte' er ikke et helt tall" in port.stderr
    made = run_cli("new", "impact", "--root", str(mini), "--id", "beta-2024",
                   "--municipality", "alfa", "--clock", CLOCK, "--lang", "nn")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Laga desse filene; skriv teksten der det står TODO:\n")
    again = run_cli("new", "impact", "--root", str(mini), "--id", "beta-2024",
                    "--municipality", "alfa", "--clock", CLOCK, "--lang", "nb")
    assert "feil: Det finnes allerede en melding om redusert kapasitet med id-en " \
           "'beta-2024'. Velg en annen id." in again.stderr


def test_no_english_left_in_a_norwegian_check_of_broken_content(mini: Path) -> None:
    """Every line a Norwegian check prints about common mistakes is Norwegian."""
    (mini / "content/nb/om.md").write_text(
        "---\ntitle: Om\nmenu: ja\ndate: 2023-13-01\n---\n![](bilde.png)\n")
    result = _check(mini, "--lang", "nb")
    english = [line for line in result.stdout.splitlines()
               if not line.startswith("    | ") and any(
                   word in line.split() for word in ("the", "is", "not", "must", "error:"))]
    assert result.returncode == 1 and not english, english


def test_help_is_norwegian_and_lang_may_come_before_the_command(mini: Path) -> None:
    helped = run_cli("check", "--help", env=env(NOTICES_LANG="nn"))
    assert helped.returncode == 0
    from generator.invocation import python_command

    assert helped.stdout.startswith(f"bruk: {python_command()} -m generator check ")
    assert "vis denne hjelpa og avslutt" in helped.stdout
    assert "åtvaringar gir feil" in helped.stdout
    first = run_cli("--lang", "nn", "check", "--root", str(mini), "--clock", CLOCK,
                    env=env(NOTICES_LANG="en"))
    assert first.stdout.rstrip().endswith("Sjekken er godkjend: 0 feil, 1 åtvaring.")


def test_an_output_that_is_a_file_is_refused_in_norwegian(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("not a folder")
    result = run_cli("build", "--root", str(mini), "--out", str(target), "--clock", CLOCK,
                     env=env(NOTICES_LANG=""))
    assert result.returncode == 2 and "Traceback" not in result.stderr  # a usage error
    assert f"{target}: feil: " in result.stderr and "Ingenting ble bygd" in result.stderr
    assert target.read_text() == "not a folder"


# Words that give one written standard away in the other (Språkrådet's lists of
# forms; the usual slips when one is written from the other).
BOKMAL_ONLY = {"ikke", "hva", "hvordan", "hvor", "bare", "noe", "noen", "sykehus", "tjeneste",
               "tjenester", "mangler", "finnes", "hvis", "hver", "hvert", "uten", "filen",
               "siden", "lenken", "bildet", "navn", "navnet",
               # present tense of a-verbs: Nynorsk -ar (brukar, forklarar), Bokmål -er
               "bruker", "forklarer", "lager", "starter", "slutter", "endrer", "svarer",
               "trenger", "snakker", "leter"}
NYNORSK_ONLY = {"ikkje", "kva", "korleis", "kvar", "berre", "noko", "nokre", "sjukehus",
                "teneste", "tenester", "manglar", "finst", "viss", "utan", "fila", "sida",
                "lenkja", "biletet", "namn", "namnet", "vart", "eit", "ein", "frå", "meir",
                "dei", "desse", "ho"}


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[a-zæøåé]+", text.lower()))


@pytest.mark.parametrize("lang, foreign", [("nn", BOKMAL_ONLY), ("nb", NYNORSK_ONLY)])
def test_messages_are_written_in_their_own_standard(lang: str, foreign: set[str]) -> None:
    known = load_catalog(LOCALE, lang).messages
    wrong = []
    for msgid in sorted({c.msgid for c in msg_calls() if c.msgid}):
        text = known.get(msgid, "")
        slips = _words(text) & foreign - _words(msgid)  # a word quoted from the msgid is fine
        if slips:
            wrong.append(f"{sorted(slips)}: {text}")
    assert not wrong, f"{lang} messages with words of the other standard:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang, two, three", [
    ("nb", "Mente du {} eller {}?", "Mente du {}, {} eller {}?"),
    ("nn", "Meinte du {} eller {}?", "Meinte du {}, {} eller {}?"),
    ("en", "Did you mean {} or {}?", "Did you mean {}, {} or {}?"),
])
def test_the_suggested_ids_are_joined_in_the_language_of_the_messages(
        lang: str, two: str, three: str) -> None:
    notices = load_notices(lang)
    for ids, wording in ((["beta", "betb"], two), (["beta", "betb", "betc"], three)):
        near = [f"'{i}'" for i in nearest("betx", ids)]
        assert len(near) == len(ids)
        assert notices(unknown_id_hint("betx", ids, "x.yaml")) == wording.format(*near)


@pytest.mark.parametrize("word, choices, expected", [
    ("forfatter", ["footer", "title", "summary"], None),  # shares letters, not a typo
    ("titel", ["title", "summary"], "title"),
    ("sumary", ["title", "summary"], "summary"),
    ("tittel", ["title", "summary"], "title"),
])
def test_only_a_near_miss_is_suggested(word: str, choices: list[str],
                                       expected: str | None) -> None:
    hint = suggest(word, choices)
    assert (str(hint) if hint else None) == (
        f"Did you mean '{expected}'?" if expected else None)
