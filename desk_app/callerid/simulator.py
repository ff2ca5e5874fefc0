"""Simulated calls for training and demos ("Simulate incoming call"), as events from the SIMULATOR source."""

from __future__ import annotations

import datetime as dt
import uuid

from desk_app.callerid.call_book import CallBook, Progress
from desk_app.callerid.events import call_event
from desk_app.callerid.source import EmitEvent, ReportStatus, SourceStatus, deliver
from desk_app.domain.enums import CallSource, CallState, NoNumberReason, SourceState

SIMULATOR_LINE = "simulator"


class UnknownCall(LookupError):
    """No simulated call with this id is ringing or answered."""


class CallSimulator:
    """A source without a thread: its events arrive on the thread that calls `ring`, `answer`, `hang_up`."""

    name = "simulator"

    def __init__(self) -> None:
        self._book = CallBook()
        self._emit: EmitEvent | None = None
        self._on_status: ReportStatus | None = None

    def start(self, emit: EmitEvent, on_status: ReportStatus) -> None:
        self._emit, self._on_status = emit, on_status
        deliver(on_status, SourceStatus(self.name, SourceState.CONNECTED, "ready"))

    def stop(self) -> None:
        on_status, self._emit, self._on_status = self._on_status, None, None
        if on_status is not None:
            deliver(on_status, SourceStatus(self.name, SourceState.STOPPED, ""))

    def ring(self, number_or_reason: str | NoNumberReason, *, line: str | None = SIMULATOR_LINE) -> str:
        """Ring a call showing a number (any usual form) or a reason; returns the new call's id.

        A reason may also be given as its value (`"withheld"`), its Number Display letter (`"P"`)
        or `"anonymous"`. A number the desk cannot read still rings, with only its raw text.
        """
        emit = self._emitter()
        reason = _reason(number_or_reason)
        event = call_event(
            call_id=f"sim-{uuid.uuid4().hex[:12]}",
            state=CallState.RINGING,
            source=CallSource.SIMULATOR,
            number=None if reason else str(number_or_reason),
            reason=reason,
            line=line,
        )
        self._book.ring(event)
        deliver(emit, event)
        return event.call_id

    def answer(self, call_id: str, *, line: str | None = None) -> None:
        emit = self._emitter()
        step = self._book.answer(call_id, at=dt.datetime.now(dt.UTC), line=line)
        if step.event is None:
            if step.progress is Progress.REPEATED:
                return  # already answered: answering twice changes nothing
            raise UnknownCall(call_id)
        deliver(emit, step.event)

    def hang_up(self, call_id: str) -> None:
        """ENDED for an answered call, MISSED for one still ringing."""
        emit = self._emitter()
        event = self._book.hang_up(call_id, at=dt.datetime.now(dt.UTC)).event
        if event is None:
            raise UnknownCall(call_id)
        deliver(emit, event)

    def _emitter(self) -> EmitEvent:
        if self._emit is None:
            raise RuntimeError("the simulator is not started")
        return self._emit


def _reason(number_or_reason: str | NoNumberReason) -> NoNumberReason | None:
    if isinstance(number_or_reason, NoNumberReason):
        return number_or_reason
    text = number_or_reason.strip()
    if text.lower() == "anonymous":
        return NoNumberReason.WITHHELD
    if len(text) == 1:
        return NoNumberReason.from_code(text)
    try:
        return NoNumberReason(text.lower())
    except ValueError:
        return None
