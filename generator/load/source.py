"""Open one YAML source file and report read/parse problems in one style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Report, msg
from generator.load.files import FileProblem, read_text
from generator.load.yamlsrc import YamlError, parse

_MISSING = object()


def load_yaml_file(report: Report, path: Path, root: Path) -> Any:
    """The parsed document, or `_MISSING` after reporting why it could not be read."""
    try:
        text = read_text(path, root)
    except FileProblem as exc:
        report.error(path, exc.line, exc.message, exc.hint, code="unreadable-file")
        return _MISSING
    except OSError as exc:
        report.error(path, None, msg("The file cannot be read: {problem}.",
                                     problem=exc.strerror), code="unreadable-file")
        return _MISSING
    try:
        return parse(text)
    except YamlError as exc:
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return _MISSING


def loaded(value: Any) -> bool:
    return value is not _MISSING
