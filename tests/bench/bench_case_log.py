"""Case log and dashboard speed at 1,000,000 cases: first page, filter and sort changes, scrolling, counts.

    .venv/bin/python tests/bench/bench_case_log.py                                  # 1,000,000 cases (SQLite)
    .venv/bin/python tests/bench/bench_case_log.py --keep cases-1m.sqlite3          # generated once, reused
    .venv/bin/python tests/bench/bench_case_log.py --small                          # 20,000 cases (CI)
    .venv/bin/python tests/bench/bench_case_log.py --db postgresql+psycopg://…      # filled when empty
    .venv/bin/python tests/bench/bench_case_log.py --explain                        # plus the query plans

Without --db or --keep the SQLite database is generated into a new temporary folder and removed at the
end; `--keep PATH` generates it once into PATH and reuses it. Building a million cases takes about half a
minute (executemany, indexes built after; COPY on PostgreSQL). Each figure is a new session and one
call, as the UI's background runner makes it: the first call, then the median of the repeats.
Targets: first page and each filter change ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from desk_app.demo.loader import DAY, Row, _Clock, _Loader, _PostgresLoader, _SqliteLoader
from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.services.admin import dashboard
from desk_app.services.cases.log import (
    _conditions,
    _ordered,
    _statement,
    case_log_page,
    count_cases,
    export_cases,
)
from desk_app.services.cases.log_filters import CaseLogCursor, CaseLogFilter, CaseLogSort
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)
DEFAULT_CASES = 1_000_000
SMALL_CASES = 20_000
PAGE = 100
REPEATS = 7
TARGET_MS = 300.0
# How often each kind comes in, by kind: a kind added to the desk must be given its share here.
KIND_SHARES = {
    CaseKind.DISCLOSURE: 25,
    CaseKind.PROVISION_DISCLOSURE: 8,
    CaseKind.CORRECTION: 15,
    CaseKind.SUSPENSION: 25,
    CaseKind.DELETION: 8,
    CaseKind.COMPLAINT: 8,
    CaseKind.SUSPICIOUS_REPORT: 11,
    CaseKind.STOP_PROVISION: 4,
    CaseKind.PURPOSES_NOTICE: 2,
    CaseKind.FOREIGN_TRANSFER: 1,
    CaseKind.JOINT_USE: 2,
    CaseKind.LEAK_INQUIRY: 1,
}
assert set(KIND_SHARES) == set(CaseKind), "give every case kind its share in KIND_SHARES"
KINDS = [kind.value for kind in KIND_SHARES]
KIND_WEIGHTS = list(KIND_SHARES.values())
OPEN_STATES = [
    "received",
    "identity_pending",
    "identity_verified",
    "fee_pending",
    "in_progress",
    "awaiting_approval",
]
SUMMARIES = [
    "保有個人データの開示請求",
    "カタログ送付の停止依頼",
    "住所の訂正依頼",
    "会員情報の削除請求",
    "電話対応への苦情",
    "当社を名乗る不審なSMSの通報",
    "第三者提供記録の開示請求",
]
AGENTS = 10
AGENT_COLUMNS = ("id", "login", "display_name", "role", "active", "created_at")
CUSTOMER_COLUMNS = ("id", "customer_no", "state", "created_at", "updated_at", "row_version")
CASE_COLUMNS = (
    "id",
    "case_no",
    "kind",
    "state",
    "customer_id",
    "opened_by_id",
    "assigned_to_id",
    "received_at",
    "due_on",
    "closed_at",
    "summary",
    "details",
    "row_version",
)
NO_FILTER = CaseLogFilter()
SUPERVISORS = 2


def _rss_mib() -> float | None:
    """The resident set now (Linux), else the peak (other Unix); None on Windows."""
    try:
        with open("/proc/self/statm") as statm:
            import os

            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _generate(engine: Engine, count: int, seed: int) -> float:
    """Agents, a customer per four cases, and `count` cases, bulk-loaded; returns the seconds taken."""
    started = time.perf_counter()
    rng = random.Random(seed)
    rnd = rng.random
    loader: _Loader = (
        _PostgresLoader(engine) if engine.dialect.name == "postgresql" else _SqliteLoader(engine)
    )
    failed = True
    try:
        if loader.begin() is not None:
            raise SystemExit("the database already holds demo rows; give an empty one")
        clock = _Clock(NOW, loader.time_suffix)
        created = clock.at(0)
        staff = [(n, f"agent{n}", f"担当 {n:02d}", "agent", True, created) for n in range(1, AGENTS + 1)]
        bosses = [
            (AGENTS + n, f"super{n}", f"監督 {n}", "supervisor", True, created)
            for n in range(1, SUPERVISORS + 1)
        ]
        # Named columns: whatever else the tables gain later is filled from the models' definitions.
        loader.write_named("agents", AGENT_COLUMNS, [*staff, *bosses])
        customers = max(1, count // 4)
        loader.write_named(
            "customers",
            CUSTOMER_COLUMNS,
            (
                (i, f"{10_000_000 + i}", "erased" if i % 50 == 0 else "active", created, created, 1)
                for i in range(1, customers + 1)
            ),
        )
        drafts: list[tuple[int, Row]] = []
        for _ in range(count):
            kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
            recent = rnd() < 0.08
            back = rnd() * 60 if recent else 60 + rnd() * (5 * 365 - 60)
            received = clock.now_key - int(back * DAY) - 120
            still_open = rnd() < (0.45 if recent else 0.01)
            if still_open:
                state, closed = rng.choice(OPEN_STATES), None
            else:
                pick = rnd()
                state = "completed" if pick < 0.85 else "refused" if pick < 0.9 else "withdrawn"
                closed = clock.at(min(received + int((1 + rnd() * 20) * DAY), clock.now_key - 60))
            assigned = None if state == "received" and rnd() < 0.5 else 1 + int(rnd() * AGENTS)
            customer = None if rnd() < 0.2 else 1 + int(rnd() * customers)
            due = (clock.in_japan(received).date() + dt.timedelta(days=14)).isoformat()
            row = (
                kind,
                state,
                customer,
                1 + int(rnd() * AGENTS),
                assigned,
                clock.at(received),
                due,
                closed,
                rng.choice(SUMMARIES),
                "{}",
                1,
            )
            drafts.append((received, row))
        drafts.sort(key=lambda draft: draft[0])
        rows, per_year = [], {}
        for case_id, (received, row) in enumerate(drafts, start=1):
            year = clock.in_japan(received).year
            per_year[year] = per_year.get(year, 0) + 1
            rows.append((case_id, f"{year}-{per_year[year]:06d}", *row))
        del drafts
        for start in range(0, len(rows), 100_000):
            loader.write_named("cases", CASE_COLUMNS, rows[start : start + 100_000])
        loader.finish()
        if engine.dialect.name == "sqlite":
            loader.db.execute("ANALYZE")
            loader.db.commit()
        failed = False
    finally:
        loader.close(failed)
    return time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:8.1f} ms"


def _measure(label: str, work: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    verdict = "" if median <= TARGET_MS / 1e3 else "  (over 300 ms)"
    print(f"  {label:<46} first {_ms(times[0])}   median {_ms(median)}{verdict}")
    return median


def _explain(engine: Engine, where: CaseLogFilter, sort: CaseLogSort, role: AgentRole) -> None:
    statement = _ordered(
        _statement(_conditions(viewer_id=1, viewer_role=role, where=where, today=TODAY)), sort, None
    ).limit(PAGE + 1)
    compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        plan = [
            " ".join(str(part) for part in row) for row in connection.execute(text(prefix + str(compiled)))
        ]
    print(f"    plan: {where.used() or ('no filter',)} {sort.value} as {role.value}")
    for line in plan:
        print(f"      {line}")


@contextmanager
def bench_database(db: str | None, keep: Path | None) -> Iterator[Engine]:
    """The engine for `db`, for the SQLite file `keep` (generated once, reused), else for a fresh file.

    The fresh file lives in a new temporary folder removed afterwards: nothing is cached between runs
    unless asked for with --keep, so a schema change can never hide behind an old database.
    """
    if db and keep:
        raise SystemExit("--db and --keep both name the database: give one")
    if db or keep:
        engine = make_engine(db or f"sqlite:///{Path(keep or '').resolve().as_posix()}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="bench_case_log_") as folder:
        engine = make_engine(f"sqlite:///{Path(folder, 'cases.sqlite3').as_posix()}")
        try:
            yield engine
        finally:
            engine.dispose()


def ensure_cases(engine: Engine, cases: int, seed: int) -> None:
    """Brings the schema up to date and generates `cases` cases when the database holds none."""
    upgrade(engine)
    with engine.connect() as connection:
        held = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
    if not held:
        print(f"generating {cases:,} cases …", file=sys.stderr, flush=True)
        print(f"  done in {_generate(engine, cases, seed):.0f} s", file=sys.stderr)


def run(engine: Engine, *, cases: int, seed: int, explain: bool) -> int:
    rss_start = _rss_mib()
    ensure_cases(engine, cases, seed)
    factory: sessionmaker[Session] = session_factory(engine)
    with engine.connect() as connection:
        held = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
        supervisor = connection.execute(text("SELECT id FROM agents WHERE role = 'supervisor'")).scalar()
        agent = connection.execute(text("SELECT id FROM agents WHERE role = 'agent' ORDER BY id")).scalar()
        customer_no = connection.execute(
            text(
                "SELECT c.customer_no FROM customers c JOIN cases k ON k.customer_id = c.id"
                " WHERE c.state = 'active' ORDER BY k.id DESC LIMIT 1"
            )
        ).scalar()
    print(f"database      {engine.url.render_as_string(hide_password=True)}")
    print(f"rows          {held:,} cases")
    rss_ready = _rss_mib()
    assert supervisor is not None
    assert agent is not None

    def page(
        where: CaseLogFilter = NO_FILTER,
        sort: CaseLogSort = CaseLogSort.RECEIVED_NEWEST,
        *,
        after: CaseLogCursor | None = None,
        role: AgentRole = AgentRole.SUPERVISOR,
    ) -> Any:
        viewer = supervisor if role is not AgentRole.AGENT else agent
        with factory.begin() as session:
            return case_log_page(
                session,
                viewer_id=viewer,
                viewer_role=role,
                filter=where,
                sort=sort,
                after=after,
                limit=PAGE,
                today=TODAY,
            )

    started = time.perf_counter()
    page()
    print(f"\nfirst page in this process (incl. connecting)  {_ms(time.perf_counter() - started)}")
    print(f"\nopening the log ({PAGE} rows a page)")
    _measure("supervisor, newest received first", page)
    _measure("agent (own and unassigned)", lambda: page(role=AgentRole.AGENT))
    month_ago = TODAY - dt.timedelta(days=30)
    filters = [
        ("kind: deletion", CaseLogFilter(kind=CaseKind.DELETION)),
        ("state: awaiting approval", CaseLogFilter(state=CaseState.AWAITING_APPROVAL)),
        ("state: refused", CaseLogFilter(state=CaseState.REFUSED)),
        ("open only", CaseLogFilter(open_only=True)),
        ("overdue", CaseLogFilter(overdue=True)),
        ("due within 3 days", CaseLogFilter(due_within_days=3)),
        ("agent: agent1", CaseLogFilter(assigned_to_id=agent)),
        ("received in the last 30 days", CaseLogFilter(received_from=month_ago, received_to=TODAY)),
        (
            "received in November 2023",
            CaseLogFilter(received_from=dt.date(2023, 11, 1), received_to=dt.date(2023, 11, 30)),
        ),
        ("customer number", CaseLogFilter(customer_no=customer_no)),
        ("text: case-number prefix 2024-0012", CaseLogFilter(text="2024-0012")),
        ("text: customer number", CaseLogFilter(text=customer_no)),
        ("text: summary word 苦情", CaseLogFilter(text="苦情")),
        ("kind: complaint + overdue", CaseLogFilter(kind=CaseKind.COMPLAINT, overdue=True)),
    ]
    print("\nfilter changes (newest received first / soonest due first)")
    for label, where in filters:
        _measure(label, lambda where=where: page(where))
        _measure(f"{label}, by due date", lambda where=where: page(where, CaseLogSort.DUE_SOONEST), 3)
    print("\nsort changes")
    for sort in CaseLogSort:
        _measure(sort.value, lambda sort=sort: page(sort=sort))
        _measure(f"{sort.value}, open only", lambda sort=sort: page(CaseLogFilter(open_only=True), sort), 3)
    print("\nscrolling 20 pages")
    for sort, where in (
        (CaseLogSort.RECEIVED_NEWEST, CaseLogFilter()),
        (CaseLogSort.DUE_SOONEST, CaseLogFilter(open_only=True)),
        (CaseLogSort.RECEIVED_OLDEST, CaseLogFilter(kind=CaseKind.CORRECTION)),
    ):
        times, cursor = [], None
        for _ in range(20):
            started = time.perf_counter()
            result = page(where, sort, after=cursor)
            times.append(time.perf_counter() - started)
            cursor = result.next_cursor
            if cursor is None:
                break
        print(
            f"  {sort.value + ' ' + ','.join(where.used()):<46} per page median"
            f" {_ms(statistics.median(times))}"
            f"   slowest {_ms(max(times))}"
        )
    print("\ncounts (asked for apart by the UI)")
    for label, where in (
        ("all", CaseLogFilter()),
        ("open only", CaseLogFilter(open_only=True)),
        ("overdue", CaseLogFilter(overdue=True)),
        ("kind: deletion", CaseLogFilter(kind=CaseKind.DELETION)),
    ):

        def count(where: CaseLogFilter = where) -> int:
            with factory.begin() as session:
                return count_cases(
                    session, viewer_id=supervisor, viewer_role=AgentRole.SUPERVISOR, filter=where, today=TODAY
                )

        _measure(f"{label} ({count():,})", count, 3)
    print("\ndashboard")
    for label, figure in (
        (
            "open cases by kind and state",
            lambda s: dashboard.open_cases_by_kind_and_state(s, viewer_id=supervisor),
        ),
        ("ageing buckets", lambda s: dashboard.ageing_buckets(s, viewer_id=supervisor, today=TODAY)),
        (
            "overdue trend, 8 weeks",
            lambda s: dashboard.overdue_trend(s, viewer_id=supervisor, points=8, today=TODAY),
        ),
        (
            "overdue trend, 30 days",
            lambda s: dashboard.overdue_trend(
                s, viewer_id=supervisor, points=30, step=dashboard.TrendStep.DAY, today=TODAY
            ),
        ),
        (
            "handled per agent, last 30 days",
            lambda s: dashboard.handled_per_agent(s, viewer_id=supervisor, since=month_ago, until=TODAY),
        ),
    ):

        def draw(figure: Callable[[Session], object] = figure) -> object:
            with factory.begin() as session:
                return figure(session)

        _measure(label, draw, 3)
    print("\nexport (CSV into memory, streamed a page at a time)")
    for label, where in (
        ("open cases", CaseLogFilter(open_only=True)),
        ("received in the last 30 days", CaseLogFilter(received_from=month_ago)),
    ):
        buffer = io.StringIO()
        started = time.perf_counter()
        with factory.begin() as session:
            written = export_cases(
                session,
                buffer,
                viewer_id=supervisor,
                viewer_role=AgentRole.SUPERVISOR,
                filter=where,
                today=TODAY,
            )
        seconds = time.perf_counter() - started
        print(f"  {label:<46} {written:,} rows in {_ms(seconds)} ({written / seconds:,.0f} rows/s)")
    if explain:
        print("\nquery plans")
        for where in (
            CaseLogFilter(),
            CaseLogFilter(overdue=True),
            CaseLogFilter(customer_no=customer_no),
            CaseLogFilter(received_from=dt.date(2023, 11, 1), received_to=dt.date(2023, 11, 30)),
        ):
            for sort in (CaseLogSort.RECEIVED_NEWEST, CaseLogSort.DUE_SOONEST):
                _explain(engine, where, sort, AgentRole.SUPERVISOR)
        _explain(engine, CaseLogFilter(), CaseLogSort.RECEIVED_NEWEST, AgentRole.AGENT)
    rss_end = _rss_mib()
    if rss_start is not None and rss_ready is not None and rss_end is not None:
        print(
            f"\nmemory        {rss_start:,.0f} MiB at start, {rss_ready:,.0f} MiB with the database open,"
            f" {rss_end:,.0f} MiB at the end: grew {rss_end - rss_ready:+,.0f} MiB while measuring"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, help=f"when generating (default {DEFAULT_CASES:,})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (generated into when it holds no cases)")
    parser.add_argument("--keep", metavar="PATH", type=Path, help="SQLite file generated once and reused")
    parser.add_argument("--small", action="store_true", help=f"{SMALL_CASES:,} cases (CI)")
    parser.add_argument("--explain", action="store_true", help="print the query plans of the main pages")
    args = parser.parse_args(argv)
    if args.small and (args.cases or args.keep or args.db):
        parser.error("--small makes its own database of its own size: give no --cases, --keep or --db")
    cases = SMALL_CASES if args.small else args.cases or DEFAULT_CASES
    with bench_database(args.db, args.keep) as engine:
        return run(engine, cases=cases, seed=args.seed, explain=args.explain)


if __name__ == "__main__":
    sys.exit(main())
