"""Verifying a caller's identity: caller ID and a question, a callback to a registered number, documents."""

# Policy §8: "we may need to verify your identity by calling you at the contact information that you have
# registered with us". A caller-ID match counts only against a registered number, and a callback may only
# ever dial one; anything else fails or is refused here, in the core, whatever the UI offers. What a
# verified case then allows is guarded by `verified.py`.

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.enums import CallState, CaseState, NoNumberReason
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IDENTITY_KINDS, IllegalTransition
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.scripts.answers import EMAIL
from desk_app.services.cases.knowledge import KnowledgeItem, knowledge_matches
from desk_app.services.cases.proxies import documents_only, hold_documents_check, require_not_denied
from desk_app.services.cases.records import (
    S,
    add_event,
    load_agent,
    load_case,
    registered_numbers,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.transitions import move
from desk_app.storage.models import CallRecord, Case, CaseEvent


class CallbackRefused(MessageError, ValueError):
    """The number to dial is not one the customer registered: the desk never calls anything else."""


class CallerIdClosed(MessageError, PermissionError):
    """Checks by caller ID and a question failed too often on this case: a callback or documents now."""


class CallerIdUnavailable(enum.StrEnum):
    """Why a check by caller ID cannot be used on a case: each is a different thing to tell the agent."""

    # The case was opened without a call (typed in by the agent): there is no calling number at all.
    NO_CALL = "no_call"
    # The caller withheld their number (非通知).
    WITHHELD = "withheld"
    # The line gave no number for another reason: out of area, a public phone, a reception error.
    NO_NUMBER = "no_number"
    NOT_REGISTERED = "not_registered"
    CALL_ENDED = "call_ended"


# The failure a check records for each (English, for the UI to translate; kept in the case log).
_UNAVAILABLE_FAILURE = {
    CallerIdUnavailable.NO_CALL: "the case did not come in on a call",
    CallerIdUnavailable.WITHHELD: "the caller withheld their number",
    CallerIdUnavailable.NO_NUMBER: "the call came without a usable number",
    CallerIdUnavailable.NOT_REGISTERED: "the calling number is not registered for this customer",
    CallerIdUnavailable.CALL_ENDED: "the call the case came in on has ended",
}


# A proxy's documents passed and the person has yet to confirm the appointed agent's request.
AWAITING_PERSON = "the person has yet to confirm the appointed agent's request"

# After this many failed checks by caller ID and a question, a case is verified only by a callback to a
# registered number or by documents: a caller guessing at the question gets three tries, not a thousand.
MAX_FAILED_CALLER_ID_CHECKS = 3


class CallbackResult(enum.StrEnum):
    # The customer answered at the registered number and confirmed the request.
    ANSWERED = "answered"
    NOT_REACHED = "not_reached"


class DocumentCheck(enum.StrEnum):
    """What on a document the agent compared with the record."""

    NAME = "name"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"


# A document verifies only when it shows the registered name and address.
_DOCUMENTS_MUST_MATCH = frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS})


@dataclass(frozen=True)
class CallerIdAndKnowledge:
    """The caller's answer to one question the record can check.

    The calling number is not part of it: the check reads it from the call the case came in on
    (`details["call_id"]`), so nothing the caller of this function says can stand in for caller ID.
    """

    knowledge_item: KnowledgeItem
    # What the caller said, as the agent typed it: compared with the record here, never kept.
    said: str


@dataclass(frozen=True)
class Callback:
    dialled: str
    at: dt.datetime
    result: CallbackResult
    # An e-mail address the customer, reached at the registered number, confirmed for an electronic
    # record; kept with a passing check, it is one the disclosure may be sent to (`delivery.py`).
    email: str | None = None


@dataclass(frozen=True)
class Documents:
    received_on: dt.date
    document_type: str
    # What on the documents the agent found to be the same as the record; name and address are needed.
    matched: frozenset[DocumentCheck] = frozenset()
    # The e-mail address the request form gives for an electronic record: kept with a passing check.
    email: str | None = None


IdentityDetail = CallerIdAndKnowledge | Callback | Documents
_DETAIL_OF = {
    IdentityMethod.CALLER_ID_AND_KNOWLEDGE: CallerIdAndKnowledge,
    IdentityMethod.CALLBACK: Callback,
    IdentityMethod.DOCUMENTS: Documents,
}
# A call still going on: a number from a call that has ended proves nothing about who is on the line now.
_LIVE_CALL_STATES = frozenset({CallState.RINGING, CallState.ANSWERED})


@dataclass(frozen=True)
class IdentityCheckResult:
    case_id: int
    method: IdentityMethod
    verified: bool
    # Why a check failed, in English for the UI to translate; None when it passed.
    failure: str | None
    state: CaseState
    row_version: int
    # How many more checks by caller ID and a question the case allows (0: a callback or documents now).
    caller_id_checks_left: int = MAX_FAILED_CALLER_ID_CHECKS


def _e164_or_none(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return normalise(text).e164
    except InvalidPhoneNumber:
        return None


def caller_id_checks_left(session: Session, case_id: int) -> int:
    """How many more checks by caller ID and a question `case_id` allows (counted from its case log)."""
    details = session.scalars(
        select(CaseEvent.detail).where(CaseEvent.case_id == case_id, CaseEvent.kind == "identity_check")
    )
    failed = sum(
        1
        for detail in details
        if (detail or {}).get("method") == IdentityMethod.CALLER_ID_AND_KNOWLEDGE.value
        and not (detail or {}).get("verified")
    )
    return max(0, MAX_FAILED_CALLER_ID_CHECKS - failed)


def _case_call(session: Session, case: Case) -> CallRecord | None:
    call_id = (case.details or {}).get("call_id")
    return session.get(CallRecord, call_id) if call_id is not None else None


def _unavailable_for(call: CallRecord | None, registered: frozenset[str]) -> CallerIdUnavailable | None:
    if call is None:
        return CallerIdUnavailable.NO_CALL
    if call.e164 is None:
        if call.no_number_reason is NoNumberReason.WITHHELD:
            return CallerIdUnavailable.WITHHELD
        return CallerIdUnavailable.NO_NUMBER
    if call.e164 not in registered:
        return CallerIdUnavailable.NOT_REGISTERED
    if call.state not in _LIVE_CALL_STATES:
        return CallerIdUnavailable.CALL_ENDED
    return None


def caller_id_unavailable(session: Session, case_id: int) -> CallerIdUnavailable | None:
    """Why caller ID cannot verify the caller of `case_id` now; None when the case's call can be used."""
    case = load_case(session, case_id)
    if case.customer_id is None:
        return CallerIdUnavailable.NOT_REGISTERED
    return _unavailable_for(_case_call(session, case), registered_numbers(session, case.customer_id))


def _judge_caller_id(
    session: Session, case: Case, registered: frozenset[str], detail: CallerIdAndKnowledge
) -> tuple[str | None, dict[str, Any]]:
    call = _case_call(session, case)
    number = call.e164 if call is not None else None
    assert case.customer_id is not None  # identity kinds always name a customer
    passed = knowledge_matches(session, case.customer_id, detail.knowledge_item, detail.said)
    logged: dict[str, Any] = {
        "call_id": call.id if call is not None else None,
        "caller_number": number,
        "knowledge_item": detail.knowledge_item.value,
        "knowledge_passed": passed,
    }
    unavailable = _unavailable_for(call, registered)
    if unavailable is not None:
        return _UNAVAILABLE_FAILURE[unavailable], logged
    if not passed:
        return "the knowledge check failed", logged
    return None, logged


def _judge(
    session: Session, case: Case, registered: frozenset[str], detail: IdentityDetail
) -> tuple[str | None, dict[str, Any]]:
    """The failure (None when verified) and what the log keeps of the check: what was checked, never
    what the caller said."""
    if isinstance(detail, CallerIdAndKnowledge):
        return _judge_caller_id(session, case, registered, detail)
    logged: dict[str, Any]
    if isinstance(detail, Callback):
        logged = {
            "dialled": _e164_or_none(detail.dialled),
            "at": detail.at.isoformat(),
            "result": detail.result.value,
        }
        if detail.result is not CallbackResult.ANSWERED:
            return "the registered number did not answer", logged
        return None, _with_email(logged, detail.email)
    matched = sorted(DocumentCheck(item).value for item in detail.matched)
    logged = {
        "received_on": detail.received_on.isoformat(),
        "document_type": detail.document_type.strip(),
        "matched": matched,
    }
    if not detail.document_type.strip():
        return "the document type is missing", logged
    if not set(detail.matched) >= _DOCUMENTS_MUST_MATCH:
        return "the documents do not show the registered name and address", logged
    return None, _with_email(logged, detail.email)


def _with_email(logged: dict[str, Any], email: str | None) -> dict[str, Any]:
    """A passing callback's or documents' record with the e-mail address they confirmed, if any: only a
    check that verified the customer makes an address one the desk may send a disclosure to."""
    confirmed = confirmed_email(email)
    return {**logged, "email": confirmed} if confirmed else logged


def confirmed_email(text: str | None) -> str | None:
    """An e-mail address as confirmed (full-width letters and ＠ folded); None for none given, and
    `InvalidRequest` for one that is no e-mail address."""
    if text is None or not text.strip():
        return None
    folded = unicodedata.normalize("NFKC", text).strip()
    if not EMAIL.match(folded) or text_problem(folded) is not None:
        raise InvalidRequest(message("delivery.not_a_confirmed_email"))
    return folded


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

    Caller ID and a question: the calling number is the one the case's own call record holds, which
    must be registered for the customer and the call still going on; the answer is compared with the
    record here (`knowledge_matches`) and not kept. After `MAX_FAILED_CALLER_ID_CHECKS` such checks
    failed, `CallerIdClosed` and nothing written. A callback to a number the customer did not register
    raises `CallbackRefused` and writes nothing. Documents verify when they show the registered name
    and address. The event keeps who checked (its agent) and what was checked; a failed check leaves
    the case pending. A passing callback or documents keep the e-mail address they confirmed, if any:
    besides the registered one, the only address a disclosure may be sent to (`delivery.py`).
    """
    if not isinstance(detail, _DETAIL_OF[method]):
        raise ValueError(f"a {method.value} check needs {_DETAIL_OF[method].__name__} details")
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS or case.customer_id is None:
        raise IllegalTransition(message("identity.not_needed", kind=case.kind))
    if case.state not in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IllegalTransition(message("identity.checked_while_pending", state=case.state))
    load_agent(session, agent_id)
    if documents_only(case) and method is not IdentityMethod.DOCUMENTS:
        raise IllegalTransition(message("proxy.documents_only"))
    require_not_denied(case)
    left = caller_id_checks_left(session, case.id)
    if isinstance(detail, CallerIdAndKnowledge) and left == 0:
        raise CallerIdClosed(message("identity.caller_id_closed", count=MAX_FAILED_CALLER_ID_CHECKS))
    registered = registered_numbers(session, case.customer_id)
    if isinstance(detail, Callback) and _e164_or_none(detail.dialled) not in registered:
        raise CallbackRefused(message("identity.callback_registered_only"))
    if isinstance(detail, Callback | Documents):
        confirmed_email(detail.email)  # an address that is none is refused before anything is written
    at = utc_now(now)
    if case.state is S.RECEIVED:
        move(session, case, S.IDENTITY_PENDING, agent_id=agent_id, now=at)
    failure, logged = _judge(session, case, registered, detail)
    verified = {"method": method.value, "by": agent_id, "at": at.isoformat(), "checked": logged}
    # A proxy's case: the documents show the person on the record; an appointed agent's waits for the
    # person's own word before it is verified (`proxies.py`), and a denied one is refused before this.
    if failure is None and documents_only(case) and not hold_documents_check(case, verified):
        failure = AWAITING_PERSON
    event = {"method": method.value, "verified": failure is None, "failure": failure, **logged}
    if failure == AWAITING_PERSON:
        event["awaiting_person"] = True  # the person's confirmation verifies it (`proxies.py`)
    add_event(session, case, agent_id=agent_id, kind="identity_check", detail=event, at=at)
    if failure is None:
        update_details(case, identity=verified)
        move(session, case, S.IDENTITY_VERIFIED, agent_id=agent_id, now=at)
    elif isinstance(detail, CallerIdAndKnowledge):
        left -= 1
    session.flush()
    view = view_of(case)
    return IdentityCheckResult(
        case_id=case.id,
        method=method,
        verified=failure is None,
        failure=failure,
        state=view.state,
        row_version=view.row_version,
        caller_id_checks_left=left,
    )
