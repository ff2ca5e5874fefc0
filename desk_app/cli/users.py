"""`desk-app users add|disable|set-role|reset-password|list|token`: accounts, for administrators.

Once any active administrator has a password, every `users` command runs only for an administrator who
proves it: `--as LOGIN` and that administrator's password, typed at the terminal or given with
`--password-stdin`. Never an access token: managing accounts is no scheduled job, and a token that
leaked from one must not hand out more. Before then (a new desk) the commands run for whoever reaches
the database, so that the first administrator can be made. Every change is written to the access log
with the administrator who made it.

Passwords are read from the terminal (a new one twice, never echoed), or with `--password-stdin` one
per line from standard input, in the order the terminal would ask: the `--as` administrator's first,
then the new password. Never from the command line, where other users and shell history see it.
Nothing printed names a password or a hash; a token is printed once, when it is issued.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from typing import TYPE_CHECKING, Any

from desk_app.cli.identity import Credentials, IdentityRefused, read_stdin_line
from desk_app.config import Config
from desk_app.domain.messages import Message, MessageError, message_of
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from desk_app.services.agents import AgentInfo

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

ROLES = ("agent", "supervisor", "admin")
TOKYO = dt.timezone(dt.timedelta(hours=9), "JST")


class UsersCommandError(MessageError):
    def __init__(self, message: Message | str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _identity_options(parser: argparse.ArgumentParser, *, new_password: bool = False) -> None:
    parser.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        help="the administrator making the change, who types their password (needed once any active"
        " administrator has a password)",
    )
    words = (
        "read the passwords from standard input instead of the terminal, one per line: the --as"
        " administrator's (when --as is given), then the new one"
        if new_password
        else "read the --as administrator's password from standard input instead of the terminal"
    )
    parser.add_argument("--password-stdin", action="store_true", help=words)


def add_users_parser(commands: Any, common_options: Any) -> None:
    """`users …` under the program's sub-commands; `common_options` adds --db and --config."""
    users = commands.add_parser("users", help="sign-in accounts and access tokens, for administrators")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    refused = (
        " Exit status: 0 done, 1 refused (unknown or taken login, weak password, the administrator not"
        " authenticated, the last administrator), 2 usage, 3 database."
    )

    add = actions.add_parser("add", help="add an account", description="Add an account." + refused)
    common_options(add, suppress=True)
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME", help="the name shown in the window")
    add.add_argument("--role", required=True, choices=ROLES)
    _identity_options(add, new_password=True)

    disable = actions.add_parser(
        "disable",
        help="stop an account signing in or acting (never the last active administrator)",
        description="Disable an account." + refused,
    )
    common_options(disable, suppress=True)
    disable.add_argument("login", metavar="LOGIN")
    _identity_options(disable)

    set_role = actions.add_parser(
        "set-role",
        help="give an account another role (never demoting the last active administrator)",
        description="Change an account's role." + refused,
    )
    common_options(set_role, suppress=True)
    set_role.add_argument("login", metavar="LOGIN")
    set_role.add_argument("--role", required=True, choices=ROLES)
    _identity_options(set_role)

    reset = actions.add_parser(
        "reset-password",
        help="set a new password (also ends a lockout)",
        description="Set a new password; a locked login is unlocked." + refused,
    )
    common_options(reset, suppress=True)
    reset.add_argument("login", metavar="LOGIN")
    _identity_options(reset, new_password=True)

    listing = actions.add_parser("list", help="list the accounts (never a password or hash)")
    common_options(listing, suppress=True)
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    _identity_options(listing)

    token = actions.add_parser("token", help="access tokens that let scheduled commands act as a person")
    token_actions = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    issue = token_actions.add_parser(
        "issue",
        help="issue a token acting as LOGIN, printed once (give it to the job as $DESK_APP_TOKEN)",
        description="Issue an access token; only its hash is kept, so it is shown only now." + refused,
    )
    common_options(issue, suppress=True)
    issue.add_argument("login", metavar="LOGIN", help="the person the token acts as")
    issue.add_argument("--name", required=True, metavar="NAME", help="what job uses it, e.g. nightly-export")
    issue.add_argument("--expires", type=_positive, metavar="DAYS", help="stop working after DAYS days")
    issue.add_argument("--json", action="store_true", help="print one JSON object (with the token)")
    _identity_options(issue)
    revoke = token_actions.add_parser(
        "revoke", help="stop a token working at once", description="Revoke an access token." + refused
    )
    common_options(revoke, suppress=True)
    revoke.add_argument(
        "token_id", type=_positive, metavar="TOKEN_ID", help="the id `users token list` shows"
    )
    _identity_options(revoke)
    tokens = token_actions.add_parser("list", help="list the tokens (never the token itself)")
    common_options(tokens, suppress=True)
    tokens.add_argument("login", nargs="?", metavar="LOGIN", help="only this person's tokens")
    tokens.add_argument("--json", action="store_true", help="print one JSON array")
    _identity_options(tokens)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _administrator_credentials(args: argparse.Namespace) -> Credentials | None:
    """The `--as` administrator's password: the first line of stdin, or typed; None without `--as`."""
    if not args.as_login:
        return None
    if args.password_stdin:
        return Credentials(args.as_login, password=read_stdin_line())
    if not sys.stdin.isatty():
        raise UsersCommandError(
            "no terminal to type the administrator's password at: pass it on standard input with"
            " --password-stdin",
            EXIT_USAGE,
        )
    return Credentials(args.as_login, password=getpass.getpass(f"Password for {args.as_login}: "))


def read_password(args: argparse.Namespace) -> str:
    """The new password: the next line of stdin with --password-stdin, else typed twice at the terminal."""
    if args.password_stdin:
        return read_stdin_line()
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


def _administrator(engine: Engine, config: Config, credentials: Credentials | None) -> AgentInfo | None:
    """The authenticated administrator making the change; None while no administrator has a password."""
    from desk_app.cli.identity import authenticate
    from desk_app.domain.enums import AgentRole
    from desk_app.services.accounts import administrator_credentials_required
    from desk_app.storage.engine import session_factory

    if credentials is None:
        with session_factory(engine).begin() as session:
            required = administrator_credentials_required(session)
        if required:
            raise UsersCommandError(
                "managing accounts needs an administrator: give --as LOGIN and that administrator's"
                " password (typed, or with --password-stdin)",
                EXIT_REFUSED,
            )
        return None
    try:
        agent = authenticate(engine, credentials, security=config.security)
    except IdentityRefused as exc:
        raise UsersCommandError(message_of(exc), EXIT_REFUSED) from None
    if agent.role is not AgentRole.ADMIN:
        raise UsersCommandError(f"{agent.login} is not an administrator", EXIT_REFUSED)
    return agent


def _logged(session: Session, by: AgentInfo | None, detail: str) -> None:
    """The change in the access log (chained), by the administrator, or saying no one signed in."""
    from desk_app.domain.enums import AccessAction
    from desk_app.services.access_log import record_access

    record_access(
        session,
        agent_id=by.id if by else None,
        action=AccessAction.CHANGE,
        customer_ids=[None],
        detail=detail,
    )


def run_users(args: argparse.Namespace, config: Config, open_engine: Any) -> int:
    """Carry out `users ACTION`; `open_engine()` opens the migrated database only once input is read."""
    from desk_app.services.access_tokens import InvalidTokenRequest
    from desk_app.services.accounts import InvalidLogin, LastAdministrator, LoginTaken, WeakPassword
    from desk_app.services.agents import UnknownAgent

    # Every password is asked for before the database is touched: a typing mistake costs no connection.
    credentials = _administrator_credentials(args)
    password = read_password(args) if args.users_command in ("add", "reset-password") else ""
    engine: Engine = open_engine()
    try:
        administrator = _administrator(engine, config, credentials)
        return _carry_out(args, engine, administrator, password)
    except UnknownAgent:
        raise UsersCommandError(
            f"no account with login {getattr(args, 'login', '')!r}", EXIT_REFUSED
        ) from None
    except (WeakPassword, LoginTaken, InvalidLogin, LastAdministrator, InvalidTokenRequest) as exc:
        raise UsersCommandError(message_of(exc), EXIT_REFUSED) from None
    finally:
        engine.dispose()


def _carry_out(args: argparse.Namespace, engine: Engine, by: AgentInfo | None, password: str) -> int:
    from desk_app.domain.enums import AgentRole
    from desk_app.services.accounts import add_user, change_role, disable_user, list_users, reset_password
    from desk_app.storage.engine import session_factory

    with session_factory(engine).begin() as session:
        if args.users_command == "list":
            return _print_users(list_users(session), as_json=args.json)
        if args.users_command == "token":
            return _token(args, session, by)
        if args.users_command == "add":
            agent = add_user(
                session, args.login, display_name=args.name, role=AgentRole(args.role), password=password
            )
            _logged(session, by, f"account {agent.login} added ({agent.role.value})")
            print(f"added {agent.login} ({for_terminal(agent.display_name)}, {agent.role.value})")
        elif args.users_command == "disable":
            agent = disable_user(session, args.login)
            _logged(session, by, f"account {agent.login} disabled")
            print(f"disabled {agent.login}: it can no longer sign in or act")
        elif args.users_command == "set-role":
            agent = change_role(session, args.login, AgentRole(args.role))
            _logged(session, by, f"account {agent.login} given role {agent.role.value}")
            print(f"{agent.login} is now {agent.role.value}")
        else:
            agent = reset_password(session, args.login, password)
            _logged(session, by, f"account {agent.login}: new password set")
            print(f"new password set for {agent.login}; any lockout is lifted")
    return EXIT_OK


def _token(args: argparse.Namespace, session: Session, by: AgentInfo | None) -> int:
    from desk_app.services.access_tokens import issue_token, list_tokens, revoke_token

    issued_by = by.id if by else None
    if args.token_command == "issue":
        issued = issue_token(
            session, args.login, name=args.name, expires_days=args.expires, issued_by=issued_by
        )
        if args.json:
            payload = {
                "token_id": issued.token_id,
                "login": issued.login,
                "name": issued.name,
                "expires_at": _time(issued.expires_at),
                "token": issued.secret,
            }
            print(json_for_terminal(payload))
            return EXIT_OK
        until = f"until {_day(issued.expires_at)}" if issued.expires_at else "with no expiry"
        print(f"access token {issued.token_id} acts as {issued.login} ({issued.name}) {until}:")
        print(issued.secret)
        print(
            "It is shown only now: give it to the job as DESK_APP_TOKEN, keep it where only the job reads"
            f" it, and revoke it with `desk-app users token revoke {issued.token_id}` when it is done."
        )
        return EXIT_OK
    if args.token_command == "revoke":
        try:
            row = revoke_token(session, args.token_id, revoked_by=issued_by)
        except LookupError:
            raise UsersCommandError(f"no access token {args.token_id}", EXIT_REFUSED) from None
        print(f"revoked access token {row.token_id} of {row.login} ({row.name})")
        return EXIT_OK
    rows = list_tokens(session, args.login)
    now = dt.datetime.now(dt.UTC)
    if args.json:
        payload_rows = [
            {
                "token_id": row.token_id,
                "login": row.login,
                "name": row.name,
                "created_at": _time(row.created_at),
                "created_by": row.created_by,
                "expires_at": _time(row.expires_at),
                "revoked_at": _time(row.revoked_at),
                "last_used_at": _time(row.last_used_at),
                "usable": row.usable(now),
            }
            for row in rows
        ]
        print(json_for_terminal(payload_rows))
        return EXIT_OK
    for row in rows:
        if row.revoked_at is not None:
            state = f"revoked {_day(row.revoked_at)}"
        elif row.expires_at is not None and row.expires_at <= now:
            state = f"expired {_day(row.expires_at)}"
        else:
            state = f"until {_day(row.expires_at)}" if row.expires_at else "no expiry"
        used = f"last used {_day(row.last_used_at)}" if row.last_used_at else "never used"
        print(f"{row.token_id}\t{row.login}\t{row.name}\t{state}\t{used}")
    return EXIT_OK


def _time(value: dt.datetime | None) -> str | None:
    return value.astimezone(TOKYO).isoformat(timespec="minutes") if value else None


def _day(value: dt.datetime | None) -> str:
    return value.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if value else ""


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
