"""Messages to editors in Bokmål, Nynorsk or English, from the site's gettext catalogs.

Editor messages are `Message` values (an English msgid with named
``{placeholders}``, see `generator.errors.msg`); they are translated only where
they are printed, with a `Notices` value the command line makes once from
``--lang`` or the environment variable ``NOTICES_LANG`` (the flag wins;
Bokmål when neither is given).  The translations live in the default theme's
``locale/nb`` and ``locale/nn`` catalogs, next to the site's interface strings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Day, Message, fill, msg

LANGS = ("nb", "nn", "en")
STANDARDS = {"nb": msg("Bokmål"), "nn": msg("Nynorsk")}  # the written standards, as words
DEFAULT_LANG = "nb"
ENV = "NOTICES_LANG"


@dataclass(frozen=True)
class Notices:
    """Translates editor messages into one language.

    ``messages`` maps an English msgid to its translation; a msgid without one
    is printed in English (the test suite keeps that from shipping).
    """

    lang: str = "en"
    messages: Mapping[str, str] = field(default_factory=dict)

    def text(self, message: str | Message) -> str:
        """The message in this language, its placeholders filled in (themselves translated)."""
        if isinstance(message, Day) and message.at is not None and self.lang != "en":
            from generator.i18n.dates import DATE, TIME, _fmt

            pattern = {"minute": f"{DATE} {TIME}", "day": DATE}.get(message.precision, "LLLL y")
            return _fmt(message.at, pattern, self.lang)
        if not isinstance(message, Message):
            return message
        params = {k: self.text(v) for k, v in message.params}
        template = self.messages.get(message.msgid) or message.msgid
        try:
            return fill(template, params)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return str(message)

    def __call__(self, message: str | Message) -> str:
        return self.text(message)


def notices_for(args: object) -> Notices:
    """The notices the command line chose (``args.notices``), else those of the environment."""
    chosen = getattr(args, "notices", None)
    if isinstance(chosen, Notices):
        return chosen
    return load_notices(choose_lang(getattr(args, "lang", None), os.environ))


def choose_lang(flag: str | None, environ: Mapping[str, str]) -> str:
    """The language of messages: ``--lang`` first, then ``NOTICES_LANG``, else Bokmål.

    An unknown value in the environment is ignored (Bokmål); the flag's values
    are limited by the argument parser.
    """
    if flag in LANGS:
        return flag
    value = environ.get(ENV, "").strip().lower()
    return value if value in LANGS else DEFAULT_LANG


def load_notices(lang: str, locale_dir: Path | None = None) -> Notices:
    """The translations of editor messages for ``lang`` ('en' needs none)."""
    if lang == "en":
        return Notices("en")
    from generator.i18n.catalogs import po_path, read_messages
    from generator.project import DEFAULT_THEME

    path = po_path(locale_dir or DEFAULT_THEME / "locale", lang)
    return Notices(lang, read_messages(path) if path.exists() else {})
