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
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return _MISSING
    except OSError as exc:
        report.error(path, None, msg("The file cannot be read: {problem}.",
                                     problem=exc.strerror), code="unreadable-file")
        return _MISSING
    duplicates: list[YamlError] = []
    try:
        return parse(text, duplicates=duplicates)
    except YamlError as exc:
        report.error(path, exc.line, exc.message, exc.hint, code=exc.code)
        return _MISSING
    finally:  # a key written twice is an error, but the rest of the file is still checked
        for twice in duplicates:
            report.error(path, twice.line, twice.message, twice.hint, code=twice.code)


def loaded(value: Any) -> bool:
    """True if `value` is not the marker for 'the file could not be read'."""
    return value is not _MISSING
