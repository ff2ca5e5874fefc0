"""Benchmark: `desk-app import customers` of a generated CP932 export into an empty database, then again.

The goals: the first import at 20,000 rows/s or more, the re-import of the unchanged file (every row found
unchanged, nothing written but the access-log summary entry) at 40,000 rows/s or more, and memory that does
not grow with the file (the peak resident size is printed; compare `--rows 200000` with the default
1,000,000). Rates are given by the clock and by the process's CPU time: on a machine shared with other work
the clock rate falls with the load average, which is printed beside them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import CUSTOMER_COLUMNS, ImportKind
from desk_app.imports.validate import Invalid, phone
from desk_app.services.admin.imports import ImportReport, import_file
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
# The benchmark database is a throwaway: its register key is too.
REGISTER_KEY = RegisterKey.generate()
DEFAULT_ROWS = 1_000_000
SMALL_ROWS = 3_000
GOAL_FIRST = 20_000  # rows/s
GOAL_AGAIN = 40_000  # rows/s

FAMILY = [
    ("山田", "ヤマダ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("髙橋", "タカハシ"),
]
GIVEN = [
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("一郎", "イチロウ"),
    ("美咲", "ミサキ"),
    ("翔太", "ショウタ"),
]
PLACES = [
    ("1000001", "東京都", "千代田区", "03"),
    ("5300001", "大阪府", "大阪市北区", "06"),
    ("4600008", "愛知県", "名古屋市中区", "052"),
    ("0600001", "北海道", "札幌市中央区", "011"),
]


def _exchange(rnd: random.Random, area: str) -> str:
    while True:
        exchange = f"{rnd.randrange(2000, 9999)}" if len(area) == 2 else f"{rnd.randrange(200, 999)}"
        try:
            phone(f"{area}-{exchange}-1111")
        except Invalid:
            continue
        return exchange


def write_export(path: Path, rows: int, seed: int = 1) -> None:
    """A customer export as the mail-order system writes it: CP932, CRLF, Japanese headers."""
    rnd = random.Random(seed)
    with path.open("w", encoding="cp932", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([column.header for column in CUSTOMER_COLUMNS])
        for i in range(rows):
            family, given = FAMILY[i % 5], GIVEN[(i // 5) % 5]
            postal, prefecture, city, area = PLACES[i % 4]
            subscriber = f"{rnd.randrange(10_000):04d}"
            exchange = _exchange(rnd, area)
            home = f"{area}-{exchange}-{subscriber}" if i % 3 else ""
            mobile = f"090-{rnd.randrange(1000, 9999)}-{rnd.randrange(10_000):04d}" if i % 4 else ""
            credit = i % 5 == 0
            writer.writerow(
                [
                    f"{10_000_000 + i}",
                    f"{family[0]} {given[0]}",
                    f"{family[1]} {given[1]}",
                    postal,
                    prefecture,
                    city,
                    f"{i % 9 + 1}-{i % 20 + 1}-{i % 7 + 1}",
                    "" if i % 2 else "メゾン①101",
                    home,
                    mobile,
                    f"{area}-{exchange}-1111" if credit else "",
                    f"{1940 + i % 60}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                    f"user{i}@example.jp" if i % 2 else "",
                    "1" if credit else "0",
                    "株式会社サンプル" if credit else "",
                    "1",
                    "0" if i % 9 == 0 else "1",
                    "1" if i % 2 else "0",
                ]
            )


def _progress(done: int, total: int) -> bool:
    if done % 100_000 == 0 or done == total:
        print(f"  {done:>10,} / {total:,} rows", file=sys.stderr, flush=True)
    return True


@dataclass(frozen=True)
class _Timed:
    report: ImportReport
    cpu_seconds: float
    peak_rss_mib: float


def _peak_rss_mib() -> float:
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _timed_import(sessions: sessionmaker[Session], export: Path) -> _Timed:
    cpu = time.process_time()
    report = import_file(
        sessions, ImportKind.CUSTOMERS, export, register_key=REGISTER_KEY, progress=_progress, now=NOW
    )
    return _Timed(report, time.process_time() - cpu, _peak_rss_mib())


def _line(label: str, timed: _Timed, goal: int) -> None:
    report = timed.report
    rate = report.read / max(report.seconds, 1e-9)
    cpu_rate = report.read / max(timed.cpu_seconds, 1e-9)
    print(
        f"{label:<10} {report.seconds:8.1f} s  {rate:>9,.0f} rows/s ({rate / goal:4.2f} x the goal of"
        f" {goal:,})  CPU {timed.cpu_seconds:.1f} s: {cpu_rate:>9,.0f} rows/s ({cpu_rate / goal:4.2f} x)"
        f"  peak RSS {timed.peak_rss_mib:,.0f} MiB"
    )
    print(
        f"{'':<10} inserted {report.inserted:,}, updated {report.updated:,}, unchanged {report.unchanged:,},"
        f" rejected {report.rejected:,}"
    )


def _load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def run(url: str, rows: int) -> int:
    engine = make_engine(url)
    try:
        upgrade(engine)
        sessions = session_factory(engine)
        with tempfile.TemporaryDirectory(prefix="bench_import_") as folder:
            export = Path(folder, "customers.csv")
            started = time.perf_counter()
            write_export(export, rows)
            print(
                f"export      {rows:,} rows, {export.stat().st_size / 2**20:,.1f} MiB CP932, made in "
                f"{time.perf_counter() - started:.1f} s; peak RSS so far {_peak_rss_mib():,.0f} MiB"
            )
            print(f"load        {_load()} (1, 5, 15 min) on {os.cpu_count()} CPUs before the imports")
            first = _timed_import(sessions, export)
            second = _timed_import(sessions, export)
        print(f"load        {_load()} (1, 5, 15 min) after")
        print(f"database    {engine.url.render_as_string(hide_password=True)}")
        _line("import", first, GOAL_FIRST)
        _line("re-import", second, GOAL_AGAIN)
        a, b = first.report, second.report
        ok = a.committed and a.inserted == rows and b.unchanged == rows and b.changed == 0
        return 0 if ok else 1
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, help=f"default: {DEFAULT_ROWS:,}")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file, removed afterwards)")
    parser.add_argument("--small", action="store_true", help=f"{SMALL_ROWS:,} rows on temporary SQLite")
    args = parser.parse_args(argv)
    if args.small and (args.db or args.rows is not None):
        parser.error("--small sets the rows and the database; leave out --rows and --db")
    rows = SMALL_ROWS if args.small else args.rows or DEFAULT_ROWS
    if args.db:
        return run(args.db, rows)
    with tempfile.TemporaryDirectory(prefix="bench_import_db_") as folder:
        return run(f"sqlite:///{Path(folder, 'desk.sqlite3').as_posix()}", rows)


if __name__ == "__main__":
    sys.exit(main())
