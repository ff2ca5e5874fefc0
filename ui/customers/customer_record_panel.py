"""The Customer page: one customer's record as an agent may see it, protected details on request."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import CustomerState
from desk_app.services.customers.calls import CallSummary
from desk_app.services.customers.record import CaseSummary, CustomerRecord, ProvisionSummary
from ui.calls.call_log_model import call_look
from ui.common.background import BackgroundRunner, refusal_text
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import ValueTableModel
from ui.customers import ops
from ui.customers.customer_summary import CustomerSummary
from ui.customers.death_report_dialog import DeathReportDialog
from ui.customers.order_history_view import OrderHistoryView
from ui.customers.protected_details_box import ProtectedDetailsBox, RevealContext
from ui.customers.record_tables import case_columns, case_look, customer_call_columns, provision_columns


def _scaled_font(label: QLabel, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class CustomerRecordPanel(QWidget):
    """Shows a `CustomerRecord` (already logged as a view by whoever loaded it) and its tables."""

    record_shown = Signal(int)

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: CustomerRecord | None = None
        self.call_row_id: int | None = None
        self.setAccessibleName(self.tr("Customer record"))

        self.empty_label = QLabel(
            self.tr(
                "No customer open.\n\nA call from a customer's number opens their record here; "
                "otherwise find them on the Search page (Ctrl+F)."
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        self.name_label = QLabel()
        self.name_label.setFont(_scaled_font(self.name_label, 1.8, bold=True))
        self.name_label.setAccessibleName(self.tr("Name"))
        self.kana_label = QLabel()
        self.kana_label.setFont(_scaled_font(self.kana_label, 1.2))
        self.kana_label.setAccessibleName(self.tr("Kana"))
        self.customer_no_label = QLabel()
        self.customer_no_label.setFont(_scaled_font(self.customer_no_label, 1.2, bold=True))
        self.customer_no_label.setAccessibleName(self.tr("Customer number"))
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: #a50e0e; font-weight: bold;")
        self.agent_id: int | None = None
        self._runner = runner
        self.death_button = QPushButton(self.tr("Death reported b&y a relative…"))
        self.death_button.setAccessibleName(self.tr("Record that a relative reported the customer's death"))
        self.death_button.clicked.connect(self.report_death)
        self.death_dialog: DeathReportDialog | None = None
        # The customer calls, alive: the report was made in error.
        self.withdraw_death_button = QPushButton(self.tr("Withdraw the report, made wrongl&y…"))
        self.withdraw_death_button.setAccessibleName(self.tr("Withdraw a death report made in error"))
        self.withdraw_death_button.clicked.connect(self.withdraw_death)
        self.withdraw_box: QMessageBox | None = None
        for label in (self.name_label, self.kana_label, self.customer_no_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.summary = CustomerSummary()
        self.protected_box = ProtectedDetailsBox(runner)
        self.orders = OrderHistoryView(runner)
        self.provisions_model: ValueTableModel[ProvisionSummary] = ValueTableModel(provision_columns(), self)
        self.cases_model: ValueTableModel[CaseSummary] = ValueTableModel(case_columns(), self, look=case_look)
        self.calls_model: ValueTableModel[CallSummary] = ValueTableModel(
            customer_call_columns(), self, look=call_look
        )
        self.tables = QTabWidget()
        self.tables.setAccessibleName(self.tr("Orders, provision records, cases and calls"))
        self.tables.addTab(self.orders, "")
        for model, name, empty in (
            (
                self.provisions_model,
                self.tr("Third-party provision records"),
                self.tr("No data of this customer has been provided to a third party."),
            ),
            (self.cases_model, self.tr("This customer's cases"), self.tr("No cases")),
            (self.calls_model, self.tr("This customer's calls"), self.tr("No calls recorded")),
        ):
            view = ValueTableView(model, name)
            view.set_placeholder(empty)
            self.tables.addTab(view, "")

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.clear()

    def _build_content(self) -> QWidget:
        content = QWidget()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.kana_label)
        number = QVBoxLayout()
        number.addWidget(self.customer_no_label, 0, Qt.AlignmentFlag.AlignRight)
        number.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignRight)
        number.addWidget(self.death_button, 0, Qt.AlignmentFlag.AlignRight)
        number.addWidget(self.withdraw_death_button, 0, Qt.AlignmentFlag.AlignRight)
        number.addStretch(1)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addLayout(number)

        details = QGridLayout()
        details.addWidget(self.summary, 0, 0, Qt.AlignmentFlag.AlignTop)
        details.addWidget(self.protected_box, 0, 1, Qt.AlignmentFlag.AlignTop)
        details.setColumnStretch(0, 3)
        details.setColumnStretch(1, 2)
        details.setHorizontalSpacing(16)

        layout = QVBoxLayout(content)
        layout.addLayout(header)
        layout.addLayout(details)
        layout.addWidget(self.tables, 1)
        return content

    def show_record(self, record: CustomerRecord, *, call_row_id: int | None, agent_id: int) -> None:
        """Show `record`; protected details revealed for anyone before are hidden again."""
        self.record = record
        self.call_row_id = call_row_id
        self.agent_id = agent_id
        self.death_button.setVisible(record.death_reported_at is None)
        self.withdraw_death_button.setVisible(record.death_reported_at is not None)
        self.name_label.setText(record.name)
        self.kana_label.setText(record.name_kana)
        self.customer_no_label.setText(self.tr("Customer no. %1").replace("%1", record.customer_no))
        pending = record.state is CustomerState.DELETION_PENDING
        self.state_label.setText(self.tr("Deletion pending") if pending else "")
        self.summary.show_record(record)
        self.protected_box.set_context(
            RevealContext(
                customer_id=record.customer_id,
                customer_name=record.name,
                call_row_id=call_row_id,
                agent_id=agent_id,
                shopping_credit=record.shopping_credit,
            )
        )
        self.orders.show_first_page(record.customer_id, record.orders, record.order_count)
        self.provisions_model.set_rows(record.provisions)
        self.cases_model.set_rows(record.cases)
        self.calls_model.set_rows(record.recent_calls)
        self._title_tables(record)
        self.pages.setCurrentIndex(1)
        self.record_shown.emit(record.customer_id)

    def _title_tables(self, record: CustomerRecord) -> None:
        open_cases = sum(1 for case in record.cases if case.is_open)
        cases = self.tr("C&ases (%1)").replace("%1", str(len(record.cases)))
        if open_cases:
            cases = self.tr("C&ases (%1 open of %2)").replace("%1", str(open_cases))
            cases = cases.replace("%2", str(len(record.cases)))
        titles = (
            self.tr("&Purchase history (%1)").replace("%1", f"{record.order_count:,}"),
            self.tr("Third-party provisio&n (%1)").replace("%1", str(len(record.provisions))),
            cases,
            self.tr("Call his&tory (%1)").replace("%1", str(len(record.recent_calls))),
        )
        for index, title in enumerate(titles):
            self.tables.setTabText(index, title)

    def clear(self) -> None:
        """Nobody's record: the page says so, and no label behind it still holds the last customer."""
        self.record = None
        self.call_row_id = None
        for label in (self.name_label, self.kana_label, self.customer_no_label, self.state_label):
            label.clear()
        self.protected_box.set_context(None)
        self.summary.clear()
        self.orders.clear()
        for model in (self.provisions_model, self.cases_model, self.calls_model):
            model.clear()
        self.pages.setCurrentIndex(0)

    def report_death(self) -> None:
        """A relative reports the customer's death: the dialog's talk, then every mailing stopped."""
        record, agent_id = self.record, self.agent_id
        if record is None or agent_id is None:
            return
        dialog = DeathReportDialog(record.name, self)
        self.death_dialog = dialog

        def record_it() -> None:
            work = ops.report_death(
                record.customer_id, agent_id=agent_id, call_row_id=self.call_row_id, died_on=dialog.died()
            )
            self._runner.run(
                work,
                name="death report",
                owner=self,
                on_success=lambda fresh: self._death_recorded(fresh, record.customer_id),
                on_error=lambda error: self._death_refused(dialog, error),
            )

        dialog.accepted.connect(record_it)
        dialog.open()

    def withdraw_death(self) -> None:
        """Asked first: the mark goes, the mailings stay stopped until the customer asks for them."""
        record, agent_id = self.record, self.agent_id
        if record is None or agent_id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Withdraw the death report"),
            self.tr(
                "Remove the death report from this record? The caller is the customer, alive. "
                "The mailings stay stopped; turning them on again is the customer's own request."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.withdraw_box = box

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) is not QMessageBox.StandardButton.Yes:
                return
            self._runner.run(
                ops.withdraw_death(record.customer_id, agent_id=agent_id, call_row_id=self.call_row_id),
                name="death report withdrawn",
                owner=self,
                on_success=lambda fresh: self._death_recorded(fresh, record.customer_id),
            )

        box.buttonClicked.connect(answered)
        box.open()

    def _death_recorded(self, fresh: CustomerRecord, customer_id: int) -> None:
        if self.record is not None and self.record.customer_id == customer_id and self.agent_id is not None:
            self.show_record(fresh, call_row_id=self.call_row_id, agent_id=self.agent_id)

    def _death_refused(self, dialog: DeathReportDialog, error: Exception) -> None:
        dialog.error.setText(refusal_text(error))
        dialog.open()

    def clear_reveal(self) -> None:
        """A new call began: what was revealed for the last one is hidden."""
        self.protected_box.clear_reveal()

    def focus_record(self) -> None:
        self.orders.table.setFocus(Qt.FocusReason.OtherFocusReason)
