"""The demo's leak incident: open, reportable, one customer in twenty attached through the register, the
preliminary report on file and the final one due weeks after the demo's moment; the database stays clean."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desk_app.demo import incident_casework
from desk_app.demo.generator import generate_demo_data
from desk_app.domain.enums import CaseKind, CaseState
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.services.admin.doctor import examine
from desk_app.services.incidents.register import list_incidents
from desk_app.storage.engine import make_engine
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Agent, Case, IncidentCase, IncidentCustomer
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)


def _demo(databases: Databases, customers: int) -> Engine:
    engine = make_engine(databases.new())
    upgrade(engine)
    generate_demo_data(engine, customers=customers, seed=3, now=NOW)
    return engine


def test_the_demo_keeps_one_open_incident_with_a_deadline_ahead(databases: Databases) -> None:
    engine = _demo(databases, 1_000)
    with Session(engine) as session:
        supervisor = session.scalar(select(Agent.id).where(Agent.role == "supervisor").order_by(Agent.id))
        assert supervisor is not None
        (summary,) = list_incidents(session, supervisor, today=TODAY, preliminary_days=3)
        assert summary.categories == {LeakCategory.IMPROPER_PURPOSE}
        assert summary.affected == 50
        assert summary.discovered_on == dt.date(2026, 11, 8)
        assert not summary.closed
        assert [report.kind for report in summary.reports] == [ReportKind.PRELIMINARY]
        assert summary.overdue == ()
        assert summary.outstanding() == (ReportKind.FINAL,)
        assert summary.deadlines is not None
        assert summary.deadlines.final_due == dt.date(2027, 1, 6)
        attached_by = session.scalars(select(func.distinct(IncidentCustomer.attached_by_id))).all()
        assert attached_by == [supervisor]
        # Its customers called about it once it was known: each question answered and counted against it.
        calls = session.execute(
            select(Case.kind, Case.state, Case.received_at, IncidentCustomer.customer_id)
            .join(IncidentCase, IncidentCase.case_id == Case.id)
            .outerjoin(
                IncidentCustomer,
                (IncidentCustomer.customer_id == Case.customer_id)
                & (IncidentCustomer.incident_id == IncidentCase.incident_id),
            )
        ).all()
        assert len(calls) == incident_casework.INCIDENT_CALLS
        discovered = dt.datetime(2026, 11, 8, tzinfo=dt.UTC)
        for kind, state, received, affected in calls:
            assert (kind, state) == (CaseKind.LEAK_INQUIRY, CaseState.COMPLETED)
            assert affected is not None
            assert discovered < received.replace(tzinfo=dt.UTC) < NOW
        assert examine(session, now=NOW).problems == ()
    engine.dispose()


def test_a_large_demo_affects_more_than_a_thousand(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The category follows the count; the threshold is lowered rather than a demo of 20,000 made.
    monkeypatch.setattr(incident_casework, "OVER_THOUSAND", 10)
    engine = _demo(databases, 300)
    with Session(engine) as session:
        supervisor = session.scalar(select(Agent.id).where(Agent.role == "supervisor").order_by(Agent.id))
        assert supervisor is not None
        (summary,) = list_incidents(session, supervisor, today=TODAY, preliminary_days=5)
        assert summary.affected == 15
        assert summary.categories == {LeakCategory.IMPROPER_PURPOSE, LeakCategory.OVER_THOUSAND}
    engine.dispose()
