"""Two desks on one database (two engines, as two PCs have): the second writer gets a conflict and loses
nothing. Runs on SQLite and, under `dev.py test --postgres`, on the real server."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.services.cases.corrections import CustomerConflict
from desk_app.services.cases.identity import Callback, CallbackResult, record_identity_check
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.operations import apply_correction
from desk_app.services.cases.records import CaseConflict, get_case
from desk_app.services.cases.transitions import transition
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.models import AccessLogEntry, Agent, Case, CaseEvent, Customer, Phone

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
HOME = "03-1234-5678"

Desk = sessionmaker[Session]


@pytest.fixture
def desks(database_url: str, engine: object) -> Iterator[tuple[Desk, Desk]]:
    """Two desks: each its own engine and connection pool on the same (already migrated) database."""
    engines = [make_engine(database_url), make_engine(database_url)]
    yield session_factory(engines[0]), session_factory(engines[1])
    for each in engines:
        each.dispose()


@pytest.fixture
def agents(sessions: Desk) -> tuple[int, int]:
    with sessions.begin() as session:
        rows = [
            Agent(login=login, display_name=login, role=AgentRole.AGENT, created_at=NOW)
            for login in ("desk1", "desk2")
        ]
        session.add_all(rows)
        session.flush()
        return rows[0].id, rows[1].id


def _verified_case(sessions: Desk, agent_id: int, customer_id: int, kind: CaseKind) -> int:
    with sessions.begin() as session:
        case_id = open_case(
            session,
            kind=kind,
            customer_id=customer_id,
            agent_id=agent_id,
            received_at=NOW,
            target_days=14,
            fee_yen=0,
            now=NOW,
        ).case_id
    with sessions.begin() as session:
        record_identity_check(
            session,
            case_id,
            agent_id=agent_id,
            method=IdentityMethod.CALLBACK,
            detail=Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED),
            now=NOW,
        )
    return case_id


def _snapshot(sessions: Desk) -> tuple[Any, ...]:
    with sessions() as session:
        customers = session.execute(
            select(Customer.id, Customer.row_version, Customer.city, Customer.street, Customer.email)
        ).all()
        cases = session.execute(select(Case.id, Case.state, Case.row_version)).all()
        counts = [
            session.scalar(select(func.count()).select_from(t)) for t in (CaseEvent, Phone, AccessLogEntry)
        ]
        return sorted(map(tuple, customers)), sorted(map(tuple, cases)), counts


def _customer_version(desk: Desk, customer_id: int) -> int:
    with desk() as session:
        return session.get_one(Customer, customer_id).row_version


def _correct(desk: Desk, case_id: int, agent_id: int, changes: dict[str, object], version: int) -> None:
    with desk.begin() as session:
        apply_correction(
            session, case_id, agent_id=agent_id, changes=changes, expected_customer_row_version=version
        )


def test_the_second_desk_correcting_the_same_customer_gets_a_conflict_and_loses_nothing(
    sessions: Desk, desks: tuple[Desk, Desk], agents: tuple[int, int], add_customer: Callable[..., int]
) -> None:
    desk1, desk2 = desks
    customer_id = add_customer(phones=(("home", HOME),))
    case1 = _verified_case(sessions, agents[0], customer_id, CaseKind.CORRECTION)
    case2 = _verified_case(sessions, agents[1], customer_id, CaseKind.CORRECTION)
    # Both desks show the record (each in its own session, one per user action).
    read_by_1, read_by_2 = _customer_version(desk1, customer_id), _customer_version(desk2, customer_id)
    assert read_by_1 == read_by_2

    _correct(desk1, case1, agents[0], {"city": "港区"}, read_by_1)
    before = _snapshot(sessions)
    with pytest.raises(CustomerConflict):
        _correct(desk2, case2, agents[1], {"street": "芝公園4-2-8", "email": "yamada@example.jp"}, read_by_2)
    assert _snapshot(sessions) == before  # nothing written by the refused correction

    # Desk 2 reloads (its entries are kept by its form) and applies them over desk 1's change.
    _correct(
        desk2,
        case2,
        agents[1],
        {"street": "芝公園4-2-8", "email": "yamada@example.jp"},
        _customer_version(desk2, customer_id),
    )
    with sessions() as session:
        record = session.get_one(Customer, customer_id)
        assert (record.city, record.street, record.email) == ("港区", "芝公園4-2-8", "yamada@example.jp")
        assert record.row_version == read_by_1 + 2


def test_a_desk_whose_transaction_read_the_record_before_the_other_committed_still_conflicts(
    sessions: Desk, desks: tuple[Desk, Desk], agents: tuple[int, int], add_customer: Callable[..., int]
) -> None:
    """The narrow race: desk 2 has passed its version check (the row is loaded in its transaction) when
    desk 1 commits; the row version in the UPDATE's WHERE clause still refuses desk 2's write."""
    desk1, desk2 = desks
    customer_id = add_customer(phones=(("home", HOME),))
    case1 = _verified_case(sessions, agents[0], customer_id, CaseKind.CORRECTION)
    case2 = _verified_case(sessions, agents[1], customer_id, CaseKind.CORRECTION)
    version = _customer_version(sessions, customer_id)

    with desk2() as late:
        late.get_one(Customer, customer_id)  # desk 2 has the record in hand, at `version`
        _correct(desk1, case1, agents[0], {"city": "港区"}, version)
        before = _snapshot(sessions)
        with pytest.raises(CustomerConflict):
            apply_correction(
                late,
                case2,
                agent_id=agents[1],
                changes={"street": "芝公園4-2-8"},
                expected_customer_row_version=version,
            )
        late.rollback()
    assert _snapshot(sessions) == before


def test_the_second_desk_moving_the_same_case_gets_a_conflict_and_can_retry(
    sessions: Desk, desks: tuple[Desk, Desk], agents: tuple[int, int], add_customer: Callable[..., int]
) -> None:
    desk1, desk2 = desks
    customer_id = add_customer(phones=(("home", HOME),))
    case_id = _verified_case(sessions, agents[0], customer_id, CaseKind.DISCLOSURE)
    # At desk 2 a supervisor, who may withdraw a case assigned to someone else.
    with sessions.begin() as session:
        supervisor = Agent(login="super", display_name="super", role=AgentRole.SUPERVISOR, created_at=NOW)
        session.add(supervisor)
        session.flush()
        supervisor_id = supervisor.id
    with desk1() as session:
        seen_by_1 = get_case(session, case_id).row_version
    with desk2() as session:
        seen_by_2 = get_case(session, case_id).row_version

    with desk1.begin() as session:
        transition(
            session, case_id, CaseState.FEE_PENDING, agent_id=agents[0], expected_row_version=seen_by_1
        )
    before = _snapshot(sessions)
    with pytest.raises(CaseConflict), desk2.begin() as session:
        transition(
            session,
            case_id,
            CaseState.WITHDRAWN,
            agent_id=supervisor_id,
            expected_row_version=seen_by_2,
            reason="caller hung up",
        )
    assert _snapshot(sessions) == before

    with desk2() as session:
        fresh = get_case(session, case_id)
    assert fresh.state is CaseState.FEE_PENDING  # desk 2 sees what desk 1 did, then decides again
    with desk2.begin() as session:
        transition(
            session,
            case_id,
            CaseState.WITHDRAWN,
            agent_id=supervisor_id,
            expected_row_version=fresh.row_version,
            reason="caller hung up",
        )
    with sessions() as session:
        assert get_case(session, case_id).state is CaseState.WITHDRAWN


def test_a_case_moved_while_another_transaction_held_it_conflicts_at_the_write(
    sessions: Desk, desks: tuple[Desk, Desk], agents: tuple[int, int], add_customer: Callable[..., int]
) -> None:
    desk1, desk2 = desks
    customer_id = add_customer(phones=(("home", HOME),))
    case_id = _verified_case(sessions, agents[0], customer_id, CaseKind.DISCLOSURE)
    with desk1() as session:
        version = get_case(session, case_id).row_version

    with desk2() as late:
        late.get_one(Case, case_id)  # loaded in desk 2's transaction before desk 1 writes
        with desk1.begin() as session:
            transition(
                session, case_id, CaseState.FEE_PENDING, agent_id=agents[0], expected_row_version=version
            )
        before = _snapshot(sessions)
        with pytest.raises(CaseConflict):
            transition(
                late,
                case_id,
                CaseState.WITHDRAWN,
                agent_id=agents[1],
                expected_row_version=version,
                reason="caller hung up",
            )
        late.rollback()
    assert _snapshot(sessions) == before


def test_two_desks_opening_cases_at_the_same_moment_get_different_numbers(
    desks: tuple[Desk, Desk], agents: tuple[int, int]
) -> None:
    """Both desks read the same highest case number; the second insert takes the next one."""
    opened: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def open_cases(desk: Desk, agent_id: int) -> None:
        try:
            start.wait()
            for _ in range(8):
                with desk.begin() as session:
                    view = open_case(
                        session,
                        kind=CaseKind.COMPLAINT,
                        customer_id=None,
                        agent_id=agent_id,
                        received_at=NOW,
                        target_days=14,
                        now=NOW,
                    )
                    opened.append(view.case_no)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [
        threading.Thread(target=open_cases, args=(desk, agent))
        for desk, agent in zip(desks, agents, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(opened) == 16
    assert len(set(opened)) == 16
