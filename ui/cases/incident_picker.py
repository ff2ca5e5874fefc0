"""New inquiry's choice of the leak incident a question is about: the customer's own when they are affected
(one chosen for the agent; among several, the agent chooses), else any open incident or none."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desk_app.services.incidents.customer_incidents import InquiryChoices

# The item data of "no incident named"; an item without data is the prompt to choose.
NONE_NAMED = ""


class IncidentPicker(QWidget):
    """A labelled list (Alt+I) and a line saying why it offers what it does; `changed` on every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.incidents = QComboBox()
        self.incidents.setAccessibleName(self.tr("Incident the question is about"))
        self.incidents.setMinimumContentsLength(30)
        self.incidents.currentIndexChanged.connect(self._chosen)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5f6368;")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Incident:"))
        label.setBuddy(self.incidents)
        layout.addRow(label, self.incidents)
        layout.addRow(self.note)
        self._offered: InquiryChoices | None = None
        self._reading()

    def _reading(self) -> None:
        self.incidents.clear()
        self.incidents.addItem(self.tr("Reading the open incidents…"))
        self.incidents.setEnabled(False)
        self.note.clear()

    def offer(self, choices: InquiryChoices) -> None:
        """Offer `choices`; offered again unchanged (the dialog's every update), the agent's choice stays."""
        if choices == self._offered:
            return
        self._offered = choices
        self.incidents.blockSignals(True)
        self.incidents.clear()
        marks = choices.incidents
        if len(marks) > 1 or (marks and choices.may_name_none):
            self.incidents.addItem(self.tr("Choose the incident…"))
        for mark in marks:
            self.incidents.addItem(f"{mark.incident_no}  {mark.title}", mark.incident_no)
        if choices.may_name_none:
            self.incidents.addItem(self.tr("No incident named"), NONE_NAMED)
        self.incidents.setCurrentIndex(0)
        self.incidents.setEnabled(True)
        self.incidents.blockSignals(False)
        if choices.affected and len(marks) == 1:
            note = self.tr("The customer is affected by this incident: the question is about it.")
        elif choices.affected:
            note = self.tr("The customer is affected by %1 open incidents: choose the one asked about.")
            note = note.replace("%1", str(len(marks)))
        elif marks:
            note = self.tr("Choose the incident the caller asks about, or none.")
        else:
            note = self.tr("No incident is open.")
        self.note.setText(note)
        self.changed.emit()

    def unreadable(self) -> None:
        """The incidents could not be read: only "none" can be offered."""
        self._offered = None
        self.incidents.clear()
        self.incidents.addItem(self.tr("No incident named"), NONE_NAMED)
        self.incidents.setEnabled(True)
        self.note.setText(self.tr("The open incidents could not be read."))
        self.changed.emit()

    def undecided(self) -> bool:
        """True while nothing is chosen yet (the incidents being read, or the prompt shown)."""
        return self.incidents.currentData() is None

    def incident_no(self) -> str | None:
        data = self.incidents.currentData()
        return str(data) if data else None

    @Slot(int)
    def _chosen(self, _index: int) -> None:
        self.changed.emit()
