"""`desk-app doctor [--json] [--check NAME]`: a read-only check of the database's invariants.

Exit status: 0 clean, 1 problems (each named: case number, letter, customer number or call, and what is
wrong), 2 a usage error, 3 no database at that address or it cannot be read. Nothing is created, migrated
or changed, and nothing personal is printed: case and customer numbers, ids and what is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desk_app.config import Config

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_DATABASE = 3

# `desk_app.services.admin.doctor.CHECKS` by name, so building the parser imports no models: every command and
# the window start through it. tests/core/services/admin/test_doctor.py keeps the two lists equal.
CHECK_NAMES = ("letters", "identity", "erasures", "registers", "dates", "calls", "replay", "audit")


def add_doctor_parser(commands: Any, common_options: Callable[..., None]) -> None:
    doctor = commands.add_parser(
        "doctor",
        help="check the database's invariants (letters, identity, erasures, registers, dates, calls, audit)",
        description="Read-only. Exit status: 0 clean, 1 problems found (each named), 3 no readable database.",
    )
    common_options(doctor, suppress=True)
    doctor.add_argument("--json", action="store_true", help="print one JSON object")
    doctor.add_argument(
        "--check",
        action="append",
        choices=CHECK_NAMES,
        metavar="NAME",
        help=f"run only this check (repeatable): {', '.join(CHECK_NAMES)}",
    )


def run_doctor(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    del config  # --config names the database only
    from sqlalchemy.exc import OperationalError

    from desk_app.domain.messages import language_from_environment, message, render
    from desk_app.services.admin.doctor import checks_named, examine
    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    try:
        with session_factory(engine)() as session:
            report = examine(session, only=tuple(args.check) if args.check else None)
            session.rollback()
    except OperationalError as exc:
        known = classify(exc)
        reason = MESSAGES[known] if known else type(exc.orig).__name__
        print(f"desk-app: cannot read the database: {reason}", file=sys.stderr)
        return EXIT_DATABASE
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        language = language_from_environment()
        for problem in report.problems:
            print(render(problem.line, language))
        checks = checks_named(report.checks)
        verdict = (
            message("doctor.clean", checks=checks)
            if report.clean
            else message("doctor.problems", count=len(report.problems), checks=checks)
        )
        print(render(verdict, language))
    return EXIT_CLEAN if report.clean else EXIT_PROBLEMS
