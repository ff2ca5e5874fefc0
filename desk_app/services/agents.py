"""Agents: who is signed in at this desk, and the one gate every service passes an agent through."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, SessionTransaction

from desk_app.domain.enums import AgentRole
from desk_app.domain.messages import MessageError, message
from desk_app.storage.models import Agent, table_of


@dataclass(frozen=True)
class AgentInfo:
    id: int
    login: str
    display_name: str
    role: AgentRole


class UnknownAgent(MessageError, LookupError):
    pass


class AgentNotActive(UnknownAgent, PermissionError):
    """The agent id names no one who may act: unknown, or disabled by an administrator.

    An `UnknownAgent` for callers that look agents up, and a `PermissionError` for the window, which
    shows it as a refusal in words.
    """


_agents = table_of(Agent)
# Built once: screen pops and searches pass through here, and a Core statement skips the ORM's work.
_ACTIVE_ROLE = select(_agents.c.role).where(_agents.c.id == bindparam("agent_id"), _agents.c.active.is_(True))


_CHECKED = "desk_app.active_agents"


def _checked_in(session: Session) -> dict[int, AgentRole] | None:
    """The agents this session's current transaction has already let through; None outside one."""
    transaction = session.get_transaction()
    if transaction is None:
        return None
    memo: tuple[weakref.ref[SessionTransaction], dict[int, AgentRole]] | None = session.info.get(_CHECKED)
    if memo is None or memo[0]() is not transaction:
        memo = (weakref.ref(transaction), {})
        session.info[_CHECKED] = memo
    return memo[1]


def require_active(session: Session, agent_id: int) -> AgentRole:
    """The gate: the role on record of an active agent, or `AgentNotActive`.

    Every service that acts for an agent passes the id through here (directly, through `active_agent`,
    or through `access_log.record_access`) before it returns anything, so an agent disabled by an
    administrator can do nothing more — not read, search, reveal, open a case or save a draft — even
    with a window left open or an id taken from somewhere. The database is read once per transaction
    (one user action): a screen pop passes the gate twice, and the second time costs a dict lookup,
    while a disable takes effect at the next action.
    """
    checked = _checked_in(session)
    if checked is not None and agent_id in checked:
        return checked[agent_id]
    role = session.execute(_ACTIVE_ROLE, {"agent_id": agent_id}).scalar_one_or_none()
    if role is None:
        raise AgentNotActive(message("agent.not_active", agent_id=agent_id))
    # The statement began the transaction if none had begun yet.
    checked = _checked_in(session)
    if checked is not None:
        checked[agent_id] = AgentRole(role)
    return AgentRole(role)


def active_agent(session: Session, agent_id: int) -> Agent:
    """The agent's row, for services that need more than the role; `AgentNotActive` through the gate."""
    require_active(session, agent_id)
    agent = session.get(Agent, agent_id)
    assert agent is not None
    return agent


def agent_by_login(session: Session, login: str) -> AgentInfo:
    agent = session.scalars(select(Agent).where(Agent.login == login, Agent.active.is_(True))).one_or_none()
    if agent is None:
        raise UnknownAgent(f"no active agent with login {login!r}")
    return AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)


def role_on_record(session: Session, agent_id: int) -> AgentRole:
    """The role the database holds for an active agent: what role checks go by, never a caller's claim.

    `AgentNotActive` (an `UnknownAgent`) for an agent unknown or disabled, who may do nothing at all.
    """
    return require_active(session, agent_id)


def active_agents(session: Session) -> tuple[AgentInfo, ...]:
    """Everyone who can be given a case, by name."""
    rows = session.scalars(select(Agent).where(Agent.active.is_(True)).order_by(Agent.display_name, Agent.id))
    return tuple(
        AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)
        for agent in rows
    )
