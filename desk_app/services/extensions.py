"""Agents' telephone extensions: an administrator gives them, and a PBX's name for a desk finds its agent.

A call centre's PBX says whom a call is for by the agent's login, display name or extension number
(Generic CTI's `user[]`). An extension is 2 to 8 digits and rings one agent's desk, so no two agents
hold the same one; every change is written to the access log like the other account changes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.domain.messages import MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.agents import AgentInfo, UnknownAgent, role_on_record
from desk_app.storage.models import Agent, AgentExtension

SHORTEST = 2
LONGEST = 8
_EXTENSION = re.compile(rf"[0-9]{{{SHORTEST},{LONGEST}}}")
# Typed with a Japanese input method, digits often arrive full-width; they are the same number.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class InvalidExtension(MessageError, ValueError):
    """Not 2 to 8 digits; the message names the text refused."""


class ExtensionTaken(MessageError, ValueError):
    """Another agent holds the extension; the message names their login."""


class NotAdministrator(MessageError, PermissionError):
    """Someone other than an active administrator tried to change an account."""


@dataclass(frozen=True)
class AgentExtensions:
    login: str
    extensions: tuple[str, ...]


def extension_order(extension: str) -> tuple[int, str]:
    """Shorter numbers first, so 201 comes before 1001 as on a phone list."""
    return len(extension), extension


def check_extension(text: str) -> str:
    """The extension as stored (digits, full-width ones made plain), or `InvalidExtension`."""
    cleaned = text.strip().translate(_FULL_WIDTH_DIGITS)
    if not _EXTENSION.fullmatch(cleaned):
        raise InvalidExtension(message("extension.rule", shortest=SHORTEST, longest=LONGEST, extension=text))
    return cleaned


def extensions_of(session: Session, agent_id: int) -> tuple[str, ...]:
    held = session.scalars(select(AgentExtension.extension).where(AgentExtension.agent_id == agent_id))
    return tuple(sorted(held, key=extension_order))


def set_extensions(
    session: Session,
    login: str,
    extensions: Iterable[str],
    *,
    by: int | None,
    now: dt.datetime | None = None,
) -> AgentExtensions:
    """Give the agent `login` exactly these extensions (none clears them), replacing what they had.

    `by` is the administrator making the change (None while no administrator has a password, as for the
    other account changes); `NotAdministrator` for anyone else. `UnknownAgent`, `InvalidExtension` and
    `ExtensionTaken` (naming the holder) leave nothing changed. A repeated number counts once.
    """
    if by is not None and role_on_record(session, by) is not AgentRole.ADMIN:
        holder = session.scalar(select(Agent.login).where(Agent.id == by))
        raise NotAdministrator(message("account.not_administrator", login=holder))
    agent = session.scalars(select(Agent).where(Agent.login == login)).one_or_none()
    if agent is None:
        raise UnknownAgent(message("account.no_login", login=login))
    wanted = tuple(sorted({check_extension(text) for text in extensions}, key=extension_order))
    if wanted:
        taken = session.execute(
            select(AgentExtension.extension, Agent.login)
            .join(Agent, Agent.id == AgentExtension.agent_id)
            .where(AgentExtension.extension.in_(wanted), AgentExtension.agent_id != agent.id)
            .order_by(AgentExtension.extension)
        ).first()
        if taken is not None:
            raise ExtensionTaken(message("extension.taken", extension=taken[0], login=taken[1]))
    if wanted == extensions_of(session, agent.id):
        return AgentExtensions(agent.login, wanted)
    session.execute(delete(AgentExtension).where(AgentExtension.agent_id == agent.id))
    session.add_all(AgentExtension(extension=number, agent_id=agent.id) for number in wanted)
    session.flush()
    said = f"set to {', '.join(wanted)}" if wanted else "cleared"
    record_access(
        session,
        agent_id=by,
        action=AccessAction.CHANGE,
        customer_ids=[None],
        detail=f"account {agent.login}: extensions {said}",
        now=now,
    )
    return AgentExtensions(agent.login, wanted)


def agent_for_pbx_user(session: Session, text: str) -> AgentInfo | None:
    """The active agent a PBX names by login, display name or extension (exactly, surrounding spaces aside).

    None when no active agent answers to the name, or more than one does (two agents of the same name, or
    one's login another's extension): a call is better left to whoever picks it up than routed to a guess.
    """
    name = text.strip()
    if not name:
        return None
    by_extension = select(AgentExtension.agent_id).where(AgentExtension.extension == name)
    found = session.scalars(
        select(Agent)
        .where(
            Agent.active.is_(True),
            or_(Agent.login == name, Agent.display_name == name, Agent.id.in_(by_extension)),
        )
        .limit(2)
    ).all()
    if len(found) != 1:
        return None
    agent = found[0]
    return AgentInfo(id=agent.id, login=agent.login, display_name=agent.display_name, role=agent.role)


def pbx_directory(session: Session) -> dict[str, int]:
    """Every name a PBX may use for an active agent — login, display name, extension — with the agent's id:
    `agent_for_pbx_user` for all names at once, for the gateway to keep between its reads. A name that
    more than one agent answers to is left out, as `agent_for_pbx_user` answers None for it."""
    holders: dict[str, set[int]] = {}
    for agent_id, login, display_name in session.execute(
        select(Agent.id, Agent.login, Agent.display_name).where(Agent.active.is_(True))
    ):
        for name in (login, display_name):
            holders.setdefault(name.strip(), set()).add(agent_id)
    for extension, agent_id in session.execute(
        select(AgentExtension.extension, AgentExtension.agent_id)
        .join(Agent, Agent.id == AgentExtension.agent_id)
        .where(Agent.active.is_(True))
    ):
        holders.setdefault(extension, set()).add(agent_id)
    return {name: next(iter(ids)) for name, ids in holders.items() if len(ids) == 1 and name}
