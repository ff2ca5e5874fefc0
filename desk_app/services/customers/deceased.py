"""A customer reported deceased by a relative: every mailing stopped at once, and the record marked.

This is not a request under the APPI (the law protects the living, and a caller reporting a death is not the
person): nothing is disclosed to the caller, and no identity is checked. What the desk does is stop sending
catalogues, direct mail and the e-mail magazine to someone who has died, and show the report on the record so
that no agent greets the family with the customer's name. The report is kept on the customer (migration 0017)
with the day it was made; the access log keeps a CHANGE without personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import AccessAction, CustomerState
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.customers.lookup import CustomerNotFound
from desk_app.storage.models import Customer

MAILINGS = ("catalogue", "direct_mail", "email_magazine")


class DeathAlreadyReported(MessageError, ValueError):
    """The customer is already recorded as deceased: nothing is written twice."""


class NoDeathReported(MessageError, ValueError):
    """No death report is held on the customer: there is nothing to withdraw."""


@dataclass(frozen=True)
class DeathRecorded:
    customer_id: int
    reported_at: dt.datetime
    died_on: dt.date | None
    # The mailings that were still on and are now stopped.
    stopped: tuple[str, ...]


def _held_customer(session: Session, customer_id: int, agent_id: int) -> Customer:
    require_active(session, agent_id)
    customer = session.get(Customer, customer_id)
    if customer is None or customer.state is CustomerState.ERASED:
        raise CustomerNotFound(customer_id)
    return customer


def _mark(
    session: Session,
    customer: Customer,
    at: dt.datetime,
    reported: bool,
    died_on: dt.date | None,
    agent_id: int,
    logged: str,
    case_id: int | None,
    call_id: int | None,
) -> None:
    """The report set (`reported`, with `died_on`) or cleared, and the change logged as `logged`."""
    customer.death_reported_at = at if reported else None
    customer.died_on = died_on
    customer.updated_at = at
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=(customer.id,),
        detail=logged,
        case_id=case_id,
        call_id=call_id,
        now=at,
    )
    session.flush()


def record_death(
    session: Session,
    customer_id: int,
    *,
    agent_id: int,
    died_on: dt.date | None = None,
    case_id: int | None = None,
    call_id: int | None = None,
    now: dt.datetime | None = None,
) -> DeathRecorded:
    """Mark `customer_id` deceased as of the report and stop every mailing.

    `CustomerNotFound` for an unknown or erased customer, `DeathAlreadyReported` when a report is on file,
    `InvalidRequest` for a day of death after today; nothing is written before every check has passed.
    """
    customer = _held_customer(session, customer_id, agent_id)
    if customer.death_reported_at is not None:
        raise DeathAlreadyReported(message("deceased.already", customer_no=customer.customer_no))
    at = now or dt.datetime.now(dt.UTC)
    if died_on is not None and died_on > at.astimezone(TOKYO).date():
        raise InvalidRequest(message("deceased.died_in_future"))
    stopped = []
    for mailing in MAILINGS:
        if getattr(customer, f"{mailing}_opt_in"):
            setattr(customer, f"{mailing}_opt_in", False)
            setattr(customer, f"{mailing}_changed_at", at)
            stopped.append(mailing)
    _mark(
        session, customer, at, True, died_on, agent_id, "death reported; mailings stopped", case_id, call_id
    )
    return DeathRecorded(customer_id, at, died_on, tuple(stopped))


def withdraw_death_report(
    session: Session,
    customer_id: int,
    *,
    agent_id: int,
    call_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """A report made in error (the customer calls, alive): the mark is removed, and the access log keeps the
    change. The mailings stay stopped: whether to receive them again is the customer's own request.

    `CustomerNotFound` for an unknown or erased customer, `NoDeathReported` when none is held.
    """
    customer = _held_customer(session, customer_id, agent_id)
    if customer.death_reported_at is None:
        raise NoDeathReported(message("deceased.none", customer_no=customer.customer_no))
    at = now or dt.datetime.now(dt.UTC)
    _mark(
        session, customer, at, False, None, agent_id, "death report withdrawn as made in error", None, call_id
    )
