"""The supervisors' live board: every desk, the calls ringing now, and today's missed calls and wrap-up codes.

The board is read again when the floor changes, never on a timer: a listener on the database's board
channel (`desk_app/gateway/board_listener.py`) reports each batch of changes from its thread, and a queued
signal brings the report to the GUI thread. A page out of sight only notes that it is out of date and reads
when it comes back into view. The one-second timer repaints the times (how long a desk has been in its
state, a call's length, a ring's wait) from the board already read, without touching the database.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk_app.domain.enums import PresenceState
from desk_app.gateway.board_listener import BoardFeed, BoardListener
from desk_app.services.agents import AgentInfo
from desk_app.services.switchboard.board import Board, DeskRow, MissedRow, RingingRow
from ui.common.background import BackgroundRunner
from ui.common.japan_time import duration_text, in_tokyo
from ui.common.table_view import ValueTableView
from ui.common.translations import error_words
from ui.common.value_table_model import RIGHT, Column, RowLook, ValueTableModel
from ui.supervision import ops

log = logging.getLogger(__name__)

# How often the times on the board are repainted.
TICK_MILLISECONDS = 1000
# A call waiting this long stands out on the board.
LONG_WAIT_SECONDS = 30
LONG_WAIT = RowLook(foreground="#b00020", bold=True)


class BoardSignals(QObject):
    """What the listener's thread says, carried to the GUI thread (the signals are emitted from there)."""

    changed = Signal()
    connected = Signal(bool)


class _Listening:
    """The page's listener, if one runs; no Qt object, so stopping it is safe while the page is destroyed."""

    def __init__(self) -> None:
        self.listener: BoardListener | None = None

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop()


def seconds_since(at: dt.datetime | None, now: dt.datetime) -> int | None:
    """Whole seconds from `at` to `now` (never below zero); None without `at`. A naive time is UTC."""
    if at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return max(0, int((now - at).total_seconds()))


class LiveBoardPage(QWidget):
    """`loaded` follows each board shown; `load_failed(error)` a read that failed."""

    loaded = Signal()
    load_failed = Signal(object)

    def __init__(self, runner: BackgroundRunner, feed: BoardFeed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("live_board")
        self._runner = runner
        self._feed = feed
        self._agent: AgentInfo | None = None
        self._generation = 0
        self._reading = False
        self._read_again = False
        self._out_of_date = False
        # Tests fix the clock to see the times repainted.
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self._now = self.clock()
        self.board: Board | None = None
        self.reads = 0
        self._signals = BoardSignals(self)
        self._signals.changed.connect(self._floor_changed, Qt.ConnectionType.QueuedConnection)
        self._signals.connected.connect(self._connection_changed, Qt.ConnectionType.QueuedConnection)
        self._listening = _Listening()
        # The thread stops with the page, or with the application, whichever goes first.
        self.destroyed.connect(self._listening.stop)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._listening.stop)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MILLISECONDS)
        self._tick.timeout.connect(self._repaint_times)

        self.connection = QLabel()
        self.connection.setAccessibleName(self.tr("Connection to the floor"))
        self.as_of = QLabel()
        self.as_of.setAccessibleName(self.tr("Board as of"))
        self.desks = ValueTableModel[DeskRow](self._desk_columns(), self)
        self.ringing = ValueTableModel[RingingRow](self._ringing_columns(), self, look=self._ringing_look)
        self.missed = ValueTableModel[MissedRow](self._missed_columns(), self)
        self.codes = ValueTableModel[tuple[str, int]](self._code_columns(), self)
        self.desks_view = ValueTableView(self.desks, self.tr("Desks"), stretch_column=0)
        self.ringing_view = ValueTableView(self.ringing, self.tr("Calls ringing now"))
        self.missed_view = ValueTableView(self.missed, self.tr("Missed calls today"))
        self.codes_view = ValueTableView(self.codes, self.tr("Wrap-up codes today"), stretch_column=0)
        self.desks_view.set_placeholder(self.tr("No desk is signed in."))
        self.ringing_view.set_placeholder(self.tr("No call is ringing."))
        self.missed_view.set_placeholder(self.tr("No call was missed today."))
        self.codes_view.set_placeholder(self.tr("No call was wrapped up today."))
        self.desks_heading, self.ringing_heading = QLabel(), QLabel()
        self.missed_heading, self.codes_heading = QLabel(), QLabel()

        top = QHBoxLayout()
        top.addWidget(self.connection)
        top.addStretch(1)
        top.addWidget(self.as_of)
        grid = QGridLayout()
        for column, (heading, view) in enumerate(
            (
                (self.ringing_heading, self.ringing_view),
                (self.missed_heading, self.missed_view),
                (self.codes_heading, self.codes_view),
            )
        ):
            grid.addWidget(heading, 0, column)
            grid.addWidget(view, 1, column)
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.desks_heading)
        layout.addWidget(self.desks_view, 3)
        layout.addLayout(grid, 2)
        self._show_headings()

    # --- the columns ----------------------------------------------------------------------------------

    def _since(self, at: dt.datetime | None) -> str:
        return duration_text(seconds_since(at, self._now))

    def _desk_columns(self) -> list[Column[DeskRow]]:
        return [
            Column(self.tr("Agent"), lambda row: row.display_name, tooltip=lambda row: row.login),
            Column(self.tr("State"), desk_state_text),
            Column(self.tr("For"), lambda row: self._since(row.since), RIGHT),
            Column(self.tr("Call"), lambda row: row.call_number or ""),
            Column(
                self.tr("Call length"),
                lambda row: self._since(row.call_answered_at) if row.state is PresenceState.ON_CALL else "",
                RIGHT,
            ),
        ]

    def _ringing_columns(self) -> list[Column[RingingRow]]:
        return [
            Column(self.tr("Number"), lambda row: row.number),
            Column(self.tr("Line"), lambda row: row.line or ""),
            Column(self.tr("Waiting"), lambda row: self._since(row.started_at), RIGHT),
        ]

    def _missed_columns(self) -> list[Column[MissedRow]]:
        return [
            Column(self.tr("Time"), lambda row: in_tokyo(row.started_at).strftime("%H:%M")),
            Column(self.tr("Number"), lambda row: row.number),
            Column(self.tr("Taken by"), lambda row: row.taken_by or self.tr("Not taken")),
        ]

    def _code_columns(self) -> list[Column[tuple[str, int]]]:
        return [
            Column(self.tr("Wrap-up code"), lambda row: row[0]),
            Column(self.tr("Calls"), lambda row: str(row[1]), RIGHT),
        ]

    def _ringing_look(self, row: RingingRow) -> RowLook | None:
        waited = seconds_since(row.started_at, self._now)
        return LONG_WAIT if waited is not None and waited >= LONG_WAIT_SECONDS else None

    # --- who watches ----------------------------------------------------------------------------------

    @property
    def listening(self) -> bool:
        return self._listening.listener is not None

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        """A supervisor or an administrator watches the floor; None stops listening and clears the board."""
        self._agent = agent
        self._generation += 1
        self._reading = self._read_again = False
        if agent is None:
            self._listening.stop()
            self.board = None
            for model in (self.desks, self.ringing, self.missed, self.codes):
                model.clear()
            self.as_of.setText("")
            self.connection.setText("")
            self._show_headings()
            return
        if self._listening.listener is None:
            signals = self._signals
            listener = BoardListener(self._feed, signals.changed.emit, on_connected=signals.connected.emit)
            self._listening.listener = listener
            self.connection.setText(self.tr("Connecting to the floor…"))
            listener.start()
        self._out_of_date = True
        if self.isVisible():
            self.refresh()

    @Slot()
    def _floor_changed(self) -> None:
        if self._agent is None:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._out_of_date = True

    @Slot(bool)
    def _connection_changed(self, connected: bool) -> None:
        if self._agent is None:
            return
        self.connection.setText(
            self.tr("Live")
            if connected
            else self.tr(
                "The connection to the database was lost; reconnecting. The board may be out of date."
            )
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()
        if self._out_of_date:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()

    # --- reading the board ----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the board; while a read runs, one more follows it (however many changes came meanwhile)."""
        if self._agent is None or self._runner.is_shut_down:
            return
        self._out_of_date = False
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self.reads += 1
        generation = self._generation
        self._runner.run(
            ops.floor_board(self._agent.id),
            name="live board",
            on_success=lambda board: self._arrived(generation, board),
            on_error=lambda error: self._failed(generation, error),
            owner=self,
        )

    def _finished_reading(self) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _arrived(self, generation: int, board: Board) -> None:
        if generation != self._generation:
            return
        self.board = board
        self._now = self.clock()
        self.desks.set_rows(board.desks)
        self.ringing.set_rows(board.ringing)
        self.missed.set_rows(board.missed)
        self.codes.set_rows(board.wrap_up_codes)
        self.as_of.setText(self.tr("as of %1").replace("%1", in_tokyo(board.at).strftime("%H:%M:%S")))
        self._show_headings()
        self.loaded.emit()
        self._finished_reading()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        # Logged by type only, and said on the page rather than in a box: the next change reads again.
        log.warning("the live board could not be read: %s", type(error).__name__)
        self.as_of.setText(self.tr("The board could not be read: %1").replace("%1", error_words(error)))
        self.load_failed.emit(error)
        self._finished_reading()

    def _show_headings(self) -> None:
        board = self.board
        missed, taken = (
            (len(board.missed), sum(1 for row in board.missed if row.taken_by)) if board else (0, 0)
        )
        self.desks_heading.setText(self.tr("Desks (%1)").replace("%1", str(self.desks.rowCount())))
        self.ringing_heading.setText(self.tr("Ringing now (%1)").replace("%1", str(self.ringing.rowCount())))
        self.missed_heading.setText(
            self.tr("Missed today (%1, %2 taken)").replace("%1", str(missed)).replace("%2", str(taken))
        )
        self.codes_heading.setText(
            self.tr("Wrap-up codes today (%1)").replace(
                "%1", str(sum(count for _code, count in self.codes.rows))
            )
        )

    @Slot()
    def _repaint_times(self) -> None:
        """The times move on from the board already read: no read, only a repaint."""
        self._now = self.clock()
        for model in (self.desks, self.ringing):
            repaint(model)


def desk_state_text(row: DeskRow) -> str:
    """受付可, 通話中, 後処理, or 離席 with its reason: 離席（休憩）."""
    if row.reason:
        return f"{row.state.japanese}（{row.reason}）"
    return row.state.japanese


def repaint(model: ValueTableModel[Any]) -> None:
    """Every cell of `model` painted again from the rows it holds."""
    rows, columns = model.rowCount(), model.columnCount()
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
