"""Search hits as a table: customer number, name, kana, where they live (to the city) and a phone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from desk_app.services.customers.search import SearchHit
from ui.common.enum_labels import phone_kind_label
from ui.common.value_table_model import Column, ValueTableModel

CUSTOMER_NO, NAME, KANA, ADDRESS, PHONE = range(5)


def postal_text(postal_code: str) -> str:
    """〒100-0001 for 1000001; other text as it is."""
    if len(postal_code) == 7 and postal_code.isdigit():
        return f"〒{postal_code[:3]}-{postal_code[3:]}"
    return f"〒{postal_code}" if postal_code else ""


def area_text(postal_code: str, prefecture: str, city: str) -> str:
    """〒100-0001 東京都 千代田区: the address as far as it may be shown before identity is verified."""
    return " ".join(part for part in (postal_text(postal_code), prefecture, city) if part)


def _phone(hit: SearchHit) -> str:
    if hit.phone is None:
        return ""
    kind = phone_kind_label(hit.phone_kind)
    return f"{hit.phone} ({kind})" if kind else hit.phone


def search_columns() -> list[Column[SearchHit]]:
    return [
        Column(QCoreApplication.translate("SearchResultsModel", "Customer no."), lambda hit: hit.customer_no),
        Column(QCoreApplication.translate("SearchResultsModel", "Name"), lambda hit: hit.name),
        Column(QCoreApplication.translate("SearchResultsModel", "Kana"), lambda hit: hit.name_kana),
        Column(
            QCoreApplication.translate("SearchResultsModel", "Address"),
            lambda hit: area_text(hit.postal_code, hit.prefecture, hit.city),
        ),
        Column(QCoreApplication.translate("SearchResultsModel", "Phone"), _phone),
    ]


class SearchResultsModel(ValueTableModel[SearchHit]):
    """One search's hits; a new search replaces them (a reset)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(search_columns(), parent, key=lambda hit: hit.customer_id)
