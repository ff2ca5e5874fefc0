"""The Customer pane: find the caller by phone number and list the customers holding it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.phones import InvalidPhoneNumber
from desk_app.services.access_log import record_access
from desk_app.services.agents import AgentInfo
from desk_app.services.lookup import LookupResult, lookup_by_phone
from desk_app.storage.models import AccessAction
from ui.background import BackgroundRunner
from ui.lookup_model import CUSTOMER_NO, KANA, MATCHED_PHONE, NAME, LookupModel

# What the access log says was looked at; never the data itself.
LOOKUP_ACCESS_DETAIL = "lookup result"
_ERROR_STYLE = "color: #b00020;"


def lookup_and_log_view(text: str, agent_id: int) -> Callable[[Any], LookupResult]:
    """The background work of one lookup: find the customers and log that the agent saw them, in one commit.

    Logged before anything is shown: if the log cannot be written, the result is not shown either.
    """

    def work(session: Any) -> LookupResult:
        result = lookup_by_phone(session, text)
        if result.customers:
            record_access(
                session,
                agent_id=agent_id,
                action=AccessAction.VIEW,
                customer_ids=[match.customer_id for match in result.customers],
                detail=LOOKUP_ACCESS_DETAIL,
            )
        return result

    return work


class CustomerPane(QWidget):
    """Phone-number field, outcome line and results table; lookups run through the background runner."""

    lookup_finished = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._agent: AgentInfo | None = None
        # Each lookup gets a number; a slow answer to an older lookup must not replace a newer one.
        self._lookup_serial = 0

        heading = QLabel(self.tr("Customer"))
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        heading.setFont(heading_font)

        self.phone_field = QLineEdit()
        self.phone_field.setPlaceholderText(self.tr("Phone number, e.g. 03-1234-5678"))
        self.phone_field.setAccessibleName(self.tr("Phone number"))
        self.phone_field.setClearButtonEnabled(True)
        self.phone_field.setMaxLength(200)
        self.phone_field.returnPressed.connect(self.start_lookup)
        field_label = QLabel(self.tr("&Phone number:"))
        field_label.setBuddy(self.phone_field)

        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Lookup outcome"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)

        self.model = LookupModel(self)
        self.results_view = QTableView()
        self.results_view.setModel(self.model)
        self.results_view.setAccessibleName(self.tr("Matching customers"))
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab moves on to the next widget instead of walking cells.
        self.results_view.setTabKeyNavigation(False)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.verticalHeader().setVisible(False)
        header = self.results_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in (
            (CUSTOMER_NO, QHeaderView.ResizeMode.ResizeToContents),
            (NAME, QHeaderView.ResizeMode.Stretch),
            (KANA, QHeaderView.ResizeMode.Stretch),
            (MATCHED_PHONE, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(column, mode)

        field_row = QHBoxLayout()
        field_row.addWidget(field_label)
        field_row.addWidget(self.phone_field, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(field_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view, 1)
        self.set_agent(None)

    def set_agent(self, agent: AgentInfo | None) -> None:
        """Lookups need a signed-in agent: every view of a customer's data is logged under their name."""
        self._agent = agent
        self.phone_field.setEnabled(agent is not None)
        if agent is None:
            self._show(
                self.tr(
                    "Not signed in. Looking up callers needs a signed-in agent, because every view "
                    "of customer data is logged under the agent's name."
                )
            )
        else:
            self._show("")

    def focus_phone_field(self) -> None:
        self.phone_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.phone_field.selectAll()

    @Slot()
    def start_lookup(self) -> None:
        text = self.phone_field.text()
        self._lookup_serial += 1
        serial = self._lookup_serial
        self.model.clear()
        if self._agent is None:
            return
        if not text.strip():
            self._show(self.tr("Type a phone number, then press Enter."))
            self.lookup_finished.emit()
            return
        self._show(self.tr("Looking up…"))
        self._runner.run(
            lookup_and_log_view(text, self._agent.id),
            name="lookup by phone",
            on_success=lambda result: self._show_result(serial, result),
            on_error=lambda error: self._show_failure(serial, error),
        )

    def _show_result(self, serial: int, result: LookupResult) -> None:
        if serial != self._lookup_serial:
            return
        count = len(result.customers)
        if count == 0:
            self._show(self.tr("No customer has this number (%1).").replace("%1", result.number.national))
        else:
            customers = (
                self.tr("%n customer", "", count) if count == 1 else self.tr("%n customers", "", count)
            )
            self._show(f"{result.number.national} — {customers}")
            self.model.set_matches(result.customers)
            self.results_view.selectRow(0)
        self.lookup_finished.emit()

    def _show_failure(self, serial: int, error: Exception) -> None:
        if serial != self._lookup_serial:
            return
        if isinstance(error, InvalidPhoneNumber):
            # The reason comes from the core (e.g. "not a valid phone number") and names no customer.
            self._show(self.tr("Not a phone number we can look up: %1").replace("%1", str(error)), error=True)
        else:
            self._show(self.tr("The lookup failed; nothing is shown."), error=True)
            self._runner.show_error(error)
        self.lookup_finished.emit()

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(_ERROR_STYLE if error else "")
