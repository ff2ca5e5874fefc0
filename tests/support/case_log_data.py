"""A small, known case log for the case-log, dashboard and export tests: every field chosen by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import AgentRole, CaseKind, CaseState, CustomerState, PauseReason
from desk_app.services.cases.pauses import pause_case
from desk_app.storage.models import Agent, Case, Customer

# Thursday 26 November 2026 in Japan.
TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
K, S = CaseKind, CaseState


def tokyo(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TOKYO).astimezone(dt.UTC)


@dataclass(frozen=True)
class Spec:
    case_no: str
    kind: CaseKind
    state: CaseState
    received_days_ago: int
    assigned: str | None = "agent1"
    customer: str | None = "active"
    closed_days_ago: int | None = None
    summary: str = ""
    due_days: int = 14
    hour: int = 10


# Open cases received 0 to 40 days ago, closed ones from the last two months, and two in 2025.
SPECS = (
    Spec("2026-000101", K.DISCLOSURE, S.RECEIVED, 0, assigned=None, summary="開示請求 本日受付"),
    Spec("2026-000102", K.CORRECTION, S.IN_PROGRESS, 3, summary="住所の訂正"),
    Spec("2026-000103", K.SUSPENSION, S.IN_PROGRESS, 5, assigned="agent2", customer=None),
    Spec("2026-000104", K.DELETION, S.AWAITING_APPROVAL, 10, assigned="supervisor", customer="erased"),
    Spec("2026-000105", K.COMPLAINT, S.IN_PROGRESS, 16, assigned="agent2", summary="電話対応への苦情"),
    Spec("2026-000106", K.DISCLOSURE, S.FEE_PENDING, 20, assigned=None),
    Spec("2026-000107", K.CORRECTION, S.IDENTITY_PENDING, 40),
    Spec("2026-000108", K.DISCLOSURE, S.COMPLETED, 30, closed_days_ago=20),
    Spec(
        "2026-000109", K.SUSPICIOUS_REPORT, S.COMPLETED, 12, assigned=None, customer=None, closed_days_ago=12
    ),
    Spec("2026-000110", K.DELETION, S.REFUSED, 25, assigned="agent2", closed_days_ago=2),
    Spec("2026-000111", K.SUSPENSION, S.WITHDRAWN, 45, closed_days_ago=1),
    Spec("2025-000201", K.COMPLAINT, S.COMPLETED, 400, assigned="agent2", closed_days_ago=380),
    Spec("2025-000202", K.DISCLOSURE, S.COMPLETED, 390, closed_days_ago=370),
)
OPEN = {
    "2026-000101",
    "2026-000102",
    "2026-000103",
    "2026-000104",
    "2026-000105",
    "2026-000106",
    "2026-000107",
}
CUSTOMER_NO = "91000001"
ERASED_NO = "91000002"


def add_agents(session: Session) -> dict[str, int]:
    roles = {
        "agent1": AgentRole.AGENT,
        "agent2": AgentRole.AGENT,
        "supervisor": AgentRole.SUPERVISOR,
        "admin": AgentRole.ADMIN,
    }
    rows = {
        login: Agent(login=login, display_name=f"{login} 担当", role=role, created_at=NOW)
        for login, role in roles.items()
    }
    session.add_all(rows.values())
    session.flush()
    return {login: agent.id for login, agent in rows.items()}


def add_case_log(
    sessions: sessionmaker[Session], specs: tuple[Spec, ...] = SPECS, *, today: dt.date = TODAY
) -> dict[str, int]:
    """Agents, two customers (one erased) and the cases, dated back from `today`; returns the agents' ids."""
    with sessions.begin() as session:
        agents = add_agents(session)
        customers = {}
        for key, number, state in (
            ("active", CUSTOMER_NO, CustomerState.ACTIVE),
            ("erased", ERASED_NO, CustomerState.ERASED),
        ):
            customer = Customer(
                customer_no=number,
                name="山田 太郎" if key == "active" else None,
                state=state,
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(customer)
            session.flush()
            customers[key] = customer.id
        add_cases(session, agents, customers, specs, today=today)
        return agents


def add_cases(
    session: Session,
    agents: dict[str, int],
    customers: dict[str, int],
    specs: tuple[Spec, ...],
    *,
    today: dt.date = TODAY,
) -> None:
    for spec in specs:
        received_on = today - dt.timedelta(days=spec.received_days_ago)
        closed = spec.closed_days_ago
        session.add(
            Case(
                case_no=spec.case_no,
                kind=spec.kind,
                state=spec.state,
                customer_id=customers[spec.customer] if spec.customer else None,
                opened_by_id=agents["agent1"],
                assigned_to_id=agents[spec.assigned] if spec.assigned else None,
                received_at=tokyo(received_on, spec.hour),
                due_on=received_on + dt.timedelta(days=spec.due_days),
                closed_at=tokyo(today - dt.timedelta(days=closed), 15) if closed is not None else None,
                summary=spec.summary,
                details={},
            )
        )
    session.flush()


def pause(
    sessions: sessionmaker[Session], case_no: str, agent_id: int, reason: PauseReason, at: dt.datetime = NOW
) -> None:
    """Pause the clock of the case numbered `case_no` through the service, as a desk would."""
    with sessions.begin() as session:
        case = session.scalars(select(Case).where(Case.case_no == case_no)).one()
        pause_case(
            session, case.id, agent_id=agent_id, reason=reason, expected_row_version=case.row_version, now=at
        )
