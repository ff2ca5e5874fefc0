"""Tables over more rows than fit in memory: Qt's fetchMore rules, each page a keyset query in the background.

`rowCount` is what has been fetched. The view asks `canFetchMore` as it scrolls near the end; `fetchMore`
starts one background page (never two at once) and the rows are inserted when it arrives, with
`beginInsertRows(parent, first, last)`, `last` inclusive. A new query (`load`) resets the model; a page
of an older query that arrives late is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal

from ui.common.background import BackgroundRunner, Work
from ui.common.value_table_model import Column, RowLook, ValueTableModel

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Page(Protocol[R_co]):
    """What a page query returns: the rows, and where the next page starts (None: no more)."""

    @property
    def rows(self) -> Sequence[R_co]: ...

    @property
    def next_cursor(self) -> object | None: ...


# Given the cursor (None for the first page), the background work that reads one page.
PageQuery = Callable[[object | None], Work[Page[R]]]


class KeysetTableModel(ValueTableModel[R], Generic[R]):
    """A `ValueTableModel` that pages itself in as the view scrolls."""

    # Emitted after each page has been inserted (its row count), and when a page cannot be read.
    page_loaded = Signal(int)
    page_failed = Signal(object)
    # `refresh` replaced the rows with their present state.
    refreshed = Signal()

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

    def refresh(self) -> None:
        """Read the rows shown again, from the start, as many as are shown (a page at least), and put
        them in place in one go; `refreshed` follows, so a view can restore its selection and scroll.

        The pages are read one after another like the first ones; a `load` meanwhile wins.
        """
        query = self._query
        if query is None or self._runner.is_shut_down:
            return
        self._generation += 1
        generation = self._generation
        wanted = max(self.rowCount(), 1)
        self._fetching = True
        collected: list[R] = []

        def read(cursor: object | None) -> None:
            self._runner.run(
                query(cursor),
                name="table refresh",
                on_success=arrived,
                on_error=lambda error: self._failed(generation, error),
                owner=self,
            )

        def arrived(page: Page[R]) -> None:
            if generation != self._generation:
                return
            collected.extend(page.rows)
            if page.next_cursor is not None and len(collected) < wanted:
                read(page.next_cursor)
                return
            self._fetching = False
            self._cursor = page.next_cursor
            self._more = page.next_cursor is not None
            self.clear()
            self.append_rows(collected)
            self.refreshed.emit()

        read(None)

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
