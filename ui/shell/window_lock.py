"""What a locked window put away (its pages, docks, dialogs, actions and call keys) and how it comes back.

The pages are taken out of the window whole, not cleared, so the same agent finds them as they were;
calls are still recorded meanwhile, into pages nobody can see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from desk_app.services.agents import AgentInfo
from ui.shell.lock_screen import LockScreen


@dataclass
class LockedWindow:
    """Each dock, action and shortcut with the state it had, and the dialogs that were open."""

    agent: AgentInfo
    central: QWidget
    docks: dict[QDockWidget, bool]
    windows: list[QWidget]
    actions: dict[QAction, bool]
    shortcuts: dict[QShortcut, bool]
    screen: LockScreen

    @classmethod
    def put_away(
        cls,
        window: QMainWindow,
        agent: AgentInfo,
        screen: LockScreen,
        *,
        docks: Iterable[QDockWidget],
        actions: Iterable[QAction],
        shortcuts: Iterable[QShortcut],
    ) -> LockedWindow:
        """Hide the window's dialogs and `docks`, disable `actions` and `shortcuts`, and put `screen` where
        the central widget was."""
        windows = [
            widget
            for widget in window.findChildren(QWidget)
            if widget.isWindow() and widget.isVisible() and not isinstance(widget, QDockWidget)
        ]
        for dialog in windows:
            dialog.hide()
        dock_states = {dock: dock.isVisible() for dock in docks}
        for dock in dock_states:
            dock.hide()
        action_states = {action: action.isEnabled() for action in actions}
        for action in action_states:
            action.setEnabled(False)
        shortcut_states = {shortcut: shortcut.isEnabled() for shortcut in shortcuts}
        for shortcut in shortcut_states:
            shortcut.setEnabled(False)
        central = window.takeCentralWidget()
        assert central is not None
        window.setCentralWidget(screen)
        screen.show()
        return cls(agent, central, dock_states, windows, action_states, shortcut_states, screen)

    def close_windows(self) -> None:
        """Another agent signs in: the last agent's dialogs close while still out of sight."""
        for dialog in self.windows:
            dialog.close()

    def put_back(self, window: QMainWindow) -> None:
        """The pages, docks, actions and shortcuts as they were; the lock screen is deleted."""
        # setCentralWidget deletes the lock screen.
        window.setCentralWidget(self.central)
        self.central.show()
        for dock, visible in self.docks.items():
            dock.setVisible(visible)
        for action, enabled in self.actions.items():
            action.setEnabled(enabled)
        for shortcut, enabled in self.shortcuts.items():
            shortcut.setEnabled(enabled)

    def show_windows(self) -> None:
        """The same agent is back: their dialogs come back too."""
        for dialog in self.windows:
            dialog.show()
