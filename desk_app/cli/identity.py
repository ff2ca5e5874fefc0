"""Who a headless command acts as: the person named by `--as LOGIN` / `--agent LOGIN`, authenticated first.

A command that acts in a person's name proves it is that person, with the first of:

- `--password-stdin`: the person's password as the first line of standard input (for scripts);
- `DESK_APP_TOKEN`: an access token an administrator issued to that person for scheduled jobs
  (`desk-app users token issue`; `desk_app.services.access_tokens`);
- the password typed at the terminal, never echoed.

A password goes through the window's own check (`accounts.attempt_sign_in`: one lockout for both, and
one answer for an unknown login, a wrong password and a locked login), in a transaction of its own so
a failure is counted even though the command stops. Nothing printed names a password or a token.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import CommandError, ExitCode
from desk_app.config import Security

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.services.agents import AgentInfo

TOKEN_VARIABLE = "DESK_APP_TOKEN"


@dataclass(frozen=True)
class Credentials:
    """What a command was given to prove who `login` is: a password or an access token, never both."""

    login: str
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:
        # Never the secret, should this ever reach a traceback or a log.
        kind = "token" if self.token is not None else "password"
        return f"Credentials(login={self.login!r}, {kind}=…)"


def add_password_stdin_option(parser: argparse.ArgumentParser, *, whose: str) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read {whose} password as the first line of standard input (for scripts); without it, the"
        f" access token in ${TOKEN_VARIABLE}, else the password typed at the terminal",
    )


def read_stdin_line(stream: TextIO | None = None) -> str:
    """One line of standard input without its line ending."""
    line = (stream or sys.stdin).readline()
    return line.removesuffix("\n").removesuffix("\r")


def read_credentials(login: str, *, password_stdin: bool, tokens: bool = True) -> Credentials:
    """The credentials for `login`, read before any database is opened (a typing mistake costs nothing).

    `tokens=False` for what only a person at a keyboard does (managing accounts): the password only.
    No way to give them at all is a usage mistake (`CommandError`, exit 2).
    """
    if password_stdin:
        return Credentials(login, password=read_stdin_line())
    token = os.environ.get(TOKEN_VARIABLE, "").strip() if tokens else ""
    if token:
        return Credentials(login, token=token)
    if not sys.stdin.isatty():
        ways = f", or set {TOKEN_VARIABLE} to an access token" if tokens else ""
        raise CommandError(
            f"{login}: no terminal to type the password at: pass it on standard input with"
            f" --password-stdin{ways}",
            ExitCode.USAGE,
        )
    return Credentials(login, password=getpass.getpass(f"Password for {login}: "))


def authenticate(
    engine: Engine, credentials: Credentials, *, security: Security | None = None, refused: ExitCode
) -> AgentInfo:
    """The active agent the credentials prove, or a `CommandError` exiting with `refused` (in words that
    never tell whether the login exists or is locked). Commits the sign-in's bookkeeping (failure count,
    token last used)."""
    from desk_app.services.access_tokens import TokenRefused, authenticate_token
    from desk_app.services.accounts import SignInRefused, attempt_sign_in
    from desk_app.storage.engine import session_factory

    refusal: Exception
    with session_factory(engine).begin() as session:
        if credentials.token is not None:
            try:
                return authenticate_token(session, credentials.token, login=credentials.login)
            except TokenRefused as token_refused:
                refusal = token_refused
        else:
            answer = attempt_sign_in(
                session, credentials.login, credentials.password or "", security=security
            )
            if not isinstance(answer, SignInRefused):
                return answer
            refusal = answer
    # Outside the transaction, which has committed the failure count.
    raise CommandError(f"{credentials.login}: {refusal}", refused)
