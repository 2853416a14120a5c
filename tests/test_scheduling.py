"""Drafts and scheduling: draft, publish:, expires: and next_change."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build, read


def page(project: Path, name: str, meta: str) -> None:
    (project / "content/nb" / f"{name}.md").write_text(
        f"---\ntitle: Planlagt side\n{meta}\n---\nTekst som kommer.\n", encoding="utf-8")


def state(out: Path) -> dict:
    return json.loads((out / "build-state.json").read_text())


def test_draft_hidden_unless_drafts_and_then_marked(mini: Path, tmp_path: Path) -> None:
    page(mini, "utkast", "draft: true")
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    assert not (out / "nb/utkast").exists()
    assert "Planlagt side" not in (out / "nb/index.html").read_text()
    assert build(mini, out, "2023-10-30T12:00", "--drafts").returncode == 0
    shown = read(out, "nb/utkast")
    assert "UTKAST" in shown and "Tekst som kommer." in shown
    assert "UTKAST" not in read(out, "nb/om")  # only the draft is marked


def test_publish_in_the_future_waits_for_the_clock(mini: Path, tmp_path: Path) -> None:
    page(mini, "snart", "publish: 2023-10-31T09:00")
    out = tmp_path / "site"
    build(mini, out, "2023-10-31T08:59")
    assert not (out / "nb/snart").exists()
    assert state(out)["next_change"] == "2023-10-31T09:00:00+01:00"
    build(mini, out, "2023-10-31T09:00")
    assert "Tekst som kommer." in read(out, "nb/snart")
    assert state(out)["next_change"] != "2023-10-31T09:00:00+01:00"


def test_expires_takes_the_page_out(mini: Path, tmp_path: Path) -> None:
    page(mini, "snart-borte", "expires: 2023-11-01")
    out = tmp_path / "site"
    build(mini, out, "2023-10-31T23:59")
    assert "Tekst som kommer." in read(out, "nb/snart-borte")
    assert state(out)["next_change"] == "2023-11-01T00:00:00+01:00"
    build(mini, out, "2023-11-01T00:00")
    assert not (out / "nb/snart-borte").exists()
