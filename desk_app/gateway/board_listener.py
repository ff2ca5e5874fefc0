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
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from desk_app.gateway.listening import WAKE_SECONDS, driver_connection, listen_until_stopped
from desk_app.services.switchboard.channels import BOARD

logger = logging.getLogger(__name__)

# Not the desks' name: the gateway counts the desks listening by theirs (`GET /healthz`).
APPLICATION_NAME = "inquiry-desk board"
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
        listen_until_stopped(
            self._feed.url,
            BOARD,
            application_name=APPLICATION_NAME,
            stopping=self._stopping,
            follow=self._follow,
            lost=self._lost,
        )

    def _lost(self, error: Exception) -> None:
        self.reconnects += 1
        logger.warning("board connection lost (%s); reconnecting", type(error).__name__)
        self._call(self._on_connected, False)

    def _follow(self, connection: Connection) -> None:
        self._call(self._on_connected, True)
        # Whatever changed while nobody listened (or before the first connection).
        self._call(self._on_change)
        self._listen(driver_connection(connection))

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
