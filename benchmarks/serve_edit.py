"""Benchmark: time from a saved edit to the rebuilt page on disk, at 2,000 pages.

Generates a seeded, reproducible project (1,000 announcements per standard,
400–600 words of Norwegian text each, with front matter and links) into a
temporary folder, builds it once with the incremental engine of `serve`
(in-process), then edits one page at a time and measures how long it takes
until the new text is in the page's HTML on disk.  Prints the median.

    python benchmarks/serve_edit.py [--pages 1000] [--edits 9] [--seed 2023]

The engine is told the saved file's path, as `serve` is by its file-system
watcher (watchfiles); the watcher's grouping of events (50 ms) comes on top.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.clock import resolve_clock  # noqa: E402
from generator.incremental import Engine  # noqa: E402
from generator.project import Project  # noqa: E402

CLOCK = "2023-10-30T12:00"
PLACES = ["alesund", "rauma", "aukra", "vestnes", "hustadvika", "molde", "midtre-gauldal",
          "holtalen"]
FOLDER = {"nb": "kunngjoringer", "nn": "kunngjeringar"}
SENTENCES = {
    "nb": [
        "Kommunen tar i bruk Helseplattformen denne høsten.",
        "De ansatte får opplæring før systemet blir slått på.",
        "Du får alltid nødvendig helsehjelp.",
        "Saker som haster, blir alltid prioritert.",
        "Noen tjenester kan ha litt lengre ventetid de første ukene.",
        "Helsestasjonen svarer på telefon som vanlig.",
        "Timer kan bli flyttet hvis det er nødvendig.",
        "Du får beskjed hvis timen din blir endret.",
        "Journalen din blir flyttet over til det nye systemet.",
        "Ingen opplysninger blir borte når systemet byttes.",
        "Fastlegen og legevakten bruker sine egne systemer.",
        "Hjemmetjenesten kommer på besøk som avtalt.",
        "Noen besøk kan bli kortere enn vanlig en periode.",
        "Ring kommunen hvis du lurer på noe.",
        "I HelsaMi kan du lese journalen din og sende meldinger.",
        "Du logger inn med BankID eller MinID.",
        "Sykehuset og kommunen deler de samme opplysningene om deg.",
        "Det gjør det enklere å gi deg riktig hjelp.",
        "Når det haster, ring legevakten på 116 117.",
        "Ved fare for liv, ring 113.",
        "Planen kan endre seg, og vi oppdaterer denne siden.",
        "Her står det som gjelder akkurat nå.",
        "Les mer om hva som skjer i din kommune.",
        "Mange kommuner i Midt-Norge bytter system trinn for trinn.",
    ],
    "nn": [
        "Kommunen tek i bruk Helseplattformen denne hausten.",
        "Dei tilsette får opplæring før systemet blir slått på.",
        "Du får alltid naudsynt helsehjelp.",
        "Saker som hastar, blir alltid prioriterte.",
        "Nokre tenester kan ha litt lengre ventetid dei første vekene.",
        "Helsestasjonen svarar på telefon som vanleg.",
        "Timar kan bli flytta viss det er naudsynt.",
        "Du får melding viss timen din blir endra.",
        "Journalen din blir flytta over til det nye systemet.",
        "Ingen opplysningar blir borte når systemet blir bytt.",
        "Fastlegen og legevakta bruker sine eigne system.",
        "Heimetenesta kjem på besøk som avtalt.",
        "Nokre besøk kan bli kortare enn vanleg ein periode.",
        "Ring kommunen viss du lurer på noko.",
        "I HelsaMi kan du lese journalen din og sende meldingar.",
        "Du loggar inn med BankID eller MinID.",
        "Sjukehuset og kommunen deler dei same opplysningane om deg.",
        "Det gjer det enklare å gi deg rett hjelp.",
        "Når det hastar, ring legevakta på 116 117.",
        "Ved fare for liv, ring 113.",
        "Planen kan endre seg, og vi oppdaterer denne sida.",
        "Her står det som gjeld akkurat no.",
        "Les meir om kva som skjer i kommunen din.",
        "Mange kommunar i Midt-Noreg byter system steg for steg.",
    ],
}
HEADINGS = {"nb": ["Hva skjer?", "Dette går som vanlig", "Når det haster", "Les mer"],
            "nn": ["Kva skjer?", "Dette går som vanleg", "Når det hastar", "Les meir"]}


def body(rng: random.Random, lang: str, n: int, pages: int) -> str:
    words_wanted = rng.randint(400, 600)
    parts, words, section = [], 0, 0
    while words < words_wanted:
        if words >= section * 130 and section < len(HEADINGS[lang]):
            parts.append(f"\n## {HEADINGS[lang][section]}\n")
            section += 1
        paragraph = [rng.choice(SENTENCES[lang]) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.5:
            other = rng.randrange(pages)
            paragraph.append(f"Se også [sak {other}](/{lang}/{FOLDER[lang]}/sak-{other:04d}/).")
        if rng.random() < 0.3:
            place = rng.choice(PLACES)
            paragraph.append(f"Les om [kommunen](/{lang}/"
                             f"{'kommuner' if lang == 'nb' else 'kommunar'}/{place}/).")
        text = " ".join(paragraph)
        words += len(text.split())
        parts.append(text + "\n")
    return "\n".join(parts)


def generate(root: Path, pages: int, seed: int) -> None:
    """A project with the default config and data and `pages` announcements per standard."""
    rng = random.Random(seed)
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content/config.yaml", root / "content/config.yaml")
    shutil.copytree(ROOT / "content/data", root / "content/data")
    for lang in ("nb", "nn"):
        folder = root / "content" / lang / FOLDER[lang]
        folder.mkdir(parents=True)
        title = {"nb": "Kunngjøringer", "nn": "Kunngjeringar"}[lang]
        (root / "content" / lang / "index.md").write_text(
            f"---\ntitle: Helseplattformen\nmenu: 1\n---\nSe [{title.lower()}]"
            f"(/{lang}/{FOLDER[lang]}/).\n", encoding="utf-8")
        (folder / "index.md").write_text(
            f"---\ntitle: {title}\ntranslation_key: announcements\nmenu: 2\n"
            f"list: announcements\n---\n{SENTENCES[lang][21]}\n", encoding="utf-8")
    for n in range(pages):
        places = rng.sample(PLACES, rng.randint(1, 2))
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        year = 2019 + n % 5
        for lang in ("nb", "nn"):
            word = {"nb": "Kunngjøring", "nn": "Kunngjering"}[lang]
            text = (f"---\ntitle: {word} nummer {n}\n"
                    f"description: {SENTENCES[lang][n % len(SENTENCES[lang])]}\n"
                    f"translation_key: sak-{n:04d}\ntype: announcement\n"
                    f"date: {year}-{month:02d}-{day:02d}\n"
                    f"municipalities: [{', '.join(places)}]\n---\n"
                    + body(rng, lang, n, pages))
            path = root / "content" / lang / FOLDER[lang] / f"sak-{n:04d}.md"
            path.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages per standard")
    ap.add_argument("--edits", type=int, default=9)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-edit-") as tmp:
        root = Path(tmp) / "project"
        generate(root, args.pages, args.seed)
        out = root / ".cache" / "preview"
        engine = Engine(Project(root), out, resolve_clock(CLOCK))
        started = time.perf_counter()
        first = engine.update()
        assert first.ok, [f.format() for f in first.findings]
        full = time.perf_counter() - started
        rng = random.Random(args.seed + 1)
        times, rendered = [], []
        for i in range(args.edits):
            n = rng.randrange(args.pages)
            lang = rng.choice(("nb", "nn"))
            source = root / "content" / lang / FOLDER[lang] / f"sak-{n:04d}.md"
            marker = f"Endring nummer {i} er lagret."
            source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n",
                              encoding="utf-8")
            saved = time.perf_counter()
            outcome = engine.poll([str(source)])
            target = out / lang / FOLDER[lang] / f"sak-{n:04d}" / "index.html"
            assert outcome is not None and outcome.ok and marker in target.read_text("utf-8")
            times.append((time.perf_counter() - saved) * 1000)
            rendered.append(sum(p.endswith(".html") for p in outcome.written))
    pages = 2 * args.pages + 2
    print(f"serve_edit: {pages} source pages ({len(engine.site.pages) if engine.site else 0} "
          f"HTML pages); first build {full:.2f} s")
    print(f"serve_edit: edit → rebuilt page on disk: median {statistics.median(times):.1f} ms "
          f"(min {min(times):.1f}, max {max(times):.1f}; {args.edits} edits, "
          f"median {statistics.median(rendered):.0f} pages re-rendered per edit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
