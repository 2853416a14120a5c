"""A corpus of broken and hostile input, each case with its exact expected outcome.

Every case starts from a fresh copy of tests/fixtures/mini, writes or changes a
few files, builds in-process (`generator.cli.main`) and checks the exit code,
the message (file:line included) and, for inputs that must build, the safe
output.  A traceback fails the case: the point is that there are none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CLOCK

from generator import cli

Edit = str | bytes | Callable[[Path], None]
PAGE_NB, PAGE_NN = "content/nb/om.md", "content/nn/om.md"
ANN_NB = "content/nb/kunngjoringer/alfa-start.md"
ANN_NN = "content/nn/kunngjeringar/alfa-start.md"
IMPACT, WAVES = "content/data/impacts/alfa.yaml", "content/data/waves.yaml"
PLACES = "content/data/municipalities.yaml"


def page(front: str, body: str = "Tekst.\n") -> str:
    return f"---\n{front}---\n{body}"


def changed(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace text in a file of the fixture (the text must be there)."""
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def link(target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.symlink_to(target(path))
    return edit


def outside_file(path: Path) -> Path:
    secret = path.parents[3] / "outside" / "hemmelig.md"  # beside the project folder
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(page("title: Hemmelig\n"), encoding="utf-8")
    return secret


def outside_folder(path: Path) -> Path:
    return outside_file(path).parent


def sparse(size: int) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        with open(path, "wb") as f:
            f.truncate(size)
    return edit


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    files: dict[str, Edit]  # path in the project -> new text, bytes, or an edit function
    code: int  # expected exit code
    expect: tuple[str, ...] = ()  # substrings of stderr
    html: tuple[tuple[str, str], ...] = ()  # (url, text the page must contain)
    not_html: tuple[tuple[str, str], ...] = ()  # (url, text the page must not contain)
    absent: tuple[str, ...] = ()  # urls that must not be published


C = Case
CASES = [
    # ---- YAML -----------------------------------------------------------------------------
    C("yaml", "syntax-error-unclosed-bracket", {PAGE_NB: page("title: Om\nmenu: [2\n")}, 1,
      ("content/nb/om.md:3: error: A list in [ ] or a block in { } is not closed.",)),
    C("yaml", "tab-indentation", {PAGE_NB: page("title: Om\n\tmenu: 2\n")}, 1,
      ("content/nb/om.md:3: error: A tab character is used for indentation. Indent with spaces",)),
    C("yaml", "duplicate-key", {PAGE_NB: page("title: Om\nmenu: 2\ntitle: Om igjen\n")}, 1,
      ("content/nb/om.md:4: error: The key 'title' is written twice in the same block "
       "(first on line 2).",)),
    C("yaml", "duplicate-key-in-data", {PLACES: changed(PLACES, "  county: Testfylke\n",
                                                        "  county: Testfylke\n  county: X\n")},
      1, ("content/data/municipalities.yaml:4: error: The key 'county' is written twice",)),
    C("yaml", "date-as-number", {ANN_NB: changed(ANN_NB, "date: 2023-10-20", "date: 20231020")},
      1, ("content/nb/kunngjoringer/alfa-start.md:4: error: 'date': '20231020' is a number, "
          "not a date. Write it as 2023-10-20.",)),
    C("yaml", "list-where-text-expected", {PAGE_NB: page("title: [Om, siden]\n")}, 1,
      ("content/nb/om.md:2: error: 'title' must be text, not a list.",)),
    C("yaml", "list-where-date-expected",
      {ANN_NB: changed(ANN_NB, "date: 2023-10-20", "date: [2023-10-20]")}, 1,
      ("alfa-start.md:4: error: 'date': is a list, not a date",)),
    C("yaml", "mapping-where-period-expected",
      {IMPACT: changed(IMPACT, "period: {start: 2023-10-27, end: 2023-11-17}",
                       "period: i november")}, 1,
      ("content/data/impacts/alfa.yaml:4: error: 'period' must be a block of 'key: value' "
       "lines, not text.",)),
    C("yaml", "date-where-period-expected",
      {IMPACT: changed(IMPACT, "period: {start: 2023-10-27, end: 2023-11-17}",
                       "period: 2023-10-27")}, 1,
      ("content/data/impacts/alfa.yaml:4: error: 'period' is written as the text "
       "'2023-10-27'; a period is written with 'start' and 'end'. Write the line as: "
       "period: {start: 2023-10-27}",)),
    C("yaml", "unknown-key-with-suggestion", {PAGE_NB: page("title: Om\ntittel: feil\n")}, 1,
      ("content/nb/om.md:3: error: Unknown key 'tittel' in the front matter. Did you mean "
       "'title'?",)),
    C("yaml", "unknown-key-in-data", {PLACES: changed(PLACES, "  county: Testfylke\n",
                                                      "  county: Testfylke\n  fylke: X\n")},
      1, ("content/data/municipalities.yaml:4: error: Unknown key 'fylke' in a municipality.",)),
    C("yaml", "template-key-is-unknown", {PAGE_NB: page("title: Om\ntemplate: ../../x\n")}, 1,
      ("content/nb/om.md:3: error: Unknown key 'template' in the front matter.",)),
    C("yaml", "empty-page-file", {PAGE_NB: ""}, 1,
      ("content/nb/om.md:1: error: The page has no front matter. Start the file with a line "
       "'---'",)),
    C("yaml", "empty-front-matter", {PAGE_NB: "---\n---\nTekst.\n"}, 1,
      ("content/nb/om.md:1: error: The front matter needs 'title'.",)),
    C("yaml", "only-front-matter-builds", {PAGE_NB: "---\ntitle: Bare tittel\n---\n"}, 0, (),
      (("nb/om", "<h1>Bare tittel</h1>"),)),
    C("yaml", "front-matter-never-closed", {PAGE_NB: "---\ntitle: Om\n\nTekst.\n"}, 1,
      ("content/nb/om.md:1: error: The front matter is never closed. Add a line with only "
       "'---'",)),
    C("yaml", "front-matter-is-not-keys", {PAGE_NB: page("bare tekst\n")}, 1,
      ("content/nb/om.md:2: error: The front matter must be a list of 'key: value' lines.",)),
    C("yaml", "colon-in-unquoted-value", {PAGE_NB: page("title: Merk: viktig: nå\n")}, 1,
      ("content/nb/om.md:2: error: A colon ':' is in a value where YAML does not allow it.",)),
    C("yaml", "empty-data-file", {"content/data/services.yaml": ""}, 1,
      ("content/data/impacts/alfa.yaml:10: error: Unknown service id 'home-care'. Add it to "
       "data/services.yaml first.",)),
    C("yaml", "data-file-not-a-list", {"content/data/services.yaml": "id: home-care\n"}, 1,
      ("content/data/services.yaml:1: error: services.yaml must be a list, each entry",)),
    C("yaml", "python-object-tag", {PAGE_NB: page("title: !!python/object:os.system x\n")}, 1,
      ("content/nb/om.md:2: error: The YAML type tag '!!python/object:os.system' is not used",)),
    C("yaml", "number-too-long", {PLACES: changed(PLACES, "12000", "1" * 5000)}, 1,
      ("content/data/municipalities.yaml:5: error: A number here is far too long to be read.",)),
    C("yaml", "nested-too-deep", {PAGE_NB: page("title: Om\nwaves: " + "[" * 100 + "]" * 100
                                                + "\n")}, 1,
      ("content/nb/om.md:3: error: The YAML is nested more than 60 levels deep",)),
    C("yaml", "municipality-number-without-quotes",
      {PLACES: changed(PLACES, 'number: "9901"', "number: 0301")}, 1,
      ("content/data/municipalities.yaml:4: error: YAML reads 0301 in 'number' as the number "
       "301, not as what was typed.", 'Put the value in quotes: number: "0301"')),
    C("yaml", "yes-no-is-not-true-false", {PAGE_NB: page("title: Om\ndraft: no\n")}, 1,
      ("content/nb/om.md:3: error: 'draft' must be true or false, not 'no'.",)),
    # ---- encodings ------------------------------------------------------------------------
    C("encoding", "utf8-bom-and-crlf-build",
      {PAGE_NB: b"\xef\xbb\xbf---\r\ntitle: Om \xc3\xa5pent\r\nmenu: 2\r\n---\r\nTekst\r\n"}, 0,
      (), (("nb/om", "<h1>Om åpent</h1>"),)),
    C("encoding", "latin-1", {PAGE_NB: page("title: Blåbær\n").encode("latin-1")}, 1,
      ("content/nb/om.md:2: error: The file is not UTF-8; it looks like Latin-1 (ISO-8859-1) "
       "or Windows-1252. Save it again with the encoding UTF-8.",)),
    C("encoding", "latin-1-data-file",
      {PLACES: "- id: alfa\n  name: Ålesund\n".encode("latin-1")}, 1,
      ("content/data/municipalities.yaml:2: error: The file is not UTF-8; it looks like "
       "Latin-1",)),
    C("encoding", "utf-16-with-bom", {PAGE_NB: page("title: Om\n").encode("utf-16")}, 1,
      ("content/nb/om.md: error: The file is saved as UTF-16, not UTF-8.",)),
    C("encoding", "utf-16-without-bom", {PAGE_NB: page("title: Om\n").encode("utf-16-le")}, 1,
      ("content/nb/om.md: error: The file is saved as UTF-16, not UTF-8.",)),
    C("encoding", "nul-byte", {PAGE_NB: b"---\ntitle: Om\n---\nTekst\x00 her\n"}, 1,
      ("content/nb/om.md:4: error: The file contains NUL bytes, so it is not a text file.",)),
    C("encoding", "control-character", {PAGE_NB: page("title: Om\x1b[0m\n")}, 1,
      ("content/nb/om.md:2: error: The file contains an invisible control character (U+001B).",)),
    C("encoding", "binary-file-named-md", {"content/nb/bilde.md": b"\x89PNG\r\n\x1a\n\x00\x00"},
      1, ("content/nb/bilde.md:3: error: The file contains NUL bytes",)),
    C("encoding", "binary-file-in-page-folder", {"content/nb/bilde.png": b"\x89PNG\r\n\x1a\n"},
      1, ("content/nb/bilde.png: error: Only Markdown files (.md) belong in content/nb/.",)),
    C("encoding", "binary-file-in-content-is-named", {"content/bilde.png": b"\x89PNG\x00"}, 0,
      ("content/bilde.png: warning: The site does not read this file or folder in content/.",)),
    C("encoding", "binary-file-in-impacts", {"content/data/impacts/x.xlsx": b"PK\x03\x04\x00"},
      1, ("content/data/impacts/x.xlsx: error: Only .yaml files belong in "
          "content/data/impacts/.",)),
    # ---- references -----------------------------------------------------------------------
    C("references", "unknown-municipality-in-page",
      {PAGE_NB: page("title: Om\nmunicipalities: [alfaa]\n")}, 1,
      ("content/nb/om.md:3: error: Unknown municipality or organisation id 'alfaa'. Did you "
       "mean 'alfa'?",)),
    C("references", "unknown-wave-in-page", {PAGE_NB: page("title: Om\nwaves: [w9]\n")}, 1,
      ("content/nb/om.md:3: error: Unknown wave id 'w9'.",)),
    C("references", "unknown-service-in-impact",
      {IMPACT: changed(IMPACT, "service: home-care", "service: home-kare")}, 1,
      ("content/data/impacts/alfa.yaml:10: error: Unknown service id 'home-kare'. Did you mean "
       "'home-care'?",)),
    C("references", "unknown-wave-member", {WAVES: changed(WAVES, "[alfa, test-hf]",
                                                           "[alfa, test-hff]")}, 1,
      ("content/data/waves.yaml:5: error: Unknown municipality or organisation id 'test-hff'.",)),
    C("references", "unknown-wave-in-impact", {IMPACT: changed(IMPACT, "municipalities: [alfa]",
                                                               "wave: w3")}, 1,
      ("content/data/impacts/alfa.yaml:2: error: Unknown wave id 'w3'.",)),
    C("references", "translation-key-pointing-nowhere",
      {PAGE_NB: page("title: Om\ntranslation_key: omm\ntranslated_from: 3f2a9c1b\n")}, 1,
      ("content/nb/om.md:3: error: This page is marked as a translation, but no page in the "
       "other standard has the translation key 'omm'.",)),
    C("references", "two-pages-same-key",
      {"content/nb/om-igjen.md": page("title: Om igjen\ntranslation_key: om\n")}, 1,
      ("content/nb/om.md: error: This page and content/nb/om-igjen.md are both the 'om' page "
       "in nb.",)),
    C("references", "two-pages-same-url",
      {"content/nb/om/index.md": page("title: Om igjen\ntranslation_key: annen\n")}, 1,
      ("content/nb/om.md:1: error: Two pages want the address /nb/om/: this one and "
       "content/nb/om/index.md.",)),
    C("references", "slug-takes-another-pages-url",
      {"content/nb/annen.md": page("title: Annen\nslug: om\n")}, 1,
      ("content/nb/annen.md:3: error: Two pages want the address /nb/om/",)),
    C("references", "page-takes-generated-url", {"content/nb/kommuner.md": page("title: K\n")},
      1, ("content/nb/kommuner.md:1: error: This page wants the address /nb/kommuner/, which "
          "the site uses for its generated places page.",)),
    C("references", "broken-record-gives-no-echo-errors",
      {PLACES: changed(PLACES, "  name: Alfa\n", "")}, 1,
      ("content/data/municipalities.yaml:1: error: 'name' is missing.",)),
    C("references", "duplicate-id", {PLACES: changed(PLACES, "- id: beta", "- id: alfa")}, 1,
      ("content/data/municipalities.yaml:8: error: The municipality or organisation id 'alfa' "
       "is used twice (also in content/data/municipalities.yaml:1).",)),
    C("references", "translation-disagrees-on-date",
      {ANN_NN: changed(ANN_NN, "date: 2023-10-20", "date: 2023-10-21")}, 1,
      ("content/nn/kunngjeringar/alfa-start.md:4: error: 'date' is 2023-10-21 here, but "
       "2023-10-20 in the Bokmål version content/nb/kunngjoringer/alfa-start.md:4.",)),
    C("references", "translation-disagrees-on-municipalities",
      {ANN_NN: changed(ANN_NN, "municipalities: [alfa]", "municipalities: [alfa, beta]")}, 1,
      ("content/nn/kunngjeringar/alfa-start.md:6: error: 'municipalities' is [alfa, beta] here,"
       " but [alfa] in the Bokmål version content/nb/kunngjoringer/alfa-start.md:6.",)),
    C("references", "translation-disagrees-on-type",
      {ANN_NN: changed(ANN_NN, "type: announcement\n", "")}, 1,
      ("content/nn/kunngjeringar/alfa-start.md:1: error: 'type' is page here, but announcement "
       "in the Bokmål version content/nb/kunngjoringer/alfa-start.md:3.",)),
    C("references", "misnamed-data-file-is-named", {"content/data/wave.yaml": "- id: w3\n"}, 0,
      ("content/data/wave.yaml: warning: The site does not read this file or folder in "
       "content/data/. Did you mean 'waves.yaml'?",)),
    # ---- hostile --------------------------------------------------------------------------
    C("hostile", "slug-climbs-out", {PAGE_NB: page("title: Om\nslug: ../../etc\n")}, 1,
      ("content/nb/om.md:3: error: The slug '../../etc' cannot be used in a web address.",)),
    C("hostile", "slug-absolute-path", {PAGE_NB: page("title: Om\nslug: /etc/passwd\n")}, 1,
      ("content/nb/om.md:3: error: The slug '/etc/passwd' cannot be used in a web address.",)),
    C("hostile", "base-path-climbs-out",
      {"content/config.yaml": changed("content/config.yaml", "base_path: /",
                                      "base_path: /../../")}, 1,
      ("content/config.yaml:2: error: base_path '/../../' may only hold letters",)),
    C("hostile", "symlinked-page-outside-project", {"content/nb/hemmelig.md": link(outside_file)},
      1, ("content/nb/hemmelig.md: error: This is a link to a folder, or to a file outside "
          "content/; links are not followed.",)),
    C("hostile", "symlinked-folder-outside-project", {"content/nb/ute": link(outside_folder)},
      1, ("content/nb/ute: error: This is a link to a folder",)),
    C("hostile", "symlinked-data-file-outside-project",
      {"content/data/services.yaml": link(lambda p: Path("/etc/passwd"))}, 1,
      ("content/data/services.yaml: error: This is a link to a file outside the project.",)),
    C("hostile", "script-in-title-and-description",
      {PAGE_NB: page('title: <script>alert(1)</script>\n'
                     'description: "\\"><script>alert(2)</script>"\nmenu: 2\n')}, 0, (),
      (("nb/om", "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
       ("nb/om", "<title>&lt;script&gt;alert(1)&lt;/script&gt;"),
       ("nb/om", "&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;")),
      (("nb/om", "<script>"), ("nb", "<script>"))),
    C("hostile", "script-in-data-fields",
      {IMPACT: changed(IMPACT, "title: {nb: Redusert kapasitet i Alfa,",
                       "title: {nb: \"<script>alert(1)</script>\",")}, 0, (),
      (("nb/redusert-kapasitet", "&lt;script&gt;alert(1)&lt;/script&gt;"),),
      (("nb/redusert-kapasitet", "<script>"),)),
    C("hostile", "raw-html-in-markdown-is-text",
      {PAGE_NB: page("title: Om\n", '<script>alert(1)</script>\n\n<b onclick="x">fet</b>\n')},
      0, (), (("nb/om", "&lt;script&gt;alert(1)&lt;/script&gt;"),
              ("nb/om", "&lt;b onclick=\"x\"&gt;fet&lt;/b&gt;")),
      (("nb/om", "<script>"), ("nb/om", "<b onclick"))),
    C("hostile", "javascript-links-in-markdown-removed",
      {PAGE_NB: page("title: Om\n", "[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(2)) "
                     "![c](javascript:alert(3)) [d](data:text/html,x) [ok](https://ok.no)\n"
                     "\n[e][r]\n\n[r]: vbscript:x\n")}, 0, (),
      (("nb/om", "<a>a</a>"), ("nb/om", 'href="https://ok.no"')),
      (("nb/om", "javascript:"), ("nb/om", "JaVaScRiPt"), ("nb/om", "data:text"),
       ("nb/om", "vbscript:"))),
    C("hostile", "event-attribute-via-attr-list",
      {PAGE_NB: page("title: Om\n", "Avsnitt\n{: onclick=\"alert(1)\" style=\"x:y\" }\n")},
      0, (), (("nb/om", "<p>Avsnitt</p>"),), (("nb/om", "onclick"),)),
    C("hostile", "javascript-link-in-data-field",
      {IMPACT: changed(IMPACT, 'contact: {phone: "+47 11 11 11 11"}',
                       'contact: {url: "javascript:alert(1)"}')}, 1,
      ("content/data/impacts/alfa.yaml:8: error: 'javascript:alert(1)' is not a web address.",)),
    C("hostile", "javascript-in-email-field",
      {"content/config.yaml": changed("content/config.yaml", "email: post@example.org",
                                      "email: \"javascript:alert(1)\"")}, 1,
      ("content/config.yaml:5: error: 'javascript:alert(1)' is not an e-mail address.",)),
    C("hostile", "file-of-50-mb", {PAGE_NB: sparse(50 * 1024 * 1024)}, 1,
      ("content/nb/om.md: error: The file is 50 MB; the limit is 2 MB.",)),
    C("hostile", "nested-list-10000-levels",
      {PAGE_NB: page("title: Om\n", "- " * 10_000 + "bunn\n")}, 0, (),
      (("nb/om", "<ul>\n<li>\n<ul>"),)),
    C("hostile", "nested-ordered-list-10000-levels",
      {PAGE_NB: page("title: Om\n", "1. " * 10_000 + "bunn\n")}, 0, (),
      (("nb/om", "<ol>\n<li>\n<ol>"),)),
    C("hostile", "nested-quotes-10000-levels",
      {PAGE_NB: page("title: Om\n", "> " * 10_000 + "bunn\n")}, 0, (),
      (("nb/om", "<blockquote>"),)),
    C("hostile", "nested-emphasis-10000-levels",
      {PAGE_NB: page("title: Om\n", "*" * 10_000 + "x" + "*" * 10_000 + "\n")}, 0),
    C("hostile", "unclosed-link-brackets-10000",
      {PAGE_NB: page("title: Om\n", "[" * 10_000 + "\n\n" + "[a](" * 10_000 + "\n\n[ok](/nb/)\n")},
      0, (), (("nb/om", "<p>[[[["), ("nb/om", '<a href="/nb/">ok</a>'))),
    C("hostile", "indented-list-1000-levels",
      {PAGE_NB: page("title: Om\n", "".join("  " * i + "- x\n" for i in range(1000)))}, 0),
    C("hostile", "own-template-includes-outside",
      {"templates/content.html": '{% include "../../../../etc/passwd" %}'}, 1,
      ("templates/content.html:1: error: The template '../../../../etc/passwd' was not found. "
       "Templates can only use files inside templates/",)),
    C("hostile", "own-template-syntax-error",
      {"templates/content.html": "<main>\n{% if %}\n</main>\n"}, 1,
      ("templates/content.html:2: error: The template cannot be read:",)),
    # ---- time -----------------------------------------------------------------------------
    C("time", "go-live-on-the-night-clocks-go-back",
      {WAVES: changed(WAVES, "go_live: 2023-10-28T22:00", "go_live: 2023-10-29T22:00")}, 0, (),
      (("nb/kommuner/alfa", '<time datetime="2023-10-29T22:00+01:00">'),
       ("nb/kommuner/alfa", "søndag 29. oktober 2023 kl. 22.00"))),
    C("time", "period-over-the-dst-switch",
      {IMPACT: changed(IMPACT, "start: 2023-10-27, end: 2023-11-17",
                       "start: 2023-10-28T22:00, end: 2023-10-29")}, 0, (),
      (("nb/redusert-kapasitet", 'datetime="2023-10-28T22:00+02:00"'),)),
    C("time", "time-that-does-not-exist",
      {PAGE_NB: page("title: Om\npublish: 2023-03-26T02:30\n")}, 1,
      ("content/nb/om.md:3: error: 'publish': '2023-03-26T02:30' does not exist in Norwegian "
       "time (the clocks jump forward an hour that night).",)),
    C("time", "hour-that-happens-twice-is-the-first",
      {WAVES: changed(WAVES, "go_live: 2023-10-28T22:00", "go_live: 2023-10-29T02:30")}, 0, (),
      (("nb/kommuner/alfa", '<time datetime="2023-10-29T02:30+02:00">'),)),
    C("time", "date-without-time-is-the-whole-day",
      {PAGE_NB: page("title: Om\npublish: 2023-10-30\n")}, 0, (), (("nb/om", "<h1>Om</h1>"),)),
    C("time", "date-without-time-not-yet",
      {PAGE_NB: page("title: Om\npublish: 2023-10-31\n")}, 0, (), (), (), ("nb/om", "nn/om")),
    C("time", "time-with-zone", {PAGE_NB: page("title: Om\npublish: 2023-10-28T22:00+02:00\n")},
      1, ("content/nb/om.md:3: error: 'publish': '2023-10-28T22:00+02:00' has a time zone; "
          "write Norwegian local time, without one. Write it as 2023-10-28T22:00.",)),
    C("time", "time-in-utc", {WAVES: changed(WAVES, "go_live: 2023-10-28T22:00",
                                             "go_live: 2023-10-28T20:00Z")}, 1,
      ("content/data/waves.yaml:3: error: 'go_live': '2023-10-28T20:00Z' has a time zone",
       "Write it as 2023-10-28T22:00.")),  # UTC, two hours behind Oslo in summer time
    C("time", "time-with-seconds", {PAGE_NB: page("title: Om\npublish: 2023-10-28T22:00:00\n")},
      1, ("content/nb/om.md:3: error: 'publish': '2023-10-28T22:00:00' has seconds",)),
    C("time", "impossible-date", {PAGE_NB: page("title: Om\nexpires: 2023-02-30\n")}, 1,
      ("content/nb/om.md:3: error: 'expires': '2023-02-30' is not a real date",)),
    C("time", "year-typo", {IMPACT: changed(IMPACT, "end: 2023-11-17", "end: 9999-11-17")}, 1,
      ("content/data/impacts/alfa.yaml:4: error: 'end': '9999-11-17' has the year 9999, which "
       "is outside 1900–2199",)),
    C("time", "period-ends-before-it-starts",
      {IMPACT: changed(IMPACT, "end: 2023-11-17", "end: 2023-10-17")}, 1,
      ("content/data/impacts/alfa.yaml:4: error: The period ends (2023-10-17) before it starts "
       "(2023-10-27).",)),
    C("time", "live-wave-in-the-future", {WAVES: changed(WAVES, "status: planned",
                                                         "status: live")}, 1,
      ("content/data/waves.yaml:12: error: Wave 'w2' is marked live, but its go-live "
       "(2024-autumn) is after the build clock.",)),
]


def apply(project: Path, files: dict[str, Edit]) -> None:
    for rel, edit in files.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(edit, bytes):
            path.write_bytes(edit)
        elif isinstance(edit, str):
            path.write_text(edit, encoding="utf-8")
        else:
            edit(path)


def html_of(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", [
    pytest.param(c, id=f"{c.group}:{c.name}",
                 marks=[pytest.mark.posix] if "symlink" in c.name else []) for c in CASES])
def test_bad_input(case: Case, mini: Path, tmp_path: Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
    apply(mini, case.files)
    out = tmp_path / "site"
    code = cli.main(["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK])
    stderr = capsys.readouterr().err
    assert code == case.code, stderr
    for text in case.expect:
        assert text in stderr, f"expected {text!r} in:\n{stderr}"
    if case.code == 1:  # the real problem, not a cascade of follow-on errors
        assert stderr.count(": error: ") <= 3, stderr
    assert "Traceback" not in stderr
    if case.code != 0:
        assert not out.exists(), "a failed build must not publish anything"
        assert "The site in" in stderr and "was not changed" in stderr
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")
                    and not p.name.endswith(".lock")], "staging folder left behind"
    for url, text in case.html:
        assert text in html_of(out, url), f"{text!r} not on /{url}/"
    for url, text in case.not_html:
        assert text not in html_of(out, url), f"{text!r} on /{url}/"
    for url in case.absent:
        assert not (out / url / "index.html").exists(), f"/{url}/ was published"


def test_corpus_size_per_group() -> None:
    groups: dict[str, int] = {}
    for case in CASES:
        groups[case.group] = groups.get(case.group, 0) + 1
    assert len(CASES) >= 30
    assert set(groups) == {"yaml", "encoding", "references", "hostile", "time"}
    assert len({c.name for c in CASES}) == len(CASES)
    print("corpus cases per group:", groups)


def test_periods_over_the_dst_switch_last_the_real_hours() -> None:
    from generator.when import Period, parse_when

    def hours(period: Period) -> float:  # real elapsed time, not wall-clock difference
        assert period.end_at is not None
        return (period.end_at.timestamp() - period.start_at.timestamp()) / 3600

    assert hours(Period(parse_when("2023-10-28"), parse_when("2023-10-29"))) == 24 + 25
    assert hours(Period(parse_when("2023-03-26"), parse_when("2023-03-26"))) == 23
    golive = parse_when("2023-10-29T22:00")
    assert golive.start.isoformat() == "2023-10-29T22:00:00+01:00"
    assert parse_when("2023-03-26T03:00").start.isoformat() == "2023-03-26T03:00:00+02:00"
