"""The doctor's incident check: the reports to the Commission on time and in order, and each affected
customer's notice where it belongs.

- an open, reportable incident has each report on file by its deadline. The doctor reads no configuration,
  so the preliminary report is late only after the latest deadline the guidelines allow (five days): a desk
  configured for fewer sees it overdue in the register first;
- no report is dated before the incident was discovered;
- once a reportable incident's final report is in, every customer attached to it has a notice or a
  recorded reason for none (one line per incident, with the count and the first customer's number);
- once a reportable incident's final report is in, customers the notices found no postal address for are
  reached by a public announcement instead (Art. 26(2) proviso), so one is recorded (one line, the count);
- a notice recorded for an affected customer is a leak notice of that same incident, not a case's letter
  or another incident's notice (a letter filed wrongly itself is the letters check's).

Subjects are incident numbers, letter ids and customer numbers: never a customer's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from desk_app.domain.enums import LetterKind
from desk_app.domain.incidents import PRELIMINARY_DAYS_ALLOWED, ReportKind
from desk_app.domain.japan_time import today_in_japan
from desk_app.domain.messages import Message, message
from desk_app.services.customers.notice_state import NO_ADDRESS
from desk_app.services.incidents.register import summaries_of
from desk_app.storage.models import Case, Customer, Incident, IncidentCustomer, Letter

# The latest preliminary deadline any configuration may give (`[incidents] preliminary_days`).
LENIENT_PRELIMINARY_DAYS = max(PRELIMINARY_DAYS_ALLOWED)
# A problem's subject and what is wrong.
Finding = tuple[Message, Message]


def incident_findings(session: Session, now: dt.datetime) -> Iterator[Finding]:
    """(subject, what is wrong) for each incident, report and notice that breaks the rules above."""
    incidents = list(session.scalars(select(Incident).order_by(Incident.id)))
    if not incidents:
        return
    summaries = summaries_of(
        session, incidents, today=today_in_japan(now), preliminary_days=LENIENT_PRELIMINARY_DAYS
    )
    finals: list[tuple[int, Message]] = []
    unannounced: list[tuple[int, Message]] = []
    for incident, summary in zip(incidents, summaries, strict=True):
        subject = message("subject.incident", incident_no=incident.incident_no)
        for kind in summary.overdue:
            assert summary.deadlines is not None
            yield (
                subject,
                message("doctor.incident_report_overdue", kind=kind, due=summary.deadlines.due(kind)),
            )
        for report in summary.reports:
            if report.submitted_on < summary.discovered_on:
                yield (
                    subject,
                    message(
                        "doctor.incident_report_before_discovery",
                        kind=report.kind,
                        submitted_on=report.submitted_on,
                        discovered_on=summary.discovered_on,
                    ),
                )
        if summary.reportable and summary.report(ReportKind.FINAL) is not None:
            finals.append((incident.id, subject))
            if summary.published_on is None:
                unannounced.append((incident.id, subject))
    yield from _notices_missing(session, finals)
    yield from _announcement_missing(session, unannounced)
    yield from _notices_misplaced(session)


def _notices_missing(
    session: Session, finals: list[tuple[int, Message]]
) -> Iterator[tuple[Message, Message]]:
    link = IncidentCustomer
    for incident_id, subject in finals:
        count, first = session.execute(
            select(func.count(), func.min(Customer.customer_no))
            .select_from(link)
            .join(Customer, Customer.id == link.customer_id)
            .where(
                link.incident_id == incident_id,
                link.notice_letter_id.is_(None),
                link.notice_skipped.is_(None),
            )
        ).one()
        if count:
            yield subject, message("doctor.incident_notices_missing", count=count, first=first)


def _announcement_missing(session: Session, unannounced: list[tuple[int, Message]]) -> Iterator[Finding]:
    """Incidents whose notices found customers with no postal address, and no public announcement."""
    if not unannounced:
        return
    link = IncidentCustomer
    counts = dict(
        session.execute(
            select(link.incident_id, func.count())
            .where(
                link.incident_id.in_([incident_id for incident_id, _subject in unannounced]),
                link.notice_letter_id.is_(None),
                link.notice_skipped == NO_ADDRESS,
            )
            .group_by(link.incident_id)
        ).all()
    )
    for incident_id, subject in unannounced:
        if counts.get(incident_id):
            yield subject, message("doctor.incident_not_announced", count=counts[incident_id])


def _notices_misplaced(session: Session) -> Iterator[Finding]:
    """Links whose notice is a case's letter, or another incident's notice. A letter filed under neither,
    under both, or under the wrong kind of owner is the letters check's (`doctor_notices.py`): not named
    twice."""
    link = IncidentCustomer
    own, other = aliased(Incident), aliased(Incident)
    leak_notice = Letter.kind == LetterKind.LEAK_NOTICE
    rows = session.execute(
        select(Letter.id, Letter.kind, own.incident_no, Customer.customer_no, other.incident_no, Case.case_no)
        .select_from(link)
        .join(Letter, Letter.id == link.notice_letter_id)
        .join(own, own.id == link.incident_id)
        .join(Customer, Customer.id == link.customer_id)
        .outerjoin(other, other.id == Letter.incident_id)
        .outerjoin(Case, Case.id == Letter.case_id)
        .where(
            or_(
                and_(Letter.case_id.is_not(None), Letter.incident_id.is_(None), ~leak_notice),
                and_(Letter.case_id.is_(None), leak_notice, Letter.incident_id != link.incident_id),
            )
        )
        .order_by(Letter.id, Customer.customer_no)
    )
    for letter_id, kind, incident_no, customer_no, other_no, case_no in rows:
        belongs = (
            message("subject.case", case_no=case_no)
            if case_no is not None
            else message("subject.incident", incident_no=other_no)
        )
        said = message(
            "doctor.incident_notice_elsewhere",
            customer_no=customer_no,
            incident_no=incident_no,
            kind=LetterKind(kind),
            other=belongs,
        )
        yield message("subject.letter", letter_id=letter_id), said
