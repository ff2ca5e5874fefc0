"""Retention: the dry run counts exactly what a run deletes, old closed cases go whole, the audit chains stay
verifiable through tombstones, and the purge is recorded with counts only.

Runs on SQLite and, under `dev.py test --postgres`, on the real server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from desk_app.audit.append import append
from desk_app.audit.canonical import ACCESS_LOG, CASE_EVENTS, RETENTION_RUNS, TOMBSTONES, canonical, row_hash
from desk_app.audit.verify import PRUNED_COUNTS, ProblemKind, VerifyResult, verify
from desk_app.callerid.events import call_event
from desk_app.config import Config, ConfigError, Retention, parse_config
from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CallSource,
    CallState,
    CaseKind,
    CaseState,
    ComplaintCategory,
    LetterKind,
    OrderChannel,
    ProvisionBasis,
    ReportChannel,
)
from desk_app.erased_register_key import RegisterKey
from desk_app.services.access_log import record_access
from desk_app.services.admin.retention import AuditTrailBroken, RetentionCounts, plan, run
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import get_case
from desk_app.services.cases.transitions import transition
from desk_app.services.customers.calls import record_call_event
from desk_app.storage.models import (
    Agent,
    AuditChainHead,
    AuditTombstone,
    CaseEvent,
    Complaint,
    Letter,
    Order,
    OrderLine,
    ProvisionRecord,
    RetentionRun,
    ScriptDraftRow,
    SuspiciousReport,
    UtcDateTime,
)

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
CONFIG = Config()  # calls 12 months, cases and letters 5 years, erasure remnants 7 years
REGISTER_KEY = RegisterKey(b"erased-register key of the retention tests")
TABLES = (
    "call_log",
    "cases",
    "case_events",
    "access_log",
    "letters",
    "complaints",
    "suspicious_reports",
    "script_drafts",
    "orders",
    "order_lines",
    "provision_records",
    "customers",
)


def _years_ago(years: float) -> dt.datetime:
    return NOW - dt.timedelta(days=round(365.25 * years))


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in TABLES
        }


def _ids(engine: Engine, sql: str) -> set[int]:
    with engine.connect() as connection:
        return set(connection.scalars(text(sql)))


def _verify(sessions: sessionmaker[Session]) -> VerifyResult:
    with sessions() as session:
        return verify(session)


class World:
    """Cases, calls, orders and erased customers on both sides of every cut-off, events interleaved."""

    def __init__(self, sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> None:
        self.sessions = sessions
        with sessions.begin() as session:
            agent = Agent(login="sato", display_name="佐藤", role=AgentRole.SUPERVISOR, created_at=NOW)
            session.add(agent)
            session.flush()
            self.agent = agent.id
        self.active = add_customer()
        # Erased: only old orders and a provision record (all of it goes, the row too) …
        self.erased_gone = add_customer(name="消去 一郎", phones=(("home", "03-2222-0001"),), state="erased")
        # … an old and a recent order (the old one goes, the row stays) …
        self.erased_recent = add_customer(name="消去 二郎", phones=(), state="erased")
        # … an access-log view outside any case (the row stays) …
        self.erased_viewed = add_customer(name="消去 三郎", phones=(), state="erased")
        # … and only an old closed case of theirs refers to them (the row goes with the case).
        self.erased_by_case = add_customer(name="消去 四郎", phones=())  # erased below

        self.old_closed = self._open(CaseKind.COMPLAINT, self.active, _years_ago(6))
        self.old_open = self._open(CaseKind.COMPLAINT, self.active, _years_ago(6))
        self.old_report = self._open(CaseKind.SUSPICIOUS_REPORT, None, _years_ago(6))
        self.old_erasure = self._open(CaseKind.COMPLAINT, self.erased_by_case, _years_ago(6))
        self.recent_closed = self._open(CaseKind.COMPLAINT, self.active, _years_ago(2))
        with sessions.begin() as session:  # erased after the case was opened, as an erasure case does
            session.execute(
                text("UPDATE customers SET state = 'erased' WHERE id = :id"), {"id": self.erased_by_case}
            )
        # Interleaved: the purged cases' events sit between the kept cases' events in the chain.
        for case in (self.old_closed, self.old_open, self.old_report, self.old_erasure, self.recent_closed):
            self._move(case, CaseState.IN_PROGRESS)
        self._move(self.recent_closed, CaseState.COMPLETED, at=_years_ago(2))
        self._move(self.old_report, CaseState.COMPLETED, at=_years_ago(5.5))
        self._move(self.old_erasure, CaseState.COMPLETED, at=_years_ago(5.5))
        self._view(self.active, case_id=self.old_open)
        self._view(self.erased_viewed)
        self._view(self.erased_by_case, case_id=self.old_erasure)
        self._view(self.active, case_id=self.old_closed)
        # Last of all, so the newest row of each chain is one that retention deletes.
        self._move(self.old_closed, CaseState.COMPLETED, at=_years_ago(5.5))
        self._view(self.active, case_id=self.old_closed)

        with sessions.begin() as session:
            old_call = record_call_event(
                session, self._ring("old", NOW - dt.timedelta(days=400)), customer_id=self.active
            )
            self.recent_call = record_call_event(session, self._ring("new", NOW - dt.timedelta(days=30)))
            self.old_call = old_call
        self._view(self.active, call_id=old_call)

        with sessions.begin() as session:
            for case in (self.old_closed, self.recent_closed, self.old_erasure):
                session.add(
                    Letter(
                        case_id=case,
                        kind=LetterKind.REFUSAL,
                        created_at=NOW,
                        created_by_id=self.agent,
                        sha256="0" * 64,
                        pdf="%PDF-1.4 山田 太郎".encode(),
                    )
                )
            for case in (self.old_closed, self.recent_closed):
                session.add(self._complaint(case))
            session.add(
                SuspiciousReport(
                    case_id=self.old_report,
                    channel=ReportChannel.SMS,
                    received_on=_years_ago(6).date(),
                    claimed_sender="ABC配送センター",
                    shown_number_e164="+819012345678",
                    shown_number_raw="090-1234-5678",
                    details="不在通知のSMS",
                    recorded_at=_years_ago(6),
                    recorded_by_id=self.agent,
                )
            )
            for key in (
                f"case:{self.old_closed}",
                f"case:{self.old_open}",
                f"call:{old_call}",
                "call:999999",
            ):
                session.add(
                    ScriptDraftRow(
                        agent_id=self.agent,
                        draft_key=key,
                        script_id="complaint",
                        script_version=1,
                        current_step="details",
                        answers={"name": "山田 太郎"},
                        updated_at=NOW,
                    )
                )
            self.orders = {
                "gone": self._order(session, self.erased_gone, _years_ago(8), "A1"),
                "old_of_recent": self._order(session, self.erased_recent, _years_ago(8), "A2"),
                "recent_of_recent": self._order(session, self.erased_recent, _years_ago(3), "A3"),
                "viewed": self._order(session, self.erased_viewed, _years_ago(9), "A4"),
                "active": self._order(session, self.active, _years_ago(10), "A5"),
            }
            for customer, years in ((self.erased_gone, 8), (self.erased_recent, 2), (self.active, 9)):
                session.add(
                    ProvisionRecord(
                        customer_id=customer,
                        provided_on=_years_ago(years).date(),
                        recipient_name="配送会社",
                        recipient_address="東京都",
                        recipient_representative="代表",
                        items_provided="氏名、住所",
                        purpose="配送",
                        basis=ProvisionBasis.ENTRUSTMENT,
                    )
                )

    def _open(self, kind: CaseKind, customer: int | None, at: dt.datetime) -> int:
        with self.sessions.begin() as session:
            return open_case(
                session,
                kind=kind,
                customer_id=customer,
                agent_id=self.agent,
                received_at=at,
                target_days=14,
                summary="山田 太郎様より",
                now=at,
            ).case_id

    def _move(self, case_id: int, target: CaseState, *, at: dt.datetime | None = None) -> None:
        with self.sessions.begin() as session:
            version = get_case(session, case_id).row_version
            transition(
                session, case_id, target, agent_id=self.agent, expected_row_version=version, now=at or NOW
            )

    def _view(self, customer: int, *, case_id: int | None = None, call_id: int | None = None) -> None:
        with self.sessions.begin() as session:
            record_access(
                session,
                agent_id=self.agent,
                action=AccessAction.VIEW,
                customer_ids=[customer],
                case_id=case_id,
                call_id=call_id,
                now=NOW,
            )

    @staticmethod
    def _ring(call_id: str, at: dt.datetime) -> Any:
        return call_event(
            call_id=call_id, state=CallState.RINGING, source=CallSource.CTI, number="03-1234-5678", at=at
        )

    def _complaint(self, case_id: int) -> Complaint:
        return Complaint(
            case_id=case_id,
            category=ComplaintCategory.UNWANTED_MAILINGS,
            details="カタログが届く",
            recorded_at=NOW,
            recorded_by_id=self.agent,
        )

    @staticmethod
    def _order(session: Session, customer: int, at: dt.datetime, number: str) -> int:
        order = Order(
            order_no=number, customer_id=customer, ordered_at=at, channel=OrderChannel.TV, amount_yen=100
        )
        order.lines = [
            OrderLine(line_no=n, product_code="P", product_name="掃除機", quantity=1, amount_yen=50)
            for n in (1, 2)
        ]
        session.add(order)
        session.flush()
        return order.id


@pytest.fixture
def world(sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> World:
    return World(sessions, add_customer)


def _expected(engine: Engine, world: World) -> RetentionCounts:
    purged = (world.old_closed, world.old_report, world.old_erasure)
    in_purged = f"IN ({', '.join(map(str, purged))})"
    return RetentionCounts(
        calls=1,
        call_access_links=1,
        cases=3,
        case_events=len(_ids(engine, f"SELECT id FROM case_events WHERE case_id {in_purged}")),
        case_access_log=3,
        letters=2,
        complaints=1,
        suspicious_reports=1,
        script_drafts=2,
        erased_orders=3,
        erased_order_lines=6,
        erased_provision_records=1,
        erased_customers=2,
    )


def _plan(sessions: sessionmaker[Session], config: Config = CONFIG) -> RetentionCounts:
    with sessions() as session:
        return plan(session, config, now=NOW).counts


def _run(sessions: sessionmaker[Session], config: Config = CONFIG) -> Any:
    with sessions.begin() as session:
        return run(session, config, now=NOW, dry_run=False, register_key=REGISTER_KEY)


def test_the_dry_run_counts_exactly_and_deletes_nothing(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    before = _counts(engine)
    expected = _expected(engine, world)
    assert expected.case_events == 9  # three cases: opened, in progress, completed
    with sessions.begin() as session:
        report = run(session, CONFIG, now=NOW, dry_run=True)
    assert report.dry_run
    assert report.run_id is None
    assert report.counts == expected
    assert _plan(sessions) == expected
    assert _counts(engine) == before
    assert _ids(engine, "SELECT id FROM retention_runs") == set()
    assert _ids(engine, "SELECT pruned_id FROM audit_tombstones") == set()


def test_the_run_deletes_exactly_what_the_dry_run_said(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    expected = _expected(engine, world)
    open_events = _ids(engine, f"SELECT id FROM case_events WHERE case_id = {world.old_open}")
    report = _run(sessions)
    assert report.counts == expected
    assert report.run_id is not None
    # Never an open case, never a recent one, never an open case's events.
    assert _ids(engine, "SELECT id FROM cases") == {world.old_open, world.recent_closed}
    assert _ids(engine, f"SELECT id FROM case_events WHERE case_id = {world.old_open}") == open_events
    assert _ids(engine, "SELECT case_id FROM letters") == {world.recent_closed}
    assert _ids(engine, "SELECT case_id FROM complaints") == {world.recent_closed}
    assert _ids(engine, "SELECT id FROM suspicious_reports") == set()
    with engine.connect() as connection:
        drafts = set(connection.scalars(text("SELECT draft_key FROM script_drafts")))
    assert drafts == {f"case:{world.old_open}", "call:999999"}
    # Calls older than 12 months; the access-log entry made during one stays, unlinked.
    assert _ids(engine, "SELECT id FROM call_log") == {world.recent_call}
    assert _ids(engine, "SELECT count(*) FROM access_log WHERE call_id IS NOT NULL") == {0}
    assert _ids(engine, "SELECT case_id FROM access_log WHERE case_id IS NOT NULL") == {world.old_open}
    # Erasure remnants: old orders of erased customers; the blank row once nothing refers to it.
    assert _ids(engine, "SELECT id FROM orders") == {
        world.orders["recent_of_recent"],
        world.orders["active"],
    }
    assert _ids(engine, "SELECT customer_id FROM provision_records") == {world.erased_recent, world.active}
    assert _ids(engine, "SELECT id FROM customers") == {
        world.active,
        world.erased_recent,
        world.erased_viewed,
    }
    assert _ids(engine, f"SELECT count(*) FROM phones WHERE customer_id = {world.erased_gone}") == {0}


def test_a_second_run_deletes_nothing(engine: Engine, sessions: sessionmaker[Session], world: World) -> None:
    _run(sessions)
    after = _counts(engine)
    assert _plan(sessions) == RetentionCounts()
    assert _run(sessions).counts == RetentionCounts()
    assert _counts(engine) == after
    assert len(_ids(engine, "SELECT id FROM retention_runs")) == 2


def test_the_audit_chains_verify_after_a_purge(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    assert _verify(sessions).intact
    expected = _expected(engine, world)
    _run(sessions)
    result = _verify(sessions)
    assert result.intact, result.first_problem
    checked = {report.chain: report.rows_checked for report in result.chains}
    assert checked[CASE_EVENTS] == len(_ids(engine, "SELECT id FROM case_events"))
    assert checked[ACCESS_LOG] == len(_ids(engine, "SELECT id FROM access_log"))
    with sessions() as session:
        pruned = session.execute(
            select(AuditTombstone.pruned_chain, func.count()).group_by(AuditTombstone.pruned_chain)
        ).all()
    assert dict(pruned) == {CASE_EVENTS: expected.case_events, ACCESS_LOG: expected.case_access_log}
    # The chains go on after the purge: a new event appends to a head whose row is a tombstone.
    world._move(world.old_open, CaseState.COMPLETED)
    world._view(world.active)
    assert _verify(sessions).intact


def _middle_tombstone(engine: Engine, chain: str) -> int:
    pruned = sorted(_ids(engine, f"SELECT pruned_id FROM audit_tombstones WHERE pruned_chain = '{chain}'"))
    live = _ids(engine, f"SELECT id FROM {chain}")
    # One with a live row after it, so that the link it breaks is a row's, not the head's.
    return next(row_id for row_id in pruned if any(other > row_id for other in live))


def test_deleting_a_tombstone_is_detected(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    _run(sessions)
    gone = _middle_tombstone(engine, CASE_EVENTS)
    with engine.begin() as connection:
        connection.execute(
            text("DELETE FROM audit_tombstones WHERE pruned_chain = 'case_events' AND pruned_id = :id"),
            {"id": gone},
        )
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.kind, problem.row_id) == (CASE_EVENTS, ProblemKind.MISSING, gone)


def test_deleting_the_newest_tombstone_is_detected_by_the_head(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    _run(sessions)
    newest = max(_ids(engine, "SELECT pruned_id FROM audit_tombstones WHERE pruned_chain = 'case_events'"))
    assert newest == max(_ids(engine, "SELECT id FROM case_events") | {newest})
    with engine.begin() as connection:
        connection.execute(
            text("DELETE FROM audit_tombstones WHERE pruned_chain = 'case_events' AND pruned_id = :id"),
            {"id": newest},
        )
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.kind) == (CASE_EVENTS, ProblemKind.TRUNCATED)


@pytest.mark.parametrize("column", ["pruned_row_hash", "pruned_prev_hash"])
def test_changing_a_tombstone_is_detected(
    engine: Engine, sessions: sessionmaker[Session], world: World, column: str
) -> None:
    _run(sessions)
    target = _middle_tombstone(engine, CASE_EVENTS)
    with engine.begin() as connection:
        connection.execute(
            text(
                f"UPDATE audit_tombstones SET {column} = :forged"
                " WHERE pruned_chain = 'case_events' AND pruned_id = :id"
            ),
            {"forged": "f" * 64, "id": target},
        )
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.kind, problem.row_id) == (CASE_EVENTS, ProblemKind.REHASHED, target)
    assert f"the tombstone of pruned row {target} was changed" in problem.message


def test_a_row_deleted_without_a_tombstone_is_still_missing(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    _run(sessions)
    events = sorted(_ids(engine, "SELECT id FROM case_events"))
    gone = events[1]
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM case_events WHERE id = :id"), {"id": gone})
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.kind, problem.row_id) == (CASE_EVENTS, ProblemKind.MISSING, gone)


def test_the_purge_is_recorded_with_counts_and_nothing_personal(
    engine: Engine, sessions: sessionmaker[Session], world: World, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _expected(engine, world)
    with engine.connect() as connection:
        numbers = set(connection.scalars(text("SELECT customer_no FROM customers")))
    with caplog.at_level(logging.INFO, logger="desk_app.services.admin.retention"):
        report = _run(sessions)
    with sessions() as session:
        record = session.get(RetentionRun, report.run_id)
        assert record is not None
        assert record.agent_id is None  # headless
        assert record.ran_at == NOW
        assert record.counts == dataclasses.asdict(expected)
        stored = json.dumps(record.counts, ensure_ascii=False)
    [line] = [r.getMessage() for r in caplog.records if r.name == "desk_app.services.admin.retention"]
    assert f"case_events={expected.case_events}" in line
    for written in (stored, line):
        for personal in ("山田", "消去", "ABC", "03-1234", "+81", "090", *numbers):
            assert personal not in written


def test_closed_cases_wait_for_their_own_period(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    # Seven years for cases: the ones closed five and a half years ago stay; calls and remnants still go.
    longer = dataclasses.replace(CONFIG, retention=Retention(closed_case_years=7, letters_years=5))
    counts = _plan(sessions, longer)
    assert (counts.cases, counts.case_events, counts.complaints) == (0, 0, 0)
    # Their letters go at five years, as configured, while the cases are kept.
    assert counts.letters == 2
    assert (counts.calls, counts.erased_orders) == (1, 3)
    assert counts.erased_customers == 1  # the one an old case still refers to waits for it
    assert _run(sessions, longer).counts == counts
    assert _verify(sessions).intact


def test_retention_settings_are_read_and_checked() -> None:
    config = parse_config("[retention]\nclosed_case_years = 6\nerasure_remnant_years = 10\n")
    assert config.retention == Retention(
        call_log_months=12, closed_case_years=6, erasure_remnant_years=10, letters_years=6
    )
    assert Config().retention.letters_years == Config().retention.closed_case_years == 5
    with pytest.raises(ConfigError) as raised:
        parse_config("[retention]\nclosed_case_years = 3\nletters_years = 4\n")
    assert raised.value.key == "retention.letters_years"
    assert "retention.closed_case_years" in str(raised.value)
    with pytest.raises(ConfigError) as raised:
        parse_config("[retention]\nerasure_remnant_years = 0\n")
    assert raised.value.key == "retention.erasure_remnant_years"


# What someone with write access to the database alone cannot do through retention


def test_a_backdated_closing_time_purges_nothing_early(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    expected = _expected(engine, world)
    # A case closed two years ago made to look six years old in the row; its events still say two.
    with sessions.begin() as session:
        session.execute(
            text("UPDATE cases SET closed_at = :at WHERE id = :id"),
            {
                "at": UtcDateTime().process_bind_param(_years_ago(6), engine.dialect),
                "id": world.recent_closed,
            },
        )
    assert _plan(sessions) == expected  # the case's age comes from its events
    with pytest.raises(AuditTrailBroken, match="its closing time is not when its events closed it"):
        _run(sessions)
    assert world.recent_closed in _ids(engine, "SELECT id FROM cases")
    assert _ids(engine, "SELECT id FROM retention_runs") == set()


def test_an_open_case_marked_closed_in_its_row_is_not_purged(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    expected = _expected(engine, world)
    with sessions.begin() as session:
        session.execute(
            text("UPDATE cases SET state = 'completed', closed_at = :at WHERE id = :id"),
            {"at": UtcDateTime().process_bind_param(_years_ago(6), engine.dialect), "id": world.old_open},
        )
    assert _plan(sessions) == expected
    with pytest.raises(AuditTrailBroken):
        _run(sessions)
    assert world.old_open in _ids(engine, "SELECT id FROM cases")


def test_nothing_is_deleted_while_the_trail_is_broken(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    # An old closed case's event edited in SQL: purging it now would carry the edit away under a genuine
    # tombstone (its stored hashes), and the trail would verify again.
    edited = min(_ids(engine, f"SELECT id FROM case_events WHERE case_id = {world.old_closed}"))
    before = _counts(engine)
    with sessions.begin() as session:
        session.execute(text("UPDATE case_events SET kind = 'note' WHERE id = :id"), {"id": edited})
    with pytest.raises(AuditTrailBroken, match=f"case_events: row {edited} was changed"):
        _run(sessions)
    assert _counts(engine) == before
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.row_id) == (CASE_EVENTS, edited)


def _forge_tombstone(engine: Engine, sessions: sessionmaker[Session], event_id: int) -> None:
    """The best an attacker without the key can do: a run and a tombstone, each chained to its chain's last
    row with the right hashes, the heads moved to them (their seals cannot be renewed), the row deleted."""
    with sessions() as session:
        event = session.get(CaseEvent, event_id)
        assert event is not None
        pruned = (event.prev_hash, event.row_hash)
        heads = {head.chain: head for head in session.scalars(select(AuditChainHead))}
        runs_head, tombstones_head = heads[RETENTION_RUNS], heads[TOMBSTONES]
        run = {"id": runs_head.last_id + 1, "ran_at": NOW, "agent_id": None, "counts": {"case_events": 1}}
        run_hash = row_hash(runs_head.last_hash, canonical(RETENTION_RUNS, run))
        tombstone = {
            "id": tombstones_head.last_id + 1,
            "pruned_chain": CASE_EVENTS,
            "pruned_id": event_id,
            "pruned_prev_hash": pruned[0],
            "pruned_row_hash": pruned[1],
            "retention_run_id": run["id"],
        }
        tombstone_hash = row_hash(tombstones_head.last_hash, canonical(TOMBSTONES, tombstone))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO retention_runs (id, ran_at, agent_id, counts, prev_hash, row_hash)"
                " VALUES (:id, :ran_at, NULL, :counts, :prev, :hash)"
            ),
            {
                "id": run["id"],
                "ran_at": UtcDateTime().process_bind_param(NOW, engine.dialect),
                "counts": json.dumps(run["counts"]),
                "prev": runs_head.last_hash,
                "hash": run_hash,
            },
        )
        connection.execute(
            text(
                "INSERT INTO audit_tombstones (id, pruned_chain, pruned_id, pruned_prev_hash,"
                " pruned_row_hash, retention_run_id, prev_hash, row_hash) VALUES (:id, :pruned_chain,"
                " :pruned_id, :pruned_prev_hash, :pruned_row_hash, :retention_run_id, :prev, :hash)"
            ),
            {**tombstone, "prev": tombstones_head.last_hash, "hash": tombstone_hash},
        )
        for chain, last_id, last_hash in (
            (RETENTION_RUNS, run["id"], run_hash),
            (TOMBSTONES, tombstone["id"], tombstone_hash),
        ):
            connection.execute(
                text("UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash WHERE chain = :chain"),
                {"id": last_id, "hash": last_hash, "chain": chain},
            )
        connection.execute(text("DELETE FROM case_events WHERE id = :id"), {"id": event_id})


def test_a_forged_tombstone_is_caught(engine: Engine, sessions: sessionmaker[Session], world: World) -> None:
    # A refusal, say, of a case that stays: its event goes with a tombstone copied from its own hashes.
    target = max(_ids(engine, f"SELECT id FROM case_events WHERE case_id = {world.recent_closed}"))
    _forge_tombstone(engine, sessions, target)
    result = _verify(sessions)
    assert not result.intact
    problems = {report.chain: report.problem for report in result.chains if report.problem is not None}
    # The case-event chain steps over the forged tombstone; the chains it was forged in lack the seal.
    assert set(problems) == {RETENTION_RUNS, TOMBSTONES}
    assert {problem.kind for problem in problems.values()} == {ProblemKind.UNSEALED}


def test_tombstones_and_runs_are_chains_of_their_own(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    expected = _expected(engine, world)
    report = _run(sessions)
    result = _verify(sessions)
    assert result.intact, result.first_problem
    checked = {chain.chain: chain.rows_checked for chain in result.chains}
    assert checked[RETENTION_RUNS] == 1
    assert checked[TOMBSTONES] == expected.case_events + expected.case_access_log
    with sessions() as session:
        runs = {tombstone.retention_run_id for tombstone in session.scalars(select(AuditTombstone))}
        heads = {head.chain: head.last_id for head in session.scalars(select(AuditChainHead))}
    assert runs == {report.run_id}
    assert heads[RETENTION_RUNS] == report.run_id
    # A run's record says how many rows of each chain it pruned; its tombstones must agree. A tombstone
    # added through the program's own append (the key in hand) but outside a run shows there.
    kept = max(_ids(engine, "SELECT id FROM case_events"))
    with sessions.begin() as session:
        event = session.get(CaseEvent, kept)
        assert event is not None
        stray = {
            "pruned_chain": CASE_EVENTS,
            "pruned_id": kept,
            "pruned_prev_hash": event.prev_hash,
            "pruned_row_hash": event.row_hash,
            "retention_run_id": report.run_id,
        }
        append(session, TOMBSTONES, [stray])
        session.execute(text("DELETE FROM case_events WHERE id = :id"), {"id": kept})
    problem = _verify(sessions).first_problem
    assert problem is not None
    assert (problem.chain, problem.kind) == (TOMBSTONES, ProblemKind.UNRECORDED)
    assert problem.message == (
        f"retention run {report.run_id} deleted {expected.case_events} case_events rows,"
        f" but {expected.case_events + 1} tombstones name it"
    )


def test_the_run_counts_name_the_chains_verify_checks() -> None:
    assert set(PRUNED_COUNTS.values()) <= set(RetentionCounts().as_json())


def test_cases_about_a_leak_incident_stay_with_it(
    engine: Engine, sessions: sessionmaker[Session], world: World
) -> None:
    from desk_app.services.incidents.register import IncidentFields, open_incident
    from desk_app.storage.models import Incident, IncidentCase, IncidentSuspiciousLink, SuspiciousReport

    before = _plan(sessions)
    with sessions.begin() as session:
        fields = IncidentFields(title="委託先からの流出", discovered_at=_years_ago(6), categories=frozenset())
        open_incident(session, world.agent, fields, now=NOW)
        incident = session.scalars(select(Incident.id)).one()
        report = session.scalars(
            select(SuspiciousReport.id).where(SuspiciousReport.case_id == world.old_report)
        ).one()
        # A question asked about the incident, and a suspicious-contact report judged connected to it.
        session.add(IncidentCase(case_id=world.old_closed, incident_id=incident))
        session.add(
            IncidentSuspiciousLink(
                suspicious_report_id=report, incident_id=incident, linked_at=NOW, linked_by_id=world.agent
            )
        )
    counts = _plan(sessions)
    assert (counts.cases, counts.suspicious_reports) == (before.cases - 2, before.suspicious_reports - 1)
    assert _run(sessions).counts == counts
    assert {world.old_closed, world.old_report} <= _ids(engine, "SELECT id FROM cases")
    assert _verify(sessions).intact
