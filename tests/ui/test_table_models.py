"""Every table model keeps Qt's model rules (qtmodeltester), across resets and appended pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import (
    CallState,
    CaseKind,
    CaseState,
    NoNumberReason,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
)
from desk_app.services.customers.calls import CallSummary
from desk_app.services.customers.orders import OrderSummary
from desk_app.services.customers.record import CaseSummary, ProvisionSummary
from desk_app.services.customers.search import SearchHit
from ui.calls.call_log_model import CallLogModel
from ui.common.value_table_model import ValueTableModel
from ui.customers.record_tables import (
    case_columns,
    case_look,
    customer_call_columns,
    order_columns,
    provision_columns,
)
from ui.customers.search_results_model import SearchResultsModel

AT = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)


def calls(count: int, start: int = 1) -> list[CallSummary]:
    return [
        CallSummary(
            call_row_id=start + n,
            started_at=AT - dt.timedelta(minutes=n),
            state=CallState.MISSED if n % 2 else CallState.ENDED,
            number_display=None if n % 3 == 0 else "03-1234-5678",
            reason=NoNumberReason.WITHHELD if n % 3 == 0 else None,
            line=None,
            customer_id=None,
            customer_no=None,
            customer_name=None,
            answered_by=None if n % 2 else "山田 花子",
            answered_at=None if n % 2 else AT,
            ended_at=AT + dt.timedelta(seconds=65),
        )
        for n in range(count)
    ]


def orders(count: int, start: int = 1) -> list[OrderSummary]:
    return [
        OrderSummary(
            start + n, f"3{start + n:08d}", AT, OrderChannel.WEB, 1980 * n, "健康ステッパー", 1 + n % 3
        )
        for n in range(count)
    ]


HITS = [
    SearchHit(
        1,
        "10000001",
        "佐藤 一郎",
        "サトウ イチロウ",
        "1000001",
        "東京都",
        "千代田区",
        "03-1234-5678",
        PhoneKind.HOME,
    ),
    SearchHit(2, "10000002", "", "", "", "", "", None, None),
]
PROVISIONS = [
    ProvisionSummary(
        dt.date(2026, 8, 22),
        "ひなた電機株式会社",
        "愛知県",
        "代表 小林",
        "氏名",
        "リコール",
        ProvisionBasis.LAW,
    )
]
CASES = [
    CaseSummary(1, "K-1", CaseKind.DELETION, CaseState.IN_PROGRESS, AT, dt.date(2026, 12, 10)),
    CaseSummary(2, "K-2", CaseKind.COMPLAINT, CaseState.COMPLETED, AT, dt.date(2026, 12, 1)),
    CaseSummary(3, "K-3", CaseKind.DISCLOSURE, CaseState.FEE_PENDING, AT, dt.date(2026, 12, 14), paused=True),
]

MODELS: dict[str, tuple[Callable[[], ValueTableModel[Any]], Sequence[Any]]] = {
    "search results": (SearchResultsModel, HITS),
    "caller log": (CallLogModel, calls(7)),
    "orders": (lambda: ValueTableModel(order_columns(), key=lambda order: order.order_id), orders(5)),
    "provisions": (lambda: ValueTableModel(provision_columns()), PROVISIONS),
    "cases": (lambda: ValueTableModel(case_columns(), look=case_look), CASES),
    "customer's calls": (lambda: ValueTableModel(customer_call_columns()), calls(3)),
}


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_model_keeps_qt_rules(qtmodeltester: ModelTester, name: str, filled: bool) -> None:
    make, rows = MODELS[name]
    model = make()
    model.set_rows(rows if filled else ())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


@pytest.mark.parametrize("name", MODELS)
def test_model_keeps_qt_rules_across_resets_and_appends(qtmodeltester: ModelTester, name: str) -> None:
    make, rows = MODELS[name]
    model = make()
    qtmodeltester.check(model)
    model.set_rows(rows)
    model.append_rows(rows[:1])
    model.clear()
    model.append_rows(rows)


def test_appending_a_page_inserts_only_new_rows_with_an_inclusive_last(qtbot: QtBot) -> None:
    model = CallLogModel()
    model.set_rows(calls(5))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    # The next page overlaps the last row shown (a call that rang while paging): it is not repeated.
    assert model.append_rows(calls(4, start=5)) == 3
    assert inserted == [(5, 7)]
    assert [call.call_row_id for call in model.rows] == list(range(1, 9))
    assert model.append_rows(calls(2, start=1)) == 0
    assert inserted == [(5, 7)]


def test_unknown_roles_and_out_of_range_indexes_are_none() -> None:
    model = SearchResultsModel()
    model.set_rows(HITS)
    index = model.index(0, 1)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert index.data(Qt.ItemDataRole.UserRole + 5) is None
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(index) == 0
    assert model.columnCount(index) == 0
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"


def test_search_hits_show_the_area_but_never_more(qtbot: QtBot) -> None:
    model: QAbstractItemModel = SearchResultsModel()
    assert isinstance(model, SearchResultsModel)
    model.set_rows(HITS)
    assert [model.index(0, column).data() for column in range(5)] == [
        "10000001",
        "佐藤 一郎",
        "サトウ イチロウ",
        "〒100-0001 東京都 千代田区",
        "03-1234-5678 (Home)",
    ]
    assert [model.index(1, column).data() for column in range(5)] == ["10000002", "", "", "", ""]


def test_order_cells_show_japan_time_channel_products_and_yen() -> None:
    model = ValueTableModel(order_columns())
    model.set_rows(orders(3))
    assert [model.index(2, column).data() for column in range(5)] == [
        "2026-11-26 12:00",
        "300000003",
        "Web",
        "健康ステッパー (+2 more)",
        "¥3,960",
    ]
    assert model.index(0, 3).data() == "健康ステッパー"
    assert model.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_a_paused_case_shows_paused_where_its_due_date_would_be() -> None:
    model = ValueTableModel(case_columns(), look=case_look)
    model.set_rows(CASES)
    due = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ].index("Due")
    assert [model.index(row, due).data() for row in range(3)] == ["2026-12-10", "2026-12-01", "paused"]
