"""Database failures a user can act on (busy, disk full, server unreachable), told apart from bugs."""

from __future__ import annotations

import enum

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError


class DatabaseProblem(enum.StrEnum):
    BUSY = "busy"
    FULL = "full"
    CANNOT_OPEN = "cannot_open"
    READ_ONLY = "read_only"
    UNREACHABLE = "unreachable"
    CONFLICT = "conflict"


# Matched against the driver's own message, lower-cased; the first hit wins.
_SIGNS: tuple[tuple[str, DatabaseProblem], ...] = (
    ("database is locked", DatabaseProblem.BUSY),
    ("database table is locked", DatabaseProblem.BUSY),
    ("database or disk is full", DatabaseProblem.FULL),
    ("no space left on device", DatabaseProblem.FULL),
    ("disk i/o error", DatabaseProblem.FULL),
    ("unable to open database file", DatabaseProblem.CANNOT_OPEN),
    ("readonly database", DatabaseProblem.READ_ONLY),
    ("read-only", DatabaseProblem.READ_ONLY),
    ("connection refused", DatabaseProblem.UNREACHABLE),
    ("could not connect", DatabaseProblem.UNREACHABLE),
    ("connection failed", DatabaseProblem.UNREACHABLE),
    ("server closed the connection", DatabaseProblem.UNREACHABLE),
    ("terminating connection", DatabaseProblem.UNREACHABLE),
    ("connection is closed", DatabaseProblem.UNREACHABLE),
    ("name or service not known", DatabaseProblem.UNREACHABLE),
    ("timeout expired", DatabaseProblem.UNREACHABLE),
)

MESSAGES = {
    DatabaseProblem.BUSY: "The database is busy with another desk's work. Try again in a moment.",
    DatabaseProblem.FULL: "The disk that holds the database is full or failing. Tell your administrator.",
    DatabaseProblem.CANNOT_OPEN: "The database file cannot be opened. Check that its folder exists.",
    DatabaseProblem.READ_ONLY: "The database can only be read here, so nothing was saved.",
    DatabaseProblem.UNREACHABLE: "The database server cannot be reached. Check the network, then try again.",
    DatabaseProblem.CONFLICT: (
        "Another desk changed this record meanwhile. Reload it; what you typed is kept."
    ),
}


def classify(error: BaseException) -> DatabaseProblem | None:
    """The problem a user can act on, or None when the error is a bug for the crash log."""
    if isinstance(error, StaleDataError):
        return DatabaseProblem.CONFLICT
    if not isinstance(error, DBAPIError):
        return None
    text = str(error.orig if error.orig is not None else error).lower()
    for sign, problem in _SIGNS:
        if sign in text:
            return problem
    if error.connection_invalidated:
        return DatabaseProblem.UNREACHABLE
    return None
