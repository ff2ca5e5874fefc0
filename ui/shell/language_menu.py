"""View ▸ Language: Japanese, English or the system's setting, saved for the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ui.common.translations import LanguageChoice, save_choice, saved_choice

NEXT_START_NOTICE = (
    "表示言語の変更は、次回の起動時から反映されます。\n"
    "The new language applies the next time Inquiry Desk starts."
)


class LanguageMenu(QMenu):
    """Saves the choice; the window's texts change at the next start (retranslating every page live
    would need each widget to rebuild its texts, for a choice made once per desk)."""

    language_chosen = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self._settings = settings if settings is not None else QSettings()
        self.notice: QMessageBox | None = None
        group = QActionGroup(self)
        # Each language is named in itself, so an agent who cannot read the current one finds theirs.
        labels = {
            LanguageChoice.JAPANESE: "日本語 (&J)",
            LanguageChoice.ENGLISH: "&English",
            LanguageChoice.SYSTEM: self.tr("&System setting"),
        }
        current = saved_choice(self._settings)
        self.choice_actions: dict[LanguageChoice, QAction] = {}
        for choice, label in labels.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(choice is current)
            action.setData(choice.value)
            group.addAction(action)
            self.addAction(action)
            self.choice_actions[choice] = action
        group.triggered.connect(self._chosen)

    @Slot(QAction)
    def _chosen(self, action: QAction) -> None:
        choice = LanguageChoice(str(action.data()))
        if choice is saved_choice(self._settings):
            return
        save_choice(self._settings, choice)
        self.language_chosen.emit(choice.value)
        self.notice = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            # In both languages, not translated: the agent who just switched may read only the other one.
            NEXT_START_NOTICE,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        self.notice.open()
