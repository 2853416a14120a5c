"""What the nh3 pass (generator.sanitize.clean) costs per page.

    python benchmarks/sanitize_cost.py                 # the default site (content/)
    python benchmarks/sanitize_cost.py --synth 1000    # + a synthetic project, 1000 pages
                                                       #   per standard (2 000 pages)

For every Markdown body: Python-Markdown's HTML is made once, then `clean` is
timed on it (best of `--repeat` runs per page, CPU time of this process), and
reported as ms per page beside the Markdown time of the same pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.markup import Renderer  # noqa: E402
from generator.sanitize import clean  # noqa: E402


def bodies(content: Path) -> list[str]:
    found = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts = text.split("---\n", 2)
        found.append(parts[2] if len(parts) == 3 and parts[0] == "" else text)
    return found


def measure(texts: list[str], repeat: int) -> dict[str, float]:
    renderer = Renderer("/")
    md_total = clean_total = 0.0
    size = 0
    for text in texts:
        start = time.process_time()
        made = renderer.markdown_html(text)
        md_total += time.process_time() - start
        size += len(made)
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            clean(made)
            best = min(best, time.process_time() - start)
        clean_total += best
    n = max(len(texts), 1)
    return {"pages": len(texts), "html_kb_per_page": round(size / n / 1024, 1),
            "markdown_ms_per_page": round(md_total / n * 1000, 3),
            "clean_ms_per_page": round(clean_total / n * 1000, 3),
            "clean_share_percent": round(100 * clean_total / max(md_total + clean_total, 1e-9),
                                         1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synth", type=int, default=0, help="pages per standard to generate")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print("default site:", measure(bodies(ROOT / "content"), args.repeat))
    if args.synth:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import synth

        with tempfile.TemporaryDirectory() as tmp:
            synth.generate(Path(tmp) / "p", args.synth)
            print(f"synthetic {2 * args.synth} pages:",
                  measure(bodies(Path(tmp) / "p" / "content"), args.repeat))


if __name__ == "__main__":
    main()
