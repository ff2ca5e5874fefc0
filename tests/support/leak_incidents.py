"""Leak incidents for the tests of the calls that follow one: opened in the register by a supervisor, the
customers they affect attached, closed (none is reportable, so none owes a report)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.services.incidents.register import IncidentFields, close_incident, open_incident
from desk_app.storage.models import Incident, IncidentCustomer

DISCOVERED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # 18:00 on 2 November in Japan
OPENED = dt.datetime(2026, 11, 3, 1, 0, tzinfo=dt.UTC)
WHAT_HAPPENED = (
    "配送委託先のサーバーが不正アクセスを受け、お客様のお名前とご住所が外部に流出した可能性がございます。"
)
MEASURES = "該当サーバーを停止し、警察と個人情報保護委員会に報告のうえ、調査を進めております。"


def open_leak_incident(
    sessions: sessionmaker[Session],
    supervisor_id: int,
    *,
    title: str = "配送委託先への不正アクセス",
    what_happened: str = WHAT_HAPPENED,
    measures: str = MEASURES,
    discovered_at: dt.datetime = DISCOVERED,
) -> str:
    """A new incident's number (no reportable category: it may be closed without reports)."""
    fields = IncidentFields(
        title=title, discovered_at=discovered_at, what_happened=what_happened, measures=measures
    )
    with sessions.begin() as session:
        return open_incident(session, supervisor_id, fields, now=max(OPENED, discovered_at))


def affect(
    sessions: sessionmaker[Session], incident_no: str, customer_ids: Iterable[int], *, by: int
) -> None:
    """The customers attached to the incident, as the register records those its data involves."""
    with sessions.begin() as session:
        incident_id = session.scalars(select(Incident.id).where(Incident.incident_no == incident_no)).one()
        session.add_all(
            IncidentCustomer(
                incident_id=incident_id, customer_id=customer, attached_at=OPENED, attached_by_id=by
            )
            for customer in customer_ids
        )


def close_leak_incident(sessions: sessionmaker[Session], supervisor_id: int, incident_no: str) -> None:
    with sessions.begin() as session:
        close_incident(session, supervisor_id, incident_no, now=OPENED + dt.timedelta(days=1))
