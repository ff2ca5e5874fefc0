"""What a case is linked to, for its detail view: the call it came in on and the letters that answer it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desk_app.domain.enums import NoNumberReason
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.cases.letter_views import LetterView
from desk_app.services.cases.letters import letters_of_case
from desk_app.services.cases.records import load_case
from desk_app.storage.models import CallRecord


@dataclass(frozen=True)
class LinkedCall:
    started_at: dt.datetime
    # The number as caller ID gave it (national form), or why there was none.
    number: str | None
    no_number_reason: NoNumberReason | None


@dataclass(frozen=True)
class CaseLinks:
    call: LinkedCall | None
    letters: tuple[LetterView, ...]


def case_links(session: Session, case_id: int) -> CaseLinks:
    case = load_case(session, case_id)
    call_id = (case.details or {}).get("call_id")
    record = session.get(CallRecord, call_id) if call_id is not None else None
    call = None
    if record is not None:
        number = record.raw_number
        if record.e164:
            try:
                number = normalise(record.e164).national
            except InvalidPhoneNumber:
                number = record.raw_number
        call = LinkedCall(
            started_at=record.started_at, number=number, no_number_reason=record.no_number_reason
        )
    return CaseLinks(call=call, letters=letters_of_case(session, case_id))
