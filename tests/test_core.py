"""The core: pairing, fallback, switcher, hreflang, errors, atomic publish, determinism."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build, cli_env, read, run_cli, tree, without_search_script

from generator.invocation import python_command


def test_pages_in_both_languages_with_lang_attribute(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(mini, out)
    assert result.returncode == 0, result.stderr
    assert '<html lang="nb">' in read(out, "nb")
    assert '<html lang="nn">' in read(out, "nn")
    assert re.search(r"Built \d+ pages \(Bokmål \d+, Nynorsk \d+\)", result.stdout)


def test_pairing_by_translation_key_and_switcher(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    nb = read(out, "nb/kunngjoringer/alfa-start")
    nn = read(out, "nn/kunngjeringar/alfa-start")
    assert 'class="lang-switch" href="/nn/kunngjeringar/alfa-start/"' in nb
    assert 'class="lang-switch" href="/nb/kunngjoringer/alfa-start/"' in nn
    for page in (nb, nn):
        assert 'hreflang="nb" href="https://example.org/nb/kunngjoringer/alfa-start/"' in page
        assert 'hreflang="nn" href="https://example.org/nn/kunngjeringar/alfa-start/"' in page
        assert 'hreflang="x-default" href="https://example.org/nb/kunngjoringer/alfa-start/"' \
            in page


def test_missing_translation_falls_back_with_notice_and_lang(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(mini, out)
    page = read(out, "nn/om")
    assert '<html lang="nn">' in page
    assert "Denne sida finst berre på bokmål" in page
    assert '<article lang="nb">' in page
    assert "Tekst på bokmål." in page
    assert "content/nb/om.md: warning: No Nynorsk version" in result.stderr
    # the Bokmål page's switcher goes to the fallback, not to a 404
    assert 'class="lang-switch" href="/nn/om/"' in read(out, "nb/om")


def test_missing_bokmal_translation_says_so_in_bokmal(mini: Path, tmp_path: Path) -> None:
    (mini / "content/nn/berre-nn.md").write_text("---\ntitle: Berre her\n---\nTekst.\n")
    out = tmp_path / "site"
    build(mini, out)
    assert "Denne siden finnes bare på nynorsk" in read(out, "nb/berre-nn")


def test_base_path_prefixes_links(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(mini, out, "2023-10-30T12:00", "--base-path", "/hp/")
    assert result.returncode == 0, result.stderr
    page = read(out, "nb")
    assert 'href="/hp/nb/om/"' in page  # a Markdown link
    assert 'href="/hp/assets/style.css' in page
    assert 'rel="canonical" href="https://example.org/hp/nb/"' in page
    hrefs = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert hrefs and all(h.startswith("/hp/") for h in hrefs)


def test_root_page_offers_both_standards_without_script(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    root = (out / "index.html").read_text()
    assert 'href="/nb/"' in root and 'href="/nn/"' in root
    assert "<script" not in root


def test_dates_formatted_in_each_standard(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    assert "lørdag 28. oktober 2023 kl. 22.00" in read(out, "nb/kommuner/alfa")
    assert "laurdag 28. oktober 2023 kl. 22.00" in read(out, "nn/kommunar/alfa")
    assert '<time datetime="2023-10-28T22:00+02:00">' in read(out, "nb/kommuner/alfa")


def test_front_matter_error_names_file_and_line_and_keeps_site(mini: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    before = tree(out)
    page = mini / "content/nb/om.md"
    page.write_text("---\ntitle: Om\nmenu: 2\ntittel: feil\n---\nTekst\n")
    result = build(mini, out)
    assert result.returncode == 1
    assert "content/nb/om.md:4: error: Unknown key 'tittel'" in result.stderr
    assert "Did you mean 'title'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before


def test_yaml_syntax_error_has_line(mini: Path, tmp_path: Path) -> None:
    (mini / "content/nb/om.md").write_text("---\ntitle: Om\nmenu: [2\n---\nTekst\n")
    result = build(mini, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(r"content/nb/om\.md:\d+: error: ", result.stderr)


def test_source_date_epoch_is_the_clock(mini: Path, tmp_path: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1698663600")  # 2023-10-30T12:00+01:00
    a, b = tmp_path / "a", tmp_path / "b"
    run_cli("build", "--root", str(mini), "--out", str(a), env=env)
    build(mini, b)
    assert tree(a) == tree(b)


def test_usage_errors_exit_2(mini: Path, tmp_path: Path) -> None:
    assert run_cli("build", "--root", str(tmp_path)).returncode == 2
    assert run_cli("build", "--root", str(mini), "--clock", "tomorrow").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_external_requests_absent(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    for path in out.rglob("*.html"):
        text = without_search_script(path.relative_to(out).as_posix(), path.read_text())
        assert not re.search(r'(?:src|href)="(?:https?:)?//(?!example\.org)[^"]*\.(?:js|css)',
                             text)
        # data islands (JSON-LD) only: no script runs
        assert "<script" not in text.replace('<script type="application/ld+json">', "")


def test_help_answers_without_loading_the_rendering_libraries() -> None:
    """`--help` (and every argument error) must be instant: the heavy libraries load when a
    command runs.  Checked by what is imported, not by a timing."""
    code = ("import sys\nfrom generator.cli import parser\n"
            "for cmd in ('build', 'check', 'serve', 'new', 'translated'):\n"
            "    try:\n        parser().parse_args([cmd, '--help'])\n"
            "    except SystemExit:\n        pass\n"
            "heavy = {'jinja2', 'markdown', 'yaml', 'babel', 'livereload', 'tornado', 'sqlite3'}\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=cli_env(), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert f"usage: {python_command(cwd=str(ROOT))} -m generator serve" in result.stdout
