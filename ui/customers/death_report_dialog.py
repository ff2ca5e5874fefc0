"""A relative reports the customer's death: what the agent says, the day of death if the caller gives it,
and the confirmation that every mailing stops now. Nothing from the record is read to the caller."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.common.japan_time import japan_today_qdate

TALK_STYLE = "#talk { background: #f4f7fb; border: 1px solid #c9d4e3; border-radius: 6px; }"


class DeathReportDialog(QDialog):
    """OK records the report (`customers.deceased.record_death`) once the talk is read and ticked."""

    def __init__(self, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A death reported"))
        # What the agent says, in the desk's keigo: condolences, what the company does, what it cannot do.
        talk = QLabel(
            self.tr(
                "このたびはご愁傷さまでございます。心よりお悔やみ申し上げます。\n"
                "ご連絡いただき、誠にありがとうございます。%1様宛てのカタログ、ダイレクトメール、"
                "メールマガジンの送付は、本日すべて停止いたします。\n"
                "なお、個人情報保護のため、ご登録の内容についてはお電話ではお答えいたしかねます。"
                "何卒ご了承くださいませ。"
            ).replace("%1", customer_name)
        )
        talk.setWordWrap(True)
        talk.setTextFormat(Qt.TextFormat.PlainText)
        talk.setAccessibleName(self.tr("Talk text"))
        frame = QFrame()
        frame.setObjectName("talk")
        frame.setStyleSheet(TALK_STYLE)
        inside = QVBoxLayout(frame)
        inside.addWidget(talk)
        note = QLabel(
            self.tr(
                "A relative's report is not a request under the law: check no identity and disclose "
                "nothing. Every mailing stops and the record is marked."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        self.day_given = QCheckBox(self.tr("The caller gave the &day of death:"))
        self.died_on = QDateEdit(japan_today_qdate())
        self.died_on.setCalendarPopup(True)
        self.died_on.setDisplayFormat("yyyy-MM-dd")
        self.died_on.setMaximumDate(japan_today_qdate())
        self.died_on.setAccessibleName(self.tr("Day of death"))
        self.died_on.setEnabled(False)
        self.day_given.toggled.connect(self.died_on.setEnabled)
        day = QHBoxLayout()
        day.addWidget(self.day_given)
        day.addWidget(self.died_on)
        day.addStretch(1)
        self.read_out = QCheckBox(self.tr("&Read out; nothing from the record was told to the caller"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Stop every mailing"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.read_out.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(frame)
        layout.addWidget(note)
        layout.addLayout(day)
        layout.addWidget(self.read_out)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def died(self) -> dt.date | None:
        if not self.day_given.isChecked():
            return None
        date: QDate = self.died_on.date()
        return dt.date(date.year(), date.month(), date.day())
