"""Phone numbers as people and exchanges write them, reduced to one E.164 form for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberFormat, PhoneNumberMatcher

DEFAULT_REGION = "JP"
# Caller ID and people never write numbers longer than this; anything longer is not one number.
MAX_INPUT_LENGTH = 200
# Digits and the punctuation numbers are written with, nothing else: text the parser reads whole. When it
# parses to a valid number, that is the number the matcher finds (tests/core/domain/test_phones.py compares
# them).
_PLAIN = re.compile(r"\+?[0-9 ()\-.]+")
# A Japanese number written nationally (03-1234-5678, 09012345678): the parser would only strip the
# leading 0, so the number is built directly (its national prefixes 000… and 003768… are left to it).
_NATIONAL_JAPANESE = re.compile(r"0[1-9][0-9\-]{7,12}")


class InvalidPhoneNumber(ValueError):
    """The text does not hold exactly one valid phone number."""


@dataclass(frozen=True)
class PhoneNumber:
    e164: str
    national: str


def normalise(text: str) -> PhoneNumber:
    """Return the number in `text`, written in any usual way, or raise `InvalidPhoneNumber`.

    Accepts hyphens, spaces, brackets, full-width digits and dashes, `+81 (0)3 …`, `tel:` URIs and
    junk around the number (`03-1234-5678 自宅`).  Letters are never read as digits.
    """
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidPhoneNumber("too long to be a phone number")
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        raise InvalidPhoneNumber("empty")
    # Caller ID and most typing give a plain number: the parser alone reads it in a fifth of the matcher's
    # time, and the screen pop waits for this.
    number = plain_number(folded)
    if number is None:
        number = number_in_text(folded)
    return written(number)


def plain_number(folded: str) -> phonenumbers.PhoneNumber | None:
    """The valid number that plain `folded` (NFKC, stripped) is, else None: `number_in_text` decides."""
    if _NATIONAL_JAPANESE.fullmatch(folded):
        number = phonenumbers.PhoneNumber(country_code=81, national_number=int(folded.replace("-", "")[1:]))
    elif _PLAIN.fullmatch(folded):
        try:
            number = phonenumbers.parse(folded, DEFAULT_REGION)
        except NumberParseException:
            return None
    else:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def number_in_text(folded: str) -> phonenumbers.PhoneNumber:
    """The one number in `folded`, wherever it stands in the text; `InvalidPhoneNumber` if none or more."""
    # The matcher finds numbers inside surrounding text without turning letters into digits.
    found = {
        phonenumbers.format_number(match.number, PhoneNumberFormat.E164): match.number
        for match in PhoneNumberMatcher(folded, DEFAULT_REGION, leniency=Leniency.VALID)
    }
    if len(found) > 1:
        raise InvalidPhoneNumber("more than one phone number")
    if found:
        number = next(iter(found.values()))
    else:
        # URIs with phone-context and other forms the matcher does not look for.
        if any(ch.isalpha() for ch in folded.removeprefix("tel:").split(";", 1)[0]):
            raise InvalidPhoneNumber("not a phone number")
        try:
            number = phonenumbers.parse(folded, DEFAULT_REGION)
        except NumberParseException:
            raise InvalidPhoneNumber("not a phone number") from None
        if not phonenumbers.is_valid_number(number):
            raise InvalidPhoneNumber("not a valid phone number")
    return number


# E.164 allows at most fifteen digits after the "+".
E164_MAX_DIGITS = 15


def written(number: phonenumbers.PhoneNumber) -> PhoneNumber:
    """`number` without its extension, in E.164 and as written at home (Japan) or abroad."""
    number.extension = None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if len(e164) - 1 > E164_MAX_DIGITS:
        # A carrier's free-dial prefix (0066-…) keeps its leading zeros in the parser's E.164: no line
        # calls from it and no one registers it, and it would not be a number anywhere else.
        raise InvalidPhoneNumber("longer than any E.164 number")
    style = PhoneNumberFormat.NATIONAL if number.country_code == 81 else PhoneNumberFormat.INTERNATIONAL
    return PhoneNumber(e164=e164, national=phonenumbers.format_number(number, style))
