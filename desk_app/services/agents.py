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


def role_on_record(session: Session, agent_id: int) -> AgentRole:
    """The role the database holds for an active agent: what role checks go by, never a caller's claim.

    `UnknownAgent` for an agent unknown or disabled, who may do nothing at all.
    """
    agent = session.get(Agent, agent_id)
    if agent is None or not agent.active:
        raise UnknownAgent(f"no active agent {agent_id}")
    return agent.role


def active_agents(session: Session) -> tuple[AgentInfo, ...]:
    """Everyone who can be given a case, by name."""
    rows = session.scalars(select(Agent).where(Agent.active.is_(True)).order_by(Agent.display_name, Agent.id))
    return tuple(
        AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)
        for agent in rows
    )
