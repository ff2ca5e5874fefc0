"""What a case's letter says, read from the database: the values `desk_app.letters` renders from."""

# The renderer works from values alone; this module turns a case, its customer and its log into those
# values. It reads and never writes: storing the PDF is `letters.generate_letter`.

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import (
    CaseState,
    CustomerState,
    LetterKind,
    ProvisionStopGround,
)
from desk_app.domain.letter_rules import LetterNotApplicable, answering_letter, fee_notice_problem
from desk_app.domain.lifecycle import charges_fee
from desk_app.domain.messages import message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.letters.content import (
    FIELD_LABELS,
    Correction,
    CorrectionCompletedLetter,
    DeletionCompletedLetter,
    DeliveryStatement,
    DisclosureLetter,
    FeePaymentNoticeLetter,
    FeeReceived,
    FeeWaived,
    HeldPhone,
    LetterContent,
    Mailing,
    MailingPreference,
    MailingStoppedLetter,
    OrderEntry,
    OrderItem,
    ProvisionEntry,
    ProvisionRecordsLetter,
    ProvisionSetting,
    ProvisionStoppedLetter,
    Recipient,
    RefusalLetter,
    RefusalScope,
)
from desk_app.letters.wording import postal_code
from desk_app.services.cases.policy_letter_contents import foreign_transfer, purposes_notice
from desk_app.services.cases.proxies import proxy_address
from desk_app.services.cases.records import delivery_form_of, load_case
from desk_app.services.cases.refusal_answers import asked_on, decided_answer
from desk_app.services.cases.verified import is_verified
from desk_app.storage.models import Case, CaseEvent, Customer, Order, ProvisionRecord, ProvisionStop

S = CaseState

__all__ = ["LetterNotApplicable", "fee_notice_for_case", "letter_for_case", "letter_kind_for"]


def letter_kind_for(case: Case) -> LetterKind:
    """The kind of letter that answers `case` in its present state; `LetterNotApplicable` if none does.

    Reads the case row alone, so a stored letter can be found without assembling a new one.
    """
    return answering_letter(case.kind, case.state, case.details, case.case_no)


def letter_for_case(session: Session, case_id: int, *, today: dt.date) -> LetterContent:
    """The letter answering the case, dated `today`; `LetterNotApplicable` if there is none to send."""
    case = load_case(session, case_id)
    kind = letter_kind_for(case)
    if kind is not LetterKind.REFUSAL and not is_verified(case):
        # Kept even though every path here passes a verified case: a letter discloses or confirms data.
        raise LetterNotApplicable(message("letter.identity_not_verified", case_no=case.case_no))
    customer = _customer(session, case)
    common: dict[str, Any] = {
        "recipient": _recipient(case, customer),
        "case_no": case.case_no,
        "dated": today,
        "requested_on": _japan_date(case.received_at),
    }
    match kind:
        case LetterKind.DISCLOSURE:
            return _disclosure(session, case, customer, common)
        case LetterKind.PROVISION_RECORDS:
            return ProvisionRecordsLetter(
                **common, records=_provision_records(session, customer.id), delivery=_delivery(case)
            )
        case LetterKind.CORRECTION_COMPLETED:
            return CorrectionCompletedLetter(
                **common, corrections=_corrections(case), completed_on=_closed_on(case, today)
            )
        case LetterKind.MAILING_STOPPED:
            mailings, effective = _mailings_stopped(case)
            return MailingStoppedLetter(**common, mailings=mailings, effective_on=effective or today)
        case LetterKind.PROVISION_STOPPED:
            return _provision_stopped(case, common)
        case LetterKind.PURPOSES_NOTICE:
            fee = _fee(case) if charges_fee(case.kind, case.fee_yen) else None
            return purposes_notice(case, common, fee=fee)
        case LetterKind.FOREIGN_TRANSFER_INFO:
            return foreign_transfer(case, common)
        case LetterKind.DELETION_COMPLETED:
            # Made while the erasure runs (see operations.erase_customer): the address is still held.
            return DeletionCompletedLetter(**common, deleted_on=_closed_on(case, today))
        case LetterKind.REFUSAL:
            return _refusal(case, common)
        case _:
            raise LetterNotApplicable(message("letter.not_from_case", kind=kind))


def fee_notice_for_case(
    session: Session, case_id: int, *, today: dt.date, pay_within_days: int
) -> LetterContent:
    """The fee-payment notice of a disclosure whose fee is awaited, dated `today`, asking for the fee within
    `pay_within_days`; `LetterNotApplicable` if the case awaits no fee or cannot be written to."""
    case = load_case(session, case_id)
    problem = fee_notice_problem(case.kind, case.state, case.details, case.case_no)
    if problem is not None:
        raise LetterNotApplicable(problem)
    if not is_verified(case):
        raise LetterNotApplicable(message("letter.identity_not_verified", case_no=case.case_no))
    customer = _customer(session, case)
    fee = (case.details or {}).get("fee") or {}
    return FeePaymentNoticeLetter(
        recipient=_recipient(case, customer),
        case_no=case.case_no,
        dated=today,
        requested_on=_japan_date(case.received_at),
        request=case.kind,
        amount_yen=int(fee.get("yen") or case.fee_yen),
        pay_by=today + dt.timedelta(days=pay_within_days),
    )


# --- the addressee -------------------------------------------------------------------------------------


def _customer(session: Session, case: Case) -> Customer:
    customer = session.get(Customer, case.customer_id) if case.customer_id is not None else None
    if customer is None:
        raise LetterNotApplicable(message("letter.no_customer", case_no=case.case_no))
    if customer.state is CustomerState.ERASED:
        raise LetterNotApplicable(message("letter.customer_erased", case_no=case.case_no))
    return customer


def _address_lines(customer: Customer) -> tuple[str, ...]:
    first = "".join(part for part in (customer.prefecture, customer.city, customer.street) if part)
    return tuple(line for line in (first, customer.building or "") if line)


def _recipient(case: Case, customer: Customer) -> Recipient:
    # A proxy's papers may name their own address for the answer (recorded with the proxy).
    instead = proxy_address(case)
    if instead is not None:
        name, proxy_postal_code, address_lines = instead
        return Recipient(name=name, postal_code=proxy_postal_code, address_lines=address_lines)
    lines = _address_lines(customer)
    if not customer.name or not customer.postal_code or not lines:
        raise LetterNotApplicable(message("letter.no_address", case_no=case.case_no))
    try:
        postal_code(customer.postal_code)
    except ValueError:
        raise LetterNotApplicable(message("letter.bad_postal_code", case_no=case.case_no)) from None
    return Recipient(name=customer.name, postal_code=customer.postal_code, address_lines=lines)


def _japan_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(TOKYO).date()


def _closed_on(case: Case, today: dt.date) -> dt.date:
    return _japan_date(case.closed_at) if case.closed_at else today


# --- disclosure ------------------------------------------------------------------------------------------


def _phone_text(e164: str, raw: str) -> str:
    try:
        return normalise(e164).national
    except InvalidPhoneNumber:
        return raw


def _fee(case: Case) -> FeeReceived | FeeWaived:
    fee = (case.details or {}).get("fee") or {}
    if fee.get("status") == "waived":
        # The waiver's reason is the agent's note (who qualifies, and why): it stays in the case.
        return FeeWaived()
    return FeeReceived(
        amount_yen=int(fee.get("yen") or case.fee_yen),
        received_on=dt.date.fromisoformat(fee["on"]),
        method=fee["method"],
    )


def _disclosure(session: Session, case: Case, customer: Customer, common: dict[str, Any]) -> DisclosureLetter:
    # What was held on the day the letter is dated: an order entered later (a clock ahead, data loaded for a
    # date still to come) is not part of this answer.
    next_day = common["dated"] + dt.timedelta(days=1)
    day_after = dt.datetime.combine(next_day, dt.time(), TOKYO).astimezone(dt.UTC)
    orders = session.scalars(
        select(Order)
        .where(Order.customer_id == customer.id, Order.ordered_at < day_after)
        .order_by(Order.ordered_at, Order.id)
        .options(selectinload(Order.lines))
    )
    entries = tuple(
        OrderEntry(
            order_no=order.order_no,
            ordered_on=_japan_date(order.ordered_at),
            channel=order.channel,
            items=tuple(
                OrderItem(product_name=line.product_name, quantity=line.quantity) for line in order.lines
            ),
            amount_yen=order.amount_yen,
        )
        for order in orders
    )
    phones = tuple(
        HeldPhone(kind=phone.kind, number=_phone_text(phone.e164, phone.raw))
        for phone in sorted(customer.phones, key=lambda phone: phone.id)
    )
    assert customer.name is not None  # checked with the recipient
    credit = customer.shopping_credit
    return DisclosureLetter(
        **common,
        customer_no=customer.customer_no,
        name=customer.name,
        name_kana=customer.name_kana,
        postal_code=customer.postal_code,
        address="　".join(_address_lines(customer)),
        phones=phones,
        email=customer.email,
        birth_date=customer.birth_date,
        mailings=_mailing_preferences(customer),
        orders=entries,
        shopping_credit=credit,
        # The workplace is held for shopping credit only; without it nothing about a workplace is read.
        workplace_name=customer.workplace_name if credit else None,
        workplace_phone=customer.workplace_phone if credit else None,
        fee=_fee(case),
        delivery=_delivery(case),
        provision=_provision_setting(session, customer),
        death_reported=_death_reported(customer),
    )


def _death_reported(customer: Customer) -> tuple[dt.date, dt.date | None] | None:
    reported = customer.death_reported_at
    return (_japan_date(reported), customer.died_on) if reported is not None else None


def _delivery(case: Case) -> DeliveryStatement | None:
    """The form the case recorded, as the letter states it; None when none was chosen."""
    form = delivery_form_of(case.details)
    if form is None:
        return None
    return DeliveryStatement(asked=form.asked, used=form.used, to=form.to, not_possible=form.obstacle)


def _mailing_preferences(customer: Customer) -> tuple[MailingPreference, ...]:
    settings = (
        (Mailing.CATALOGUE, customer.catalogue_opt_in, customer.catalogue_changed_at),
        (Mailing.DIRECT_MAIL, customer.direct_mail_opt_in, customer.direct_mail_changed_at),
        (Mailing.EMAIL_MAGAZINE, customer.email_magazine_opt_in, customer.email_magazine_changed_at),
    )
    return tuple(
        MailingPreference(
            mailing=mailing, receives=receives, changed_on=_japan_date(changed) if changed else None
        )
        for mailing, receives, changed in settings
    )


def _provision_setting(session: Session, customer: Customer) -> ProvisionSetting:
    stops = session.execute(
        select(ProvisionStop.recipient_name, ProvisionStop.stopped_at)
        .where(ProvisionStop.customer_id == customer.id, ProvisionStop.recipient_name.is_not(None))
        .order_by(ProvisionStop.stopped_at, ProvisionStop.id)
    )
    changed = customer.provision_changed_at
    return ProvisionSetting(
        allowed=customer.provision_opt_in,
        changed_on=_japan_date(changed) if changed else None,
        stopped=tuple((str(name), _japan_date(at)) for name, at in stops),
    )


def _provision_records(session: Session, customer_id: int) -> tuple[ProvisionEntry, ...]:
    records = session.scalars(
        select(ProvisionRecord)
        .where(ProvisionRecord.customer_id == customer_id)
        .order_by(ProvisionRecord.provided_on, ProvisionRecord.id)
    )
    return tuple(
        ProvisionEntry(
            provided_on=record.provided_on,
            recipient_name=record.recipient_name,
            recipient_address=record.recipient_address,
            recipient_representative=record.recipient_representative,
            items_provided=record.items_provided,
            purpose=record.purpose,
            basis=record.basis,
        )
        for record in records
    )


# --- completed requests and refusals ---------------------------------------------------------------------


def _events(case: Case, kind: str) -> list[CaseEvent]:
    return [event for event in case.events if event.kind == kind]


def _correction_value(field: str, value: object) -> str | None:
    """A corrected value as the customer reads it: phones in national form, postal codes with the hyphen."""
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return "、".join(_correction_value(field, item) or "" for item in value)
    text = str(value)
    if field.startswith("phone_"):
        return _phone_text(text, text)
    if field == "postal_code":
        try:
            return postal_code(text)
        except ValueError:
            return text
    return text


def _corrections(case: Case) -> tuple[Correction, ...]:
    """One row per field, from its value before the first correction to its value after the last."""
    first_before: dict[str, object] = {}
    last_after: dict[str, object] = {}
    for event in _events(case, "corrected"):
        for field, change in (event.detail.get("changes") or {}).items():
            first_before.setdefault(field, change.get("before"))
            last_after[field] = change.get("after")
    order = list(FIELD_LABELS)
    rows = []
    for field in sorted(
        last_after, key=lambda name: (order.index(name) if name in order else len(order), name)
    ):
        before = _correction_value(field, first_before[field])
        after = _correction_value(field, last_after[field])
        if before != after:
            rows.append(Correction(field_label=FIELD_LABELS.get(field, field), before=before, after=after))
    if not rows:
        raise LetterNotApplicable(message("letter.no_correction", case_no=case.case_no))
    return tuple(rows)


def _mailings_stopped(case: Case) -> tuple[tuple[Mailing, ...], dt.date | None]:
    stopped: set[str] = set()
    effective: str | None = None
    for event in _events(case, "mailings_stopped"):
        stopped |= {
            name for name, change in (event.detail.get("changes") or {}).items() if not change["after"]
        }
        effective = event.detail.get("effective") or effective
    details = case.details or {}
    if not stopped:
        stopped = set(details.get("mailings") or ())
        effective = details.get("mailings_effective")
    mailings = tuple(mailing for mailing in Mailing if mailing.value in stopped)
    if not mailings:
        raise LetterNotApplicable(message("letter.no_stopped_mailing", case_no=case.case_no))
    if effective:
        return mailings, dt.date.fromisoformat(effective)
    return mailings, _japan_date(case.closed_at) if case.closed_at else None


def _provision_stopped(case: Case, common: dict[str, Any]) -> ProvisionStoppedLetter:
    """Every provision the case stopped, from its log: all provision not required, or each recipient's."""
    events = _events(case, "provision_stopped")
    if not events:
        raise LetterNotApplicable(message("letter.no_provision_stopped", case_no=case.case_no))
    stops = [event.detail for event in events]
    recipients = tuple(dict.fromkeys(str(stop["recipient"]) for stop in stops if stop.get("recipient")))
    return ProvisionStoppedLetter(
        **common,
        all_not_required=any(not stop.get("recipient") for stop in stops),
        recipients=recipients,
        # The last stop's ground and day: the case's request as it was finally carried out.
        ground=ProvisionStopGround(stops[-1]["ground"]),
        stopped_on=_japan_date(events[-1].at),
    )


def _refusal(case: Case, common: dict[str, Any]) -> RefusalLetter:
    """The answer decided (`refusal_answers`), and the mailings a refused suspension stopped all the same
    (policy §8)."""
    ground, reasons, alternative = decided_answer(case)
    mailings = _mailings_stopped(case)[0] if (case.details or {}).get("mailings") else ()
    return RefusalLetter(
        **common,
        request=case.kind,
        scope=RefusalScope.FULL,
        ground=ground,
        reasons=reasons,
        asked_on=asked_on(case),
        alternative=alternative,
        mailings_stopped=mailings,
    )
