"""The pure-Python floor: read + YAML + Python-Markdown + Jinja + write, on 2 processes.

    python benchmarks/floor.py --root PROJECT --out DIR

Nothing else: no validation, no site model, no translations, no atomic publish.
What our generator does beyond this is its overhead over the floor.
"""

from __future__ import annotations

import argparse
import multiprocessing
from pathlib import Path

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ meta.title }}</title>
<meta name="description" content="{{ meta.description }}"></head>
<body><main><article><h1>{{ meta.title }}</h1>
{% if meta.date %}<p>{{ meta.date }}</p>{% endif %}
{{ body|safe }}
</article></main></body></html>
"""

_state: dict = {}


def _init(out: str) -> None:
    import jinja2
    import markdown

    _state["md"] = markdown.Markdown(extensions=["tables", "attr_list", "toc", "sane_lists"],
                                     output_format="html")
    _state["tpl"] = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    _state["out"] = Path(out)


def _render(paths: list[tuple[str, str, str]]) -> int:
    import yaml

    md, tpl, out = _state["md"], _state["tpl"], _state["out"]
    for path, lang, rel in paths:
        text = Path(path).read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        md.reset()
        html = tpl.render(lang=lang, meta=meta, body=md.convert(body))
        target = out / lang / rel / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return len(paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    content = args.root / "content"
    work = [(str(p), lang, p.relative_to(content / lang).with_suffix("").as_posix())
            for lang in ("nb", "nn") for p in sorted((content / lang).rglob("*.md"))]
    chunks = [work[i:i + 100] for i in range(0, len(work), 100)]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs, initializer=_init, initargs=(str(args.out),)) as pool:
        done = sum(pool.imap_unordered(_render, chunks))
    print(f"floor: {done} pages")


if __name__ == "__main__":
    main()
