"""Remembers the calls a PBX or the simulator reports by id, so answer and hangup become the right event.

A call only moves forward: ringing, then (perhaps) taken by voicemail, then (perhaps) answered at a desk,
then over. A PBX may repeat an event or send one late (Zammad's own tests send an answer after the
hangup); such an event is reported as a `Step` without an event, and never moves a call back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import threading
from collections import OrderedDict
from dataclasses import dataclass

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState

# A desk sees a few calls at once; a PBX that never hangs up must not grow memory without end.
DEFAULT_CAPACITY = 1000


class Progress(enum.StrEnum):
    """What one event did to its call (the CTI listener counts the refusals by these words)."""

    MOVED = "moved"  # the call moved forward: the step carries the new event
    BY_VOICEMAIL = "by voicemail"  # voicemail took the call: nothing to show until it hangs up (missed)
    REPEATED = "repeated"  # the call is already there
    LATE = "late"  # the call is already past it: an answer after the hangup, a ring after the answer
    UNKNOWN = "unknown call"


@dataclass(frozen=True)
class Step:
    progress: Progress
    event: CallEvent | None = None


class _Stage(enum.IntEnum):
    RINGING = 0
    VOICEMAIL = 1
    ANSWERED = 2


@dataclass(frozen=True)
class _OpenCall:
    last: CallEvent
    stage: _Stage = _Stage.RINGING


class CallBook:
    """Open calls by id, oldest forgotten first past `capacity`; ended calls are kept as ids only (as many
    again), so that a late or repeated event for them changes nothing."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._calls: OrderedDict[str, _OpenCall] = OrderedDict()
        self._ended: OrderedDict[str, None] = OrderedDict()
        # CTI requests arrive on many server threads at once.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._calls)

    def __contains__(self, call_id: object) -> bool:
        """Whether the call is open (ringing or answered); an ended call is not."""
        return call_id in self._calls

    def ring(self, event: CallEvent) -> Step:
        """Record a ringing call; without an event when that call id is already known."""
        with self._lock:
            if event.call_id in self._ended:
                return Step(Progress.LATE)
            known = self._calls.get(event.call_id)
            if known is not None:
                return Step(Progress.REPEATED if known.stage is _Stage.RINGING else Progress.LATE)
            self._remember(_OpenCall(event))
        return Step(Progress.MOVED, event)

    def answer(
        self,
        call_id: str,
        *,
        at: dt.datetime,
        line: str | None,
        users: tuple[str, ...] = (),
        unseen: CallEvent | None = None,
        voicemail: bool = False,
    ) -> Step:
        """ANSWERED at a desk, or taken by `voicemail` (no event: the call will be missed). A call the book
        does not know is taken as `unseen` (ringing) when given, and is unknown otherwise."""
        stage = _Stage.VOICEMAIL if voicemail else _Stage.ANSWERED
        with self._lock:
            if call_id in self._ended:
                return Step(Progress.LATE)
            known = self._calls.get(call_id)
            if known is None:
                if unseen is None:
                    return Step(Progress.UNKNOWN)
                known = _OpenCall(unseen)
            if known.stage is stage:
                return Step(Progress.REPEATED)
            if known.stage > stage:
                return Step(Progress.LATE)
            if voicemail:
                self._remember(dataclasses.replace(known, stage=stage))
                return Step(Progress.BY_VOICEMAIL)
            answered = dataclasses.replace(
                known.last,
                state=CallState.ANSWERED,
                at=at,
                line=line or known.last.line,
                users=users or known.last.users,
            )
            self._remember(_OpenCall(answered, stage))
        return Step(Progress.MOVED, answered)

    def hang_up(self, call_id: str, *, at: dt.datetime, taken_elsewhere: bool = False) -> Step:
        """ENDED after an answer at a desk; MISSED before one, and after voicemail, unless the call was
        `taken_elsewhere` (forwarded) before anyone answered. Without an event for a call already over or
        one the book does not know."""
        with self._lock:
            if call_id in self._ended:
                return Step(Progress.REPEATED)
            last = self._calls.pop(call_id, None)
            if last is None:
                return Step(Progress.UNKNOWN)
            self._ended[call_id] = None
            while len(self._ended) > self._capacity:
                self._ended.popitem(last=False)
        answered = last.stage is _Stage.ANSWERED
        forwarded = last.stage is _Stage.RINGING and taken_elsewhere
        state = CallState.ENDED if answered or forwarded else CallState.MISSED
        return Step(Progress.MOVED, dataclasses.replace(last.last, state=state, at=at))

    def _remember(self, call: _OpenCall) -> None:
        call_id = call.last.call_id
        self._calls[call_id] = call
        self._calls.move_to_end(call_id)
        while len(self._calls) > self._capacity:
            self._calls.popitem(last=False)
