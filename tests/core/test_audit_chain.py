"""The audit chains: every writer chains its rows, and `verify` names the first row changed, lost or added.

Rows are tampered with in plain SQL, as someone with the database's password and no program would.
Runs on SQLite and, under `dev.py test --postgres`, on the real server.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import JSON, Engine, bindparam, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desk_app.audit.append import ChainHeadMissing
from desk_app.audit.canonical import ACCESS_LOG, CASE_EVENTS, GENESIS, canonical, row_hash
from desk_app.audit.verify import ProblemKind, VerifyResult, verify
from desk_app.callerid.events import CallSource, CallState, call_event
from desk_app.demo.generator import generate_demo_data
from desk_app.services.access_log import record_access
from desk_app.services.calls import purge_calls, record_call_event
from desk_app.services.case_log import export_cases
from desk_app.services.cases import add_event, get_case, load_case, open_case, transition
from desk_app.storage import migrate
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.models import (
    AccessAction,
    AccessLogEntry,
    Agent,
    AgentRole,
    AuditChainHead,
    CaseEvent,
    CaseKind,
    CaseState,
    UtcDateTime,
)
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 20, 2, 0, 0, 123456, tzinfo=dt.UTC)


@pytest.fixture
def agent(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as session:
        row = Agent(login="sato", display_name="佐藤", role=AgentRole.SUPERVISOR, created_at=NOW)
        session.add(row)
        session.flush()
        return row.id


def _log(sessions: sessionmaker[Session], agent: int, customers: list[int], count: int = 1) -> None:
    for n in range(count):
        with sessions.begin() as session:
            record_access(
                session,
                agent_id=agent,
                action=AccessAction.VIEW,
                customer_ids=customers,
                detail=f"record panel {n}",
                now=NOW + dt.timedelta(seconds=n),
            )


def _case(sessions: sessionmaker[Session], agent: int, customer: int) -> int:
    with sessions.begin() as session:
        case_id = open_case(
            session,
            kind=CaseKind.COMPLAINT,
            customer_id=customer,
            agent_id=agent,
            received_at=NOW,
            target_days=14,
            summary="カタログが届く",
            now=NOW,
        ).case_id
    for target in (CaseState.IN_PROGRESS, CaseState.COMPLETED):
        with sessions.begin() as session:
            version = get_case(session, case_id).row_version
            transition(session, case_id, target, agent_id=agent, expected_row_version=version, now=NOW)
    return case_id


def _verify(sessions: sessionmaker[Session]) -> VerifyResult:
    with sessions() as session:
        return verify(session)


def _sql(engine: Engine, sql: str, **params: Any) -> None:
    with engine.begin() as connection:
        connection.execute(text(sql), params)


def _ids(engine: Engine, table: str) -> list[int]:
    with engine.connect() as connection:
        return list(connection.scalars(text(f"SELECT id FROM {table} ORDER BY id")))


@pytest.fixture
def filled(
    engine: Engine, sessions: sessionmaker[Session], agent: int, add_customer: Callable[..., int]
) -> dict[str, list[int]]:
    """Ten access-log entries (five views of two customers) and one case's three events."""
    customers = [add_customer(), add_customer(name="山田 花子", phones=(("home", "03-1234-5679"),))]
    _log(sessions, agent, customers, count=5)
    _case(sessions, agent, customers[0])
    return {ACCESS_LOG: _ids(engine, ACCESS_LOG), CASE_EVENTS: _ids(engine, CASE_EVENTS)}


# Writing and the intact chain


def test_the_canonical_form_is_the_documented_one() -> None:
    # Fixed here on purpose: changing the form changes every hash, and needs a migration that re-chains.
    values = {
        "id": 7,
        "case_id": 3,
        "at": dt.datetime(2026, 11, 20, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "agent_id": 2,
        "kind": "state_changed",
        "detail": {"to": "completed", "from": "in_progress", "note": "済"},
    }
    form = canonical(CASE_EVENTS, values)
    assert form == (
        '["case_events",7,3,"2026-11-20T02:00:00.000000Z",2,"state_changed",'
        '{"from":"in_progress","note":"済","to":"completed"}]'
    )
    assert row_hash(GENESIS, form) == __import__("hashlib").sha256((GENESIS + form).encode()).hexdigest()
    entry = {
        "id": 1,
        "at": "2026-11-20 02:00:00.000000",
        "agent_id": None,
        "customer_id": 5,
        "case_id": None,
        "call_id": 99,
        "action": AccessAction.VIEW,
        "detail": "desk-app lookup",
    }
    assert canonical(ACCESS_LOG, entry) == (
        '["access_log",1,"2026-11-20T02:00:00.000000Z",null,5,null,"view","desk-app lookup"]'
    )


def test_every_writer_chains_its_rows_and_verify_counts_them(
    engine: Engine, sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    with sessions.begin() as session:
        export_cases(session, io.StringIO(), viewer_id=agent, viewer_role=AgentRole.SUPERVISOR, now=NOW)
    result = _verify(sessions)
    assert result.intact, result.first_problem
    checked = {report.chain: report.rows_checked for report in result.chains}
    assert checked == {CASE_EVENTS: 3, ACCESS_LOG: 11}
    with sessions() as session:
        heads = {head.chain: head for head in session.scalars(select(AuditChainHead))}
        last = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc())).first()
        first = session.scalars(select(CaseEvent).order_by(CaseEvent.id)).first()
    assert last is not None
    assert first is not None
    assert (heads[ACCESS_LOG].last_id, heads[ACCESS_LOG].last_hash) == (last.id, last.row_hash)
    assert last.action is AccessAction.EXPORT
    assert first.prev_hash == GENESIS
    # Ids come from the chain: no gaps.
    assert _ids(engine, ACCESS_LOG) == list(range(1, 12))


def test_an_empty_chain_is_intact(sessions: sessionmaker[Session]) -> None:
    result = _verify(sessions)
    assert result.intact
    assert result.rows_checked == 0


def test_an_insert_that_bypasses_the_chain_is_refused(
    sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(AccessLogEntry(at=NOW, agent_id=agent, action=AccessAction.VIEW, detail="no hash"))


def test_the_call_log_purge_leaves_the_access_log_intact(
    sessions: sessionmaker[Session], agent: int, add_customer: Callable[..., int]
) -> None:
    customer = add_customer()
    event = call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number="03-1234-5678")
    with sessions.begin() as session:
        call = record_call_event(session, event)
        record_access(
            session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[customer], call_id=call
        )
    with sessions.begin() as session:
        assert purge_calls(session, older_than=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 1
    with sessions() as session:
        assert session.scalar(select(AccessLogEntry.call_id)) is None
    assert _verify(sessions).intact


# Tampering, each named


def _problem(sessions: sessionmaker[Session], chain: str) -> Any:
    result = _verify(sessions)
    assert not result.intact
    [report] = [report for report in result.chains if report.chain == chain]
    assert report.problem is not None
    return report


def test_a_detail_changed_in_sql_names_the_row(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    target = filled[ACCESS_LOG][3]
    _sql(engine, "UPDATE access_log SET detail = 'nothing to see' WHERE id = :id", id=target)
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.CHANGED
    assert report.problem.row_id == target
    assert report.problem.message == f"row {target} was changed"
    assert report.rows_checked == 3
    assert str(_verify(sessions).first_problem) == f"access_log: row {target} was changed"


def test_a_case_events_json_detail_changed_in_sql_names_the_row(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    target = filled[CASE_EVENTS][1]
    statement = text("UPDATE case_events SET detail = :detail WHERE id = :id").bindparams(
        bindparam("detail", type_=JSON)
    )
    with engine.begin() as connection:
        connection.execute(statement, {"detail": {"from": "received", "to": "refused"}, "id": target})
    report = _problem(sessions, CASE_EVENTS)
    assert report.problem.message == f"row {target} was changed"


def test_other_columns_changed_are_named_too(
    engine: Engine, sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    target = filled[ACCESS_LOG][0]
    # Moving the entry's time by a second, or naming no agent, is a change like any other.
    _sql(engine, "UPDATE access_log SET agent_id = NULL WHERE id = :id", id=target)
    assert _problem(sessions, ACCESS_LOG).problem.message == f"row {target} was changed"
    _sql(engine, "UPDATE access_log SET agent_id = :agent WHERE id = :id", agent=agent, id=target)
    assert _verify(sessions).intact
    _sql(engine, "UPDATE case_events SET kind = 'note' WHERE id = :id", id=filled[CASE_EVENTS][2])
    assert _problem(sessions, CASE_EVENTS).problem.row_id == filled[CASE_EVENTS][2]


def test_an_unreadable_time_is_named_not_a_crash(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("only SQLite lets a time column hold any text")
    target = filled[ACCESS_LOG][2]
    _sql(engine, "UPDATE access_log SET at = 'yesterday' WHERE id = :id", id=target)
    assert _problem(sessions, ACCESS_LOG).problem.message == f"row {target} was changed"


def test_a_deleted_middle_row_is_named_with_the_broken_link(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    before, gone, after = filled[ACCESS_LOG][4:7]
    _sql(engine, "DELETE FROM access_log WHERE id = :id", id=gone)
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.MISSING
    assert report.problem.row_id == gone
    assert report.problem.message == f"row {gone} is missing ({before} → {after} breaks the link)"
    assert report.rows_checked == 5


def test_several_deleted_rows_and_the_first_row_are_named(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    ids = filled[ACCESS_LOG]
    _sql(engine, "DELETE FROM access_log WHERE id IN (:a, :b)", a=ids[0], b=ids[1])
    message = _problem(sessions, ACCESS_LOG).problem.message
    assert message == f"rows {ids[0]} to {ids[1]} are missing (the start → {ids[2]} breaks the link)"


def test_deleting_the_newest_rows_is_detected_by_the_head(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    ids = filled[ACCESS_LOG]
    _sql(engine, "DELETE FROM access_log WHERE id > :id", id=ids[7])
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.TRUNCATED
    assert (
        report.problem.message
        == f"the newest rows after {ids[7]} were deleted (the head names row {ids[-1]})"
    )
    assert report.rows_checked == 8
    _sql(engine, "DELETE FROM case_events")
    assert _problem(sessions, CASE_EVENTS).problem.message.startswith("every row was deleted")


def test_a_missing_head_is_named_and_stops_further_appends(
    engine: Engine, sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    _sql(engine, "DELETE FROM audit_chain_heads WHERE chain = 'access_log'")
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.HEAD_MISSING
    assert report.problem.message == "the head is missing"
    with pytest.raises(ChainHeadMissing), sessions.begin() as session:
        record_access(session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[1])


def test_a_changed_head_is_named(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    _sql(engine, f"UPDATE audit_chain_heads SET last_hash = '{'f' * 64}' WHERE chain = 'case_events'")
    report = _problem(sessions, CASE_EVENTS)
    assert report.problem.kind is ProblemKind.HEAD_MISMATCH
    assert report.problem.row_id == filled[CASE_EVENTS][-1]


def test_a_row_added_behind_the_heads_back_is_named(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    ids = filled[ACCESS_LOG]
    # Forged well: the row is chained to the last one, only the head was not moved.
    with sessions() as session:
        last = session.get(AccessLogEntry, ids[-1])
        assert last is not None
        values = {
            "id": ids[-1] + 1,
            "at": NOW,
            "agent_id": None,
            "customer_id": None,
            "case_id": None,
            "action": "view",
            "detail": "forged",
        }
        forged_hash = row_hash(last.row_hash, canonical(ACCESS_LOG, values))
    with engine.begin() as connection:
        connection.execute(
            sa.insert(
                sa.table("access_log", *(sa.column(name) for name in (*values, "row_hash", "prev_hash")))
            ),
            {
                **values,
                "at": UtcDateTime().process_bind_param(NOW, engine.dialect),
                "row_hash": forged_hash,
                "prev_hash": last.row_hash,
            },
        )
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.UNCHAINED
    assert report.problem.row_id == ids[-1] + 1


def test_a_prev_hash_fixed_after_a_deletion_is_still_caught(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    before, gone, after, next_one = filled[ACCESS_LOG][2:6]
    with sessions() as session:
        kept = session.get(AccessLogEntry, before)
        moved = session.get(AccessLogEntry, after)
        assert kept is not None
        assert moved is not None
        link, moved_values = (
            kept.row_hash,
            {
                column: getattr(moved, column)
                for column in ("id", "at", "agent_id", "customer_id", "case_id", "action", "detail")
            },
        )
    _sql(engine, "DELETE FROM access_log WHERE id = :id", id=gone)
    # Linking the next row to the one before the gap makes that row's own hash wrong ...
    _sql(engine, "UPDATE access_log SET prev_hash = :link WHERE id = :id", link=link, id=after)
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.message == f"row {after} was changed"
    # ... and recomputing that hash too breaks the link to the row after it.
    rehashed = row_hash(link, canonical(ACCESS_LOG, moved_values))
    _sql(engine, "UPDATE access_log SET row_hash = :hash WHERE id = :id", hash=rehashed, id=after)
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.REHASHED
    assert report.problem.message == (
        f"row {after} was changed and its hash recomputed ({after} → {next_one} breaks the link)"
    )


# Two desks at once


def test_two_desks_appending_at_once_keep_one_chain(
    database_url: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    agent: int,
    add_customer: Callable[..., int],
) -> None:
    customer = add_customer()
    per_desk = 40
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def desk(number: int) -> None:
        # A desk of its own: its own engine and connections, as a second PC has.
        own = make_engine(database_url)
        factory = session_factory(own)
        try:
            start.wait()
            for n in range(per_desk):
                with factory.begin() as session:
                    # As a screen pop does: read first, then write the access-log entry.
                    session.execute(select(func.count()).select_from(AccessLogEntry)).scalar()
                    record_access(
                        session,
                        agent_id=agent,
                        action=AccessAction.VIEW,
                        customer_ids=[customer, customer] if n % 3 == 0 else [customer],
                        detail=f"desk {number} pop {n}",
                    )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(number,)) for number in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = _verify(sessions)
    assert result.intact, result.first_problem
    expected = 2 * (per_desk + len(range(0, per_desk, 3)))
    assert {report.chain: report.rows_checked for report in result.chains}[ACCESS_LOG] == expected


def test_two_desks_writing_both_chains_in_either_order_neither_fork_nor_deadlock(
    database_url: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    agent: int,
    add_customer: Callable[..., int],
) -> None:
    customer = add_customer()
    case_id = _case(sessions, agent, customer)
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    rounds = 15

    def desk(number: int) -> None:
        own = make_engine(database_url)
        factory = session_factory(own)
        try:
            start.wait()
            for n in range(rounds):
                with factory.begin() as session:
                    case = load_case(session, case_id)
                    note = {"text": f"desk {number} note {n}"}
                    if number == 1:  # a case event, then an access-log entry
                        add_event(session, case, agent_id=agent, kind="note", detail=note, at=NOW)
                    record_access(session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[customer])
                    if number == 2:  # the other order, in one transaction
                        add_event(session, case, agent_id=agent, kind="note", detail=note, at=NOW)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(number,)) for number in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = _verify(sessions)
    assert result.intact, result.first_problem
    checked = {report.chain: report.rows_checked for report in result.chains}
    assert checked == {CASE_EVENTS: 3 + 2 * rounds, ACCESS_LOG: 2 * rounds}


# Existing databases and demo data


def test_the_migration_chains_the_rows_already_there(databases: Databases) -> None:
    engine = make_engine(databases.new())
    try:
        command.upgrade(migrate._alembic_config(engine), "0005")
        metadata = sa.MetaData()
        agents = sa.Table(
            "agents",
            metadata,
            sa.Column("id", sa.Integer),
            sa.Column("login", sa.String),
            sa.Column("display_name", sa.String),
            sa.Column("role", sa.String),
            sa.Column("active", sa.Boolean),
            sa.Column("created_at", UtcDateTime()),
        )
        cases = sa.Table(
            "cases",
            metadata,
            *(
                sa.Column(name)
                for name in (
                    "id",
                    "case_no",
                    "kind",
                    "state",
                    "opened_by_id",
                    "due_on",
                    "summary",
                    "fee_yen",
                    "row_version",
                )
            ),
            sa.Column("received_at", UtcDateTime()),
            sa.Column("details", JSON),
        )
        events = sa.Table(
            "case_events",
            metadata,
            sa.Column("id", sa.Integer),
            sa.Column("case_id", sa.Integer),
            sa.Column("at", UtcDateTime()),
            sa.Column("agent_id", sa.Integer),
            sa.Column("kind", sa.String),
            sa.Column("detail", JSON),
        )
        log = sa.Table(
            "access_log",
            metadata,
            sa.Column("id", sa.Integer),
            sa.Column("at", UtcDateTime()),
            sa.Column("agent_id", sa.Integer),
            sa.Column("action", sa.String),
            sa.Column("detail", sa.String),
        )
        with engine.begin() as connection:
            connection.execute(
                agents.insert(),
                {
                    "id": 1,
                    "login": "old",
                    "display_name": "古参",
                    "role": "agent",
                    "active": True,
                    "created_at": NOW,
                },
            )
            connection.execute(
                cases.insert(),
                {
                    "id": 1,
                    "case_no": "2026-000001",
                    "kind": "complaint",
                    "state": "received",
                    "opened_by_id": 1,
                    "due_on": dt.date(2026, 12, 4),
                    "summary": "",
                    "fee_yen": 0,
                    "row_version": 1,
                    "received_at": NOW,
                    "details": {},
                },
            )
            # Ids with a gap, as a rolled-back insert leaves on PostgreSQL.
            connection.execute(
                events.insert(),
                [
                    {
                        "id": i,
                        "case_id": 1,
                        "at": NOW + dt.timedelta(minutes=i),
                        "agent_id": 1,
                        "kind": "note",
                        "detail": {"text": f"メモ {i}", "n": [i, None, True]},
                    }
                    for i in (1, 2, 4, 5)
                ],
            )
            connection.execute(
                log.insert(),
                [
                    {
                        "id": i,
                        "at": NOW + dt.timedelta(seconds=i),
                        "agent_id": 1,
                        "action": "view",
                        "detail": f"old {i}",
                    }
                    for i in range(1, 1201)
                ],
            )
        migrate.upgrade(engine)
        factory = session_factory(engine)
        result = _verify(factory)
        assert result.intact, result.first_problem
        assert {report.chain: report.rows_checked for report in result.chains} == {
            CASE_EVENTS: 4,
            ACCESS_LOG: 1200,
        }
        # New rows continue the backfilled chain.
        with factory.begin() as session:
            record_access(session, agent_id=1, action=AccessAction.VIEW, customer_ids=[], detail="")
            record_access(session, agent_id=None, action=AccessAction.VIEW, customer_ids=[None])  # type: ignore[list-item]
        result = _verify(factory)
        assert result.intact, result.first_problem
        assert result.chains[1].rows_checked == 1201
        _sql(engine, "UPDATE access_log SET detail = 'new' WHERE id = 600")
        assert str(_verify(factory).first_problem) == "access_log: row 600 was changed"
    finally:
        engine.dispose()


def test_demo_data_is_chained_and_later_appends_continue_it(databases: Databases) -> None:
    engine = make_engine(databases.new())
    try:
        migrate.upgrade(engine)
        summary = generate_demo_data(engine, customers=400, seed=3, now=NOW)
        factory = session_factory(engine)
        result = _verify(factory)
        assert result.intact, result.first_problem
        with factory() as session:
            events = session.scalar(select(func.count()).select_from(CaseEvent))
        assert summary.cases > 0
        assert result.chains[0].rows_checked == events
        with factory.begin() as session:
            agent = session.scalar(select(Agent.id).where(Agent.role == AgentRole.SUPERVISOR))
            assert agent is not None
        _case(factory, agent, 1)
        result = _verify(factory)
        assert result.intact, result.first_problem
        assert result.chains[0].rows_checked == events + 3
    finally:
        engine.dispose()
