"""`build-state.json`: when this build was made and when its content next changes.

A deploy pipeline reads `next_change` to schedule the next rebuild, so notices
start and end on time without anyone committing.
"""

from __future__ import annotations

import json

from generator import __version__
from generator.render import OutputFile
from generator.site import Site

STATE_FILE = "build-state.json"


def state_file(site: Site) -> OutputFile:
    """build-state.json: generator version, the clock and the next instant a status changes (ISO
    8601 seconds, or null), so a scheduler knows when to build again.
    """
    state = {
        "generator": __version__,
        "clock": site.now.isoformat(timespec="seconds"),
        "next_change": site.next_change.isoformat(timespec="seconds")
        if site.next_change else None,
    }
    return OutputFile(STATE_FILE, (json.dumps(state, indent=2) + "\n").encode())
