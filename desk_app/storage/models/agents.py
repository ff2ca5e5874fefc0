"""Who may sign in: the desk's agents with their telephone extensions and access tokens; the demo's mark."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.domain.enums import AgentRole
from desk_app.storage.models.base import Base, text_enum


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[AgentRole] = mapped_column(text_enum(AgentRole))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    # Sign-in (services/accounts.py, migration 0007). The hash names its KDF and parameters; empty for
    # the demo staff, who have no password, and for agents from before 0007 until an admin sets one.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    password_changed_at: Mapped[dt.datetime | None]
    # Consecutive refusals since the last success; reaching the limit sets locked_until.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]


class AgentExtension(Base):
    """A telephone extension at which an agent answers (`desk-app users set-extensions`, migration 0014).

    The number is the key: one extension rings one agent's desk, so a PBX naming it names one agent.
    """

    __tablename__ = "agent_extensions"

    extension: Mapped[str] = mapped_column(String(8), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)


class AccessToken(Base):
    """An administrator's access token for a scheduled command acting as `agent` (`desk-app users token`).

    Only the SHA-256 of the token is kept: the token is 256 random bits, shown once when issued, so a
    fast hash is as good as a slow one and lets a command find its row by the hash (migration 0011).
    """

    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    # Empty when no administrator had a password yet (the first set-up of a desk).
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    expires_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]


class DemoDatabase(Base):
    """The mark of a database the demo made (one row, written with the demo data; migration 0011).

    The passwordless demo desk opens only a database holding it; `cti_token` is the demo desk's CTI
    token, random per demo database, which `desk-app ring --demo` reads from here.
    """

    __tablename__ = "demo_database"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime]
    cti_token: Mapped[str] = mapped_column(String(64))
