"""The supervisors' live board's ear on the floor: `LISTEN` on the board's channel and say when to read again.

Every call event, presence change and missed call taken is announced on `channels.BOARD` when it commits.
The listener does not read what changed: a notification says only that the board is out of date, and the
board is read whole (`services/switchboard/board.py`). So a burst of notifications (a ring at many desks,
then their presence changes) is one report, and after a lost connection one report on reconnecting is
enough to make the board right again, whatever was announced while nobody listened.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desk_app.services.switchboard.channels import BOARD
from desk_app.storage.engine import make_engine

logger = logging.getLogger(__name__)

# Not the desks' name: the gateway counts the desks listening by theirs (`GET /healthz`).
APPLICATION_NAME = "inquiry-desk board"
RECONNECT_FIRST_SECONDS = 0.2
RECONNECT_LONGEST_SECONDS = 5.0
# How often the listening thread looks up from waiting, to notice `stop`.
WAKE_SECONDS = 0.25
# A burst's notifications come a few milliseconds apart: the report waits until the channel has been quiet
# this long, but never longer than `BATCH_LONGEST_SECONDS` after the first, so a busy floor still updates.
QUIET_SECONDS = 0.05
BATCH_LONGEST_SECONDS = 0.5


@dataclass(frozen=True)
class BoardFeed:
    """Where a board listener connects. The URL may carry a password: it is kept out of reprs and logs."""

    url: str = field(repr=False)


def board_feed(session: Session) -> BoardFeed | None:
    """The session's database, when it can announce changes (PostgreSQL); None on SQLite, which cannot."""
    engine = session.get_bind().engine
    if engine.dialect.name != "postgresql":
        return None
    return BoardFeed(engine.url.render_as_string(hide_password=False))


class BoardListener:
    """Calls `on_change()` after each batch of notifications, and once each time it (re)connects.

    `on_connected(True)` follows each connection, `on_connected(False)` each loss. Both callbacks run on
    the listener's thread; they must be quick and must not raise (what they raise is logged and dropped).
    """

    def __init__(
        self,
        feed: BoardFeed,
        on_change: Callable[[], None],
        *,
        on_connected: Callable[[bool], None] | None = None,
    ) -> None:
        self._feed = feed
        self._on_change = on_change
        self._on_connected = on_connected
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.reconnects = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the board listener was already started")
        self._thread = threading.Thread(target=self._run, name="board-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; returns once the thread has (or after two seconds, if a connect hangs)."""
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)

    def _call(self, callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None or self._stopping.is_set():
            return
        try:
            callback(*args)
        except Exception:
            logger.exception("the live board's callback failed")

    def _run(self) -> None:
        engine = make_engine(
            self._feed.url, poolclass=NullPool, connect_args={"application_name": APPLICATION_NAME}
        )
        pause = RECONNECT_FIRST_SECONDS
        try:
            while not self._stopping.is_set():
                try:
                    with engine.connect() as connection:
                        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
                        connection.execute(text(f'LISTEN "{BOARD}"'))
                        raw = connection.connection.dbapi_connection
                        assert isinstance(raw, psycopg.Connection)
                        pause = RECONNECT_FIRST_SECONDS
                        self._call(self._on_connected, True)
                        # Whatever changed while nobody listened (or before the first connection).
                        self._call(self._on_change)
                        try:
                            self._listen(raw)
                        except psycopg.Error as exc:
                            # Lost while waiting on the driver itself: SQLAlchemy must not reuse it.
                            connection.invalidate(exc)
                            raise
                except (DBAPIError, psycopg.Error) as exc:
                    if self._stopping.is_set():
                        break
                    self.reconnects += 1
                    logger.warning("board connection lost (%s); reconnecting", type(exc).__name__)
                    self._call(self._on_connected, False)
                    self._stopping.wait(pause)
                    pause = min(pause * 2, RECONNECT_LONGEST_SECONDS)
        finally:
            engine.dispose()

    def _listen(self, raw: psycopg.Connection[object]) -> None:
        while not self._stopping.is_set():
            if not _heard(raw, WAKE_SECONDS):
                continue
            last_report = time.monotonic() + BATCH_LONGEST_SECONDS
            while time.monotonic() < last_report and _heard(raw, QUIET_SECONDS):
                pass
            self._call(self._on_change)


def _heard(raw: psycopg.Connection[object], timeout: float) -> bool:
    """Whether a notification came within `timeout` (those arriving together are all taken)."""
    return sum(1 for _notification in raw.notifies(timeout=timeout, stop_after=1)) > 0
