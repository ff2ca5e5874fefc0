"""The gateway's Generic CTI endpoint: the desk's own (same path, token rules and limits), storing each
event through the writer instead of showing it, rejecting blocked callers, and answering `GET /healthz`."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from desk_app.callerid.cti import CtiListener
from desk_app.callerid.cti_request import CtiEvent, CtiRequest, CtiRequestError, caller_of
from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallSource
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.gateway.writer import BufferFull, GatewayWriter
from desk_app.services.switchboard.call_events import Incoming

logger = logging.getLogger("desk_app.callerid.cti")

# How long a PBX's post waits for its event to be stored before it is answered anyway (the event stays
# in the writer's buffer and is stored when the database is back).
STORE_WAIT_SECONDS = 2.0

Health = Callable[[], dict[str, Any]]


class GatewayCti(CtiListener):
    def __init__(self, token: str, writer: GatewayWriter, health: Health, **kwargs: Any) -> None:
        super().__init__(token, **kwargs)
        self._writer = writer
        self._health = health

    @property
    def name(self) -> str:
        return f"gateway CTI {self.host}:{self.bound_port or self.port}"

    def rejects(self, request: CtiRequest) -> bool:
        if request.event is not CtiEvent.NEW_CALL or not request.inbound:
            return False
        number, _reason = caller_of(request.caller)
        if not number:
            return False
        try:
            return self._writer.is_blocked(normalise(number).e164)
        except InvalidPhoneNumber:
            return False

    def record(self, request: CtiRequest) -> CallEvent | None:
        if not request.inbound:
            self.count(f"{request.event.value} outbound ignored")
            return None
        number, reason = caller_of(request.caller)
        incoming = Incoming(
            source=CallSource.CTI,
            call_id=request.call_id,
            kind=request.event,
            at=dt.datetime.now(dt.UTC),
            number=number,
            reason=reason,
            line=request.queue or request.callee or None,
            to=request.callee or None,
            users=request.users,
            answering_number=request.answering_number,
            forwarded=request.forwarded,
        )
        try:
            stored = self._writer.submit(incoming)
        except BufferFull:
            self.count("refused 503")
            raise CtiRequestError("the gateway cannot store events now: try again", 503) from None
        try:
            accepted = stored.result(timeout=STORE_WAIT_SECONDS)
        except FutureTimeout:
            self.count(f"{request.event.value} buffered")
            return None
        except Exception:
            self.count(f"{request.event.value} not stored")
            return None
        self.count(f"{request.event.value} {accepted.outcome.split(' to ', 1)[0]}")
        return None

    def health(self) -> dict[str, Any] | None:
        return self._health()
