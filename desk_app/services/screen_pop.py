"""The screen pop: from the caller's number to everything the record panel shows first, in one go."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desk_app.phones import InvalidPhoneNumber, PhoneNumber, normalise
from desk_app.services.access_log import record_access
from desk_app.services.calls import link_call_to_customer
from desk_app.services.customer_record import CustomerRecord, load_record
from desk_app.services.lookup import CustomerMatch, matches_for
from desk_app.storage.models import AccessAction


class PopOutcome(enum.StrEnum):
    ONE = "one"  # the record opens
    SEVERAL = "several"  # a household landline: the agent chooses
    NONE = "none"  # nobody holds the number: search opens with it filled in
    NOT_A_NUMBER = "not_a_number"  # the text is no valid number: search opens with the text


@dataclass(frozen=True)
class ScreenPop:
    input: str
    outcome: PopOutcome
    # None only when the text is not a valid number.
    number: PhoneNumber | None
    # ONE: the single match; SEVERAL: the chooser's rows (number, name, kana, phone kind, city).
    choices: tuple[CustomerMatch, ...]
    # Set exactly when the outcome is ONE.
    record: CustomerRecord | None


def screen_pop(
    session: Session, number_text: str, *, agent_id: int | None, call_id: int | None = None
) -> ScreenPop:
    """Find the caller and load what the panel shows first; every customer shown is logged as a view.

    One match loads the whole `CustomerRecord` (logged "screen pop"); several give the chooser list
    (each logged "chooser", since their names are on screen); none give the normalised number.
    `call_id` is the call-log row (from `record_call_event`) that the views are logged against; a
    single match also becomes that call's customer.
    """
    try:
        number = normalise(number_text)
    except InvalidPhoneNumber:
        return ScreenPop(number_text, PopOutcome.NOT_A_NUMBER, None, (), None)
    matches = matches_for(session, number.e164)
    if len(matches) == 1:
        if call_id is not None:  # first, so that the record's recent calls include this one
            link_call_to_customer(session, call_id, matches[0].customer_id)
        record = load_record(session, matches[0].customer_id)
        # Erased between the two reads by another desk: as good as no match.
        if record is not None:
            _log(session, matches, agent_id, call_id, "screen pop")
            return ScreenPop(number_text, PopOutcome.ONE, number, matches, record)
        matches = ()
    if not matches:
        return ScreenPop(number_text, PopOutcome.NONE, number, (), None)
    _log(session, matches, agent_id, call_id, "chooser")
    return ScreenPop(number_text, PopOutcome.SEVERAL, number, matches, None)


def _log(
    session: Session,
    matches: tuple[CustomerMatch, ...],
    agent_id: int | None,
    call_id: int | None,
    detail: str,
) -> None:
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.VIEW,
        customer_ids=[match.customer_id for match in matches],
        detail=detail,
        call_id=call_id,
    )
