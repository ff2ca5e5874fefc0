"""Mark as mailed: the postal method and the day the letters were handed to the post office."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.cases.letter_views import MailMethod, mail_method_label
from ui.common.japan_time import japan_today_qdate


class MailedDialog(QDialog):
    """The postal method and the day the letters were handed to the post office."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as mailed"))
        self.method = QComboBox()
        self.method.setAccessibleName(self.tr("Postal method"))
        for method in MailMethod:
            self.method.addItem(mail_method_label(method), method.value)
        self.mailed_on = QDateEdit(japan_today_qdate())
        self.mailed_on.setCalendarPopup(True)
        self.mailed_on.setDisplayFormat("yyyy-MM-dd")
        self.mailed_on.setAccessibleName(self.tr("Mailed on"))
        form = QFormLayout()
        form.addRow(QLabel(self.tr("%1 letters").replace("%1", str(count))))
        form.addRow(self.tr("&Method:"), self.method)
        form.addRow(self.tr("Mailed &on:"), self.mailed_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[MailMethod, dt.date]:
        day = self.mailed_on.date()
        return MailMethod(self.method.currentData()), dt.date(day.year(), day.month(), day.day())
