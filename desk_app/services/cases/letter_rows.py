"""The letters table as the desk reads it: a case's letters and a leak incident's notices alike, each with
what decides whether it may go out — its case's state, or a notice's customer — and never the PDF itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from desk_app.domain.enums import CaseKind, CaseState, CustomerState, LetterKind
from desk_app.domain.letter_rules import held_reason, notice_held_reason
from desk_app.domain.messages import Message
from desk_app.services.cases.letter_views import LetterRow, LetterView, MailMethod, delivery_of
from desk_app.storage.models import Case, Customer, Incident, IncidentCustomer, Letter, table_of

LETTERS = table_of(Letter)
CASES = table_of(Case)
_INCIDENTS = table_of(Incident)
_NOTICES = table_of(IncidentCustomer)
_CUSTOMERS = table_of(Customer)

# A case letter has its case; a notice has its incident and the customer it was made for.
_FILED_UNDER = func.coalesce(CASES.c.case_no, _INCIDENTS.c.incident_no).label("case_no")
_OWNERS = (
    LETTERS.outerjoin(CASES, CASES.c.id == LETTERS.c.case_id)
    .outerjoin(_INCIDENTS, _INCIDENTS.c.id == LETTERS.c.incident_id)
    .outerjoin(_NOTICES, _NOTICES.c.notice_letter_id == LETTERS.c.id)
    .outerjoin(_CUSTOMERS, _CUSTOMERS.c.id == func.coalesce(CASES.c.customer_id, _NOTICES.c.customer_id))
)
_DECIDING = (
    CASES.c.details,
    CASES.c.kind.label("case_kind"),
    CASES.c.state.label("case_state"),
    _CUSTOMERS.c.state.label("customer_state"),
    _CUSTOMERS.c.death_reported_at,
)
# Every view selects the same columns, the PDF's length but never the PDF itself.
VIEWS: Select[Any] = select(
    LETTERS.c.id,
    LETTERS.c.case_id,
    _FILED_UNDER,
    LETTERS.c.kind,
    LETTERS.c.sha256,
    func.length(LETTERS.c.pdf).label("size_bytes"),
    LETTERS.c.created_at,
    LETTERS.c.created_by_id,
    LETTERS.c.printed_at,
    LETTERS.c.mailed_at,
    LETTERS.c.mail_method,
    LETTERS.c.voided_at,
    LETTERS.c.void_reason,
    *_DECIDING,
).select_from(_OWNERS)
READY: Select[Any] = (
    select(
        LETTERS.c.id,
        LETTERS.c.case_id,
        _FILED_UNDER,
        LETTERS.c.kind,
        LETTERS.c.created_at,
        LETTERS.c.printed_at,
        LETTERS.c.sha256,
        _CUSTOMERS.c.customer_no,
        *_DECIDING,
    )
    .select_from(_OWNERS)
    .where(LETTERS.c.mailed_at.is_(None), LETTERS.c.voided_at.is_(None))
    .order_by(LETTERS.c.id)
)


def held(row: Any) -> Message | None:
    """Why the unmailed, unvoided letter of `row` may not go out now; None when it may."""
    if row.case_id is None:
        erased = row.customer_state == CustomerState.ERASED
        return notice_held_reason(row.case_no, erased=erased, deceased=row.death_reported_at is not None)
    return held_reason(
        LetterKind(row.kind), CaseKind(row.case_kind), CaseState(row.case_state), row.details, row.case_no
    )


def _case_state(row: Any) -> CaseState | None:
    return CaseState(row.case_state) if row.case_state is not None else None


def view_of(row: Any) -> LetterView:
    unmailed = row.mailed_at is None and row.voided_at is None
    return LetterView(
        letter_id=row.id,
        case_id=row.case_id,
        case_no=row.case_no,
        kind=LetterKind(row.kind),
        sha256=row.sha256,
        size_bytes=int(row.size_bytes),
        created_at=row.created_at,
        created_by=row.created_by_id,
        printed_at=row.printed_at,
        mailed_at=row.mailed_at,
        mail_method=MailMethod(row.mail_method) if row.mail_method else None,
        delivery=delivery_of(row.details),
        case_state=_case_state(row),
        voided_at=row.voided_at,
        void_reason=row.void_reason,
        held=held(row) if unmailed else None,
    )


def ready_row(row: Any) -> LetterRow:
    return LetterRow(
        letter_id=row.id,
        case_id=row.case_id,
        case_no=row.case_no,
        kind=LetterKind(row.kind),
        created_at=row.created_at,
        printed_at=row.printed_at,
        sha256=row.sha256,
        customer_no=row.customer_no,
        delivery=delivery_of(row.details),
        case_state=_case_state(row),
        held=held(row),
    )
