"""What a letter on file looks like to the desk: its view, the mail room's row, and how it goes out."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import CaseState, Delivery, LetterKind
from desk_app.domain.letter_rules import stored_reason
from desk_app.domain.messages import Message
from desk_app.services.cases.records import delivery_form_of


class MailMethod(enum.StrEnum):
    """How a letter went: the three postal services, or the electronic record a disclosure may ask for."""

    ORDINARY = "ordinary"
    SIMPLE_REGISTERED = "simple_registered"
    RESTRICTED_DELIVERY = "restricted_delivery"
    ELECTRONIC = "electronic"


_MAIL_METHOD_LABELS = {
    MailMethod.ORDINARY: "普通郵便",
    MailMethod.SIMPLE_REGISTERED: "簡易書留",
    MailMethod.RESTRICTED_DELIVERY: "本人限定受取郵便",
    MailMethod.ELECTRONIC: "電磁的記録（電子メール）",
}


def mail_method_label(method: MailMethod) -> str:
    """The method in Japanese, as the mail room and the case log write it: 普通郵便, 簡易書留, …"""
    return _MAIL_METHOD_LABELS[method]


@dataclass(frozen=True)
class LetterView:
    letter_id: int
    # None for a leak incident's notice to a customer (漏えい等のお知らせ), which answers no case.
    case_id: int | None
    # The number the letter is filed under and prints as its 整理番号: its case's, or a notice's incident's.
    case_no: str
    kind: LetterKind
    sha256: str
    size_bytes: int
    created_at: dt.datetime
    created_by: int
    printed_at: dt.datetime | None
    mailed_at: dt.datetime | None
    mail_method: MailMethod | None
    delivery: Delivery
    case_state: CaseState | None  # None for an incident's notice
    voided_at: dt.datetime | None = None
    void_reason: str | None = None  # as stored, in English: `void_said` is the message
    # Why an unmailed letter may not go out now (held or contradicted by its case); None when it may.
    held: Message | None = None

    @property
    def void_said(self) -> Message | None:
        """Why the letter was voided, in the reader's language once rendered; None for a letter in force."""
        return None if self.void_reason is None else stored_reason(self.void_reason)

    @property
    def of_incident(self) -> bool:
        """A leak incident's notice rather than a case's letter."""
        return self.case_id is None

    @property
    def mailed(self) -> bool:
        return self.mailed_at is not None

    @property
    def mailable(self) -> bool:
        return self.mailed_at is None and self.voided_at is None and self.held is None

    @property
    def mailed_on(self) -> dt.date | None:
        """The day it was mailed, in Japan."""
        return self.mailed_at.astimezone(TOKYO).date() if self.mailed_at else None


@dataclass(frozen=True)
class LetterRow:
    """A letter waiting to be mailed, as the print room's list shows it."""

    letter_id: int
    case_id: int | None  # None for a leak incident's notice, which answers no case
    case_no: str  # the case's number, or a notice's incident's
    kind: LetterKind
    created_at: dt.datetime
    printed_at: dt.datetime | None
    sha256: str
    # The customer's non-identifying reference; None for a case about no customer.
    customer_no: str | None
    # ELECTRONIC: the mail room sends the PDF (`letter_pdf(..., purpose="export")`) instead of posting it.
    delivery: Delivery
    case_state: CaseState | None  # None for an incident's notice
    # Why the letter may not go out now (its case awaits a decision, or calls for another letter or none; a
    # notice's customer erased or reported deceased since); None when it may. The mail room shows such
    # letters but never prints or marks them mailed.
    held: Message | None = None

    @property
    def mailable(self) -> bool:
        return self.held is None


def delivery_of(details: dict[str, Any] | None) -> Delivery:
    """How a case's letter goes out: the form the case recorded as used (`details["delivery"]["method"]`),
    which is by post when an electronic record was asked for and not possible; by post when none was
    chosen."""
    form = delivery_form_of(details)
    return form.used if form is not None else Delivery.LETTER
