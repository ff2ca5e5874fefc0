"""The window's central pages as tabs: Search, the customer's record, and the chooser for shared numbers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desk_app.services.agents import AgentInfo
from ui.background import BackgroundRunner
from ui.customer_chooser import CustomerChooser
from ui.customer_record_panel import CustomerRecordPanel
from ui.search_pane import SearchPane


def is_text_entry(widget: QWidget | None) -> bool:
    """Whether keys typed now would land in `widget` as text: the agent is typing there."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QAbstractSpinBox)


class DeskPages(QTabWidget):
    """Holds the pages and decides whether one may be brought forward without taking the agent's focus."""

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk_pages")
        self.setAccessibleName(self.tr("Search, customer record and chooser"))
        self.setDocumentMode(True)
        self.search_pane = SearchPane(runner)
        self.record_panel = CustomerRecordPanel(runner)
        self.chooser = CustomerChooser()
        self.addTab(self.search_pane, self.tr("&Search"))
        self.addTab(self.record_panel, self.tr("Customer &record"))
        self.addTab(self.chooser, self.tr("&Who is calling?"))
        # The chooser has a tab only while there is something to choose.
        self.setTabVisible(self.indexOf(self.chooser), False)

    def set_agent(self, agent: AgentInfo | None) -> None:
        self.search_pane.set_agent(agent)
        if agent is None:
            # What the last agent saw is not left on screen for whoever sits down next.
            self.record_panel.clear()
            self.chooser.set_choices("", ())
            self.setTabVisible(self.indexOf(self.chooser), False)
            self.setCurrentWidget(self.search_pane)

    def can_bring_forward(self, page: QWidget) -> bool:
        """False when the agent is working in a page that `page` would replace or change under them.

        Bringing another page forward hides the current one, and Qt then moves the keyboard focus
        out of it; refilling the page the agent is typing in would change their text. Focus outside
        the pages (the Calls dock, the tab bar, nothing) is never disturbed.
        """
        focus = QApplication.focusWidget()
        current = self.currentWidget()
        if focus is None or current is None or not current.isAncestorOf(focus):
            return True
        if page is not current:
            return False
        return not is_text_entry(focus)

    def bring_forward(self, page: QWidget) -> None:
        if page is self.chooser:
            self.setTabVisible(self.indexOf(self.chooser), True)
        self.setCurrentWidget(page)

    def hide_chooser(self) -> None:
        if self.currentWidget() is self.chooser:
            self.setCurrentWidget(self.record_panel)
        self.setTabVisible(self.indexOf(self.chooser), False)
