"""The second corpus of hostile and careless input (issue 16), in the style of test_corpus.

Each case starts from a fresh copy of tests/fixtures/mini, changes a few files,
builds in-process (`generator.cli.main`) into a chosen output folder and checks
the exit code, the message and what was (not) published or destroyed.  A
traceback fails the case.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CLOCK, FIXTURES, tree
from test_corpus import ANN_NB, IMPACT, PAGE_NB, PLACES, Edit, apply, changed, html_of, page

from generator import cli

CONFIG = "content/config.yaml"
OutFn = Callable[[Path, Path], Path]  # (project, tmp_path) -> the --out folder


def link(target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        if path.is_dir() and not path.is_symlink():
            import shutil
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        path.symlink_to(target(path))
    return edit


def outside_folder(path: Path) -> Path:
    project = next(p for p in path.parents if p.name == "project")
    out = project.parent / "outside-folder"
    out.mkdir(exist_ok=True)
    (out / "content.html").write_text("SECRET", encoding="utf-8")
    return out


def loop(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)  # a link to itself


def fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def misspelt_po(path: Path) -> None:
    from generator.project import DEFAULT_THEME

    text = (DEFAULT_THEME / "locale/nb/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    wrong = 'msgstr "%(nmae)s tar i bruk Helseplattformen"'
    text = text.replace('msgstr "%(name)s tar i bruk Helseplattformen"', wrong)
    assert wrong in text
    path.write_text(text, encoding="utf-8")


def site_in(project: Path, tmp: Path) -> Path:
    return tmp / "site"


def foreign_folder(project: Path, tmp: Path) -> Path:
    home = tmp / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/letter.txt").write_text("Dear …", encoding="utf-8")
    (home / ".bashrc").write_text("alias x=y\n", encoding="utf-8")
    return home


def legacy_site(project: Path, tmp: Path) -> Path:
    """A site built before output folders carried a marker: it has build-state.json."""
    old = tmp / "old-site"
    (old / "nb").mkdir(parents=True)
    (old / "nb/index.html").write_text("<h1>old</h1>", encoding="utf-8")
    (old / "build-state.json").write_text(
        '{"generator": "0.1.0", "clock": "2023-10-01T12:00:00+02:00", "next_change": null}\n',
        encoding="utf-8")
    return old


def empty_folder(project: Path, tmp: Path) -> Path:
    (tmp / "empty").mkdir()
    return tmp / "empty"


def link_to_site(project: Path, tmp: Path) -> Path:
    (tmp / "real").mkdir()
    (tmp / "linked").symlink_to(tmp / "real")
    return tmp / "linked"


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    files: dict[str, Edit]
    code: int
    expect: tuple[str, ...] = ()
    html: tuple[tuple[str, str], ...] = ()
    not_html: tuple[tuple[str, str], ...] = ()
    out: OutFn = site_in
    args: tuple[str, ...] = ()
    keeps: OutFn | None = None  # a folder that must be left byte for byte


C = Case
# 313 bytes that PyYAML expands to 9**6 values (the alias bomb)
BOMB = ("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n")
OUT_REFUSED = "Nothing was built."
CASES = [
    # ---- 1. output folder -----------------------------------------------------------------
    C("out", "out-is-content", {}, 2, ("would replace the project's content/ folder",
                                       OUT_REFUSED), out=lambda p, t: p / "content",
      keeps=lambda p, t: p),
    C("out", "out-inside-content", {}, 2, ("would replace the project's content/ folder",),
      out=lambda p, t: p / "content/nb", keeps=lambda p, t: p),
    C("out", "out-new-folder-inside-content", {}, 2, ("content/ folder",),
      out=lambda p, t: p / "content/site", keeps=lambda p, t: p),
    C("out", "out-is-project-root", {}, 2, ("is or holds the project folder",),
      out=lambda p, t: p, keeps=lambda p, t: p),
    C("out", "out-holds-project", {}, 2, ("is or holds the project folder",),
      out=lambda p, t: t, keeps=lambda p, t: p),
    C("out", "out-is-templates", {"templates/x.html": "x"}, 2,
      ("would replace the project's templates/ folder",), out=lambda p, t: p / "templates",
      keeps=lambda p, t: p),
    C("out", "out-is-locale", {"locale/nb/x.po": ""}, 2, ("locale/ folder",),
      out=lambda p, t: p / "locale", keeps=lambda p, t: p),
    C("out", "out-is-git-folder", {".git/HEAD": "ref: refs/heads/main\n"}, 2,
      ("is not empty and was not made by a build",), out=lambda p, t: p / ".git",
      keeps=lambda p, t: p),
    C("out", "out-is-foreign-folder", {}, 2, ("is not empty and was not made by a build",),
      out=foreign_folder, keeps=lambda p, t: t / "home"),
    C("out", "out-names-a-file", {}, 2, ("is a file, not a folder",),
      out=lambda p, t: p / CONFIG, keeps=lambda p, t: p),
    C("out", "out-is-a-link", {}, 2, ("is a link",), out=link_to_site),
    C("out", "out-empty-folder-builds", {}, 0, (), (("nb/om", "<h1>Om siden</h1>"),),
      out=empty_folder),
    C("out", "out-site-from-before-markers-builds", {}, 0, (), (("nb", "Testsiden"),),
      out=legacy_site),
    C("out", "out-site-folder-inside-project-builds", {}, 0, (), (("nb/om", "<h1>Om siden</h1>"),),
      out=lambda p, t: p / "site"),
    # ---- 3. links out of the project ------------------------------------------------------
    C("links", "static-file-links-to-proc-environ",
      {"templates/static/env.txt": link(lambda p: Path("/proc/self/environ"))}, 1,
      ("templates/static/env.txt: error: This is a link to a folder, or to a file outside the "
       "project; links are not followed.",)),
    C("links", "static-file-links-to-etc-passwd",
      {"templates/static/passwd.css": link(lambda p: Path("/etc/passwd"))}, 1,
      ("templates/static/passwd.css: error: This is a link",)),
    C("links", "template-links-outside", {"templates/content.html": link(
        lambda p: Path("/etc/passwd"))}, 1, ("templates/content.html: error: This is a link",)),
    C("links", "templates-folder-links-outside", {"templates": link(outside_folder)}, 1,
      ("templates: error: This is a link",)),
    C("links", "static-folder-links-outside", {"templates/static": link(outside_folder)}, 1,
      ("templates/static: error: This is a link",)),
    C("links", "locale-links-outside", {"locale/nb/LC_MESSAGES/messages.po": link(
        lambda p: Path("/etc/passwd"))}, 1, ("locale/nb/LC_MESSAGES/messages.po: error: This is "
                                              "a link",)),
    C("links", "symlink-loop-in-content", {"content/nb/loop.md": loop}, 1,
      ("content/nb/loop.md: error: This link leads nowhere: it is broken or loops back to "
       "itself.",)),
    C("links", "broken-link-in-impacts", {"content/data/impacts/gone.yaml": link(
        lambda p: p.parent / "nothing.yaml")}, 1,
      ("content/data/impacts/gone.yaml: error: This link leads nowhere",)),
    C("links", "symlink-loop-in-templates", {"templates/partials/x.html": loop}, 1,
      ("templates/partials/x.html: error: This link leads nowhere",)),
    C("links", "link-inside-project-builds", {"templates/static/copy.css": link(
        lambda p: p.parent / "real.css"), "templates/static/real.css": "a{}"}, 0),
    # ---- 5. silent loss: what cannot be read ------------------------------------------------
    C("loss", "fifo-named-md", {"content/nb/fifo.md": fifo}, 1,
      ("content/nb/fifo.md: error: This is not a normal file (a FIFO, device or socket)",)),
    C("loss", "fifo-as-data-file", {"content/data/services.yaml": fifo}, 1,
      ("content/data/services.yaml: error: This is not a normal file",)),
    C("loss", "fifo-in-impacts", {"content/data/impacts/x.yaml": fifo}, 1,
      ("content/data/impacts/x.yaml: error: This is not a normal file",)),
    C("loss", "device-linked-as-page", {"content/nb/zero.md": link(lambda p: Path("/dev/zero"))},
      1, ("content/nb/zero.md: error: This is a link to a folder, or to a file outside "
          "content/",)),
    C("loss", "fifo-in-static", {"templates/static/pipe.css": fifo}, 1,
      ("templates/static/pipe.css: error: This is not a normal file",)),
    # ---- 8. names that collide --------------------------------------------------------------
    *[C("names", f"page-named-{name}", {f"content/nb/{name}.md": page("title: X\n")}, 1,
        (f"content/nb/{name}.md: error: This page's name '{name}' is the key of the generated "
         f"{name} page",)) for name in ("places", "timeline", "reductions", "search")],
    *[C("names", f"page-takes-generated-address-{rel}", {f"content/{rel}.md": page("title: X\n")},
        1, (f"content/{rel}.md:1: error: This page wants the address /{rel}/, which the site "
            f"uses for its generated {kind} page.",))
      for rel, kind in (("nb/tidslinje", "timeline"), ("nn/tidsline", "timeline"),
                        ("nb/redusert-kapasitet", "reductions"), ("nn/kommunar", "places"),
                        ("nb/kommuner/alfa", "place"))],
    C("names", "slug-takes-generated-address",
      {"content/nb/annen.md": page("title: A\nslug: tidslinje\n")}, 1,
      ("content/nb/annen.md:3: error: This page wants the address /nb/tidslinje/, which the site "
       "uses for its generated timeline page.",)),
    C("names", "translation-key-of-generated-page",
      {PAGE_NB: page("title: Om\ntranslation_key: places\n")}, 1,
      ("content/nb/om.md:3: error: The translation key 'places' belongs to a page the site "
       "generates.",)),
    *[C("names", f"windows-reserved-file-{name}", {f"content/nb/{name}": page("title: X\n")}, 1,
        (f"content/nb/{name}: error: The name '{name}' is reserved on Windows",))
      for name in ("con.md", "AUX.md", "nul.md", "prn.md", "com1.md", "lpt9.md", "con.txt.md")],
    C("names", "windows-reserved-folder", {"content/nb/aux/side.md": page("title: X\n")}, 1,
      ("content/nb/aux/side.md: error: The name 'aux' is reserved on Windows",)),
    C("names", "windows-reserved-data-file", {"content/data/impacts/con.yaml": (
        FIXTURES / "mini" / IMPACT).read_text(encoding="utf-8").replace("id: alfa-2023",
                                                                         "id: con-2023")}, 1,
      ("content/data/impacts/con.yaml: error: The name 'con.yaml' is reserved on Windows",)),
    C("names", "windows-reserved-template", {"templates/partials/nul.html": "x"}, 1,
      ("templates/partials/nul.html: error: The name 'nul.html' is reserved on Windows",)),
    *[C("names", f"windows-reserved-slug-{slug}", {PAGE_NB: page(f"title: Om\nslug: {slug}\n")},
        1, (f"content/nb/om.md:3: error: The slug '{slug}' is a name reserved on Windows",))
      for slug in ("aux", "con", "com3", "lpt1")],
    C("names", "windows-reserved-municipality-id",
      {PLACES: changed(PLACES, "- id: beta", "- id: aux")}, 1,
      ("content/data/municipalities.yaml:8: error: The id 'aux' is a name reserved on Windows",)),
    C("names", "names-like-reserved-build", {"content/nb/console.md": page("title: Konsoll\n"),
                                             "content/nb/auxiliary.md": page("title: X\n")},
      0, (), (("nb/console", "<h1>Konsoll</h1>"),)),
    # ---- 9. messages instead of tracebacks -------------------------------------------------
    C("tracebacks", "banner-days-a-million",
      {CONFIG: changed(CONFIG, "banner_days: 14", "banner_days: 1000000")}, 1,
      ("content/config.yaml:6: error: 'banner_days' must be at most 366.",)),
    C("tracebacks", "base-url-broken-ipv6",
      {CONFIG: changed(CONFIG, "base_url: https://example.org", "base_url: https://[x")}, 1,
      ("content/config.yaml:1: error: base_url 'https://[x' is not a site address.",)),
    C("tracebacks", "clock-year-one", {}, 2,
      ("error: The clock '0001-01-01T00:00' is outside the years 1900–2199",),
      args=("--clock", "0001-01-01T00:00")),
    C("tracebacks", "clock-year-9999", {}, 2, ("is outside the years 1900–2199",),
      args=("--clock", "9999-12-31T23:59")),
    C("tracebacks", "template-error-under-parallel-workers",
      {"templates/content.html": "<main>\n<p>x</p>\n{{ no_such_value.x }}\n</main>\n",
       PLACES: lambda p: p.write_text(p.read_text(encoding="utf-8") + "".join(
           f"- id: m{i}\n  name: Kommune {i}\n" for i in range(300)), encoding="utf-8")}, 1,
      ("templates/content.html:3: error: The template failed: 'no_such_value' is undefined.",),
      args=("--jobs", "2", "--no-cache")),
    C("tracebacks", "po-placeholder-misspelt", {"locale/nb/LC_MESSAGES/messages.po": misspelt_po},
      1, ("locale/nb/LC_MESSAGES/messages.po:", "uses the placeholder 'nmae', which the "
          "original text does not have.",)),
    # ---- 11. smaller ----------------------------------------------------------------------
    C("smaller", "inhabitants-with-leading-zero",
      {PLACES: changed(PLACES, "inhabitants: 12000", "inhabitants: 0700")}, 1,
      ("content/data/municipalities.yaml:5: error: 'inhabitants' is written '0700' with a "
       "leading zero, which YAML reads as another number. Write it without the leading zero, "
       "like 700.",)),
    C("smaller", "publish-time-without-date", {PAGE_NB: page("title: Om\npublish: 22:00\n")},
      1, ("content/nb/om.md:3: error: 'publish': '22:00' is not a date",)),
    C("smaller", "full-width-digits-in-municipality-number",
      {PLACES: changed(PLACES, 'number: "9901"', 'number: "９９０１"')}, 1,
      ("content/data/municipalities.yaml:4: error: The municipality number '９９０１' must be four "
       "digits 0–9.",)),
    C("smaller", "quotes-in-base-url",
      {CONFIG: changed(CONFIG, "base_url: https://example.org",
                       "base_url: 'https://example.org/\"><script>'")}, 1,
      ("content/config.yaml:1: error: base_url 'https://example.org/\"><script>' is not a site "
       "address.",)),
    C("smaller", "expires-before-publish",
      {PAGE_NB: page("title: Om\npublish: 2023-10-01\nexpires: 2023-09-01\n")}, 1,
      ("content/nb/om.md:4: error: 'expires' (2023-09-01) is not after 'publish' (2023-10-01), "
       "so the page would never be shown.",)),
    C("smaller", "expires-after-publish-builds",
      {PAGE_NB: page("title: Om\npublish: 2023-10-01\nexpires: 2023-11-01\n")}, 0, (),
      (("nb/om", "<h1>Om</h1>"),)),
    # ---- 4. bounded work ------------------------------------------------------------------
    C("bounded", "yaml-alias-bomb-313-bytes", {PAGE_NB: page(
        "title: Om\n" + BOMB)}, 1,
      ("content/nb/om.md:", "The aliases (*name) in this YAML expand to more than 10000 "
       "values.",)),
    C("bounded", "yaml-alias-bomb-in-data", {PLACES: "- id: alfa\n  name: A\n" + "\n".join(
        "  " + line for line in BOMB.splitlines()) + "\n"}, 1,
      ("content/data/municipalities.yaml:", "expand to more than 10000 values",)),
    C("bounded", "yaml-alias-within-budget-builds", {PAGE_NB: page(
        "title: &t Om oss\ndescription: *t\n")}, 0, (), (("nb/om", "<h1>Om oss</h1>"),)),
    C("bounded", "yaml-recursive-alias", {PAGE_NB: page("title: Om\nwaves: &w [*w]\n")}, 1,
      ("content/nb/om.md:3: error: An alias (*name) refers to the block it is written in.",)),
    C("bounded", "long-value-is-not-printed-whole",
      {PAGE_NB: page("title: Om\ndraft: " + "x" * 100_000 + "\n")}, 1,
      ("content/nb/om.md:3: error: 'draft' must be true or false",)),
    C("bounded", "24000-setext-headings", {PAGE_NB: page("title: Om\n", "a\n=\n" * 24_000)},
      1, ("content/nb/om.md:8005: error: The page has more than 4000 headings.",)),
    C("bounded", "hard-breaks-2mb", {PAGE_NB: page("title: Om\n", "a  \n" * 500_000)},
      1, ("content/nb/om.md:15004: error: The page has more than 15000 links",)),
    C("bounded", "table-300kb", {PAGE_NB: page("title: Om\n", "| a | b |\n|---|---|\n" +
                                                "| x | y |\n" * 30_000)},
      1, ("error: The page's tables have more than 30000 cells.",)),
    C("bounded", "headings-under-limit-build", {PAGE_NB: page("title: Om\n", "".join(
        f"Del {i}\n-----\nTekst {i}.\n\n" for i in range(300)))}, 0, (),
      (("nb/om", '<h2 id="del-299">Del 299</h2>'),)),
    # ---- 6. control characters and character references -------------------------------------
    C("controls", "yaml-escape-x01", {PAGE_NB: page('title: "Om\\x01"\n')}, 1,
      ("content/nb/om.md:2: error: A value holds an invisible control character (U+0001), "
       "written as an escape.",)),
    C("controls", "yaml-escape-x0b-in-data", {IMPACT: changed(
        IMPACT, "title: {nb: Redusert kapasitet i Alfa,", 'title: {nb: "Redusert\\x0b",')}, 1,
      ("content/data/impacts/alfa.yaml:5: error: A value holds an invisible control character "
       "(U+000B)",)),
    C("controls", "yaml-escape-u0085-in-list", {PAGE_NB: page(
        'title: Om\nmunicipalities: [alfa, "be\\u0085ta"]\n')}, 1,
      ("content/nb/om.md:3: error: A value holds an invisible control character (U+0085)",)),
    C("controls", "yaml-escape-in-key", {PAGE_NB: page('title: Om\n"ti\\x1bt": x\n')}, 1,
      ("content/nb/om.md:3: error: A value holds an invisible control character (U+001B)",)),
    C("controls", "char-ref-zero-in-body", {ANN_NB: changed(ANN_NB, "Alfa tar i bruk",
                                                            "Alfa &#0; tar i bruk")}, 1,
      ("content/nb/kunngjoringer/alfa-start.md:8: error: The character reference '&#0;' names "
       "no character that can be shown.",)),
    C("controls", "char-ref-hex-control", {PAGE_NB: page("title: Om\n", "A &#x1b; b\n")}, 1,
      ("content/nb/om.md:4: error: The character reference '&#x1b;'",)),
    C("controls", "char-ref-surrogate", {PAGE_NB: page("title: Om\n", "A &#xD800; b\n")}, 1,
      ("content/nb/om.md:4: error: The character reference '&#xD800;'",)),
    C("controls", "char-ref-too-big", {PAGE_NB: page("title: Om\n", "A &#1114112; b\n")}, 1,
      ("content/nb/om.md:4: error: The character reference '&#1114112;'",)),
    C("controls", "char-ref-c1-windows-1252", {PAGE_NB: page("title: Om\n", "&#150;\n")}, 1,
      ("content/nb/om.md:4: error: The character reference '&#150;'",)),
    C("controls", "char-refs-that-are-fine-build",
      {PAGE_NB: page("title: Om\n", "&#229; &#xE6; &#9; &#10; &amp; &#8211;\n")}, 0, (),
      (("nb/om", "å æ"),)),
]


def run(case: Case, project: Path, tmp: Path, capsys: pytest.CaptureFixture[str]
        ) -> tuple[int, str, Path]:
    apply(project, case.files)
    out = case.out(project, tmp)
    kept = case.keeps(project, tmp) if case.keeps else None
    before = tree(kept) if kept else None
    code = cli.main(["build", "--root", str(project), "--out", str(out), "--clock", CLOCK,
                     "--jobs", "1", *case.args])
    stderr = capsys.readouterr().err
    if kept:
        assert tree(kept) == before, "the build changed a folder it must leave alone"
    return code, stderr, out


POSIX_GROUPS = ("links", "loss")


def params(cases: list[Case]) -> list[object]:
    """Cases as pytest params; those that make links or FIFOs are marked `posix`."""
    return [pytest.param(c, id=f"{c.group}:{c.name}",
                         marks=[pytest.mark.posix] if c.group in POSIX_GROUPS
                         or "link" in c.name else []) for c in cases]


@pytest.mark.parametrize("case", params(CASES))
def test_bad_input(case: Case, mini: Path, tmp_path: Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
    code, stderr, out = run(case, mini, tmp_path, capsys)
    assert code == case.code, stderr
    for text in case.expect:
        assert text in stderr, f"expected {text!r} in:\n{stderr}"
    assert "Traceback" not in stderr
    assert len(stderr) < 5000, "a value was printed whole"
    if case.code == 1:
        assert stderr.count(": error: ") <= 3, stderr
        assert "was not changed" in stderr
    for url, text in case.html:
        assert text in html_of(out, url), f"{text!r} not on /{url}/"
    for url, text in case.not_html:
        assert text not in html_of(out, url), f"{text!r} on /{url}/"
    if case.code == 0:
        assert (out / ".notices-site").is_file()


def test_second_build_into_a_built_folder_and_marker(mini: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    args = ["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK, "--jobs", "1"]
    assert cli.main(args) == 0
    (out / "stray.txt").write_text("made by hand", encoding="utf-8")
    assert cli.main(args) == 0  # the marker says a build made it: it may be replaced
    assert not (out / "stray.txt").exists()
    (out / ".notices-site").unlink()
    (out / "build-state.json").unlink()
    assert cli.main(args) == 2
    assert "was not made by a build" in capsys.readouterr().err


def test_another_build_running_is_a_message(mini: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import filelock

    out = tmp_path / "site"
    with filelock.FileLock(tmp_path / ".site.lock"):  # as a running build holds it
        code = cli.main(["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK])
    stderr = capsys.readouterr().err
    assert code == 2, stderr
    assert "Another build is running" in stderr and "Traceback" not in stderr
    assert not out.exists()


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EROFS", "EACCES"])
def test_full_or_read_only_disk_is_a_message(mini: Path, tmp_path: Path, errno_name: str,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from generator.commands import build as build_cmd

    out = tmp_path / "site"
    args = ["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK, "--jobs", "1"]
    assert cli.main(args) == 0
    before = tree(out)
    number = getattr(errno, errno_name)

    def disk_says_no(folder: Path, files: object) -> dict[str, int]:
        raise OSError(number, os.strerror(number), str(folder / "nb/index.html"))

    monkeypatch.setattr(build_cmd, "write_tree", disk_says_no)
    code = cli.main(args)
    stderr = capsys.readouterr().err
    assert code == 2, stderr
    assert "The site cannot be written" in stderr and os.strerror(number) in stderr
    assert "Traceback" not in stderr
    assert tree(out) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_fallback_swap_without_renameat2(mini: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The sequence used on macOS and Windows publishes the same site."""
    from generator import publish

    out = tmp_path / "site"
    args = ["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK, "--jobs", "1"]
    assert cli.main(args) == 0
    linux = tree(out)
    monkeypatch.setattr(publish, "_renameat2_exchange", lambda a, b: False)
    page_nb = mini / PAGE_NB
    page_nb.write_text(page_nb.read_text(encoding="utf-8") + "\nNy linje.\n", encoding="utf-8")
    assert cli.main(args) == 0
    assert "Ny linje." in html_of(out, "nb/om")
    def pages(files: dict[str, bytes]) -> set[str]:  # the search index's names hash the text
        return {p for p in files if not p.startswith("search/")}

    assert pages(tree(out)) == pages(linux)
    assert not [p for p in tmp_path.iterdir() if ".old-" in p.name or ".tmp-" in p.name]


@pytest.mark.posix
def test_killed_between_fallback_renames_puts_old_site_back(mini: Path, tmp_path: Path) -> None:
    from generator.publish import clean_leftovers

    out = tmp_path / "site"
    assert cli.main(["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK]) == 0
    before = tree(out)
    out.rename(tmp_path / ".site.old-4242")  # step 1 done, killed before step 2
    clean_leftovers(out)
    assert tree(out) == before


def test_publish_does_not_need_fcntl() -> None:
    """Windows has no fcntl: build, check and serve must import without it."""
    import subprocess
    import sys

    from conftest import ROOT, cli_env

    code = ("import sys; sys.modules['fcntl'] = None\n"
            "import generator.publish, generator.commands.build, generator.commands.check\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=cli_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


_ = (ANN_NB, IMPACT, PLACES, changed, page)  # used by the groups below


@pytest.mark.parametrize("folder", ["content/data/impacts", "content/nb/kunngjoringer"])
def test_unreadable_folder_is_an_error(folder: str, mini: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """As root every folder is readable, so the refusal of the OS is simulated."""
    real = os.scandir
    target = os.fspath(mini / folder)

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == target:  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", target)
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "site"
    code = cli.main(["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"{folder}: error: This folder cannot be read, so everything in it would be " \
        "missing from the site." in err
    assert not out.exists()


@pytest.mark.parametrize("epoch", ["99999999999999", "253402300800", "7258118400"])
def test_far_future_source_date_epoch_is_a_message(epoch: str, mini: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code = cli.main(["build", "--root", str(mini), "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"SOURCE_DATE_EPOCH='{epoch}' is after the year 2199" in err


@pytest.mark.parametrize("title", ["Linje 1\nLinje 2", "Tittel\r", "Tab\tinne", "Esc\x1b[31m",
                                   "   ", "Linje\u2028skift"])
def test_new_title_must_be_one_line(title: str, mini: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(mini)
    code = cli.main(["new", "page", "--root", str(mini), "--slug", "ny-side", "--title", title])
    assert code == 2
    assert "The title must be one line of text" in capsys.readouterr().err
    assert tree(mini) == before  # nothing written


def test_new_title_that_is_fine_builds(mini: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "page", "--root", str(mini), "--slug", "ny-side",
                     "--title", 'Kva skjer: "nytt" no']) == 0
    code = cli.main(["build", "--root", str(mini), "--out", str(tmp_path / "site"),
                     "--clock", CLOCK, "--drafts"])
    assert code == 0, capsys.readouterr().err
