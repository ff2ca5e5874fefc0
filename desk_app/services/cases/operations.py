"""What a verified request does to the record: the fee, delivery, stopped mailings, a correction, erasure."""

# Every operation passes the gate in `verified.py` before it reads or writes anything else, so an
# unverified caller gets `IdentityNotVerified` and the database is untouched. The state changes are
# `transitions.move`; the fields a correction may change and how are `corrections.py`.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import (
    AccessAction,
    CaseKind,
    CustomerState,
    FeeStatus,
    LetterKind,
    Proposal,
    SuspensionGround,
)
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.domain.lifecycle import (
    DISCLOSURE_KINDS,
    FEE_KINDS,
    WORKED_KINDS,
    IllegalTransition,
    charges_fee,
)
from desk_app.domain.messages import InvalidRequest, MessageError, message
from desk_app.erased_register_key import RegisterKey
from desk_app.services.access_log import record_access
from desk_app.services.cases.corrections import CustomerConflict, correct_customer
from desk_app.services.cases.corrections import InvalidCorrection as InvalidCorrection
from desk_app.services.cases.delivery import choose_delivery as choose_delivery
from desk_app.services.cases.letters import generate_letter
from desk_app.services.cases.records import (
    CaseConflict,
    CaseView,
    S,
    add_event,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.transitions import move
from desk_app.services.cases.verified import (
    customer_of,
    open_request,
    record_change,
    record_request_ground,
    require_verified,
    start_work,
)
from desk_app.services.erased_register import check_key, register_erased
from desk_app.storage.models import Case, Customer, DeskChange, ProvisionStop


class FeeNotApplicable(MessageError, ValueError):
    """Only disclosure requests carry a fee, and a notice of the purposes of use where the configuration
    sets one; correction, suspension, deletion and the rest are free (APPI Art. 38)."""


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
    """The fee of a disclosure (or of a notice of purposes that charges one) requested, received (date,
    method) or waived (reason); moves the case on.

    A request stores the fee-payment notice for the mail room, signed by `company` (required then); a
    fee received or waived voids a notice not yet mailed (`transitions.void_stale_letters`).
    """
    case = require_verified(session, case_id)
    if not charges_fee(case.kind, case.fee_yen):
        raise FeeNotApplicable(message("fee.free", kind=case.kind))
    case = open_request(session, case_id, FEE_KINDS)
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
        _letter_or_note(session, case, agent_id, company, at, fee_notice=True)
    session.flush()
    return view_of(case)


def _letter_or_note(
    session: Session, case: Case, agent_id: int, company: CompanyProfile, at: dt.datetime, *, fee_notice: bool
) -> int | None:
    """Store the letter an operation promises — the fee-payment notice, or the deletion-completed letter
    while the address is still held — and return its id. When it cannot be addressed the case log says so
    and None is returned: the agent tells the caller how to pay another way, and an erasure goes ahead (the
    law's duty to erase does not wait for an address)."""
    try:
        made = generate_letter(
            session, case.id, agent_id=agent_id, company=company, now=at, fee_notice=fee_notice
        )
    except LetterNotApplicable as exc:
        # The reason names the case and what is missing, never the data itself.
        kind = LetterKind.FEE_PAYMENT_NOTICE if fee_notice else LetterKind.DELETION_COMPLETED
        detail = {"kind": kind.value, "reason": str(exc)}
        add_event(session, case, agent_id=agent_id, kind="letter_not_generated", detail=detail, at=at)
        return None
    return made.letter_id


# What a caller may stop; a script's choice names one of them or "all".
MAILINGS = ("catalogue", "direct_mail", "email_magazine")


def mailings_named(choice: str) -> tuple[str, ...]:
    """The mailings a caller's choice names: "all" of `MAILINGS`, one of them, or none."""
    return MAILINGS if choice == "all" else tuple(mailing for mailing in MAILINGS if mailing == choice)


def stop_mailings(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    catalogue: bool,
    direct_mail: bool,
    email_magazine: bool,
    effective: dt.date,
    ground: SuspensionGround | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Stop the mailings marked True from `effective`; the case log keeps each preference before → after.

    `ground`: what the caller asked on (APPI Art. 35(1), (5), or their wish), kept with the case. Whatever it
    is, the mailings stop: the company's policy (§8) stops them on request."""
    case = open_request(session, case_id, frozenset({CaseKind.SUSPENSION}))
    stop = {"catalogue": catalogue, "direct_mail": direct_mail, "email_magazine": email_magazine}
    if not any(stop.values()):
        raise InvalidRequest(message("mailings.choose_one"))
    customer = customer_of(session, case)
    at = utc_now(now)
    start_work(session, case, agent_id, at)
    record_request_ground(session, case, ground, agent_id=agent_id, at=at)
    changes: dict[str, Any] = {}
    for mailing in MAILINGS:
        if stop[mailing]:
            before = getattr(customer, f"{mailing}_opt_in")
            setattr(customer, f"{mailing}_opt_in", False)
            setattr(customer, f"{mailing}_changed_at", at)
            changes[mailing] = {"before": before, "after": False}
    update_details(case, mailings=sorted(changes), mailings_effective=effective.isoformat())
    detail = {"changes": changes, "effective": effective.isoformat()}
    return record_change(
        session,
        case,
        customer,
        agent_id=agent_id,
        event="mailings_stopped",
        detail=detail,
        access="mailings stopped",
        at=at,
    )


def complete_case(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    expected_row_version: int,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Complete a verified disclosure, correction, suspension, stop of provision or notice of purposes
    whose work is done.

    A request with a fee is completed only once its fee is received or waived; a stop of third-party
    provision or a notice of purposes only once its work is recorded (`domain/completion.py`: the letter
    confirms it); a deletion only by the approved erasure. `CaseConflict` if the case changed since it was
    read.
    """
    case = open_request(session, case_id, frozenset({*FEE_KINDS, *WORKED_KINDS}))
    if case.row_version != expected_row_version:
        raise CaseConflict(message("case.changed_elsewhere_short", case_no=case.case_no))
    at = utc_now(now)
    if charges_fee(case.kind, case.fee_yen) and case.state not in (S.FEE_RECEIVED, S.IN_PROGRESS):
        code = "disclosure.complete_after_fee" if case.kind in DISCLOSURE_KINDS else "fee.complete_after_fee"
        raise IllegalTransition(message(code, kind=case.kind))
    if case.state is S.FEE_RECEIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)
    move(session, case, S.COMPLETED, agent_id=agent_id, reason=note, now=at)
    return view_of(case)


def propose_erasure(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    note: str | None = None,
    ground: SuspensionGround | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Send a verified deletion request to a supervisor: the data is erased only when another person,
    a supervisor, approves (`erase_customer`). `ground`: what the caller asked on, kept with the case."""
    case = open_request(session, case_id, frozenset({CaseKind.DELETION}))
    customer_of(session, case)
    at = utc_now(now)
    start_work(session, case, agent_id, at)
    record_request_ground(session, case, ground, agent_id=agent_id, at=at)
    move(
        session, case, S.AWAITING_APPROVAL, agent_id=agent_id, proposal=Proposal.ERASURE, reason=note, now=at
    )
    return view_of(case)


def apply_correction(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    changes: dict[str, object],
    expected_customer_row_version: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """Correct fields of the customer (see `corrections.CORRECTABLE_FIELDS`; `phone_<kind>` replaces that
    kind's numbers, None removes them). `CustomerConflict` if the record changed since it was read; nothing
    is written then.
    """
    case = open_request(session, case_id, frozenset({CaseKind.CORRECTION}))
    customer = customer_of(session, case)
    if customer.row_version != expected_customer_row_version:
        raise CustomerConflict(message("correction.customer_changed", customer_no=customer.customer_no))
    correct_customer(
        session, case, customer, agent_id=agent_id, changes=changes, at=utc_now(now), access="correction"
    )
    return view_of(case)


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
    letter_id = _letter_or_note(session, case, approver_id, company or CompanyProfile(), at, fee_notice=False)
    was_erased = customer.state is CustomerState.ERASED
    for field in _ERASED_FIELDS:
        setattr(customer, field, None)
    customer.phones = []
    session.execute(delete(DeskChange).where(DeskChange.customer_id == customer.id))
    # Nothing of theirs is provided any more, so their stops go with the rest of their data.
    session.execute(delete(ProvisionStop).where(ProvisionStop.customer_id == customer.id))
    for mailing in MAILINGS:
        setattr(customer, f"{mailing}_opt_in", False)
    customer.provision_opt_in = False
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
