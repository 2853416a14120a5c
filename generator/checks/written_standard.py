"""Words of the other written standard: Bokmål words in Nynorsk text and the reverse.

Both standards are first-class, so a Nynorsk page that says «ikke» or «sykehuset» (often
text copied from the Bokmål page and not finished) is worth a warning, as is a Bokmål
page with «ikkje».  The check looks at each page's title, description and body, and at
every `nb:`/`nn:` text in the data files (content/data/).

Only words that belong to one standard alone are markers: the common pairs of
Språkrådet's lists (ikke/ikkje, hva/kva, hvordan/korleis, sykehus/sjukehus,
tjeneste/teneste …, ../shared/domain-notes.md), never a form both standards allow
(«også», «blir», «heim»).  Nouns count only in lower case, so a name such as
«Sykehuset Levanger» on a Nynorsk page is left alone, and so is anything inside
quotation marks (« », " "), where a title in the other standard may be quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.checks import Context
from generator.checks.plain_language import plain
from generator.checks.scan import lines
from generator.errors import Report, msg
from generator.i18n.notices import STANDARDS
from generator.load.yamlsrc import YamlError, YDict, YList, parse

# Bokmål form -> Nynorsk form.  Function words: any case.
NB_WORDS = {
    "ikke": "ikkje", "hva": "kva", "hvordan": "korleis", "hvorfor": "kvifor", "hvem": "kven",
    "hvor": "kvar", "hvilken": "kva for ein", "hvilke": "kva for", "noe": "noko",
    "noen": "nokon", "mye": "mykje", "jeg": "eg", "bare": "berre", "fra": "frå",
    "mer": "meir", "uten": "utan", "mens": "medan", "selv": "sjølv", "nå": "no",
    "hele": "heile", "flere": "fleire", "sammen": "saman", "tidligere": "tidlegare",
    "senere": "seinare", "vanlig": "vanleg", "kommer": "kjem", "gjør": "gjer",
    "gjøre": "gjere", "trenger": "treng", "vet": "veit",
}
# Nouns: lower case only (a capital may start a name).
NB_NOUNS = {
    "sykehus": "sjukehus", "sykehuset": "sjukehuset", "sykehusene": "sjukehusa",
    "tjeneste": "teneste", "tjenesten": "tenesta", "tjenester": "tenester",
    "tjenestene": "tenestene", "helsetjenesten": "helsetenesta",
    "helsetjenester": "helsetenester", "innbyggere": "innbyggjarar",
    "innbyggerne": "innbyggjarane", "kommuner": "kommunar", "kommunene": "kommunane",
    "uke": "veke", "uken": "veka", "uker": "veker", "ukene": "vekene", "enhet": "eining",
    "måned": "månad", "måneden": "månaden", "måneder": "månader", "dager": "dagar",
    "pasienter": "pasientar", "fastleger": "fastlegar", "sted": "stad", "stedet": "staden",
}
NN_WORDS = {
    "ikkje": "ikke", "kva": "hva", "korleis": "hvordan", "kvifor": "hvorfor", "kven": "hvem",
    "noko": "noe", "nokon": "noen", "mykje": "mye", "eg": "jeg", "berre": "bare",
    "frå": "fra", "meir": "mer", "utan": "uten", "medan": "mens", "sjølv": "selv",
    "heile": "hele", "fleire": "flere", "saman": "sammen", "tidlegare": "tidligere",
    "seinare": "senere", "vanleg": "vanlig", "kjem": "kommer", "gjer": "gjør",
    "gjere": "gjøre", "treng": "trenger", "veit": "vet", "dei": "de", "ein": "en",
    "eit": "et", "korfor": "hvorfor",
}
NN_NOUNS = {nn: nb for nb, nn in NB_NOUNS.items()}  # the same pairs, read the other way
# lang of the text -> (words of the other standard in any case, nouns in lower case)
FOREIGN = {"nn": (NB_WORDS, NB_NOUNS), "nb": (NN_WORDS, NN_NOUNS)}
WORD = re.compile(r"[^\W\d_]+")
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
SHOWN = 4  # words named in one warning


def foreign_words(text: str, lang: str) -> list[tuple[str, str]]:
    """The words of `text` (written in `lang`, "nb" or "nn") that belong to the other
    standard alone, as (word as written, its form in `lang`), first occurrence each, in
    order; quoted passages are skipped."""
    words, nouns = FOREIGN[lang]
    found: dict[str, str] = {}
    for word in WORD.findall(QUOTED.sub(" ", text)):
        low = word.lower()
        fix = words.get(low) or (nouns.get(word) if word == low else None)
        if fix and low not in found:
            found[low] = fix
    return list(found.items())


def _warn(report: Report, path: str, line: int | None, lang: str,
          found: list[tuple[str, str]]) -> None:
    other = "nb" if lang == "nn" else "nn"
    shown = found[:SHOWN]
    report.warn(path, line,
                msg("This {lang} text has {other} words: {words}.", lang=STANDARDS[lang],
                    other=STANDARDS[other], words=", ".join(f"«{w}»" for w, _ in shown)),
                msg("In {lang}, write {fixes}. A quotation in the other standard can stand "
                    "in « ».", lang=STANDARDS[lang],
                    fixes=", ".join(f"«{f}»" for _, f in shown)),
                code="other-standard")


def _page_texts(page: Any) -> Iterator[tuple[int | None, str]]:
    yield page.lines.get("title"), page.title
    if page.description:
        yield page.lines.get("description"), page.description
    for line in lines(page):
        yield line.number, plain(line.text)


def check_pages(ctx: Context, report: Report) -> None:
    """One warning per page, at the first line with a word of the other standard, naming
    up to SHOWN of them with their forms in the page's standard."""
    for page in ctx.sources:
        if page.lang not in FOREIGN:
            continue
        found: list[tuple[str, str]] = []
        first: int | None = None
        for line, text in _page_texts(page):
            new = [w for w in foreign_words(text, page.lang) if w not in found]
            if new and not found:
                first = line
            found += new
        if found:
            _warn(report, page.path, first, page.lang, found)


def _texts(value: Any) -> Iterator[tuple[str, int, str]]:
    """(lang, line, text) of every nb/nn text in parsed YAML."""
    if isinstance(value, YDict):
        for key, item in value.items():
            if key in FOREIGN and isinstance(item, str):
                yield key, value.line_of(key), item
            else:
                yield from _texts(item)
    elif isinstance(value, YList):
        for item in value:
            yield from _texts(item)


def data_files(ctx: Context) -> list[str]:
    """The data files the site was made from (paths as findings name them)."""
    data = ctx.site.data
    records: list[Any] = [*data.places.values(), *data.services.values(),
                          *data.waves.values(), *data.impacts]
    return sorted({r.origin.path for r in records if getattr(r, "origin", None)})


def check_data(ctx: Context, report: Report) -> None:
    """One warning per nb/nn text in the data files with words of the other standard."""
    for rel in data_files(ctx):
        try:
            parsed = parse((report.root / rel).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YamlError):
            continue  # reported where the file is loaded
        for lang, line, text in _texts(parsed):
            found = foreign_words(text, lang)
            if found:
                _warn(report, rel, line, lang, found)


def check(ctx: Context, report: Report) -> None:
    """Warnings for words of the other written standard in pages and data texts."""
    check_pages(ctx, report)
    check_data(ctx, report)


