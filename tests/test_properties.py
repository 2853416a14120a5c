"""Property-based: whatever is typed into front matter, data or Markdown, the build
either succeeds or reports errors that name a file and a line — never a traceback.

The pipeline runs in-process (`load_site` and every output), so a Python
exception anywhere fails the property.  Example counts are modest on purpose.
"""

from __future__ import annotations

import os
import re
import shutil
import string
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import CLOCK, FIXTURES, without_search_script
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clock import Clock, parse_clock
from generator.load.data import IMPACT_KEYS, PLACE_KEYS, WAVE_KEYS
from generator.load.pages import PAGE_KEYS
from generator.pipeline import load_site, outputs, theme_for
from generator.project import Project

# PROPERTY_EXAMPLES=2000 for a longer hunt; CI keeps the default small.
SETTINGS = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
CLOCK_ = Clock(parse_clock(CLOCK), "option")

# Values an editor might plausibly (or mistakenly) write
dates = st.sampled_from(["2023-10-28T22:00", "2023-10-29", "2023-03-26T02:30", "2024-autumn",
                         "2023-13-01", "2023-10-28T22:00+02:00", "20231028", "2023-10",
                         "9999-12-31", "i morgen", "2023-10-29 02:30", ""])
ids = st.sampled_from(["alfa", "beta", "w1", "w2", "home-care", "ukjent", "Alfa", "../x", ""])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=True), st.text(max_size=20), dates, ids)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["nb", "nn", "start", "end", "id", "x"]), inner,
                    max_size=3)), max_leaves=8)


def mapping(keys: tuple[str, ...]) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=8)), values,
                           max_size=8)


yaml_chars = st.text(alphabet=string.ascii_letters[:6] + "0123456789 :-[]{},'\"#&*!|>%@`\t\n"
                     "æøå\\", max_size=120)
markdown_chars = st.lists(st.sampled_from(
    list("abc æøå 123\n\n*_#->[]()!`|:{}<>/\\=\"'.\t") +
    ["javascript:", "<script>", "](", "    ", "- ", "1. ", "> ", "{: ", "&#", "\r\n"]),
    max_size=120).map("".join)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("prop") / "project"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


@contextmanager
def written(project: Path, rel: str, data: str | bytes) -> Iterator[None]:
    path = project / rel
    original = path.read_bytes()
    try:
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        yield
    finally:
        path.write_bytes(original)


def build_or_report(project: Path) -> None:
    """The property: success, or every error names a file and a line."""
    loaded = load_site(Project(project), CLOCK_)
    if loaded.site is None:
        errors = loaded.report.errors
        assert errors, "no site and no error"
        for finding in errors:
            assert finding.path and not finding.path.startswith("/"), finding
            assert finding.line is not None and finding.line >= 1, finding.format()
        return
    for item in outputs(loaded.site, theme_for(Project(project))):
        if item.path.endswith(".html"):
            text = item.data.decode("utf-8")
            text = without_search_script(item.path, text)
            # JSON-LD is the only script a page may carry, and it is data, not code
            assert not SCRIPT.search(text) and 'href="javascript:' not in text.lower()


SCRIPT = re.compile(r"<script(?![^>]*type=\"application/ld\+json\")", re.I)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(front=mapping(PAGE_KEYS), body=markdown_chars)
def test_any_front_matter_and_body(project: Path, front: dict, body: str) -> None:
    front.setdefault("title", "Om")
    with written(project, "content/nb/om.md", f"---\n{dump(front)}---\n{body}"):
        build_or_report(project)


@SETTINGS
@given(raw=yaml_chars)
def test_any_front_matter_text(project: Path, raw: str) -> None:
    with written(project, "content/nb/om.md", f"---\ntitle: Om\n{raw}\n---\nTekst.\n"):
        build_or_report(project)


@SETTINGS
@given(body=markdown_chars)
def test_any_markdown_body(project: Path, body: str) -> None:
    with written(project, "content/nn/index.md", f"---\ntitle: Velkomen\n---\n{body}"):
        build_or_report(project)


@SETTINGS
@given(record=mapping(PLACE_KEYS), kind=st.sampled_from(["municipalities", "organisations"]))
def test_any_place_record(project: Path, record: dict, kind: str) -> None:
    path = f"content/data/{kind}.yaml"
    existing = (project / path).read_text(encoding="utf-8")
    with written(project, path, existing + dump([record])):
        build_or_report(project)


@SETTINGS
@given(record=mapping(WAVE_KEYS))
def test_any_wave_record(project: Path, record: dict) -> None:
    existing = (project / "content/data/waves.yaml").read_text(encoding="utf-8")
    with written(project, "content/data/waves.yaml", existing + dump([record])):
        build_or_report(project)


@SETTINGS
@given(record=mapping(IMPACT_KEYS))
def test_any_impact_file(project: Path, record: dict) -> None:
    with written(project, "content/data/impacts/alfa.yaml", dump(record)):
        build_or_report(project)


@SETTINGS
@given(raw=yaml_chars)
def test_any_data_text(project: Path, raw: str) -> None:
    with written(project, "content/data/services.yaml", raw):
        build_or_report(project)
