"""The supervisors' dashboard: each figure one SQL aggregate (GROUP BY, COUNT, CASE), not a Python loop."""

# Days are Japan's: "received 3 days ago" and "overdue at the end of 25 November" are counted from
# midnight in Tokyo, turned into UTC instants here so the database compares stored times directly.
# Open cases are those not completed, refused or withdrawn, spelt as the partial indexes of migration
# 0005 are, so the open-case figures read those indexes instead of the whole table. A case whose clock is
# paused while the desk waits for the customer is counted apart (`paused_cases`) and never as overdue.

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import CaseKind, CaseState, PauseReason
from desk_app.domain.japan_time import TOKYO, today_in_japan
from desk_app.domain.messages import Message, message
from desk_app.services.cases.log import open_case_condition
from desk_app.services.cases.register_search import (
    ReportCount,
    count_reports_by_number,
    require_register_viewer,
)
from desk_app.services.incidents.report_links import IncidentReportCount, reports_per_open_incident
from desk_app.storage.models import Agent, Case, table_of
from desk_app.storage.models.cases import pause_field

__all__ = [
    "AGEING_BUCKETS",
    "AgeingBucket",
    "AgentHandled",
    "IncidentReportCount",
    "KindStateCount",
    "OverduePoint",
    "PausedCount",
    "TrendStep",
    "ageing_buckets",
    "handled_per_agent",
    "open_cases_by_kind_and_state",
    "overdue_trend",
    "paused_cases",
    "reports_by_number",
    "reports_per_open_incident",
]

_cases, _agents = table_of(Case), table_of(Agent)
# Days since received, both ends included; None: no upper end.
AGEING_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 3), (4, 7), (8, 14), (15, 30), (31, None))
MAX_TREND_POINTS = 60


@dataclass(frozen=True)
class KindStateCount:
    kind: CaseKind
    state: CaseState
    count: int


@dataclass(frozen=True)
class PausedCount:
    """Open cases whose clock is paused, waiting for the customer for one reason."""

    reason: PauseReason
    count: int


@dataclass(frozen=True)
class AgeingBucket:
    min_days: int
    max_days: int | None
    count: int

    @property
    def caption(self) -> Message:
        """The bucket's span of days in words: "0–3", ">30" (the chart's axis renders it)."""
        if self.max_days is not None:
            return message("dashboard.days_between", low=self.min_days, high=self.max_days)
        return message("dashboard.days_over", days=self.min_days - 1)

    @property
    def label(self) -> str:
        return str(self.caption)


class TrendStep(enum.StrEnum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True)
class OverduePoint:
    # The count is taken at the end of this day (midnight in Japan).
    day: dt.date
    overdue: int


@dataclass(frozen=True)
class AgentHandled:
    agent_id: int
    display_name: str
    completed: int
    refused: int
    withdrawn: int

    @property
    def total(self) -> int:
        return self.completed + self.refused + self.withdrawn


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), TOKYO).astimezone(dt.UTC)


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def open_cases_by_kind_and_state(session: Session, *, viewer_id: int) -> tuple[KindStateCount, ...]:
    """Open cases per kind and state (only the pairs that have any), in kind then state order."""
    require_register_viewer(session, viewer_id)
    statement = (
        select(_cases.c.kind, _cases.c.state, func.count())
        .where(open_case_condition())
        .group_by(_cases.c.kind, _cases.c.state)
        .order_by(_cases.c.kind, _cases.c.state)
    )
    return tuple(
        KindStateCount(CaseKind(kind), CaseState(state), count)
        for kind, state, count in session.execute(statement)
    )


def paused_cases(session: Session, *, viewer_id: int) -> tuple[PausedCount, ...]:
    """Open cases with the clock paused, per reason awaited (the reasons that have any, in their order)."""
    require_register_viewer(session, viewer_id)
    reason = pause_field(_cases.c.details, "reason")
    statement = (
        select(reason, func.count()).where(open_case_condition(), reason.is_not(None)).group_by(reason)
    )
    counts = {PauseReason(value): count for value, count in session.execute(statement)}
    return tuple(PausedCount(member, counts[member]) for member in PauseReason if member in counts)


def ageing_buckets(
    session: Session, *, viewer_id: int, today: dt.date | None = None
) -> tuple[AgeingBucket, ...]:
    """Open cases by whole days since received (Japan's dates): 0–3, 4–7, 8–14, 15–30, >30. One row."""
    require_register_viewer(session, viewer_id)
    day = today or today_in_japan()
    received = _cases.c.received_at
    columns = []
    for low, high in AGEING_BUCKETS:
        # Received `low` days ago or fewer means on or after midnight starting that day.
        conditions = [received < _midnight(day - dt.timedelta(days=low - 1))]
        if high is not None:
            conditions.append(received >= _midnight(day - dt.timedelta(days=high)))
        columns.append(_count_where(and_(*conditions)))
    counts = session.execute(select(*columns).where(open_case_condition())).one()
    return tuple(
        AgeingBucket(low, high, int(count)) for (low, high), count in zip(AGEING_BUCKETS, counts, strict=True)
    )


def overdue_trend(
    session: Session,
    *,
    viewer_id: int,
    points: int = 8,
    step: TrendStep = TrendStep.WEEK,
    today: dt.date | None = None,
) -> tuple[OverduePoint, ...]:
    """How many cases were overdue at the end of each of the last `points` days or weeks, oldest first.

    The last point is today (so far). A case was overdue at the end of day D when its due date was
    before D and it had not been closed by midnight ending D. One statement: a COUNT(CASE …) per point,
    over only the cases open now or closed since the first point (the closing-time index finds those).
    A due date moved by an extension or a pause counts as it stands now: earlier due dates are not kept.
    A case paused now is overdue at the end of no day since its pause began (its earlier pauses, like its
    earlier due dates, moved the due date it has now).
    """
    require_register_viewer(session, viewer_id)
    if not 1 <= points <= MAX_TREND_POINTS:
        raise ValueError(f"points must be between 1 and {MAX_TREND_POINTS}")
    last = today or today_in_japan()
    stride = dt.timedelta(days=7 if step is TrendStep.WEEK else 1)
    days = [last - stride * (points - 1 - n) for n in range(points)]
    closed, due = _cases.c.closed_at, _cases.c.due_on
    paused_on = pause_field(_cases.c.details, "day")
    columns = [
        _count_where(
            and_(
                due < day,
                _cases.c.received_at < _midnight(day + dt.timedelta(days=1)),
                or_(closed.is_(None), closed >= _midnight(day + dt.timedelta(days=1))),
                or_(paused_on.is_(None), paused_on > day.isoformat()),
            )
        )
        for day in days
    ]
    first_end = _midnight(days[0] + dt.timedelta(days=1))
    statement = select(*columns).where(or_(closed.is_(None), closed >= first_end), due < days[-1])
    counts = session.execute(statement).one()
    return tuple(OverduePoint(day, int(count)) for day, count in zip(days, counts, strict=True))


def handled_per_agent(
    session: Session, *, viewer_id: int, since: dt.date, until: dt.date | None = None
) -> tuple[AgentHandled, ...]:
    """Cases closed from `since` to `until` (Japan's days, both included; default today), per agent.

    A case is credited to the agent it is assigned to when it closes, or to the agent who opened it
    when it never was assigned: the one who answered for it, rather than whoever clicked last (an
    approving supervisor would otherwise collect every approved case). Most cases handled first.
    """
    require_register_viewer(session, viewer_id)
    end = (until or today_in_japan()) + dt.timedelta(days=1)
    handler = func.coalesce(_cases.c.assigned_to_id, _cases.c.opened_by_id)
    state = _cases.c.state
    handled = (
        select(
            handler.label("agent_id"),
            _count_where(state == CaseState.COMPLETED).label("completed"),
            _count_where(state == CaseState.REFUSED).label("refused"),
            _count_where(state == CaseState.WITHDRAWN).label("withdrawn"),
        )
        .where(_cases.c.closed_at >= _midnight(since), _cases.c.closed_at < _midnight(end))
        .group_by(handler)
        .subquery()
    )
    total = handled.c.completed + handled.c.refused + handled.c.withdrawn
    statement = (
        select(
            handled.c.agent_id,
            _agents.c.display_name,
            handled.c.completed,
            handled.c.refused,
            handled.c.withdrawn,
        )
        .join(_agents, _agents.c.id == handled.c.agent_id)
        .order_by(total.desc(), _agents.c.display_name, handled.c.agent_id)
    )
    return tuple(AgentHandled(*row) for row in session.execute(statement))


def reports_by_number(
    session: Session,
    *,
    viewer_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 10,
) -> tuple[ReportCount, ...]:
    """The numbers shown in suspicious calls and messages most often reported (the register's own count)."""
    return count_reports_by_number(session, viewer_id=viewer_id, since=since, until=until, limit=limit)
