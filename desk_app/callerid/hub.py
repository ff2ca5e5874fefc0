"""Runs any number of caller-ID sources at once and fans their events and states into one consumer."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from desk_app.callerid.cti import CtiListener
from desk_app.callerid.serial_source import SerialAdapterSource
from desk_app.callerid.source import (
    CallerIdSource,
    EmitEvent,
    LearnsAnswers,
    ReportStatus,
    SourceStatus,
    deliver,
)
from desk_app.config import Config
from desk_app.domain.enums import SourceState


def sources_from_config(config: Config) -> list[CallerIdSource]:
    """The serial adapters and CTI endpoints the configuration file names, not yet started."""
    sources: list[CallerIdSource] = [SerialAdapterSource.from_config(item) for item in config.serial_sources]
    sources += [CtiListener.from_config(item) for item in config.cti_sources]
    return sources


class CallerIdHub:
    """Starts and stops its sources together and keeps each one's latest state for the status bar.

    `on_event` and `on_status` are called on the sources' threads (the simulator: the caller's).
    """

    def __init__(
        self,
        sources: Sequence[CallerIdSource],
        on_event: EmitEvent,
        on_status: ReportStatus | None = None,
    ) -> None:
        self._sources = tuple(sources)
        self._on_event = on_event
        self._on_status = on_status
        self._lock = threading.Lock()
        self._statuses = [SourceStatus(source.name, SourceState.STOPPED, "not started") for source in sources]
        self._started = False

    @classmethod
    def from_config(
        cls,
        config: Config,
        on_event: EmitEvent,
        on_status: ReportStatus | None = None,
        *,
        extra: Sequence[CallerIdSource] = (),
    ) -> CallerIdHub:
        """The configured sources plus `extra` ones (the GUI adds its simulator)."""
        return cls([*sources_from_config(config), *extra], on_event, on_status)

    @property
    def sources(self) -> tuple[CallerIdSource, ...]:
        return self._sources

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        for index, source in enumerate(self._sources):
            source.start(self._on_event, self._status_reporter(index))

    def stop(self) -> None:
        """Stop every source; each takes at most about a second."""
        if not self._started:
            return
        self._started = False
        for source in reversed(self._sources):
            source.stop()

    def mark_answered(self, call_id: str) -> None:
        """The agent answered: sources that cannot see answers themselves (serial) are told."""
        for source in self._sources:
            if isinstance(source, LearnsAnswers):
                source.mark_answered(call_id)

    def statuses(self) -> tuple[SourceStatus, ...]:
        with self._lock:
            return tuple(self._statuses)

    def describe(self) -> str:
        """One line for the status bar, e.g. "serial COM3 connected; CTI 127.0.0.1:8765 listening"."""
        statuses = self.statuses()
        if not statuses:
            return "no caller-ID source configured"
        return "; ".join(f"{status.source} {status.state.value}" for status in statuses)

    def _status_reporter(self, index: int) -> ReportStatus:
        def report(status: SourceStatus) -> None:
            with self._lock:
                self._statuses[index] = status
            if self._on_status is not None:
                deliver(self._on_status, status)

        return report
