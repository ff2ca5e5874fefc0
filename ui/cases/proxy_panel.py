"""The identity step's proxy panel: "Asked by an authorized proxy…" records who asks for the person and on
what papers; for an appointed agent, the person's own answer (a callback to a registered number or the
reply to a letter)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.proxies import PersonConfirmation, ProxyDocument, ProxyKind, papers_needed
from desk_app.services.cases.proxies import PersonAnswer, ProxyRequest, ProxyView
from ui.common.enum_labels import label as enum_text
from ui.common.japan_time import japan_today_qdate

HINT_STYLE = "color: #5f6368;"
ERROR_STYLE = "color: #b00020;"


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class ProxyDialog(QDialog):
    """Who the proxy is, the papers checked and where letters go: the request it gives is checked again by
    the core (`proxies.record_proxy`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Request by a proxy"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Proxy's name"))
        self.name.setMaxLength(200)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of proxy"))
        for kind in ProxyKind:
            self.kind.addItem(enum_text(kind), kind.value)
        self.relationship = QLineEdit()
        self.relationship.setAccessibleName(self.tr("Relationship to the person"))
        self.relationship.setMaxLength(200)
        self.needed = QLabel()
        self.needed.setStyleSheet(HINT_STYLE)
        self.needed.setWordWrap(True)
        self.papers: dict[ProxyDocument, QCheckBox] = {}
        papers = QGridLayout()
        for number, document in enumerate(ProxyDocument):
            box = QCheckBox(enum_text(document))
            self.papers[document] = box
            papers.addWidget(box, number // 3, number % 3)
        self.received_on = QDateEdit(japan_today_qdate())
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.received_on.setAccessibleName(self.tr("Papers received on"))
        self.to_proxy = QCheckBox(self.tr("The papers ask for the answer at the proxy's address"))
        self.postal_code = QLineEdit()
        self.postal_code.setAccessibleName(self.tr("Proxy's postal code"))
        self.postal_code.setPlaceholderText("123-4567")
        self.address = QPlainTextEdit()
        self.address.setAccessibleName(self.tr("Proxy's address"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.basis = QLineEdit()
        self.basis.setAccessibleName(self.tr("Where the papers say so"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Relationship:"), self.relationship)
        form.addRow(self.tr("Papers checked:"), papers)
        form.addRow("", self.needed)
        form.addRow(self.tr("Papers recei&ved on:"), self.received_on)
        form.addRow("", self.to_proxy)
        form.addRow(self.tr("&Postal code:"), self.postal_code)
        form.addRow(self.tr("A&ddress:"), self.address)
        form.addRow(self.tr("As the papers sa&y:"), self.basis)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.to_proxy.toggled.connect(self._address_needed)
        self._kind_changed()
        self._address_needed(False)
        self.request: ProxyRequest | None = None

    def _kind_changed(self) -> None:
        kind = ProxyKind(self.kind.currentData())
        self.needed.setText(self.tr("Papers needed: %1").replace("%1", papers_needed(kind)))

    def _address_needed(self, needed: bool) -> None:
        for field in (self.postal_code, self.address, self.basis):
            field.setEnabled(needed)

    def _accept(self) -> None:
        if not self.name.text().strip() or not self.relationship.text().strip():
            self.error.setText(self.tr("Give the proxy's name and their relationship to the person."))
            return
        to_proxy = self.to_proxy.isChecked()
        self.request = ProxyRequest(
            name=self.name.text(),
            kind=ProxyKind(self.kind.currentData()),
            relationship=self.relationship.text(),
            documents=frozenset(document for document, box in self.papers.items() if box.isChecked()),
            received_on=_day(self.received_on.date()),
            letters_to_proxy=to_proxy,
            proxy_postal_code=self.postal_code.text() if to_proxy else None,
            proxy_address=self.address.toPlainText() if to_proxy else None,
            address_basis=self.basis.text() if to_proxy else None,
        )
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class ProxyPanel(QWidget):
    """Under the identity methods: who asks (a proxy, if any) and an appointed agent's confirmation."""

    # A `ProxyRequest` or a `PersonAnswer`, for the host to record.
    step_given = Signal(object)

    def __init__(
        self, proxy: ProxyView | None, registered_numbers: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Who asks"))
        self.proxy_button = QPushButton(self.tr("Asked by an authori&zed proxy…"))
        self.proxy_button.setAccessibleName(self.tr("Record a proxy asking for the person"))
        self.proxy_button.clicked.connect(self.ask_proxy)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.proxy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        self.person = QWidget()
        self.answer = QComboBox()
        self.answer.setAccessibleName(self.tr("The person's answer"))
        for result in PersonConfirmation:
            self.answer.addItem(enum_text(result), result.value)
        self.dialled = QComboBox()
        self.dialled.setAccessibleName(self.tr("Registered number dialled"))
        self.dialled.addItems(list(registered_numbers))
        self.replied_on = QDateEdit(japan_today_qdate())
        self.replied_on.setCalendarPopup(True)
        self.replied_on.setDisplayFormat("yyyy-MM-dd")
        self.replied_on.setAccessibleName(self.tr("Reply received on"))
        self.record_button = QPushButton(self.tr("Record the person's ans&wer"))
        self.record_button.clicked.connect(self._record_answer)
        person = QFormLayout(self.person)
        person.setContentsMargins(0, 0, 0, 0)
        person.addRow(self.tr("The person's answer:"), self.answer)
        person.addRow(self.tr("Registered number dialled:"), self.dialled)
        person.addRow(self.tr("Reply received on:"), self.replied_on)
        person.addRow("", self.record_button)
        layout.addWidget(self.person)
        self.answer.currentIndexChanged.connect(self._answer_changed)
        self._answer_changed()
        self._show_proxy()
        self.dialog: ProxyDialog | None = None

    def _show_proxy(self) -> None:
        proxy = self.proxy
        if proxy is None:
            self.summary.setText(self.tr("The person asks themselves."))
            self.person.hide()
            return
        said = (
            self.tr("Asked by a proxy: %1, %2 (%3); papers: %4")
            .replace("%1", proxy.name)
            .replace("%2", enum_text(proxy.kind))
            .replace("%3", proxy.relationship)
            .replace("%4", "、".join(enum_text(document) for document in proxy.documents))
        )
        if proxy.denied:
            said += "\n" + self.tr("The person denied appointing this agent: refuse the request.")
        elif proxy.awaits_person:
            said += "\n" + self.tr("Confirm the request with the person before anything is done.")
        elif proxy.confirmation is not None:
            said += "\n" + self.tr("The person confirmed: %1.").replace("%1", enum_text(proxy.confirmation))
        self.summary.setText(said)
        self.proxy_button.setEnabled(not proxy.denied)
        self.person.setVisible(proxy.awaits_person)

    def _answer_changed(self) -> None:
        result = PersonConfirmation(self.answer.currentData())
        self.dialled.setEnabled(result is PersonConfirmation.CALLBACK_CONFIRMED)
        self.replied_on.setEnabled(result is PersonConfirmation.LETTER_CONFIRMED)

    def _record_answer(self) -> None:
        result = PersonConfirmation(self.answer.currentData())
        self.step_given.emit(
            PersonAnswer(
                result=result,
                dialled=self.dialled.currentText()
                if result is PersonConfirmation.CALLBACK_CONFIRMED
                else None,
                replied_on=_day(self.replied_on.date())
                if result is PersonConfirmation.LETTER_CONFIRMED
                else None,
            )
        )

    def ask_proxy(self) -> None:
        dialog = ProxyDialog(self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.step_given.emit(dialog.request))
        dialog.open()

    def step_failed(self, text: str) -> None:
        """The core refused what was given: said in the dialog still open, or under the answer."""
        if self.dialog is not None and self.dialog.result() == QDialog.DialogCode.Accepted:
            self.dialog.show_error(text)
            self.dialog.open()
            return
        self.summary.setText(f"{self.summary.text()} {text}")
