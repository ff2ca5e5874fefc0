"""What a verified request does to the record: the fee, stopped mailings, corrections and erasure."""

# Every operation calls `require_verified` before it reads or writes anything else, so an unverified
# caller gets `IdentityNotVerified` and the database is untouched.

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desk_app import postal
from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import (
    AccessAction,
    CaseKind,
    CustomerState,
    Delivery,
    FeeStatus,
    PhoneKind,
    Proposal,
)
from desk_app.domain.kana import is_kana
from desk_app.domain.lifecycle import DISCLOSURE_KINDS, FINAL_STATES, IllegalTransition
from desk_app.domain.messages import FieldName, InvalidRequest, Message, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.erased_register_key import RegisterKey
from desk_app.services.access_log import record_access
from desk_app.services.cases.identity import require_verified
from desk_app.services.cases.lifecycle import (
    APPROVER_ROLES,
    ApprovalRefused,
    CaseConflict,
    CaseView,
    S,
    add_event,
    load_agent,
    load_case,
    move,
    open_case,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.erased_register import check_key, register_erased
from desk_app.storage.models import Case, Customer, DeskChange, Phone


class FeeNotApplicable(MessageError, ValueError):
    """Only disclosure requests carry a fee; correction, suspension and deletion are free (APPI Art. 38)."""


class CustomerConflict(MessageError, RuntimeError):
    """Someone changed the customer since it was read; nothing was written."""


class InvalidCorrection(MessageError, ValueError):
    def __init__(self, field: str, problem: Message | str) -> None:
        said = message("field.problem", field=FieldName(field), problem=problem)
        super().__init__(said)
        self.field = field
        self.problem = str(problem)


def _open_case(session: Session, case_id: int, kind: frozenset[CaseKind]) -> Case:
    case = require_verified(session, case_id)
    if case.kind not in kind:
        raise IllegalTransition(message("lifecycle.kind_cannot", kind=case.kind))
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    return case


def _customer(session: Session, case: Case) -> Customer:
    assert case.customer_id is not None  # require_verified holds only for cases about a customer
    customer = session.get(Customer, case.customer_id)
    if customer is None or customer.state is CustomerState.ERASED:
        raise IllegalTransition(message("lifecycle.customer_erased"))
    return customer


def _to_work(session: Session, case: Case, agent_id: int, at: dt.datetime) -> None:
    if case.state is S.IDENTITY_VERIFIED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)


def record_fee(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    status: FeeStatus,
    method: str | None = None,
    on: dt.date | None = None,
    reason: str | None = None,
    company: CompanyProfile | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """The disclosure fee requested, received (date, method) or waived (reason); moves the case on.

    A request stores the fee-payment notice for the mail room, signed by `company` (required then); a
    fee received or waived voids a notice not yet mailed (`cases.void_stale_letters`).
    """
    case = require_verified(session, case_id)
    if case.kind not in DISCLOSURE_KINDS:
        raise FeeNotApplicable(message("fee.free", kind=case.kind))
    case = _open_case(session, case_id, DISCLOSURE_KINDS)
    if status is FeeStatus.RECEIVED and (not method or on is None):
        raise InvalidRequest(message("fee.received_needs_method_and_date"))
    if status is FeeStatus.WAIVED and not (reason and reason.strip()):
        raise InvalidRequest(message("fee.waived_needs_reason"))
    if status is FeeStatus.REQUESTED and company is None:
        # A caller's mistake, not a person's: every path that requests a fee passes the company.
        raise ValueError("a fee request sends the fee-payment notice: the company profile is needed")
    at = utc_now(now)
    if case.state is S.IDENTITY_VERIFIED:
        move(session, case, S.FEE_PENDING, agent_id=agent_id, now=at)
    if case.state is not S.FEE_PENDING:
        raise IllegalTransition(message("fee.settled_while_pending", state=case.state))
    fee = {
        "status": status.value,
        "yen": case.fee_yen,
        "method": method,
        "on": on.isoformat() if on else None,
    }
    update_details(case, fee={**fee, "by": agent_id, "reason": reason})
    add_event(session, case, agent_id=agent_id, kind="fee", detail={**fee, "reason": reason}, at=at)
    if status is FeeStatus.RECEIVED:
        assert on is not None
        case.fee_received_at = dt.datetime.combine(on, dt.time(), tzinfo=TOKYO).astimezone(dt.UTC)
        move(session, case, S.FEE_RECEIVED, agent_id=agent_id, now=at)
    elif status is FeeStatus.WAIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, reason=reason, now=at)
    else:
        assert company is not None
        session.flush()
        _fee_notice(session, case, agent_id, company, at)
    session.flush()
    return view_of(case)


def _fee_notice(
    session: Session, case: Case, agent_id: int, company: CompanyProfile, at: dt.datetime
) -> None:
    """Store the fee-payment notice the request promises; when it cannot be addressed, the case log says so
    (the agent then tells the caller how to pay another way)."""
    # Imported here: the renderer (ReportLab and the fonts) loads only when a letter is made.
    from desk_app.services.cases.letters import LetterNotApplicable, generate_letter

    try:
        generate_letter(session, case.id, agent_id=agent_id, company=company, now=at, fee_notice=True)
    except LetterNotApplicable as exc:
        # The reason names the case and what is missing, never the data itself.
        detail = {"kind": "fee_payment_notice", "reason": str(exc)}
        add_event(session, case, agent_id=agent_id, kind="letter_not_generated", detail=detail, at=at)


_MAILINGS = ("catalogue", "direct_mail", "email_magazine")


def stop_mailings(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    catalogue: bool,
    direct_mail: bool,
    email_magazine: bool,
    effective: dt.date,
    now: dt.datetime | None = None,
) -> CaseView:
    """Stop the mailings marked True from `effective`; the case log keeps each preference before → after."""
    case = _open_case(session, case_id, frozenset({CaseKind.SUSPENSION}))
    stop = {"catalogue": catalogue, "direct_mail": direct_mail, "email_magazine": email_magazine}
    if not any(stop.values()):
        raise InvalidRequest(message("mailings.choose_one"))
    customer = _customer(session, case)
    at = utc_now(now)
    _to_work(session, case, agent_id, at)
    changes: dict[str, Any] = {}
    for mailing in _MAILINGS:
        if stop[mailing]:
            before = getattr(customer, f"{mailing}_opt_in")
            setattr(customer, f"{mailing}_opt_in", False)
            setattr(customer, f"{mailing}_changed_at", at)
            changes[mailing] = {"before": before, "after": False}
    customer.updated_at = at
    update_details(case, mailings=sorted(changes), mailings_effective=effective.isoformat())
    detail = {"changes": changes, "effective": effective.isoformat()}
    add_event(session, case, agent_id=agent_id, kind="mailings_stopped", detail=detail, at=at)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[customer.id],
        detail="mailings stopped",
        case_id=case.id,
        now=at,
    )
    session.flush()
    return view_of(case)


def choose_delivery(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    delivery: str,
    email: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record how the disclosure is delivered: a mailed letter, or a PDF sent to `email`."""
    case = _open_case(session, case_id, DISCLOSURE_KINDS)
    try:
        chosen = Delivery(delivery)
    except ValueError:
        raise InvalidRequest(message("delivery.unknown", delivery=delivery)) from None
    address = (email or "").strip() or None
    if chosen is Delivery.ELECTRONIC and (address is None or not _EMAIL.fullmatch(address)):
        raise InvalidCorrection("email", message("delivery.needs_email"))
    at = utc_now(now)
    before = case.details.get("delivery")
    after = {"method": chosen.value, "email": address if chosen is Delivery.ELECTRONIC else None}
    update_details(case, delivery=after)
    add_event(
        session,
        case,
        agent_id=agent_id,
        kind="delivery_chosen",
        detail={"before": before, "after": after},
        at=at,
    )
    session.flush()
    return view_of(case)


def complete_case(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    expected_row_version: int,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Complete a verified disclosure, correction or suspension whose work is done.

    A disclosure is completed only once its fee is received or waived; a deletion only by the approved
    erasure. `CaseConflict` if the case changed since it was read.
    """
    case = _open_case(
        session, case_id, frozenset({*DISCLOSURE_KINDS, CaseKind.CORRECTION, CaseKind.SUSPENSION})
    )
    if case.row_version != expected_row_version:
        raise CaseConflict(message("case.changed_elsewhere_short", case_no=case.case_no))
    at = utc_now(now)
    if case.kind in DISCLOSURE_KINDS and case.state not in (S.FEE_RECEIVED, S.IN_PROGRESS):
        raise IllegalTransition(message("disclosure.complete_after_fee"))
    if case.state is S.FEE_RECEIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)
    move(session, case, S.COMPLETED, agent_id=agent_id, reason=note, now=at)
    return view_of(case)


def propose_erasure(
    session: Session, case_id: int, *, agent_id: int, note: str | None = None, now: dt.datetime | None = None
) -> CaseView:
    """Send a verified deletion request to a supervisor: the data is erased only when another person,
    a supervisor, approves (`erase_customer`)."""
    case = _open_case(session, case_id, frozenset({CaseKind.DELETION}))
    _customer(session, case)
    at = utc_now(now)
    _to_work(session, case, agent_id, at)
    move(
        session, case, S.AWAITING_APPROVAL, agent_id=agent_id, proposal=Proposal.ERASURE, reason=note, now=at
    )
    return view_of(case)


_TEXT_FIELDS = {
    "name": 100,
    "name_kana": 200,
    "prefecture": 8,
    "city": 100,
    "street": 200,
    "building": 200,
    "email": 254,
}
_REQUIRED = frozenset({"name", "name_kana", "postal_code", "prefecture", "city", "street"})
_PHONE_FIELDS = {f"phone_{kind.value}": kind for kind in PhoneKind}
CORRECTABLE_FIELDS = frozenset({*_TEXT_FIELDS, "postal_code", *_PHONE_FIELDS})
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL = re.compile(r"〒?(\d{3})-?(\d{4})")


def _clean(field: str, value: object) -> str | None:
    """The value to store for `field`, validated; None clears an optional field."""
    if value is not None and not isinstance(value, str):
        raise InvalidCorrection(field, message("correction.not_text"))
    problem = text_problem(value.strip()) if value else None
    if problem is not None:
        raise InvalidCorrection(field, problem)
    text = unicodedata.normalize("NFKC", value).strip() if value else ""
    if field in ("name", "name_kana"):
        # Names keep their full-width form; only the surrounding space goes.
        text = (value or "").strip()
    if not text:
        if field in _REQUIRED:
            raise InvalidCorrection(field, message("field.required"))
        return None
    if field == "postal_code":
        match = _POSTAL.fullmatch(text.replace(" ", ""))
        if match is None:
            raise InvalidCorrection(field, message("correction.postal_code_format"))
        if not postal.exists(match[1] + match[2]):
            raise InvalidCorrection(field, message("correction.no_such_postal_code"))
        return match[1] + match[2]
    if field in _PHONE_FIELDS:
        try:
            return normalise(text).e164
        except InvalidPhoneNumber as error:
            raise InvalidCorrection(field, message("field.not_phone", detail=str(error))) from None
    if field == "name_kana" and not is_kana(text):
        raise InvalidCorrection(field, message("field.not_kana"))
    if field == "email" and not _EMAIL.fullmatch(text):
        raise InvalidCorrection(field, message("field.not_email"))
    if len(text) > _TEXT_FIELDS[field]:
        raise InvalidCorrection(field, message("field.too_long", limit=_TEXT_FIELDS[field]))
    return text


def apply_correction(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    changes: dict[str, object],
    expected_customer_row_version: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """Correct fields of the customer (see `CORRECTABLE_FIELDS`; `phone_<kind>` replaces that kind's numbers,
    None removes them). `CustomerConflict` if the record changed since it was read; nothing is written then.
    """
    case = _open_case(session, case_id, frozenset({CaseKind.CORRECTION}))
    customer = _customer(session, case)
    if customer.row_version != expected_customer_row_version:
        raise CustomerConflict(message("correction.customer_changed", customer_no=customer.customer_no))
    _correct(
        session, case, customer, agent_id=agent_id, changes=changes, at=utc_now(now), access="correction"
    )
    return view_of(case)


def administrative_correction(
    session: Session,
    *,
    customer_id: int,
    agent_id: int,
    changes: dict[str, object],
    reason: str,
    target_days: int = 0,
    now: dt.datetime | None = None,
) -> CaseView:
    """A correction the company makes of its own accord (policy §8: a postal code Japan Post changed).

    No one asked, so there is no caller to verify: a correction case is opened with
    `details["administrative"] = reason`, goes straight to work (`lifecycle.ADMINISTRATIVE_KINDS`), is
    corrected with the same checks and `corrected` event as `apply_correction` and completed, all by
    `agent_id`, who must be a supervisor or an administrator. No letter answers it (`letters.assemble`).
    """
    if not reason.strip():
        raise InvalidRequest(message("correction.administrative_needs_reason"))
    if load_agent(session, agent_id).role not in APPROVER_ROLES:
        raise ApprovalRefused(message("case.administrative_supervisor_only"))
    at = utc_now(now)
    opened = open_case(
        session,
        kind=CaseKind.CORRECTION,
        customer_id=customer_id,
        agent_id=agent_id,
        received_at=at,
        target_days=target_days,
        summary=reason,
        now=at,
    )
    case = load_case(session, opened.case_id)
    update_details(case, administrative=reason)
    move(session, case, S.IN_PROGRESS, agent_id=agent_id, reason=reason, now=at)
    customer = _customer(session, case)
    _correct(session, case, customer, agent_id=agent_id, changes=changes, at=at, access=reason)
    move(session, case, S.COMPLETED, agent_id=agent_id, reason=reason, now=at)
    return view_of(case)


def _correct(
    session: Session,
    case: Case,
    customer: Customer,
    *,
    agent_id: int,
    changes: dict[str, object],
    at: dt.datetime,
    access: str,
) -> None:
    unknown = set(changes) - CORRECTABLE_FIELDS
    if unknown:
        raise InvalidCorrection(sorted(unknown)[0], message("correction.not_correctable"))
    cleaned = {field: _clean(field, value) for field, value in changes.items()}
    diff: dict[str, dict[str, Any]] = {}
    for field, after in cleaned.items():
        if field in _PHONE_FIELDS:
            kind = _PHONE_FIELDS[field]
            held = [phone for phone in customer.phones if phone.kind is kind]
            before = [phone.e164 for phone in held]
            if before != ([after] if after else []):
                diff[field] = {"before": before or None, "after": after}
        elif getattr(customer, field) != after:
            diff[field] = {"before": getattr(customer, field), "after": after}
    if not diff:
        raise InvalidCorrection(next(iter(changes), "changes"), message("correction.nothing_differs"))
    _to_work(session, case, agent_id, at)
    version_before = customer.row_version
    for field, change in diff.items():
        if field in _PHONE_FIELDS:
            kind = _PHONE_FIELDS[field]
            customer.phones = [phone for phone in customer.phones if phone.kind is not kind]
            if change["after"]:
                raw = normalise(change["after"]).national
                customer.phones.append(Phone(kind=kind, raw=raw, e164=change["after"]))
        else:
            setattr(customer, field, change["after"])
    customer.updated_at = at
    try:
        session.flush()
    except StaleDataError:
        raise CustomerConflict(
            message("correction.customer_changed_short", customer_no=customer.customer_no)
        ) from None
    for field in diff:
        # The mail-order system does not know of this yet: its next export must not silently undo it.
        session.merge(DeskChange(customer_id=customer.id, field=field, changed_at=at))
    detail = {"changes": diff, "row_version": {"before": version_before, "after": customer.row_version}}
    add_event(session, case, agent_id=agent_id, kind="corrected", detail=detail, at=at)
    update_details(case, corrected_fields=sorted({*case.details.get("corrected_fields", []), *diff}))
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[customer.id],
        detail=f"{access}: " + ", ".join(sorted(diff)),
        case_id=case.id,
        now=at,
    )
    session.flush()


@dataclass(frozen=True)
class ErasureResult:
    case: CaseView
    # The non-identifying reference the case keeps.
    customer_no: str
    erased_at: dt.datetime
    # True when an earlier call had already erased: nothing was written this time.
    already_erased: bool
    # The deletion-completed letter made as the data was erased; None when it could not be addressed.
    letter_id: int | None = None


_ERASED_FIELDS = (
    "name",
    "name_kana",
    "birth_date",
    "postal_code",
    "prefecture",
    "city",
    "street",
    "building",
    "email",
    "workplace_name",
    "workplace_phone",
)


def erase_customer(
    session: Session,
    case_id: int,
    *,
    approver_id: int,
    now: dt.datetime | None = None,
    register_key: RegisterKey,
    company: CompanyProfile | None = None,
    reason: str | None = None,
) -> ErasureResult:
    """Approve a proposed erasure (a supervisor who did not propose it) and erase the customer's personal
    data; orders stay, anonymous. Calling it again on the completed case writes nothing.

    The customer number goes into the erased-customer register under `register_key`
    (`services/erased_register.py`), so no later import re-creates the customer, even once retention has
    purged the blank row; a key the register was not made with refuses the erasure (`RegisterKeyMismatch`).

    The deletion-completed letter (signed as `company`, default `CompanyProfile()`) is made and stored
    first, in the same transaction: once the data is erased there is no address to send it to.
    """
    case = require_verified(session, case_id)
    if case.kind is not CaseKind.DELETION:
        raise IllegalTransition(message("lifecycle.erases_nothing", kind=case.kind))
    erasure = case.details.get("erasure")
    if case.state is S.COMPLETED and erasure:
        return ErasureResult(
            case=view_of(case),
            customer_no=erasure["customer_no"],
            erased_at=dt.datetime.fromisoformat(erasure["at"]),
            already_erased=True,
            letter_id=erasure.get("letter_id"),
        )
    pending = case.details.get("proposal")
    if case.state is not S.AWAITING_APPROVAL or not pending or pending["kind"] != Proposal.ERASURE:
        raise IllegalTransition(message("lifecycle.erasure_needs_approval"))
    assert case.customer_id is not None
    customer = session.get(Customer, case.customer_id)
    assert customer is not None
    at = utc_now(now)
    # A key the register was not made with is refused before anything is written.
    check_key(session, register_key)
    # The approval is checked (four eyes, supervisor) before anything is erased.
    move(session, case, S.COMPLETED, agent_id=approver_id, reason=reason, now=at)
    register_erased(session, register_key, [customer.customer_no])
    letter_id = _deletion_letter(session, case, approver_id, company or CompanyProfile(), at)
    was_erased = customer.state is CustomerState.ERASED
    for field in _ERASED_FIELDS:
        setattr(customer, field, None)
    customer.phones = []
    session.execute(delete(DeskChange).where(DeskChange.customer_id == customer.id))
    for mailing in _MAILINGS:
        setattr(customer, f"{mailing}_opt_in", False)
    customer.state = CustomerState.ERASED
    customer.updated_at = at
    erasure = {
        "customer_no": customer.customer_no,
        "at": at.isoformat(),
        "by": approver_id,
        "letter_id": letter_id,
    }
    update_details(case, erasure=erasure)
    detail = {
        "customer_no": customer.customer_no,
        "fields": [*_ERASED_FIELDS, "phones"],
        "was_erased": was_erased,
    }
    add_event(session, case, agent_id=approver_id, kind="erased", detail=detail, at=at)
    record_access(
        session,
        agent_id=approver_id,
        action=AccessAction.ERASE,
        customer_ids=[customer.id],
        detail="erasure on request",
        case_id=case.id,
        now=at,
    )
    session.flush()
    return ErasureResult(
        case=view_of(case),
        customer_no=customer.customer_no,
        erased_at=at,
        already_erased=False,
        letter_id=letter_id,
    )


def _deletion_letter(
    session: Session, case: Case, approver_id: int, company: CompanyProfile, at: dt.datetime
) -> int | None:
    """Store the deletion-completed letter while the address is still held; its id, or None if it cannot be
    addressed (the erasure goes ahead: the law's duty to erase does not wait for an address)."""
    # Imported here: the renderer (ReportLab and the fonts) loads only when a letter is made.
    from desk_app.services.cases.letters import LetterNotApplicable, generate_letter

    try:
        return generate_letter(session, case.id, agent_id=approver_id, company=company, now=at).letter_id
    except LetterNotApplicable as exc:
        # The reason names the case and what is missing, never the data itself.
        detail = {"kind": "deletion_completed", "reason": str(exc)}
        add_event(session, case, agent_id=approver_id, kind="letter_not_generated", detail=detail, at=at)
        return None
