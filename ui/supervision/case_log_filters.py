"""The case log's filter bar: request, state (or open, or paused), assignee, overdue, due within, dates,
customer, keywords."""

from __future__ import annotations

import datetime as dt
import unicodedata

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desk_app.domain.enums import CaseKind, CaseState
from desk_app.domain.search_text import search_text_problem
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.log_filters import CaseLogFilter, CaseLogSort
from ui.common.enum_labels import case_kind_label, case_state_label
from ui.common.translations import render_message

# Filters follow typing after a short pause, so a word typed is one query, not one per letter.
SETTLE_MS = 300
_OPEN = "open"
# Open cases whose clock is paused, waiting for the customer (the command line's `--state paused`).
_PAUSED = "paused"


def _date(text: str) -> dt.date | None:
    """A date typed as 2026-11-01 or 2026/11/1 (full-width digits too); None when blank or not a date."""
    folded = unicodedata.normalize("NFKC", text).strip().replace("/", "-")
    if not folded:
        return None
    try:
        year, month, day = (int(part) for part in folded.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        return None


class CaseLogFilters(QWidget):
    """Emits `changed` once the agent stops changing the filters; `filter()` and `sort()` say what is set."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._me: int | None = None

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Any request"), None)
        for kind in CaseKind:
            self.kind.addItem(case_kind_label(kind), kind.value)
        self.state = QComboBox()
        self.state.addItem(self.tr("Any state"), None)
        self.state.addItem(self.tr("Open (not closed)"), _OPEN)
        self.state.addItem(self.tr("Paused (waiting for the customer)"), _PAUSED)
        for state in CaseState:
            self.state.addItem(case_state_label(state), state.value)
        self.assignee = QComboBox()
        self.overdue = QCheckBox(self.tr("Overdue onl&y"))
        self.due_within = QSpinBox()
        self.due_within.setRange(0, 90)
        self.due_within.setSpecialValueText(self.tr("any"))
        self.due_within.setSuffix(self.tr(" days"))
        self.received_from = QLineEdit()
        self.received_from.setPlaceholderText("YYYY-MM-DD")
        self.received_to = QLineEdit()
        self.received_to.setPlaceholderText("YYYY-MM-DD")
        self.customer_no = QLineEdit()
        self.customer_no.setPlaceholderText(self.tr("8 digits"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("case no., customer no. or summary words"))
        self.text.setClearButtonEnabled(True)
        self.sort = QComboBox()
        for sort, label in (
            (CaseLogSort.RECEIVED_NEWEST, self.tr("Received, newest first")),
            (CaseLogSort.RECEIVED_OLDEST, self.tr("Received, oldest first")),
            (CaseLogSort.DUE_SOONEST, self.tr("Due, soonest first")),
            (CaseLogSort.DUE_LATEST, self.tr("Due, latest first")),
        ):
            self.sort.addItem(label, sort.value)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = (
            (self.tr("Re&quest:"), self.kind, self.tr("Request")),
            (self.tr("S&tate:"), self.state, self.tr("State")),
            (self.tr("&Assigned to:"), self.assignee, self.tr("Assigned to")),
            (self.tr("D&ue within:"), self.due_within, self.tr("Due within")),
            (self.tr("Received &period:"), self.received_from, self.tr("Received from")),
            (self.tr("to:"), self.received_to, self.tr("Received to")),
            (self.tr("Customer &no.:"), self.customer_no, self.tr("Customer number")),
            (self.tr("S&ort by:"), self.sort, self.tr("Sort by")),
            (self.tr("&Keywords:"), self.text, self.tr("Keywords")),
        )
        for number, (label_text, widget, name) in enumerate(cells):
            caption = QLabel(label_text)
            caption.setBuddy(widget)
            widget.setAccessibleName(name)
            row, column = divmod(number, 4)
            # The keywords take the rest of the last row: a narrow grid cell cut their hint short.
            span = 1 if widget is not self.text else 3
            grid.addWidget(caption, row, column * 2 if widget is not self.text else 4)
            grid.addWidget(widget, row, (column * 2 if widget is not self.text else 4) + 1, 1, span)
        grid.addWidget(self.overdue, 2, 2, 1, 2)
        grid.addWidget(self.problem, 3, 0, 1, 8)
        for combo in (self.kind, self.state, self.assignee, self.sort):
            combo.currentIndexChanged.connect(self._later)
        self.overdue.toggled.connect(self._later)
        self.due_within.valueChanged.connect(self._later)
        for field in (self.received_from, self.received_to, self.customer_no, self.text):
            field.textChanged.connect(self._later)
            field.returnPressed.connect(self.apply_now)
        self.set_viewer(None, ())

    def set_viewer(self, agent: AgentInfo | None, agents: tuple[AgentInfo, ...]) -> None:
        """The assignee choices: agents see only their own and the shared queue; supervisors anyone."""
        self._me = agent.id if agent else None
        self.assignee.blockSignals(True)
        self.assignee.clear()
        self.assignee.addItem(self.tr("Anyone"), None)
        if agent is not None:
            self.assignee.addItem(self.tr("Me (%1)").replace("%1", agent.display_name), agent.id)
        for other in agents:
            if agent is None or other.id != agent.id:
                self.assignee.addItem(other.display_name, other.id)
        self.assignee.blockSignals(False)

    @Slot()
    def _later(self) -> None:
        self._settle.start()

    @Slot()
    def apply_now(self) -> None:
        self._settle.stop()
        self.changed.emit()

    def filter(self) -> CaseLogFilter:
        """What the bar says, as the core's filter; a date that is not one is shown and left out."""
        state = self.state.currentData()
        received_from, received_to = _date(self.received_from.text()), _date(self.received_to.text())
        bad = [
            name
            for name, field, value in (
                (self.tr("received from"), self.received_from, received_from),
                (self.tr("received to"), self.received_to, received_to),
            )
            if field.text().strip() and value is None
        ]
        problems = [self.tr("Not a date: %1").replace("%1", ", ".join(bad))] if bad else []
        refused = [
            (name, said)
            for name, field in ((self.tr("customer no."), self.customer_no), (self.tr("keywords"), self.text))
            if (said := search_text_problem(field.text())) is not None
        ]
        if refused:
            # The core refuses such a filter; the log shows nothing rather than every case.
            problems.append(
                self.tr("Cannot search %1: remove control characters, or shorten it.").replace(
                    "%1", ", ".join(name for name, _ in refused)
                )
            )
            problems += [f"{name}: {render_message(said)}" for name, said in refused]
        self.problem.setText(" ".join(problems))
        kind = self.kind.currentData()
        return CaseLogFilter(
            kind=CaseKind(kind) if kind else None,
            state=CaseState(state) if state and state not in (_OPEN, _PAUSED) else None,
            open_only=state == _OPEN,
            paused=state == _PAUSED,
            assigned_to_id=self.assignee.currentData(),
            overdue=self.overdue.isChecked(),
            due_within_days=self.due_within.value() or None,
            received_from=received_from,
            received_to=received_to,
            customer_no=unicodedata.normalize("NFKC", self.customer_no.text()).strip() or None,
            text=self.text.text().strip() or None,
        )

    def sort_order(self) -> CaseLogSort:
        return CaseLogSort(self.sort.currentData())
