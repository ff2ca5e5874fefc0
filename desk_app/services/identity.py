"""Identity verification: nothing is disclosed, changed or erased for a caller the desk has not verified."""

# Policy §8: "we may need to verify your identity by calling you at the contact information that you have
# registered with us". A caller-ID match counts only against a registered number, and a callback may only
# ever dial one; anything else fails or is refused here, in the core, whatever the UI offers.

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.cases.identity_methods import IdentityMethod
from desk_app.cases.lifecycle import IDENTITY_KINDS, IllegalTransition
from desk_app.phones import InvalidPhoneNumber, normalise
from desk_app.services.cases import (
    S,
    add_event,
    load_agent,
    load_case,
    move,
    update_details,
    utc_now,
    view_of,
)
from desk_app.storage.models import Case, CaseState, Customer, Order, Phone


class IdentityNotVerified(PermissionError):
    """The operation discloses, changes or erases data, and the caller's identity is not verified."""


class CallbackRefused(ValueError):
    """The number to dial is not one the customer registered: the desk never calls anything else."""


class KnowledgeItem(enum.StrEnum):
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    RECENT_ORDER = "recent_order"


class CallbackResult(enum.StrEnum):
    ANSWERED = "answered"
    NOT_REACHED = "not_reached"


@dataclass(frozen=True)
class CallerIdAndKnowledge:
    # The number the call came from, as caller ID gave it (any form; normalised here).
    caller_number: str | None
    knowledge_item: KnowledgeItem
    knowledge_passed: bool


@dataclass(frozen=True)
class Callback:
    dialled: str
    at: dt.datetime
    result: CallbackResult


@dataclass(frozen=True)
class Documents:
    received_on: dt.date
    document_type: str
    accepted: bool = True


IdentityDetail = CallerIdAndKnowledge | Callback | Documents
_DETAIL_OF = {
    IdentityMethod.CALLER_ID_AND_KNOWLEDGE: CallerIdAndKnowledge,
    IdentityMethod.CALLBACK: Callback,
    IdentityMethod.DOCUMENTS: Documents,
}


@dataclass(frozen=True)
class IdentityCheckResult:
    case_id: int
    method: IdentityMethod
    verified: bool
    # Why a check failed, in English for the UI to translate; None when it passed.
    failure: str | None
    state: CaseState
    row_version: int


def registered_numbers(session: Session, customer_id: int) -> frozenset[str]:
    return frozenset(session.scalars(select(Phone.e164).where(Phone.customer_id == customer_id)))


def _e164_or_none(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return normalise(text).e164
    except InvalidPhoneNumber:
        return None


def _judge(registered: frozenset[str], detail: IdentityDetail) -> tuple[str | None, dict[str, Any]]:
    """The failure (None when verified) and what the log keeps of the check."""
    if isinstance(detail, CallerIdAndKnowledge):
        number = _e164_or_none(detail.caller_number)
        logged: dict[str, Any] = {
            "caller_number": number,
            "knowledge_item": detail.knowledge_item.value,
            "knowledge_passed": detail.knowledge_passed,
        }
        if number is None:
            return "the call came without a usable number", logged
        if number not in registered:
            return "the calling number is not registered for this customer", logged
        if not detail.knowledge_passed:
            return "the knowledge check failed", logged
        return None, logged
    if isinstance(detail, Callback):
        logged = {
            "dialled": _e164_or_none(detail.dialled),
            "at": detail.at.isoformat(),
            "result": detail.result.value,
        }
        if detail.result is not CallbackResult.ANSWERED:
            return "the registered number did not answer", logged
        return None, logged
    logged = {
        "received_on": detail.received_on.isoformat(),
        "document_type": detail.document_type,
        "accepted": detail.accepted,
    }
    if not detail.document_type.strip():
        return "the document type is missing", logged
    return (None if detail.accepted else "the documents were not accepted"), logged


def record_identity_check(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    method: IdentityMethod,
    detail: IdentityDetail,
    now: dt.datetime | None = None,
) -> IdentityCheckResult:
    """Record one check; a passing one moves the case IDENTITY_PENDING → IDENTITY_VERIFIED.

    A failed check is logged and leaves the case pending. A callback to a number the customer did not
    register raises `CallbackRefused` and writes nothing.
    """
    if not isinstance(detail, _DETAIL_OF[method]):
        raise ValueError(f"a {method.value} check needs {_DETAIL_OF[method].__name__} details")
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS or case.customer_id is None:
        raise IllegalTransition(f"a {case.kind.value} case needs no identity check")
    if case.state not in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IllegalTransition(f"identity is checked while pending, not in {case.state.value}")
    load_agent(session, agent_id)
    registered = registered_numbers(session, case.customer_id)
    if isinstance(detail, Callback) and _e164_or_none(detail.dialled) not in registered:
        raise CallbackRefused("a callback goes only to a number the customer registered")
    at = utc_now(now)
    if case.state is S.RECEIVED:
        move(session, case, S.IDENTITY_PENDING, agent_id=agent_id, now=at)
    failure, logged = _judge(registered, detail)
    event = {"method": method.value, "verified": failure is None, "failure": failure, **logged}
    add_event(session, case, agent_id=agent_id, kind="identity_check", detail=event, at=at)
    if failure is None:
        update_details(case, identity={"method": method.value, "by": agent_id, "at": at.isoformat()})
        move(session, case, S.IDENTITY_VERIFIED, agent_id=agent_id, now=at)
    session.flush()
    view = view_of(case)
    return IdentityCheckResult(
        case_id=case.id,
        method=method,
        verified=failure is None,
        failure=failure,
        state=view.state,
        row_version=view.row_version,
    )


_RECENT_ORDERS = 5
_BLANKS_AND_DASHES_CLASS = r"[\s\-‐‑‒–—―−ーｰ]+"
_BLANKS_AND_DASHES = re.compile(_BLANKS_AND_DASHES_CLASS)
_BETWEEN_DIGITS = re.compile(rf"(?<=\d){_BLANKS_AND_DASHES_CLASS}(?=\d)")
_DATE = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*")
# Stands in for a separator between two digits while the other blanks and dashes are dropped.
_SEPARATOR = "\ue000"


def _flat(text: str) -> str:
    """`text` without blanks or dashes, in half-width, ignoring case: for postal codes and order numbers."""
    return _BLANKS_AND_DASHES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _folded(text: str) -> str:
    """Like `_flat`, but a blank or dash between two digits stays as one "-": "1-12" is not "11-2"."""
    kept = _BETWEEN_DIGITS.sub(_SEPARATOR, unicodedata.normalize("NFKC", text))
    return _BLANKS_AND_DASHES.sub("", kept).replace(_SEPARATOR, "-").casefold()


def _contains(said: str, value: str) -> bool:
    """Whether `value` occurs in `said` without running into further digits ("1-1" is not in "1-12")."""
    start = said.find(value)
    while start >= 0:
        end = start + len(value)
        open_before = start == 0 or not (value[0].isdigit() and said[start - 1].isdigit())
        open_after = end == len(said) or not (value[-1].isdigit() and said[end].isdigit())
        if open_before and open_after:
            return True
        start = said.find(value, start + 1)
    return False


def answerable_knowledge(session: Session, customer_id: int) -> tuple[KnowledgeItem, ...]:
    """The questions the record can check an answer to (it holds a date of birth, a street, an order):
    asking any other could never pass. Says which, never what the record holds."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return ()
    ordered = session.scalar(select(Order.id).where(Order.customer_id == customer_id).limit(1))
    held = {
        KnowledgeItem.BIRTH_DATE: customer.birth_date is not None,
        KnowledgeItem.ADDRESS: bool(customer.street),
        KnowledgeItem.RECENT_ORDER: ordered is not None,
    }
    return tuple(item for item in KnowledgeItem if held[item])


def knowledge_matches(session: Session, customer_id: int, item: KnowledgeItem, said: str) -> bool:
    """Whether what the caller said matches the record, compared here so the agent never sees the data.

    Date of birth: the same calendar date (2026-04-01, 2026/4/1, 2026年4月1日). Address: the street and
    either the city or the postal code, ignoring spaces, dashes and full-width forms; numbers must be
    whole, and a blank or dash between two digits still separates them (千代田1-1 is not 千代田1-12 or
    千代田11). Recent order: the
    number of one of the customer's five latest orders. A record without the item never matches.
    """
    customer = session.get(Customer, customer_id)
    if customer is None or not said.strip():
        return False
    if item is KnowledgeItem.BIRTH_DATE:
        match = _DATE.fullmatch(unicodedata.normalize("NFKC", said).strip())
        if customer.birth_date is None or match is None:
            return False
        try:
            return dt.date(*(int(part) for part in match.groups())) == customer.birth_date
        except ValueError:
            return False
    if item is KnowledgeItem.ADDRESS:
        if not customer.street:
            return False
        folded, flat = _folded(said), _flat(said)
        city = bool(customer.city) and _contains(folded, _folded(customer.city or ""))
        postal_code = bool(customer.postal_code) and _contains(flat, _flat(customer.postal_code or ""))
        return _contains(folded, _folded(customer.street)) and (city or postal_code)
    latest = session.scalars(
        select(Order.order_no)
        .where(Order.customer_id == customer_id)
        .order_by(Order.ordered_at.desc(), Order.id.desc())
        .limit(_RECENT_ORDERS)
    )
    return _flat(said) in {_flat(order_no) for order_no in latest}


def is_verified(case: Case) -> bool:
    return case.customer_id is not None and "identity" in (case.details or {})


def require_verified(session: Session, case_id: int) -> Case:
    """The case, if its caller's identity was verified; `IdentityNotVerified` otherwise. Writes nothing."""
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS:
        raise IdentityNotVerified(f"a {case.kind.value} case never discloses, changes or erases a record")
    if not is_verified(case) or case.state in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IdentityNotVerified(f"case {case.case_no}: the caller's identity is not verified")
    return case
