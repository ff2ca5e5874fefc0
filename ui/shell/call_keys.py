"""F2 and Esc for the call under way: window shortcuts that act from any field without taking its focus."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow

from ui.calls.call_banner import ACCEPT_KEY, DISMISS_KEY, CallBanner
from ui.calls.previous_call_bar import PreviousCallBar
from ui.shell.screen_pop_flow import ScreenPopFlow


class CallKeys(QObject):
    """F2 works while the banner shows, and while a page kept from the previous call says so; Esc while
    the banner shows. Never in a dialog; off while `suspended` (the window is locked)."""

    def __init__(
        self, window: QMainWindow, banner: CallBanner, previous_call_bar: PreviousCallBar, flow: ScreenPopFlow
    ) -> None:
        super().__init__(window)
        self._banner, self._bar, self._flow = banner, previous_call_bar, flow
        self.suspended = False
        self.accept_shortcut = QShortcut(QKeySequence(ACCEPT_KEY), window)
        self.dismiss_shortcut = QShortcut(QKeySequence(DISMISS_KEY), window)
        for shortcut, slot in (
            (self.accept_shortcut, self.accept_call),
            (self.dismiss_shortcut, banner.dismiss),
        ):
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
        banner.visibility_changed.connect(self.update_enabled)
        previous_call_bar.visibility_changed.connect(self.update_enabled)
        previous_call_bar.switch_requested.connect(self.accept_call)

    @property
    def shortcuts(self) -> tuple[QShortcut, QShortcut]:
        return (self.accept_shortcut, self.dismiss_shortcut)

    @Slot()
    def update_enabled(self) -> None:
        if self.suspended:
            return  # the lock keeps them off; unlocking sets them for what shows then
        banner_shown = not self._banner.isHidden()
        self.accept_shortcut.setEnabled(banner_shown or not self._bar.isHidden())
        self.dismiss_shortcut.setEnabled(banner_shown)

    @Slot()
    def accept_call(self) -> None:
        """F2: the banner's call opens; with the banner dismissed, it still replaces a kept page."""
        if not self._banner.isHidden():
            self._banner.accept()
        else:
            self._flow.switch_to_current_call()
