"""The lookup results model: Qt's model rules (qtmodeltester) and what each cell shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from desk_app.domain.enums import PhoneKind
from desk_app.services.customers.lookup import CustomerMatch
from ui.customers.lookup_model import CUSTOMER_NO, KANA, LIVES_IN, MATCHED_PHONE, NAME, LookupModel

MATCHES = (
    CustomerMatch(1, "C0000001", "佐藤 一郎", "サトウ イチロウ", PhoneKind.HOME),
    CustomerMatch(2, "C0000002", "佐藤 花子", "サトウ ハナコ", PhoneKind.MOBILE, "東京都", "世田谷区"),
    CustomerMatch(7, "C0000007", "", "", PhoneKind.WORK),
)


@pytest.mark.parametrize("matches", [(), MATCHES], ids=["empty", "three rows"])
def test_model_keeps_qt_rules(qtmodeltester: ModelTester, matches: tuple[CustomerMatch, ...]) -> None:
    model = LookupModel()
    model.set_matches(matches)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_model_keeps_qt_rules_across_a_new_lookup(qtmodeltester: ModelTester) -> None:
    model = LookupModel()
    qtmodeltester.check(model)
    model.set_matches(MATCHES)
    model.set_matches(MATCHES[:1])
    model.clear()


def test_cells_show_number_name_kana_phone_kind_and_where_they_live() -> None:
    model = LookupModel()
    model.set_matches(MATCHES)
    columns = (CUSTOMER_NO, NAME, KANA, MATCHED_PHONE, LIVES_IN)
    row = [model.index(1, column).data() for column in columns]
    assert row == ["C0000002", "佐藤 花子", "サトウ ハナコ", "Mobile", "東京都 世田谷区"]
    assert model.index(0, LIVES_IN).data() == ""
    assert model.match_at(1) is MATCHES[1]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Customer no.",
        "Name",
        "Kana",
        "Matched phone",
        "Lives in",
    ]


def test_unknown_roles_and_out_of_range_indexes_are_none() -> None:
    model = LookupModel()
    model.set_matches(MATCHES)
    index = model.index(0, NAME)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert index.data(Qt.ItemDataRole.UserRole + 5) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(index) == 0
    assert model.columnCount(index) == 0
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
