"""The gate every disclosure, change and erasure passes: a verified caller, an open case, a customer held;
and what a change made through it leaves behind."""

# Each operation calls one of these before it reads or writes anything else, so an unverified caller gets
# `IdentityNotVerified` and the database is untouched. How a caller is verified is `identity.py`.

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, CaseKind, CustomerState, SuspensionGround
from desk_app.domain.lifecycle import FINAL_STATES, IDENTITY_KINDS, IllegalTransition
from desk_app.domain.messages import MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.cases.proxies import proxy_of
from desk_app.services.cases.records import CaseView, S, add_event, load_case, update_details, view_of
from desk_app.services.cases.transitions import move
from desk_app.storage.models import Case, Customer


class IdentityNotVerified(MessageError, PermissionError):
    """The operation discloses, changes or erases data, and the caller's identity is not verified."""


def is_verified(case: Case) -> bool:
    return case.customer_id is not None and "identity" in (case.details or {})


def require_verified(session: Session, case_id: int) -> Case:
    """The case, if its caller's identity was verified; `IdentityNotVerified` otherwise. Writes nothing."""
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS:
        raise IdentityNotVerified(message("identity.kind_never_changes", kind=case.kind))
    if not is_verified(case) or case.state in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IdentityNotVerified(message("identity.not_verified", case_no=case.case_no))
    proxy = proxy_of(case)
    if proxy is not None and (proxy.awaits_person or proxy.denied):
        # An appointed agent acts only on the person's own word (`proxies.py`).
        raise IdentityNotVerified(message("proxy.awaits_person", case_no=case.case_no))
    return case


def open_request(session: Session, case_id: int, kinds: frozenset[CaseKind]) -> Case:
    """A verified case of one of `kinds` that is still open; writes nothing."""
    case = require_verified(session, case_id)
    if case.kind not in kinds:
        raise IllegalTransition(message("lifecycle.kind_cannot", kind=case.kind))
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    return case


def customer_of(session: Session, case: Case) -> Customer:
    """The customer the case is about, while their data is held."""
    assert case.customer_id is not None  # verified and administrative cases are about a customer
    customer = session.get(Customer, case.customer_id)
    if customer is None or customer.state is CustomerState.ERASED:
        raise IllegalTransition(message("lifecycle.customer_erased"))
    return customer


def start_work(session: Session, case: Case, agent_id: int, at: dt.datetime) -> None:
    """A verified case the caller's request now changes goes to work (one already at work stays)."""
    if case.state is S.IDENTITY_VERIFIED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)


def record_change(
    session: Session,
    case: Case,
    customer: Customer,
    *,
    agent_id: int,
    event: str,
    detail: dict[str, Any],
    access: str,
    at: dt.datetime,
) -> CaseView:
    """What a change the caller asked for leaves behind, once made: the record's time, the case event
    `event`, and the access log's CHANGE entry (`access`, no personal data) in the same transaction."""
    customer.updated_at = at
    add_event(session, case, agent_id=agent_id, kind=event, detail=detail, at=at)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[customer.id],
        detail=access,
        case_id=case.id,
        now=at,
    )
    session.flush()
    return view_of(case)


def record_request_ground(
    session: Session, case: Case, ground: SuspensionGround | None, *, agent_id: int, at: dt.datetime
) -> None:
    """Keep the ground a suspension or deletion is asked on with the case (`details["request_ground"]`,
    which the refusal's grounds, the case page and the case log read) and a `request_ground` event; nothing
    for None (asked where no script records one) or the ground already kept."""
    if ground is None or (case.details or {}).get("request_ground") == ground.value:
        return
    update_details(case, request_ground=ground.value)
    add_event(session, case, agent_id=agent_id, kind="request_ground", detail={"ground": ground.value}, at=at)
