"""What every caller-ID source offers: start with two callbacks, stop promptly, report its state."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar, runtime_checkable

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import SourceState

logger = logging.getLogger(__name__)

_Value = TypeVar("_Value")


@dataclass(frozen=True)
class SourceStatus:
    """A source's state for the status bar; `detail` is English and never holds personal data."""

    source: str
    state: SourceState
    detail: str = ""

    def describe(self) -> str:
        text = f"{self.source} {self.state.value}"
        return f"{text} ({self.detail})" if self.detail else text


EmitEvent = Callable[[CallEvent], None]
ReportStatus = Callable[[SourceStatus], None]


class CallerIdSource(Protocol):
    """A caller-ID source.

    `start` returns at once and works on the source's own daemon threads, from which it calls `emit`
    and `on_status`; consumers marshal those calls to their own thread. `stop` is idempotent and
    returns within about a second.
    """

    @property
    def name(self) -> str: ...

    def start(self, emit: EmitEvent, on_status: ReportStatus) -> None: ...

    def stop(self) -> None: ...


def deliver(callback: Callable[[_Value], None], value: _Value) -> None:
    """Call a consumer's callback; a bug there is logged and must not end the source's thread."""
    try:
        callback(value)
    except Exception as exc:
        # Type and frames only: the message may quote the caller's number.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        logger.error(
            "caller-ID consumer failed on a %s: %s\n%s", type(value).__name__, type(exc).__name__, frames
        )


@runtime_checkable
class LearnsAnswers(Protocol):
    """A source that cannot see answers itself (a serial adapter) and can be told of one."""

    def mark_answered(self, call_id: str) -> None: ...
