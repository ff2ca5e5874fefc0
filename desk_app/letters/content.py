"""What each letter says, as frozen values: a letter is rendered from these alone, never from the database."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import ClassVar

from desk_app.domain.enums import (
    CaseKind,
    Delivery,
    DeliveryAddress,
    DeliveryObstacle,
    LetterKind,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
    SuspensionGround,
)


@dataclass(frozen=True, kw_only=True)
class Recipient:
    """Whom the letter is mailed to, as it shows through the envelope's window."""

    name: str
    postal_code: str  # seven digits, with or without the hyphen
    address_lines: tuple[str, ...]  # at most three lines are printed in the window


@dataclass(frozen=True, kw_only=True)
class LetterBase:
    """What every letter carries: the addressee, the case it answers, and the dates."""

    kind: ClassVar[LetterKind]

    recipient: Recipient
    case_no: str
    dated: dt.date
    requested_on: dt.date

    @property
    def reference(self) -> str:
        """The number the letter is filed under and the customer quotes: its case's."""
        return self.case_no


# --- disclosure ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DeliveryStatement:
    """The form the disclosure is made in, as the letter states it (APPI Art. 33(1)-(3)): the form asked
    for, the one used, where an electronic record goes, and why the asked form was not possible."""

    asked: Delivery
    used: Delivery
    to: DeliveryAddress | None = None
    not_possible: DeliveryObstacle | None = None


@dataclass(frozen=True, kw_only=True)
class HeldPhone:
    kind: PhoneKind
    number: str


@dataclass(frozen=True, kw_only=True)
class OrderItem:
    product_name: str
    quantity: int


@dataclass(frozen=True, kw_only=True)
class OrderEntry:
    order_no: str
    ordered_on: dt.date
    channel: OrderChannel
    items: tuple[OrderItem, ...]
    amount_yen: int


@dataclass(frozen=True, kw_only=True)
class FeeReceived:
    amount_yen: int
    received_on: dt.date
    method: str  # as the customer paid, e.g. 「郵便定額小為替」


@dataclass(frozen=True, kw_only=True)
class FeeWaived:
    """The fee was not charged. Why is the agent's internal note: it is never carried to the letter."""


class Mailing(enum.StrEnum):
    CATALOGUE = "catalogue"
    DIRECT_MAIL = "direct_mail"
    EMAIL_MAGAZINE = "email_magazine"


@dataclass(frozen=True, kw_only=True)
class MailingPreference:
    """Whether the customer receives a mailing, and the day (in Japan) it was last changed, if known."""

    mailing: Mailing
    receives: bool
    changed_on: dt.date | None


@dataclass(frozen=True, kw_only=True)
class ProvisionSetting:
    """Whether the customer's data goes to third parties on their consent, the day (in Japan) that last
    changed, and each recipient they stopped, with the day."""

    allowed: bool
    changed_on: dt.date | None
    stopped: tuple[tuple[str, dt.date], ...] = ()


@dataclass(frozen=True, kw_only=True)
class DisclosureLetter(LetterBase):
    """Every item of personal data held: the policy's list (§8) and whatever else the record holds."""

    kind: ClassVar[LetterKind] = LetterKind.DISCLOSURE

    customer_no: str
    name: str
    name_kana: str | None
    postal_code: str | None
    address: str
    phones: tuple[HeldPhone, ...]  # every number held, of every kind
    email: str | None
    birth_date: dt.date | None  # disclosed only when held; the letter says so when it is not
    mailings: tuple[MailingPreference, ...]  # each mailing's setting as held
    orders: tuple[OrderEntry, ...]
    # The workplace is held for shopping credit only; without it the renderer never prints these.
    shopping_credit: bool
    workplace_name: str | None = None
    workplace_phone: str | None = None
    fee: FeeReceived | FeeWaived
    # The form chosen on the request; None for a case that recorded none (a letter by post, unstated).
    delivery: DeliveryStatement | None = None
    # The provision setting as held; None prints nothing (a letter made before it was kept reprints as made).
    provision: ProvisionSetting | None = None
    # A death reported for this customer: the day it was reported (in Japan) and the day of death given,
    # if any; held data like any other, so disclosed (None: no report held).
    death_reported: tuple[dt.date, dt.date | None] | None = None


@dataclass(frozen=True, kw_only=True)
class FeePaymentNoticeLetter(LetterBase):
    """How to pay a disclosure's fee, sent when it is requested; the ways to pay are the company's
    (`CompanyProfile.fee_payment_methods`), printed by the renderer."""

    kind: ClassVar[LetterKind] = LetterKind.FEE_PAYMENT_NOTICE

    request: CaseKind  # DISCLOSURE or PROVISION_DISCLOSURE
    amount_yen: int
    pay_by: dt.date  # the day the payment should reach the desk


# --- third-party provision records --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ProvisionEntry:
    provided_on: dt.date
    recipient_name: str
    recipient_address: str
    recipient_representative: str
    items_provided: str
    purpose: str
    basis: ProvisionBasis


@dataclass(frozen=True, kw_only=True)
class ProvisionRecordsLetter(LetterBase):
    """The records of provision to third parties (APPI Art. 33(5)); may be empty."""

    kind: ClassVar[LetterKind] = LetterKind.PROVISION_RECORDS

    records: tuple[ProvisionEntry, ...]
    delivery: DeliveryStatement | None = None


# --- completed requests --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Correction:
    field_label: str  # as the customer reads it, e.g. 「ご住所」; see `FIELD_LABELS`
    before: str | None
    after: str | None


# Labels for the fields the desk corrects, keyed as the correction service names them.
FIELD_LABELS: dict[str, str] = {
    "name": "お名前",
    "name_kana": "お名前（フリガナ）",
    "postal_code": "郵便番号",
    "prefecture": "ご住所（都道府県）",
    "city": "ご住所（市区町村）",
    "street": "ご住所（町名・番地）",
    "building": "ご住所（建物名）",
    "email": "メールアドレス",
    "phone_home": "電話番号（自宅）",
    "phone_mobile": "電話番号（携帯）",
    "phone_work": "電話番号（勤務先）",
}


@dataclass(frozen=True, kw_only=True)
class CorrectionCompletedLetter(LetterBase):
    kind: ClassVar[LetterKind] = LetterKind.CORRECTION_COMPLETED

    corrections: tuple[Correction, ...]
    completed_on: dt.date


@dataclass(frozen=True, kw_only=True)
class MailingStoppedLetter(LetterBase):
    kind: ClassVar[LetterKind] = LetterKind.MAILING_STOPPED

    mailings: tuple[Mailing, ...]
    effective_on: dt.date


@dataclass(frozen=True, kw_only=True)
class DeletionCompletedLetter(LetterBase):
    kind: ClassVar[LetterKind] = LetterKind.DELETION_COMPLETED

    deleted_on: dt.date


@dataclass(frozen=True, kw_only=True)
class ProvisionStoppedLetter(LetterBase):
    """Third-party provision stopped at the customer's request (APPI Art. 35(7) asks that they be told)."""

    kind: ClassVar[LetterKind] = LetterKind.PROVISION_STOPPED

    # True: every provision on consent stopped, now and to come; else only to `recipients`.
    all_not_required: bool
    recipients: tuple[str, ...] = ()
    ground: ProvisionStopGround  # why the customer asked, as they said it
    stopped_on: dt.date


# --- what the published policy tells a customer who asks ----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PurposesNoticeLetter(LetterBase):
    """The purposes of use of the customer's retained personal data, notified on request (APPI Art. 32(2)),
    as recorded on the case with the version of the configuration they came from."""

    kind: ClassVar[LetterKind] = LetterKind.PURPOSES_NOTICE

    purposes: tuple[str, ...]
    version: int
    # The fee, where one is charged for the notice (APPI Art. 38); None: none is.
    fee: FeeReceived | FeeWaived | None = None


@dataclass(frozen=True, kw_only=True)
class ForeignRecipientCountry:
    """One country the company's recipients are in, as the case recorded it from the configuration."""

    country: str
    recipient: str  # who receives the data there, and why
    system: str  # the country's system for protecting personal information
    measures: str  # what the recipient does to protect it, and how the company makes sure


@dataclass(frozen=True, kw_only=True)
class ForeignTransferLetter(LetterBase):
    """Information on provision to third parties in foreign countries, given on request (APPI Art. 28(3));
    no countries: the company provides to no one abroad."""

    kind: ClassVar[LetterKind] = LetterKind.FOREIGN_TRANSFER_INFO

    countries: tuple[ForeignRecipientCountry, ...]
    version: int


# --- refusal and nothing held --------------------------------------------------------------------


class RefusalScope(enum.StrEnum):
    FULL = "full"
    PARTIAL = "partial"


@dataclass(frozen=True, kw_only=True)
class RefusalLetter(LetterBase):
    """A request not met in full or in part, with the reasons (APPI Art. 36)."""

    kind: ClassVar[LetterKind] = LetterKind.REFUSAL

    request: CaseKind  # one of `REQUEST_KINDS`
    scope: RefusalScope
    # The ground approved, cited with its article; None for a refusal decided before grounds were kept.
    ground: RefusalGround | None = None
    reasons: tuple[str, ...]  # the explanation for the customer, as approved
    refused_items: tuple[str, ...] = ()  # what is not done, for a partial refusal
    # What a suspension, deletion or stop of provision was asked on (APPI Art. 35), repeated to the customer;
    # an exception's article follows from it. None: not known.
    asked_on: SuspensionGround | ProvisionStopGround | None = None
    # The measure taken instead, which the exception of Art. 35(2), (4) or (6) needs.
    alternative: str | None = None
    # Mailings a refused suspension stopped all the same, as the company's policy promises (§8).
    mailings_stopped: tuple[Mailing, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SearchedDetail:
    label: str  # e.g. 「お名前」
    value: str


@dataclass(frozen=True, kw_only=True)
class NoDataHeldLetter(LetterBase):
    """No personal data of the person is held; says what was searched with."""

    kind: ClassVar[LetterKind] = LetterKind.NO_DATA_HELD

    request: CaseKind  # one of `REQUEST_KINDS`
    searched: tuple[SearchedDetail, ...]


# The requests a letter can answer; complaints and reports of suspicious contact get no letter of their own.
REQUEST_KINDS = frozenset(
    {
        CaseKind.DISCLOSURE,
        CaseKind.PROVISION_DISCLOSURE,
        CaseKind.CORRECTION,
        CaseKind.SUSPENSION,
        CaseKind.DELETION,
        CaseKind.STOP_PROVISION,
        CaseKind.PURPOSES_NOTICE,
        CaseKind.FOREIGN_TRANSFER,
    }
)

# --- a leak incident's notice ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class LeakNoticeLetter:
    """The notice to a customer whose personal data a leak incident concerns (漏えい等のお知らせ, APPI
    Art. 26(2)): what happened, the items of data, the cause, any secondary harm (the items PPC Rules
    Art. 10 asks for), the measures taken and what the customer can do, as the incident records them.

    It answers no request, so it has no case: the incident's number stands where a case's would.
    """

    kind: ClassVar[LetterKind] = LetterKind.LEAK_NOTICE

    recipient: Recipient
    incident_no: str
    dated: dt.date
    title: str  # the incident's title, as the register names it
    what_happened: str
    items: str  # the items of personal data involved
    cause: str
    measures: str
    secondary_harm: str  # whether secondary harm has arisen or may, and what it is
    customer_guidance: str = ""  # what the customer can do, beyond what every notice says

    @property
    def reference(self) -> str:
        return self.incident_no


LetterContent = (
    DisclosureLetter
    | ProvisionRecordsLetter
    | CorrectionCompletedLetter
    | MailingStoppedLetter
    | DeletionCompletedLetter
    | RefusalLetter
    | NoDataHeldLetter
    | FeePaymentNoticeLetter
    | ProvisionStoppedLetter
    | PurposesNoticeLetter
    | ForeignTransferLetter
    | LeakNoticeLetter
)
