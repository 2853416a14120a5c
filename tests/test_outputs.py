"""Feeds, calendars, open data, sitemap, cards and JSON-LD, each read back with a real parser."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest
from conftest import build
from lxml import etree
from lxml import html as lxml_html

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OSLO = "Europe/Oslo"


@pytest.fixture
def site(mini: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    result = build(mini, out)
    assert result.returncode == 0, result.stderr
    return out


def atom(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def entries(feed: etree._Element) -> dict[str, etree._Element]:
    return {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(path: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar(path).walk("VEVENT")}


def page(out: Path, url: str) -> lxml_html.HtmlElement:
    return lxml_html.parse(str(out / url.strip("/") / "index.html")).getroot()


def ld(doc: lxml_html.HtmlElement) -> list[dict]:
    return [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]


def by_type(items: list[dict], kind: str) -> list[dict]:
    return [i for i in items if i["@type"] == kind]


# --- Atom ---------------------------------------------------------------------------------

def test_atom_feeds_per_language_and_place(site: Path) -> None:
    feeds = sorted(site.rglob("feed.xml"))
    assert site / "nb/feed.xml" in feeds and site / "nn/kommunar/alfa/feed.xml" in feeds
    for path in feeds:
        feed = atom(path)
        assert feed.tag == f"{ATOM}feed"
        lang = path.relative_to(site).parts[0]
        assert feed.get(XML_LANG) == lang
        for el in (feed, *feed.iter(f"{ATOM}entry")):
            assert el.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert el.findtext(f"{ATOM}title")
            dt.datetime.fromisoformat(el.findtext(f"{ATOM}updated"))  # RFC 3339
            for link in el.findall(f"{ATOM}link"):
                assert link.get("href").startswith("https://example.org/")
        assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Testkommune"
        self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
        assert self_link == "https://example.org/" + path.relative_to(site).as_posix()

    nb = entries(atom(site / "nb/feed.xml"))
    assert set(nb) == {"Alfa starter", "Redusert kapasitet i Alfa"}
    start = nb["Alfa starter"]
    assert start.find(f"{ATOM}link").get("href") == \
        "https://example.org/nb/kunngjoringer/alfa-start/"
    assert start.findtext(f"{ATOM}published") == "2023-10-20T00:00:00+02:00"
    assert "Alfa tar i bruk systemet." in start.findtext(f"{ATOM}content")
    impact = nb["Redusert kapasitet i Alfa"]
    # the summary, then the period in the words the page uses
    assert impact.findtext(f"{ATOM}summary") == (
        "Noen tjenester tar færre saker. Når: 27. oktober–17. november 2023; helsestasjon: "
        "ingen nye saker 27. oktober–3. november 2023.")
    assert impact.find(f"{ATOM}link").get("href").endswith("/nb/redusert-kapasitet/#alfa-2023")

    alfa = entries(atom(site / "nb/kommuner/alfa/feed.xml"))
    assert {t: e.findtext(f"{ATOM}id") for t, e in alfa.items()} == \
        {t: e.findtext(f"{ATOM}id") for t, e in nb.items()}  # same entry, same id
    assert entries(atom(site / "nb/kommuner/beta/feed.xml")) == {}
    nn = atom(site / "nn/feed.xml")
    assert {e.findtext(f"{ATOM}id") for e in nn.iter(f"{ATOM}entry")}.isdisjoint(
        {e.findtext(f"{ATOM}id") for e in nb.values()})  # each language has its own entries


def test_feed_holds_the_newest_entries_up_to_feed_entries(mini: Path, tmp_path: Path) -> None:
    config = mini / "content/config.yaml"
    config.write_text(config.read_text() + "feed_entries: 1\n")
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    feed = atom(out / "nb/feed.xml")
    kept = list(feed.iter(f"{ATOM}entry"))
    assert len(kept) == 1  # of two: the announcement and the notice
    assert kept[0].findtext(f"{ATOM}updated") == feed.findtext(f"{ATOM}updated")  # the newest
    assert (out / "nb/kunngjoringer/alfa-start/index.html").exists()  # older ones stay on site


def move_w1(project: Path) -> None:
    """What an editor does: a new date, and the old one recorded in history."""
    waves = project / "content/data/waves.yaml"
    text = waves.read_text()
    assert "  go_live: 2023-10-28T22:00\n" in text
    waves.write_text(text.replace("  go_live: 2023-10-28T22:00\n", "  go_live: 2023-11-11T22:00\n")
                     .replace("      note: {nb: Utsatt fra våren., nn: Utsett frå våren.}\n",
                              "      note: {nb: Utsatt fra våren., nn: Utsett frå våren.}\n"
                              "    - go_live: 2023-10-28T22:00\n      changed: 2023-10-25\n"))


def test_feeds_and_calendars_linked_from_every_page_head(site: Path) -> None:
    for path in site.rglob("index.html"):
        doc = lxml_html.parse(str(path)).getroot()
        langs = ["nb", "nn"] if path.parent == site else [path.relative_to(site).parts[0]]
        links = {(link.get("type"), link.get("href"))
                 for link in doc.xpath('/html/head/link[@rel="alternate"][@type]')}
        for lang in langs:
            assert ("application/atom+xml", f"https://example.org/{lang}/feed.xml") in links
            assert ("text/calendar", f"https://example.org/{lang}/calendar.ics") in links
    alfa = page(site, "nb/kommuner/alfa")
    hrefs = alfa.xpath('/html/head/link[@rel="alternate"][@type]/@href')
    assert "https://example.org/nb/kommuner/alfa/feed.xml" in hrefs
    assert "https://example.org/nb/kommuner/alfa/calendar.ics" in hrefs


def test_open_graph(site: Path) -> None:
    def og(url: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for m in page(site, url).xpath("/html/head/meta[@property]"):
            out.setdefault(m.get("property"), []).append(m.get("content"))
        return out

    nb = og("nb/kunngjoringer/alfa-start")
    assert nb["og:locale"] == ["nb_NO"] and nb["og:locale:alternate"] == ["nn_NO"]
    assert nb["og:type"] == ["article"] and nb["og:title"] == ["Alfa starter"]
    assert nb["og:url"] == ["https://example.org/nb/kunngjoringer/alfa-start/"]
    nn = og("nn/kommunar/alfa")
    assert nn["og:locale"] == ["nn_NO"] and nn["og:locale:alternate"] == ["nb_NO"]
    assert nn["og:type"] == ["website"]
    # Every page has a description (Lighthouse SEO): a generated page gets one sentence.
    described = page(site, "nn/kommunar/alfa").xpath("/html/head/meta[@name='description']")
    assert [m.get("content") for m in described] == nn["og:description"]
    assert "Alfa tek i bruk Helseplattformen" in nn["og:description"][0]


# --- JSON-LD --------------------------------------------------------------------------------

def test_json_ld_special_announcements_and_events(site: Path) -> None:
    for url in ("nb/redusert-kapasitet", "nn/kommunar/alfa"):
        (ann,) = by_type(ld(page(site, url)), "SpecialAnnouncement")
        assert ann["@context"] == "https://schema.org"
        assert ann["name"] == "Redusert kapasitet i Alfa"
        assert ann["datePosted"] == "2023-10-20"
        assert ann["expires"] == "2023-11-18T00:00+01:00"  # the day after 17 November
        assert ann["text"] and ann["category"]
        (area,) = ann["spatialCoverage"]
        assert area["@type"] == "AdministrativeArea" and area["name"] == "Alfa"
        assert area["identifier"] == "9901"
    timeline = ld(page(site, "nb/tidslinje"))
    (w1,) = by_type(timeline, "Event")  # w2 («2024-autumn») has no start date to give
    assert w1["startDate"] == "2023-10-28T22:00+02:00"
    assert w1["eventStatus"] == "https://schema.org/EventRescheduled"
    assert [p["name"] for p in w1["location"]] == ["Alfa", "Test HF"]
    (place_event,) = by_type(ld(page(site, "nb/kommuner/alfa")), "Event")
    assert place_event["@id"] == w1["@id"]
    assert ld(page(site, "nb/kommuner/beta")) == []


def test_json_ld_cannot_break_out_of_script(mini: Path, tmp_path: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    evil = "</script><script>alert(1)</script> & <!--"
    impact.write_text(impact.read_text().replace(
        "title: {nb: Redusert kapasitet i Alfa,", f"title: {{nb: '{evil}',"))
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    raw = (out / "nb/redusert-kapasitet/index.html").read_text()
    head = raw.split("</head>")[0]
    assert "</script><script>alert" not in head
    (ann,) = by_type(ld(page(out, "nb/redusert-kapasitet")), "SpecialAnnouncement")
    assert ann["name"] == evil


# --- iCalendar ------------------------------------------------------------------------------

def test_calendars_parse_and_hold_go_lives_and_reductions(site: Path) -> None:
    for path in site.rglob("calendar.ics"):
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        cal = calendar(path)
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [OSLO]
        for e in cal.walk("VEVENT"):
            assert {"UID", "DTSTAMP", "DTSTART", "SEQUENCE", "STATUS", "SUMMARY"} <= set(e)
            assert not ("DTEND" in e and "DURATION" in e)
    cal = events(site / "nb/calendar.ics")
    w1 = cal["golive-w1-nb@example.org"]
    start = w1.decoded("DTSTART")
    assert start == dt.datetime(2023, 10, 28, 22, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == OSLO and w1["DTSTART"].params["TZID"] == OSLO
    assert w1["STATUS"] == "CONFIRMED" and w1["SEQUENCE"] == 1  # one entry in history
    assert "Alfa" in str(w1["SUMMARY"])
    assert not any("w2" in uid for uid in cal)  # «2024-autumn» is not a calendar date
    red = cal["impact-alfa-2023-nb@example.org"]
    assert red.decoded("DTSTART") == dt.date(2023, 10, 27)
    assert red.decoded("DTEND") == dt.date(2023, 11, 18)  # exclusive: 17 Nov is the last day
    assert red["STATUS"] == "CONFIRMED"
    hs = cal["impact-alfa-2023-health-station-no-new-cases-nb@example.org"]
    assert hs.decoded("DTEND") == dt.date(2023, 11, 4)
    alfa = events(site / "nb/kommuner/alfa/calendar.ics")
    assert set(alfa) == set(cal)  # alfa is in w1 and has the only notice
    beta = events(site / "nb/kommuner/beta/calendar.ics")
    assert beta == {}


def test_calendar_escapes_folds_and_round_trips(mini: Path, tmp_path: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    text = impact.read_text().replace(
        "summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek færre saker.}",
        'summary: {nb: "Komma, semikolon; skråstrek \\\\ og\\nny linje. ' + "Æøå " * 30
        + '", nn: Nokre tenester tek færre saker.}')
    impact.write_text(text)
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    raw = (out / "nb/calendar.ics").read_bytes()
    assert b"Komma\\, semikolon\\; skr\xc3\xa5strek \\\\ og\\nny linje." in raw.replace(
        b"\r\n ", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a character
    e = events(out / "nb/calendar.ics")["impact-alfa-2023-nb@example.org"]
    assert str(e["DESCRIPTION"]).startswith("Komma, semikolon; skråstrek \\ og\nny linje. Æøå")


def test_ids_are_stable_across_builds(mini: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(mini, a, "2023-10-30T12:00")
    build(mini, b, "2023-11-02T08:00")  # another clock: same records, same ids
    for rel in ("nb/calendar.ics", "nn/kommunar/alfa/calendar.ics"):
        assert set(events(a / rel)) == set(events(b / rel))
    for rel in ("nb/feed.xml", "nn/kommunar/alfa/feed.xml"):
        ids = [{e.findtext(f"{ATOM}id") for e in atom(x / rel).iter(f"{ATOM}entry")}
               for x in (a, b)]
        assert ids[0] == ids[1] and ids[0]


def test_moving_a_go_live_raises_sequence(mini: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(mini, a)
    move_w1(mini)
    assert build(mini, b).returncode == 0
    before = events(a / "nb/calendar.ics")["golive-w1-nb@example.org"]
    after = events(b / "nb/calendar.ics")["golive-w1-nb@example.org"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART").date() == dt.date(2023, 11, 11)
    assert after.decoded("DTSTAMP") == dt.datetime(2023, 10, 24, 22, 0, tzinfo=dt.UTC)
    place = events(b / "nb/kommuner/alfa/calendar.ics")["golive-w1-nb@example.org"]
    assert place["SEQUENCE"] == after["SEQUENCE"]
    for url in ("nb/tidslinje", "nn/kommunar/alfa"):
        (event,) = by_type(ld(page(b, url)), "Event")
        assert event["startDate"] == "2023-11-11T22:00+01:00"
        assert event["previousStartDate"] == ["2023-10-28T22:00+02:00"]
        assert event["eventStatus"] == "https://schema.org/EventRescheduled"


# --- Open data ------------------------------------------------------------------------------

def load_json(out: Path, name: str) -> dict:
    data = json.loads((out / "data/v1" / name).read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.0"
    return data


def test_open_data_matches_the_content(site: Path) -> None:
    index = load_json(site, "index.json")
    assert index["files"]["waves"] == "https://example.org/data/v1/waves.json"
    register = load_json(site, "register.json")
    assert [m["id"] for m in register["municipalities"]] == ["alfa", "beta"]
    assert [o["id"] for o in register["organisations"]] == ["test-hf"]
    alfa, beta = register["municipalities"]
    assert alfa["number"] == "9901" and alfa["inhabitants"] == 12000
    assert alfa["go_live"]["value"] == "2023-10-28T22:00+02:00" and alfa["wave"] == "w1"
    assert alfa["urls"]["page"] == {"nb": "https://example.org/nb/kommuner/alfa/",
                                    "nn": "https://example.org/nn/kommunar/alfa/"}
    assert beta["name"] == {"nb": "Beta", "nn": "Betå"}
    assert beta["go_live"] == {"value": "2024-autumn", "precision": "season",
                               "start": "2024-09-01T00:00+02:00"}
    assert {s["id"] for s in register["services"]} == {"home-care", "health-station"}
    waves = {w["id"]: w for w in load_json(site, "waves.json")["waves"]}
    # built on 30 October: W1's confirmed go-live of 28 October has happened
    assert waves["w1"]["status"] == "live" and waves["w1"]["stored_status"] == "confirmed"
    assert waves["w1"]["sequence"] == 1
    assert waves["w1"]["members"][0] == {"id": "alfa", "go_live": None, "status": "live",
                                         "note": None}
    assert waves["w1"]["history"][0]["note"] == {"nb": "Utsatt fra våren.",
                                                 "nn": "Utsett frå våren."}
    (impact,) = load_json(site, "impacts.json")["impacts"]
    assert impact["id"] == "alfa-2023" and impact["status"] == "ongoing"
    assert impact["places"] == ["alfa"]
    assert impact["period"]["start"]["value"] == "2023-10-27"
    assert impact["period"]["end_exclusive"] == "2023-11-18T00:00+01:00"
    assert impact["summary"] == {"nb": "Noen tjenester tar færre saker.",
                                 "nn": "Nokre tenester tek færre saker."}
    assert [s["level"] for s in impact["services"]] == ["reduced", "no-new-cases"]
    assert impact["services"][1]["status"] == "ongoing"  # 27 October–3 November
    assert impact["services"][1]["period"]["end"]["value"] == "2023-11-03"


def test_open_data_schema_doc_lists_every_key(site: Path) -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs/open-data.md").read_text()

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    for name in ("index.json", "register.json", "waves.json", "impacts.json"):
        for key in keys(load_json(site, name)) - {"nb", "nn"}:
            assert f"`{key}`" in doc or f'"{key}"' in doc, f"{name}: `{key}` is not documented"


# --- Sitemap, robots, 404 -------------------------------------------------------------------

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_every_page_with_alternates(site: Path) -> None:
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    urls = {u.findtext(f"{SM}loc"): {link.get("hreflang"): link.get("href")
                                     for link in u.findall(f"{XHTML}link")}
            for u in root.findall(f"{SM}url")}
    pages = {"https://example.org/" + p.parent.relative_to(site).as_posix() + "/"
             for p in site.rglob("index.html")}
    pages = {u.replace("https://example.org/./", "https://example.org/") for u in pages}
    # nn/om.md is missing: /nn/om/ shows the Bokmål text, which is no translation
    fallback = "https://example.org/nn/om/"
    assert set(urls) == pages - {fallback}
    assert urls["https://example.org/nb/om/"] == {"nb": "https://example.org/nb/om/",
                                                  "x-default": "https://example.org/nb/om/"}
    for loc, alternates in urls.items():
        if loc.endswith("/om/"):
            continue
        assert set(alternates) == {"nb", "nn", "x-default"}, loc
        assert loc in alternates.values()  # each lists itself
    assert urls["https://example.org/nn/kunngjeringar/alfa-start/"] == {
        "nb": "https://example.org/nb/kunngjoringer/alfa-start/",
        "nn": "https://example.org/nn/kunngjeringar/alfa-start/",
        "x-default": "https://example.org/nb/kunngjoringer/alfa-start/"}
    robots = (site / "robots.txt").read_text()
    assert "Sitemap: https://example.org/sitemap.xml" in robots.splitlines()


def test_404_page_in_both_standards(site: Path) -> None:
    doc = lxml_html.parse(str(site / "404.html")).getroot()
    assert doc.get("lang") == "nb"
    sections = doc.xpath("//main/section")
    assert [s.get("lang") for s in sections] == ["nb", "nn"]
    assert "Fant ikke siden" in sections[0].text_content()
    assert "Fann ikkje sida" in sections[1].text_content()
    # the ways to find a page again: front page, places A–Å, search, timeline
    assert sections[1].xpath(".//a/@href") == ["/nn/", "/nn/kommunar/", "/nn/sok/",
                                               "/nn/tidsline/"]


# --- Status card ----------------------------------------------------------------------------

def test_status_card_per_place_and_language(site: Path) -> None:
    for path in site.rglob("card.html"):
        doc = lxml_html.parse(str(path)).getroot()
        assert doc.get("lang") == path.relative_to(site).parts[0]
        assert not doc.xpath("//script") and not doc.xpath("//link[@rel='stylesheet']")
        assert doc.xpath("//style")
        for a in doc.xpath("//a"):
            assert a.get("target") == "_top" and a.get("href").startswith("https://example.org/")
    card = lxml_html.parse(str(site / "nn/kommunar/alfa/card.html")).getroot()
    text = card.text_content()
    # built on 30 October, two days after Alfa's go-live: it reads as past
    assert "Alfa tok i bruk Helseplattformen" in text and "28. oktober 2023" in text
    assert "Dato stadfesta" not in text and "I bruk" in text
    assert "Redusert kapasitet i Alfa" in text
    assert card.xpath("//a/@href")[-1] == "https://example.org/nn/kommunar/alfa/"
    beta = lxml_html.parse(str(site / "nb/kommuner/beta/card.html")).getroot().text_content()
    assert "høsten 2024" in beta and "Redusert kapasitet i Alfa" not in beta


# --- Base path ------------------------------------------------------------------------------

def test_nothing_escapes_the_base_path(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(mini, out, "2023-10-30T12:00", "--base-path", "/helseplattformen/")
    assert result.returncode == 0, result.stderr
    base, host = "/helseplattformen/", "https://example.org"
    found: list[str] = []
    for path in out.rglob("*"):
        if path.suffix == ".html":
            doc = lxml_html.parse(str(path)).getroot()
            found += doc.xpath("//@href | //@src | //meta[@property='og:url']/@content")
            for item in ld(doc):
                found += re.findall(r'"(https?://[^"]+)"', json.dumps(item))
        elif path.suffix == ".xml":
            root = etree.parse(str(path)).getroot()
            found += [e.text for e in root.iter(f"{SM}loc")]
            found += root.xpath("//@href | //@xml:base")
        elif path.suffix == ".ics":
            found += [str(e["URL"]) for e in calendar(path).walk("VEVENT")]
        elif path.suffix == ".json":
            found += re.findall(r'"(https?://[^"]+)"', path.read_text())
        elif path.name == "robots.txt":
            found += re.findall(r"https?://\S+", path.read_text())
    ours = [u for u in found if u.startswith(("/", host)) and not u.startswith("//")]
    assert len(ours) > 200
    bad = [u for u in ours if not (u.startswith(base) or u.startswith(host + base))]
    assert bad == []


@pytest.mark.parametrize(("status", "ics", "schema"), [
    ("planned", "TENTATIVE", "EventRescheduled"),
    ("postponed", "TENTATIVE", "EventPostponed"),
    ("cancelled", "CANCELLED", "EventCancelled"),
])
def test_wave_status_in_calendar_and_json_ld(mini: Path, tmp_path: Path, status: str, ics: str,
                                             schema: str) -> None:
    waves = mini / "content/data/waves.yaml"
    waves.write_text(waves.read_text().replace("status: confirmed", f"status: {status}", 1))
    out = tmp_path / "site"
    assert build(mini, out, "2023-10-20T12:00").returncode == 0  # before W1's go-live
    assert events(out / "nb/calendar.ics")["golive-w1-nb@example.org"]["STATUS"] == ics
    (event,) = by_type(ld(page(out, "nb/tidslinje")), "Event")
    assert event["eventStatus"] == f"https://schema.org/{schema}"


def test_go_live_that_loses_its_date_is_withdrawn(mini: Path, tmp_path: Path) -> None:
    move_w1(mini)
    waves = mini / "content/data/waves.yaml"
    waves.write_text(waves.read_text().replace("  go_live: 2023-11-11T22:00\n",
                                               "  go_live: 2024-spring\n"))
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    w1 = events(out / "nb/calendar.ics")["golive-w1-nb@example.org"]
    assert w1["STATUS"] == "CANCELLED" and w1["SEQUENCE"] == 2
    assert w1.decoded("DTSTART").date() == dt.date(2023, 10, 28)  # the date it had
    assert by_type(ld(page(out, "nb/tidslinje")), "Event") == []


def test_sitemap_escapes_as_elementtree_does() -> None:
    """The sitemap is written line by line; its escaping must be ElementTree's."""
    import xml.etree.ElementTree as ET
    from xml.sax.saxutils import escape

    from generator.render.sitemap import _ATTRIBUTE, DECLARATION

    for value in ("a&b<c>d", 'q"uote', "tab\there\r\nnewline", "æøå ' ]]>"):
        el = ET.Element("x", {"h": value})
        el.text = value
        written = ET.tostring(el, encoding="unicode")
        assert written == f'<x h="{escape(value, _ATTRIBUTE)}">{escape(value)}</x>'
    assert ET.tostring(ET.Element("x"), encoding="utf-8", xml_declaration=True) \
        .decode().startswith(DECLARATION.rstrip("\n"))
