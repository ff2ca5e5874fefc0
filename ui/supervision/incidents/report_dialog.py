"""Record a report…: which report went to the Commission (only the one that may be recorded next), the day
it was submitted and the reference the Commission's form returned. A refusal is shown in the dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.incidents import ReportKind
from desk_app.services.incidents.register import REFERENCE_LONGEST, IncidentSummary
from ui.common.background import BackgroundRunner, Work
from ui.common.enum_labels import label
from ui.common.japan_time import japan_today_qdate
from ui.supervision.incidents import ops
from ui.supervision.incidents.incident_words import due_text
from ui.supervision.incidents.saving_dialog import SavingDialog


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(SavingDialog):
    """`recorded(incident_no)` once the core has the report; then the dialog closes."""

    recorded = Signal(str)

    def __init__(
        self,
        runner: BackgroundRunner,
        viewer_id: int,
        summary: IncidentSummary,
        kind: ReportKind,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, "record incident report", parent)
        self._viewer_id = viewer_id
        self.incident_no = summary.incident_no
        self.setWindowTitle(self.tr("Record a report — %1").replace("%1", summary.incident_no))
        about = QLabel(f"{summary.incident_no} {summary.title}")
        about.setWordWrap(True)
        about.setAccessibleName(self.tr("Incident"))
        # Both kinds are listed so the order is plain; only the one that may be recorded next can be chosen.
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Report"))
        items = self.kind.model()
        assert isinstance(items, QStandardItemModel)
        for each in ReportKind:
            self.kind.addItem(label(each), each.value)
            item = items.item(self.kind.count() - 1)
            item.setEnabled(each is kind)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.due = QLabel(self.tr("Due: %1").replace("%1", due_text(summary, kind, today)))
        self.due.setAccessibleName(self.tr("Due"))
        self.submitted_on = QDateEdit(japan_today_qdate())
        self.submitted_on.setCalendarPopup(True)
        self.submitted_on.setDisplayFormat("yyyy-MM-dd")
        self.submitted_on.setDateRange(_qdate(summary.discovered_on), _qdate(today))
        self.submitted_on.setAccessibleName(self.tr("Submitted on"))
        self.reference = QLineEdit()
        self.reference.setMaxLength(REFERENCE_LONGEST)
        self.reference.setAccessibleName(self.tr("The Commission's reference"))
        self.reference.setPlaceholderText(self.tr("As the Commission's form returned it"))
        hint = self.reference.fontMetrics().horizontalAdvance(self.reference.placeholderText())
        self.reference.setMinimumWidth(hint + 24)
        self.message.setAccessibleName(self.tr("Why the report was not recorded"))
        self.record_button = self.ok_button
        self.record_button.setText(self.tr("Record"))
        form = QFormLayout()
        form.addRow(about)
        form.addRow(self.tr("&Report:"), self.kind)
        form.addRow(self.due)
        form.addRow(self.tr("&Submitted on:"), self.submitted_on)
        form.addRow(self.tr("Commission's r&eference:"), self.reference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.reference.setFocus()

    def chosen_kind(self) -> ReportKind:
        return ReportKind(str(self.kind.currentData()))

    def submitted(self) -> dt.date:
        day = self.submitted_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def work(self) -> Work[object]:
        return ops.record_report(
            self._viewer_id, self.incident_no, self.chosen_kind(), self.submitted(), self.reference.text()
        )

    def taken(self, answer: object) -> None:
        self.recorded.emit(self.incident_no)

    def failed_words(self) -> str:
        return self.tr("The report could not be recorded.")
