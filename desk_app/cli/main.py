"""`desk-app`: opens the window by default; headless commands serve admins, the print room and scripts."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from desk_app import __version__, paths
from desk_app.audit import key as audit_key
from desk_app.audit.errors import ChainUnwritable
from desk_app.config import Config, ConfigError, load_config, resolve_database_url, sqlite_url
from desk_app.domain.messages import Message, MessageError, command_line_words, message_of
from desk_app.domain.safe_text import for_terminal, json_for_terminal
from desk_app.erased_register_key import RegisterKeyError

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
# The reader of the output went away (`desk-app … | head`): what a tool ended by SIGPIPE reports.
EXIT_READER_GONE = 141

DEMO_CUSTOMERS = 5_000
DEMO_SEED = 1
DEMO_AGENT = "demo"
DEMO_EARLIEST = dt.date(2005, 1, 1)


class CommandError(MessageError):
    """A failure the user can act on; printed as one line, never as a traceback."""

    def __init__(self, message: Message | str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake said in one line (and exit 2) instead of the usage text and a line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {_shortened(message)} (see {self.prog} --help)\n")


def _shortened(message: str) -> str:
    # argparse quotes the value it refused; a pasted novel or 5,000 digits need not be echoed whole.
    return re.sub(r"'([^']{40})[^']{20,}'", r"'\1…'", message)


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # Sub-commands repeat the options so `desk-app lookup N --db URL` works; SUPPRESS keeps a
    # sub-command's absent option from overwriting one given before the sub-command.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="URL", default=default, help="database URL (sqlite:///… or postgresql+psycopg://…)"
    )
    parser.add_argument(
        "--config", metavar="PATH", type=Path, default=default, help="configuration file (TOML)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="desk-app",
        description="Inquiry Desk. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    _common_options(parser, suppress=False)
    parser.add_argument(
        "--demo", action="store_true", help="open on the demo database (created on first use)"
    )
    parser.add_argument("--agent", metavar="LOGIN", help="sign in as this agent")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = commands.add_parser("db", help="database administration")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for name, text in (("upgrade", "apply pending migrations"), ("current", "print the schema revision")):
        _common_options(db_commands.add_parser(name, help=text, description=text), suppress=True)

    demo = commands.add_parser("demo-data", help="fill an empty database with deterministic demo data")
    _common_options(demo, suppress=True)
    demo.add_argument("--customers", type=int, default=DEMO_CUSTOMERS, metavar="N")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, metavar="S")
    demo.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day the data is made as of (default today); same seed and day give the same data",
    )
    demo.add_argument("--json", action="store_true", help="print the summary as JSON")

    lookup = commands.add_parser(
        "lookup",
        help="find the customers holding a phone number",
        description="Exit status: 0 a customer matched, 1 a valid number nobody holds, 2 not a valid number.",
    )
    _common_options(lookup, suppress=True)
    lookup.add_argument("number", metavar="NUMBER", help="a phone number in any usual form")
    lookup.add_argument("--json", action="store_true", help="print one JSON object")
    callerid = commands.add_parser("callerid", help="caller-ID sources")
    callerid_commands = callerid.add_subparsers(dest="callerid_command", metavar="ACTION", required=True)
    monitor = callerid_commands.add_parser(
        "monitor",
        help="run caller-ID sources headless and print each call event",
        description="Prints one line (or one JSON object) per call event until interrupted.",
    )
    _common_options(monitor, suppress=True)
    callerid_commands_module().add_monitor_arguments(monitor)

    ring = commands.add_parser("ring", help="simulate an incoming call at a running desk's CTI endpoint")
    _common_options(ring, suppress=True)
    callerid_commands_module().add_ring_arguments(ring)

    scripts = commands.add_parser("scripts", help="the guided talk scripts")
    scripts_commands = scripts.add_subparsers(dest="scripts_command", metavar="ACTION", required=True)
    check = scripts_commands.add_parser(
        "check",
        help="validate every talk script",
        description="Exit status: 0 all valid, 2 one is not (the message names file, step and field).",
    )
    check.add_argument("folder", nargs="?", type=Path, help="default: the scripts shipped with the desk")

    calls = commands.add_parser("calls", help="the call log")
    calls_commands = calls.add_subparsers(dest="calls_command", metavar="ACTION", required=True)
    purge = calls_commands.add_parser(
        "purge", help="delete calls older than the retention period", description="Delete old calls."
    )
    _common_options(purge, suppress=True)
    calls_command_module().add_purge_arguments(purge)

    letters = commands.add_parser("letters", help="letters to customers, for the print room")
    letters_commands = letters.add_subparsers(dest="letters_command", metavar="ACTION", required=True)
    render = letters_commands.add_parser(
        "render",
        help="write a case's letter as PDF (made first if the case has none)",
        description="Writes the letter on file for the case, byte for byte (the latest not yet mailed, else"
        " the latest); makes it first if the case has none. Options that shape a letter (--era) apply only"
        " to one made now. The file is written owner-only and an existing one is kept unless --force. Exit"
        " status: 0 written, 1 no such case or no letter applies, 2 the file exists or cannot be written.",
    )
    _common_options(render, suppress=True)
    letters_command_module().add_render_arguments(render)
    batch = letters_commands.add_parser(
        "batch",
        help="write every letter waiting to be mailed into a folder and mark it printed",
        description="Writes CASE_NO-kind-LETTERID.pdf per letter and prints one line per file and a total.",
    )
    _common_options(batch, suppress=True)
    letters_command_module().add_batch_arguments(batch)
    cases_command_module().add_cases_parser(commands, _common_options)
    audit_command_module().add_audit_parser(commands, _common_options)
    from desk_app.cli import doctor as doctor_command

    doctor_command.add_doctor_parser(commands, _common_options)
    users_command_module().add_users_parser(commands, _common_options)
    from desk_app.cli import postal as postal_command

    postal_command.add_postal_parser(commands, _common_options)
    import_command_module().add_import_parser(commands, _common_options)
    from desk_app.cli import retention as retention_command

    retention_command.add_retention_parser(commands, _common_options)
    return parser


def callerid_commands_module() -> Any:
    from desk_app.cli import callerid as commands

    return commands


def calls_command_module() -> Any:
    from desk_app.cli import calls as calls_command

    return calls_command


def cases_command_module() -> Any:
    from desk_app.cli import cases as cases_command

    return cases_command


def audit_command_module() -> Any:
    from desk_app.cli import audit as audit_command

    return audit_command


def users_command_module() -> Any:
    from desk_app.cli import users as users_command

    return users_command


def import_command_module() -> Any:
    from desk_app.cli import imports as import_command

    return import_command


def letters_command_module() -> Any:
    from desk_app.cli import letters as letters_command

    return letters_command


def main(argv: Sequence[str] | None = None) -> int:
    """Run `desk-app` and return its exit status; a reader that stops reading ends it quietly."""
    try:
        try:
            return _run(argv)
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
        return EXIT_READER_GONE


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
        return EXIT_USAGE
    try:
        config = load_config(args.config)
        audit_key.configure(config, announce=_announce_audit_key)
        if args.command == "db":
            return _db(args, config)
        if args.command == "demo-data":
            return _demo_data(args, config)
        if args.command == "lookup":
            return _lookup(args, config)
        if args.command == "callerid":
            return int(callerid_commands_module().run_monitor(args, config))
        if args.command == "ring":
            demo_token = (lambda: _demo_cti_token(args.db)) if args.demo else None
            return int(callerid_commands_module().run_ring(args, config, demo_token=demo_token))
        if args.command == "scripts":
            return _check_scripts(args.folder)
        if args.command == "calls":
            engine = _open(resolve_database_url(args.db, config))
            return int(calls_command_module().run_purge(args, config, engine))
        if args.command == "letters":
            engine = _open(resolve_database_url(args.db, config))
            module = letters_command_module()
            run = module.run_render if args.letters_command == "render" else module.run_batch
            return int(run(args, config, engine))
        if args.command == "users":
            module = users_command_module()
            try:
                existing = _open_existing if args.users_command == "list" else _open
                opener = lambda: existing(resolve_database_url(args.db, config))  # noqa: E731
                return int(module.run_users(args, config, opener))
            except module.UsersCommandError as exc:
                raise CommandError(message_of(exc), exc.exit_code) from None
        if args.command == "audit":
            engine = _open_existing(resolve_database_url(args.db, config))
            return int(audit_command_module().run_audit(args, config, engine))
        if args.command == "doctor":
            from desk_app.cli import doctor as doctor_command

            return doctor_command.run_doctor(
                args, config, _open_existing(resolve_database_url(args.db, config))
            )
        if args.command == "retention":
            from desk_app.cli import retention as retention_command

            # A dry run only reads: it never creates or migrates a database.
            open_database = _open_existing if args.dry_run else _open
            engine = open_database(resolve_database_url(args.db, config))
            return retention_command.run_retention(args, config, engine)
        if args.command == "import":
            module = import_command_module()
            try:
                return int(module.run_import(args, config, _open(resolve_database_url(args.db, config))))
            except module.ImportCommandError as exc:
                raise CommandError(message_of(exc), exc.exit_code) from None
        if args.command == "postal-codes":
            from desk_app.cli import postal as postal_command

            open_database = _open_existing if args.postal_command == "check" else _open
            engine = open_database(resolve_database_url(args.db, config))
            return postal_command.run_postal(args, config, engine)
        if args.command == "cases":
            return int(
                cases_command_module().run_export(
                    args, config, _open_existing(resolve_database_url(args.db, config))
                )
            )
        return _gui(args, config, started)
    except ConfigError as exc:
        print(f"desk-app: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RegisterKeyError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return exc.exit_code
    except ChainUnwritable as exc:  # a head moved outside the program, or this desk has another audit key
        print(f"desk-app: {command_line_words(exc)}", file=sys.stderr)
        return EXIT_DATABASE


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


def _close_stale_calls(url: str) -> None:
    """Open (and migrate) the database for the window, and close calls a closed desk never saw end, so the
    caller log does not show them as ringing for ever."""
    from desk_app.services.customers.calls import close_stale_calls
    from desk_app.storage.engine import session_factory

    engine = _open(url)
    try:
        with session_factory(engine).begin() as session:
            close_stale_calls(session)
    finally:
        engine.dispose()


def _open(url: str, *, migrate: bool = True) -> Any:
    """The engine for `url`, migrated; connection failures become a `CommandError`."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from desk_app.storage import migrate as migrations
    from desk_app.storage.engine import DatabaseUrlError, make_engine
    from desk_app.storage.errors import MESSAGES, classify

    try:
        engine = make_engine(url)
    except DatabaseUrlError as exc:
        raise CommandError(message_of(exc), EXIT_USAGE) from None
    try:
        if migrate:
            migrations.upgrade(engine)
        else:
            with engine.connect():
                pass
    except DBAPIError as exc:
        problem = classify(exc) if isinstance(exc, OperationalError) else None
        # The driver's own words, first line only (libpq adds hints on further lines).
        reason = MESSAGES[problem] if problem else (str(exc.orig).strip().splitlines() or ["unknown"])[0]
        raise CommandError(f"cannot open the database: {reason}", EXIT_DATABASE) from None
    return engine


def _open_existing(url: str) -> Any:
    """The engine for a database that already exists at the current schema, for read-only commands: a
    missing SQLite file is never created and an old schema never migrated (`CommandError`, exit 3)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from desk_app.storage import migrate as migrations
    from desk_app.storage.engine import DatabaseUrlError, make_engine, without_password

    try:
        parsed = make_url(url)
        # A URL that cannot be used is a usage mistake (exit 2), told before whether the database exists.
        make_engine(url).dispose()
    except DatabaseUrlError as exc:
        raise CommandError(message_of(exc), EXIT_USAGE) from None
    except (ArgumentError, ValueError):
        raise CommandError(f"not a database URL: {without_password(url)!r}", EXIT_USAGE) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            raise CommandError("an in-memory database holds nothing to read: give a file", EXIT_USAGE)
        if not Path(database).is_file():
            raise CommandError(f"no database at {database}", EXIT_DATABASE)
    engine = _open(url, migrate=False)
    revision = migrations.current_revision(engine)
    if revision != migrations.SCHEMA_HEAD:
        engine.dispose()
        found = f"at revision {revision}" if revision else "empty (no schema)"
        raise CommandError(
            f"the database is {found}, not {migrations.SCHEMA_HEAD}: run `desk-app db upgrade` first",
            EXIT_DATABASE,
        )
    return engine


def _db(args: argparse.Namespace, config: Config) -> int:
    from desk_app.storage import migrate as migrations
    from desk_app.storage.engine import describe

    url = resolve_database_url(args.db, config)
    if args.db_command == "upgrade":
        engine = _open(url, migrate=False)
        applied = migrations.upgrade(engine)
        state = "upgraded to" if applied else "already at"
        print(f"{describe(engine)}: {state} revision {migrations.current_revision(engine)}")
    else:
        engine = _open(url, migrate=False)
        print(migrations.current_revision(engine) or "empty (no schema)")
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _progress_printer(stream: TextIO) -> Any:
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            end = "\r" if stream.isatty() else "\n"
            # Ten lines when piped to a log; a live counter on a terminal.
            if stream.isatty() or percent % 10 == 0:
                print(f"  {done:,} / {total:,} customers ({percent}%)", end=end, file=stream, flush=True)

    return report


def _demo_data(args: argparse.Namespace, config: Config) -> int:
    from desk_app.demo.generator import MAX_CUSTOMERS, DemoDataError, generate_demo_data
    from desk_app.erased_register_key import key_file_for

    if not 1 <= args.customers <= MAX_CUSTOMERS:
        raise CommandError(f"--customers must be from 1 to {MAX_CUSTOMERS:,}", EXIT_USAGE)
    now = _demo_clock(args.as_of)
    engine = _open(resolve_database_url(args.db, config))
    try:
        summary = generate_demo_data(
            engine,
            customers=args.customers,
            seed=args.seed,
            now=now,
            progress=_progress_printer(sys.stderr),
            company=config.company,
            register_key=key_file_for(config).load(),
        )
    except DemoDataError as exc:
        raise CommandError(message_of(exc), EXIT_USAGE) from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(summary.__dict__, ensure_ascii=False))
    else:
        print(
            f"{summary.customers:,} customers, {summary.phones:,} phones, {summary.orders:,} orders "
            f"({summary.order_lines:,} lines), {summary.provision_records:,} provision records, "
            f"{summary.cases:,} cases in {summary.seconds:.1f} s"
        )
    return EXIT_OK


def _demo_clock(as_of: dt.date | None, *, now: dt.datetime | None = None) -> dt.datetime:
    """Noon in Tokyo on the chosen day: a fixed instant, so a seed and a day always give the same data.

    Without a day, the latest noon in Tokyo that has passed; a day whose noon is still to come is refused,
    since demo data dated after the moment it is made would contradict the desk's own rules.
    """
    from desk_app.domain.deadlines import TOKYO

    current = (now or dt.datetime.now(dt.UTC)).astimezone(TOKYO)
    if as_of is not None and as_of < DEMO_EARLIEST:
        # The demo's customers are born up to 2004 and order over the eight years before the day.
        raise CommandError(
            f"--as-of {as_of.isoformat()}: the demo is dated from {DEMO_EARLIEST} on", EXIT_USAGE
        )
    if as_of is None:
        day = current.date() if current.hour >= 12 else current.date() - dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(12), tzinfo=TOKYO).astimezone(dt.UTC)
    noon = dt.datetime.combine(as_of, dt.time(12), tzinfo=TOKYO)
    if noon > current:
        raise CommandError(
            f"--as-of {as_of.isoformat()}: noon of that day in Japan is still to come", EXIT_USAGE
        )
    return noon.astimezone(dt.UTC)


def _lookup(args: argparse.Namespace, config: Config) -> int:
    from desk_app.domain.enums import AccessAction
    from desk_app.domain.phones import InvalidPhoneNumber
    from desk_app.services.access_log import record_access
    from desk_app.services.customers.lookup import lookup_by_phone
    from desk_app.storage.engine import session_factory

    engine = _open_existing(resolve_database_url(args.db, config))
    with session_factory(engine).begin() as session:
        try:
            result = lookup_by_phone(session, args.number)
        except InvalidPhoneNumber as exc:
            if args.json:
                print(json_for_terminal({"input": args.number, "error": str(exc)}))
            else:
                print(
                    f"desk-app: {for_terminal(repr(args.number))} is {for_terminal(str(exc))}",
                    file=sys.stderr,
                )
            return EXIT_USAGE
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
        print(json_for_terminal(payload))
    else:
        # Names come from imports and corrections: whatever slipped in is shown escaped, never run.
        print(f"{result.number.national} ({result.number.e164})")
        for match in result.customers:
            print(
                f"  {match.customer_no}  {for_terminal(match.name)}  {for_terminal(match.name_kana)}"
                f"  [{match.matched_phone_kind.value}]"
            )
        if not result.customers:
            print("  no customer holds this number")
    return EXIT_OK if result.customers else EXIT_NO_MATCH


NOT_A_DEMO_DATABASE = (
    "is not a demo database: the demo desk signs in without a password, so it opens only a database the"
    " demo made. Sign in to a real database without --demo"
)


def _demo_url(db: str | None) -> str:
    return db or sqlite_url(paths.demo_database_path())


def _is_empty(engine: Any) -> bool:
    """True for a database holding no table at all: a new SQLite file, or a new PostgreSQL schema."""
    from sqlalchemy import inspect

    with engine.connect() as connection:
        return not inspect(connection).get_table_names()


def _open_demo_database(url: str, config: Config) -> Any:
    """The demo database's mark, making the demo database first in a database that holds nothing yet.

    Any other database, whatever its content, is refused (`CommandError`, exit 2) before anything is
    written to it, even a migration: the demo desk signs in without a password, and a real database's
    accounts without one (or an administrator set up before the first import) must not open that way.
    """
    from desk_app.storage import migrate as migrations
    from desk_app.storage.demo_mark import demo_mark

    engine = _open(url, migrate=False)
    try:
        with engine.connect() as connection:
            mark = demo_mark(connection)
        if mark is None:
            if not _is_empty(engine):
                if url == _demo_url(None):
                    # The default demo file, made before demo databases were marked (or replaced by hand).
                    raise CommandError(
                        f"{_shown(url)} is not marked as a demo database: delete the file and start"
                        " `desk-app --demo` again to make a new one",
                        EXIT_USAGE,
                    )
                raise CommandError(f"{_shown(url)} {NOT_A_DEMO_DATABASE}", EXIT_USAGE)
            from desk_app.demo.generator import generate_demo_data

            migrations.upgrade(engine)
            print(f"desk-app: preparing the demo database ({DEMO_CUSTOMERS:,} customers)…", file=sys.stderr)
            from desk_app.erased_register_key import key_file_for

            generate_demo_data(
                engine,
                customers=DEMO_CUSTOMERS,
                seed=DEMO_SEED,
                now=_demo_clock(None),
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


def _shown(url: str) -> str:
    """The database as a message names it: the file of a SQLite URL, else the URL without its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def _demo_cti_token(db: str | None) -> str:
    """The CTI token of the demo database (`--db`, else the default one) for `desk-app ring --demo`.

    Read without creating or migrating anything; `CommandError` (exit 2) when there is no demo database.
    """
    from sqlalchemy.engine import make_url

    from desk_app.storage.demo_mark import demo_mark

    url = _demo_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise CommandError(
            f"no demo database at {parsed.database}: start the demo desk with `desk-app --demo` first",
            EXIT_USAGE,
        )
    engine = _open(url, migrate=False)
    try:
        with engine.connect() as connection:
            mark = demo_mark(connection)
    finally:
        engine.dispose()
    if mark is None:
        raise CommandError(f"{_shown(url)} {NOT_A_DEMO_DATABASE}", EXIT_USAGE)
    return mark.cti_token


def _check_scripts(folder: Path | None) -> int:
    """Load and validate every talk script; a broken one is a usage error naming file, step and field."""
    from desk_app.scripts.loader import ScriptError, load_scripts

    try:
        scripts = load_scripts(folder or paths.resources_dir() / "scripts")
    except ScriptError as exc:
        raise CommandError(f"talk script error: {exc}", EXIT_USAGE) from None
    for script_id, script in sorted(scripts.items()):
        print(f"{script_id}: version {script.version}, {len(script.steps)} steps")
    return EXIT_OK


def _gui(args: argparse.Namespace, config: Config, started: float) -> int:
    from desk_app.launch import GuiLaunch, GuiNotInstalled, find_gui

    if args.demo:
        # Only `--db` or the default demo file, never DESK_APP_DB or the config's database: the demo desk
        # opens a database the demo made, whatever else is configured.
        url = _demo_url(args.db)
        agent = args.agent or DEMO_AGENT
    else:
        url = resolve_database_url(args.db, config)
        agent = args.agent
    try:
        run = find_gui()
    except GuiNotInstalled as exc:
        raise CommandError(message_of(exc), EXIT_USAGE) from None
    # The window reports time-to-first-paint from here when asked to (see ui.shell.app).
    os.environ.setdefault("DESK_APP_T0", repr(started))
    launch = GuiLaunch(config=config, database_url=url, agent_login=agent, demo=args.demo)

    def open_database() -> GuiLaunch:
        # Run by the window once it has painted and before anything in it can be used; what this raises
        # comes back out of `run` to be reported here, as before a window was shown.
        _check_desk_scripts()
        demo_cti_token = _open_demo_database(url, config).cti_token if args.demo else None
        _close_stale_calls(url)
        return dataclasses.replace(launch, demo_cti_token=demo_cti_token)

    return run(dataclasses.replace(launch, open_database=open_database))


def _check_desk_scripts() -> None:
    """The desk refuses to start with a broken script rather than fail in the middle of a call."""
    from desk_app.scripts.loader import ScriptError, load_scripts

    try:
        load_scripts(paths.resources_dir() / "scripts")
    except ScriptError as exc:
        raise CommandError(f"talk script error: {exc}", EXIT_USAGE) from None
