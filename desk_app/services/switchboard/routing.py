"""Which desks a call rings: the ones the PBX names, else the inbound number's group, else the queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from desk_app.config import DeskGroup, Switchboard
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.extensions import agent_for_pbx_user
from desk_app.services.switchboard.presence import available_agents


def named_agents(
    session: Session, names: Iterable[str], directory: Mapping[str, int] | None = None
) -> tuple[int, ...]:
    """The agents a PBX names (logins, display names or extensions); names nobody answers to are left out.

    `directory` (`extensions.pbx_directory`) answers from memory what would otherwise be a query per name.
    """
    if directory is not None:
        return tuple(sorted({directory[name.strip()] for name in names if name.strip() in directory}))
    found = {agent.id for agent in (agent_for_pbx_user(session, name) for name in names) if agent}
    return tuple(sorted(found))


def ring_targets(
    session: Session,
    *,
    users: tuple[str, ...],
    to: str | None,
    settings: Switchboard,
    now: dt.datetime,
    directory: Mapping[str, int] | None = None,
) -> tuple[int, ...]:
    """The desks a new call rings.

    A PBX that names desks (`user[]`) rings those, whatever their state: it chose them. A call to a number
    mapped to a group rings the group's available desks; any other call is a queue call and rings every
    available desk. A PBX naming only desks nobody answers to falls back to the queue: a call is better
    offered to everyone than to no one.
    """
    if users:
        named = named_agents(session, users, directory)
        if named:
            return named
    available = available_agents(session, now=now)
    group = group_for(settings.groups, to)
    if group is None:
        return available
    members = set(named_agents(session, group.desks, directory))
    return tuple(agent for agent in available if agent in members)


def group_for(groups: Iterable[DeskGroup], to: str | None) -> DeskGroup | None:
    """The group configured for the inbound number `to`, compared as numbers (0120-123-456 = 0120123456)."""
    if not to:
        return None
    wanted = _number_key(to)
    return next((group for group in groups if _number_key(group.to) == wanted), None)


def _number_key(text: str) -> str:
    try:
        return normalise(text).e164
    except InvalidPhoneNumber:
        return "".join(character for character in text if character.isdigit()) or text.strip()
