"""A synthetic, reproducible project: N pages per written standard plus matching data.

    python benchmarks/synth.py --pages 5000 --out benchmarks/.work/p5000

Pages are realistic-looking Norwegian notices (400–600 words with headings, a
list, a table and links); about a third of the announcements are tagged with
municipality ids, some with a wave.  The data has ~70 municipalities, a few
organisations, waves, services and impacts.  The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

SEED = 20231030
N_MUNICIPALITIES = 70

NB_WORDS = (
    "kommunen helseplattformen innbyggerne tjenestene journal pasienten helsehjelp "
    "ansatte opplæring kapasitet hjemmetjenesten helsestasjonen legevakten fastlegen "
    "sykehuset systemet overgangen uken dagen måneden tiden endringen beskjed "
    "informasjon spørsmål svar telefon timen avtalen behandlingen oppfølging tilbudet "
    "og i på for med til som at det er blir kan skal får har ikke også når hvis derfor "
    "nye gamle viktige flere færre raskere senere tidligere vanlig redusert trygg "
    "alle mange noen hver første siste neste"
).split()
NN_WORDS = (
    "kommunen helseplattformen innbyggjarane tenestene journal pasienten helsehjelp "
    "tilsette opplæring kapasitet heimetenesta helsestasjonen legevakta fastlegen "
    "sjukehuset systemet overgangen veka dagen månaden tida endringa beskjed "
    "informasjon spørsmål svar telefon timen avtalen behandlinga oppfølging tilbodet "
    "og i på for med til som at det er blir kan skal får har ikkje òg når viss difor "
    "nye gamle viktige fleire færre raskare seinare tidlegare vanleg redusert trygg "
    "alle mange nokre kvar første siste neste"
).split()
NAME_PARTS = ("Nord", "Sør", "Øst", "Vest", "Indre", "Ytre", "Midtre", "Øvre", "Nedre")
NAME_ROOTS = ("fjord", "dal", "vik", "nes", "ås", "heim", "stad", "øy", "sund", "berg", "land",
              "bø", "rud", "voll", "haug", "li", "strand", "gard")
NAME_FIRST = ("Aur", "Bjør", "Eid", "Fros", "Gjem", "Hal", "Inn", "Kvi", "Lev", "Mel", "Orn",
              "Rind", "Sel", "Skaun", "Tyd", "Ver", "Åfj", "Surn", "Oppd", "Holt")
COUNTIES = ("Trøndelag", "Møre og Romsdal")
SERVICES = (("home-care", "Hjemmetjenester", "Heimetenester"),
            ("health-station", "Helsestasjon", "Helsestasjon"),
            ("school-health", "Skolehelsetjenesten", "Skulehelsetenesta"),
            ("midwife", "Jordmortjenesten", "Jordmortenesta"),
            ("health-care", "Helse og omsorg", "Helse og omsorg"),
            ("phone", "Telefon og henvendelser", "Telefon og førespurnader"))
ANN_DIR = {"nb": "kunngjoringer", "nn": "kunngjeringar"}
PAGE_DIR = {"nb": "sider", "nn": "sider"}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    county: str
    number: str


def places(rng: random.Random) -> list[Place]:
    seen: set[str] = set()
    out = []
    while len(out) < N_MUNICIPALITIES:
        name = rng.choice(NAME_FIRST) + rng.choice(NAME_ROOTS)
        if rng.random() < 0.3:
            name = rng.choice(NAME_PARTS) + "-" + name
        pid = slug(name)
        if pid in seen:
            continue
        seen.add(pid)
        out.append(Place(pid, name, rng.choice(COUNTIES), f"{5000 + len(out):04d}"))
    return out


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    return text.translate(table).lower().replace(" ", "-")


def sentence(rng: random.Random, words: list[str], lo: int = 7, hi: int = 16) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(lo, hi))]
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen) + "."


def paragraph(rng: random.Random, words: list[str]) -> str:
    return " ".join(sentence(rng, words) for _ in range(rng.randint(3, 6)))


def body(rng: random.Random, lang: str, pl: list[Place], target: int) -> str:
    words = NB_WORDS if lang == "nb" else NN_WORDS
    place = rng.choice(pl)
    section = "kommuner" if lang == "nb" else "kommunar"
    blocks: list[str] = [paragraph(rng, words)]
    blocks.append(paragraph(rng, words).replace(
        ".", f" i [{place.name}](/{lang}/{section}/{place.id}/).", 1))
    blocks.append("## " + sentence(rng, words, 3, 6).rstrip("."))
    blocks.append(paragraph(rng, words))
    blocks.append("\n".join("- " + sentence(rng, words, 4, 9) for _ in range(rng.randint(3, 6))))
    blocks.append("## " + sentence(rng, words, 3, 6).rstrip("."))
    head = ("Tjeneste", "Fra", "Til") if lang == "nb" else ("Teneste", "Frå", "Til")
    rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | --- | --- |"]
    for _ in range(rng.randint(3, 5)):
        s = rng.choice(SERVICES)
        day = rng.randint(1, 28)
        rows.append(f"| {s[1] if lang == 'nb' else s[2]} | {day}. oktober | {day}. november |")
    blocks.append("\n".join(rows))
    text = "\n\n".join(blocks)
    n = len(text.split())
    while n < target:
        if rng.random() < 0.25:
            blocks.append("### " + sentence(rng, words, 3, 6).rstrip("."))
        para = paragraph(rng, words)
        if rng.random() < 0.3:
            para += " Les mer på [helseplattformen.no](https://www.helseplattformen.no/)."
        blocks.append(para)
        n += len(para.split())
    return "\n\n".join(blocks) + "\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_data(root: Path, rng: random.Random, pl: list[Place]) -> list[str]:
    data = root / "content" / "data"
    (data / "impacts").mkdir(parents=True)
    (root / "content" / "config.yaml").write_text(
        "base_url: https://example.org\nbase_path: /\ndefault_language: nb\n"
        'site_name: {nb: "Helseplattformen – informasjon", nn: "Helseplattformen – informasjon"}\n'
        'tagline: {nb: "Syntetisk testnettsted", nn: "Syntetisk testnettstad"}\n'
        'organisation: {nb: "Eksempel", nn: "Døme"}\n'
        "contact: {email: post@example.org, phone: \"+47 00 00 00 00\"}\n"
        "banner_days: 14\n", encoding="utf-8")
    (data / "services.yaml").write_text("".join(
        f"- id: {sid}\n  name: {{nb: {quote(nb)}, nn: {quote(nn)}}}\n"
        for sid, nb, nn in SERVICES), encoding="utf-8")
    lines = []
    for p in pl:
        lines.append(f"- id: {p.id}\n  name: {p.name}\n  county: {p.county}\n"
                     f"  number: \"{p.number}\"\n  inhabitants: {rng.randint(800, 60000)}\n"
                     f"  inhabitants_as_of: 2023-01-01\n"
                     f"  language: {rng.choice(('nb', 'nn', 'neutral'))}\n"
                     f"  website: https://www.{p.id}.kommune.no\n")
    (data / "municipalities.yaml").write_text("\n".join(lines), encoding="utf-8")
    (data / "organisations.yaml").write_text(
        "- id: test-hf\n  name: Test HF\n  county: Trøndelag\n  kind: hospital-trust\n"
        "  website: https://example.org/hf\n", encoding="utf-8")
    waves = []
    ids = [p.id for p in pl]
    per = len(ids) // 7
    wave_ids = []
    for i in range(7):
        wid = f"pd{i + 1}"
        wave_ids.append(wid)
        members = ids[i * per:(i + 1) * per]
        if i < 4:
            go, status = f"202{1 + i // 2}-0{3 + i}-2{i}T22:00", "live"
        elif i == 4:
            go, status = "2023-11-03T22:00", "confirmed"
        else:
            go, status = f"2024-{'autumn' if i == 5 else '09'}", "planned"
        waves.append(f"- id: {wid}\n  name: {wid.upper()}\n  go_live: {go}\n"
                     f"  status: {status}\n  members: [{', '.join(members)}]\n"
                     f"  description: {{nb: {quote('Bølge ' + wid)}, "
                     f"nn: {quote('Bølgje ' + wid)}}}\n")
    (data / "waves.yaml").write_text("\n".join(waves), encoding="utf-8")
    for i in range(10):
        who = rng.sample(ids, 3)
        month = 1 + i
        (data / "impacts" / f"impact-{i}.yaml").write_text(
            f"id: impact-{i}\nmunicipalities: [{', '.join(who)}]\n"
            f"published: 2023-{month:02d}-01\n"
            f"period: {{start: 2023-{month:02d}-05, end: 2023-{month + 1:02d}-20}}\n"
            f"title: {{nb: \"Redusert kapasitet {i}\", nn: \"Redusert kapasitet {i}\"}}\n"
            f"summary: {{nb: \"Noen tjenester tar færre saker.\", "
            f"nn: \"Nokre tenester tek færre saker.\"}}\n"
            f"always_kept: {{nb: \"Du får alltid nødvendig helsehjelp.\", "
            f"nn: \"Du får alltid naudsynt helsehjelp.\"}}\n"
            f"services:\n  - service: home-care\n    level: reduced\n    reduced:\n"
            f"      - {{nb: Færre besøk., nn: Færre besøk.}}\n", encoding="utf-8")
    return wave_ids


@dataclass(frozen=True)
class Page:
    lang: str
    rel: str  # path under content/<lang>/ without .md
    meta: dict[str, str]  # front matter, values already YAML
    body: str


def pages(rng: random.Random, n: int, pl: list[Place], waves: list[str]) -> list[Page]:
    out: list[Page] = []
    for lang in ("nb", "nn"):
        words = NB_WORDS if lang == "nb" else NN_WORDS
        home = "Forside" if lang == "nb" else "Framside"
        out.append(Page(lang, "index", {"title": home, "translation_key": "home"},
                        paragraph(rng, words) + "\n"))
        title = "Kunngjøringer" if lang == "nb" else "Kunngjeringar"
        out.append(Page(lang, f"{ANN_DIR[lang]}/index",
                        {"title": title, "translation_key": "announcements", "menu": "3",
                         "list": "announcements"}, paragraph(rng, words) + "\n"))
    for i in range(n - 2):
        announcement = i % 5 != 0
        # 2018–2022: before the benchmark clock (a future date is a scheduled publish)
        day = f"20{18 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        municipalities = rng.sample(pl, rng.randint(1, 3)) if announcement and \
            rng.random() < 0.33 else []
        wave = rng.choice(waves) if municipalities and rng.random() < 0.3 else None
        for lang in ("nb", "nn"):
            words = NB_WORDS if lang == "nb" else NN_WORDS
            meta = {"title": quote(sentence(rng, words, 4, 9).rstrip(".")),
                    "description": quote(sentence(rng, words, 10, 18)),
                    "translation_key": f"p{i:05d}"}
            if announcement:
                meta["type"] = "announcement"
                meta["date"] = day
            if municipalities:
                meta["municipalities"] = "[" + ", ".join(p.id for p in municipalities) + "]"
            if wave:
                meta["waves"] = f"[{wave}]"
            folder = ANN_DIR[lang] if announcement else PAGE_DIR[lang]
            out.append(Page(lang, f"{folder}/side-{i:05d}", meta,
                            body(rng, lang, pl, rng.randint(400, 600))))
    return out


def render_page(page: Page) -> str:
    front = "".join(f"{k}: {v}\n" for k, v in page.meta.items())
    return f"---\n{front}---\n{page.body}"


def generate(out: Path, n: int, seed: int = SEED) -> list[Page]:
    """Write a project with `n` pages per standard into `out` (replaced)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    pl = places(rng)
    waves = write_data(out, rng, pl)
    result = pages(rng, max(n, 3), pl, waves)
    for page in result:
        path = out / "content" / page.lang / (page.rel + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(page), encoding="utf-8")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages per written standard")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    made = generate(args.out, args.pages, args.seed)
    print(f"Wrote {len(made)} pages into {args.out}")


if __name__ == "__main__":
    main()
