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

from desk_app.domain.enums import CallState, CaseState, NoNumberReason
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IDENTITY_KINDS, IllegalTransition
from desk_app.domain.messages import MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.cases.lifecycle import (
    S,
    add_event,
    load_agent,
    load_case,
    move,
    update_details,
    utc_now,
    view_of,
)
from desk_app.storage.models import CallRecord, Case, CaseEvent, Customer, Order, Phone


class IdentityNotVerified(MessageError, PermissionError):
    """The operation discloses, changes or erases data, and the caller's identity is not verified."""


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


# After this many failed checks by caller ID and a question, a case is verified only by a callback to a
# registered number or by documents: a caller guessing at the question gets three tries, not a thousand.
MAX_FAILED_CALLER_ID_CHECKS = 3


class KnowledgeItem(enum.StrEnum):
    """What the caller may be asked: each one fact the record holds, compared exactly."""

    BIRTH_DATE = "birth_date"
    # The number part of the registered street (番地: 2-3-4, 二丁目3番4号), not the town everyone can look up.
    STREET_NUMBER = "street_number"
    RECENT_ORDER = "recent_order"


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


@dataclass(frozen=True)
class Documents:
    received_on: dt.date
    document_type: str
    # What on the documents the agent found to be the same as the record; name and address are needed.
    matched: frozenset[DocumentCheck] = frozenset()


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


def registered_numbers(session: Session, customer_id: int) -> frozenset[str]:
    return frozenset(session.scalars(select(Phone.e164).where(Phone.customer_id == customer_id)))


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
        return None, logged
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
    return None, logged


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
    the case pending.
    """
    if not isinstance(detail, _DETAIL_OF[method]):
        raise ValueError(f"a {method.value} check needs {_DETAIL_OF[method].__name__} details")
    case = load_case(session, case_id)
    if case.kind not in IDENTITY_KINDS or case.customer_id is None:
        raise IllegalTransition(message("identity.not_needed", kind=case.kind))
    if case.state not in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IllegalTransition(message("identity.checked_while_pending", state=case.state))
    load_agent(session, agent_id)
    left = caller_id_checks_left(session, case.id)
    if isinstance(detail, CallerIdAndKnowledge) and left == 0:
        raise CallerIdClosed(message("identity.caller_id_closed", count=MAX_FAILED_CALLER_ID_CHECKS))
    registered = registered_numbers(session, case.customer_id)
    if isinstance(detail, Callback) and _e164_or_none(detail.dialled) not in registered:
        raise CallbackRefused(message("identity.callback_registered_only"))
    at = utc_now(now)
    if case.state is S.RECEIVED:
        move(session, case, S.IDENTITY_PENDING, agent_id=agent_id, now=at)
    failure, logged = _judge(session, case, registered, detail)
    event = {"method": method.value, "verified": failure is None, "failure": failure, **logged}
    add_event(session, case, agent_id=agent_id, kind="identity_check", detail=event, at=at)
    if failure is None:
        verified = {"method": method.value, "by": agent_id, "at": at.isoformat(), "checked": logged}
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


_RECENT_ORDERS = 5
_DASHES = "\\-‐‑‒–—―−ーｰ－"
_DASH = re.compile(f"[{_DASHES}]")
_BLANKS_AND_DASHES = re.compile(rf"[\s{_DASHES}]+")
_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", "0123456789", strict=True))
# A number written in kanji where an address puts one: before 丁目, 番地, 番 or 号 (not 番町, a town's name).
_MARKER = r"(?:丁目|番地|番(?!町)|号)"
_KANJI_NUMBER = re.compile(rf"[〇一二三四五六七八九十]+(?={_MARKER})")
_MARKED = re.compile(rf"(?<=\d)\s*(?:{_MARKER}|の)\s*")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s-]+(?=\d)")
_STREET_NUMBER = re.compile(r"\d+(?:-\d+)*")
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ERA_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日?")
# The year before each era's first (元年): 昭和55年 is 1925 + 55.
_ERA_BEFORE = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}


def _flat(text: str) -> str:
    """`text` without blanks or dashes, in half-width, ignoring case: for order numbers."""
    return _BLANKS_AND_DASHES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _kanji_number(kanji: str) -> str:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一〇五 → 105."""
    if "十" not in kanji:
        return "".join(_KANJI_DIGITS[char] for char in kanji)
    tens, _, ones = kanji.partition("十")
    value = (int(_kanji_number(tens)) if tens else 1) * 10 + (int(_kanji_number(ones)) if ones else 0)
    return str(value)


def _numbered(text: str) -> str:
    """An address with its numbers as digits joined by "-": NFKC (full-width digits), every dash form,
    kanji numbers before 丁目/番/号, and 丁目, 番地, 番, 号, の or a blank between numbers as "-"."""
    text = unicodedata.normalize("NFKC", text)
    text = _KANJI_NUMBER.sub(lambda match: _kanji_number(match[0]), text)
    text = _MARKED.sub("-", _DASH.sub("-", text))
    return _BETWEEN_DIGITS.sub("-", text)


def _canonical_number(number: str) -> str:
    return "-".join(str(int(part)) for part in number.split("-"))


def street_number_of(street: str | None) -> str | None:
    """The number part of a registered street: 千代田1-1 → 1-1, 本町二丁目3番4号 → 2-3-4; None if none."""
    match = _STREET_NUMBER.search(_numbered(street or ""))
    return _canonical_number(match[0]) if match else None


def _said_street_number(said: str) -> str | None:
    """What the caller said as a street number, if it is one number and nothing else."""
    spoken = re.sub(r"\s+", "", _numbered(said)).strip("-")
    return _canonical_number(spoken) if _STREET_NUMBER.fullmatch(spoken) else None


def said_date(said: str) -> dt.date | None:
    """One calendar date: 1975-04-01, 1975/4/1, 1975年4月1日, 19750401 or 昭和50年4月1日; None otherwise."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", said))
    try:
        if match := _ISO_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _ERA_DATE.fullmatch(text):
            year = _ERA_BEFORE[match[1]] + (1 if match[2] == "元" else int(match[2]))
            return dt.date(year, int(match[3]), int(match[4]))
    except ValueError:
        return None
    return None


def answerable_knowledge(session: Session, customer_id: int) -> tuple[KnowledgeItem, ...]:
    """The questions the record can check an answer to (it holds a date of birth, a street number, an
    order): asking any other could never pass. Says which, never what the record holds."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return ()
    ordered = session.scalar(select(Order.id).where(Order.customer_id == customer_id).limit(1))
    held = {
        KnowledgeItem.BIRTH_DATE: customer.birth_date is not None,
        KnowledgeItem.STREET_NUMBER: street_number_of(customer.street) is not None,
        KnowledgeItem.RECENT_ORDER: ordered is not None,
    }
    return tuple(item for item in KnowledgeItem if held[item])


def knowledge_matches(session: Session, customer_id: int, item: KnowledgeItem, said: str) -> bool:
    """Whether what the caller said is exactly the record's fact, compared here so the agent never sees it.

    Each answer is one fact, equal after normalising, never looked for inside a longer text (a caller
    listing many towns, dates or numbers matches nothing). Date of birth: the same calendar date
    (`said_date`). Street number: the same numbers in order (2-3-4, ２－３－４, 2丁目3番4号, 二丁目3番4号,
    2の3の4), and nothing else. Recent order: the number of one of the customer's five latest orders.
    A record without the item never matches.
    """
    customer = session.get(Customer, customer_id)
    if customer is None or not said.strip():
        return False
    if item is KnowledgeItem.BIRTH_DATE:
        return customer.birth_date is not None and said_date(said) == customer.birth_date
    if item is KnowledgeItem.STREET_NUMBER:
        held = street_number_of(customer.street)
        return held is not None and _said_street_number(said) == held
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
        raise IdentityNotVerified(message("identity.kind_never_changes", kind=case.kind))
    if not is_verified(case) or case.state in (S.RECEIVED, S.IDENTITY_PENDING):
        raise IdentityNotVerified(message("identity.not_verified", case_no=case.case_no))
    return case
