"""`desk-app users add|disable|set-role|reset-password|set-extensions|list|token`: accounts for admins.

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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import CommandContext, CommandError, ExitCode, add_command, positive
from desk_app.cli.identity import Credentials, authenticate, read_stdin_line
from desk_app.config import Config
from desk_app.domain.enums import AgentRole
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import message_of
from desk_app.domain.safe_text import for_terminal, json_for_terminal

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from desk_app.cli.common import Subcommands
    from desk_app.services.accounts import UserRow
    from desk_app.services.agents import AgentInfo

NAME = "users"
ROLES = [role.value for role in AgentRole]


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


def register(commands: Subcommands) -> None:
    users = commands.add_parser(NAME, help="sign-in accounts and access tokens, for administrators")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    refused = (
        " Exit status: 0 done, 1 refused (unknown or taken login, weak password, the administrator not"
        " authenticated, the last administrator), 2 usage, 3 database."
    )

    add = add_command(actions, "add", help="add an account", description="Add an account." + refused)
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME", help="the name shown in the window")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--extension",
        dest="extensions",
        action="append",
        default=[],
        metavar="NUMBER",
        help="a telephone extension (2 to 8 digits) at which the agent answers; repeat for more",
    )
    _identity_options(add, new_password=True)

    disable = add_command(
        actions,
        "disable",
        help="stop an account signing in or acting (never the last active administrator)",
        description="Disable an account." + refused,
    )
    disable.add_argument("login", metavar="LOGIN")
    _identity_options(disable)

    set_role = add_command(
        actions,
        "set-role",
        help="give an account another role (never demoting the last active administrator)",
        description="Change an account's role." + refused,
    )
    set_role.add_argument("login", metavar="LOGIN")
    set_role.add_argument("--role", required=True, choices=ROLES)
    _identity_options(set_role)

    reset = add_command(
        actions,
        "reset-password",
        help="set a new password (also ends a lockout)",
        description="Set a new password; a locked login is unlocked." + refused,
    )
    reset.add_argument("login", metavar="LOGIN")
    _identity_options(reset, new_password=True)

    extensions = add_command(
        actions,
        "set-extensions",
        help="give an account exactly these telephone extensions (none: clear them)",
        description="Set the telephone extensions (2 to 8 digits each) by which a PBX names the agent's"
        " desk, replacing any the account had; an extension another account holds is refused." + refused,
    )
    extensions.add_argument("login", metavar="LOGIN")
    extensions.add_argument("extensions", nargs="*", metavar="NUMBER")
    _identity_options(extensions)

    listing = add_command(actions, "list", help="list the accounts (never a password or hash)")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    _identity_options(listing)

    token = actions.add_parser("token", help="access tokens that let scheduled commands act as a person")
    token_actions = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    issue = add_command(
        token_actions,
        "issue",
        help="issue a token acting as LOGIN, printed once (give it to the job as $DESK_APP_TOKEN)",
        description="Issue an access token; only its hash is kept, so it is shown only now." + refused,
    )
    issue.add_argument("login", metavar="LOGIN", help="the person the token acts as")
    issue.add_argument("--name", required=True, metavar="NAME", help="what job uses it, e.g. nightly-export")
    issue.add_argument("--expires", type=positive, metavar="DAYS", help="stop working after DAYS days")
    issue.add_argument("--json", action="store_true", help="print one JSON object (with the token)")
    _identity_options(issue)
    revoke = add_command(
        token_actions,
        "revoke",
        help="stop a token working at once",
        description="Revoke an access token." + refused,
    )
    revoke.add_argument("token_id", type=positive, metavar="TOKEN_ID", help="the id `users token list` shows")
    _identity_options(revoke)
    tokens = add_command(token_actions, "list", help="list the tokens (never the token itself)")
    tokens.add_argument("login", nargs="?", metavar="LOGIN", help="only this person's tokens")
    tokens.add_argument("--json", action="store_true", help="print one JSON array")
    _identity_options(tokens)


def _administrator_credentials(args: argparse.Namespace) -> Credentials | None:
    """The `--as` administrator's password: the first line of stdin, or typed; None without `--as`."""
    if not args.as_login:
        return None
    if args.password_stdin:
        return Credentials(args.as_login, password=read_stdin_line())
    if not sys.stdin.isatty():
        raise CommandError(
            "no terminal to type the administrator's password at: pass it on standard input with"
            " --password-stdin",
            ExitCode.USAGE,
        )
    return Credentials(args.as_login, password=getpass.getpass(f"Password for {args.as_login}: "))


def read_password(args: argparse.Namespace) -> str:
    """The new password: the next line of stdin with --password-stdin, else typed twice at the terminal."""
    if args.password_stdin:
        return read_stdin_line()
    if not sys.stdin.isatty():
        raise CommandError(
            "no terminal to type the password at: pass it on standard input with --password-stdin",
            ExitCode.USAGE,
        )
    first = getpass.getpass("New password: ")
    second = getpass.getpass("Repeat it: ")
    if first != second:
        raise CommandError("the two passwords differ; nothing was changed", ExitCode.REFUSED)
    return first


def _administrator(engine: Engine, config: Config, credentials: Credentials | None) -> AgentInfo | None:
    """The authenticated administrator making the change; None while no administrator has a password."""
    from desk_app.services.accounts import administrator_credentials_required
    from desk_app.storage.engine import session_factory

    if credentials is None:
        with session_factory(engine).begin() as session:
            required = administrator_credentials_required(session)
        if required:
            raise CommandError(
                "managing accounts needs an administrator: give --as LOGIN and that administrator's"
                " password (typed, or with --password-stdin)",
                ExitCode.REFUSED,
            )
        return None
    agent = authenticate(engine, credentials, security=config.security, refused=ExitCode.REFUSED)
    if agent.role is not AgentRole.ADMIN:
        raise CommandError(f"{agent.login} is not an administrator", ExitCode.REFUSED)
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


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Carry out `users ACTION`, opening the database only once every password is read (the migrated
    database; for `list`, one that exists at the current schema, never created or migrated)."""
    from desk_app.services.access_tokens import InvalidTokenRequest
    from desk_app.services.accounts import InvalidLogin, LastAdministrator, LoginTaken, WeakPassword
    from desk_app.services.agents import UnknownAgent
    from desk_app.services.extensions import ExtensionTaken, InvalidExtension, NotAdministrator

    # Every password is asked for before the database is touched: a typing mistake costs no connection.
    credentials = _administrator_credentials(args)
    password = read_password(args) if args.users_command in ("add", "reset-password") else ""
    open_engine: Callable[[], Engine] = (
        context.open_existing_database if args.users_command == "list" else context.open_database
    )
    engine = open_engine()
    try:
        administrator = _administrator(engine, context.config, credentials)
        return _carry_out(args, engine, administrator, password, context.stdout)
    except UnknownAgent:
        raise CommandError(
            f"no account with login {getattr(args, 'login', '')!r}", ExitCode.REFUSED
        ) from None
    except (
        WeakPassword,
        LoginTaken,
        InvalidLogin,
        LastAdministrator,
        InvalidTokenRequest,
        InvalidExtension,
        ExtensionTaken,
        NotAdministrator,
    ) as exc:
        raise CommandError(message_of(exc), ExitCode.REFUSED) from None
    finally:
        engine.dispose()


def _carry_out(
    args: argparse.Namespace, engine: Engine, by: AgentInfo | None, password: str, out: TextIO
) -> int:
    from desk_app.services.accounts import add_user, change_role, disable_user, list_users, reset_password
    from desk_app.services.extensions import set_extensions
    from desk_app.storage.engine import session_factory

    with session_factory(engine).begin() as session:
        if args.users_command == "list":
            return _print_users(list_users(session), out, as_json=args.json)
        if args.users_command == "token":
            return _token(args, session, by, out)
        if args.users_command == "add":
            agent = add_user(
                session, args.login, display_name=args.name, role=AgentRole(args.role), password=password
            )
            _logged(session, by, f"account {agent.login} added ({agent.role.value})")
            if args.extensions:
                set_extensions(session, agent.login, args.extensions, by=by.id if by else None)
            print(f"added {agent.login} ({for_terminal(agent.display_name)}, {agent.role.value})", file=out)
        elif args.users_command == "set-extensions":
            held = set_extensions(session, args.login, args.extensions, by=by.id if by else None)
            said = ", ".join(held.extensions) if held.extensions else "none"
            print(f"extensions of {held.login}: {said}", file=out)
        elif args.users_command == "disable":
            agent = disable_user(session, args.login)
            _logged(session, by, f"account {agent.login} disabled")
            print(f"disabled {agent.login}: it can no longer sign in or act", file=out)
        elif args.users_command == "set-role":
            agent = change_role(session, args.login, AgentRole(args.role))
            _logged(session, by, f"account {agent.login} given role {agent.role.value}")
            print(f"{agent.login} is now {agent.role.value}", file=out)
        else:
            agent = reset_password(session, args.login, password)
            _logged(session, by, f"account {agent.login}: new password set")
            print(f"new password set for {agent.login}; any lockout is lifted", file=out)
    return ExitCode.OK


def _token(args: argparse.Namespace, session: Session, by: AgentInfo | None, out: TextIO) -> int:
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
            print(json_for_terminal(payload), file=out)
            return ExitCode.OK
        until = f"until {_day(issued.expires_at)}" if issued.expires_at else "with no expiry"
        print(f"access token {issued.token_id} acts as {issued.login} ({issued.name}) {until}:", file=out)
        print(issued.secret, file=out)
        print(
            "It is shown only now: give it to the job as DESK_APP_TOKEN, keep it where only the job reads"
            f" it, and revoke it with `desk-app users token revoke {issued.token_id}` when it is done.",
            file=out,
        )
        return ExitCode.OK
    if args.token_command == "revoke":
        try:
            row = revoke_token(session, args.token_id, revoked_by=issued_by)
        except LookupError:
            raise CommandError(f"no access token {args.token_id}", ExitCode.REFUSED) from None
        print(f"revoked access token {row.token_id} of {row.login} ({row.name})", file=out)
        return ExitCode.OK
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
        print(json_for_terminal(payload_rows), file=out)
        return ExitCode.OK
    for row in rows:
        if row.revoked_at is not None:
            state = f"revoked {_day(row.revoked_at)}"
        elif row.expires_at is not None and row.expires_at <= now:
            state = f"expired {_day(row.expires_at)}"
        else:
            state = f"until {_day(row.expires_at)}" if row.expires_at else "no expiry"
        used = f"last used {_day(row.last_used_at)}" if row.last_used_at else "never used"
        print(f"{row.token_id}\t{row.login}\t{row.name}\t{state}\t{used}", file=out)
    return ExitCode.OK


def _time(value: dt.datetime | None) -> str | None:
    return value.astimezone(TOKYO).isoformat(timespec="minutes") if value else None


def _day(value: dt.datetime | None) -> str:
    return value.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if value else ""


def _print_users(rows: Sequence[UserRow], out: TextIO, *, as_json: bool) -> int:
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
                "extensions": list(row.extensions),
            }
            for row in rows
        ]
        print(json_for_terminal(payload), file=out)
        return ExitCode.OK
    for row in rows:
        notes = []
        if not row.active:
            notes.append("disabled")
        if not row.has_password:
            notes.append("no password")
        if row.locked_until and row.locked_until > now:
            notes.append(f"locked until {row.locked_until.astimezone(TOKYO):%Y-%m-%d %H:%M}")
        # The extensions come last, so the columns before them stay where scripts reading them expect.
        line = (
            f"{row.login}\t{row.role.value}\t{for_terminal(row.display_name)}\t{', '.join(notes)}"
            f"\t{', '.join(row.extensions)}"
        )
        print(line.rstrip(), file=out)
    return ExitCode.OK
