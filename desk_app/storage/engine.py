"""Opening a database: engine set-up per dialect and the session factory the services are given."""

from __future__ import annotations

import contextlib
import re
import select
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError, InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from desk_app.private_files import ensure_private_file


class DatabaseUrlError(ValueError):
    """A database URL that cannot be used, with the reason in plain words."""


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout rides out another desk's short write instead of failing at once;
            # it comes first because switching to WAL itself may wait for a lock.
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            # WAL lets the GUI read while a background import writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return on_connect


def _create_database_file_owner_only(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> None:
    """Before SQLite opens a file that does not exist yet, create it empty and owner-only.

    SQLite would create it readable by everyone (0644 under the usual umask), and gives its -wal and -shm
    files the database file's own mode, so all three are private from the start. URIs (`file:…`, which
    may ask for read-only) and in-memory databases are left to SQLite.
    """
    database = cargs[0] if cargs else cparams.get("database")
    if not isinstance(database, str) or cparams.get("uri") or database in ("", ":memory:"):
        return
    if database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists():
        # A missing folder is reported by SQLite itself, as before (a message the user can act on).
        with contextlib.suppress(OSError):
            ensure_private_file(path)


def _replace_connections_the_server_closed(dialect: Dialect) -> Any:
    """On checkout: a connection the server has closed is replaced, and the pool with it, before use.

    What `pool_pre_ping` does, without its round trip on every checkout (0.05-0.1 ms on loopback, a
    tenth of a screen pop): a server that restarts, or ends a session, says so on the connection's
    socket, which has nothing else to read while the connection sits in the pool. So the socket is asked
    first, at no cost, and only a socket with something to read gets the real ping. A connection that
    fails it is dead, and so (as after a restart) are its siblings: the pool is refreshed, and the
    checkout retried on a new connection. A server that vanishes without a word (a cut cable) is noticed
    by the first statement instead, as a ping would notice it; SQLAlchemy then refreshes the pool, and
    the next try succeeds.
    """

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_connection.closed or dbapi_connection.broken:
            raise InvalidatePoolError("connection closed")
        try:
            readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
        except (OSError, ValueError, dialect.loaded_dbapi.Error) as error:  # the socket is gone
            raise InvalidatePoolError("connection closed") from error
        if readable:
            try:
                dialect.do_ping(dbapi_connection)
            except dialect.loaded_dbapi.Error as error:
                raise InvalidatePoolError("connection closed by the server") from error

    return on_checkout


# The drivers the desk ships and is tested with; any other would fail later with an import error.
_DRIVERS = {"sqlite": ("sqlite", "sqlite+pysqlite"), "postgresql": ("postgresql", "postgresql+psycopg")}
_PASSWORD = re.compile(r"(://[^/?#@:]*:)[^/?#@]*@")


def without_password(url: str) -> str:
    """The URL as a message may quote it: a password, if any, replaced by ***."""
    return _PASSWORD.sub(r"\1***@", url)


def make_engine(url: str, *, sqlite_busy_timeout_ms: int = 5000, **kwargs: Any) -> Engine:
    """The engine for `url`; `DatabaseUrlError` (one line, no password) for a URL that cannot be used."""
    expected = "expected sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/DATABASE"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseUrlError(f"not a database URL: {without_password(url)!r} ({expected})") from None
    backend = parsed.get_backend_name()
    if backend not in _DRIVERS:
        raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite:/// or postgresql+psycopg://")
    if parsed.drivername not in _DRIVERS[backend]:
        raise DatabaseUrlError(f"unsupported driver {parsed.drivername!r}: {expected}")
    if parsed.port is not None and not 1 <= parsed.port <= 65_535:
        raise DatabaseUrlError(f"the port must be from 1 to 65535: {without_password(url)!r}")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ValueError, TypeError) as exc:  # an option in the query string with a bad value
        raise DatabaseUrlError(f"the database URL has an option that cannot be used: {exc}") from None
    if backend == "sqlite":
        event.listen(engine, "do_connect", _create_database_file_owner_only)
        event.listen(engine, "connect", _sqlite_pragmas(sqlite_busy_timeout_ms))
    else:
        event.listen(engine, "checkout", _replace_connections_the_server_closed(engine.dialect))
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Services return frozen dataclasses, so nothing needs to stay loaded after commit.
    return sessionmaker(engine, expire_on_commit=False)


def ping(session: Session) -> None:
    """The cheapest statement that proves the database answers (the UI's reconnection probe)."""
    session.execute(text("SELECT 1"))


def describe(engine: Engine) -> str:
    """The database for a status bar: the file for SQLite, host/db for servers, never a password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite: {url.database or ':memory:'}"
    return f"PostgreSQL: {url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
