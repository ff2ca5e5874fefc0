"""What the supervisors' case log shows: its filter, sort orders, rows and pages, and filters refused."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from desk_app.domain.deadlines import PAUSED, DaysLeft
from desk_app.domain.enums import CaseKind, CaseState, RequestChannel, SuspensionGround
from desk_app.domain.search_text import search_text_problem


class InvalidCaseLogFilter(ValueError):
    """A filter no query should be built from (a day out of range, text that cannot be searched); the
    message names the filter and the problem in plain English, never the text itself."""


# "Due within" reaches at most ten years ahead; received dates lie in these years. Beyond them a date
# is a typing mistake, and at the very ends of the calendar it cannot be turned into a time in Japan.
MAX_DUE_WITHIN_DAYS = 3650
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2999, 12, 31)


class CaseLogSort(enum.StrEnum):
    RECEIVED_NEWEST = "received_newest"
    RECEIVED_OLDEST = "received_oldest"
    DUE_SOONEST = "due_soonest"
    DUE_LATEST = "due_latest"

    @property
    def by_due(self) -> bool:
        return self in (CaseLogSort.DUE_SOONEST, CaseLogSort.DUE_LATEST)

    @property
    def descending(self) -> bool:
        return self in (CaseLogSort.RECEIVED_NEWEST, CaseLogSort.DUE_LATEST)


@dataclass(frozen=True)
class CaseLogFilter:
    """What the log shows; every field empty means every case the viewer may see.

    Dates are days in Japan, both ends included. `overdue`, `due_within_days`, `open_only` and `paused`
    concern open cases only (not completed, refused or withdrawn): overdue is due before today, "due within N
    days" is due from today to today + N, both with the clock running; `paused` is the cases whose clock is
    paused while the desk waits for the customer (`pauses.py`).
    """

    kind: CaseKind | None = None
    state: CaseState | None = None
    open_only: bool = False
    paused: bool = False
    assigned_to_id: int | None = None
    overdue: bool = False
    due_within_days: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    customer_no: str | None = None
    text: str | None = None

    def problem(self) -> str | None:
        """Why no query can be built from this filter, or None when one can (`InvalidCaseLogFilter`)."""
        if self.due_within_days is not None and not 0 <= self.due_within_days <= MAX_DUE_WITHIN_DAYS:
            return f"due within: the days must be from 0 to {MAX_DUE_WITHIN_DAYS}"
        for name, day in (("received from", self.received_from), ("received to", self.received_to)):
            if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
                return f"{name}: the day must be from {EARLIEST_DAY} to {LATEST_DAY}"
        for name, text in (("customer number", self.customer_no), ("keywords", self.text)):
            problem = search_text_problem(text) if text else None
            if problem is not None:
                return f"{name}: {problem}"
        return None

    def used(self) -> tuple[str, ...]:
        """The names of the filters in use (never their values: the access log keeps no personal data)."""
        return tuple(name for name, value in self.__dict__.items() if value not in (None, False, ""))


@dataclass(frozen=True)
class CaseLogCursor:
    """Where a page ended: the next page holds the rows strictly after this one in `sort` order."""

    sort: CaseLogSort
    key: dt.datetime | dt.date
    case_id: int


@dataclass(frozen=True)
class CaseLogRow:
    case_id: int
    case_no: str
    kind: CaseKind
    state: CaseState
    # None for a caller who is no customer, and once the customer has been erased.
    customer_no: str | None
    assigned_to: str | None
    opened_by: str
    received_at: dt.datetime
    due_on: dt.date
    closed_at: dt.datetime | None
    overdue: bool
    # Until the due date (negative once overdue); `PAUSED` while the clock is paused; None for a closed case.
    days_left: DaysLeft | None
    business_days_left: DaysLeft | None
    # POST: a written request, received on the day it arrived (`received_at` is that day's start).
    channel: RequestChannel = RequestChannel.PHONE
    # What a suspension or deletion was asked on (APPI Art. 35(1), (5), or the customer's wish); None else.
    request_ground: SuspensionGround | None = None

    @property
    def received_by_post(self) -> bool:
        return self.channel is RequestChannel.POST

    @property
    def paused(self) -> bool:
        return self.days_left is PAUSED

    def cursor(self, sort: CaseLogSort) -> CaseLogCursor:
        return CaseLogCursor(sort, self.due_on if sort.by_due else self.received_at, self.case_id)


@dataclass(frozen=True)
class CaseLogPage:
    rows: tuple[CaseLogRow, ...]
    # None when this page is the last.
    next_cursor: CaseLogCursor | None
