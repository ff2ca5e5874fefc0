"""`desk-app lookup NUMBER [--json]`: the customers holding a phone number, as the screen pop finds them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, ExitCode, add_command
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "lookup"


def register(commands: Subcommands) -> None:
    lookup = add_command(
        commands,
        NAME,
        help="find the customers holding a phone number",
        description="Exit status: 0 a customer matched, 1 a valid number nobody holds, 2 not a valid number.",
    )
    lookup.add_argument("number", metavar="NUMBER", help="a phone number in any usual form")
    lookup.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.domain.enums import AccessAction
    from desk_app.domain.phones import InvalidPhoneNumber
    from desk_app.services.access_log import record_access
    from desk_app.services.customers.lookup import lookup_by_phone
    from desk_app.storage.engine import session_factory

    out = context.stdout
    engine = context.open_existing_database()
    with session_factory(engine).begin() as session:
        try:
            result = lookup_by_phone(session, args.number)
        except InvalidPhoneNumber as exc:
            if args.json:
                print(json_for_terminal({"input": args.number, "error": str(exc)}), file=out)
            else:
                context.warn(f"{for_terminal(repr(args.number))} is {for_terminal(str(exc))}")
            return ExitCode.USAGE
        # Printing names is a view of personal data, and every view is logged.
        record_access(
            session,
            agent_id=None,
            action=AccessAction.VIEW,
            customer_ids=[match.customer_id for match in result.customers],
            detail="desk-app lookup",
        )
    if args.json:
        payload = {
            "input": result.input,
            "e164": result.number.e164,
            "national": result.number.national,
            "customers": [
                {
                    "customer_no": match.customer_no,
                    "name": match.name,
                    "name_kana": match.name_kana,
                    "matched_phone_kind": match.matched_phone_kind.value,
                }
                for match in result.customers
            ],
        }
        print(json_for_terminal(payload), file=out)
    else:
        # Names come from imports and corrections: whatever slipped in is shown escaped, never run.
        print(f"{result.number.national} ({result.number.e164})", file=out)
        for match in result.customers:
            print(
                f"  {match.customer_no}  {for_terminal(match.name)}  {for_terminal(match.name_kana)}"
                f"  [{match.matched_phone_kind.value}]",
                file=out,
            )
        if not result.customers:
            print("  no customer holds this number", file=out)
    return ExitCode.OK if result.customers else ExitCode.NO_MATCH
