"""Whether another desk changed the case on the Case tab: asked every `CHECK_MS` while the tab is in front,
and at once when it comes forward or the window becomes active again, by reading the case's row version
only. A change reloads what the tab shows of the case (its header, its actions) and says so in a line; the
script's answers on screen are the agent's own and are never touched."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.services.cases.records import CaseView
from ui.cases import ops
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import case_state_label

# How often a case in front asks whether another desk changed it (one cheap read).
CHECK_MS = 30_000


class CaseWatch(QObject):
    """Watches `page`'s case (`case()` gives it, or None); `changed` when another desk's change is seen.
    Nothing is asked while `writing()`: the page's own change, committed but not yet read back, would be
    taken for another desk's."""

    changed = Signal()

    def __init__(
        self,
        runner: BackgroundRunner,
        page: QWidget,
        case: Callable[[], CaseView | None],
        writing: Callable[[], bool],
    ) -> None:
        super().__init__(page)
        self._runner = runner
        self._page = page
        self._case = case
        self._writing = writing
        self.note = QLabel()
        self.note.setObjectName("case_changed_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel { color: #8a5a00; }")
        self.note.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        page.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show:
            self.check()
        return False

    @Slot(Qt.ApplicationState)
    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state is Qt.ApplicationState.ApplicationActive:
            self.check()

    @Slot()
    def check(self) -> None:
        """Ask now, if a case is on screen and the tab is in front."""
        case = self._case()
        if case is None or not self._page.isVisible() or self._writing():
            return
        case_id, seen = case.case_id, case.row_version

        def answered(version: int | None) -> None:
            # Compared when the answer comes: the page may have moved on, read the change itself, or
            # begun a change of its own. A case gone (removed by retention) is left as it is shown: what
            # is done with it next is refused and says why.
            current = self._case()
            same = current is not None and current.case_id == case_id and current.row_version == seen
            if same and version is not None and version != seen and not self._writing():
                self.changed.emit()

        # A check that fails (the database away) says nothing: the status bar tells of the database, and
        # the next check asks again.
        self._runner.run(
            ops.case_row_version(case_id),
            name="case changed?",
            on_success=answered,
            on_error=lambda _error: None,
            owner=self,
        )

    def reloaded(self, before: CaseView | None, fresh: CaseView) -> None:
        """The case was read again after a change seen here: say so when another desk's change moved it."""
        if before is None or before.case_id != fresh.case_id or before.state is fresh.state:
            return
        self.note.setText(
            self.tr("Changed at another desk: the case is now %1.").replace(
                "%1", case_state_label(fresh.state)
            )
        )
        self.note.show()

    def clear(self) -> None:
        self.note.hide()
