"""What the published policy tells a customer who asks, recorded on their case as it was told: the purposes
of use for a notice (APPI Art. 32(2), policy §2), with the version of the configuration they came from."""

# The configuration may change after a case (a new version of the purposes); the case keeps the list and
# the version it used, so its letter, printed again, says what the customer was sent. Recording is the
# request's work: `domain/completion.py` completes no such case without it. A notice that charges a fee
# waits for it (`lifecycle.charges_fee`): the purposes are recorded on the call and the case completes once
# the fee is received or waived; without a fee the case goes to work and the call completes it.

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.domain.completion import PURPOSES_RECORD
from desk_app.domain.enums import CaseKind
from desk_app.domain.lifecycle import IllegalTransition, charges_fee
from desk_app.domain.messages import message
from desk_app.published_policy import PurposesOfUse
from desk_app.services.cases.records import CaseView, S, add_event, update_details, utc_now, view_of
from desk_app.services.cases.verified import customer_of, open_request, start_work
from desk_app.storage.models import Case

PURPOSES_KINDS = frozenset({CaseKind.PURPOSES_NOTICE})


def record_purposes(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    purposes: PurposesOfUse,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record `purposes` (the configuration's `[purposes]`) as what the case's notice lists.

    The caller must be verified and their data held; a case awaiting a supervisor's decision records
    nothing. Recording again (a case reopened) replaces the list with the one now configured.
    """
    case = open_request(session, case_id, PURPOSES_KINDS)
    _not_awaiting(case)
    customer_of(session, case)
    at = utc_now(now)
    if not charges_fee(case.kind, case.fee_yen):
        start_work(session, case, agent_id, at)
    items = list(purposes.items)
    update_details(
        case, **{PURPOSES_RECORD: {"version": purposes.version, "items": items, "at": at.isoformat()}}
    )
    detail = {"version": purposes.version, "count": len(items)}
    add_event(session, case, agent_id=agent_id, kind="purposes_recorded", detail=detail, at=at)
    session.flush()
    return view_of(case)


def _not_awaiting(case: Case) -> None:
    if case.state is S.AWAITING_APPROVAL:
        raise IllegalTransition(message("policy.not_while_awaiting", case_no=case.case_no))
