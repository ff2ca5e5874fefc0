"""Carries caller-ID events and source states from the sources' threads to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from desk_app.callerid.events import CallEvent


class CallerIdBridge(QObject):
    """Hand `deliver_event` and `deliver_status` to the sources; connect to `call_event` and `status_changed`.

    The deliver methods may be called from any thread: they only emit a signal, which Qt queues
    to the thread this object lives in.
    """

    call_event = Signal(object)
    status_changed = Signal(object)
    _event_arrived = Signal(object)
    _status_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._event_arrived.connect(self.call_event, Qt.ConnectionType.QueuedConnection)
        self._status_arrived.connect(self.status_changed, Qt.ConnectionType.QueuedConnection)

    def deliver_event(self, event: CallEvent) -> None:
        self._event_arrived.emit(event)

    def deliver_status(self, status: object) -> None:
        self._status_arrived.emit(status)
