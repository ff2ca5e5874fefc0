"""The doctor's policy check: a case that answered from the published policy kept what it told.

A completed notice of the purposes of use holds the purposes it recorded for its letter, a completed answer
on foreign recipients the countries it recorded (none at all, if none), and a question about joint use the
companies it named, each with the version of the configuration they came from; a question about a leak
incident what it told of the incident it is about (and only such a question is about an incident); and a
request that charges a fee (a disclosure, a notice where the configuration sets a fee) was completed only
once the fee was received or waived.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_app.domain.completion import (
    FOREIGN_RECORD,
    JOINT_USE_RECORD,
    LEAK_INQUIRY_RECORD,
    PURPOSES_RECORD,
)
from desk_app.domain.enums import CaseKind, CaseState
from desk_app.domain.letter_rules import SETTLED_FEES
from desk_app.domain.lifecycle import FEE_KINDS, charges_fee
from desk_app.domain.messages import Message, message
from desk_app.services.cases.incident_answers import WISHES
from desk_app.storage.models import Case, Incident, IncidentCase

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
    yield from _leak_inquiry_findings(session)


def _leak_inquiry_findings(session: Session) -> Iterator[tuple[str, Message]]:
    """A completed question about a leak incident that lost its answer, or whose answer names another
    incident than the one it is about; a case of another kind about an incident."""
    for case_no, kind, state, details, incident_no in session.execute(
        select(Case.case_no, Case.kind, Case.state, Case.details, Incident.incident_no)
        .outerjoin(IncidentCase, IncidentCase.case_id == Case.id)
        .outerjoin(Incident, Incident.id == IncidentCase.incident_id)
        .where(or_(Case.kind == CaseKind.LEAK_INQUIRY, IncidentCase.case_id.is_not(None)))
        .order_by(Case.id)
    ):
        if kind is not CaseKind.LEAK_INQUIRY:
            yield case_no, message("doctor.incident_case_wrong_kind", kind=kind, incident_no=incident_no)
            continue
        if state is not CaseState.COMPLETED:
            continue
        told = (details or {}).get(LEAK_INQUIRY_RECORD)
        if not isinstance(told, Mapping) or told.get("wish") not in WISHES:
            yield case_no, message("doctor.leak_answer_not_recorded")
        elif told.get("incident_no") != incident_no:
            said = told.get("incident_no") or "-"
            yield case_no, message("doctor.leak_answer_other_incident", told=said, about=incident_no or "-")


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
