"""`desk-app cases export --csv FILE --as LOGIN [filters]`: the case log as CSV for scheduled reports."""

# The command runs as a named supervisor or administrator (`--as`), who proves it (password or an access
# token, `desk_app.cli.identity`): exporting is theirs alone, the access log records who took the
# data out, and a scheduled job should say whose job it is. It prints
# the row count and the file name only, since schedulers keep their output in logs.

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.cli.identity import add_password_stdin_option
from desk_app.config import Config
from desk_app.domain.messages import Message, MessageError, command_line_words, message_of

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.services.cases.log import CaseLogFilter

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

KINDS = (
    "disclosure",
    "provision_disclosure",
    "correction",
    "suspension",
    "deletion",
    "complaint",
    "suspicious_report",
)
STATES = (
    "open",
    "received",
    "identity_pending",
    "identity_verified",
    "fee_pending",
    "fee_received",
    "in_progress",
    "awaiting_approval",
    "completed",
    "refused",
    "withdrawn",
)


class CasesCommandError(MessageError):
    def __init__(self, message: Message | str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# Option values are checked here, with the option's name in the message; the service checks the same
# limits again (`CaseLogFilter.problem`) for every other caller.


def _date(text: str) -> dt.date:
    from desk_app.services.cases.log import EARLIEST_DAY, LATEST_DAY

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {_shown(text)}") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(f"the day must be from {EARLIEST_DAY} to {LATEST_DAY}: {text}")
    return day


def _days(text: str) -> int:
    from desk_app.services.cases.log import MAX_DUE_WITHIN_DAYS

    if not (text.isascii() and text.isdigit() and len(text) <= 4 and int(text) <= MAX_DUE_WITHIN_DAYS):
        raise argparse.ArgumentTypeError(
            f"not a number of days from 0 to {MAX_DUE_WITHIN_DAYS}: {_shown(text)}"
        )
    return int(text)


def _search_text(text: str) -> str:
    from desk_app.domain.search_text import search_text_problem

    problem = search_text_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"the text {problem}")
    return text


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def add_cases_parser(commands: Any, common_options: Callable[..., None]) -> None:
    """`cases export` under the program's sub-commands; `common_options` adds --db and --config."""
    cases = commands.add_parser("cases", help="the case log, for supervisors")
    actions = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write the case log, filtered, as CSV for Excel (UTF-8 with BOM, CRLF, Japanese headers)",
        description="Exit status: 0 written, 1 the --as person is not authenticated (unknown login, wrong"
        " password, invalid token) or may not export, 2 a bad option, a file that cannot be written or no"
        " way to read the credentials.",
    )
    common_options(export, suppress=True)
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
    parser.add_argument("--kind", choices=KINDS, help="only cases of this kind")
    parser.add_argument("--state", choices=STATES, help="only cases in this state ('open': not closed)")
    parser.add_argument("--agent", metavar="LOGIN", help="only cases assigned to this agent")
    parser.add_argument("--overdue", action="store_true", help="only open cases past their due date")
    parser.add_argument("--due-within", type=_days, metavar="DAYS", help="only open cases due within DAYS")
    parser.add_argument(
        "--received-from", type=_date, metavar="DATE", help="received on or after (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--received-to", type=_date, metavar="DATE", help="received on or before (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--customer", type=_search_text, metavar="NO", help="only cases of this customer number"
    )
    parser.add_argument(
        "--text",
        type=_search_text,
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


def run_export(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    """Export in one transaction (with its access-log entry); returns the exit code.

    0 written; 1 the agent may not export (or is unknown); 2 a bad option or an unwritable file.
    A failed export leaves no file behind: rows go to a temporary file renamed at the end.
    """
    try:
        return _export(args, config, engine)
    except CasesCommandError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return exc.exit_code


def _filter(args: argparse.Namespace, agent_id: int | None) -> CaseLogFilter:
    from desk_app.domain.enums import CaseKind, CaseState
    from desk_app.services.cases.log import CaseLogFilter

    state = args.state
    return CaseLogFilter(
        kind=CaseKind(args.kind) if args.kind else None,
        state=CaseState(state) if state and state != "open" else None,
        open_only=state == "open",
        assigned_to_id=agent_id,
        overdue=args.overdue,
        due_within_days=args.due_within,
        received_from=args.received_from,
        received_to=args.received_to,
        customer_no=args.customer,
        text=args.text,
    )


def _export(args: argparse.Namespace, config: Config, engine: Engine) -> int:
    from desk_app.cli.identity import IdentityRefused, authenticate, read_credentials
    from desk_app.private_files import open_new_private, temporary_name
    from desk_app.services.agents import UnknownAgent, agent_by_login
    from desk_app.services.cases.log import CaseLogSort, ExportRefused, InvalidCaseLogFilter, export_cases
    from desk_app.storage.engine import session_factory

    target: Path = args.csv
    partial = temporary_name(target)
    sort = CaseLogSort.DUE_SOONEST if args.sort == "due" else CaseLogSort.RECEIVED_NEWEST
    try:
        credentials = read_credentials(args.as_login, password_stdin=args.password_stdin)
        viewer = authenticate(engine, credentials, security=config.security)
    except IdentityRefused as exc:
        raise CasesCommandError(message_of(exc), exc.exit_code or EXIT_REFUSED) from None
    with session_factory(engine).begin() as session:
        try:
            # A filter, not an identity: whose cases to list, so no credentials are asked for it.
            assigned = agent_by_login(session, args.agent).id if args.agent else None
        except UnknownAgent as exc:
            raise CasesCommandError(message_of(exc), EXIT_REFUSED) from None
        try:
            # Owner-only, as every file the desk writes: the log names customers and staff.
            out = open_new_private(partial, encoding="utf-8", newline="")
        except OSError as exc:
            raise CasesCommandError(f"cannot write {target}: {exc.strerror or exc}", EXIT_USAGE) from None
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
            raise CasesCommandError(f"{args.as_login}: {exc}", EXIT_REFUSED) from None
        except InvalidCaseLogFilter as exc:
            partial.unlink(missing_ok=True)
            raise CasesCommandError(message_of(exc), EXIT_USAGE) from None
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CasesCommandError(f"cannot write {target}: {exc.strerror or exc}", EXIT_USAGE) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    if args.json:
        print(json.dumps({"rows": written, "file": str(target)}, ensure_ascii=False))
    else:
        print(f"wrote {written:,} cases to {target}")
    return EXIT_OK
