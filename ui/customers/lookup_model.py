"""Table model of the customers holding one phone number: the chooser's rows for a household landline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject

from desk_app.services.customers.lookup import CustomerMatch
from ui.common.enum_labels import phone_kind_label
from ui.common.value_table_model import Column, ValueTableModel

CUSTOMER_NO, NAME, KANA, MATCHED_PHONE, LIVES_IN = range(5)


def match_columns() -> list[Column[CustomerMatch]]:
    return [
        Column(QCoreApplication.translate("LookupModel", "Customer no."), lambda match: match.customer_no),
        Column(QCoreApplication.translate("LookupModel", "Name"), lambda match: match.name),
        Column(QCoreApplication.translate("LookupModel", "Kana"), lambda match: match.name_kana),
        Column(
            QCoreApplication.translate("LookupModel", "Matched phone"),
            lambda match: phone_kind_label(match.matched_phone_kind),
        ),
        # What tells two holders of one landline apart before identity is verified.
        Column(
            QCoreApplication.translate("LookupModel", "Lives in"),
            lambda match: " ".join(p for p in (match.prefecture, match.city) if p),
        ),
    ]


class LookupModel(ValueTableModel[CustomerMatch]):
    """Rows are `CustomerMatch` value objects; a new lookup replaces them all (a reset)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(match_columns(), parent, key=lambda match: match.customer_id)

    def set_matches(self, matches: Sequence[CustomerMatch]) -> None:
        self.set_rows(matches)

    def match_at(self, row: int) -> CustomerMatch:
        return self.row_at(row)
