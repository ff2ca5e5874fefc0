"""The doctor's policy check: a case that answered from the published policy kept what it told.

A completed notice of the purposes of use holds the purposes it recorded for its letter, a completed answer
on foreign recipients the countries it recorded (none at all, if none), and a question about joint use the
companies it named, each with the version of the configuration they came from; and a request that charges
a fee (a disclosure, a notice where the configuration sets a fee) was completed only once the fee was
received or waived.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.completion import FOREIGN_RECORD, JOINT_USE_RECORD, PURPOSES_RECORD
from desk_app.domain.enums import CaseKind, CaseState
from desk_app.domain.letter_rules import SETTLED_FEES
from desk_app.domain.lifecycle import FEE_KINDS, charges_fee
from desk_app.domain.messages import Message, message
from desk_app.storage.models import Case

# What each kind keeps of what it told, the list in it, and whether that list may be empty.
_RECORDS = {
    CaseKind.PURPOSES_NOTICE: (PURPOSES_RECORD, "items", False),
    CaseKind.FOREIGN_TRANSFER: (FOREIGN_RECORD, "countries", True),
    CaseKind.JOINT_USE: (JOINT_USE_RECORD, "companies", False),
}


def answer_findings(session: Session) -> Iterator[tuple[str, Message]]:
    """(case number, what is wrong) for each completed case that lost what it told, or its fee."""
    kinds = sorted({*_RECORDS, *FEE_KINDS})
    for case_no, kind, fee_yen, details in session.execute(
        select(Case.case_no, Case.kind, Case.fee_yen, Case.details)
        .where(Case.kind.in_(kinds), Case.state == CaseState.COMPLETED)
        .order_by(Case.id)
    ):
        details = details or {}
        if kind in _RECORDS and not _recorded(details, *_RECORDS[kind]):
            yield case_no, message("doctor.answer_not_recorded")
        fee = details.get("fee") or {}
        if charges_fee(kind, fee_yen) and fee.get("status") not in SETTLED_FEES:
            yield case_no, message("doctor.fee_not_settled")


def _recorded(details: Mapping[str, Any], key: str, listed: str, may_be_empty: bool) -> bool:
    record = details.get(key)
    if not isinstance(record, Mapping):
        return False
    version, items = record.get("version"), record.get(listed)
    return (
        isinstance(version, int)
        and version >= 1
        and isinstance(items, list)
        and (may_be_empty or bool(items))
    )
