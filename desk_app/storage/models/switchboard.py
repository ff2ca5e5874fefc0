"""Many desks on one gateway: the calls' events and whom each went to, presence, and the blocklist.

The gateway (`desk-app gateway`) writes an event row per accepted PBX or adapter event and one route row
per desk it rings; each desk reads its own routes (`LISTEN`, then `id > last seen`), so a desk that was
away catches up from the table and never sees an event twice (migration 0015).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.domain.enums import CallState, NoNumberReason, PresenceState
from desk_app.storage.models.base import Base, UtcDateTime, text_enum


class CallEventRow(Base):
    """One event of one call as the gateway accepted it; stored once however many gateways received it.

    `state` is what the desks were told (ringing, answered, ended, missed); None when the event changed
    nothing (a late answer after the hang-up, voicemail taking the call) and was kept only as received.
    """

    __tablename__ = "call_events"
    __table_args__ = (UniqueConstraint("source", "call_id", "kind"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    call_id: Mapped[str] = mapped_column(String(64))
    # newCall, answer or hangup: the PBX's word (an adapter's ring is a newCall, its silence a hangup).
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[CallState | None] = mapped_column(text_enum(CallState))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    raw_number: Mapped[str | None] = mapped_column(String(64))
    e164: Mapped[str | None] = mapped_column(String(20))
    no_number_reason: Mapped[NoNumberReason | None] = mapped_column(text_enum(NoNumberReason))
    line: Mapped[str | None] = mapped_column(String(32))
    # Whom the PBX named (`user`), as sent: logins, names or extensions.
    users: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The desk that answered, when the answer named one the desk knows.
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    call_row_id: Mapped[int | None] = mapped_column(ForeignKey("call_log.id", ondelete="SET NULL"))


class CallEventRoute(Base):
    """That one desk (its agent) was sent one event; a desk reads these in id order."""

    __tablename__ = "call_event_routes"
    __table_args__ = (Index("ix_call_event_routes_agent_event", "agent_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("call_events.id", ondelete="CASCADE"),
        primary_key=True,
    )
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True)


class AgentPresence(Base):
    """Where an agent is now; every change is also a `PresenceChange` (the agent's working record)."""

    __tablename__ = "agent_presence"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True)
    state: Mapped[PresenceState] = mapped_column(text_enum(PresenceState))
    since: Mapped[dt.datetime]
    reason: Mapped[str | None] = mapped_column(String(32))
    # After-call work ends by itself at this time unless a wrap-up code ends it first.
    after_call_until: Mapped[dt.datetime | None]
    after_call_extended: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The call the agent is on, or has just finished (for the wrap-up code).
    call_row_id: Mapped[int | None] = mapped_column(ForeignKey("call_log.id", ondelete="SET NULL"))


class PresenceChange(Base):
    __tablename__ = "presence_changes"
    __table_args__ = (Index("ix_presence_changes_agent_at", "agent_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    state: Mapped[PresenceState] = mapped_column(text_enum(PresenceState))
    reason: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[dt.datetime]


class BlockedNumber(Base):
    """A number whose calls the gateway rejects as busy (Zammad's `reject` reply); kept by supervisors."""

    __tablename__ = "blocked_numbers"

    e164: Mapped[str] = mapped_column(String(20), primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[dt.datetime]
    added_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
