"""The screen pop: from the caller's number to everything the record panel shows first, in one go."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, CustomerState
from desk_app.domain.phones import InvalidPhoneNumber, PhoneNumber, normalise
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.customers.lookup import CustomerMatch, holders_statement, matches_from_rows
from desk_app.services.customers.record import CustomerRecord, record_column, record_from_json
from desk_app.storage.models import CallRecord, Customer, Phone, table_of


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


_customers, _phones, _calls = table_of(Customer), table_of(Phone), table_of(CallRecord)
# Aliases, so that the record's own subqueries on these tables are not mistaken for the match's.
_holder, _held = _customers.alias("holder"), _phones.alias("held")
_MATCH = holders_statement(_holder, _held)
_MATCH_WIDTH = len(_MATCH.selected_columns)
# True in one row only, and only when a single customer holds the number (perhaps as two kinds of phone):
# the first row, in which the record is read.
_SOLE_MATCH = and_(
    func.min(_holder.c.id).over() == func.max(_holder.c.id).over(),
    _held.c.id == func.min(_held.c.id).over(),
)
_POP = _MATCH.add_columns(record_column(_holder, only_if=_SOLE_MATCH))

# The call's customer, when a single live customer holds the number and the call names nobody yet (the
# first customer found or chosen wins): `calls.link_call_to_customer`, with the match done in the database.
_sole_holder = (
    select(func.min(_customers.c.id))
    .select_from(_phones)
    .join(_customers, _phones.c.customer_id == _customers.c.id)
    # Not "e164": that name is call_log's own column's in an UPDATE.
    .where(_phones.c.e164 == bindparam("number"), _customers.c.state != CustomerState.ERASED)
    .having(func.min(_customers.c.id) == func.max(_customers.c.id))
    .scalar_subquery()
)
_LINK_SOLE_HOLDER = (
    update(_calls)
    .where(_calls.c.id == bindparam("call_row_id"), _calls.c.customer_id.is_(None), _sole_holder.is_not(None))
    .values(customer_id=_sole_holder)
)


def screen_pop(
    session: Session, number_text: str, *, agent_id: int | None, call_id: int | None = None
) -> ScreenPop:
    """Find the caller and load what the panel shows first; every customer shown is logged as a view.

    One match loads the whole `CustomerRecord` (logged "screen pop"); several give the chooser list
    (each logged "chooser", since their names are on screen); none give the normalised number.
    `call_id` is the call-log row (from `record_call_event`) that the views are logged against; a
    single match also becomes that call's customer. An agent id is checked first (`AgentNotActive`, with
    nothing read or written, for one unknown or disabled).
    """
    if agent_id is not None:
        require_active(session, agent_id)
    try:
        number = normalise(number_text)
    except InvalidPhoneNumber:
        return ScreenPop(number_text, PopOutcome.NOT_A_NUMBER, None, (), None)
    if call_id is not None:  # first, so that the record's recent calls include this one
        session.execute(_LINK_SOLE_HOLDER, {"number": number.e164, "call_row_id": call_id})
    # The match and, for a single one, the whole record: one statement, one round trip to a server, and
    # one snapshot (a customer erased meanwhile by another desk is either matched with a record or not).
    rows = session.execute(_POP, {"e164": number.e164}).all()
    matches = matches_from_rows(rows)
    if not matches:
        return ScreenPop(number_text, PopOutcome.NONE, number, (), None)
    if len(matches) == 1:
        # The first row is the one `_SOLE_MATCH` read the record in.
        record = record_from_json(matches[0].customer_id, rows[0][_MATCH_WIDTH])
        _log(session, matches, agent_id, call_id, "screen pop")
        return ScreenPop(number_text, PopOutcome.ONE, number, matches, record)
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
