"""The gateway's writer: one thread storing events in the order they came, retrying while the database is out.

Events wait in a bounded buffer; the writer stores them in batches, each batch one transaction. When the
database is unreachable the batch stays at the head of the buffer and is tried again, after a pause that
grows to a few seconds; when the buffer is full a new event is refused (the PBX hears 503 and may retry).
What could not be stored is counted and logged as counts, never numbers.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from desk_app.config import Switchboard
from desk_app.services.extensions import pbx_directory
from desk_app.services.switchboard.blocklist import blocked_numbers
from desk_app.services.switchboard.call_events import Accepted, Incoming, accept

logger = logging.getLogger(__name__)

DEFAULT_CAPACITY = 10_000
BATCH = 200
RETRY_FIRST_SECONDS = 0.2
RETRY_LONGEST_SECONDS = 5.0
# The blocklist and the names agents answer to are read again at most this often.
BLOCKLIST_REFRESH_SECONDS = 10.0

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BufferFull(Exception):
    """The database has been away long enough to fill the buffer: the event is refused."""


class GatewayWriter:
    def __init__(
        self,
        engine: Engine,
        settings: Switchboard,
        *,
        capacity: int = DEFAULT_CAPACITY,
        clock: Clock = _utc_now,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._capacity = capacity
        self._clock = clock
        self._pending: deque[tuple[Incoming, Future[Accepted]]] = deque()
        self._ready = threading.Condition()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._counts: Counter[str] = Counter()
        self._blocked: frozenset[str] = frozenset()
        # Who the PBX may name (logins, names, extensions), read with the blocklist: routing a call then
        # costs no query per name, and an administrator's change reaches the gateway within seconds.
        self._directory: dict[str, int] = {}
        self._blocked_at = -BLOCKLIST_REFRESH_SECONDS
        self._database_up = False

    @property
    def database_up(self) -> bool:
        """Whether the last attempt to reach the database succeeded."""
        return self._database_up

    @property
    def waiting(self) -> int:
        with self._ready:
            return len(self._pending)

    def counts(self) -> dict[str, int]:
        with self._ready:
            return dict(self._counts)

    def is_blocked(self, e164: str) -> bool:
        return e164 in self._blocked

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the gateway's writer was already started")
        self.refresh_lists(force=True)
        self._thread = threading.Thread(target=self._run, name="gateway-writer", daemon=True)
        self._thread.start()

    def stop(self, *, drain_seconds: float = 2.0) -> None:
        """Store what is waiting (for up to `drain_seconds`), then stop; what is left is counted as lost."""
        deadline = time.monotonic() + drain_seconds
        with self._ready:
            self._ready.wait_for(lambda: not self._pending, timeout=max(0.0, deadline - time.monotonic()))
            self._stopping.set()
            self._ready.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        with self._ready:
            lost = len(self._pending)
            while self._pending:
                _incoming, future = self._pending.popleft()
                future.cancel()
            if lost:
                self._counts["lost at stop"] += lost
        if lost:
            logger.error("gateway stopped with %d event(s) not stored", lost)

    def submit(self, incoming: Incoming) -> Future[Accepted]:
        """Queue an event; `BufferFull` when the buffer holds `capacity` already."""
        future: Future[Accepted] = Future()
        with self._ready:
            if len(self._pending) >= self._capacity:
                self._counts["refused, buffer full"] += 1
                raise BufferFull
            self._pending.append((incoming, future))
            self._ready.notify()
        return future

    def _run(self) -> None:
        pause = RETRY_FIRST_SECONDS
        while not self._stopping.is_set():
            with self._ready:
                self._ready.wait_for(lambda: self._pending or self._stopping.is_set(), timeout=1.0)
                batch = [self._pending[index] for index in range(min(BATCH, len(self._pending)))]
            if not batch:
                continue
            try:
                results = self._store(batch)
            except (OperationalError, DBAPIError) as exc:
                if not _connection_lost(exc):
                    results = self._store_one_by_one(batch)
                else:
                    self._database_up = False
                    with self._ready:
                        self._counts["retries"] += 1
                    logger.warning("database unreachable: %d event(s) waiting", self.waiting)
                    self._stopping.wait(pause)
                    pause = min(pause * 2, RETRY_LONGEST_SECONDS)
                    continue
            pause = RETRY_FIRST_SECONDS
            self._database_up = True
            with self._ready:
                for _ in batch:
                    self._pending.popleft()
                for (_incoming, future), result in zip(batch, results, strict=True):
                    if isinstance(result, Accepted):
                        self._counts[result.outcome.split(" to ", 1)[0]] += 1
                        future.set_result(result)
                    else:
                        self._counts["failed"] += 1
                        future.set_exception(result)
                self._ready.notify_all()
            self.refresh_lists()

    def _store(self, batch: list[tuple[Incoming, Future[Accepted]]]) -> list[Accepted | Exception]:
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            return [
                accept(session, incoming, settings=self._settings, now=now, directory=self._directory)
                for incoming, _ in batch
            ]

    def _store_one_by_one(self, batch: list[tuple[Incoming, Future[Accepted]]]) -> list[Accepted | Exception]:
        """After a batch failed on its data, each event alone: the one at fault is dropped, not the rest."""
        results: list[Accepted | Exception] = []
        for item in batch:
            try:
                results.extend(self._store([item]))
            except Exception as exc:  # the event itself is at fault: counted, not retried for ever
                logger.error("gateway could not store an event: %s", type(exc).__name__)
                results.append(exc)
        return results

    def refresh_lists(self, *, force: bool = False) -> None:
        """Read the blocklist and the agents' names again (`force`: now, else when they are due)."""
        if not force and time.monotonic() - self._blocked_at < BLOCKLIST_REFRESH_SECONDS:
            return
        try:
            with Session(self._engine) as session:
                self._blocked = blocked_numbers(session)
                self._directory = pbx_directory(session)
            self._database_up = True
        except (OperationalError, DBAPIError):
            self._database_up = False
            return
        self._blocked_at = time.monotonic()


def _connection_lost(exc: DBAPIError) -> bool:
    return bool(exc.connection_invalidated) or isinstance(exc, OperationalError)
