"""A template that fails to render becomes a finding (file:line), not a traceback.

A project may bring its own templates/; a mistake in one of them (a syntax
error, an include of a file that is not there or lies outside templates/, an
unknown variable) is reported like a content error, and site/ is left as it was.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from generator.errors import Report, msg


def report_template_error(report: Report, exc: jinja2.TemplateError,
                          template_dirs: list[Path]) -> None:
    path, line = _where(exc, template_dirs)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        report.error(path, line, msg("The template cannot be read: {problem}.",
                                     problem=exc.message),
                     msg("Fix the template syntax on this line."), code="template")
    elif isinstance(exc, jinja2.TemplateNotFound):
        report.error(path, line, msg("The template '{name}' was not found.", name=exc.name),
                     msg("Templates can only use files inside templates/ (no '..' in the "
                         "name); check the name."), code="template")
    else:
        report.error(path, line, msg("The template failed: {problem}.",
                                     problem=exc.message or exc),
                     msg("Check the variable names used on this line."), code="template")


def _where(exc: jinja2.TemplateError, template_dirs: list[Path]) -> tuple[str, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    roots = [str(d.resolve()) for d in template_dirs]
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        name = frame.f_code.co_filename
        if any(name.startswith(r) for r in roots):
            return name, line
    return "templates", None
