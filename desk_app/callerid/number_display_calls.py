"""Turns Number Display items (RINGs around a DATE/TIME/NMBR/NAME burst) into call events, once per call."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from desk_app.callerid.events import CallEvent, call_event
from desk_app.callerid.number_display import (
    CallDate,
    CallerName,
    CallerNumber,
    CallTime,
    DisplayItem,
    Ring,
    Skipped,
)
from desk_app.domain.enums import CallSource, CallState, NoNumberReason

# Adapters repeat RING every 3-6 s while a call rings; this much silence means the ringing stopped.
DEFAULT_RING_GAP_SECONDS = 8.0


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _new_call_id() -> str:
    return f"serial-{uuid.uuid4().hex[:12]}"


@dataclass
class _Call:
    call_id: str
    last_activity: float
    number: str | None = None
    reason: NoNumberReason | None = None
    name: str | None = None
    rings: int = 0
    announced: bool = False
    announced_with_id: bool = False
    answered: bool = False

    @property
    def has_id(self) -> bool:
        return self.number is not None or self.reason is not None

    def same_id(self, item: CallerNumber) -> bool:
        return (self.number, self.reason) == (item.number, item.reason)


class CallAssembler:
    """Decides when a call rings, and when it has stopped ringing, from what the adapter printed.

    `now` arguments are monotonic seconds; event times come from `clock` (the time of receipt).
    A serial adapter only sees the line ring: it cannot tell an answered call from a missed one, so a
    call whose rings stop is MISSED unless `mark_answered` was called for it (then it is ENDED).
    """

    def __init__(
        self,
        *,
        line: str | None,
        ring_gap_seconds: float = DEFAULT_RING_GAP_SECONDS,
        clock: Callable[[], dt.datetime] = _utc_now,
        new_call_id: Callable[[], str] = _new_call_id,
    ) -> None:
        self._line = line
        self._ring_gap = ring_gap_seconds
        self._clock = clock
        self._new_call_id = new_call_id
        self._call: _Call | None = None

    @property
    def current_call_id(self) -> str | None:
        return self._call.call_id if self._call else None

    def accept(self, item: DisplayItem, now: float) -> list[CallEvent]:
        events = self.expire(now)
        if isinstance(item, Skipped):
            return events
        call = self._call
        if isinstance(item, CallerNumber) and call is not None and call.has_id and not call.same_id(item):
            # Another caller's ID while the last call still counts as ringing: that call is over.
            events += self._finish(call)
        call = self._call or self._begin(now)
        call.last_activity = now
        if isinstance(item, Ring):
            call.rings += 1
            # The ID comes with or just after the first ring; a second ring ends the burst either way.
            if call.has_id or call.rings >= 2:
                events += self._announce(call)
        elif isinstance(item, CallerNumber):
            if not call.has_id:
                call.number, call.reason = item.number, item.reason
            if call.announced and not call.announced_with_id:
                # The ID came late, after a ring-only announcement: ring again with the number.
                call.announced = False
                events += self._announce(call)
        elif isinstance(item, CallerName):
            if not call.announced:
                call.name = item.name
            if call.has_id:
                events += self._announce(call)
        elif isinstance(item, CallDate | CallTime):
            # The event time is the time of receipt: the adapter's DATE/TIME has no year and no seconds.
            pass
        return events

    def idle(self, now: float) -> list[CallEvent]:
        """The adapter went quiet: a burst with its number is complete, and a silent call is over."""
        events = self.expire(now)
        if self._call is not None and self._call.has_id:
            events += self._announce(self._call)
        return events

    def expire(self, now: float) -> list[CallEvent]:
        call = self._call
        if call is None or now - call.last_activity < self._ring_gap:
            return []
        return self._finish(call)

    def mark_answered(self, call_id: str) -> list[CallEvent]:
        """The desk learnt (from the agent) that this call was answered; its end will be ENDED."""
        call = self._call
        if call is None or call.call_id != call_id or call.answered:
            return []
        events = self._announce(call)
        call.answered = True
        return [*events, self._event(call, CallState.ANSWERED)]

    def _begin(self, now: float) -> _Call:
        self._call = _Call(call_id=self._new_call_id(), last_activity=now)
        return self._call

    def _announce(self, call: _Call) -> list[CallEvent]:
        if call.announced:
            return []
        call.announced = True
        call.announced_with_id = call.has_id
        return [self._event(call, CallState.RINGING)]

    def _finish(self, call: _Call) -> list[CallEvent]:
        self._call = None
        if not call.announced and not call.rings and not call.has_id:
            # A stray DATE, TIME or NAME line without a ring or a number is not a call.
            return []
        events = self._announce(call)
        return [*events, self._event(call, CallState.ENDED if call.answered else CallState.MISSED)]

    def _event(self, call: _Call, state: CallState) -> CallEvent:
        return call_event(
            call_id=call.call_id,
            state=state,
            source=CallSource.SERIAL,
            number=call.number,
            reason=call.reason,
            at=self._clock(),
            line=self._line,
            caller_name=call.name,
        )
