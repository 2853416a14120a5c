"""Fuzz the build with Hypothesis: front matter, data records and Markdown bodies.

Not part of the default test run (the file name does not start with ``test_``).
Run it in one process for a fixed time::

    python tests/fuzz/fuzz_inputs.py --minutes 10 --log /tmp/fuzz.json

Each input is a copy of tests/fixtures/mini with one page's front matter, one
impact record and one Markdown body replaced by generated text; it is built
in-process (`generator.cli.main`, one job, no cache).  An input fails when

* the build raises (a traceback instead of a message), exits other than 0/1,
  or prints "Traceback";
* it takes longer than the time limit (``--seconds``, SIGALRM) or needs more
  memory than the limit (``--memory-mb``, RLIMIT_AS for the whole process);
* a page or feed it published holds a ``javascript:``, ``vbscript:`` or
  ``data:`` link, or an event-handler attribute.

Failures are logged (deduplicated by kind and place) and the run goes on, so
one run reports every kind it finds.  Hypothesis shrinks nothing here: the
logged input is the one that failed.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator import cli  # noqa: E402

MINI = ROOT / "tests/fixtures/mini"
CLOCK = "2023-10-30T12:00"
PAGE = "content/nb/om.md"
IMPACT = "content/data/impacts/alfa.yaml"

YAML_BITS = [
    "title", "description", "type", "date", "publish", "expires", "slug", "menu", "draft",
    "municipalities", "waves", "translation_key", "list", "footer", "updated",
    ": ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "'", '"', "\\x01", "\\x0b", "\\u0000",
    "\\n", "\\t", "&a ", "*a", "&b [*a, *a, *a, *a]", "!!python/object:x", "!!binary",
    "2023-10-30", "2023-10-30T22:00", "22:00", "0700", "0o17", "1e9", "1_000", ".inf",
    "null", "~", "true", "no", "alfa", "beta", "w1", "announcement", "page", "con", "aux",
    "places", "kommuner", "tidslinje", "../", "/etc/passwd", "javascript:alert(1)",
    "<script>", "&#0;", "\u200b", "\u202e", "\ufeff", "１２３", "æøå", "#", "|", ">", "%",
    "@", "`", "?",
]
MD_BITS = [
    "a", " ", "\n", "\n\n", "  \n", "*", "_", "`", "``", "#", "## ", "=", "-", "\n===\n",
    "\n---\n", "> ", "- ", "1. ", "|", "| a | b |\n|---|---|\n", "[", "]", "(", ")", "![",
    "](", "<", ">", "&", ";", "&#58;", "&#106;", "&colon;", "&Tab;", "&NewLine;", "&#0;",
    "&#x6A;", "&#0000106;", "javascript", "JaVaScRiPt:", "java\tscript:", "java\nscript:",
    "vbscript:", "data:text/html,", "alert(1)", "[x]: ", "[x]", "{: ", "onclick=", "}",
    '"', "'", "\\", "<script>", "<a href=", "<img src=x onerror=alert(1)>", "[TOC]",
    "    ", "\t", "https://a.no", "mailto:a@b.no", "//evil.example", "æ", "\u2028",
    "<!--", "-->", "<svg/onload=alert(1)>", "%6A", "&#x09;", "\u00a0",
    "[x](javascript&#58;alert(1))", "[x](&#106;avascript:alert(1))", "[x](", "![x](",
    "[x][r]\n\n[r]: ", "javascript&colon;alert(1)", "java&Tab;script:alert(1)", ")",
]
yaml_text = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=6), max_size=40).map("".join)
md_text = st.lists(st.sampled_from(MD_BITS) | st.text(max_size=4), max_size=120).map("".join)
key_values = st.lists(st.tuples(st.sampled_from(YAML_BITS[:15]), yaml_text), max_size=6)
IMPACT_KEYS = ["id", "municipalities", "published", "period", "title", "summary",
               "always_kept", "contact", "services", "wave", "expires"]

BAD_LINK = re.compile(r"^(?:javascript|vbscript|data):")
ATTR = re.compile(r"""\b(href|src|action|formaction|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
                  re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


class TimeLimit(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise TimeLimit


def front_matter(pairs: list[tuple[str, str]], raw: str, use_raw: bool) -> str:
    if use_raw:
        return f"---\n{raw}\n---\n"
    lines = "".join(f"{k}: {v}\n" for k, v in pairs)
    return f"---\ntitle: Om\n{lines}---\n"


def impact(pairs: list[tuple[str, str]]) -> str:
    base = (MINI / IMPACT).read_text(encoding="utf-8")
    for key, value in pairs:
        if re.search(rf"(?m)^{key}:", base):
            base = re.sub(rf"(?m)^{key}:.*$", lambda _m, k=key, v=value: f"{k}: {v}", base,
                          count=1)
        else:
            base += f"{key}: {value}\n"
    return base


def unsafe_links(out: Path) -> list[str]:
    found = []
    for path in out.rglob("*"):
        if path.suffix not in (".html", ".xml", ".atom") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix != ".html":
            text = html.unescape(text)  # feed content is escaped HTML
        for _name, value in ATTR.findall(text):
            v = re.sub(r"[\x00-\x20]", "", html.unescape(value.strip("\"'"))).lower()
            if BAD_LINK.match(v) and v != "data:,":  # the templates' empty favicon
                found.append(f"{path.relative_to(out)}: {value[:80]}")
        m = HANDLER.search(text)
        if m and path.suffix == ".html":
            found.append(f"{path.relative_to(out)}: handler {m.group()[:80]}")
    return found


class Run:
    def __init__(self, seconds: float, log: Path):
        self.seconds = seconds
        self.log = log
        self.tried = 0
        self.slowest = 0.0
        self.failures: dict[str, dict] = {}
        self.exits: dict[str, int] = {}
        self.work = Path(tempfile.mkdtemp(prefix="fuzz-"))

    def one(self, page_text: str, impact_text: str) -> None:
        self.tried += 1
        project = self.work / "project"
        out = self.work / "out"
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(MINI, project)
        (project / PAGE).write_text(page_text, encoding="utf-8", errors="surrogatepass")
        (project / IMPACT).write_text(impact_text, encoding="utf-8", errors="surrogatepass")
        err = io.StringIO()
        started = time.perf_counter()
        kind = ""
        detail = ""
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(["build", "--root", str(project), "--out", str(out),
                                 "--clock", CLOCK, "--jobs", "1", "--no-cache"])
            self.exits[str(code)] = self.exits.get(str(code), 0) + 1
            if code not in (0, 1):
                kind, detail = f"exit-{code}", err.getvalue()[-2000:]
            elif "Traceback" in err.getvalue():
                kind, detail = "traceback-printed", err.getvalue()[-2000:]
            elif code == 0:
                bad = unsafe_links(out)
                if bad:
                    kind, detail = "unsafe-link", "\n".join(bad[:5])
        except TimeLimit:
            kind, detail = "time-limit", f"over {self.seconds} s"
        except MemoryError:
            kind, detail = "memory-limit", "MemoryError"
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - that is the finding
            tb = traceback.extract_tb(exc.__traceback__)
            where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
            kind, detail = f"{type(exc).__name__}@{where}", traceback.format_exc()[-3000:]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        self.slowest = max(self.slowest, time.perf_counter() - started)
        if kind and kind not in self.failures:
            self.failures[kind] = {"detail": detail, "page": page_text[:4000],
                                   "impact": impact_text[:4000]}
            print(f"FAILURE {kind} (input {self.tried})", file=sys.stderr, flush=True)
            self.save()

    def save(self) -> None:
        self.log.write_text(json.dumps({"inputs_tried": self.tried,
                                        "slowest_seconds": round(self.slowest, 3),
                                        "exit_codes": self.exits,
                                        "failures": self.failures}, indent=1,
                                       ensure_ascii=False), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--seconds", type=float, default=20, help="time limit per input")
    ap.add_argument("--memory-mb", type=int, default=2048, help="address-space limit")
    ap.add_argument("--log", type=Path, default=Path("/tmp/fuzz-inputs.json"))
    args = ap.parse_args()
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    run = Run(args.seconds, args.log)
    stop = time.monotonic() + args.minutes * 60

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mode=st.sampled_from(["front-matter", "data", "body", "body", "all"]),
           pairs=key_values, raw=yaml_text, use_raw=st.booleans(),
           impact_pairs=st.lists(st.tuples(st.sampled_from(IMPACT_KEYS), yaml_text), max_size=3),
           body=md_text)
    def fuzz(mode: str, pairs: list[tuple[str, str]], raw: str, use_raw: bool,
             impact_pairs: list[tuple[str, str]], body: str) -> None:
        if time.monotonic() > stop:
            raise KeyboardInterrupt
        fm = front_matter(pairs, raw, use_raw) if mode in ("front-matter", "all") else \
            "---\ntitle: Om\nmenu: 2\n---\n"
        text = body if mode in ("body", "all") else "Tekst.\n"
        record = impact(impact_pairs if mode in ("data", "all") else [])
        run.one(fm + text, record)

    started = time.monotonic()
    with contextlib.suppress(KeyboardInterrupt):
        while time.monotonic() < stop:
            fuzz()
    run.save()
    print(json.dumps({"inputs_tried": run.tried, "minutes": round((time.monotonic() - started)
                                                                  / 60, 1),
                      "slowest_seconds": round(run.slowest, 3),
                      "failure_kinds": sorted(run.failures)}))
    shutil.rmtree(run.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
