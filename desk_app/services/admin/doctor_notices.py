"""The doctor's letter check for what has no case: each letter belongs to one case or one incident, a leak
notice (漏えい等のお知らせ) to an incident and every other letter to a case, each incident's notice is the
notice of a customer the incident affects, and a void notice was never mailed."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import LetterKind
from desk_app.domain.messages import Message, message
from desk_app.storage.models import Case, Incident, IncidentCustomer, Letter, table_of

_LETTERS, _CASES = table_of(Letter), table_of(Case)
_INCIDENTS, _NOTICES = table_of(Incident), table_of(IncidentCustomer)


def _letter(letter_id: int) -> Message:
    return message("subject.letter", letter_id=letter_id)


def notice_findings(session: Session) -> Iterator[tuple[Message, Message]]:
    """(subject, what is wrong) for each letter filed under neither or both, or under the wrong kind of
    owner, and each incident's notice that is void yet mailed or no affected customer's notice."""
    linked = exists().where(
        _NOTICES.c.notice_letter_id == _LETTERS.c.id, _NOTICES.c.incident_id == _LETTERS.c.incident_id
    )
    is_notice = _LETTERS.c.kind == LetterKind.LEAK_NOTICE
    rows = session.execute(
        select(
            _LETTERS.c.id,
            _LETTERS.c.kind,
            _LETTERS.c.case_id,
            _LETTERS.c.incident_id,
            _LETTERS.c.mailed_at,
            _LETTERS.c.voided_at,
            _CASES.c.case_no,
            _INCIDENTS.c.incident_no,
            linked.label("linked"),
        )
        .outerjoin(_CASES, _CASES.c.id == _LETTERS.c.case_id)
        .outerjoin(_INCIDENTS, _INCIDENTS.c.id == _LETTERS.c.incident_id)
        # Case letters of their own kind are the case check's; all else is looked at here.
        .where(or_(_LETTERS.c.case_id.is_(None), _LETTERS.c.incident_id.is_not(None), is_notice))
        .order_by(_LETTERS.c.id)
    )
    for row in rows:
        subject = _letter(row.id)
        if row.case_id is None and row.incident_id is None:
            yield subject, message("doctor.letter_of_neither")
            continue
        if row.case_id is not None and row.incident_id is not None:
            yield subject, message("doctor.letter_of_both")
            continue
        kind = LetterKind(row.kind)
        if (kind is LetterKind.LEAK_NOTICE) != (row.incident_id is not None):
            owner = (
                message("subject.incident", incident_no=row.incident_no)
                if row.incident_id is not None
                else message("subject.case", case_no=row.case_no)
            )
            yield subject, message("doctor.leak_notice_misfiled", kind=kind, owner=owner)
            continue
        incident = message("subject.incident", incident_no=row.incident_no)
        if row.voided_at is not None and row.mailed_at is not None:
            yield subject, message("doctor.void_and_mailed", case=incident)
        if not row.linked:
            yield subject, message("doctor.notice_unlinked", incident=incident)
