"""Application logging to a file when asked (`DESK_APP_LOG=FILE`, `DESK_APP_LOG_LEVEL`), no personal data.

The desk's own messages never carry a phone number, a name, an address or an e-mail (errors are logged
by type and traceback only). Libraries are kept quieter: at INFO, SQLAlchemy would log every statement
with its parameters, which are exactly those details.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desk_app.private_files import ensure_private_file

LOG_FILE_VARIABLE = "DESK_APP_LOG"
LOG_LEVEL_VARIABLE = "DESK_APP_LOG_LEVEL"
# Loggers that can print the values they handle: never below WARNING, whatever level the desk logs at.
QUIET_LIBRARIES = ("sqlalchemy", "alembic", "psycopg")


class LogFileError(Exception):
    """The log file asked for cannot be opened; the message says which and why, in one line."""


def log_to_file_from_environment() -> logging.Handler | None:
    """With `DESK_APP_LOG` set, append the desk's log to that file (level `DESK_APP_LOG_LEVEL`, INFO),
    created owner-only; raises `LogFileError` when it cannot be opened."""
    path = os.environ.get(LOG_FILE_VARIABLE)
    if not path:
        return None
    level = logging.getLevelName(os.environ.get(LOG_LEVEL_VARIABLE, "INFO").upper())
    try:
        # Owner-only when the desk creates it: even without personal data, a log says who worked when.
        ensure_private_file(Path(path))
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise LogFileError(
            f"cannot write the log {LOG_FILE_VARIABLE}={path}: {exc.strerror or exc}"
        ) from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler
