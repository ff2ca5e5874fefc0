"""What every `desk-app` command shares: exit codes, the one error, the context a command runs in, opening
its database, and the argument types of its options."""

# Imported when the parser is built, for every command and for the window: SQLAlchemy and the services
# are imported inside the functions that open a database or check a value, never here.

from __future__ import annotations

import argparse
import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeAlias, TypeVar

from desk_app import paths
from desk_app.config import Config, resolve_database_url, sqlite_url
from desk_app.domain.messages import Language, Message, MessageError, message_of, render
from desk_app.domain.periods import Age, parse_age
from desk_app.domain.safe_text import for_terminal

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    # What `register` adds its command to: the program's sub-commands (or a group's actions).
    Subcommands: TypeAlias = argparse._SubParsersAction["CommandParser"]


# The CTI token `callerid monitor` listens with and `ring` sends when no option gives one.
CTI_TOKEN_VARIABLE = "DESK_APP_CTI_TOKEN"


class ExitCode(enum.IntEnum):
    """Every status `desk-app` exits with; each command's help says what its 1 means."""

    OK = 0
    # The command ran and the answer is no. Three names for one status, so each command says what it means:
    NO_MATCH = 1  # no customer holds the number; no such case, or no letter applies
    REFUSED = 1  # a person not authenticated or not allowed; a file rejected; a ring not delivered, or
    # no caller-ID source would start
    BROKEN = 1  # an audit chain or a case row broken; the doctor's problems
    USAGE = 2
    DATABASE = 3
    # What a shell reports for a command ended by Ctrl+C (SIGINT) ...
    INTERRUPTED = 130
    # ... and by a reader that went away (`desk-app … | head`, SIGPIPE).
    READER_GONE = 141


class CommandError(MessageError):
    """A failure the user can act on: printed as one line (`desk-app: …`, in the command line's language),
    never as a traceback, and the command exits with `exit_code`."""

    def __init__(self, message: Message | str, exit_code: ExitCode) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class CommandContext:
    """What a command runs with: the configuration, the database `--db` names (opened only when the
    command asks), where it prints, and the language of its messages (`DESK_APP_LANGUAGE`)."""

    config: Config
    database_option: str | None
    stdout: TextIO
    stderr: TextIO
    language: Language

    def database_url(self) -> str:
        """`--db`, else `DESK_APP_DB`, else the configuration's, else the per-user SQLite file."""
        return resolve_database_url(self.database_option, self.config)

    def demo_database_url(self) -> str:
        """The database `--demo` names: `--db`, else the per-user demo file; never `DESK_APP_DB` or the
        configuration's, whatever else is configured."""
        return self.database_option or sqlite_url(paths.demo_database_path())

    def open_database(self, *, migrate: bool = True) -> Engine:
        """The command's database, created or migrated as needed (`migrate=False`: as it is)."""
        return open_database(self.database_url(), migrate=migrate)

    def open_existing_database(self) -> Engine:
        """The command's database for reading: one that exists at the current schema, else exit 3."""
        return open_existing_database(self.database_url())

    def words(self, said: Message | BaseException) -> str:
        """A message, or what an error says, in the command line's language."""
        return render(said if isinstance(said, Message) else message_of(said), self.language)

    def warn(self, said: Message | BaseException | str) -> None:
        """One `desk-app: …` line on stderr that does not end the command."""
        text = said if isinstance(said, str) else self.words(said)
        print(f"desk-app: {text}", file=self.stderr)


def fail(message: str, exit_code: ExitCode, stream: TextIO) -> ExitCode:
    """`message` as one `desk-app: …` line on `stream`, escaped, since it can quote what another program
    sent (a desk's refusal, an adapter's line); returns `exit_code` for the command to end with."""
    print(f"desk-app: {for_terminal(message)}", file=stream)
    return exit_code


class CommandParser(argparse.ArgumentParser):
    """argparse, with a usage mistake said in one line (and exit 2) instead of the usage text and a line.
    Every sub-command's parser is one too: argparse makes them of their parent's class."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"{self.prog}: {_shortened(message)} (see {self.prog} --help)\n")


def _shortened(message: str) -> str:
    # argparse quotes the value it refused; a pasted novel or 5,000 digits need not be echoed whole.
    return re.sub(r"'([^']{40})[^']{20,}'", r"'\1…'", message)


def add_command(
    commands: Subcommands, name: str, *, help: str, description: str | None = None
) -> CommandParser:
    """A command's parser (or a group's action's) taking --db and --config as the program does, so they may
    come after the command too."""
    parser = commands.add_parser(name, help=help, description=description)
    database_options(parser, suppress=True)
    return parser


def database_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # Sub-commands repeat the options so `desk-app lookup N --db URL` works; SUPPRESS keeps a
    # sub-command's absent option from overwriting one given before the sub-command.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="URL", default=default, help="database URL (sqlite:///… or postgresql+psycopg://…)"
    )
    parser.add_argument(
        "--config", metavar="PATH", type=Path, default=default, help="configuration file (TOML)"
    )


def open_database(url: str, *, migrate: bool = True) -> Engine:
    """The engine for `url`, migrated; connection failures become a `CommandError`."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from desk_app.storage import migrate as migrations
    from desk_app.storage.engine import DatabaseUrlError, make_engine
    from desk_app.storage.errors import MESSAGES, classify

    try:
        engine = make_engine(url)
    except DatabaseUrlError as exc:
        raise CommandError(message_of(exc), ExitCode.USAGE) from None
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
        raise CommandError(f"cannot open the database: {reason}", ExitCode.DATABASE) from None
    return engine


def open_existing_database(url: str) -> Engine:
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
        raise CommandError(message_of(exc), ExitCode.USAGE) from None
    except (ArgumentError, ValueError):
        raise CommandError(f"not a database URL: {without_password(url)!r}", ExitCode.USAGE) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            raise CommandError("an in-memory database holds nothing to read: give a file", ExitCode.USAGE)
        if not Path(database).is_file():
            raise CommandError(f"no database at {database}", ExitCode.DATABASE)
    engine = open_database(url, migrate=False)
    revision = migrations.current_revision(engine)
    if revision != migrations.SCHEMA_HEAD:
        engine.dispose()
        found = f"at revision {revision}" if revision else "empty (no schema)"
        raise CommandError(
            f"the database is {found}, not {migrations.SCHEMA_HEAD}: run `desk-app db upgrade` first",
            ExitCode.DATABASE,
        )
    return engine


_Read = TypeVar("_Read")


def read_only(engine: Engine, work: Callable[[Session], _Read]) -> _Read:
    """`work(session)` in one session that is rolled back; a database that cannot be read is a
    `CommandError`, exit 3."""
    from sqlalchemy.exc import OperationalError

    from desk_app.storage.engine import session_factory
    from desk_app.storage.errors import MESSAGES, classify

    try:
        with session_factory(engine)() as session:
            try:
                return work(session)
            finally:
                session.rollback()
    except OperationalError as exc:
        problem = classify(exc)
        reason = MESSAGES[problem] if problem else type(exc.orig).__name__
        raise CommandError(f"cannot read the database: {reason}", ExitCode.DATABASE) from None


# Argument types: a value refused here is a usage mistake that names its option (exit 2). Each message
# quotes the value as it always has, some whole (`!r`), some cut short by `quoted`.


def quoted(text: str) -> str:
    """The value as a message quotes it: a pasted novel is cut short."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def iso_date(text: str) -> dt.date:
    """A day as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def case_log_day(text: str) -> dt.date:
    """A day as YYYY-MM-DD within the days the case log filters by. Option values are checked here, with
    the option's name in the message; the service checks the same limits again for every other caller."""
    from desk_app.services.cases.log_filters import EARLIEST_DAY, LATEST_DAY

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {quoted(text)}") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(f"the day must be from {EARLIEST_DAY} to {LATEST_DAY}: {text}")
    return day


def due_days(text: str) -> int:
    """A number of days a case may still be due within (digits only, so never thousands of them)."""
    from desk_app.services.cases.log_filters import MAX_DUE_WITHIN_DAYS

    if not (text.isascii() and text.isdigit() and len(text) <= 4 and int(text) <= MAX_DUE_WITHIN_DAYS):
        raise argparse.ArgumentTypeError(
            f"not a number of days from 0 to {MAX_DUE_WITHIN_DAYS}: {quoted(text)}"
        )
    return int(text)


def positive(text: str) -> int:
    """A whole number from 1: a token's id, a number of days."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def whole_number(least: int, most: int) -> Callable[[str], int]:
    """A whole number from `least` to `most` (digits only, so never thousands of them)."""

    def whole_number(text: str) -> int:
        if (
            not (text.isascii() and text.isdigit() and len(text) <= len(str(most)))
            or not least <= int(text) <= most
        ):
            raise argparse.ArgumentTypeError(f"not a whole number from {least} to {most:,}: {quoted(text)}")
        return int(text)

    return whole_number


def seconds(most: float) -> Callable[[str], float]:
    """Seconds above 0 and at most `most` (so never infinite, never NaN)."""

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of seconds: {quoted(text)}") from None
        if not 0 < value <= most:  # NaN fails both comparisons
            raise argparse.ArgumentTypeError(
                f"must be more than 0 and at most {most:g} seconds: {quoted(text)}"
            )
        return value

    return seconds


def age(text: str) -> Age:
    """How long ago: 90d, 12m, 1y."""
    try:
        return parse_age(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def host_port(text: str) -> tuple[str, int]:
    """`HOST:PORT` (`[::1]:PORT` for IPv6)."""
    host, colon, port_text = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    valid_port = (
        port_text.isascii() and port_text.isdigit() and len(port_text) <= 5 and int(port_text) <= 65_535
    )
    if not colon or not host or not valid_port:
        raise argparse.ArgumentTypeError(f"not HOST:PORT: {quoted(text)}")
    return host, int(port_text)


def search_text(text: str) -> str:
    """Text to search for: what a search box accepts (no control characters, not too long)."""
    from desk_app.domain.search_text import search_text_problem

    problem = search_text_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"the text {problem}")
    return text
