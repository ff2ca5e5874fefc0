"""A verified stop-provision request carried out: the customer's data no longer goes to third parties on
their consent — to one recipient, or to anyone at all (APPI Art. 35(3) and (5); company policy §3)."""

# Like stopped mailings, a stop is the customer's record's as much as the case's: `provision_stops` keeps each
# one after the case is closed (and purged), `customers.provision_opt_in` goes off with a stop of all, and
# the imports keep both (`services/admin/imports/`). Which provision a customer can stop is
# `domain/provision_stops.py`: provision a law requires goes on whatever they ask.

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.completion import PROVISION_STOPS
from desk_app.domain.enums import CaseKind, ProvisionStopGround
from desk_app.domain.messages import InvalidRequest, message
from desk_app.domain.provision_stops import ALL_NOT_REQUIRED, ONE_RECIPIENT, STOPPABLE_BASES
from desk_app.services.cases.records import CaseView, update_details, utc_now
from desk_app.services.cases.verified import customer_of, open_request, record_change, start_work
from desk_app.storage.models import ProvisionRecord, ProvisionStop

STOP_KINDS = frozenset({CaseKind.STOP_PROVISION})
# Where a case keeps the stops it made, in the order made (the letter lists them all).
DETAIL = PROVISION_STOPS


def stoppable_recipients(session: Session, customer_id: int) -> tuple[str, ...]:
    """The recipients the customer's data went to on consent, latest provision first: the ones a stop of a
    single recipient may name."""
    p = ProvisionRecord
    latest = func.max(p.provided_on)
    rows = session.execute(
        select(p.recipient_name, latest)
        .where(p.customer_id == customer_id, p.basis.in_(sorted(STOPPABLE_BASES)))
        .group_by(p.recipient_name)
        .order_by(latest.desc(), p.recipient_name)
    )
    return tuple(name for name, _ in rows)


def stop_provision(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    recipient: str | None,
    ground: ProvisionStopGround,
    now: dt.datetime | None = None,
) -> CaseView:
    """Stop provision on consent to `recipient`, or to every recipient when it is None (now and to come).

    The stop is kept with the customer (`ProvisionStop`), and with a stop of all their `provision_opt_in`
    goes off; the case log records which provision and why. `InvalidRequest` for a recipient the customer's
    data never went to on consent: there is nothing of theirs to stop, and nothing is written.
    """
    case = open_request(session, case_id, STOP_KINDS)
    customer = customer_of(session, case)
    name = recipient.strip() if recipient is not None else None
    if name is not None and name not in stoppable_recipients(session, customer.id):
        said = message("provision.not_stoppable", customer_no=customer.customer_no, recipient=name)
        raise InvalidRequest(said)
    at = utc_now(now)
    start_work(session, case, agent_id, at)
    detail: dict[str, object] = {
        "scope": ALL_NOT_REQUIRED if name is None else ONE_RECIPIENT,
        "recipient": name,
        "ground": ground.value,
    }
    if name is None:
        detail["before"] = customer.provision_opt_in
        customer.provision_opt_in = False
        customer.provision_changed_at = at
    session.add(
        ProvisionStop(
            customer_id=customer.id, recipient_name=name, ground=ground, stopped_at=at, case_id=case.id
        )
    )
    update_details(
        case, **{DETAIL: [*(case.details or {}).get(DETAIL, []), {**detail, "at": at.isoformat()}]}
    )
    return record_change(
        session,
        case,
        customer,
        agent_id=agent_id,
        event="provision_stopped",
        detail=detail,
        access="third-party provision stopped",
        at=at,
    )
