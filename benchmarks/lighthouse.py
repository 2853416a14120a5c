"""Lighthouse scores for one page of each type (not part of the test suite: ~15 s a page).

    python benchmarks/lighthouse.py [--clock 2023-11-10T12:00] [--form-factor mobile] [--runs 3]

Builds the default site at the clock, serves it on 127.0.0.1 and runs the pinned npm
`lighthouse` (package.json; Node 20 needs 12.x) against Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium).  Prints a Markdown table of the four
category scores (0–100) per page, and exits 1 if any is below 100.  With `--runs N`
each score is the median of N runs, as Lighthouse's documentation advises for
performance, which varies with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {  # one page per type, as in tests/browser/test_phone.py
    "root (language chooser)": "/",
    "front page": "/nb/",
    "content page (nn)": "/nn/om/",
    "accessibility statement": "/nb/tilgjengelighet/",
    "announcement list": "/nb/kunngjoringer/",
    "announcement": "/nb/kunngjoringer/rauma-redusert-kapasitet/",
    "timeline": "/nb/tidslinje/",
    "places": "/nb/kommuner/",
    "place: Rauma": "/nb/kommuner/rauma/",
    "place: Oppdal (nn)": "/nn/kommunar/oppdal/",
    "reduced capacity": "/nb/redusert-kapasitet/",
    "status card": "/nb/kommuner/rauma/card.html",
    "404": "/404.html",
}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (API name)
        pass


def serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def scores(url: str, form_factor: str) -> dict[str, int]:
    """Run Lighthouse once; category id -> score 0–100."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
            f"--form-factor={form_factor}"]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed for {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clock", default="2023-11-10T12:00")
    parser.add_argument("--form-factor", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--runs", type=int, default=1, help="median of this many runs")
    opts = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("lighthouse missing: npm install --ignore-scripts", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(ROOT),
                        "--out", str(out), "--clock", opts.clock], check=True, cwd=ROOT,
                       capture_output=True)
        base = serve(out)
        print(f"Lighthouse {opts.form_factor}, clock {opts.clock}, median of {opts.runs}\n")
        print("| page | performance | accessibility | best practices | SEO |")
        print("| --- | --- | --- | --- | --- |")
        low = False
        for name, path in PAGES.items():
            runs = [scores(base + path, opts.form_factor) for _ in range(opts.runs)]
            got = {c: round(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
            low |= any(v < 100 for v in got.values())
            print(f"| {name} `{path}` | " + " | ".join(str(got[c]) for c in CATEGORIES) + " |",
                  flush=True)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
