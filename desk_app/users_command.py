"""`desk-app users add|disable|reset-password|list`: accounts for the administrator.

Passwords are read from the terminal twice (never echoed), or as one line from standard input with
`--password-stdin` for scripts; never from the command line, where other users and shell history see it.
Nothing printed names a password or a hash.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from typing import TYPE_CHECKING, Any

from desk_app.config import Config
from desk_app.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

ROLES = ("agent", "supervisor", "admin")
TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")


class UsersCommandError(Exception):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _password_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password as one line from standard input (for scripts) instead of the terminal",
    )


def add_users_parser(commands: Any, common_options: Any) -> None:
    """`users …` under the program's sub-commands; `common_options` adds --db and --config."""
    users = commands.add_parser("users", help="sign-in accounts, for administrators")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    refused = " Exit status: 0 done, 1 refused (unknown or taken login, weak password), 2 usage, 3 database."

    add = actions.add_parser("add", help="add an account", description="Add an account." + refused)
    common_options(add, suppress=True)
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME", help="the name shown in the window")
    add.add_argument("--role", required=True, choices=ROLES)
    _password_options(add)

    disable = actions.add_parser(
        "disable", help="stop an account signing in", description="Disable an account." + refused
    )
    common_options(disable, suppress=True)
    disable.add_argument("login", metavar="LOGIN")

    reset = actions.add_parser(
        "reset-password",
        help="set a new password (also ends a lockout)",
        description="Set a new password; a locked login is unlocked." + refused,
    )
    common_options(reset, suppress=True)
    reset.add_argument("login", metavar="LOGIN")
    _password_options(reset)

    listing = actions.add_parser("list", help="list the accounts (never a password or hash)")
    common_options(listing, suppress=True)
    listing.add_argument("--json", action="store_true", help="print one JSON array")


def read_password(args: argparse.Namespace) -> str:
    """The new password: one line of stdin with --password-stdin, else typed twice at the terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        return password.removesuffix("\r")
    if not sys.stdin.isatty():
        raise UsersCommandError(
            "no terminal to type the password at: pass it on standard input with --password-stdin",
            EXIT_USAGE,
        )
    first = getpass.getpass("New password: ")
    second = getpass.getpass("Repeat it: ")
    if first != second:
        raise UsersCommandError("the two passwords differ; nothing was changed", EXIT_REFUSED)
    return first


def run_users(args: argparse.Namespace, config: Config, open_engine: Any) -> int:
    """Carry out `users ACTION`; `open_engine()` opens the migrated database only once input is read."""
    from desk_app.services.accounts import (
        InvalidLogin,
        LoginTaken,
        WeakPassword,
        add_user,
        disable_user,
        list_users,
        reset_password,
    )
    from desk_app.services.agents import UnknownAgent
    from desk_app.storage.engine import session_factory
    from desk_app.storage.models import AgentRole

    # The password is asked for before the database is touched: a typing mistake costs no connection.
    password = read_password(args) if args.users_command in ("add", "reset-password") else ""
    engine: Engine = open_engine()
    try:
        with session_factory(engine).begin() as session:
            if args.users_command == "list":
                return _print_users(list_users(session), as_json=args.json)
            if args.users_command == "add":
                agent = add_user(
                    session, args.login, display_name=args.name, role=AgentRole(args.role), password=password
                )
                print(f"added {agent.login} ({for_terminal(agent.display_name)}, {agent.role.value})")
            elif args.users_command == "disable":
                agent = disable_user(session, args.login)
                print(f"disabled {agent.login}: it can no longer sign in")
            else:
                agent = reset_password(session, args.login, password)
                print(f"new password set for {agent.login}; any lockout is lifted")
    except UnknownAgent:
        raise UsersCommandError(f"no account with login {args.login!r}", EXIT_REFUSED) from None
    except (WeakPassword, LoginTaken, InvalidLogin) as exc:
        raise UsersCommandError(str(exc), EXIT_REFUSED) from None
    finally:
        engine.dispose()
    return EXIT_OK


def _time(value: dt.datetime | None) -> str | None:
    return value.astimezone(TOKYO).isoformat(timespec="minutes") if value else None


def _print_users(rows: Any, *, as_json: bool) -> int:
    now = dt.datetime.now(dt.UTC)
    if as_json:
        payload = [
            {
                "login": row.login,
                "name": row.display_name,
                "role": row.role.value,
                "active": row.active,
                "has_password": row.has_password,
                "password_changed_at": _time(row.password_changed_at),
                "failed_sign_ins": row.failed_sign_ins,
                "locked_until": _time(row.locked_until)
                if row.locked_until and row.locked_until > now
                else None,
            }
            for row in rows
        ]
        print(json_for_terminal(payload))
        return EXIT_OK
    for row in rows:
        notes = []
        if not row.active:
            notes.append("disabled")
        if not row.has_password:
            notes.append("no password")
        if row.locked_until and row.locked_until > now:
            notes.append(f"locked until {row.locked_until.astimezone(TOKYO):%Y-%m-%d %H:%M}")
        print(f"{row.login}\t{row.role.value}\t{for_terminal(row.display_name)}\t{', '.join(notes)}".rstrip())
    return EXIT_OK
