"""Screen pop and search speed at scale, beside the same screen pop in bare DB-API SQL as the floor.

    .venv/bin/python tests/bench/bench_screen_pop.py --keep /tmp/desk-1m.sqlite3   # 1,000,000 customers
    .venv/bin/python tests/bench/bench_screen_pop.py --db postgresql+psycopg://…    # an existing database
    .venv/bin/python tests/bench/bench_screen_pop.py --small                        # 2,000 customers (CI)

An empty database is filled with demo data first (about 70 s for a million customers on SQLite);
`--keep PATH` keeps that SQLite file for the next run. Each screen pop is timed as the desk runs it:
a new session, normalise, match, the whole record, the access-log entry, commit; and again on a call
(linking the call's row to a single match), as the desk pops a ring. The floor sends the same read (the
pop's own statement, as SQLAlchemy compiles it) and the same insert on the driver's own connection, from
the E.164 form (normalising excluded; its cost is printed on its own line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import Engine, delete, text, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.audit.canonical import ACCESS_LOG, chain_rows
from desk_app.audit.errors import HeadSealBroken
from desk_app.audit.key import current
from desk_app.callerid.events import call_event
from desk_app.demo import vocabulary
from desk_app.demo.generator import generate_demo_data
from desk_app.domain.enums import CallSource, CallState
from desk_app.domain.phones import normalise
from desk_app.services.customers.calls import record_call_event
from desk_app.services.customers.screen_pop import _POP as POP_STATEMENT
from desk_app.services.customers.screen_pop import PopOutcome, screen_pop
from desk_app.services.customers.search import search_customers
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import AccessLogEntry, CallRecord, table_of

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
DEFAULT_CUSTOMERS = 1_000_000
SMALL_CUSTOMERS = 2_000
# Of the rings timed: a single customer, a household landline, a number nobody holds.
MIX = (0.7, 0.1, 0.2)

# The floor's access-log append ('?' becomes '%s' for psycopg): the chain's head locked and its seal
# checked, the entries with their hashes, the head moved on and sealed, as desk_app.audit.append does; its
# read is the pop's own statement.
FLOOR_LOCK = {
    "sqlite": "UPDATE audit_chain_heads SET last_id = last_id WHERE chain = 'access_log'"
    " RETURNING last_id, last_hash, seal",
    "postgresql": "SELECT last_id, last_hash, seal FROM audit_chain_heads ORDER BY chain FOR UPDATE",
}
FLOOR_LOG = (
    "INSERT INTO access_log (id, at, agent_id, customer_id, case_id, call_id, call_ref, action, detail,"
    " row_hash, prev_hash)"
    " VALUES (?, ?, ?, ?, NULL, NULL, 0, 'view', ?, ?, ?)"
)
FLOOR_HEAD = "UPDATE audit_chain_heads SET last_id = ?, last_hash = ?, seal = ? WHERE chain = 'access_log'"
# Rings timed on a call (each with its call-log row, as the desk pops them): fewer, as each adds a row.
ON_CALL_SAMPLES = 1000


def _percentiles(seconds: list[float]) -> tuple[float, float, float]:
    ordered = sorted(seconds)
    pick = lambda share: ordered[min(len(ordered) - 1, int(share * len(ordered)))]  # noqa: E731
    return statistics.median(ordered) * 1e6, pick(0.95) * 1e6, pick(0.99) * 1e6


def _line(label: str, seconds: list[float]) -> tuple[float, float, float]:
    median, p95, p99 = _percentiles(seconds)
    print(f"{label:<34}median {median:>9,.0f} µs   p95 {p95:>9,.0f} µs   p99 {p99:>9,.0f} µs")
    return median, p95, p99


def _parse_alone(ring: str) -> object:
    try:
        return phonenumbers.parse(ring, "JP")
    except phonenumbers.NumberParseException:
        return None


def _timed(work: Callable[[Any], object], samples: Sequence[Any]) -> list[float]:
    times = []
    for sample in samples:
        started = time.perf_counter()
        work(sample)
        times.append(time.perf_counter() - started)
    return times


def _rings(engine: Engine, count: int, rng: random.Random) -> list[str]:
    """Numbers as callers' phones send them: the stored raw text of held numbers, and numbers nobody holds."""
    with engine.connect() as connection:
        top = connection.execute(text("SELECT max(id) FROM phones")).scalar_one()
        shared = [
            raw
            for (raw,) in connection.execute(
                text(
                    "SELECT min(raw) FROM phones GROUP BY e164 HAVING count(*) > 1"
                    " ORDER BY min(id) LIMIT 5000"
                )
            )
        ]
        singles: list[str] = []
        while len(singles) < count:
            ids = [rng.randint(1, top) for _ in range(count)]
            rows = connection.execute(
                text(
                    "SELECT raw FROM phones p WHERE p.id IN ({}) AND (SELECT count(*) FROM phones q"
                    " WHERE q.e164 = p.e164) = 1".format(",".join(map(str, ids)))
                )
            )
            singles += [raw for (raw,) in rows]
        misses: list[str] = []
        while len(misses) < count * MIX[2] + 1:
            held = normalise(rng.choice(singles)).national
            candidate = held[:-4] + f"{rng.randrange(10_000):04d}"
            e164 = normalise(candidate).e164
            found = connection.execute(text("SELECT 1 FROM phones WHERE e164 = :e"), {"e": e164}).first()
            if found is None:
                misses.append(candidate)
    kinds = rng.choices(range(3), weights=MIX, k=count)
    pools = (singles, shared or singles, misses)
    return [rng.choice(pools[kind]) for kind in kinds]


def _driver_statement(engine: Engine, statement: Any) -> tuple[str, Callable[[dict[str, Any]], Any]]:
    """The SQL SQLAlchemy sends for `statement`, and what turns parameters into the driver's own."""
    compiled = statement.compile(dialect=engine.dialect)
    # Each fixed value as the driver gets it: through its type's bind processor (an enumeration's value, a
    # JSON path as the dialect writes one), as SQLAlchemy would send it.
    processors = compiled._bind_processors
    fixed = {
        name: processors[name](value) if name in processors else value
        for name, value in compiled.construct_params({"e164": ""}).items()
    }
    fixed = {name: value.value if isinstance(value, enum.Enum) else value for name, value in fixed.items()}
    if compiled.positiontup is None:
        return compiled.string, lambda given: {**fixed, **given}
    order = list(compiled.positiontup)
    return compiled.string, lambda given: [given.get(name, fixed[name]) for name in order]


def _floor(engine: Engine, agent_id: int) -> tuple[Callable[[str], object], Callable[[], None]]:
    raw = engine.raw_connection()
    db: Any = raw.driver_connection
    if engine.dialect.name == "sqlite":
        db.isolation_level = None  # explicit BEGIN and COMMIT, as the session does
    # The very statement screen_pop sends (match and record in one), on the driver's own connection.
    read, parameters = _driver_statement(engine, POP_STATEMENT)
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    lock, log, move = (
        FLOOR_LOCK[engine.dialect.name],
        FLOOR_LOG.replace("?", mark),
        FLOOR_HEAD.replace("?", mark),
    )
    stamp = "2026-11-26 03:00:00.000000" if engine.dialect.name == "sqlite" else NOW
    key = current()

    def pop(e164: str) -> object:
        cursor = db.cursor()
        cursor.execute("BEGIN")
        cursor.execute(read, parameters({"e164": e164}))
        ids = list(dict.fromkeys(row[0] for row in cursor.fetchall()))
        detail = "screen pop" if len(ids) == 1 else "chooser"
        if ids:
            cursor.execute(lock)
            # The access log's head is the only one on SQLite, and sorts first of them on PostgreSQL.
            last_id, last_hash, seal = cursor.fetchall()[0]
            if not key.holds_seal(ACCESS_LOG, last_id, last_hash, seal):
                raise HeadSealBroken(ACCESS_LOG)
            rows = [
                {"at": NOW, "agent_id": agent_id, "customer_id": customer_id, "case_id": None}
                | {"action": "view", "detail": detail}
                for customer_id in ids
            ]
            last_id, last_hash = chain_rows(ACCESS_LOG, rows, last_id=last_id, last_hash=last_hash)
            cursor.executemany(
                log,
                [
                    (
                        row["id"],
                        stamp,
                        agent_id,
                        row["customer_id"],
                        detail,
                        row["row_hash"],
                        row["prev_hash"],
                    )
                    for row in rows
                ],
            )
            cursor.execute(move, (last_id, last_hash, key.seal(ACCESS_LOG, last_id, last_hash)))
        cursor.execute("COMMIT")
        cursor.close()
        return len(ids)

    return pop, raw.close


def _on_call(factory: sessionmaker[Session], rings: Sequence[str], agent_id: int) -> list[float]:
    """The pop as the desk runs it on a ring: with the call's row, which a single match is linked to.

    The call's row is written first, in a session of its own, untimed (the desk writes it in the same
    session, but that write is the caller log's cost, not the pop's). The calls are removed afterwards,
    as a purge would remove them, so that a kept database shows no benchmark in its caller log."""
    times, calls = [], []
    run = time.time_ns()  # call ids of their own: a call id seen again within hours joins the old row
    for n, ring in enumerate(rings):
        event = call_event(
            call_id=f"bench-{run}-{n}", state=CallState.RINGING, source=CallSource.CTI, number=ring
        )
        with factory.begin() as session:
            calls.append(record_call_event(session, event))
        started = time.perf_counter()
        with factory.begin() as session:
            screen_pop(session, ring, agent_id=agent_id, call_id=calls[-1])
        times.append(time.perf_counter() - started)
    calls_table, log_table = table_of(CallRecord), table_of(AccessLogEntry)
    with factory.begin() as session:
        session.execute(update(log_table).where(log_table.c.call_id.in_(calls)).values(call_id=None))
        session.execute(delete(calls_table).where(calls_table.c.id.in_(calls)))
    return times


def _rss_mib() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(engine: Engine, *, customers: int, samples: int, seed: int, profile: bool) -> int:
    upgrade(engine)
    with engine.connect() as connection:
        held = connection.execute(text("SELECT count(*) FROM customers")).scalar_one()
    if not held:
        print(f"generating {customers:,} demo customers …", file=sys.stderr, flush=True)
        summary = generate_demo_data(engine, customers=customers, seed=seed, now=NOW)
        print(f"  done in {summary.seconds:.0f} s", file=sys.stderr)
    factory = session_factory(engine)
    rng = random.Random(seed)
    with engine.connect() as connection:
        counts = [
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("customers", "orders", "phones")
        ]
        agent_id = connection.execute(text("SELECT id FROM agents WHERE login = 'demo'")).scalar_one()
        postal_codes = [
            code
            for (code,) in connection.execute(
                text("SELECT postal_code FROM customers WHERE id % 997 = 1 AND postal_code IS NOT NULL")
            )
        ]
    print(f"database      {engine.url.render_as_string(hide_password=True)}")
    print(f"rows          {counts[0]:,} customers, {counts[1]:,} orders, {counts[2]:,} phones")
    rings = _rings(engine, samples, rng)
    e164s = [normalise(ring).e164 for ring in rings]

    def pop(ring: str) -> PopOutcome:
        with factory.begin() as session:
            return screen_pop(session, ring, agent_id=agent_id).outcome

    started = time.perf_counter()
    pop(rings[0])
    print(f"first screen pop in this process: {(time.perf_counter() - started) * 1e3:.1f} ms")
    floor, close_floor = _floor(engine, agent_id)
    for ring, e164 in zip(rings[:200], e164s[:200], strict=True):  # warm both paths and the page cache
        pop(ring)
        floor(e164)
    outcomes = [pop(ring) for ring in rings[:samples]]
    print(
        "rings         "
        + ", ".join(f"{outcome.value} {outcomes.count(outcome):,}" for outcome in PopOutcome)
        + f" (of {samples:,})"
    )
    # Interleaved, so that both see the same cache and the same machine load.
    pop_times: list[float] = []
    floor_times: list[float] = []
    for ring, e164 in zip(rings, e164s, strict=True):
        pop_times += _timed(pop, [ring])
        floor_times += _timed(floor, [e164])
    close_floor()
    normalise_times = _timed(normalise, rings)
    # normalise's own floor: phonenumbers' parser alone on the same rings (no validity check, no formats).
    parse_times = _timed(_parse_alone, rings)
    print()
    normalise_median, _, _ = _line("normalise (phonenumbers)", normalise_times)
    parse_median, _, _ = _line("floor: phonenumbers.parse alone", parse_times)
    print(f"{'ratio normalise / parse':<34}median {normalise_median / parse_median:>9.1f} ×")
    print(f"{'target normalise median ≤ 30 µs':<34}{'met' if normalise_median <= 30 else 'MISSED'}")
    floor_median, _, floor_p99 = _line("floor: bare DB-API, from E.164", floor_times)
    pop_median, _, pop_p99 = _line("screen_pop (whole, incl. commit)", pop_times)
    ratios = f"median {pop_median / floor_median:>9.1f} ×    p99 {pop_p99 / floor_p99:>9.1f} ×"
    print(f"{'ratio screen_pop / floor':<34}{ratios}")
    verdict = "met" if pop_median <= 2000 and pop_p99 <= 8000 else "MISSED"
    print(f"{'target median ≤ 2 ms, p99 ≤ 8 ms':<34}{verdict}")
    call_median, _, call_p99 = _line(
        "screen_pop on a call (links it)", _on_call(factory, rings[:ON_CALL_SAMPLES], agent_id)
    )
    print(f"{'':<34}{'met' if call_median <= 2000 and call_p99 <= 8000 else 'MISSED'}")
    print()
    kana = [
        "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in name.kana)
        for name in rng.sample(list(vocabulary.FAMILY_NAMES), min(60, len(vocabulary.FAMILY_NAMES)))
    ]
    for label, queries in (("search: kana prefix (hiragana)", kana), ("search: postal code", postal_codes)):
        queries = [rng.choice(queries) for _ in range(min(samples, 300))]

        def find(query: str) -> int:
            with factory.begin() as session:
                return len(search_customers(session, query, agent_id=agent_id).hits)

        for query in queries[:20]:
            find(query)
        median, _, _ = _line(label, _timed(find, queries))
        print(f"{'':<34}{'met' if median <= 50_000 else 'MISSED'} (target median ≤ 50 ms)")
    rss = _rss_mib()
    if rss is not None:
        print(
            f"\npeak memory   {rss:,.0f} MiB resident (this process, including the cache of its connections)"
        )
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(lambda: [pop(ring) for ring in rings[:1000]])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, help=f"when generating (default {DEFAULT_CUSTOMERS:,})")
    parser.add_argument("--samples", type=int, help="screen pops timed (default 5,000; 300 with --small)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (generated into when empty)")
    parser.add_argument("--keep", metavar="PATH", type=Path, help="SQLite file kept and reused between runs")
    parser.add_argument(
        "--small", action="store_true", help="2,000 customers in a temporary SQLite file (CI)"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of 1,000 screen pops")
    args = parser.parse_args(argv)
    if args.db and args.keep:
        parser.error("--db and --keep both name the database: give one")
    if args.small and (args.db or args.keep or args.customers):
        parser.error("--small sets the customers and the database")
    customers = SMALL_CUSTOMERS if args.small else args.customers or DEFAULT_CUSTOMERS
    samples = args.samples or (300 if args.small else 5_000)
    options = {"customers": customers, "samples": samples, "seed": args.seed, "profile": args.profile}
    if args.db or args.keep:
        engine = make_engine(args.db or f"sqlite:///{args.keep.resolve().as_posix()}")
        try:
            return run(engine, **options)
        finally:
            engine.dispose()
    with tempfile.TemporaryDirectory(prefix="bench_pop_") as folder:
        engine = make_engine(f"sqlite:///{Path(folder, 'desk.sqlite3').as_posix()}")
        try:
            return run(engine, **options)
        finally:
            engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
