"""`desk-app cases export --csv FILE --as LOGIN [filters]`: the case log as CSV for scheduled reports."""

# The command runs as a named supervisor or administrator (`--as`), who proves it (password or an access
# token, `desk_app.cli.identity`): exporting is theirs alone, the access log records who took the
# data out, and a scheduled job should say whose job it is. It prints
# the row count and the file name only, since schedulers keep their output in logs.

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.common import (
    CommandContext,
    CommandError,
    ExitCode,
    add_command,
    case_log_day,
    due_days,
    search_text,
)
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials
from desk_app.domain.enums import CaseKind, CaseState
from desk_app.domain.messages import message_of

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands
    from desk_app.services.cases.log_filters import CaseLogFilter

NAME = "cases"
# `--state open`: every case not closed, whatever its state; `--state paused`: every open case whose clock is
# paused while the desk waits for the customer.
OPEN = "open"
PAUSED = "paused"


def register(commands: Subcommands) -> None:
    cases = commands.add_parser(NAME, help="the case log, for supervisors")
    actions = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    export = add_command(
        actions,
        "export",
        help="write the case log, filtered, as CSV for Excel (UTF-8 with BOM, CRLF, Japanese headers)",
        description="Exit status: 0 written, 1 the --as person is not authenticated (unknown login, wrong"
        " password, invalid token) or may not export, 2 a bad option, a file that cannot be written or no"
        " way to read the credentials.",
    )
    add_export_arguments(export)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `cases export`; the caller adds --db and --config as for every command."""
    parser.add_argument("--csv", metavar="FILE", type=Path, required=True, help="the CSV file to write")
    parser.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        required=True,
        help="the supervisor or administrator the export is made by (recorded in the access log), who is"
        " authenticated",
    )
    add_password_stdin_option(parser, whose="the --as person's")
    parser.add_argument("--kind", choices=[kind.value for kind in CaseKind], help="only cases of this kind")
    parser.add_argument(
        "--state",
        choices=[OPEN, PAUSED, *(state.value for state in CaseState)],
        help="only cases in this state ('open': not closed; 'paused': open with the clock paused)",
    )
    parser.add_argument("--agent", metavar="LOGIN", help="only cases assigned to this agent")
    parser.add_argument(
        "--overdue", action="store_true", help="only open cases past their due date (clock running)"
    )
    parser.add_argument("--due-within", type=due_days, metavar="DAYS", help="only open cases due within DAYS")
    parser.add_argument(
        "--received-from", type=case_log_day, metavar="DATE", help="received on or after (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--received-to", type=case_log_day, metavar="DATE", help="received on or before (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--customer", type=search_text, metavar="NO", help="only cases of this customer number"
    )
    parser.add_argument(
        "--text",
        type=search_text,
        metavar="TEXT",
        help="case-number prefix, customer number or words of the summary",
    )
    parser.add_argument(
        "--sort",
        choices=("received", "due"),
        default="received",
        help="newest received first (default), or soonest due first",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Export in one transaction (with its access-log entry); returns the exit code.

    0 written; 1 the agent may not export (or is unknown); 2 a bad option or an unwritable file.
    A failed export leaves no file behind: rows go to a temporary file renamed at the end.
    """
    from desk_app.private_files import open_new_private, temporary_name
    from desk_app.services.agents import UnknownAgent, agent_by_login
    from desk_app.services.cases.log import ExportRefused, export_cases
    from desk_app.services.cases.log_filters import CaseLogSort, InvalidCaseLogFilter
    from desk_app.storage.engine import session_factory

    engine = context.open_existing_database()
    target: Path = args.csv
    partial = temporary_name(target)
    sort = CaseLogSort.DUE_SOONEST if args.sort == "due" else CaseLogSort.RECEIVED_NEWEST
    credentials = read_credentials(args.as_login, password_stdin=args.password_stdin)
    viewer = authenticate(engine, credentials, security=context.config.security, refused=ExitCode.REFUSED)
    with session_factory(engine).begin() as session:
        try:
            # A filter, not an identity: whose cases to list, so no credentials are asked for it.
            assigned = agent_by_login(session, args.agent).id if args.agent else None
        except UnknownAgent as exc:
            raise CommandError(message_of(exc), ExitCode.REFUSED) from None
        try:
            # Owner-only, as every file the desk writes: the log names customers and staff.
            out = open_new_private(partial, encoding="utf-8", newline="")
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror or exc}", ExitCode.USAGE) from None
        try:
            with out:
                written = export_cases(
                    session,
                    out,
                    viewer_id=viewer.id,
                    viewer_role=viewer.role,
                    filter=_filter(args, assigned),
                    sort=sort,
                )
            os.replace(partial, target)
        except ExportRefused as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{args.as_login}: {exc}", ExitCode.REFUSED) from None
        except InvalidCaseLogFilter as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(message_of(exc), ExitCode.USAGE) from None
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"cannot write {target}: {exc.strerror or exc}", ExitCode.USAGE) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    if args.json:
        print(json.dumps({"rows": written, "file": str(target)}, ensure_ascii=False), file=context.stdout)
    else:
        print(f"wrote {written:,} cases to {target}", file=context.stdout)
    return ExitCode.OK


def _filter(args: argparse.Namespace, agent_id: int | None) -> CaseLogFilter:
    from desk_app.services.cases.log_filters import CaseLogFilter

    state = args.state
    return CaseLogFilter(
        kind=CaseKind(args.kind) if args.kind else None,
        state=CaseState(state) if state and state not in (OPEN, PAUSED) else None,
        open_only=state == OPEN,
        paused=state == PAUSED,
        assigned_to_id=agent_id,
        overdue=args.overdue,
        due_within_days=args.due_within,
        received_from=args.received_from,
        received_to=args.received_to,
        customer_no=args.customer,
        text=args.text,
    )
