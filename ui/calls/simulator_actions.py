"""The Call menu's simulator, for training and demos: calls ring, are answered and end through the real path.

Simulated events go from the `CallSimulator` source through the hub and the bridge like any adapter's,
so a trainee sees exactly what a real call does: the banner, the screen pop, the caller log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desk_app.callerid.events import CallEvent
from desk_app.callerid.simulator import CallSimulator, UnknownCall
from desk_app.domain.enums import CallSource, CallState
from ui.calls.callerid_bridge import CallerIdBridge
from ui.calls.simulate_call_dialog import SimulateCallDialog, SimulatedCall

log = logging.getLogger(__name__)


class SimulatorActions(QObject):
    """Three actions: ring (asks what the caller ID shows), answer the ringing call, hang up the last call."""

    def __init__(self, simulator: CallSimulator, bridge: CallerIdBridge, parent: QWidget) -> None:
        super().__init__(parent)
        self._simulator = simulator
        self._last_number = ""
        # Simulated calls not yet over, oldest first, with their latest state.
        self._calls: dict[str, CallState] = {}
        self.dialog: SimulateCallDialog | None = None

        self.simulate_action = QAction(self.tr("Simulate &incoming call…"), parent)
        self.simulate_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.simulate_action.setStatusTip(self.tr("Ring the desk with a number or a reason, for training"))
        self.simulate_action.triggered.connect(self.simulate)
        self.answer_action = QAction(self.tr("&Answer simulated call"), parent)
        self.answer_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.answer_action.setStatusTip(self.tr("Available while a simulated call rings"))
        self.answer_action.triggered.connect(self.answer)
        self.hang_up_action = QAction(self.tr("Hang &up simulated call"), parent)
        self.hang_up_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.hang_up_action.setStatusTip(
            self.tr("Available during a simulated call; one still ringing becomes a missed call")
        )
        self.hang_up_action.triggered.connect(self.hang_up)
        bridge.call_event.connect(self._track)
        self._update_actions()

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.simulate_action, self.answer_action, self.hang_up_action)

    @Slot()
    def simulate(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        # The window is asked for, not kept: a Python reference back to it would make a cycle that
        # only the garbage collector breaks, possibly on a pool thread.
        window = self.parent()
        dialog = SimulateCallDialog(self._last_number, window if isinstance(window, QWidget) else None)
        dialog.accepted.connect(lambda: self.ring(dialog.call()))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def ring(self, call: SimulatedCall) -> str | None:
        """Ring through the simulator; returns the call id (None if the simulator is not running)."""
        if call.number is not None:
            self._last_number = call.number
        what = call.number if call.number is not None else call.reason
        if what is None:
            return None
        try:
            return self._simulator.ring(what)
        except RuntimeError:
            log.warning("simulated call not rung: the simulator is not started")
            return None

    @Slot()
    def answer(self) -> None:
        ringing = [call_id for call_id, state in self._calls.items() if state is CallState.RINGING]
        if ringing:
            self._act(self._simulator.answer, ringing[-1])

    @Slot()
    def hang_up(self) -> None:
        if self._calls:
            self._act(self._simulator.hang_up, list(self._calls)[-1])

    def _act(self, action: Callable[[str], None], call_id: str) -> None:
        try:
            action(call_id)
        except (UnknownCall, RuntimeError):
            # Already over (or the simulator stopped): the menu was a step behind the events.
            self._calls.pop(call_id, None)
            self._update_actions()

    @Slot(object)
    def _track(self, event: CallEvent) -> None:
        if event.source is not CallSource.SIMULATOR:
            return
        if event.state in (CallState.ENDED, CallState.MISSED):
            self._calls.pop(event.call_id, None)
        else:
            self._calls[event.call_id] = event.state
        self._update_actions()

    def _update_actions(self) -> None:
        self.answer_action.setEnabled(CallState.RINGING in self._calls.values())
        self.hang_up_action.setEnabled(bool(self._calls))
