"""`desk-app calls purge --older-than 12m`: delete caller-log rows past retention; prints counts only."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from desk_app.config import Config
from desk_app.domain.periods import Age, parse_age

if TYPE_CHECKING:
    from sqlalchemy import Engine

TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")


def _age(text: str) -> Age:
    try:
        return parse_age(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `calls purge`; the caller adds --db and --config as for every command."""
    parser.add_argument(
        "--older-than",
        metavar="AGE",
        type=_age,
        help="delete calls that began longer ago than this: 90d, 12m, 1y"
        " (default: retention.call_log_months from the configuration)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run_purge(
    args: argparse.Namespace, config: Config, engine: Engine, *, now: dt.datetime | None = None
) -> int:
    """Purge in one transaction and print how many calls went and the cut-off; returns the exit code (0)."""
    # Imported here: building the parser for every `desk-app` command must not load SQLAlchemy.
    from desk_app.services.customers.calls import purge_calls
    from desk_app.storage.engine import session_factory

    age: Age = args.older_than or Age(months=config.retention.call_log_months)
    cutoff = age.before((now or dt.datetime.now(dt.UTC)).astimezone(TOKYO))
    with session_factory(engine).begin() as session:
        purged = purge_calls(session, older_than=cutoff)
    # Counts and the cut-off only: the command may run from a scheduler whose output is kept in logs.
    if args.json:
        payload: dict[str, Any] = {"purged": purged, "older_than": str(age), "cutoff": cutoff.isoformat()}
        print(json.dumps(payload))
    else:
        print(f"purged {purged:,} calls that began before {cutoff:%Y-%m-%d %H:%M} (Japan time, {age} ago)")
    return 0
