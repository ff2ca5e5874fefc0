"""`desk-app audit verify [--json]`: check the audit chains of case events and the access log."""

# Exit status: 0 every chain intact (rows checked per chain printed), 1 a chain is broken (its first
# broken link printed: chain, row and what happened), 3 the database cannot be reached. Nothing personal
# is printed, only chain names, row ids and counts, so a scheduler may keep the output in its logs.

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desk_app.config import Config

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_DATABASE = 3


def add_audit_parser(commands: Any, common_options: Callable[..., None]) -> None:
    """`audit verify` under the program's sub-commands; `common_options` adds --db and --config."""
    audit = commands.add_parser("audit", help="the tamper-evident audit chains")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check that no case event or access-log entry was changed or deleted behind the program's back",
        description="Exit status: 0 intact, 1 a chain is broken (the first broken link is named),"
        " 3 the database cannot be reached.",
    )
    common_options(verify, suppress=True)
    verify.add_argument("--json", action="store_true", help="print one JSON object")


def run_verify(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """Verify every chain in one read-only session; print the counts or the first broken link."""
    del config  # the command takes --config like every other, for the database URL only
    from sqlalchemy.exc import OperationalError

    from desk_app.audit.verify import verify
    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    try:
        with session_factory(engine)() as session:
            result = verify(session)
    except OperationalError as exc:
        problem = classify(exc)
        reason = MESSAGES[problem] if problem else type(exc.orig).__name__
        print(f"desk-app: cannot read the database: {reason}", file=sys.stderr)
        return EXIT_DATABASE
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        for report in result.chains:
            if report.problem is None:
                print(f"{report.chain}: intact, {report.rows_checked:,} rows checked")
            else:
                print(
                    f"{report.chain}: BROKEN: {report.problem.message}"
                    f" ({report.rows_checked:,} rows checked before it)"
                )
    if result.first_problem is not None:
        print(f"desk-app: audit chain broken: {result.first_problem}", file=sys.stderr)
        return EXIT_BROKEN
    return EXIT_INTACT
