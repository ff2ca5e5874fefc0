"""The desk's work: cases and their events, the call log, letters, talk-script drafts and the registers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from desk_app.domain.enums import (
    CallState,
    CaseKind,
    CaseState,
    ComplaintCategory,
    LetterKind,
    NoNumberReason,
    ReportChannel,
)
from desk_app.domain.kana import name_key
from desk_app.storage.models.base import Base, UtcDateTime, search_key_type, text_enum

# The partial indexes' condition: open cases. Spelt with literals, as services/case_log.py queries it,
# because both databases use a partial index only for a query whose condition is the index's own.
OPEN_CASES_SQL = "state NOT IN ('completed', 'refused', 'withdrawn')"
OPEN_CASES_ONLY: dict[str, Any] = {
    "sqlite_where": text(OPEN_CASES_SQL),
    "postgresql_where": text(OPEN_CASES_SQL),
}


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[CaseKind] = mapped_column(text_enum(CaseKind), index=True)
    state: Mapped[CaseState] = mapped_column(text_enum(CaseState), index=True)
    # Empty for reports and complaints from callers who are not customers.
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    due_on: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    fee_yen: Mapped[int] = mapped_column(Integer, default=0)
    fee_received_at: Mapped[dt.datetime | None]
    script_id: Mapped[str | None] = mapped_column(String(64))
    script_version: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.id")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (read once by the mapper)
    # The case log's keyset orders (sort key, then id), and the same over open cases only, which the
    # overdue and due-soon filters and the dashboard read (services/case_log.py, migration 0005).
    __table_args__ = (
        Index("ix_cases_received_at_id", "received_at", "id"),
        Index("ix_cases_due_on_id", "due_on", "id"),
        Index("ix_cases_open_received_at", "received_at", "id", **OPEN_CASES_ONLY),
        Index("ix_cases_open_due_on", "due_on", "id", **OPEN_CASES_ONLY),
    )


class CaseEvent(Base):
    """One step in a case's history: who, when, what, and the values before and after."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime]
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The audit chain (desk_app/audit, migration 0006): rows are written by desk_app.audit.append only.
    row_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))

    case: Mapped[Case] = relationship(back_populates="events")


class CallRecord(Base):
    __tablename__ = "call_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    call_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    answered_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    state: Mapped[CallState] = mapped_column(text_enum(CallState))
    raw_number: Mapped[str | None] = mapped_column(String(64))
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    no_number_reason: Mapped[NoNumberReason | None] = mapped_column(text_enum(NoNumberReason))
    line: Mapped[str | None] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # 応対区分: the wrap-up code the answering agent picked after the call (migration 0015).
    wrap_up_code: Mapped[str | None] = mapped_column(String(32))
    # A missed call taken for a callback from the shared list: by whom (an agent's id; no foreign key, as
    # migration 0015 explains: agents are never deleted) and when.
    taken_by_id: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime | None]


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A letter answers a case or, a leak incident's notice to a customer it affects, an incident; not both.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[LetterKind] = mapped_column(text_enum(LetterKind))
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    printed_at: Mapped[dt.datetime | None]
    mailed_at: Mapped[dt.datetime | None]
    mail_method: Mapped[str | None] = mapped_column(String(32))
    # Set when the case's outcome stopped calling for this letter before it was mailed (refused, withdrawn,
    # reopened): kept on file with the reason, never printed or mailed again.
    voided_at: Mapped[dt.datetime | None]
    void_reason: Mapped[str | None] = mapped_column(String(500))


class ScriptDraftRow(Base):
    """A talk script part-way through, saved after every step so a crash or restart resumes it.

    Kept in the database, not a local file: answers can hold personal data, and the database is
    where access to that is controlled and where another workstation can pick the draft up.
    """

    __tablename__ = "script_drafts"
    __table_args__ = (UniqueConstraint("agent_id", "draft_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique constraint's leading column serves "this agent's drafts" without an index of its own.
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    # What the draft belongs to, e.g. "case:2026-000123" or "call:17".
    draft_key: Mapped[str] = mapped_column(String(64))
    script_id: Mapped[str] = mapped_column(String(64))
    script_version: Mapped[int] = mapped_column(Integer)
    current_step: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime]


class Complaint(Base):
    """A complaint about how the company handles personal information: one per complaint case."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    category: Mapped[ComplaintCategory] = mapped_column(text_enum(ComplaintCategory), index=True)
    details: Mapped[str] = mapped_column(Text)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Empty while an escalated complaint waits for any supervisor to take it.
    escalated_to_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    escalated_at: Mapped[dt.datetime | None]
    answer_given: Mapped[str | None] = mapped_column(Text)
    # E.164: where a supervisor calls back about an escalated complaint when the caller has no registered
    # number (or asked for another one); None: the registered number (migration 0010).
    callback_number: Mapped[str | None] = mapped_column(String(20))
    recorded_at: Mapped[dt.datetime]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))


class SuspiciousReport(Base):
    """A report of mail, a call or a message that used the company's name: one per report case."""

    __tablename__ = "suspicious_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    channel: Mapped[ReportChannel] = mapped_column(text_enum(ReportChannel))
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    claimed_sender: Mapped[str] = mapped_column(String(200))
    # Derived from claimed_sender by desk_app.domain.kana.name_key (see the validator), so that
    # supervisors find
    # "ＡＢＣ 配送", "abc配送" and "ABC 配送" as one sender however each caller's words were typed.
    claimed_sender_key: Mapped[str] = mapped_column(search_key_type(), index=True)
    shown_number_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    shown_number_raw: Mapped[str | None] = mapped_column(String(64))
    shown_url: Mapped[str | None] = mapped_column(String(500))
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    disclosed: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))

    @validates("claimed_sender")
    def _keep_sender_key(self, _key: str, claimed_sender: str) -> str:
        self.claimed_sender_key = name_key(claimed_sender) or ""
        return claimed_sender


def paused_condition(details: Any) -> ColumnElement[bool]:
    """SQL: the case (its `details` column given) has its clock paused."""
    return pause_field(details, "since").is_not(None)


def pause_field(details: Any, name: str) -> ColumnElement[str]:
    """SQL: one field of a case's open pause as text (`reason`, `since`, `day`), NULL while its clock runs."""
    field: ColumnElement[str] = details[("pause", name)].as_string()
    return field
