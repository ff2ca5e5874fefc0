"""The central tabs (Search, the customer's record, the chooser, the live board) and what a new call does to
them."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
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

from desk_app.gateway.board_listener import BoardFeed
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.records import APPROVER_ROLES
from ui.calls.previous_call_bar import PreviousCallBar, PreviousCallVeil
from ui.common.background import BackgroundRunner
from ui.customers.customer_chooser import CustomerChooser
from ui.customers.customer_record_panel import CustomerRecordPanel
from ui.customers.search_pane import SearchPane
from ui.supervision import ops as supervision_ops
from ui.supervision.live_board import LiveBoardPage

log = logging.getLogger(__name__)


def has_unsaved_typing(widget: QWidget | None) -> bool:
    """Whether `widget` takes text now and holds what the agent typed into it: edits a ring must not lose.

    A field the program filled (the number a pop put into Search) or one left empty is not typing.
    """
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly() and widget.isModified() and bool(widget.text())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        document = widget.document()
        return not widget.isReadOnly() and document.isModified() and not document.isEmpty()
    if isinstance(widget, QComboBox):
        return widget.isEditable() and has_unsaved_typing(widget.lineEdit())
    if isinstance(widget, QAbstractSpinBox):
        editor = widget.findChild(QLineEdit)
        return editor is None or editor.isModified()
    return False


class DeskPages(QTabWidget):
    """Holds the pages, clears the previous call from them on a ring, and decides what may come forward.

    A ring replaces the previous call's record, choices and search everywhere, except on the page the
    agent is typing in: that page keeps their text and the keyboard, greyed under `previous_call_bar`
    until they switch to the new call (F2) or start afresh there.
    """

    # The agent chose a customer in the search or the chooser.
    customer_chosen = Signal(int)

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk_pages")
        self.setAccessibleName(self.tr("Search, customer record and chooser"))
        self.setDocumentMode(True)
        self._runner = runner
        self._agent: AgentInfo | None = None
        # The supervisors' live board follows the gateway by LISTEN, so it exists on PostgreSQL only: whether
        # the database is one is asked when a supervisor first signs in, and the tab added then.
        self.live_board: LiveBoardPage | None = None
        self._live_board_asked = False
        self.search_pane = SearchPane(runner)
        self.record_panel = CustomerRecordPanel(runner)
        self.chooser = CustomerChooser()
        # The window puts the bar above the pages; it shows while the page in front is the previous call's.
        self.previous_call_bar = PreviousCallBar(self)
        self.addTab(self.search_pane, self.tr("&Search"))
        self.addTab(self.record_panel, self.tr("Customer &record"))
        self.addTab(self.chooser, self.tr("&Who is calling?"))
        # The chooser has a tab only while there is something to choose.
        self.setTabVisible(self.indexOf(self.chooser), False)
        # Pages that show a caller: a ring may bring the new call's page over them.
        self._call_pages: list[QWidget] = [self.search_pane, self.record_panel, self.chooser]
        # Pages kept from the previous call for the agent's typing, each under its veil.
        self._previous_call_pages: dict[QWidget, PreviousCallVeil] = {}
        self.currentChanged.connect(self._update_bar)
        self.search_pane.search_started.connect(lambda: self.unmark(self.search_pane))
        self.search_pane.customer_chosen.connect(self.customer_chosen)
        self.chooser.customer_chosen.connect(self.customer_chosen)

    def add_call_page(self, page: QWidget, title: str) -> None:
        """Add a tab that shows a caller's business (a case): treated on a ring as the pages above are."""
        self.addTab(page, title)
        self._call_pages.append(page)

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self._agent = agent
        self.search_pane.set_agent(agent)
        self._show_live_board()
        if agent is None:
            # What the last agent saw is not left on screen for whoever sits down next.
            for page in list(self._previous_call_pages):
                self.unmark(page)
            self.record_panel.clear()
            self.chooser.set_choices("", ())
            self.setTabVisible(self.indexOf(self.chooser), False)
            self.setCurrentWidget(self.search_pane)

    def _show_live_board(self) -> None:
        """The live board's tab shows while a supervisor or an administrator is signed in, and only they get
        its board: anyone else's sign-in stops its listener and clears it."""
        agent = self._agent
        supervisor = agent is not None and agent.role in APPROVER_ROLES
        if self.live_board is not None:
            self.setTabVisible(self.indexOf(self.live_board), supervisor)
            self.live_board.set_agent(agent if supervisor else None)
        elif supervisor and not self._live_board_asked:
            self._live_board_asked = True
            self._runner.run(
                supervision_ops.live_board_feed(),
                name="live board feed",
                on_success=self._add_live_board,
                on_error=self._live_board_unknown,
                owner=self,
            )

    def _add_live_board(self, feed: BoardFeed | None) -> None:
        if feed is None:
            return  # SQLite: no gateway announces the floor's changes, so there is no board.
        self.live_board = LiveBoardPage(self._runner, feed)
        self.addTab(self.live_board, self.tr("Live board (&J)"))
        self._show_live_board()

    def _live_board_unknown(self, error: Exception) -> None:
        # The database watch tells of an outage; the next supervisor to sign in asks again.
        log.warning("whether the database can feed the live board is unknown: %s", type(error).__name__)
        self._live_board_asked = False

    def _focus_widget(self) -> QWidget | None:
        # The window's own focus counts while another application is active: the agent comes back to it.
        return QApplication.focusWidget() or self.window().focusWidget()

    def typing_page(self) -> QWidget | None:
        """The page in front, if the keyboard is in one of its fields and the agent has typed there."""
        focus, current = self._focus_widget(), self.currentWidget()
        if focus is None or current is None or not current.isAncestorOf(focus):
            return None
        return current if has_unsaved_typing(focus) else None

    def start_new_call(self) -> None:
        """A new call rang: nothing of the previous one may stay looking current.

        The record, the choices and the search go now, before the new caller is looked up, so a slow
        or failed lookup leaves nothing stale behind. Protected details revealed go in every case.
        """
        kept = self.typing_page()
        self.record_panel.clear_reveal()
        for page in list(self._previous_call_pages):
            if page is not kept:
                self.unmark(page)
        if kept is not self.search_pane:
            self.search_pane.fill("", "")
        if kept is not self.record_panel:
            self.record_panel.clear()
        if kept is not self.chooser:
            self.chooser.set_choices("", ())
            if self.currentWidget() is not self.chooser:
                self.setTabVisible(self.indexOf(self.chooser), False)
        if kept is not None and kept in self._call_pages:
            self._mark(kept)

    def can_bring_forward(self, page: QWidget) -> bool:
        """False when a page must stay in front: the agent is typing in it, or works on another tab.

        Bringing another page forward hides the current one, and Qt then moves the keyboard focus
        out of it; refilling the page the agent is typing in would change their text. Focus outside
        the pages (the Calls dock, the tab bar, a dialog, nothing) is never disturbed. A page that
        shows a caller gives way unless the agent is typing in it; the other tabs (mail room, case
        log) are no caller's and stay, the new call waiting behind them for F2.
        """
        focus, current = self._focus_widget(), self.currentWidget()
        if focus is None or current is None or not current.isAncestorOf(focus):
            return True
        if current not in self._call_pages:
            return False
        return not has_unsaved_typing(focus)

    def present(self, page: QWidget) -> None:
        """`page` (a case the agent opened or started) comes in front as the current call's business."""
        self.unmark(page)
        self.setCurrentWidget(page)

    def focus_search(self) -> None:
        self.bring_forward(self.search_pane)
        self.search_pane.focus_search_field()

    def bring_forward(self, page: QWidget) -> None:
        if page is self.chooser:
            self.setTabVisible(self.indexOf(self.chooser), True)
        self.setCurrentWidget(page)

    def offer_chooser(self) -> None:
        """The chooser's tab shows without coming forward: the agent reaches it when they are free."""
        self.setTabVisible(self.indexOf(self.chooser), True)

    def hide_chooser(self) -> None:
        if self.currentWidget() is self.chooser:
            self.setCurrentWidget(self.record_panel)
        self.setTabVisible(self.indexOf(self.chooser), False)

    # --- pages kept from the previous call ------------------------------------------------------------

    def is_previous_call(self, page: QWidget) -> bool:
        return page in self._previous_call_pages

    def _mark(self, page: QWidget) -> None:
        if page is self.search_pane:
            # Enter in the field searches again rather than opening one of the previous call's hits.
            self.search_pane.forget_shown_query()
        if page not in self._previous_call_pages:
            self._previous_call_pages[page] = PreviousCallVeil(page)
        self._update_bar()

    def unmark(self, page: QWidget) -> None:
        """`page` shows the current call now (filled for it, or the agent started afresh there)."""
        veil = self._previous_call_pages.pop(page, None)
        if veil is not None:
            page.removeEventFilter(veil)
            veil.hide()
            veil.deleteLater()
            self._update_bar()

    def forget_previous_call(self) -> None:
        """The agent switched to the new call: nothing kept is the previous call's any longer.

        The search keeps what the agent typed, but not the previous call's hits. A case stays as it
        is: it is the agent's work, reached from its tab.
        """
        for page in list(self._previous_call_pages):
            if page is self.search_pane:
                self.search_pane.fill(None, "")
            elif page is self.record_panel:
                self.record_panel.clear()
            elif page is self.chooser:
                self.chooser.set_choices("", ())
            self.unmark(page)

    @Slot()
    def _update_bar(self) -> None:
        current = self.currentWidget()
        if current is None or current not in self._previous_call_pages:
            self.previous_call_bar.hide()
        elif current is self.search_pane:
            self.previous_call_bar.show_search()
        else:
            self.previous_call_bar.show_customer()
