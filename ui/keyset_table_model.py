"""Tables over more rows than fit in memory: Qt's fetchMore rules, each page a keyset query in the background.

`rowCount` is what has been fetched. The view asks `canFetchMore` as it scrolls near the end; `fetchMore`
starts one background page (never two at once) and the rows are inserted when it arrives, with
`beginInsertRows(parent, first, last)`, `last` inclusive. A new query (`load`) resets the model; a page
of an older query that arrives late is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal

from ui.background import BackgroundRunner
from ui.value_table_model import Column, RowLook, ValueTableModel

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Page(Protocol[R_co]):
    """What a page query returns: the rows, and where the next page starts (None: no more)."""

    @property
    def rows(self) -> Sequence[R_co]: ...

    @property
    def next_cursor(self) -> object | None: ...


# Given the cursor (None for the first page), the background work that reads one page.
PageQuery = Callable[[object | None], Callable[[Any], Page[R]]]


class KeysetTableModel(ValueTableModel[R], Generic[R]):
    """A `ValueTableModel` that pages itself in as the view scrolls."""

    # Emitted after each page has been inserted (its row count), and when a page cannot be read.
    page_loaded = Signal(int)
    page_failed = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        runner: BackgroundRunner,
        parent: QObject | None = None,
        *,
        key: Callable[[R], Hashable] | None = None,
        look: Callable[[R], RowLook | None] | None = None,
    ) -> None:
        super().__init__(columns, parent, key=key, look=look)
        self._runner = runner
        self._query: PageQuery[R] | None = None
        self._cursor: object | None = None
        self._more = False
        self._fetching = False
        self._generation = 0

    @property
    def fetching(self) -> bool:
        return self._fetching

    @property
    def has_more(self) -> bool:
        return self._more

    def load(self, query: PageQuery[R] | None) -> None:
        """Start over with `query` (None: empty); the first page is fetched at once."""
        self._generation += 1
        self._query = query
        self._cursor = None
        self._more = query is not None
        self._fetching = False
        self.clear()
        if query is not None:
            self._fetch()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._fetch()

    def _fetch(self) -> None:
        query = self._query
        if query is None or self._runner.is_shut_down:
            return
        self._fetching = True
        generation = self._generation
        self._runner.run(
            query(self._cursor),
            name="table page",
            on_success=lambda page: self._arrived(generation, page),
            on_error=lambda error: self._failed(generation, error),
            owner=self,
        )

    def _arrived(self, generation: int, page: Page[R]) -> None:
        if generation != self._generation:
            return  # a page of a query the agent has since replaced
        self._fetching = False
        self._cursor = page.next_cursor
        self._more = page.next_cursor is not None
        added = self.append_rows(page.rows)
        self.page_loaded.emit(added)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._more = False
        self.page_failed.emit(error)
