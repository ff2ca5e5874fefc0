"""The case log: keyset pages that never repeat or skip, every filter, who sees what, and the CSV export."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, AgentRole, CaseKind, CaseState
from desk_app.domain.safe_text import is_formula
from desk_app.services.cases import log as case_log
from desk_app.services.cases.log import (
    EXPORT_HEADERS,
    ExportCancelled,
    ExportRefused,
    case_log_page,
    count_cases,
    export_cases,
    iter_case_log,
)
from desk_app.services.cases.log_filters import (
    CaseLogCursor,
    CaseLogFilter,
    CaseLogSort,
    InvalidCaseLogFilter,
)
from desk_app.storage.models import AccessLogEntry, Agent
from tests.support.case_log_data import CUSTOMER_NO, ERASED_NO, OPEN, SPECS, TODAY, Spec, add_case_log

K, S = CaseKind, CaseState
NO_FILTER = CaseLogFilter()
EVERY = {spec.case_no for spec in SPECS}
AGENT1_SEES = {
    "2026-000101",
    "2026-000102",
    "2026-000106",
    "2026-000107",
    "2026-000108",
    "2026-000109",
    "2026-000111",
    "2025-000202",
}


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    return add_case_log(sessions)


def _all(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    where: CaseLogFilter = NO_FILTER,
    *,
    sort: CaseLogSort = CaseLogSort.RECEIVED_NEWEST,
    viewer: str = "supervisor",
    role: AgentRole = AgentRole.SUPERVISOR,
    limit: int = 3,
) -> list[str]:
    """Every case number, page by page, checking that the pages join without a gap or a repeat."""
    numbers: list[str] = []
    after: CaseLogCursor | None = None
    with sessions.begin() as session:
        while True:
            page = case_log_page(
                session,
                viewer_id=agents[viewer],
                viewer_role=role,
                filter=where,
                sort=sort,
                after=after,
                limit=limit,
                today=TODAY,
            )
            numbers += [row.case_no for row in page.rows]
            assert len(page.rows) <= limit
            if page.next_cursor is None:
                break
            assert len(page.rows) == limit
            after = page.next_cursor
        total = count_cases(session, viewer_id=agents[viewer], viewer_role=role, filter=where, today=TODAY)
    assert len(numbers) == len(set(numbers)) == total
    return numbers


def test_default_order_is_newest_received_first(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    numbers = _all(sessions, agents)
    expected = [spec.case_no for spec in sorted(SPECS, key=lambda spec: spec.received_days_ago)]
    assert numbers == expected


def test_each_sort_order(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    newest = _all(sessions, agents)
    assert _all(sessions, agents, sort=CaseLogSort.RECEIVED_OLDEST) == newest[::-1]
    soonest = _all(sessions, agents, sort=CaseLogSort.DUE_SOONEST)
    # Every due date here is received + 14 days, so due order is received order.
    assert soonest == newest[::-1]
    assert _all(sessions, agents, sort=CaseLogSort.DUE_LATEST) == newest


@pytest.mark.parametrize("sort", list(CaseLogSort))
@pytest.mark.parametrize("limit", [1, 2, 5, 7])
def test_pages_never_repeat_or_skip_rows_with_equal_sort_keys(
    sessions: sessionmaker[Session], sort: CaseLogSort, limit: int
) -> None:
    # Seventeen cases received at the same instant, due the same day, in three groups.
    specs = tuple(
        Spec(f"2026-{n:06d}", K.SUSPENSION, S.IN_PROGRESS, 5 if n < 12 else 8, due_days=14 if n % 2 else 10)
        for n in range(1, 18)
    )
    agents = add_case_log(sessions, specs)
    numbers = _all(sessions, agents, sort=sort, limit=limit)
    assert sorted(numbers) == sorted(spec.case_no for spec in specs)
    # Within equal keys the case id (here the number's order) breaks the tie in the sort's direction.
    single = _all(sessions, agents, sort=sort, limit=100)
    assert numbers == single


def test_a_cursor_of_another_order_is_refused(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    with sessions.begin() as session:
        page = case_log_page(
            session, viewer_id=agents["admin"], viewer_role=AgentRole.ADMIN, limit=2, today=TODAY
        )
        assert page.next_cursor is not None
        with pytest.raises(ValueError, match="cursor"):
            case_log_page(
                session,
                viewer_id=agents["admin"],
                viewer_role=AgentRole.ADMIN,
                sort=CaseLogSort.DUE_SOONEST,
                after=page.next_cursor,
                today=TODAY,
            )
        with pytest.raises(ValueError, match="limit"):
            case_log_page(session, viewer_id=agents["admin"], viewer_role=AgentRole.ADMIN, limit=0)


def test_agents_see_their_own_and_unassigned_supervisors_and_admins_all(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    assert set(_all(sessions, agents, viewer="agent1", role=AgentRole.AGENT)) == AGENT1_SEES
    agent2 = set(_all(sessions, agents, viewer="agent2", role=AgentRole.AGENT))
    assert agent2 == {
        "2026-000101",
        "2026-000103",
        "2026-000105",
        "2026-000106",
        "2026-000109",
        "2026-000110",
        "2025-000201",
    }
    assert set(_all(sessions, agents)) == EVERY
    assert set(_all(sessions, agents, viewer="admin", role=AgentRole.ADMIN)) == EVERY
    # A filter never widens what an agent sees.
    narrowed = CaseLogFilter(assigned_to_id=agents["agent2"])
    assert _all(sessions, agents, narrowed, viewer="agent1", role=AgentRole.AGENT) == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (CaseLogFilter(kind=K.DISCLOSURE), {"2026-000101", "2026-000106", "2026-000108", "2025-000202"}),
        (CaseLogFilter(state=S.IN_PROGRESS), {"2026-000102", "2026-000103", "2026-000105"}),
        (CaseLogFilter(open_only=True), OPEN),
        (CaseLogFilter(overdue=True), {"2026-000105", "2026-000106", "2026-000107"}),
        (CaseLogFilter(due_within_days=3), set()),
        (CaseLogFilter(due_within_days=4), {"2026-000104"}),
        (CaseLogFilter(due_within_days=9), {"2026-000104", "2026-000103"}),
        (
            CaseLogFilter(received_from=TODAY - dt.timedelta(days=5)),
            {"2026-000101", "2026-000102", "2026-000103"},
        ),
        (
            CaseLogFilter(
                received_from=TODAY - dt.timedelta(days=12), received_to=TODAY - dt.timedelta(days=5)
            ),
            {"2026-000103", "2026-000104", "2026-000109"},
        ),
        (CaseLogFilter(received_to=dt.date(2025, 12, 31)), {"2025-000201", "2025-000202"}),
        (CaseLogFilter(customer_no=CUSTOMER_NO), {s.case_no for s in SPECS if s.customer == "active"}),
        (CaseLogFilter(customer_no=ERASED_NO), set()),
        (CaseLogFilter(text="2025"), {"2025-000201", "2025-000202"}),
        (CaseLogFilter(text="2026-00011"), {"2026-000110", "2026-000111"}),
        (CaseLogFilter(text="２０２６ー０００１０１"), {"2026-000101"}),
        (CaseLogFilter(text=CUSTOMER_NO), {s.case_no for s in SPECS if s.customer == "active"}),
        (CaseLogFilter(text="苦情"), {"2026-000105"}),
        (CaseLogFilter(text="訂正"), {"2026-000102"}),
        (CaseLogFilter(text="  "), EVERY),
        (CaseLogFilter(text="100%"), set()),
        (CaseLogFilter(kind=K.COMPLAINT, overdue=True), {"2026-000105"}),
    ],
    ids=lambda value: ",".join(value.used()) if isinstance(value, CaseLogFilter) else None,
)
def test_each_filter(
    sessions: sessionmaker[Session], agents: dict[str, int], where: CaseLogFilter, expected: set[str]
) -> None:
    for sort in CaseLogSort:
        assert set(_all(sessions, agents, where, sort=sort)) == expected


def test_received_dates_are_days_in_japan(sessions: sessionmaker[Session]) -> None:
    # 08:30 on the 20th in Japan is still the 19th in UTC; 23:30 on the 20th is the 20th in UTC.
    specs = (
        Spec("2026-000001", K.DISCLOSURE, S.RECEIVED, 6, hour=8),
        Spec("2026-000002", K.DISCLOSURE, S.RECEIVED, 6, hour=23),
        Spec("2026-000003", K.DISCLOSURE, S.RECEIVED, 7, hour=23),
    )
    agents = add_case_log(sessions, specs)
    day = TODAY - dt.timedelta(days=6)
    where = CaseLogFilter(received_from=day, received_to=day)
    assert set(_all(sessions, agents, where)) == {"2026-000001", "2026-000002"}


def test_assigned_agent_filter(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    where = CaseLogFilter(assigned_to_id=agents["agent2"])
    assert set(_all(sessions, agents, where)) == {"2026-000103", "2026-000105", "2026-000110", "2025-000201"}


def test_rows_carry_names_deadlines_and_hide_erased_customers(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    with sessions.begin() as session:
        rows = {
            row.case_no: row
            for row in iter_case_log(
                session,
                viewer_id=agents["supervisor"],
                viewer_role=AgentRole.SUPERVISOR,
                today=TODAY,
                page_size=4,
            )
        }
    assert len(rows) == len(SPECS)
    fresh, erased, late, closed = (
        rows["2026-000101"],
        rows["2026-000104"],
        rows["2026-000107"],
        rows["2026-000108"],
    )
    assert (fresh.assigned_to, fresh.opened_by, fresh.customer_no) == (None, "agent1 担当", CUSTOMER_NO)
    assert (fresh.overdue, fresh.days_left, fresh.due_on) == (False, 14, dt.date(2026, 12, 10))
    # 27 Nov to 10 Dec 2026: ten weekdays, no public holiday.
    assert fresh.business_days_left == 10
    assert erased.customer_no is None
    assert erased.assigned_to == "supervisor 担当"
    assert rows["2026-000103"].customer_no is None
    assert (late.overdue, late.days_left) == (True, -26)
    assert late.business_days_left is not None
    assert late.business_days_left < 0
    assert (closed.overdue, closed.days_left, closed.business_days_left) == (False, None, None)
    assert closed.closed_at is not None
    assert closed.received_at.tzinfo is not None


def test_export_writes_excel_csv_and_one_access_log_entry(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    out = io.StringIO(newline="")
    where = CaseLogFilter(customer_no=CUSTOMER_NO, open_only=True)
    with sessions.begin() as session:
        written = export_cases(
            session,
            out,
            viewer_id=agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            filter=where,
            sort=CaseLogSort.DUE_SOONEST,
            today=TODAY,
        )
    text = out.getvalue()
    assert text.startswith("\ufeff" + ",".join(EXPORT_HEADERS) + "\r\n")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[-1] == ""
    assert len(lines) == written + 2
    assert written == 5  # 101, 102, 105, 106 and 107 are open and the active customer's
    assert lines[1].startswith(
        "2026-000107,訂正,本人確認待ち,91000001,agent1 担当,agent1 担当,"
        "2026-10-17 10:00,2026-10-31,,超過,-26,"
    )
    with sessions.begin() as session:
        entry = session.scalars(select(AccessLogEntry)).one()
    assert (entry.action, entry.agent_id, entry.customer_id) == (
        AccessAction.EXPORT,
        agents["supervisor"],
        None,
    )
    assert entry.detail == "case log CSV: 5 rows; filters: open_only, customer_no"
    assert CUSTOMER_NO not in entry.detail


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x.example")', "+1+cmd|' /C calc'!A0", "@SUM(A1)", "-1+1", "\tx"]
)
def test_a_name_that_excel_would_run_is_exported_as_text(
    sessions: sessionmaker[Session], agents: dict[str, int], name: str
) -> None:
    with sessions.begin() as session:
        session.get_one(Agent, agents["agent1"]).display_name = name
    out = io.StringIO(newline="")
    with sessions.begin() as session:
        export_cases(
            session,
            out,
            viewer_id=agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            filter=CaseLogFilter(customer_no=CUSTOMER_NO, open_only=True),
            sort=CaseLogSort.DUE_SOONEST,
            today=TODAY,
        )
    rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"), newline="")))
    assert rows[1][4:6] == ["'" + name, "'" + name]
    assert rows[1][10] == "-26"  # a negative number of days stays a number
    for row in rows:
        for cell in row:
            assert not is_formula(cell), cell


@pytest.mark.parametrize("role", [AgentRole.AGENT])
def test_only_supervisors_and_admins_export(
    sessions: sessionmaker[Session], agents: dict[str, int], role: AgentRole
) -> None:
    out = io.StringIO()
    with sessions.begin() as session, pytest.raises(ExportRefused):
        export_cases(session, out, viewer_id=agents["agent1"], viewer_role=role)
    assert out.getvalue() == ""
    assert issubclass(ExportRefused, PermissionError)
    with sessions.begin() as session:
        assert export_cases(
            session, io.StringIO(), viewer_id=agents["admin"], viewer_role=AgentRole.ADMIN, today=TODAY
        ) == len(SPECS)


def test_filter_names_its_used_fields_only() -> None:
    where = CaseLogFilter(kind=K.DELETION, overdue=True, text="山田")
    assert where.used() == ("kind", "overdue", "text")
    assert dataclasses.replace(where, text=None).used() == ("kind", "overdue")


def test_an_export_reports_progress_and_can_be_stopped_writing_no_access_entry(
    sessions: sessionmaker[Session], agents: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_log, "PROGRESS_EVERY", 2)
    seen: list[int] = []

    def stop_after_four(rows: int) -> bool:
        seen.append(rows)
        return rows < 4

    with sessions.begin() as session, pytest.raises(ExportCancelled):
        export_cases(
            session,
            io.StringIO(),
            viewer_id=agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            today=TODAY,
            progress=stop_after_four,
        )
    assert seen == [2, 4]
    with sessions() as session:
        assert session.scalars(select(AccessLogEntry)).first() is None


def test_the_role_on_record_decides_who_exports(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    out = io.StringIO()
    with sessions.begin() as session, pytest.raises(ExportRefused):
        # An agent whose caller claims a supervisor's role is still an agent.
        export_cases(session, out, viewer_id=agents["agent1"], viewer_role=AgentRole.SUPERVISOR)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        (CaseLogFilter(text="\x00"), "keywords: holds a control character (U+0000)"),
        (CaseLogFilter(text="2026\x00"), "keywords: holds a control character (U+0000)"),
        (CaseLogFilter(text="山\udced"), "keywords: holds a character that is not text (a lone surrogate)"),
        (CaseLogFilter(text="x" * 60_000), "keywords: is longer than 200 characters"),
        (CaseLogFilter(customer_no="1000\x00"), "customer number: holds a control character (U+0000)"),
        (CaseLogFilter(due_within_days=99_999_999_999), "due within: the days must be from 0 to 3650"),
        (CaseLogFilter(due_within_days=-1), "due within: the days must be from 0 to 3650"),
        (CaseLogFilter(received_from=dt.date(1, 1, 1)), "received from: the day must be from 1900-01-01"),
        (CaseLogFilter(received_to=dt.date(9999, 12, 31)), "received to: the day must be from 1900-01-01"),
    ],
)
def test_a_filter_no_query_can_come_from_is_refused_not_matched_against_every_case(
    sessions: sessionmaker[Session], agents: dict[str, int], where: CaseLogFilter, problem: str
) -> None:
    # Before: a NUL ended SQLite's LIKE pattern, so '%\0%' matched every case (PostgreSQL refused the
    # statement); a lone surrogate could not be encoded; huge days and the calendar's ends overflowed.
    assert where.problem() is not None
    assert where.problem().startswith(problem)  # type: ignore[union-attr]
    with sessions.begin() as session:
        for query in (
            lambda: case_log_page(
                session, viewer_id=agents["supervisor"], viewer_role=AgentRole.SUPERVISOR, filter=where
            ),
            lambda: count_cases(
                session, viewer_id=agents["supervisor"], viewer_role=AgentRole.SUPERVISOR, filter=where
            ),
        ):
            with pytest.raises(InvalidCaseLogFilter, match="^" + problem.split(":")[0]):
                query()
        out = io.StringIO()
        with pytest.raises(InvalidCaseLogFilter):
            export_cases(
                session, out, viewer_id=agents["supervisor"], viewer_role=AgentRole.SUPERVISOR, filter=where
            )
        assert out.getvalue() == ""  # refused before the first byte


def test_tabs_and_line_breaks_in_keywords_are_searched_as_written(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    # A cell pasted from a spreadsheet ends in a tab or a line break: that is space, not a refusal.
    pasted = _all(sessions, agents, CaseLogFilter(text="2026-0001\t"))
    assert pasted == _all(sessions, agents, CaseLogFilter(text="2026-0001"))
    assert pasted
