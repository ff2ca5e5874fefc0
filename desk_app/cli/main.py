"""`desk-app`: opens the window by default; headless commands serve admins, the print room and scripts."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desk_app import __version__, paths
from desk_app.audit import key as audit_key
from desk_app.audit.errors import ChainUnwritable

# Each command module imports at its top only what building its parser needs, and what its work needs
# when it runs: the window's first paint waits for no database code (tests/e2e/test_gui_start.py).
from desk_app.cli import (
    audit,
    blocklist,
    callerid,
    callerid_ring,
    calls,
    cases,
    database,
    demo,
    doctor,
    gateway,
    imports,
    incidents,
    letters,
    lookup,
    postal,
    retention,
    scripts,
    users,
)
from desk_app.cli.common import (
    CommandContext,
    CommandError,
    CommandParser,
    ExitCode,
    database_options,
    open_database,
)
from desk_app.cli.demo import DEMO_CUSTOMERS, DEMO_SEED, NOT_A_DEMO_DATABASE, demo_clock, shown_database
from desk_app.config import Config, ConfigError, load_config, sqlite_url
from desk_app.domain.messages import command_line_words, language_from_environment, message_of
from desk_app.erased_register_key import RegisterKeyError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk_app.cli.common import Subcommands
    from desk_app.storage.demo_mark import DemoMark

# What `main()` returns for a usage mistake, named for its callers.
EXIT_USAGE = ExitCode.USAGE
DEMO_AGENT = "demo"


class Command(Protocol):
    """A command module: its name as typed, its parser under the program's, and its work."""

    @property
    def NAME(self) -> str: ...

    def register(self, commands: Subcommands) -> None: ...

    def run(self, args: argparse.Namespace, context: CommandContext) -> int: ...


# Every command, in the order `desk-app --help` lists them.
COMMANDS: tuple[Command, ...] = (
    database,
    demo,
    lookup,
    callerid,
    callerid_ring,
    gateway,
    blocklist,
    scripts,
    calls,
    letters,
    incidents,
    cases,
    audit,
    doctor,
    users,
    postal,
    imports,
    retention,
)


def build_parser() -> CommandParser:
    parser = CommandParser(
        prog="desk-app",
        description="Inquiry Desk. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    database_options(parser, suppress=False)
    parser.add_argument(
        "--demo", action="store_true", help="open on the demo database (created on first use)"
    )
    parser.add_argument("--agent", metavar="LOGIN", help="sign in as this agent")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `desk-app` and return its exit status; a reader that stops reading ends it quietly."""
    try:
        try:
            return int(_run(argv))
        finally:
            # Output still buffered for a pipe goes now, while a reader gone is still ours to handle.
            # (A windowed build on Windows has no stdout at all.)
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be said on stdout: point it at nothing so the exit flush stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return ExitCode.READER_GONE


def _run(argv: Sequence[str] | None) -> int:
    started = time.time()
    parser = build_parser()
    args = parser.parse_args(argv)
    undecodable = _undecodable_argument(args)
    if undecodable is not None:
        parser.error(f"argument {undecodable}: not valid text (bytes the system encoding cannot read)")
    from desk_app.app_log import LogFileError, log_to_file_from_environment

    try:
        log_to_file_from_environment()
    except LogFileError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return ExitCode.USAGE
    try:
        config = load_config(args.config)
        audit_key.configure(config, announce=_announce_audit_key)
        context = CommandContext(
            config=config,
            database_option=args.db,
            stdout=sys.stdout,
            stderr=sys.stderr,
            language=language_from_environment(),
        )
        if args.command is None:
            return _window(args, context, started)
        command = next(command for command in COMMANDS if args.command == command.NAME)
        return command.run(args, context)
    except ConfigError as exc:
        print(f"desk-app: configuration error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except RegisterKeyError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return ExitCode.USAGE
    except CommandError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return exc.exit_code
    except ChainUnwritable as exc:  # a head moved outside the program, or this desk has another audit key
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return ExitCode.DATABASE


def _announce_audit_key(path: Path) -> None:
    print(
        f"desk-app: made a new audit key at {path} (readable by this account only). Every desk that writes"
        " to this database needs a copy of this file, kept away from the database server; back it up",
        file=sys.stderr,
    )


# Arguments that name a file may hold any bytes the file system allows; every other argument is text.
_FILE_ARGUMENTS = frozenset({"db", "serial"})
_OPTION_NAMES = {"as_login": "--as", "number": "NUMBER", "login": "LOGIN"}


def _undecodable_argument(args: argparse.Namespace) -> str | None:
    """The option whose value holds bytes the system's encoding could not read (lone surrogates, as Python
    keeps them), or None. Such a value cannot be searched for, stored or printed."""
    for name, value in vars(args).items():
        if name in _FILE_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\ud800" <= character <= "\udfff" for character in text):
                return _OPTION_NAMES.get(name, "--" + name.replace("_", "-"))
    return None


# Without a command: the window.


def _window(args: argparse.Namespace, context: CommandContext, started: float) -> int:
    from desk_app.launch import GuiLaunch, GuiNotInstalled, find_gui

    if args.demo:
        # The demo desk opens a database the demo made, whatever else is configured.
        url = context.demo_database_url()
        agent = args.agent or DEMO_AGENT
    else:
        url = context.database_url()
        agent = args.agent
    try:
        run = find_gui()
    except GuiNotInstalled as exc:
        raise CommandError(message_of(exc), ExitCode.USAGE) from None
    # The window reports time-to-first-paint from here when asked to (see ui.shell.app).
    os.environ.setdefault("DESK_APP_T0", repr(started))
    launch = GuiLaunch(config=context.config, database_url=url, agent_login=agent, demo=args.demo)

    def open_desk_database() -> GuiLaunch:
        # Run by the window once it has painted and before anything in it can be used; what this raises
        # comes back out of `run` to be reported here, as before a window was shown.
        scripts.load_talk_scripts()
        demo_cti_token = _open_demo_database(url, context.config).cti_token if args.demo else None
        _close_stale_calls(url)
        return dataclasses.replace(launch, demo_cti_token=demo_cti_token)

    return run(dataclasses.replace(launch, open_database=open_desk_database))


def _close_stale_calls(url: str) -> None:
    """Open (and migrate) the database for the window, and close calls a closed desk never saw end, so the
    caller log does not show them as ringing for ever."""
    from desk_app.services.customers.calls import close_stale_calls
    from desk_app.storage.engine import session_factory

    engine = open_database(url)
    try:
        with session_factory(engine).begin() as session:
            close_stale_calls(session)
    finally:
        engine.dispose()


def _is_empty(engine: Engine) -> bool:
    """True for a database holding no table at all: a new SQLite file, or a new PostgreSQL schema."""
    from sqlalchemy import inspect

    with engine.connect() as connection:
        return not inspect(connection).get_table_names()


def _open_demo_database(url: str, config: Config) -> DemoMark:
    """The demo database's mark, making the demo database first in a database that holds nothing yet.

    Any other database, whatever its content, is refused (`CommandError`, exit 2) before anything is
    written to it, even a migration: the demo desk signs in without a password, and a real database's
    accounts without one (or an administrator set up before the first import) must not open that way.
    """
    from desk_app.storage import migrate as migrations
    from desk_app.storage.demo_mark import demo_mark

    engine = open_database(url, migrate=False)
    try:
        with engine.connect() as connection:
            mark = demo_mark(connection)
        if mark is None:
            if not _is_empty(engine):
                if url == sqlite_url(paths.demo_database_path()):
                    # The default demo file, made before demo databases were marked (or replaced by hand).
                    raise CommandError(
                        f"{shown_database(url)} is not marked as a demo database: delete the file and start"
                        " `desk-app --demo` again to make a new one",
                        ExitCode.USAGE,
                    )
                raise CommandError(f"{shown_database(url)} {NOT_A_DEMO_DATABASE}", ExitCode.USAGE)
            from desk_app.demo.generator import generate_demo_data

            migrations.upgrade(engine)
            print(f"desk-app: preparing the demo database ({DEMO_CUSTOMERS:,} customers)…", file=sys.stderr)
            from desk_app.erased_register_key import key_file_for

            generate_demo_data(
                engine,
                customers=DEMO_CUSTOMERS,
                seed=DEMO_SEED,
                now=demo_clock(None),
                register_key=key_file_for(config).load(),
            )
            with engine.connect() as connection:
                mark = demo_mark(connection)
            assert mark is not None
        else:
            # A demo database made by an earlier version: brought to the current schema like any other.
            migrations.upgrade(engine)
        return mark
    finally:
        engine.dispose()
