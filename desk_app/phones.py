"""Phone numbers as people and exchanges write them, reduced to one E.164 form for matching."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberFormat, PhoneNumberMatcher

DEFAULT_REGION = "JP"
# Caller ID and people never write numbers longer than this; anything longer is not one number.
MAX_INPUT_LENGTH = 200


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
    number.extension = None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    style = PhoneNumberFormat.NATIONAL if number.country_code == 81 else PhoneNumberFormat.INTERNATIONAL
    return PhoneNumber(e164=e164, national=phonenumbers.format_number(number, style))
