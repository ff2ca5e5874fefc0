"""`desk-app blocklist list|add|remove`: the numbers the gateway rejects as busy, kept by supervisors."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command
from desk_app.cli.identity import add_password_stdin_option, authenticate, read_credentials
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import message_of
from desk_app.domain.safe_text import for_terminal

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "blocklist"


def register(commands: Subcommands) -> None:
    blocklist = commands.add_parser(
        NAME,
        help="numbers the gateway rejects as busy (supervisors)",
        description="Exit status: 0 done, 1 refused (not a supervisor, not authenticated, not listed),"
        " 2 usage, 3 database.",
    )
    actions = blocklist.add_subparsers(dest="blocklist_command", metavar="ACTION", required=True)
    listing = add_command(actions, "list", help="list the blocked numbers")
    add = add_command(actions, "add", help="block a number (a newCall from it gets Zammad's reject reply)")
    add.add_argument("number", metavar="NUMBER")
    add.add_argument("--reason", required=True, help="why, e.g. a suspicious-contact report's number")
    remove = add_command(actions, "remove", help="unblock a number")
    remove.add_argument("number", metavar="NUMBER")
    for parser in (listing, add, remove):
        parser.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help="the supervisor")
        add_password_stdin_option(parser, whose="the supervisor's")
        parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from desk_app.domain.phones import InvalidPhoneNumber
    from desk_app.services.switchboard.blocklist import (
        BlocklistRefused,
        block_number,
        list_blocked,
        unblock_number,
    )
    from desk_app.storage.engine import session_factory

    credentials = read_credentials(args.as_login, password_stdin=args.password_stdin)
    engine = context.open_database()
    agent = authenticate(engine, credentials, security=context.config.security, refused=ExitCode.REFUSED)
    now = dt.datetime.now(dt.UTC)
    out = context.stdout
    try:
        with session_factory(engine).begin() as session:
            if args.blocklist_command == "add":
                block_number(session, agent.id, args.number, args.reason, now=now)
            elif args.blocklist_command == "remove":
                unblock_number(session, agent.id, args.number, now=now)
            rows = list_blocked(session, agent.id)
    except (BlocklistRefused, InvalidPhoneNumber) as exc:
        raise CommandError(message_of(exc), ExitCode.REFUSED) from None
    finally:
        engine.dispose()
    if args.json:
        listed = [
            {
                "number": row.e164,
                "reason": row.reason,
                "added_at": row.added_at.isoformat(),
                "added_by": row.added_by,
            }
            for row in rows
        ]
        print(json.dumps({"blocked": listed}, ensure_ascii=False), file=out)
        return ExitCode.OK
    for row in rows:
        at = row.added_at.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M")
        print(for_terminal(f"{row.number_display}\t{at}\t{row.added_by}\t{row.reason}"), file=out)
    if not rows:
        print("no blocked numbers", file=out)
    return ExitCode.OK
