"""A customer reported deceased: every mailing stops at once, the record says so, nothing is reported twice,
and the access log keeps the change without personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.domain.messages import InvalidRequest
from desk_app.services.agents import AgentNotActive
from desk_app.services.customers.deceased import (
    DeathAlreadyReported,
    NoDeathReported,
    record_death,
    withdraw_death_report,
)
from desk_app.services.customers.lookup import CustomerNotFound
from desk_app.services.customers.record import load_record
from desk_app.storage.models import AccessLogEntry, Agent, Customer

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # 11:00 on the 20th in Japan


@pytest.fixture
def desk(sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> dict[str, int]:
    customer = add_customer(phones=(("home", "03-1234-5678"),))
    with sessions.begin() as session:
        row = session.get_one(Customer, customer)
        row.email_magazine_opt_in = True
        row.direct_mail_opt_in = False  # stopped before, by the customer
        agents = {
            login: Agent(login=login, display_name=login, role=AgentRole.AGENT, active=active, created_at=NOW)
            for login, active in (("agent", True), ("gone", False))
        }
        session.add_all(agents.values())
        session.flush()
        return {"customer": customer, **{login: agent.id for login, agent in agents.items()}}


def test_a_reported_death_stops_every_mailing_and_shows_on_the_record(
    sessions: sessionmaker[Session], desk: dict[str, int]
) -> None:
    with sessions.begin() as session:
        done = record_death(
            session, desk["customer"], agent_id=desk["agent"], died_on=dt.date(2026, 11, 12), now=NOW
        )
    assert done.stopped == ("catalogue", "email_magazine")  # direct mail was already off
    with sessions() as session:
        record = load_record(session, desk["customer"])
        entries = session.scalars(select(AccessLogEntry)).all()
    assert record is not None
    assert (record.death_reported_at, record.died_on) == (NOW, dt.date(2026, 11, 12))
    assert not any(m.opted_in for m in (record.catalogue, record.direct_mail, record.email_magazine))
    assert record.catalogue.changed_at == NOW
    [entry] = entries
    assert (entry.action, entry.customer_id, entry.detail) == (
        AccessAction.CHANGE,
        desk["customer"],
        "death reported; mailings stopped",
    )


def test_what_cannot_be_recorded_writes_nothing(
    sessions: sessionmaker[Session], desk: dict[str, int]
) -> None:
    attempts: list[tuple[type[Exception], Callable[[Session], object]]] = [
        (AgentNotActive, lambda s: record_death(s, desk["customer"], agent_id=desk["gone"], now=NOW)),
        (CustomerNotFound, lambda s: record_death(s, 999_999, agent_id=desk["agent"], now=NOW)),
        (
            InvalidRequest,
            lambda s: record_death(
                s, desk["customer"], agent_id=desk["agent"], died_on=dt.date(2026, 11, 21), now=NOW
            ),
        ),
    ]
    for error, attempt in attempts:
        with sessions.begin() as session, pytest.raises(error):
            attempt(session)
    with sessions() as session:
        record = load_record(session, desk["customer"])
        assert session.scalars(select(AccessLogEntry)).all() == []
    assert record is not None
    assert record.death_reported_at is None
    assert record.catalogue.opted_in


def test_a_death_is_reported_once(sessions: sessionmaker[Session], desk: dict[str, int]) -> None:
    with sessions.begin() as session:
        record_death(session, desk["customer"], agent_id=desk["agent"], now=NOW)
    with sessions.begin() as session, pytest.raises(DeathAlreadyReported):
        record_death(session, desk["customer"], agent_id=desk["agent"], now=NOW + dt.timedelta(days=1))
    with sessions() as session:
        record = load_record(session, desk["customer"])
        assert len(session.scalars(select(AccessLogEntry)).all()) == 1
    assert record is not None
    assert (record.death_reported_at, record.died_on) == (NOW, None)


def test_a_report_made_in_error_is_withdrawn_and_the_mailings_stay_stopped(
    sessions: sessionmaker[Session], desk: dict[str, int]
) -> None:
    with sessions.begin() as session, pytest.raises(NoDeathReported):
        withdraw_death_report(session, desk["customer"], agent_id=desk["agent"], now=NOW)
    with sessions.begin() as session:
        record_death(session, desk["customer"], agent_id=desk["agent"], died_on=dt.date(2026, 11, 1), now=NOW)
    with sessions.begin() as session:
        withdraw_death_report(session, desk["customer"], agent_id=desk["agent"], now=NOW)
    with sessions() as session:
        record = load_record(session, desk["customer"])
        details = [
            entry.detail for entry in session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))
        ]
    assert record is not None
    assert (record.death_reported_at, record.died_on) == (None, None)
    # Receiving them again is the customer's own request.
    assert not any(m.opted_in for m in (record.catalogue, record.direct_mail, record.email_magazine))
    assert details == ["death reported; mailings stopped", "death report withdrawn as made in error"]
    with sessions.begin() as session:
        record_death(session, desk["customer"], agent_id=desk["agent"], now=NOW)  # reported again, later
