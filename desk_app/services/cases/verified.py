"""The gate every disclosure, change and erasure passes: a verified caller, an open case, a customer held."""

# Each operation calls one of these before it reads or writes anything else, so an unverified caller gets
# `IdentityNotVerified` and the database is untouched. How a caller is verified is `identity.py`.

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.domain.enums import CaseKind, CustomerState
from desk_app.domain.lifecycle import FINAL_STATES, IDENTITY_KINDS, IllegalTransition
from desk_app.domain.messages import MessageError, message
from desk_app.services.cases.records import S, load_case
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
