"""A disabled agent can do nothing: every service that acts for an agent passes the id through one gate
(`agents.require_active`), so an id from a window left open, or taken from anywhere, reads, reveals,
searches, opens and writes nothing once an administrator has disabled the account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Config
from desk_app.domain.enums import AgentRole, CaseKind
from desk_app.scripts.progress import ScriptDraft
from desk_app.services.accounts import disable_user
from desk_app.services.admin import retention
from desk_app.services.agents import AgentNotActive
from desk_app.services.cases.actions import CaseAction, perform
from desk_app.services.cases.drafts import load_draft, open_drafts, save_draft
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.queue import work_queue
from desk_app.services.cases.scripts import case_context
from desk_app.services.customers.record import open_customer_record
from desk_app.services.customers.reveal import reveal_protected_details
from desk_app.services.customers.screen_pop import screen_pop
from desk_app.services.customers.search import search_customers
from desk_app.storage.models import AccessLogEntry, Agent, Case, CaseEvent, RetentionRun, ScriptDraftRow

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
DRAFT = ScriptDraft(script_id="disclosure", version=1, current_step="greet")


class Desk:
    def __init__(self, sessions: sessionmaker[Session], customer: int) -> None:
        self.sessions = sessions
        self.customer = customer
        with sessions.begin() as session:
            agent = Agent(login="sato", display_name="佐藤 花子", role=AgentRole.AGENT, created_at=NOW)
            session.add(agent)
            session.flush()
            self.agent = agent.id
            self.case = open_case(
                session,
                kind=CaseKind.DISCLOSURE,
                customer_id=customer,
                agent_id=agent.id,
                received_at=NOW,
                target_days=14,
                now=NOW,
            )
            save_draft(session, agent_id=agent.id, draft_key="case:1", draft=DRAFT, now=NOW)

    def written(self) -> tuple[int, ...]:
        with self.sessions() as session:
            return tuple(
                session.scalar(select(func.count()).select_from(table)) or 0
                for table in (AccessLogEntry, ScriptDraftRow, Case, CaseEvent, RetentionRun)
            )


@pytest.fixture
def desk(sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> Desk:
    return Desk(sessions, add_customer())


# Each is what a window (or anything holding the id) asks of the core for the agent.
SERVICES: dict[str, Callable[[Session, Desk], Any]] = {
    "search": lambda session, desk: search_customers(session, "ヤマダ", agent_id=desk.agent),
    "screen pop": lambda session, desk: screen_pop(session, "03-1234-5678", agent_id=desk.agent),
    "screen pop, nobody": lambda session, desk: screen_pop(session, "03-9999-0000", agent_id=desk.agent),
    "open the record": lambda session, desk: open_customer_record(
        session, desk.customer, agent_id=desk.agent
    ),
    "reveal": lambda session, desk: reveal_protected_details(
        session, desk.customer, agent_id=desk.agent, reason="callback", case_id=desk.case.case_id
    ),
    "open a case": lambda session, desk: case_context(session, desk.case.case_id, agent_id=desk.agent),
    "load a draft": lambda session, desk: load_draft(session, agent_id=desk.agent, draft_key="case:1"),
    "list drafts": lambda session, desk: open_drafts(session, agent_id=desk.agent),
    "save a draft": lambda session, desk: save_draft(
        session, agent_id=desk.agent, draft_key="case:1", draft=DRAFT, now=NOW
    ),
    "work queue": lambda session, desk: work_queue(session, agent_id=desk.agent, role=AgentRole.AGENT),
    "new case": lambda session, desk: open_case(
        session,
        kind=CaseKind.COMPLAINT,
        customer_id=desk.customer,
        agent_id=desk.agent,
        received_at=NOW,
        target_days=14,
    ),
    "withdraw a case": lambda session, desk: perform(
        session,
        desk.case.case_id,
        CaseAction.WITHDRAW,
        agent_id=desk.agent,
        expected_row_version=desk.case.row_version,
        inputs={"reason": "the caller changed their mind"},
    ),
    "retention run": lambda session, desk: retention.run(
        session, Config(), now=NOW, dry_run=False, agent_id=desk.agent
    ),
}


@pytest.mark.parametrize("service", list(SERVICES))
def test_a_disabled_agent_is_refused_by_every_service_and_nothing_is_written(
    desk: Desk, service: str
) -> None:
    act = SERVICES[service]
    with desk.sessions() as session:
        # Works while the agent is active (so the refusal below is the disable's doing)…
        act(session, desk)
        session.rollback()
    before = desk.written()
    with desk.sessions.begin() as session:
        disable_user(session, "sato")
    # …and once disabled, nothing is returned and nothing written, the access log included.
    with desk.sessions.begin() as session, pytest.raises(AgentNotActive):
        act(session, desk)
    assert desk.written() == before


def test_the_refusal_is_a_permission_error_the_window_shows_and_an_unknown_agent_for_lookups(
    desk: Desk,
) -> None:
    with desk.sessions.begin() as session:
        disable_user(session, "sato")
    with desk.sessions() as session, pytest.raises(PermissionError, match="no active agent"):
        search_customers(session, "ヤマダ", agent_id=desk.agent)
    with desk.sessions() as session, pytest.raises(LookupError):
        search_customers(session, "ヤマダ", agent_id=10_000)


def test_a_disable_takes_effect_at_the_next_action_of_a_session_kept_open(desk: Desk) -> None:
    """The gate remembers an agent only within one transaction (one action), never across them."""
    with desk.sessions() as kept:
        with kept.begin():
            search_customers(kept, "ヤマダ", agent_id=desk.agent)
            screen_pop(kept, "03-1234-5678", agent_id=desk.agent)
        with desk.sessions.begin() as other:
            disable_user(other, "sato")
        with kept.begin(), pytest.raises(AgentNotActive):
            search_customers(kept, "ヤマダ", agent_id=desk.agent)
