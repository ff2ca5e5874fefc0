"""The agents and the customer of the case service tests (lifecycle, identity and operations)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole
from desk_app.storage.models import Agent
from tests.support.case_steps import HOME, NOW


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    roles = {
        "agent": AgentRole.AGENT,
        "agent2": AgentRole.AGENT,
        "supervisor": AgentRole.SUPERVISOR,
        "supervisor2": AgentRole.SUPERVISOR,
        "admin": AgentRole.ADMIN,
    }
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=login, role=role, created_at=NOW)
            for login, role in roles.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


@pytest.fixture
def customer(add_customer: Callable[..., int]) -> int:
    return add_customer(phones=(("home", HOME), ("mobile", "090-1111-2222")))
