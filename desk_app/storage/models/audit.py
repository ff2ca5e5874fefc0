"""The audit trail's tables: the access log, the chains' heads, retention runs and pruned rows' tombstones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.domain.enums import AccessAction
from desk_app.storage.models.base import Base, UtcDateTime, text_enum


class AccessLogEntry(Base):
    """Who looked at or changed whose data, when, and in which case or call (APPI Art. 23)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    # Empty when no agent is signed in: a headless command such as `desk-app lookup`.
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # Emptied when the call is purged; `call_ref` keeps, under the hash, which call it was (0 for none,
    # NULL for entries made before migration 0011).
    call_id: Mapped[int | None] = mapped_column(ForeignKey("call_log.id"))
    call_ref: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    action: Mapped[AccessAction] = mapped_column(text_enum(AccessAction))
    detail: Mapped[str] = mapped_column(String(200), default="")
    # The audit chain (desk_app/audit, migration 0006): rows are written by desk_app.audit.append only.
    row_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The newest row of each audit chain: locked by every append, and the check that no tail went missing.

    `seal` is an HMAC of the head made with the audit key, which is kept outside the database
    (`desk_app.audit.key`, migration 0011): a head moved without the key shows.
    """

    __tablename__ = "audit_chain_heads"

    chain: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    last_hash: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str] = mapped_column(String(64))


class RetentionRun(Base):
    """One `desk-app retention run`: when, who (empty for a headless run), and how many rows of each kind
    went, as counts only: never a name, number or id of what was deleted (migration 0008). An audit chain
    of its own (migration 0011): written by desk_app.audit.append only."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[dt.datetime]
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    row_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))


class AuditTombstone(Base):
    """The tombstone of a chained row deleted by retention: the row's chain, id and hashes, no content, and
    the run that deleted it, so that `desk_app.audit.verify` steps over the gap and still sees any other
    deletion. Tombstones are an audit chain themselves (migration 0011, replacing 0008's unchained
    `audit_pruned`), so only the program, holding the audit key, can add one."""

    __tablename__ = "audit_tombstones"
    __table_args__ = (UniqueConstraint("pruned_chain", "pruned_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    pruned_chain: Mapped[str] = mapped_column(String(32))
    pruned_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    pruned_prev_hash: Mapped[str] = mapped_column(String(64))
    pruned_row_hash: Mapped[str] = mapped_column(String(64))
    # Checked at commit: the run's own row is appended after the rows it deleted, once their count is known.
    retention_run_id: Mapped[int] = mapped_column(
        ForeignKey("retention_runs.id", deferrable=True, initially="DEFERRED")
    )
    row_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
