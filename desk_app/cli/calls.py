"""`desk-app calls purge --older-than 12m`: delete caller-log rows past retention; prints counts only."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from desk_app.cli.common import CommandContext, ExitCode, add_command, age
from desk_app.config import Config
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.periods import Age

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.cli.common import Subcommands

NAME = "calls"


def register(commands: Subcommands) -> None:
    calls = commands.add_parser(NAME, help="the call log")
    actions = calls.add_subparsers(dest="calls_command", metavar="ACTION", required=True)
    purge = add_command(
        actions, "purge", help="delete calls older than the retention period", description="Delete old calls."
    )
    add_purge_arguments(purge)


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `calls purge`; the caller adds --db and --config as for every command."""
    parser.add_argument(
        "--older-than",
        metavar="AGE",
        type=age,
        help="delete calls that began longer ago than this: 90d, 12m, 1y"
        " (default: retention.call_log_months from the configuration)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    return run_purge(args, context.config, context.open_database(), out=context.stdout)


def run_purge(
    args: argparse.Namespace,
    config: Config,
    engine: Engine,
    *,
    now: dt.datetime | None = None,
    out: TextIO | None = None,
) -> int:
    """Purge in one transaction and print how many calls went and the cut-off (on `out`, standard output
    by default); returns the exit code (0)."""
    # Imported here: building the parser for every `desk-app` command must not load SQLAlchemy.
    from desk_app.services.customers.calls import purge_calls
    from desk_app.storage.engine import session_factory

    out = out or sys.stdout
    older_than: Age = args.older_than or Age(months=config.retention.call_log_months)
    cutoff = older_than.before((now or dt.datetime.now(dt.UTC)).astimezone(TOKYO))
    with session_factory(engine).begin() as session:
        purged = purge_calls(session, older_than=cutoff)
    # Counts and the cut-off only: the command may run from a scheduler whose output is kept in logs.
    if args.json:
        payload: dict[str, Any] = {
            "purged": purged,
            "older_than": str(older_than),
            "cutoff": cutoff.isoformat(),
        }
        print(json.dumps(payload), file=out)
    else:
        before = f"{cutoff:%Y-%m-%d %H:%M} (Japan time, {older_than} ago)"
        print(f"purged {purged:,} calls that began before {before}", file=out)
    return ExitCode.OK
