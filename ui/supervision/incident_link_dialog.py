"""Link a suspicious-contact report to a leak incident: the open incidents, those it looks connected to (the
same sender or number as reports linked already) first and marked so."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from desk_app.services.cases.register_rows import ReportRow
from ui.supervision.ops import LinkChoices


class IncidentLinkDialog(QDialog):
    """OK (Link) once an incident is chosen; `incident_no()` is the one chosen."""

    def __init__(self, report: ReportRow, choices: LinkChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link the report to a leak incident"))
        about = QLabel(
            self.tr("Case %1: reported as from “%2”.")
            .replace("%1", report.case_no)
            .replace("%2", report.claimed_sender)
        )
        about.setWordWrap(True)
        self.incidents = QComboBox()
        self.incidents.setAccessibleName(self.tr("Leak incident"))
        connected = self.tr("looks connected: same sender or number")
        for mark in choices.suggested:
            self.incidents.addItem(f"{mark.incident_no}  {mark.title}  ({connected})", mark.incident_no)
        for mark in choices.others:
            self.incidents.addItem(f"{mark.incident_no}  {mark.title}", mark.incident_no)
        self.note = QLabel("" if self.incidents.count() else self.tr("No incident is open."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Link"))
        ok.setEnabled(self.incidents.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(about)
        label = QLabel(self.tr("&Incident:"))
        label.setBuddy(self.incidents)
        layout.addRow(label, self.incidents)
        layout.addRow(self.note)
        layout.addRow(self.buttons)

    def incident_no(self) -> str | None:
        data = self.incidents.currentData()
        return str(data) if data else None
