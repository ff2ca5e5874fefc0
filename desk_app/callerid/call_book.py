"""Remembers the calls a PBX or the simulator reports by id, so answer and hangup become the right event."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState

# A desk sees a few calls at once; a PBX that never hangs up must not grow memory without end.
DEFAULT_CAPACITY = 1000


class CallBook:
    """Open calls by id, oldest forgotten first past `capacity`; ended calls are forgotten at once."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._calls: OrderedDict[str, CallEvent] = OrderedDict()
        # CTI requests arrive on many server threads at once.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._calls)

    def __contains__(self, call_id: object) -> bool:
        return call_id in self._calls

    def ring(self, event: CallEvent) -> CallEvent | None:
        """Record a ringing call; None when that call id is already known (a repeated newCall)."""
        with self._lock:
            if event.call_id in self._calls:
                return None
            self._remember(event)
        return event

    def answer(
        self, call_id: str, *, at: dt.datetime, line: str | None, unseen: CallEvent | None = None
    ) -> CallEvent | None:
        """The ANSWERED event, or None if already answered or unknown and no `unseen` call is given."""
        with self._lock:
            ringing = self._calls.get(call_id, unseen)
            if ringing is None or ringing.state is CallState.ANSWERED:
                return None
            answered = dataclasses.replace(
                ringing, state=CallState.ANSWERED, at=at, line=line or ringing.line
            )
            self._remember(answered)
        return answered

    def hang_up(self, call_id: str, *, at: dt.datetime) -> CallEvent | None:
        """ENDED after an answer, MISSED before one; None for a call id the book does not know."""
        with self._lock:
            last = self._calls.pop(call_id, None)
        if last is None:
            return None
        state = CallState.ENDED if last.state is CallState.ANSWERED else CallState.MISSED
        return dataclasses.replace(last, state=state, at=at)

    def _remember(self, event: CallEvent) -> None:
        self._calls[event.call_id] = event
        self._calls.move_to_end(event.call_id)
        while len(self._calls) > self._capacity:
            self._calls.popitem(last=False)
