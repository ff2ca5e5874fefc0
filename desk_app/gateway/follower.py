"""A desk's side of the gateway: `LISTEN` for its agent, read the events routed to it, in order, once each.

A caller-ID source like the others (`desk_app.callerid.source`): the desk's window and
`desk-app callerid follow` start it with their callbacks. One connection does everything (a site with
300 desks needs 300, not 600): it listens on the agent's channel and reads, after each notification, every
event routed to the agent with an id above the last one delivered. When the connection is lost the
follower reconnects, listens again and reads what it missed from the table: nothing is missed, and since
ids only grow, nothing is delivered twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desk_app.callerid.cti_request import CtiEvent
from desk_app.callerid.events import CallEvent
from desk_app.callerid.source import EmitEvent, ReportStatus, SourceStatus, deliver
from desk_app.config import Switchboard
from desk_app.domain.enums import CallSource, CallState, SourceState
from desk_app.gateway.listening import WAKE_SECONDS, driver_connection, listen_until_stopped
from desk_app.services.switchboard.call_events import Incoming, accept
from desk_app.services.switchboard.channels import agent_channel
from desk_app.services.switchboard.feed import PAGE, resume_point, routed_since
from desk_app.storage.engine import make_engine

logger = logging.getLogger(__name__)

# How the gateway counts the desks listening (`GET /healthz`): PostgreSQL shows each connection's name.
APPLICATION_NAME = "inquiry-desk desk"
# Adapter calls remembered for their answer; more at once than a desk ever rings.
MAX_SERIAL_CALLS = 100


class GatewayFollower:
    """Follows one agent's desk; `last_event_id` is the newest event delivered."""

    def __init__(
        self,
        url: str,
        agent_id: int,
        login: str,
        *,
        after: int | None = None,
        on_delivered: Callable[[int], None] | None = None,
        settings: Switchboard | None = None,
    ) -> None:
        self._url = url
        self._agent_id = agent_id
        self._login = login
        self._after = after
        self._on_delivered = on_delivered
        # Adapter calls delivered here and not yet over: an adapter cannot see answers, so the desk says.
        self._serial_calls: dict[str, str | None] = {}
        self._serial_lock = threading.Lock()
        self._settings = settings or Switchboard()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._emit: EmitEvent | None = None
        self._on_status: ReportStatus | None = None
        self.reconnects = 0

    @property
    def name(self) -> str:
        return f"gateway {self._login}"

    @property
    def last_event_id(self) -> int | None:
        return self._after

    def start(self, emit: EmitEvent, on_status: ReportStatus) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} was already started")
        self._emit, self._on_status = emit, on_status
        self._thread = threading.Thread(target=self._run, name="gateway-follower", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._on_status is not None:
            deliver(self._on_status, SourceStatus(self.name, SourceState.STOPPED, ""))

    def mark_answered(self, call_id: str) -> None:
        """The agent answered a Number Display call at this desk: the gateway cannot know it otherwise, so
        the answer is stored as from the line, naming this desk (the other desks close the call)."""
        with self._serial_lock:
            if call_id not in self._serial_calls:
                return
            line = self._serial_calls.pop(call_id)
        incoming = Incoming(
            source=CallSource.SERIAL,
            call_id=call_id,
            kind=CtiEvent.ANSWER,
            at=dt.datetime.now(dt.UTC),
            line=line,
            users=(self._login,),
        )
        engine = make_engine(self._url, poolclass=NullPool)
        try:
            with Session(engine) as session, session.begin():
                accept(session, incoming, settings=self._settings, now=incoming.at)
        except DBAPIError:
            logger.error("could not record an answer at this desk: the database does not answer")
        finally:
            engine.dispose()

    def _status(self, state: SourceState, detail: str = "") -> None:
        if self._on_status is not None:
            deliver(self._on_status, SourceStatus(self.name, state, detail))

    def _run(self) -> None:
        listen_until_stopped(
            self._url,
            agent_channel(self._agent_id),
            application_name=APPLICATION_NAME,
            stopping=self._stopping,
            follow=self._follow,
            lost=self._lost,
        )

    def _lost(self, _error: Exception) -> None:
        self.reconnects += 1
        logger.warning("gateway connection lost; reconnecting")
        self._status(SourceState.DISCONNECTED, "database unreachable")

    def _follow(self, connection: Connection) -> None:
        if self._after is None:
            with Session(bind=connection) as session:
                self._after = resume_point(session, self._agent_id, now=dt.datetime.now(dt.UTC))
        self._status(SourceState.LISTENING, f"events after {self._after}")
        raw = driver_connection(connection)
        self._catch_up(connection)
        while not self._stopping.is_set():
            woke = False
            for _notification in raw.notifies(timeout=WAKE_SECONDS, stop_after=1):
                woke = True
            if woke:
                self._catch_up(connection)

    def _remember_serial(self, event: CallEvent) -> None:
        if event.source is not CallSource.SERIAL:
            return
        with self._serial_lock:
            if event.state is CallState.RINGING:
                self._serial_calls[event.call_id] = event.line
                while len(self._serial_calls) > MAX_SERIAL_CALLS:
                    self._serial_calls.pop(next(iter(self._serial_calls)))
            else:
                self._serial_calls.pop(event.call_id, None)

    def _catch_up(self, connection: Connection) -> None:
        assert self._after is not None
        with Session(bind=connection) as session:
            while True:
                page = routed_since(session, self._agent_id, self._after)
                for routed in page:
                    self._after = routed.event_id
                    self._remember_serial(routed.event)
                    if self._emit is not None:
                        deliver(self._emit, routed.event)
                    if self._on_delivered is not None:
                        self._on_delivered(routed.event_id)
                if len(page) < PAGE:
                    return
