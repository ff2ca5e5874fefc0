"""What the published policy tells a customer who asks, recorded on their case as it was told: the purposes
of use for a notice (APPI Art. 32(2), policy §2) and the information on provision to third parties in
foreign countries (Art. 28(3), policy §5), each with the version of the configuration it came from; and the
answer to a question about joint use within the group (Art. 27(5)(iii), policy §6), given on the call."""

# The configuration may change after a case (a new version of the purposes); the case keeps the list and
# the version it used, so its letter, printed again, says what the customer was sent. Recording is the
# request's work: `domain/completion.py` completes no such case without it. A notice that charges a fee
# waits for it (`lifecycle.charges_fee`): the purposes are recorded on the call and the case completes once
# the fee is received or waived; without a fee the case goes to work and the call completes it.

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.domain.completion import FOREIGN_RECORD, JOINT_USE_RECORD, PURPOSES_RECORD
from desk_app.domain.enums import CaseKind
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition, charges_fee
from desk_app.domain.messages import message
from desk_app.published_policy import ForeignTransfer, JointUse, PurposesOfUse
from desk_app.services.cases.records import (
    CaseView,
    S,
    add_event,
    load_case,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.transitions import move
from desk_app.services.cases.verified import customer_of, open_request, start_work
from desk_app.storage.models import Case

PURPOSES_KINDS = frozenset({CaseKind.PURPOSES_NOTICE})
FOREIGN_KINDS = frozenset({CaseKind.FOREIGN_TRANSFER})


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


def record_foreign_transfer(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    information: ForeignTransfer,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record `information` (the configuration's `[foreign_transfer]`: each country, its system for protecting
    personal information and the recipient's measures) as what the case's letter gives; no fee (Art. 38).

    As for `record_purposes`: a verified caller whose data is held, no decision awaited; the case goes to
    work, and recording again replaces what was recorded.
    """
    case = open_request(session, case_id, FOREIGN_KINDS)
    _not_awaiting(case)
    customer_of(session, case)
    at = utc_now(now)
    start_work(session, case, agent_id, at)
    countries = [
        {
            "country": country.country,
            "recipient": country.recipient,
            "system": country.system,
            "measures": country.measures,
        }
        for country in information.countries
    ]
    record = {"version": information.version, "countries": countries, "at": at.isoformat()}
    update_details(case, **{FOREIGN_RECORD: record})
    detail = {"version": information.version, "count": len(countries)}
    add_event(session, case, agent_id=agent_id, kind="foreign_transfer_recorded", detail=detail, at=at)
    session.flush()
    return view_of(case)


def answer_joint_use(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    joint_use: JointUse,
    company_name: str,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record that the caller was told of joint use as `joint_use` (the configuration's `[joint_use]`) says:
    the group companies, the items, the purpose and who is responsible (`company_name` where the section
    names no one). Nothing of the caller's own is disclosed, so no identity check: the case, about a
    customer or about no one, goes to work and is completed as answered when the script finishes.
    """
    case = load_case(session, case_id)
    if case.kind is not CaseKind.JOINT_USE:
        raise IllegalTransition(message("joint_use.wrong_kind", kind=case.kind))
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    _not_awaiting(case)
    at = utc_now(now)
    if case.state is S.RECEIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)
    told = {
        "version": joint_use.version,
        "companies": list(joint_use.companies),
        "items": joint_use.items,
        "purpose": joint_use.purpose,
        "responsible": joint_use.responsible_name(company_name),
    }
    update_details(case, **{JOINT_USE_RECORD: {**told, "at": at.isoformat()}})
    detail = {"version": joint_use.version}
    add_event(session, case, agent_id=agent_id, kind="joint_use_answered", detail=detail, at=at)
    session.flush()
    return view_of(case)


def _not_awaiting(case: Case) -> None:
    if case.state is S.AWAITING_APPROVAL:
        raise IllegalTransition(message("policy.not_while_awaiting", case_no=case.case_no))
