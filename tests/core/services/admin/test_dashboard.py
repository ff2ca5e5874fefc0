"""The dashboard's figures on a known case log: exact numbers, each from one SQL statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind, CaseState, ReportChannel
from desk_app.services.admin import dashboard
from desk_app.services.admin.dashboard import (
    AgeingBucket,
    AgentHandled,
    KindStateCount,
    OverduePoint,
    TrendStep,
)
from desk_app.services.agents import UnknownAgent
from desk_app.services.cases.records import SupervisorOnly
from desk_app.storage.models import Agent, SuspiciousReport
from tests.support.case_log_data import NOW, TODAY, Spec, add_case_log

K, S = CaseKind, CaseState


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    return add_case_log(sessions)


def test_open_cases_by_kind_and_state(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    with sessions.begin() as session:
        counts = dashboard.open_cases_by_kind_and_state(session, viewer_id=agents["supervisor"])
    assert counts == (
        KindStateCount(K.COMPLAINT, S.IN_PROGRESS, 1),
        KindStateCount(K.CORRECTION, S.IDENTITY_PENDING, 1),
        KindStateCount(K.CORRECTION, S.IN_PROGRESS, 1),
        KindStateCount(K.DELETION, S.AWAITING_APPROVAL, 1),
        KindStateCount(K.DISCLOSURE, S.FEE_PENDING, 1),
        KindStateCount(K.DISCLOSURE, S.RECEIVED, 1),
        KindStateCount(K.SUSPENSION, S.IN_PROGRESS, 1),
    )


def test_ageing_buckets_count_open_cases_by_days_since_received(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    with sessions.begin() as session:
        buckets = dashboard.ageing_buckets(session, viewer_id=agents["supervisor"], today=TODAY)
    assert buckets == (
        AgeingBucket(0, 3, 2),
        AgeingBucket(4, 7, 1),
        AgeingBucket(8, 14, 1),
        AgeingBucket(15, 30, 2),
        AgeingBucket(31, None, 1),
    )
    assert [bucket.label for bucket in buckets] == ["0–3", "4–7", "8–14", "15–30", ">30"]


def test_ageing_bucket_edges_are_days_in_japan(sessions: sessionmaker[Session]) -> None:
    # Received at 08:00 in Japan three days ago (the day before in UTC) is still three days old.
    specs = (
        Spec("2026-000001", K.DISCLOSURE, S.RECEIVED, 3, hour=8),
        Spec("2026-000002", K.DISCLOSURE, S.RECEIVED, 4, hour=23),
        Spec("2026-000003", K.DISCLOSURE, S.RECEIVED, 30, hour=23),
        Spec("2026-000004", K.DISCLOSURE, S.RECEIVED, 31, hour=1),
    )
    agents = add_case_log(sessions, specs)
    with sessions.begin() as session:
        buckets = dashboard.ageing_buckets(session, viewer_id=agents["supervisor"], today=TODAY)
        counts = [bucket.count for bucket in buckets]
    assert counts == [1, 1, 0, 1, 1]


def test_overdue_trend_counts_cases_overdue_at_the_end_of_each_day_or_week(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    with sessions.begin() as session:
        weekly = dashboard.overdue_trend(session, viewer_id=agents["supervisor"], points=3, today=TODAY)
        daily = dashboard.overdue_trend(
            session, viewer_id=agents["supervisor"], points=3, step=TrendStep.DAY, today=TODAY
        )
    # 12 Nov: 107 and 111 (closed on the 25th); 19 Nov: also 110 (closed on the 24th); today 105-107.
    assert weekly == (
        OverduePoint(dt.date(2026, 11, 12), 2),
        OverduePoint(dt.date(2026, 11, 19), 3),
        OverduePoint(dt.date(2026, 11, 26), 3),
    )
    assert [point.day for point in daily] == [dt.date(2026, 11, 24), dt.date(2026, 11, 25), TODAY]
    # 24th: 106, 107 and 111 (105 falls due that day); 25th and 26th: 105, 106 and 107.
    assert [point.overdue for point in daily] == [3, 3, 3]
    with sessions.begin() as session, pytest.raises(ValueError, match="points"):
        dashboard.overdue_trend(session, viewer_id=agents["supervisor"], points=0)


def test_handled_per_agent_credits_the_assignee_or_the_opener(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    with sessions.begin() as session:
        month = dashboard.handled_per_agent(
            session, viewer_id=agents["supervisor"], since=TODAY - dt.timedelta(days=30), until=TODAY
        )
        last_week = dashboard.handled_per_agent(
            session, viewer_id=agents["supervisor"], since=TODAY - dt.timedelta(days=7), until=TODAY
        )
        nothing = dashboard.handled_per_agent(
            session, viewer_id=agents["supervisor"], since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31)
        )
    # 108 (agent1), 109 (unassigned, opened by agent1), 110 refused (agent2), 111 withdrawn (agent1).
    assert month == (
        AgentHandled(agents["agent1"], "agent1 担当", completed=2, refused=0, withdrawn=1),
        AgentHandled(agents["agent2"], "agent2 担当", completed=0, refused=1, withdrawn=0),
    )
    assert month[0].total == 3
    assert [(row.display_name, row.total) for row in last_week] == [("agent1 担当", 1), ("agent2 担当", 1)]
    assert nothing == ()


def _add_reports(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    from desk_app.storage.models import Case

    numbers = ["+819012345678", "+819012345678", "+818011112222", None]
    with sessions.begin() as session:
        for n, number in enumerate(numbers, start=1):
            case = Case(
                case_no=f"2026-90000{n}",
                kind=K.SUSPICIOUS_REPORT,
                state=S.COMPLETED,
                customer_id=None,
                opened_by_id=agents["agent1"],
                received_at=NOW,
                due_on=TODAY,
                closed_at=NOW,
                details={},
            )
            session.add(case)
            session.flush()
            session.add(
                SuspiciousReport(
                    case_id=case.id,
                    channel=ReportChannel.SMS,
                    received_on=TODAY - dt.timedelta(days=n),
                    claimed_sender="宅配業者",
                    shown_number_e164=number,
                    recorded_at=NOW,
                    recorded_by_id=agents["agent1"],
                )
            )


def test_reports_by_number_top_n(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    _add_reports(sessions, agents)
    with sessions.begin() as session:
        top = dashboard.reports_by_number(session, viewer_id=agents["supervisor"], limit=5)
        one = dashboard.reports_by_number(session, viewer_id=agents["supervisor"], limit=1)
    assert [(row.value, row.count, row.label) for row in top] == [
        ("+819012345678", 2, "090-1234-5678"),
        ("+818011112222", 1, "080-1111-2222"),
    ]
    assert len(one) == 1


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize(
    "figure",
    [
        lambda s, v: dashboard.open_cases_by_kind_and_state(s, viewer_id=v),
        lambda s, v: dashboard.ageing_buckets(s, viewer_id=v, today=TODAY),
        lambda s, v: dashboard.overdue_trend(s, viewer_id=v, points=12, today=TODAY),
        lambda s, v: dashboard.overdue_trend(s, viewer_id=v, points=30, step=TrendStep.DAY, today=TODAY),
        lambda s, v: dashboard.handled_per_agent(s, viewer_id=v, since=TODAY - dt.timedelta(days=400)),
        lambda s, v: dashboard.reports_by_number(s, viewer_id=v),
    ],
    ids=["by_kind_and_state", "ageing", "trend_weeks", "trend_days", "handled", "reports"],
)
def test_each_figure_is_one_statement_whatever_the_rows(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    statements: list[str],
    figure: Callable[[Session, int], object],
) -> None:
    _add_reports(sessions, agents)
    with sessions() as session:
        session.connection()  # begin outside the count
        viewer = session.get_one(Agent, agents["supervisor"])
        statements.clear()
        figure(session, viewer.id)
        # Besides the check that the viewer is an active supervisor, the figure is one statement.
        selects = [
            s
            for s in statements
            if s.lstrip().upper().startswith("SELECT") and not s.lstrip().startswith("SELECT agents.role")
        ]
        assert len(selects) == 1, statements
        assert "GROUP BY" in selects[0].upper() or "COUNT(" in selects[0].upper()


FIGURES: list[Callable[[Session, int], object]] = [
    lambda s, v: dashboard.open_cases_by_kind_and_state(s, viewer_id=v),
    lambda s, v: dashboard.ageing_buckets(s, viewer_id=v, today=TODAY),
    lambda s, v: dashboard.overdue_trend(s, viewer_id=v, today=TODAY),
    lambda s, v: dashboard.handled_per_agent(s, viewer_id=v, since=TODAY - dt.timedelta(days=30)),
    lambda s, v: dashboard.reports_by_number(s, viewer_id=v),
]


@pytest.mark.parametrize(
    "figure", FIGURES, ids=["by_kind_and_state", "ageing", "trend", "handled", "reports"]
)
def test_only_supervisors_and_administrators_see_the_figures(
    sessions: sessionmaker[Session], agents: dict[str, int], figure: Callable[[Session, int], object]
) -> None:
    """The core decides by the role on record: an agent's session reading the figures is refused."""
    _add_reports(sessions, agents)
    with sessions() as session:
        for login in ("supervisor", "admin"):
            figure(session, agents[login])
        with pytest.raises(SupervisorOnly):
            figure(session, agents["agent1"])
        with pytest.raises(UnknownAgent):
            figure(session, max(agents.values()) + 1)
