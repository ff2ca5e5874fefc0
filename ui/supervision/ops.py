"""The background work of the supervisors' pages (the case log, the registers, the dashboard, the live board):
made from plain values, run by the runner in a session of its own, returning frozen values and touching no
widget. The core checks each time that the viewer may read what is asked for."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from desk_app.domain.enums import AgentRole, ComplaintCategory, ReportChannel
from desk_app.gateway.board_listener import BoardFeed, board_feed
from desk_app.private_files import open_new_private
from desk_app.services import agents
from desk_app.services.admin import dashboard
from desk_app.services.admin.dashboard import (
    AgeingBucket,
    AgentHandled,
    IncidentReportCount,
    KindStateCount,
    OverduePoint,
    PausedCount,
)
from desk_app.services.agents import AgentInfo
from desk_app.services.cases import log, register_search
from desk_app.services.cases.log_filters import (
    CaseLogCursor,
    CaseLogFilter,
    CaseLogPage,
    CaseLogRow,
    CaseLogSort,
)
from desk_app.services.cases.register_rows import ComplaintRow, ReportRow
from desk_app.services.cases.register_search import ReportCount
from desk_app.services.customers.record import IncidentMark
from desk_app.services.database import Session
from desk_app.services.incidents import report_links
from desk_app.services.incidents.customer_incidents import inquiry_choices
from desk_app.services.incidents.register import IncidentSummary, list_incidents
from desk_app.services.switchboard.board import Board, board
from ui.common.background import Work
from ui.common.keyset_table_model import PageQuery

R = TypeVar("R")

# --- the case log ----------------------------------------------------------------------------------------

# Cases read per page of the case log.
PAGE_SIZE = 200


def case_log_pages(viewer: AgentInfo, where: CaseLogFilter, sort: CaseLogSort) -> PageQuery[CaseLogRow]:
    """The keyset query the case log's table pages through."""
    viewer_id, viewer_role = viewer.id, viewer.role

    def page_after(cursor: object | None) -> Work[CaseLogPage]:
        after = cursor if isinstance(cursor, CaseLogCursor) else None

        def work(session: Session) -> CaseLogPage:
            return log.case_log_page(
                session,
                viewer_id=viewer_id,
                viewer_role=viewer_role,
                filter=where,
                sort=sort,
                after=after,
                limit=PAGE_SIZE,
            )

        return work

    return page_after


def count_cases(viewer_id: int, viewer_role: AgentRole, where: CaseLogFilter) -> Work[tuple[int, int]]:
    """The mark of the latest change to any case, then how many cases the filter finds."""

    def work(session: Session) -> tuple[int, int]:
        # The mark first: a change made while counting is seen by the next look, never lost.
        return log.latest_case_change(session), log.count_cases(
            session, viewer_id=viewer_id, viewer_role=viewer_role, filter=where
        )

    return work


def latest_case_change() -> Work[int]:
    """The mark of the latest change to any case: one cheap read, compared with the mark last seen."""
    return log.latest_case_change


def active_agents() -> Work[tuple[AgentInfo, ...]]:
    """Everyone a case can be assigned to: the case log's assignee filter offers them."""
    return agents.active_agents


class ExportRun:
    """What a running export shares with the GUI thread: rows so far, and whether to stop."""

    def __init__(self) -> None:
        self.rows = 0
        self.stop = threading.Event()

    def progress(self, rows: int) -> bool:
        self.rows = rows
        return not self.stop.is_set()


def export_case_log(
    target: Path, viewer: AgentInfo, where: CaseLogFilter, sort: CaseLogSort, run: ExportRun
) -> Work[int]:
    """The filtered log written to `target` as CSV; the rows written.

    The rows go to a temporary file renamed at the end: a stopped or failed export leaves nothing.
    """
    viewer_id, viewer_role = viewer.id, viewer.role
    partial = target.with_name(target.name + ".part")

    def work(session: Session) -> int:
        try:
            with open_new_private(partial, encoding="utf-8", newline="") as out:
                rows = log.export_cases(
                    session,
                    out,
                    viewer_id=viewer_id,
                    viewer_role=viewer_role,
                    filter=where,
                    sort=sort,
                    progress=run.progress,
                )
            os.replace(partial, target)
            return rows
        except BaseException:
            # Stopped, refused or failed: no half-written file is left for anyone to open.
            partial.unlink(missing_ok=True)
            raise

    return work


# --- the registers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterPage(Generic[R]):
    """One page of a register search, as `KeysetTableModel` wants it."""

    rows: tuple[R, ...]
    next_cursor: int | None


def keyset_page(rows: Sequence[R], page_size: int, row_id: Callable[[R], int]) -> RegisterPage[R]:
    """`rows` were read with `limit=page_size + 1`: one more than shown says whether another page follows."""
    shown = tuple(rows[:page_size])
    more = len(rows) > page_size and bool(shown)
    return RegisterPage(shown, row_id(shown[-1]) if more else None)


# Reads up to `limit` rows of a register after the row `after_id` (None: from the newest).
RegisterRead = Callable[[Session, int, int | None], Sequence[R]]


def register_pages(read: RegisterRead[R], page_size: int, row_id: Callable[[R], int]) -> PageQuery[R]:
    """The keyset pages of a register search: one row more than a page is read to know whether more follow."""

    def page_after(cursor: object | None) -> Work[RegisterPage[R]]:
        after_id = cursor if isinstance(cursor, int) else None

        def work(session: Session) -> RegisterPage[R]:
            return keyset_page(read(session, page_size + 1, after_id), page_size, row_id)

        return work

    return page_after


@dataclass(frozen=True)
class ComplaintFilter:
    category: ComplaintCategory | None = None
    escalated: bool | None = None
    text: str = ""


def complaint_pages(filters: ComplaintFilter, page_size: int, viewer_id: int) -> PageQuery[ComplaintRow]:
    """The pages of a complaint search; the core checks that `viewer_id` may read the register."""

    def read(session: Session, limit: int, after_id: int | None) -> tuple[ComplaintRow, ...]:
        return register_search.search_complaints(
            session,
            viewer_id=viewer_id,
            category=filters.category,
            escalated=filters.escalated,
            text=filters.text,
            limit=limit,
            after_id=after_id,
        )

    return register_pages(read, page_size, lambda row: row.complaint_id)


@dataclass(frozen=True)
class ReportFilter:
    number: str = ""
    sender: str = ""
    channel: ReportChannel | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def report_pages(filters: ReportFilter, page_size: int, viewer_id: int) -> PageQuery[ReportRow]:
    """The pages of a report search; the core checks that `viewer_id` may read the register."""

    def read(session: Session, limit: int, after_id: int | None) -> tuple[ReportRow, ...]:
        return register_search.search_reports(
            session,
            viewer_id=viewer_id,
            number=filters.number,
            sender=filters.sender,
            channel=filters.channel,
            since=filters.since,
            until=filters.until,
            limit=limit,
            after_id=after_id,
        )

    return register_pages(read, page_size, lambda row: row.report_id)


# How many lines each count table of the report register holds.
TOP_COUNT = 20


@dataclass(frozen=True)
class ReportCounts:
    """Both count tables, read together over the dates the filter names."""

    numbers: tuple[ReportCount, ...]
    senders: tuple[ReportCount, ...]


def report_counts(viewer_id: int, since: dt.date | None, until: dt.date | None) -> Work[ReportCounts]:
    """The most reported numbers and senders between the dates (either may be open)."""

    def work(session: Session) -> ReportCounts:
        return ReportCounts(
            numbers=register_search.count_reports_by_number(
                session, viewer_id=viewer_id, since=since, until=until, limit=TOP_COUNT
            ),
            senders=register_search.count_reports_by_sender(
                session, viewer_id=viewer_id, since=since, until=until, limit=TOP_COUNT
            ),
        )

    return work


@dataclass(frozen=True)
class LinkChoices:
    """The open incidents a report may be linked to, those it looks connected to first."""

    suggested: tuple[IncidentMark, ...]
    others: tuple[IncidentMark, ...]


def incident_link_choices(viewer_id: int, report_id: int) -> Work[LinkChoices]:
    def work(session: Session) -> LinkChoices:
        suggested = report_links.suggested_incidents(session, viewer_id, report_id)
        every = inquiry_choices(session, None).incidents
        return LinkChoices(suggested, tuple(mark for mark in every if mark not in suggested))

    return work


def link_report(viewer_id: int, report_id: int, incident_no: str | None) -> Work[None]:
    """The report linked to `incident_no`, or (None) its link undone; the core checks the supervisor."""

    def work(session: Session) -> None:
        now = dt.datetime.now(dt.UTC)
        if incident_no is None:
            report_links.unlink_report(session, viewer_id, report_id, now=now)
        else:
            report_links.link_report(session, viewer_id, report_id, incident_no, now=now)

    return work


# --- the dashboard ---------------------------------------------------------------------------------------

TREND_WEEKS = 8
HANDLED_DAYS = 30
REPORT_DAYS = 90
TOP_NUMBERS = 10


@dataclass(frozen=True)
class DashboardFigures:
    """Everything the dashboard shows, read in one session so the five figures agree with each other."""

    today: dt.date
    read_at: dt.datetime
    open_cases: tuple[KindStateCount, ...]
    ageing: tuple[AgeingBucket, ...]
    overdue: tuple[OverduePoint, ...]
    handled: tuple[AgentHandled, ...]
    reported_numbers: tuple[ReportCount, ...]
    # Open cases with the clock paused, per reason awaited: counted apart, never as overdue.
    paused: tuple[PausedCount, ...] = ()
    # The suspicious-contact reports linked to each open leak incident.
    incident_reports: tuple[IncidentReportCount, ...] = ()
    # Open leak incidents, with the deadlines of their reports to the Commission.
    incidents: tuple[IncidentSummary, ...] = ()


def dashboard_figures(viewer_id: int, today: dt.date, preliminary_days: int) -> Work[DashboardFigures]:
    """One refresh: five aggregates and the open leak incidents, read as `viewer_id` (the core refuses an
    agent who is no supervisor); `preliminary_days` is the configured time for a preliminary report."""

    def work(session: Session) -> DashboardFigures:
        return DashboardFigures(
            today=today,
            read_at=dt.datetime.now(dt.UTC),
            open_cases=dashboard.open_cases_by_kind_and_state(session, viewer_id=viewer_id),
            ageing=dashboard.ageing_buckets(session, viewer_id=viewer_id, today=today),
            overdue=dashboard.overdue_trend(session, viewer_id=viewer_id, points=TREND_WEEKS, today=today),
            handled=dashboard.handled_per_agent(
                session, viewer_id=viewer_id, since=today - dt.timedelta(days=HANDLED_DAYS), until=today
            ),
            reported_numbers=dashboard.reports_by_number(
                session,
                viewer_id=viewer_id,
                since=today - dt.timedelta(days=REPORT_DAYS),
                until=today,
                limit=TOP_NUMBERS,
            ),
            paused=dashboard.paused_cases(session, viewer_id=viewer_id),
            incident_reports=dashboard.reports_per_open_incident(session, viewer_id=viewer_id),
            incidents=tuple(
                list_incidents(
                    session, viewer_id, today=today, preliminary_days=preliminary_days, open_only=True
                )
            ),
        )

    return work


# --- the live board --------------------------------------------------------------------------------------


def live_board_feed() -> Work[BoardFeed | None]:
    """Where the board's listener connects; None on SQLite, where there is no gateway and no board."""
    return board_feed


def floor_board(viewer_id: int) -> Work[Board]:
    """Every desk, the calls ringing and today's missed calls and wrap-up codes, as of the read."""

    def work(session: Session) -> Board:
        return board(session, viewer_id, now=dt.datetime.now(dt.UTC))

    return work
