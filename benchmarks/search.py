"""Benchmark of search: indexing time against a cold build, index size, first-query bytes and
time to results, on the synthetic project (benchmarks/synth.py).

    python benchmarks/search.py --pages 1000          # 2,000 pages (1,000 per standard)
    python benchmarks/search.py --pages 5000          # 10,000 pages

1. A cold build (`build --no-cache` into a fresh folder), wall and CPU time; it includes
   the index.  The same build without the index (the words not taken, the files not
   written): the difference is what indexing costs the build, and its share.
2. The index alone over the same built pages (`generator.search.index_site`, one
   process, every page read again from disk), wall and CPU time: its share of the cold
   build.  An upper bound: the build itself takes each page's words in the render
   workers while the HTML is in memory, spread over the cores, and reads no page again.
3. The index on disk: files and bytes under search/.
4. In headless Chromium (/usr/bin/chromium) on 127.0.0.1: open /nb/sok/ (which loads the
   manifest at once), type a place name; every byte of search fetched from opening the
   page until the results are shown (the search script and stemmer under /assets/, the
   manifest, shards and result files under /search/), as served (no HTTP compression
   here) and gzip-compressed as a static host serves JSON and JS; the time from typing
   to the results shown (the first query, then the median of five other place names).

Targets (issue #19): indexing ≤ 20 % of a cold build, first query ≤ 100 KB transferred,
results ≤ 300 ms after typing.  Writes benchmarks/results/search-<pages>.json.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

from generator.search import index_site  # noqa: E402

CLOCK = "2023-10-30T12:00"
CHROMIUM = "/usr/bin/chromium"
TIMED_QUERY = """async (q) => {
  const input = document.getElementById("search-q");
  const count = document.getElementById("search-count");
  const before = count.textContent;
  const done = new Promise((resolve) => new MutationObserver((_, obs) => {
    if (count.textContent !== before && count.textContent.includes(q)) {
      obs.disconnect(); resolve(performance.now());
    }
  }).observe(count, {childList: true, characterData: true, subtree: true}));
  input.value = q;
  const typed = performance.now();
  input.dispatchEvent(new Event("input", {bubbles: true}));
  return (await done) - typed;
}"""


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records each file it sends (path, bytes), workers' fetches too."""

    sent: list[tuple[str, bytes]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        super().do_GET()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            self.sent.append((self.path, path.read_bytes()))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# `python -m generator` with the search index left out of the build, for comparison.
WITHOUT_INDEX = """
import sys
import generator.commands.build as build
from generator.render.batch import PageBatch
build._index = lambda *args, **kwargs: None
build.PageBatch = lambda *args, **kwargs: PageBatch(*args, **{**kwargs, "index_pages": False})
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def cold_build(project: Path, out: Path, index: bool = True) -> tuple[float, float]:
    """(wall, CPU) seconds of a build without cache into a fresh folder (`index`: with
    the search index, as always; False: without, to compare)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    started, cpu = time.perf_counter(), _children_cpu()
    program = ["-m", "generator"] if index else ["-c", WITHOUT_INDEX]
    subprocess.run([sys.executable, *program, "build", "--root", str(project),
                    "--out", str(out), "--clock", CLOCK, "--no-cache"], cwd=ROOT, check=True,
                   capture_output=True)
    if not index:
        assert not (out / "search").exists()
    return time.perf_counter() - started, _children_cpu() - cpu


def index_alone(site: Path, scratch: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of indexing the built pages from disk, in this process alone."""
    started, cpu = time.perf_counter(), time.process_time()
    index_site(site, scratch / "search-alone", jobs=1)
    return time.perf_counter() - started, time.process_time() - cpu


def on_disk(folder: Path) -> tuple[int, int]:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def browser_figures(site: Path, names: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Counting, directory=str(site))
    fetched = _Counting.sent
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            fetched.clear()
            page.goto(base + "/nb/sok/", wait_until="networkidle")  # loads the manifest at once
            first_ms = page.evaluate(TIMED_QUERY, names[0])
            page.wait_for_load_state("networkidle")
            search = [(url, body) for url, body in fetched
                      if url.startswith(("/search/", "/assets/search.js", "/assets/stem.js"))]
            raw = sum(len(body) for _, body in search)
            packed = sum(len(body) if not url.split("?")[0].endswith((".js", ".json"))
                         else len(gzip.compress(body, 6)) for url, body in search)
            first_files = [f"{url} {len(body)}" for url, body in search]
            warm = [page.evaluate(TIMED_QUERY, name) for name in names[1:]]
            browser.close()
    finally:
        server.shutdown()
    return {"first_query_bytes": raw, "first_query_bytes_gzip": packed,
            "first_query_files": first_files, "first_query_ms": round(first_ms),
            "later_query_ms_median": round(statistics.median(warm)) if warm else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages per written standard")
    ap.add_argument("--repeat", type=int, default=3, help="cold builds and index runs")
    ap.add_argument("--scratch", type=Path, default=None, help="work folder (default: temp)")
    args = ap.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="search-bench-"))
    project, out = scratch / "project", scratch / "site"
    places = [p.name for p in synth.places(__import__("random").Random(synth.SEED))]
    synth.generate(project, args.pages)
    builds, bare, indexes = [], [], []
    for _ in range(args.repeat):
        bare.append(cold_build(project, out, index=False))
        builds.append(cold_build(project, out))
        indexes.append(index_alone(out, scratch))
    files, size = on_disk(out / "search")
    manifests = {m.stem: json.loads(m.read_text("utf-8")) for m in (out / "search").glob("*.json")}
    build_s, index_s = (statistics.median(b[0] for b in builds),
                        statistics.median(i[0] for i in indexes))
    build_cpu, index_cpu = (statistics.median(b[1] for b in builds),
                            statistics.median(i[1] for i in indexes))
    bare_s, bare_cpu = (statistics.median(b[0] for b in bare),
                        statistics.median(b[1] for b in bare))
    report = {
        "pages": sum(1 for _ in out.glob("n[bn]/**/index.html")),
        "indexed": {lang: m["pages"] for lang, m in sorted(manifests.items())},
        "cold_build_s": round(build_s, 2),
        "cold_build_without_index_s": round(bare_s, 2),
        "index_in_build_s": round(build_s - bare_s, 2),
        "index_in_build_share": round((build_s - bare_s) / build_s, 3),
        "index_in_build_cpu_s": round(build_cpu - bare_cpu, 2),
        "index_in_build_cpu_share": round((build_cpu - bare_cpu) / build_cpu, 3),
        "index_s": round(index_s, 2),
        "index_share_of_cold_build": round(index_s / build_s, 3),
        "cold_build_cpu_s": round(build_cpu, 2), "index_cpu_s": round(index_cpu, 2),
        "index_cpu_share_of_cold_build": round(index_cpu / build_cpu, 3),
        "index_files": files, "index_bytes": size,
        **browser_figures(out, places[:6]),
    }
    target = HERE / "results" / f"search-{args.pages * 2}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "first_query_files"}, indent=2,
                     ensure_ascii=False))
    print(f"written to {target.relative_to(ROOT)}")
    if args.scratch is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
