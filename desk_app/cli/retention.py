"""`desk-app retention run [--dry-run] [--json]`: delete what is past retention; prints counts only."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.domain.messages import message_of

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "retention"

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


def register(commands: Subcommands) -> None:
    retention = commands.add_parser(NAME, help="delete what is past its retention period")
    actions = retention.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    run = add_command(
        actions,
        "run",
        help="delete old calls, closed cases and their letters, and what erasures left behind",
        description="Periods from [retention] in the configuration. Prints counts per category, never"
        " personal data. A run verifies the audit trail first and deletes nothing while it is broken."
        " Exit status: 0 done, 1 the audit trail is broken (nothing deleted), 3 no database (a dry run"
        " never creates one).",
    )
    run.add_argument("--dry-run", action="store_true", help="only say what would go; delete nothing")
    run.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Plan or run the purge in one transaction and print the counts; returns the exit code (0, or 1 when
    the audit trail is broken and nothing was deleted)."""
    # Imported here: building the parser for every `desk-app` command must not load SQLAlchemy.
    from desk_app.audit.errors import ChainHeadMissing, HeadSealBroken
    from desk_app.erased_register_key import key_file_for
    from desk_app.services.admin import retention
    from desk_app.storage.engine import session_factory

    # A dry run only reads: it never creates or migrates a database.
    engine = context.open_existing_database() if args.dry_run else context.open_database()
    try:
        with session_factory(engine).begin() as session:
            report = retention.run(
                session,
                context.config,
                now=dt.datetime.now(dt.UTC),
                dry_run=args.dry_run,
                register_key=key_file_for(context.config),
            )
    except (retention.AuditTrailBroken, HeadSealBroken, ChainHeadMissing) as exc:
        raise CommandError(message_of(exc), ExitCode.BROKEN) from None
    counts = report.counts.as_json()
    if args.json:
        payload = {
            "dry_run": report.dry_run,
            "run_id": report.run_id,
            "cutoffs": report.cutoffs.as_json(),
            "counts": counts,
        }
        print(json.dumps(payload), file=context.stdout)
        return ExitCode.OK
    verb = "would delete" if report.dry_run else "deleted"
    print(f"retention {'dry run' if report.dry_run else f'run {report.run_id}'}: {verb}", file=context.stdout)
    for name, label in LABELS.items():
        print(f"  {counts[name]:>9,}  {label}", file=context.stdout)
    print(f"  {report.counts.deleted:>9,}  rows in all", file=context.stdout)
    return ExitCode.OK
