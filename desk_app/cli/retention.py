"""`desk-app retention run [--dry-run] [--json]`: delete what is past retention; prints counts only."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desk_app.config import Config
from desk_app.domain.messages import command_line_words

if TYPE_CHECKING:
    from sqlalchemy import Engine

# Category names as people read them, in the order they are printed.
LABELS = {
    "calls": "calls in the call log",
    "call_access_links": "access-log links to those calls (emptied, entries kept)",
    "cases": "closed cases",
    "case_events": "events of those cases",
    "case_access_log": "access-log entries made in those cases",
    "letters": "letters",
    "complaints": "complaint register entries",
    "suspicious_reports": "suspicious report register entries",
    "script_drafts": "script drafts",
    "erased_orders": "orders of erased customers",
    "erased_order_lines": "order lines of those orders",
    "erased_provision_records": "provision records of erased customers",
    "erased_customers": "blank rows of erased customers",
}


def add_retention_parser(commands: Any, common_options: Callable[..., None]) -> None:
    """`retention run` under the program's sub-commands; `common_options` adds --db and --config."""
    retention = commands.add_parser("retention", help="delete what is past its retention period")
    actions = retention.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        help="delete old calls, closed cases and their letters, and what erasures left behind",
        description="Periods from [retention] in the configuration. Prints counts per category, never"
        " personal data. A run verifies the audit trail first and deletes nothing while it is broken."
        " Exit status: 0 done, 1 the audit trail is broken (nothing deleted), 3 no database (a dry run"
        " never creates one).",
    )
    common_options(run, suppress=True)
    run.add_argument("--dry-run", action="store_true", help="only say what would go; delete nothing")
    run.add_argument("--json", action="store_true", help="print one JSON object")


def run_retention(
    args: argparse.Namespace, config: Config, engine: Engine, *, now: dt.datetime | None = None
) -> int:
    """Plan or run the purge in one transaction and print the counts; returns the exit code (0, or 1 when
    the audit trail is broken and nothing was deleted)."""
    # Imported here: building the parser for every `desk-app` command must not load SQLAlchemy.
    from desk_app.audit.errors import ChainHeadMissing, HeadSealBroken
    from desk_app.erased_register_key import key_file_for
    from desk_app.services.admin.retention import AuditTrailBroken, run
    from desk_app.storage.engine import session_factory

    try:
        with session_factory(engine).begin() as session:
            report = run(
                session,
                config,
                now=now or dt.datetime.now(dt.UTC),
                dry_run=args.dry_run,
                register_key=key_file_for(config),
            )
    except (AuditTrailBroken, HeadSealBroken, ChainHeadMissing) as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return 1
    counts = report.counts.as_json()
    if args.json:
        payload = {
            "dry_run": report.dry_run,
            "run_id": report.run_id,
            "cutoffs": report.cutoffs.as_json(),
            "counts": counts,
        }
        print(json.dumps(payload))
        return 0
    verb = "would delete" if report.dry_run else "deleted"
    print(f"retention {'dry run' if report.dry_run else f'run {report.run_id}'}: {verb}")
    for name, label in LABELS.items():
        print(f"  {counts[name]:>9,}  {label}")
    print(f"  {report.counts.deleted:>9,}  rows in all")
    return 0
