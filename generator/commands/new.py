"""`new KIND`: scaffold an announcement, a service impact or a page in both standards.

The files get filled-in front matter (the date from the clock, checked
municipality ids, a shared translation_key) and placeholder text marked TODO,
which `check` points out until it is replaced.  Existing files are never
overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.clock import Clock
from generator.errors import Finding, Message, Report, format_findings, msg
from generator.i18n.notices import STANDARDS, Notices, notices_for
from generator.invocation import command
from generator.load.data import load_data
from generator.load.fields import ID_RE
from generator.load.names import web_name, web_name_for
from generator.load.pages import load_pages
from generator.mdext.slugs import slugify
from generator.project import Project
from generator.site import UNTRANSLATED
from generator.validate import unknown_id_hint

PLACEHOLDER = {
    "title": {"nb": "TODO: Tittel", "nn": "TODO: Tittel"},
    "description": {"nb": "TODO: Én setning som oppsummerer saken.",
                    "nn": "TODO: Éi setning som samanfattar saka."},
    "body": {"nb": "TODO: Skriv teksten her. Bruk korte setninger og ## for mellomtitler.",
             "nn": "TODO: Skriv teksten her. Bruk korte setningar og ## for mellomtitlar."},
}


@dataclass(frozen=True)
class Scaffold:
    path: Path
    text: str


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def title_lang(notices: Notices | None) -> str:
    """The standard an editor's --title is taken to be written in: that of the messages
    (--lang, NOTICES_LANG) when it is nb or nn, else Bokmål."""
    lang = notices.lang if notices is not None else "nb"
    return lang if lang in ("nb", "nn") else "nb"


def title_in(lang: str, title: str | None, written_in: str) -> str:
    """The title for `lang`'s file: the editor's own in the standard it was written in; in
    the other, the same words after UNTRANSLATED[lang], so `check` warns until it is
    translated; without a title, the placeholder."""
    if title is None:
        return PLACEHOLDER["title"][lang]
    return title if lang == written_in else f"{UNTRANSLATED[lang]} {title}"


def page_text(lang: str, title: str | None, key: str, date: str | None,
              places: list[str], written_in: str = "nb") -> str:
    """A new page's file: front matter (title, description placeholders, translation_key; for an
    announcement type, date and places) and TODO-marked body, in `lang`; a `title` written in
    the other standard (`written_in`) is marked for translation (`title_in`).
    """
    meta = [f"title: {_quote(title_in(lang, title, written_in))}",
            f"description: {_quote(PLACEHOLDER['description'][lang])}",
            f"translation_key: {key}"]
    if date:
        meta += ["type: announcement", f"date: {date}",
                 f"municipalities: [{', '.join(places)}]"]
    meta.append("draft: true")
    return "---\n" + "\n".join(meta) + "\n---\n" + PLACEHOLDER["body"][lang] + "\n"


def impact_text(iid: str, places: list[str], date: str, title: str | None,
                notices: Notices | None = None) -> str:
    """A new service impact's YAML (id, municipalities, published date, nb/nn placeholders);
    its comments in the language of ``notices`` (English without); `title` is taken as
    written in the standard of ``notices`` and marked for translation in the other
    (`title_in`)."""
    say = notices or Notices()
    written_in = title_lang(notices)

    def both(key: str, nb: str, nn: str) -> str:
        return f"{key}:\n  nb: {_quote(nb)}\n  nn: {_quote(nn)}\n"

    text = PLACEHOLDER["description"]
    return (f"id: {iid}\nmunicipalities: [{', '.join(places)}]\npublished: {date}\n"
            f"period: {{start: {date}}}  # "
            + say(msg("TODO: the first and last day, {{start: …, end: …}}")) + "\n"
            + both("title", title_in("nb", title, written_in),
                   title_in("nn", title, written_in))
            + both("summary", text["nb"], text["nn"])
            + "# " + say(msg("Add services, always_kept, urgent and contact: see "
                             "docs/content-format.md.")) + "\n"
            + "# " + say(msg("Remove this line when the notice is ready to publish:"))
            + "\ndraft: true\n")


def announcement_dirs(project: Project) -> dict[str, str]:
    """Where announcements live: next to the page that lists them, else the usual folders."""
    from generator.checks.folders import announcement_dirs as dirs_of  # one rule for both

    return dirs_of(load_pages(Report(project.root), project.content, project.root))


PLACE_FILES = ("data/municipalities.yaml", "data/organisations.yaml")


def check_ids(project: Project, ids: list[str],
              impact: str | None = None) -> tuple[list[Finding], list[Message]]:
    """Problems with the ids given: unknown places, an impact id in use.

    Returns (data errors, problems).  When the place files have errors of their own (a
    duplicate key, a broken line), those errors are returned and no id is judged: an id
    may be in the part that could not be read, and the site would not build anyway.
    """
    report = Report(project.root)
    raw = load_data(report, project.content, project.root)
    known = {p.id: p for p in raw.places}
    missing = [pid for pid in ids if pid not in known]
    places = {report.rel(project.content / name) for name in PLACE_FILES}
    broken = [f for f in report.errors if f.path in places]
    if ids and broken:
        return broken, []
    problems = []
    if impact and impact in {i.id for i in raw.impacts}:
        problems.append(msg("error: A service impact with the id '{id}' exists already. "
                            "Choose another id.", id=impact))
    for pid in missing:
        hint = unknown_id_hint(pid, known, "content/data/municipalities.yaml")
        problems.append(msg("error: Unknown municipality or organisation id '{id}'. {hint}",
                            id=pid, hint=hint))
    return [], problems


def scaffolds(args: argparse.Namespace, project: Project, date: str,
              notices: Notices | None = None) -> list[Scaffold]:
    """The files `new` would write for `args` (both standards, or one impact file), not yet
    written; the impact file's comments in the language of ``notices``.
    """
    content = project.content
    if args.kind == "impact":
        return [Scaffold(content / "data" / "impacts" / f"{args.id}.yaml",
                         impact_text(args.id, args.municipality, date, args.title, notices))]
    key = args.slug.rsplit("/", 1)[-1] if args.kind == "announcement" else args.slug
    dirs = announcement_dirs(project) if args.kind == "announcement" else {"nb": "", "nn": ""}
    out = []
    for lang in ("nb", "nn"):
        rel = "/".join(p for p in (dirs[lang], args.slug) if p)
        out.append(Scaffold(content / lang / f"{rel}.md",
                            page_text(lang, args.title, key,
                                      date if args.kind == "announcement" else None,
                                      list(args.municipality or []) if args.kind ==
                                      "announcement" else [], title_lang(notices))))
    return out


def name_refused(name: str, impact: bool) -> Message | None:
    """Why `name` cannot be the new page's slug (each '/'-part a web name, the rule of file
    names: `load.names.web_name`) or the impact's id (`load.fields.ID_RE`), with the name
    to use instead; None if it can."""
    if impact:
        if ID_RE.fullmatch(name):
            return None
        better = slugify(name)
        if better and ID_RE.fullmatch(better):
            return msg("error: '{name}' cannot be used as an id. Use lower-case letters a–z, "
                       "digits and '-': {better}", name=name, better=better)
        return msg("error: '{name}' cannot be used as an id. Use lower-case letters a–z, "
                   "digits and '-', like 'molde-2024'.", name=name)
    parts = name.split("/")
    if all(web_name(p) for p in parts):
        return None
    fixed = [web_name_for(p) for p in parts]
    if all(fixed):
        return msg("error: '{name}' cannot be part of a web address. Use lower-case letters "
                   "a–z, æ, ø, å, digits and '-': {better}", name=name, better="/".join(fixed))
    return msg("error: '{name}' cannot be part of a web address. Use lower-case letters "
               "a–z, æ, ø, å, digits and '-', like 'molde-tar-i-bruk'.", name=name)


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`new KIND`: write the scaffolds, never over an existing file; 0 on success, 1 with a
    message on stderr for a bad slug or an existing file.
    """
    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    refused = name_refused(args.id if args.kind == "impact" else args.slug,
                           args.kind == "impact")
    if refused is not None:
        print(notices(refused), file=sys.stderr)
        return 1
    if args.title is not None and (not args.title.strip() or
                                   re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", args.title)):
        print(str(msg("error: The title must be one line of text, without line breaks or "
                      "control characters.")), file=sys.stderr)
        return 2
    broken, problems = check_ids(project, args.municipality or [],
                                 args.id if args.kind == "impact" else None) \
        if args.kind != "page" else ([], [])
    if broken:
        print("\n".join(format_findings(broken, notices, project.root)), file=sys.stderr)
        print(notices(msg("The ids cannot be checked until these errors in the data are "
                          "fixed; nothing was written.")), file=sys.stderr)
        return 1
    if problems:
        print("\n".join(notices(p) for p in problems), file=sys.stderr)
        return 1
    files = scaffolds(args, project, clock.local.date().isoformat(), notices)
    existing = [f.path for f in files if f.path.exists()]
    if existing:
        for path in existing:
            print(notices(msg("{path}: error: The file exists already; nothing was written.",
                              path=path.relative_to(project.root).as_posix())), file=sys.stderr)
        return 1
    for f in files:
        f.path.parent.mkdir(parents=True, exist_ok=True)
        f.path.write_text(f.text, encoding="utf-8")
    preview = command("serve", "--drafts",
                      *(["--root", args.root] if args.root != "." else []))
    print(notices(msg("Created these files; write the text where it says TODO:")))
    for f in files:
        print(f"  {f.path.relative_to(project.root).as_posix()}")
    if args.title is not None:
        written_in = title_lang(notices)
        other = "nn" if written_in == "nb" else "nb"
        print(notices(msg("The title is used as you wrote it in {standard}; in {other} it "
                          "begins with '{mark}' until you translate it.",
                          standard=STANDARDS[written_in], other=STANDARDS[other],
                          mark=UNTRANSLATED[other])))
    if args.kind != "impact":
        print(notices(msg("The pages are drafts: preview them with {command}, and remove "
                          "'draft: true' when they are ready.", command=preview)))
    else:
        print(notices(msg("The notice is a draft: fill in the period, the services and the "
                          "contact (docs/content-format.md describes every key), preview with "
                          "{command}, and remove 'draft: true' when it is ready.",
                          command=preview)))
    return 0
