"""What a letter answering from the published policy says, read from its case: the purposes of use the
case recorded for its notice, or the foreign recipients it recorded, with their version
(`policy_answers.py` records them)."""

# Read from the case, never from the configuration as it is now: a letter printed again after the
# configuration changed says what the customer was sent.

from __future__ import annotations

from typing import Any

from desk_app.domain.completion import FOREIGN_RECORD, PURPOSES_RECORD
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.domain.messages import message
from desk_app.letters.content import (
    FeeReceived,
    FeeWaived,
    ForeignRecipientCountry,
    ForeignTransferLetter,
    PurposesNoticeLetter,
)
from desk_app.storage.models import Case


def purposes_notice(
    case: Case, common: dict[str, Any], *, fee: FeeReceived | FeeWaived | None
) -> PurposesNoticeLetter:
    """The notice of the purposes the case recorded; `fee` as it was settled, None where none is charged."""
    recorded = (case.details or {}).get(PURPOSES_RECORD) or {}
    purposes = tuple(str(item) for item in recorded.get("items") or ())
    if not purposes or not isinstance(recorded.get("version"), int):
        raise LetterNotApplicable(message("letter.no_purposes_recorded", case_no=case.case_no))
    return PurposesNoticeLetter(**common, purposes=purposes, version=recorded["version"], fee=fee)


def foreign_transfer(case: Case, common: dict[str, Any]) -> ForeignTransferLetter:
    """The information on foreign recipients the case recorded (no countries: none abroad)."""
    recorded = (case.details or {}).get(FOREIGN_RECORD) or {}
    countries = recorded.get("countries")
    if not isinstance(countries, list) or not isinstance(recorded.get("version"), int):
        raise LetterNotApplicable(message("letter.no_foreign_transfer_recorded", case_no=case.case_no))
    given = tuple(
        ForeignRecipientCountry(
            country=str(entry["country"]),
            recipient=str(entry["recipient"]),
            system=str(entry["system"]),
            measures=str(entry["measures"]),
        )
        for entry in countries
    )
    return ForeignTransferLetter(**common, countries=given, version=recorded["version"])
