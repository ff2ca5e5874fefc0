"""The desk's tables as SQLAlchemy 2 typed models.

Times are stored in UTC (`UtcDateTime`) and shown in Asia/Tokyo by the layers above.
Enumerations are stored as short text so SQLite and PostgreSQL hold identical values.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CallState,
    CaseKind,
    CaseState,
    ComplaintCategory,
    CustomerState,
    LetterKind,
    NoNumberReason,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ReportChannel,
)
from desk_app.domain.kana import KEY_LENGTH, kana_key, name_key

# Stable constraint names, so Alembic migrations can name what they alter on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on the Python side on every dialect; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the desk stores aware UTC times only")
        utc = value.astimezone(dt.UTC)
        # SQLite has no time zones: store naive UTC there.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _text_enum(enum_class: type[enum.Enum]) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def _search_key_type() -> String:
    # Search keys are compared character by character, never by a language's collation: on PostgreSQL
    # the "C" collation makes the prefix range `key >= 'ヤマダ' AND key < 'ヤマチ'` mean the same as on
    # SQLite and lets a plain btree index serve it, whatever locale the database was created with.
    return String(KEY_LENGTH).with_variant(String(KEY_LENGTH, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UtcDateTime()}


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model: hot paths select table columns, which skips the ORM's machinery."""
    mapped = model.__table__
    assert isinstance(mapped, Table)
    return mapped


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[AgentRole] = mapped_column(_text_enum(AgentRole))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    # Sign-in (services/accounts.py, migration 0007). The hash names its KDF and parameters; empty for
    # the demo staff, who have no password, and for agents from before 0007 until an admin sets one.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    password_changed_at: Mapped[dt.datetime | None]
    # Consecutive refusals since the last success; reaching the limit sets locked_until.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]


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


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_no: Mapped[str] = mapped_column(String(16), unique=True)
    # Name and address columns are nullable because erasure blanks them while the row stays
    # as the non-identifying anchor of the order records the law requires to be kept.
    name: Mapped[str | None] = mapped_column(String(100))
    name_kana: Mapped[str | None] = mapped_column(String(200), index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    postal_code: Mapped[str | None] = mapped_column(String(7), index=True)
    prefecture: Mapped[str | None] = mapped_column(String(8))
    city: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(200))
    building: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    shopping_credit: Mapped[bool] = mapped_column(Boolean, default=False)
    workplace_name: Mapped[str | None] = mapped_column(String(200))
    workplace_phone: Mapped[str | None] = mapped_column(String(32))
    catalogue_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)
    catalogue_changed_at: Mapped[dt.datetime | None]
    direct_mail_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)
    direct_mail_changed_at: Mapped[dt.datetime | None]
    email_magazine_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    email_magazine_changed_at: Mapped[dt.datetime | None]
    state: Mapped[CustomerState] = mapped_column(_text_enum(CustomerState), default=CustomerState.ACTIVE)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # Derived from name and name_kana by desk_app.domain.kana whenever those are set (see the validators
    # below; the demo loader and migration 0002 compute them with the same functions), so that search
    # is an indexed prefix range however the agent types the name.
    name_search: Mapped[str | None] = mapped_column(_search_key_type(), index=True)
    kana_search: Mapped[str | None] = mapped_column(_search_key_type(), index=True)

    phones: Mapped[list[Phone]] = relationship(back_populates="customer", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (read once by the mapper)

    @validates("name")
    def _keep_name_search(self, _key: str, name: str | None) -> str | None:
        self.name_search = name_key(name)
        return name

    @validates("name_kana")
    def _keep_kana_search(self, _key: str, name_kana: str | None) -> str | None:
        self.kana_search = kana_key(name_kana)
        return name_kana


class Phone(Base):
    __tablename__ = "phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PhoneKind] = mapped_column(_text_enum(PhoneKind))
    raw: Mapped[str] = mapped_column(String(64))
    e164: Mapped[str] = mapped_column(String(20), index=True)

    customer: Mapped[Customer] = relationship(back_populates="phones")


class DeskChange(Base):
    """A customer's field corrected at the desk and not yet confirmed by the mail-order system's export.

    Written by every correction (`case_operations._correct`); an import that brings a different value for
    the field reports a conflict and keeps the desk's (unless told to overwrite), and one that brings the
    same value settles it (the row goes). Field names only, never values (migration 0011).
    """

    __tablename__ = "desk_changes"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    # A customers column, or phone_home / phone_mobile / phone_work for that kind's numbers.
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    changed_at: Mapped[dt.datetime]


class ErasedNumber(Base):
    """The register of erased customers: a keyed hash (HMAC-SHA256) of each erased customer number, nothing
    else. Erasure writes it; imports consult it, so a customer whose blank row retention purged is never
    re-created. The key is kept outside the database (`services/erased_register.py`, migration 0011)."""

    __tablename__ = "erased_register"

    number_digest: Mapped[str] = mapped_column(String(64), primary_key=True)


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_no: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    ordered_at: Mapped[dt.datetime]
    channel: Mapped[OrderChannel] = mapped_column(_text_enum(OrderChannel))
    amount_yen: Mapped[int] = mapped_column(Integer)

    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.line_no")

    # "Latest orders of this customer" is the screen pop's hot query.
    __table_args__ = (Index("ix_orders_customer_ordered", "customer_id", "ordered_at"),)


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_code: Mapped[str] = mapped_column(String(20))
    product_name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    amount_yen: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="lines")


class ProvisionRecord(Base):
    """A record of personal data provided to a third party (APPI Art. 29, disclosed under Art. 33(5))."""

    __tablename__ = "provision_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    provided_on: Mapped[dt.date] = mapped_column(Date)
    recipient_name: Mapped[str] = mapped_column(String(200))
    recipient_address: Mapped[str] = mapped_column(String(300))
    recipient_representative: Mapped[str] = mapped_column(String(100))
    items_provided: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(300))
    basis: Mapped[ProvisionBasis] = mapped_column(_text_enum(ProvisionBasis))


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
    kind: Mapped[CaseKind] = mapped_column(_text_enum(CaseKind), index=True)
    state: Mapped[CaseState] = mapped_column(_text_enum(CaseState), index=True)
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
    state: Mapped[CallState] = mapped_column(_text_enum(CallState))
    raw_number: Mapped[str | None] = mapped_column(String(64))
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    no_number_reason: Mapped[NoNumberReason | None] = mapped_column(_text_enum(NoNumberReason))
    line: Mapped[str | None] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))


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
    action: Mapped[AccessAction] = mapped_column(_text_enum(AccessAction))
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


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[LetterKind] = mapped_column(_text_enum(LetterKind))
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
    category: Mapped[ComplaintCategory] = mapped_column(_text_enum(ComplaintCategory), index=True)
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
    channel: Mapped[ReportChannel] = mapped_column(_text_enum(ReportChannel))
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    claimed_sender: Mapped[str] = mapped_column(String(200))
    # Derived from claimed_sender by desk_app.domain.kana.name_key (see the validator), so that
    # supervisors find
    # "ＡＢＣ 配送", "abc配送" and "ABC 配送" as one sender however each caller's words were typed.
    claimed_sender_key: Mapped[str] = mapped_column(_search_key_type(), index=True)
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
