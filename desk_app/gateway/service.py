"""One running gateway: the writer, the CTI endpoint and the Number Display lines, started and stopped
together."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desk_app.callerid.cti_request import CtiEvent
from desk_app.callerid.events import CallEvent
from desk_app.callerid.serial_source import SerialAdapterSource
from desk_app.callerid.source import EmitEvent, ReportStatus
from desk_app.config import Switchboard
from desk_app.domain.enums import CallState
from desk_app.gateway.cti import GatewayCti
from desk_app.gateway.follower import APPLICATION_NAME
from desk_app.gateway.writer import DEFAULT_CAPACITY, BufferFull, GatewayWriter
from desk_app.services.switchboard.call_events import Incoming
from desk_app.services.switchboard.missed import day_start
from desk_app.storage.models import CallEventRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SerialLine:
    """An adapter and the name of the line it watches (`--serial COM3=0120-000-111`)."""

    device: str
    line: str
    baudrate: int = 1200
    enable_command: str = "AT+VCID=1"


class Gateway:
    def __init__(
        self,
        engine: Engine,
        settings: Switchboard,
        *,
        cti: tuple[str, int] | None = None,
        token: str | None = None,
        serial: Sequence[SerialLine] = (),
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self.engine = engine
        self.writer = GatewayWriter(engine, settings, capacity=capacity)
        self.cti = (
            GatewayCti(token, self.writer, self.health, host=cti[0], port=cti[1]) if cti and token else None
        )
        self._lines = [
            (
                line,
                SerialAdapterSource(line.device, baudrate=line.baudrate, enable_command=line.enable_command),
            )
            for line in serial
        ]
        self._health_lock = threading.Lock()

    @property
    def sources(self) -> list[Any]:
        return [*([self.cti] if self.cti else []), *(source for _line, source in self._lines)]

    def start(self, on_status: ReportStatus) -> None:
        self.writer.start()
        if self.cti is not None:
            self.cti.start(lambda _event: None, on_status)
        for line, source in self._lines:
            source.start(self._from_line(line), on_status)

    def stop(self) -> None:
        for _line, source in reversed(self._lines):
            source.stop()
        if self.cti is not None:
            self.cti.stop()
        self.writer.stop()

    def health(self) -> dict[str, Any]:
        """`GET /healthz`: whether the database answers, today's events, desks listening, the buffer."""
        reachable, events_today, desks = False, None, None
        with self._health_lock:
            try:
                with Session(self.engine) as session:
                    now = dt.datetime.now(dt.UTC)
                    events_today = session.scalar(
                        select(func.count())
                        .select_from(CallEventRow)
                        .where(CallEventRow.at >= day_start(now))
                    )
                    desks = session.scalar(
                        text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"),
                        {"name": APPLICATION_NAME},
                    )
                reachable = True
            except DBAPIError:
                logger.warning("health check: the database does not answer")
        return {
            "status": "ok" if reachable else "database unreachable",
            "database_reachable": reachable,
            "events_today": events_today,
            "desks_listening": desks,
            "events_waiting": self.writer.waiting,
            "counts": self.writer.counts(),
        }

    def _from_line(self, line: SerialLine) -> EmitEvent:
        def emit(event: CallEvent) -> None:
            kind = CtiEvent.NEW_CALL if event.state is CallState.RINGING else CtiEvent.HANGUP
            if event.state is CallState.ANSWERED:
                return  # an adapter cannot see answers; the desk that answers records it
            incoming = Incoming(
                source=event.source,
                call_id=event.call_id,
                kind=kind,
                at=event.at,
                number=event.raw_number,
                reason=event.reason,
                line=line.line,
                to=line.line,
            )
            try:
                self.writer.submit(incoming)
            except BufferFull:
                logger.error("a Number Display event was not stored: the buffer is full")

        return emit
