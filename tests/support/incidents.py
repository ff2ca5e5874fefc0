"""Leak incidents for tests: opened through the register by a supervisor, customers to attach, a
stored letter to stand for a notice, and incidents written through the services for the window's tests."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, LetterKind
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.services.incidents import register
from desk_app.services.incidents.register import IncidentFields, find_incident, open_incident
from desk_app.storage.models import Customer, Incident, IncidentCustomer, Letter
from tests.support.gateway_floor import STAFF

JST = dt.timezone(dt.timedelta(hours=9))
# Discovered Monday 1 June 2026 at 10:00 in Japan: the preliminary report is due by Friday 5 June (five
# days), the final one by Thursday 30 July (60 days: an improper purpose).
DISCOVERED = dt.datetime(2026, 6, 1, 10, 0, tzinfo=JST)
OPENED = dt.datetime(2026, 6, 2, 9, 0, tzinfo=JST).astimezone(dt.UTC)
# The register's supervisor and an administrator besides the floor's staff (`add_staff`).
KEEPERS = (*STAFF, ("ishii", "石井 管理者", AgentRole.ADMIN, "401"))


def incident_fields(**changes: object) -> IncidentFields:
    values: dict[str, object] = {
        "title": "委託先サーバーへの不正アクセス",
        "discovered_at": DISCOVERED,
        "categories": frozenset({LeakCategory.IMPROPER_PURPOSE}),
        "discovered_how": "委託先からの連絡",
        "what_happened": "配送委託先のサーバーに不正アクセスがあり、顧客データが閲覧された可能性があります。",
        "items": "氏名、住所、電話番号",
        "cause": "委託先サーバーの脆弱性",
        "measures": "委託先の監査と脆弱性の修正",
        "secondary_harm": "現時点で二次被害は確認されていません。",
        "customer_guidance": "不審な連絡にご注意ください。",
    }
    values.update(changes)
    return IncidentFields(**values)  # type: ignore[arg-type]


def open_test_incident(session: Session, agent_id: int, **changes: object) -> str:
    return open_incident(session, agent_id, incident_fields(**changes), now=OPENED)


def stored_letter(
    session: Session,
    agent_id: int,
    *,
    kind: LetterKind = LetterKind.LEAK_NOTICE,
    incident_no: str | None = None,
    case_id: int | None = None,
) -> int:
    """A letter row as the notices will store one (a stand-in PDF): of an incident or of a case."""
    letter = Letter(
        incident_id=find_incident(session, incident_no).id if incident_no else None,
        case_id=case_id,
        kind=kind,
        created_at=OPENED,
        created_by_id=agent_id,
        sha256="0" * 64,
        pdf=b"%PDF-1.4 stand-in",
    )
    session.add(letter)
    session.flush()
    return letter.id


def customer_numbers(session: Session) -> list[str]:
    return list(session.scalars(select(Customer.customer_no).order_by(Customer.id)))


# --- for the window's tests ----------------------------------------------------------------------------


class DeskDb(Protocol):
    @property
    def factory(self) -> sessionmaker[Session]: ...


def add_incident(
    desk_db: DeskDb,
    supervisor_id: int,
    title: str,
    discovered_at: dt.datetime,
    categories: frozenset[LeakCategory] = frozenset({LeakCategory.OVER_THOUSAND}),
    *,
    now: dt.datetime,
    reports: tuple[ReportKind, ...] = (),
    closed: bool = False,
) -> str:
    """An incident recorded at `now`, each of `reports` submitted the day after discovery; its number."""
    with desk_db.factory.begin() as session:
        fields = IncidentFields(title=title, discovered_at=discovered_at, categories=categories)
        incident_no = register.open_incident(session, supervisor_id, fields, now=now)
        submitted = discovered_at.date() + dt.timedelta(days=1)
        for kind in reports:
            register.record_report(session, supervisor_id, incident_no, kind, submitted, "R-1", now=now)
        if closed:
            register.close_incident(session, supervisor_id, incident_no, now=now)
        return incident_no


def attach(desk_db: DeskDb, incident_no: str, customer_ids: list[int], by: int, *, now: dt.datetime) -> None:
    """Customers linked to an incident as affected (written straight into the link table)."""
    with desk_db.factory.begin() as session:
        incident_id = session.scalars(select(Incident.id).where(Incident.incident_no == incident_no)).one()
        session.add_all(
            IncidentCustomer(
                incident_id=incident_id, customer_id=customer_id, attached_at=now, attached_by_id=by
            )
            for customer_id in customer_ids
        )
