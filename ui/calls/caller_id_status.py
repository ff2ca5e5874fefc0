"""The status bar's caller-ID field: each source's live state, in red while one needs attention."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.callerid.source import SourceStatus
from desk_app.domain.enums import SourceState
from ui.common.enum_labels import source_state_label

_TROUBLE = (SourceState.DISCONNECTED, SourceState.FAILED)


class CallerIdStatusLabel(QLabel):
    """ "Caller ID: serial COM3 connected; CTI 127.0.0.1:8765 listening", or "simulator only"."""

    def __init__(
        self, statuses: Iterable[SourceStatus], simulator_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Caller ID"))
        self.setContentsMargins(6, 0, 6, 0)
        self._simulator_name = simulator_name
        self._statuses = {status.source: status for status in statuses}
        self._show()

    @Slot(object)
    def update_status(self, status: SourceStatus) -> None:
        self._statuses[status.source] = status
        self._show()

    @Slot(str)
    def forget(self, source: str) -> None:
        """A source that is gone for good (the previous agent's gateway follower) says nothing more."""
        if self._statuses.pop(source, None) is not None:
            self._show()

    def _show(self) -> None:
        # The simulator is always there and always ready: it says nothing about the real line.
        statuses = [status for name, status in self._statuses.items() if name != self._simulator_name]
        if not statuses:
            self.setText(self.tr("Caller ID: simulator only"))
            self.setToolTip(self.tr("No caller-ID adapter or PBX is configured; calls can be simulated."))
        else:
            parts = [f"{status.source} {source_state_label(status.state)}" for status in statuses]
            self.setText(self.tr("Caller ID: %1").replace("%1", "; ".join(parts)))
            # Details are English and name no caller (SourceStatus promises so).
            self.setToolTip("\n".join(status.describe() for status in statuses))
        trouble = any(status.state in _TROUBLE for status in statuses)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if trouble else "")
