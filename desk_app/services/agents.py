"""Agents: who is signed in at this desk."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.storage.models import Agent, AgentRole


@dataclass(frozen=True)
class AgentInfo:
    id: int
    login: str
    display_name: str
    role: AgentRole


class UnknownAgent(LookupError):
    pass


def agent_by_login(session: Session, login: str) -> AgentInfo:
    agent = session.scalars(select(Agent).where(Agent.login == login, Agent.active.is_(True))).one_or_none()
    if agent is None:
        raise UnknownAgent(f"no active agent with login {login!r}")
    return AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)


def active_agents(session: Session) -> tuple[AgentInfo, ...]:
    """Everyone who can be given a case, by name."""
    rows = session.scalars(select(Agent).where(Agent.active.is_(True)).order_by(Agent.display_name, Agent.id))
    return tuple(
        AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)
        for agent in rows
    )
