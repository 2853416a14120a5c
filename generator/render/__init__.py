"""Renderers: each reads the `Site` and yields output files; none reads content/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output folder, "/"-separated
    data: bytes
    reuse: str | None = None  # an existing file with exactly these bytes: link it, not `data`
    written: bool = False  # the renderer has already written it into the output folder
