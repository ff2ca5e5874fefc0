"""`desk-app doctor [--json] [--check NAME]`: a read-only check of the database's invariants.

Exit status: 0 clean, 1 problems (each named: case number, letter, customer number or call, and what is
wrong), 2 a usage error, 3 no database at that address or it cannot be read. Nothing is created, migrated
or changed, and nothing personal is printed: case and customer numbers, ids and what is wrong.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, ExitCode, add_command, read_only
from desk_app.domain.messages import message

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "doctor"

# `desk_app.services.admin.doctor.CHECKS` by name, so building the parser imports no models: every command and
# the window start through it. tests/core/services/admin/test_doctor.py keeps the two lists equal.
CHECK_NAMES = (
    "letters",
    "identity",
    "erasures",
    "registers",
    "provisions",
    "refusals",
    "policy",
    "dates",
    "calls",
    "pauses",
    "proxies",
    "incidents",
    "replay",
    "audit",
)


def register(commands: Subcommands) -> None:
    doctor = add_command(
        commands,
        NAME,
        help=(
            "check the database's invariants (letters, identity, erasures, registers, provisions, refusals,"
            " policy,"
            " dates, calls, pauses, proxies, incidents, audit)"
        ),
        description="Read-only. Exit status: 0 clean, 1 problems found (each named), 3 no readable database.",
    )
    doctor.add_argument("--json", action="store_true", help="print one JSON object")
    doctor.add_argument(
        "--check",
        action="append",
        choices=CHECK_NAMES,
        metavar="NAME",
        help=f"run only this check (repeatable): {', '.join(CHECK_NAMES)}",
    )


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.services.admin.doctor import checks_named, examine

    engine = context.open_existing_database()
    only = tuple(args.check) if args.check else None
    report = read_only(engine, lambda session: examine(session, only=only))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False), file=context.stdout)
    else:
        for problem in report.problems:
            print(context.words(problem.line), file=context.stdout)
        checks = checks_named(report.checks)
        verdict = (
            message("doctor.clean", checks=checks)
            if report.clean
            else message("doctor.problems", count=len(report.problems), checks=checks)
        )
        print(context.words(verdict), file=context.stdout)
    return ExitCode.OK if report.clean else ExitCode.BROKEN
