"""Phone numbers: read, checked and written the Norwegian way, in one place.

Numbers are parsed and validated with `phonenumbers` (Google's libphonenumber
metadata, ITU-T E.164) with Norway as the default region, so "71166000",
"71 16 60 00", "+47 71 16 60 00" and "0047 71166000" are the same number.
Shown: a Norwegian number in national form ("71 16 60 00", "800 30 000"), a
foreign one in international form ("+46 8 123 456 78"); linked as
``tel:+4771166000`` (RFC 3966, global number).  Short numbers such as 113 or
116 117 are kept as written and linked without a country code.

Placeholders ("+47 00 00 00 00", "12345678") are no real numbers; they are
accepted here, so a template site builds, and `is_placeholder` lets the deploy
check (`check --deploy`) refuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo

REGION = "NO"


@dataclass(frozen=True)
class Phone:
    shown: str  # "71 16 60 00", "+46 8 123 456 78"
    tel: str  # for a tel: link: "+4771166000", "113"


class PhoneError(ValueError):
    """The text is not a phone number one could call."""


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_placeholder(text: str) -> bool:
    """'+47 00 00 00 00', '00000000', '12345678', '11 11 11 11': numbers nobody answers."""
    d = digits(text)
    national = d[2:] if text.strip().startswith("+47") else d[4:] if d.startswith("0047") else d
    return len(national) >= 6 and (len(set(national)) == 1 or national in "1234567890"
                                    or national in "9876543210")


def parse_phone(text: str) -> Phone:
    """The number in `text` as shown and linked; raises `PhoneError` if it is none."""
    if not re.fullmatch(r"\+?[0-9][0-9 ()./-]{1,30}", text.strip()):
        raise PhoneError(text)
    if is_placeholder(text):
        return Phone(" ".join(text.split()), "+" + digits(text) if "+" in text else digits(text))
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise PhoneError(text) from None
    if phonenumbers.is_valid_number(number):
        own = phonenumbers.region_code_for_number(number) == REGION
        shown = phonenumbers.format_number(
            number, PhoneNumberFormat.NATIONAL if own else PhoneNumberFormat.INTERNATIONAL)
        return Phone(shown, phonenumbers.format_number(number, PhoneNumberFormat.E164))
    if shortnumberinfo.is_valid_short_number_for_region(number, REGION):
        return Phone(" ".join(text.split()), digits(text))
    raise PhoneError(text)
