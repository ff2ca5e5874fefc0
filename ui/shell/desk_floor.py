"""The desk on a call-centre floor (a database the gateway serves): the signed-in agent's calls followed,
their presence shown and chosen, after-call work ended with a wrap-up code, and the shared missed calls.

On SQLite there is no gateway and nothing here is made: the window stays the single desk it always was.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QVBoxLayout

from desk_app.callerid.events import CallEvent
from desk_app.config import Switchboard
from desk_app.domain.enums import CallState
from desk_app.services.agents import AgentInfo
from ui.calls.call_banner import CallBanner
from ui.calls.caller_id_status import CallerIdStatusLabel
from ui.calls.callerid_bridge import CallerId
from ui.calls.gateway_feed import GatewayFeed
from ui.calls.missed_calls_dialog import MissedCallsDialog
from ui.calls.presence_controls import PresenceControls
from ui.common.background import BackgroundRunner
from ui.shell.screen_pop_flow import ScreenPopFlow

MISSED_CALLS_KEY = "Ctrl+Shift+M"
TAKEN_ELSEWHERE_MS = 8_000


class FloorWindow(Protocol):
    """What the floor needs of the main window (which it cannot import: the window imports this)."""

    @property
    def caller_id(self) -> CallerId: ...
    @property
    def flow(self) -> ScreenPopFlow: ...
    @property
    def banner(self) -> CallBanner: ...
    @property
    def caller_id_label(self) -> CallerIdStatusLabel: ...
    @property
    def find_caller_action(self) -> QAction: ...
    @property
    def agent_changed(self) -> SignalInstance: ...
    @property
    def locked(self) -> SignalInstance: ...


class DeskFloor(QObject):
    """Made by `install` after the menus; follows the window's agent, its lock and its closing."""

    def __init__(
        self,
        window: QMainWindow,
        parts: FloorWindow,
        gateway: GatewayFeed,
        runner: BackgroundRunner,
        settings: Switchboard,
    ) -> None:
        super().__init__(window)
        self._window, self._runner, self.gateway = window, runner, gateway
        self._agent: AgentInfo | None = None
        self.missed_dialog: MissedCallsDialog | None = None
        self.presence = PresenceControls(runner, settings, window)
        window.statusBar().addPermanentWidget(self.presence.button)
        # Below the call banner, above the pages: the after-call work is the last call's.
        central = window.centralWidget()
        column = central.layout() if central is not None else None
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(1, self.presence.after_call_bar)

        self.missed_action = QAction(self.tr("&Missed calls…"), window)
        self.missed_action.setShortcut(QKeySequence(MISSED_CALLS_KEY))
        self.missed_action.setStatusTip(self.tr("Today's missed calls: take one to call back"))
        self.missed_action.triggered.connect(self.show_missed_calls)
        call_menu = _menu_holding(window, parts.find_caller_action)
        call_menu.addSeparator()
        call_menu.addMenu(self.presence.menu)
        call_menu.addAction(self.missed_action)

        gateway.retired.connect(parts.caller_id_label.forget)
        # Opening a Number Display call's banner is how the gateway learns this desk answered it.
        parts.banner.accepted.connect(gateway.mark_answered)
        parts.caller_id.bridge.call_event.connect(self.presence.follow_call)
        parts.caller_id.bridge.call_event.connect(self._missed_call_arrived)
        parts.flow.taken_elsewhere.connect(self._taken_elsewhere)
        parts.agent_changed.connect(self.set_agent)
        parts.locked.connect(self.presence.lock)
        window.installEventFilter(self)

    @classmethod
    def install(
        cls, window: FloorWindow, runner: BackgroundRunner, settings: Switchboard
    ) -> DeskFloor | None:
        """The floor's parts in `window`, on the gateway's database only (None elsewhere)."""
        gateway = window.caller_id.gateway
        if gateway is None:
            return None
        assert isinstance(window, QMainWindow)
        return cls(window, window, gateway, runner, settings)

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        """The follower and the presence go with whoever signs in; the last agent's list closes."""
        if agent != self._agent and self.missed_dialog is not None:
            self.missed_dialog.close()
            self.missed_dialog.deleteLater()
            self.missed_dialog = None
        self._agent = agent
        self.gateway.follow(agent)
        self.presence.set_agent(agent)
        self.missed_action.setEnabled(agent is not None)

    @Slot()
    def show_missed_calls(self) -> None:
        agent = self._agent
        if agent is None:
            return
        if self.missed_dialog is None:
            self.missed_dialog = MissedCallsDialog(self._runner, agent, self._window)
        self.missed_dialog.show()
        self.missed_dialog.raise_()
        self.missed_dialog.refresh()

    @Slot(object)
    def _missed_call_arrived(self, event: CallEvent) -> None:
        dialog = self.missed_dialog
        if event.state is CallState.MISSED and dialog is not None and dialog.isVisible():
            dialog.refresh()

    @Slot(str, str)
    def _taken_elsewhere(self, _call_id: str, login: str) -> None:
        text = self.tr("Answered at another desk (%1)").replace("%1", login)
        self._window.statusBar().showMessage(text, TAKEN_ELSEWHERE_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            # Closing the desk leaves the floor: no more calls followed, and the agent signed out.
            self._agent = None
            self.gateway.follow(None)
            self.presence.leave()
        return False


def _menu_holding(window: QMainWindow, action: QAction) -> QMenu:
    """The menu-bar menu that holds `action`."""
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    raise LookupError("no menu holds that action")
