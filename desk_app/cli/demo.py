"""`desk-app demo-data`: deterministic demo data; and what marks a database as the demo's, which the demo
desk (`desk-app --demo`) and `ring --demo` read."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import (
    CommandContext,
    CommandError,
    ExitCode,
    add_command,
    iso_date,
    open_database,
)
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import message_of

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "demo-data"
DEMO_CUSTOMERS = 5_000
DEMO_SEED = 1
DEMO_EARLIEST = dt.date(2005, 1, 1)

NOT_A_DEMO_DATABASE = (
    "is not a demo database: the demo desk signs in without a password, so it opens only a database the"
    " demo made. Sign in to a real database without --demo"
)


def register(commands: Subcommands) -> None:
    demo = add_command(commands, NAME, help="fill an empty database with deterministic demo data")
    demo.add_argument("--customers", type=int, default=DEMO_CUSTOMERS, metavar="N")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, metavar="S")
    demo.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the data is made as of (default today); same seed and day give the same data",
    )
    demo.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.demo.generator import MAX_CUSTOMERS, DemoDataError, generate_demo_data
    from desk_app.erased_register_key import key_file_for

    if not 1 <= args.customers <= MAX_CUSTOMERS:
        raise CommandError(f"--customers must be from 1 to {MAX_CUSTOMERS:,}", ExitCode.USAGE)
    now = demo_clock(args.as_of)
    engine = context.open_database()
    try:
        summary = generate_demo_data(
            engine,
            customers=args.customers,
            seed=args.seed,
            now=now,
            progress=_progress_printer(context.stderr),
            company=context.config.company,
            register_key=key_file_for(context.config).load(),
        )
    except DemoDataError as exc:
        raise CommandError(message_of(exc), ExitCode.USAGE) from None
    if context.stderr.isatty():
        print(file=context.stderr)
    if args.json:
        print(json.dumps(summary.__dict__, ensure_ascii=False), file=context.stdout)
    else:
        print(
            f"{summary.customers:,} customers, {summary.phones:,} phones, {summary.orders:,} orders "
            f"({summary.order_lines:,} lines), {summary.provision_records:,} provision records, "
            f"{summary.cases:,} cases in {summary.seconds:.1f} s",
            file=context.stdout,
        )
    return ExitCode.OK


def _progress_printer(stream: TextIO) -> Callable[[int, int], None]:
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            end = "\r" if stream.isatty() else "\n"
            # Ten lines when piped to a log; a live counter on a terminal.
            if stream.isatty() or percent % 10 == 0:
                print(f"  {done:,} / {total:,} customers ({percent}%)", end=end, file=stream, flush=True)

    return report


def demo_clock(as_of: dt.date | None, *, now: dt.datetime | None = None) -> dt.datetime:
    """Noon in Tokyo on the chosen day: a fixed instant, so a seed and a day always give the same data.

    Without a day, the latest noon in Tokyo that has passed; a day whose noon is still to come is refused,
    since demo data dated after the moment it is made would contradict the desk's own rules.
    """
    current = (now or dt.datetime.now(dt.UTC)).astimezone(TOKYO)
    if as_of is not None and as_of < DEMO_EARLIEST:
        # The demo's customers are born up to 2004 and order over the eight years before the day.
        raise CommandError(
            f"--as-of {as_of.isoformat()}: the demo is dated from {DEMO_EARLIEST} on", ExitCode.USAGE
        )
    if as_of is None:
        day = current.date() if current.hour >= 12 else current.date() - dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(12), tzinfo=TOKYO).astimezone(dt.UTC)
    noon = dt.datetime.combine(as_of, dt.time(12), tzinfo=TOKYO)
    if noon > current:
        raise CommandError(
            f"--as-of {as_of.isoformat()}: noon of that day in Japan is still to come", ExitCode.USAGE
        )
    return noon.astimezone(dt.UTC)


def shown_database(url: str) -> str:
    """The database as a message names it: the file of a SQLite URL, else the URL without its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def demo_cti_token(url: str) -> str:
    """The CTI token of the demo database at `url`, for `desk-app ring --demo`.

    Read without creating or migrating anything; `CommandError` (exit 2) when there is no demo database.
    """
    from sqlalchemy.engine import make_url

    from desk_app.storage.demo_mark import demo_mark

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise CommandError(
            f"no demo database at {parsed.database}: start the demo desk with `desk-app --demo` first",
            ExitCode.USAGE,
        )
    engine = open_database(url, migrate=False)
    try:
        with engine.connect() as connection:
            mark = demo_mark(connection)
    finally:
        engine.dispose()
    if mark is None:
        raise CommandError(f"{shown_database(url)} {NOT_A_DEMO_DATABASE}", ExitCode.USAGE)
    return mark.cti_token
