"""Benchmark: attaching a CP932 list of 100,000 customer numbers to a leak incident, then the same list again;
and attaching the 100,000 customers a saved search finds (one web order each in July, among customers who
ordered in July or August) to a second incident, then again.

The goals: the first attachment at 20,000 numbers/s or more, the second (every customer already attached,
nothing written but the access-log entry) at 40,000/s or more, the same rates for the saved search, and
memory that grows with the distinct numbers only, never with their rows (the peak resident size is
printed; compare `--numbers 20000` with the default). Rates are given by the clock and by the process's CPU
time, with the load average beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import case, insert, literal, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, OrderChannel
from desk_app.domain.incidents import LeakCategory
from desk_app.domain.selections import CustomerSelection
from desk_app.services.incidents.affected import AttachReport, attach_csv, attach_search
from desk_app.services.incidents.register import IncidentFields, open_incident
from desk_app.services.incidents.saved_searches import save_search
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Agent, Customer, Order, UtcDateTime

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
DEFAULT_NUMBERS = 100_000
SMALL_NUMBERS = 1_000
# The list names one customer in two of those on file, and repeats one number in twenty.
CUSTOMERS_PER_NUMBER = 2
REPEATED_SHARE = 0.05
GOAL_FIRST = 20_000  # numbers/s
GOAL_AGAIN = 40_000  # numbers/s
LOAD_BATCH = 20_000


def _peak_rss_mib() -> float:
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _customers(sessions: sessionmaker[Session], count: int) -> int:
    """`count` customers with an address, and a supervisor; the supervisor's id."""
    with sessions.begin() as session:
        supervisor = Agent(
            login="kimura", display_name="木村 主任", role=AgentRole.SUPERVISOR, created_at=NOW
        )
        session.add(supervisor)
        for first in range(0, count, LOAD_BATCH):
            session.execute(
                insert(Customer),
                [
                    {
                        "customer_no": str(10_000_000 + i),
                        "name": "山田 太郎",
                        "postal_code": "1000001",
                        "prefecture": "東京都",
                        "city": "千代田区",
                        "street": "千代田1-1",
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                    for i in range(first, min(first + LOAD_BATCH, count))
                ],
            )
        session.flush()
        # One web order each: in July for every other customer (whom the saved search finds), else August.
        july, august = (dt.datetime(2026, month, 15, 3, 0, tzinfo=dt.UTC) for month in (7, 8))
        session.execute(
            insert(Order).from_select(
                ["order_no", "customer_id", "ordered_at", "channel", "amount_yen"],
                select(
                    literal("B") + Customer.customer_no,
                    Customer.id,
                    case(
                        (Customer.id % CUSTOMERS_PER_NUMBER == 0, literal(july, UtcDateTime())),
                        else_=literal(august, UtcDateTime()),
                    ),
                    literal(OrderChannel.WEB.value),
                    literal(1000),
                ),
            )
        )
        return supervisor.id


def _write_list(path: Path, numbers: int, customers: int) -> None:
    rnd = random.Random(1)
    chosen = rnd.sample(range(customers), numbers)
    repeats = rnd.sample(chosen, int(numbers * REPEATED_SHARE))
    listed = chosen + repeats
    rnd.shuffle(listed)
    with path.open("w", encoding="cp932", newline="") as stream:
        stream.write("顧客番号,氏名\r\n")
        stream.writelines(f"{10_000_000 + i},\r\n" for i in listed)


def _timed(
    sessions: sessionmaker[Session], agent_id: int, incident_no: str, source: Path | int
) -> tuple[AttachReport, float]:
    """Attach the list at `source`, or the saved search of that id."""
    cpu = time.process_time()
    with sessions.begin() as session:
        if isinstance(source, Path):
            report = attach_csv(session, agent_id, incident_no, source, now=NOW)
        else:
            report = attach_search(session, agent_id, incident_no, source, now=NOW)
    return report, time.process_time() - cpu


def _line(label: str, report: AttachReport, cpu_seconds: float, goal: int) -> None:
    rate = report.read / max(report.seconds, 1e-9)
    cpu_rate = report.read / max(cpu_seconds, 1e-9)
    print(
        f"{label:<10} {report.seconds:8.2f} s  {rate:>9,.0f} rows/s ({rate / goal:4.2f} x the goal of"
        f" {goal:,})  CPU {cpu_seconds:.2f} s: {cpu_rate:>9,.0f} rows/s ({cpu_rate / goal:4.2f} x)"
        f"  peak RSS {_peak_rss_mib():,.0f} MiB"
    )
    print(
        f"{'':<10} attached {report.attached:,}, already attached {report.already_attached:,},"
        f" repeated {report.repeated:,}, wrong lines {len(report.problems):,}"
    )


def run(url: str, numbers: int) -> int:
    engine = make_engine(url)
    try:
        upgrade(engine)
        sessions = session_factory(engine)
        customers = numbers * CUSTOMERS_PER_NUMBER
        started = time.perf_counter()
        agent_id = _customers(sessions, customers)
        fields = IncidentFields(
            title="委託先サーバーへの不正アクセス",
            discovered_at=NOW - dt.timedelta(days=1),
            categories=frozenset({LeakCategory.IMPROPER_PURPOSE}),
        )
        july_web = CustomerSelection(
            ordered_from=dt.date(2026, 7, 1),
            ordered_to=dt.date(2026, 7, 31),
            order_channels=(OrderChannel.WEB,),
        )
        with sessions.begin() as session:
            incident_no = open_incident(session, agent_id, fields, now=NOW)
            searched_no = open_incident(session, agent_id, fields, now=NOW)
            search_id = save_search(session, agent_id, "7月のWeb注文", july_web, now=NOW).id
        print(f"customers   {customers:,} loaded in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory(prefix="bench_incident_attach_") as folder:
            listing = Path(folder, "affected.csv")
            _write_list(listing, numbers, customers)
            print(
                f"list        {numbers:,} numbers (+{int(numbers * REPEATED_SHARE):,} repeated),"
                f" {listing.stat().st_size / 2**20:,.1f} MiB CP932; peak RSS so far"
                f" {_peak_rss_mib():,.0f} MiB"
            )
            print(f"load        {_load()} (1, 5, 15 min) on {os.cpu_count()} CPUs before attaching")
            first, first_cpu = _timed(sessions, agent_id, incident_no, listing)
            again, again_cpu = _timed(sessions, agent_id, incident_no, listing)
            searched, searched_cpu = _timed(sessions, agent_id, searched_no, search_id)
            searched_again, searched_again_cpu = _timed(sessions, agent_id, searched_no, search_id)
        print(f"load        {_load()} (1, 5, 15 min) after")
        print(f"database    {engine.url.render_as_string(hide_password=True)}")
        _line("attach", first, first_cpu, GOAL_FIRST)
        _line("again", again, again_cpu, GOAL_AGAIN)
        _line("search", searched, searched_cpu, GOAL_FIRST)
        _line("again", searched_again, searched_again_cpu, GOAL_AGAIN)
        ok = (
            first.committed
            and first.attached == numbers
            and again.committed
            and (again.attached, again.already_attached) == (0, numbers)
            and searched.committed
            and searched.attached == customers // CUSTOMERS_PER_NUMBER
            and (searched_again.attached, searched_again.already_attached) == (0, searched.attached)
        )
        return 0 if ok else 1
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--numbers", type=int, help=f"default: {DEFAULT_NUMBERS:,}")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file, removed afterwards)")
    parser.add_argument("--small", action="store_true", help=f"{SMALL_NUMBERS:,} numbers on temporary SQLite")
    args = parser.parse_args(argv)
    if args.small and (args.db or args.numbers is not None):
        parser.error("--small sets the numbers and the database; leave out --numbers and --db")
    numbers = SMALL_NUMBERS if args.small else args.numbers or DEFAULT_NUMBERS
    if args.db:
        return run(args.db, numbers)
    with tempfile.TemporaryDirectory(prefix="bench_incident_attach_db_") as folder:
        return run(f"sqlite:///{Path(folder, 'desk.sqlite3').as_posix()}", numbers)


if __name__ == "__main__":
    sys.exit(main())
