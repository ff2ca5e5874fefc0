"""The paging table model: Qt's model rules (qtmodeltester), pages fetched as the view scrolls, never two at
once, nothing repeated or skipped, and a replaced query's late page dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.common.background import BackgroundRunner
from ui.common.keyset_table_model import KeysetTableModel
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import Column


@dataclass(frozen=True)
class Item:
    number: int


@dataclass(frozen=True)
class ItemPage:
    rows: tuple[Item, ...]
    next_cursor: int | None


def pages_of(
    total: int, size: int, calls: list[int | None]
) -> Callable[[object | None], Callable[[Any], ItemPage]]:
    """A keyset query over 1..total: the cursor is the last number seen."""

    def query(cursor: object | None) -> Callable[[Any], ItemPage]:
        after = cursor if isinstance(cursor, int) else 0
        calls.append(cursor if isinstance(cursor, int) else None)

        def work(_session: Any) -> ItemPage:
            rows = tuple(Item(number) for number in range(after + 1, min(after + size, total) + 1))
            return ItemPage(rows, rows[-1].number if rows and rows[-1].number < total else None)

        return work

    return query


def model_for(runner: BackgroundRunner) -> KeysetTableModel[Item]:
    return KeysetTableModel(
        [Column("No.", lambda item: str(item.number))], runner, key=lambda item: item.number
    )


def test_the_model_keeps_qt_rules_while_pages_arrive(
    qtbot: QtBot, qtmodeltester: ModelTester, runner: BackgroundRunner
) -> None:
    model = model_for(runner)
    calls: list[int | None] = []
    with qtbot.waitSignal(model.page_loaded):
        model.load(pages_of(25, 10, calls))
    # The tester stays connected: every later page's insertion is checked as it happens.
    qtmodeltester.check(model, force_py=True)
    while model.has_more:
        with qtbot.waitSignal(model.page_loaded):
            model.fetchMore(model.index(-1, -1))
    assert [item.number for item in model.rows] == list(range(1, 26))
    assert calls == [None, 10, 20]  # the tester's own fetchMore included: nothing asked twice
    assert not model.has_more


def test_one_page_at_a_time_however_often_qt_asks(qtbot: QtBot, runner: BackgroundRunner) -> None:
    model = model_for(runner)
    calls: list[int | None] = []
    with qtbot.waitSignal(model.page_loaded):
        model.load(pages_of(100, 10, calls))
    root = model.index(-1, -1)
    model.fetchMore(root)
    assert model.fetching
    assert not model.canFetchMore(root)
    model.fetchMore(root)  # ignored while the page is on its way
    qtbot.waitUntil(lambda: not model.fetching)
    assert calls == [None, 10]
    assert model.rowCount() == 20


def test_a_view_scrolled_to_the_end_pages_in_the_rest(qtbot: QtBot, runner: BackgroundRunner) -> None:
    model = model_for(runner)
    view = ValueTableView(model, "items")
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    calls: list[int | None] = []
    with qtbot.waitSignal(model.page_loaded):
        model.load(pages_of(60, 20, calls))
    for _ in range(10):
        if not model.has_more:
            break
        view.scrollToBottom()
        qtbot.waitUntil(lambda: not model.fetching)
    assert model.rowCount() == 60


def test_a_new_query_drops_the_late_page_of_the_old_one(qtbot: QtBot, runner: BackgroundRunner) -> None:
    model = model_for(runner)
    old_calls: list[int | None] = []
    model.load(pages_of(1000, 10, old_calls))  # its first page is still on its way
    new_calls: list[int | None] = []
    with qtbot.waitSignal(model.page_loaded):
        model.load(pages_of(3, 10, new_calls))
    qtbot.waitUntil(lambda: runner.running_count == 0)
    assert [item.number for item in model.rows] == [1, 2, 3]
    assert not model.has_more


def test_a_failed_page_stops_paging_and_says_so(qtbot: QtBot, runner: BackgroundRunner) -> None:
    model = model_for(runner)

    def broken(_cursor: object | None) -> Callable[[Any], ItemPage]:
        def work(_session: Any) -> ItemPage:
            raise ValueError("no such filter")

        return work

    with qtbot.waitSignal(model.page_failed) as failed:
        model.load(broken)
    assert isinstance(failed.args[0], ValueError)
    assert not model.canFetchMore(model.index(-1, -1))
    assert model.rowCount() == 0
