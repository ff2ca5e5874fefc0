"""Benchmark: generate demo data into a fresh database and print how long it took and how big it got."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, text

from desk_app.demo.generator import DemoDataError, generate_demo_data
from desk_app.storage.engine import make_engine
from desk_app.storage.migrate import upgrade

# A fixed moment, so that every run of the benchmark writes exactly the same rows.
NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
DEFAULT_CUSTOMERS = 100_000
# The project's test command runs every benchmark with --small, so it must take seconds, not minutes.
SMALL_CUSTOMERS = 2_000


def _size_bytes(engine: Engine) -> int:
    if engine.dialect.name == "sqlite":
        database = Path(engine.url.database or "")
        return sum(p.stat().st_size for p in (database, Path(f"{database}-wal")) if p.exists())
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def _report_progress(done: int, total: int) -> None:
    print(f"  {done:>10,} / {total:,} customers", file=sys.stderr, flush=True)


def run(url: str, customers: int, seed: int) -> int:
    engine = make_engine(url)
    try:
        upgrade(engine)
        started = time.perf_counter()
        try:
            summary = generate_demo_data(
                engine, customers=customers, seed=seed, now=NOW, progress=_report_progress
            )
        except DemoDataError as error:
            print(f"bench_demo_data: {error}", file=sys.stderr)
            return 1
        engine.dispose()  # lets SQLite fold the write-ahead log into the database file
        wall = time.perf_counter() - started
        counts = (summary.customers, summary.phones, summary.orders, summary.order_lines)
        rows = sum(counts) + summary.provision_records + summary.cases + summary.agents
        print(f"database      {engine.url.render_as_string(hide_password=True)}")
        print(f"customers     {summary.customers:>12,}")
        print(f"phones        {summary.phones:>12,}")
        print(f"orders        {summary.orders:>12,}")
        print(f"order lines   {summary.order_lines:>12,}")
        print(f"provisions    {summary.provision_records:>12,}")
        print(f"cases         {summary.cases:>12,}")
        print(f"seconds       {summary.seconds:>12.1f}  (until committed; {wall:.1f} until closed)")
        print(f"rows/s        {rows / summary.seconds:>12,.0f}  ({rows:,} rows in all tables)")
        print(f"size          {_size_bytes(engine) / 2**20:>12,.1f} MiB")
        return 0
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, help=f"default: {DEFAULT_CUSTOMERS:,}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file, removed afterwards)")
    parser.add_argument(
        "--small", action="store_true", help="2,000 customers on a temporary SQLite file (the test command)"
    )
    args = parser.parse_args(argv)
    if args.small and (args.db or args.customers is not None):
        parser.error("--small sets the customers and the database; leave out --customers and --db")
    if args.small:
        customers = SMALL_CUSTOMERS
    else:
        customers = DEFAULT_CUSTOMERS if args.customers is None else args.customers
    if args.db:
        return run(args.db, customers, args.seed)
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as folder:
        return run(f"sqlite:///{Path(folder, 'demo.sqlite3').as_posix()}", customers, args.seed)


if __name__ == "__main__":
    sys.exit(main())
