"""Guards the PySide6 pin: 6.12.0 on Python 3.11 loses a reference to None whenever data() returns it.

Each time Qt calls a Python `data()` override that returns `None` (for `index.data(role)` or when a view
paints a cell), PySide6 6.12.0 decrements `None`'s reference count once too often. A table view calls
`data()` for many roles per cell, so after about 20 s of use the count reaches zero and the interpreter
aborts with `Fatal Python error: none_dealloc`. 6.11.3 does not do this. This test FAILS on 6.12.0: the
pin `PySide6-Essentials>=6.11,<6.12` in pyproject.toml stays until it passes on a newer release.

On Python 3.12+ `None` is immortal, its reference count never changes, and the check proves nothing;
CI runs 3.11, where it does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk_app.domain.enums import PhoneKind
from desk_app.services.customers.lookup import CustomerMatch
from ui.customers.lookup_model import LookupModel

CALLS = 10_000
# Other code in the process may take or drop a few references meanwhile; the bug drops one per call.
SLACK = 100


class _NoneForMostRoles(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return "x"
        return None


def _lookup_model() -> QAbstractTableModel:
    model = LookupModel()
    model.set_matches([CustomerMatch(1, "C0000001", "佐藤 一郎", "サトウ イチロウ", PhoneKind.HOME)] * 2)
    return model


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+: refcount never moves"
)
@pytest.mark.parametrize("make_model", [_NoneForMostRoles, _lookup_model], ids=["minimal", "LookupModel"])
def test_returning_none_from_data_keeps_nones_refcount(
    qapp: object, make_model: Callable[[], QAbstractTableModel]
) -> None:
    model = make_model()
    index = model.index(1, 1)
    assert index.data(Qt.ItemDataRole.DisplayRole) is not None

    before = sys.getrefcount(None)
    for _ in range(CALLS):
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    after = sys.getrefcount(None)

    assert before - after < SLACK, (
        f"None lost {before - after} references over {CALLS} data() calls: "
        "this PySide6 has the none_dealloc bug (keep the <6.12 pin)"
    )
