"""The database as the window sees it: opened once, a session per piece of work, a probe, and the failures
a user can act on told apart from bugs. The window imports this, never `desk_app.storage`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.engine import describe, make_engine, ping, session_factory
from desk_app.storage.errors import DatabaseProblem, classify

__all__ = ["Database", "DatabaseProblem", "Session", "classify", "open_database", "ping", "sessions_beside"]


@dataclass(frozen=True)
class Database:
    """An opened database: where each piece of work gets its session, and what the status bar names."""

    sessions: sessionmaker[Session]
    # The file for SQLite, host/db for a server, never a password.
    description: str
    # Closes the pooled connections: called once nothing runs against the database any more.
    dispose: Callable[[], None]


def open_database(url: str) -> Database:
    """The engine for `url` (a URL the command line has checked), its session factory and description."""
    engine = make_engine(url)
    return Database(session_factory(engine), describe(engine), engine.dispose)


def sessions_beside(session: Session) -> sessionmaker[Session]:
    """Sessions on the database `session` works on: for long work handed one session that must commit as it
    goes (a transaction per chunk), so it never holds one transaction open for the whole run."""
    bind = session.get_bind()
    return session_factory(bind if isinstance(bind, Engine) else bind.engine)
