"""The audit chains: every writer chains its rows, and `verify` names the first row changed, lost or added.

Rows are tampered with in plain SQL, as someone with the database's password and no program would.
Runs on SQLite and, under `dev.py test --postgres`, on the real server.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import JSON, Engine, bindparam, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desk_app.audit.anchor import AnchorError, read_anchor, take_anchor, write_anchor
from desk_app.audit.canonical import (
    ACCESS_LOG,
    CASE_EVENTS,
    COLUMNS,
    GENESIS,
    RETENTION_RUNS,
    TOMBSTONES,
    canonical,
    chain_rows,
    row_hash,
)
from desk_app.audit.errors import ChainHeadMissing, HeadSealBroken
from desk_app.audit.key import AuditKey, current, use_key
from desk_app.audit.verify import ProblemKind, VerifyResult, verify
from desk_app.callerid.events import call_event
from desk_app.demo.generator import generate_demo_data
from desk_app.domain.enums import AccessAction, AgentRole, CallSource, CallState, CaseKind, CaseState
from desk_app.services.access_log import record_access
from desk_app.services.cases.log import export_cases
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import add_event, get_case, load_case
from desk_app.services.cases.transitions import transition
from desk_app.services.customers.calls import purge_calls, record_call_event
from desk_app.storage import migrate
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    AuditChainHead,
    AuditTombstone,
    Case,
    CaseEvent,
    UtcDateTime,
)
from tests.support.databases import Databases
from tests.support.letter_cases import LetterCases

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
    assert checked == {CASE_EVENTS: 3, ACCESS_LOG: 11, RETENTION_RUNS: 0, TOMBSTONES: 0}
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
                for column in (
                    "id",
                    "at",
                    "agent_id",
                    "customer_id",
                    "case_id",
                    "action",
                    "detail",
                    "call_ref",
                )
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
    assert checked == {CASE_EVENTS: 3 + 2 * rounds, ACCESS_LOG: 2 * rounds, RETENTION_RUNS: 0, TOMBSTONES: 0}


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
        # The chains hold; the old case row had notes only, no opening event, which the case check names.
        assert all(report.intact for report in result.chains), result.first_problem
        assert [str(problem) for problem in result.cases.problems] == [
            "case 2026-000001: has no opening event"
        ]
        assert {report.chain: report.rows_checked for report in result.chains} == {
            CASE_EVENTS: 4,
            ACCESS_LOG: 1200,
            RETENTION_RUNS: 0,
            TOMBSTONES: 0,
        }
        # New rows continue the backfilled chain.
        with factory.begin() as session:
            record_access(session, agent_id=1, action=AccessAction.VIEW, customer_ids=[], detail="")
            record_access(session, agent_id=None, action=AccessAction.VIEW, customer_ids=[None])  # type: ignore[list-item]
        result = _verify(factory)
        assert all(report.intact for report in result.chains), result.first_problem
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


# What someone with write access to the database alone cannot do unseen (the heads are sealed with a key
# that is not in the database; desk_app.audit.key)


def _rechain(engine: Engine, chain: str, first_id: int) -> tuple[int, str]:
    """Recompute the hashes of `chain` from `first_id` on, as an attacker with the source code would, and
    move the head to match; the head's seal is left as it was, since making one needs the key."""
    table = sa.table(chain, *(sa.column(name) for name in ("id", "row_hash", "prev_hash")))
    factory = session_factory(engine)
    with factory() as session:
        model = CaseEvent if chain == CASE_EVENTS else AccessLogEntry
        rows = session.scalars(select(model).order_by(model.id)).all()
        columns = (*COLUMNS[chain], "call_ref") if chain == ACCESS_LOG else COLUMNS[chain]
        values = [{name: getattr(row, name) for name in columns} for row in rows]
    last_id, last_hash = 0, GENESIS
    with engine.begin() as connection:
        for row in values:
            if row["id"] >= first_id:
                new_hash = row_hash(last_hash, canonical(chain, row))
                connection.execute(
                    sa.update(table)
                    .where(table.c.id == row["id"])
                    .values(prev_hash=last_hash, row_hash=new_hash)
                )
                last_hash = new_hash
            else:
                with factory() as session:
                    last_hash = session.scalar(select(model.row_hash).where(model.id == row["id"])) or ""
            last_id = row["id"]
        connection.execute(
            text("UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash WHERE chain = :chain"),
            {"id": last_id, "hash": last_hash, "chain": chain},
        )
    return last_id, last_hash


def test_deleting_the_newest_rows_and_moving_the_head_back_is_caught(
    engine: Engine, sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    ids = filled[ACCESS_LOG]
    kept = ids[5]
    with sessions() as session:
        kept_hash = session.scalar(select(AccessLogEntry.row_hash).where(AccessLogEntry.id == kept))
    _sql(engine, "DELETE FROM access_log WHERE id > :id", id=kept)
    _sql(
        engine,
        "UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash WHERE chain = 'access_log'",
        id=kept,
        hash=kept_hash,
    )
    report = _problem(sessions, ACCESS_LOG)
    assert report.problem.kind is ProblemKind.UNSEALED
    assert report.problem.row_id == kept
    assert "seal" in report.problem.message
    # Nor does the next append make the rewound head look legitimate: it refuses to build on it.
    with pytest.raises(HeadSealBroken), sessions.begin() as session:
        record_access(session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[1])
    assert _problem(sessions, ACCESS_LOG).problem.kind is ProblemKind.UNSEALED


def test_a_row_rewritten_and_the_chain_rehashed_to_the_head_is_caught(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    target = filled[CASE_EVENTS][1]
    _sql(engine, "UPDATE case_events SET kind = 'note' WHERE id = :id", id=target)
    _rechain(engine, CASE_EVENTS, target)
    report = _problem(sessions, CASE_EVENTS)
    assert report.problem.kind is ProblemKind.UNSEALED
    assert report.rows_checked == len(filled[CASE_EVENTS])  # every link holds: only the seal tells


def test_rows_reordered_and_rehashed_are_caught(
    engine: Engine, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    first, second = filled[ACCESS_LOG][1:3]
    with sessions() as session:
        details = {row.id: row.detail for row in session.scalars(select(AccessLogEntry))}
    # Two entries swap places (their contents change ids), then everything after is rehashed.
    assert details[first] != details[second]
    _sql(engine, "UPDATE access_log SET detail = :detail WHERE id = :id", detail=details[second], id=first)
    _sql(engine, "UPDATE access_log SET detail = :detail WHERE id = :id", detail=details[first], id=second)
    _rechain(engine, ACCESS_LOG, first)
    assert _problem(sessions, ACCESS_LOG).problem.kind is ProblemKind.UNSEALED


def test_a_database_under_another_key_is_neither_verified_nor_written(
    sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    other = AuditKey(secret=bytes(range(32)))
    with sessions() as session:
        result = verify(session, key=other)
    assert {report.problem.kind for report in result.chains if report.problem} == {ProblemKind.UNSEALED}
    assert len([report for report in result.chains if report.problem]) == len(result.chains)
    use_key(other)
    try:
        with pytest.raises(HeadSealBroken, match="another key"), sessions.begin() as session:
            record_access(session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[1])
    finally:
        use_key(None)
    assert _verify(sessions).intact


def test_an_anchor_catches_a_rewind_to_an_older_genuine_head(
    engine: Engine, sessions: sessionmaker[Session], agent: int, filled: dict[str, list[int]]
) -> None:
    # An older copy of the database holds a genuine, sealed head; later rows are appended and anchored.
    with sessions() as session:
        old_head = session.get(AuditChainHead, ACCESS_LOG)
        assert old_head is not None
        old = (old_head.last_id, old_head.last_hash, old_head.seal)
    _log(sessions, agent, [1], count=3)
    with sessions() as session:
        anchor = take_anchor(session)
        assert verify(session, anchor=anchor).intact
    # Put the old head back and delete what came after it: every link and the seal hold ...
    _sql(engine, "DELETE FROM access_log WHERE id > :id", id=old[0])
    _sql(
        engine,
        "UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash, seal = :seal"
        " WHERE chain = 'access_log'",
        id=old[0],
        hash=old[1],
        seal=old[2],
    )
    assert _verify(sessions).intact
    # ... but not the anchor exported before.
    with sessions() as session:
        result = verify(session, anchor=anchor)
    [report] = [report for report in result.chains if report.chain == ACCESS_LOG]
    assert report.problem is not None
    assert report.problem.kind is ProblemKind.REWOUND
    assert report.problem.row_id == anchor.heads[ACCESS_LOG][0]
    assert f"the chain ends at row {old[0]}" in report.problem.message
    assert result.as_json()["anchor"]["chains"][ACCESS_LOG] == anchor.heads[ACCESS_LOG][0]


def test_an_anchor_file_is_owner_only_and_cannot_be_edited_to_fit(
    tmp_path: Any, sessions: sessionmaker[Session], filled: dict[str, list[int]]
) -> None:
    key = current()
    with sessions() as session:
        anchor = take_anchor(session, now=NOW)
    path = tmp_path / "anchor.json"
    write_anchor(path, anchor, key)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_anchor(path, key) == anchor
    edited = path.read_text(encoding="utf-8").replace(
        f'"last_id": {anchor.heads[ACCESS_LOG][0]}', f'"last_id": {anchor.heads[ACCESS_LOG][0] - 3}'
    )
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(AnchorError, match="MAC does not match"):
        read_anchor(path, key)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(AnchorError, match="not an anchor file"):
        read_anchor(path, key)


def test_a_call_link_changed_or_emptied_in_sql_is_named(
    engine: Engine, sessions: sessionmaker[Session], agent: int, add_customer: Callable[..., int]
) -> None:
    customer = add_customer()
    with sessions.begin() as session:
        calls = [
            record_call_event(
                session,
                call_event(
                    call_id=name, state=CallState.RINGING, source=CallSource.CTI, number="03-1234-5678"
                ),
            )
            for name in ("c1", "c2")
        ]
        record_access(
            session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[customer], call_id=calls[0]
        )
        record_access(session, agent_id=agent, action=AccessAction.VIEW, customer_ids=[customer])
    entries = _ids(engine, ACCESS_LOG)
    assert _verify(sessions).intact
    # The view is moved to the other call ...
    _sql(engine, "UPDATE access_log SET call_id = :call WHERE id = :id", call=calls[1], id=entries[0])
    problem = _problem(sessions, ACCESS_LOG).problem
    assert problem.kind is ProblemKind.CALL_LINK
    assert problem.message == f"row {entries[0]} was made in call {calls[0]}, but now names call {calls[1]}"
    # ... or its link emptied while the call is still on file (a purge empties it once the call is gone) ...
    _sql(engine, "UPDATE access_log SET call_id = NULL WHERE id = :id", id=entries[0])
    assert _problem(sessions, ACCESS_LOG).problem.message == (
        f"row {entries[0]} lost its link to call {calls[0]}, which is still on file"
    )
    _sql(engine, "UPDATE access_log SET call_id = :call WHERE id = :id", call=calls[0], id=entries[0])
    # ... or a view made outside any call is put into one.
    _sql(engine, "UPDATE access_log SET call_id = :call WHERE id = :id", call=calls[1], id=entries[1])
    assert _problem(sessions, ACCESS_LOG).problem.message == (
        f"row {entries[1]} was made outside any call, but now names call {calls[1]}"
    )
    _sql(engine, "UPDATE access_log SET call_id = NULL WHERE id = :id", id=entries[1])
    assert _verify(sessions).intact


# The case row against its chained events (desk_app.audit.case_rows, also doctor's replay check)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _details(desk: LetterCases, case_id: int) -> dict[str, Any]:
    with desk.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return dict(case.details)


def _set(desk: LetterCases, case_id: int, **values: Any) -> None:
    with desk.sessions.begin() as session:
        session.execute(sa.update(Case).where(Case.id == case_id).values(**values))


def _without(details: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in details.items() if name != key}


def _edits(desk: LetterCases) -> dict[str, tuple[int, dict[str, Any], str]]:
    """Each edit an attacker could make to a case row in SQL: the case, the new values, what verify says."""
    customer = desk.customer()
    refused = desk.refusal(customer, "ご本人確認ができなかったため")
    deleted, _ = desk.deletion(desk.customer(name="佐藤 次郎", name_kana="サトウ ジロウ"))
    waiting = desk.disclosure(customer, complete=False)
    desk._move(waiting, CaseState.IN_PROGRESS, desk.agent)
    desk.propose_refusal(waiting, "第三者の情報を含むため")
    unverified = desk.opened(CaseKind.CORRECTION, customer)
    refusal = _details(desk, refused)
    decision = refusal["decisions"][0]
    self_approved = [{**decision, "decided_by": decision["by"]}]
    other_text = [{**decision, "answer": {**decision["answer"], "text": "お答えできません"}}]
    proposal = _details(desk, waiting)["proposal"]
    earlier = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    return {
        "state": (refused, {"state": CaseState.COMPLETED}, "is completed, but its events leave it refused"),
        "closed_at": (refused, {"closed_at": earlier}, "its closing time is not when its events closed it"),
        "self-approval": (
            refused,
            {"details": {**refusal, "decisions": self_approved}},
            "decision 1 is not the one its events made (who, outcome or answer)",
        ),
        "letter text": (
            refused,
            {"details": {**refusal, "decisions": other_text}},
            "decision 1 is not the one its events made (who, outcome or answer)",
        ),
        "decision dropped": (
            refused,
            {"details": _without(refusal, "decisions")},
            "holds 0 decisions, but its events made 1",
        ),
        "proposer": (
            waiting,
            {
                "details": {
                    **_details(desk, waiting),
                    "proposal": {**proposal, "by": desk.agents["supervisor"]},
                }
            },
            "its proposal is not the one its events made (proposer, kind or answer)",
        ),
        "erasure": (
            deleted,
            {"details": _without(_details(desk, deleted), "erasure")},
            "its erasure is gone",
        ),
        "identity": (
            unverified,
            {"details": {"identity": {"method": "documents", "by": desk.agent}}},
            "says the caller was verified, but no identity check of its events passed",
        ),
        "administrative": (
            unverified,
            {"details": {"administrative": "郵便番号の変更"}},
            "is marked administrative, but its events never took it straight to work",
        ),
    }


@pytest.mark.parametrize(
    "edit",
    [
        "state",
        "closed_at",
        "self-approval",
        "letter text",
        "decision dropped",
        "proposer",
        "erasure",
        "identity",
        "administrative",
    ],
)
def test_a_case_row_edited_behind_its_events_is_named(desk: LetterCases, edit: str) -> None:
    edits = _edits(desk)
    assert _verify(desk.sessions).intact
    case_id, values, message = edits[edit]
    _set(desk, case_id, **values)
    result = _verify(desk.sessions)
    assert not result.intact
    assert all(report.intact for report in result.chains)  # the case row is outside every chain
    assert result.cases is not None
    assert [str(problem) for problem in result.cases.problems] == [f"case {desk.case_no(case_id)}: {message}"]
    problem = result.first_problem
    assert problem is not None
    assert (problem.chain, problem.kind, problem.row_id) == ("cases", ProblemKind.CASE_ROW, case_id)
    assert result.as_json()["cases"]["problems"] == [{"case_no": desk.case_no(case_id), "message": message}]


def test_the_upgrade_chains_old_tombstones_and_runs_and_seals_every_head(databases: Databases) -> None:
    engine = make_engine(databases.new())
    config = migrate._alembic_config(engine)
    try:
        command.upgrade(config, "0012")
        agents = sa.table(
            "agents",
            *(sa.column(c) for c in ("id", "login", "display_name", "role", "active")),
            sa.column("created_at", UtcDateTime()),
        )
        cases = sa.table(
            "cases",
            *(
                sa.column(c)
                for c in (
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
            sa.column("received_at", UtcDateTime()),
            sa.column("details", JSON),
        )
        events = sa.table(
            "case_events",
            *(sa.column(c) for c in ("id", "case_id", "agent_id", "kind", "row_hash", "prev_hash")),
            sa.column("at", UtcDateTime()),
            sa.column("detail", JSON),
        )
        log = sa.table(
            "access_log",
            *(
                sa.column(c)
                for c in (
                    "id",
                    "agent_id",
                    "customer_id",
                    "case_id",
                    "call_id",
                    "action",
                    "detail",
                    "row_hash",
                    "prev_hash",
                )
            ),
            sa.column("at", UtcDateTime()),
        )
        calls = sa.table(
            "call_log",
            *(sa.column(c) for c in ("id", "call_id", "source", "state")),
            sa.column("started_at", UtcDateTime()),
        )
        runs = sa.table(
            "retention_runs",
            sa.column("id"),
            sa.column("agent_id"),
            sa.column("counts", JSON),
            sa.column("ran_at", UtcDateTime()),
        )
        pruned = sa.table(
            "audit_pruned",
            *(sa.column(c) for c in ("chain", "row_id", "prev_hash", "row_hash", "retention_run_id")),
        )
        event_rows: list[dict[str, Any]] = [
            {"case_id": 1, "at": NOW, "agent_id": 1, "kind": "opened", "detail": {"state": "received"}},
            {"case_id": 1, "at": NOW, "agent_id": 1, "kind": "note", "detail": {"text": "消えるメモ"}},
            {"case_id": 1, "at": NOW, "agent_id": 1, "kind": "note", "detail": {"text": "残るメモ"}},
        ]
        event_head = chain_rows(CASE_EVENTS, event_rows, last_id=0, last_hash=GENESIS)
        # Made before call_ref: hashed without it, as 0006 and the services then did.
        entry = {
            "id": 1,
            "at": NOW,
            "agent_id": 1,
            "customer_id": None,
            "case_id": 1,
            "action": "view",
            "detail": "old view",
            "call_id": 1,
        }
        entry["prev_hash"] = GENESIS
        entry["row_hash"] = row_hash(GENESIS, canonical(ACCESS_LOG, entry))
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
            connection.execute(events.insert(), event_rows)
            connection.execute(
                calls.insert(),
                {"id": 1, "call_id": "c1", "source": "cti", "state": "ended", "started_at": NOW},
            )
            connection.execute(log.insert(), entry)
            connection.execute(
                runs.insert(),
                {
                    "id": 1,
                    "agent_id": None,
                    "ran_at": NOW,
                    "counts": {"case_events": 1, "case_access_log": 0},
                },
            )
            gone = event_rows[1]
            connection.execute(
                pruned.insert(),
                {
                    "chain": CASE_EVENTS,
                    "row_id": gone["id"],
                    "prev_hash": gone["prev_hash"],
                    "row_hash": gone["row_hash"],
                    "retention_run_id": 1,
                },
            )
            connection.execute(events.delete().where(events.c.id == gone["id"]))
            for chain, (last_id, last_hash) in (
                (CASE_EVENTS, event_head),
                (ACCESS_LOG, (1, entry["row_hash"])),
            ):
                connection.execute(
                    text(
                        "UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash WHERE chain = :chain"
                    ),
                    {"id": last_id, "hash": last_hash, "chain": chain},
                )

        migrate.upgrade(engine)
        factory = session_factory(engine)
        result = _verify(factory)
        assert result.intact, result.first_problem
        assert {report.chain: report.rows_checked for report in result.chains} == {
            CASE_EVENTS: 2,
            ACCESS_LOG: 1,
            RETENTION_RUNS: 1,
            TOMBSTONES: 1,
        }
        with factory() as session:
            [tombstone] = session.scalars(select(AuditTombstone)).all()
            assert (tombstone.pruned_chain, tombstone.pruned_id, tombstone.retention_run_id) == (
                CASE_EVENTS,
                2,
                1,
            )
            assert tombstone.pruned_row_hash == gone["row_hash"]
            heads = session.scalars(select(AuditChainHead)).all()
            assert {head.chain for head in heads} == {CASE_EVENTS, ACCESS_LOG, RETENTION_RUNS, TOMBSTONES}
            assert all(current().holds_seal(h.chain, h.last_id, h.last_hash, h.seal) for h in heads)
            assert session.scalar(select(AccessLogEntry.call_ref)) is None  # older entries keep their form
        # The way back restores 0008's tombstones; and forward again, everything verifies.
        command.downgrade(config, "0012")
        with engine.connect() as connection:
            assert connection.execute(
                text("SELECT chain, row_id, retention_run_id FROM audit_pruned")
            ).all() == [(CASE_EVENTS, 2, 1)]
        migrate.upgrade(engine)
        assert _verify(factory).intact
    finally:
        engine.dispose()


def test_a_case_row_deleted_with_its_foreign_keys_off_is_named(engine: Engine, desk: LetterCases) -> None:
    refused = desk.refusal(desk.customer(), "ご本人確認ができなかったため")
    with engine.connect() as connection:
        events = connection.execute(
            text(f"SELECT count(*) FROM case_events WHERE case_id = {refused}")
        ).scalar()
    if engine.dialect.name == "sqlite":
        raw = sqlite3.connect(engine.url.database or "")
        with raw:
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute("DELETE FROM cases WHERE id = ?", (refused,))
        raw.close()
    else:
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            connection.execute(text("DELETE FROM cases WHERE id = :id"), {"id": refused})
    result = _verify(desk.sessions)
    assert result.cases is not None
    assert [str(problem) for problem in result.cases.problems] == [
        f"case id {refused}: its row is gone, but {events} of its events remain"
    ]
