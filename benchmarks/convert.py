"""Turn a synthetic project (benchmarks/synth.py) into a Pelican and a Hugo project.

The Markdown bodies are copied unchanged; front matter is adapted: title,
description (summary), date, translation key and language; municipality ids
become tags in both.  Keys with no peer equivalent (menu, list, waves) are left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PELICAN_CONF = """AUTHOR = "Benchmark"
SITENAME = "Helseplattformen"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "nb"
DEFAULT_DATE = (2023, 1, 1)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
ARTICLE_URL = "{lang}/{slug}/"
ARTICLE_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
"""

HUGO_CONF = """baseURL = "https://example.org/"
title = "Helseplattformen"
defaultContentLanguage = "nb"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[languages.nb]
contentDir = "content/nb"
weight = 1
[languages.nn]
contentDir = "content/nn"
weight = 2
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Lang }}">{{ .Lang }}</a>{{ end }}
</header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time datetime="{{ .Date.Format "2006-01-02" }}">
{{- .Date.Format "2. January 2006" }}</time></p>{{ end }}
{{ .Content }}
{{ with .Params.tags }}<p>{{ range . }}<a href="{{ (print "/tags/" .) | relLangURL }}">
{{- . }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ .Description }}</li>{{ end }}</ul>
{{ end }}
"""


def _split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def _pages(project: Path):
    for lang in ("nb", "nn"):
        base = project / "content" / lang
        for path in sorted(base.rglob("*.md")):
            meta, body = _split(path.read_text(encoding="utf-8"))
            rel = path.relative_to(base).with_suffix("").as_posix()
            yield lang, rel, meta, body


def to_pelican(project: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    (out / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for lang, rel, meta, body in _pages(project):
        key = str(meta.get("translation_key", rel)).replace("/", "-")
        lines = [f"Title: {meta['title']}", f"Lang: {lang}", f"Slug: {key}"]
        if meta.get("date"):
            lines.append(f"Date: {meta['date']}")
        if meta.get("description"):
            lines.append(f"Summary: {meta['description']}")
        if meta.get("municipalities"):
            lines.append("Tags: " + ", ".join(meta["municipalities"]))
        target = out / "content" / lang / (rel + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


def to_hugo(project: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "layouts" / "_default").mkdir(parents=True)
    (out / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
    (out / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (out / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (out / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    for lang, rel, meta, body in _pages(project):
        front = {"title": meta["title"], "translationKey": meta.get("translation_key", rel)}
        if meta.get("date"):
            front["date"] = str(meta["date"])
        if meta.get("description"):
            front["description"] = meta["description"]
        if meta.get("municipalities"):
            front["tags"] = list(meta["municipalities"])
        name = rel[:-len("index")] + "_index" if rel.endswith("index") else rel
        target = out / "content" / lang / (name + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                          + "---\n" + body, encoding="utf-8")
