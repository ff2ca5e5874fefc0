"""Protected details revealed on purpose: for an active agent, during a call or in a case, with a reason
the access log keeps (never the data)."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, CustomerState
from desk_app.services.access_log import record_access
from desk_app.services.agents import AgentNotActive, UnknownAgent, require_active, role_on_record
from desk_app.services.customers.lookup import CustomerNotFound
from desk_app.storage.models import CallRecord, Case, Customer, table_of

_customers = table_of(Customer)


@dataclass(frozen=True)
class ProtectedDetails:
    customer_id: int
    street: str | None
    building: str | None
    birth_date: dt.date | None
    email: str | None
    workplace_name: str | None
    workplace_phone: str | None


# Built once; an erased customer has nothing to reveal.
_PROTECTED = select(
    _customers.c.street,
    _customers.c.building,
    _customers.c.birth_date,
    _customers.c.email,
    _customers.c.workplace_name,
    _customers.c.workplace_phone,
).where(
    _customers.c.id == bindparam("customer_id", type_=Integer()), _customers.c.state != CustomerState.ERASED
)


class RevealReason(enum.StrEnum):
    """Why protected details are revealed: the access log keeps the reason, never the data.

    Each names how the caller's identity was verified for this call or case; `OTHER` needs its own words
    (`other_reason_problem`).
    """

    CALLBACK = "callback"  # identity verified by a callback to the registered number
    ADDRESS_AND_ORDER = "address_and_order"  # the registered address and a recent order
    CUSTOMER_NO_AND_ADDRESS = "customer_no_and_address"  # the customer number and the registered address
    OTHER = "other"


# An "other" reason must say something: this many letters or digits (a kanji counts as one), not all
# the same few. "確認のため" or "." is not a reason an auditor can read back.
OTHER_REASON_MIN_CHARACTERS = 10
_OTHER_REASON_MIN_DISTINCT = 4


class RevealRefused(PermissionError):
    """A reveal without an active agent, or not for a call or a case about this customer."""


class RevealAgentNotActive(RevealRefused, AgentNotActive):
    """No reveal for an agent who is unknown or disabled: a refused reveal, and the gate's own refusal."""


class RevealReasonInvalid(ValueError):
    """The reason is not one of `RevealReason`, or an "other" reason too short to mean anything."""


def other_reason_problem(text: str | None) -> str | None:
    """Why `text` is no usable "other" reason (English, for the UI to translate), or None when it is."""
    words = [char for char in unicodedata.normalize("NFKC", text or "") if char.isalnum()]
    if len(words) < OTHER_REASON_MIN_CHARACTERS or len(set(words)) < _OTHER_REASON_MIN_DISTINCT:
        return f"an other reason needs at least {OTHER_REASON_MIN_CHARACTERS} letters saying why"
    return None


def _reveal_reason(reason: RevealReason | str, other_reason: str | None) -> str:
    """What the access log keeps: the reason's code, or "other: " and the agent's words."""
    try:
        chosen = RevealReason(reason)
    except ValueError:
        raise RevealReasonInvalid(f"unknown reveal reason {str(reason)[:40]!r}") from None
    if chosen is not RevealReason.OTHER:
        return chosen.value
    problem = other_reason_problem(other_reason)
    if problem is not None:
        raise RevealReasonInvalid(problem)
    assert other_reason is not None
    return f"other: {' '.join(other_reason.split())}"


def _require_purpose(
    session: Session, customer_id: int, *, agent_id: int | None, call_id: int | None, case_id: int | None
) -> None:
    if agent_id is None:
        raise RevealRefused("protected details are revealed only to an agent who is signed in")
    try:
        # The one gate every service uses: an unknown or disabled agent is refused first.
        require_active(session, agent_id)
    except AgentNotActive as exc:
        raise RevealAgentNotActive(str(exc)) from None
    try:
        role_on_record(session, agent_id)
    except UnknownAgent:
        raise RevealRefused(f"no active agent {agent_id}") from None
    if call_id is None and case_id is None:
        raise RevealRefused("protected details are revealed only for a call or a case")
    if call_id is not None and session.get(CallRecord, call_id) is None:
        raise RevealRefused(f"no call {call_id}")
    if case_id is not None:
        case_customer = session.scalar(select(Case.customer_id).where(Case.id == case_id))
        if case_customer != customer_id:
            raise RevealRefused(f"case {case_id} is not about this customer")
    if _asked_by_proxy(session, customer_id, call_id=call_id, case_id=case_id):
        raise RevealRefused("protected details are never read out to a proxy: the answer goes in writing")


def _asked_by_proxy(session: Session, customer_id: int, *, call_id: int | None, case_id: int | None) -> bool:
    """Whether the case, or a case the call opened, is a proxy's request (APPI Art. 37(3)): a proxy is
    not the person, whatever they can say on the phone."""
    rows = session.execute(select(Case.id, Case.details).where(Case.customer_id == customer_id))
    return any(
        isinstance((details or {}).get("proxy"), dict)
        and (row_id == case_id or (call_id is not None and (details or {}).get("call_id") == call_id))
        for row_id, details in rows
    )


def reveal_protected_details(
    session: Session,
    customer_id: int,
    *,
    agent_id: int | None,
    reason: RevealReason | str,
    other_reason: str | None = None,
    call_id: int | None = None,
    case_id: int | None = None,
) -> ProtectedDetails:
    """Street, building, date of birth, e-mail and workplace, logged as a reveal with its reason.

    Only for an active agent (`RevealRefused` otherwise, as for no call and no case, an unknown call,
    or a case about someone else), during a call or in a case, and for a `RevealReason`; an "other"
    reason needs the agent's own words (`RevealReasonInvalid`), which go into the access log and so
    must not contain the data itself. Raises `CustomerNotFound` for an unknown or erased customer.
    Nothing is read or written before every check has passed.
    """
    _require_purpose(session, customer_id, agent_id=agent_id, call_id=call_id, case_id=case_id)
    logged = _reveal_reason(reason, other_reason)
    row = session.execute(_PROTECTED, {"customer_id": customer_id}).first()
    if row is None:
        raise CustomerNotFound(customer_id)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.REVEAL,
        customer_ids=(customer_id,),
        detail=logged,
        case_id=case_id,
        call_id=call_id,
    )
    return ProtectedDetails(customer_id, *row)
