"""The mail-order system's records: customers, their phones, orders and provision records, desk corrections
not yet confirmed, the third-party provision customers stopped at the desk, and the erased-customer
register."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from desk_app.domain.enums import CustomerState, OrderChannel, PhoneKind, ProvisionBasis, ProvisionStopGround
from desk_app.domain.kana import kana_key, name_key
from desk_app.storage.models.base import Base, search_key_type, text_enum


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
    # Whether the customer's data may be provided to third parties on their consent (policy §3); off once
    # they stop all provision not required (`provision_stops`), and never turned back on by an import.
    # Provision a law requires does not depend on it (migration 0016).
    provision_opt_in: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    provision_changed_at: Mapped[dt.datetime | None]
    # A relative told the desk the customer died (`customers.deceased`): every mailing stopped then, and
    # the record says so. Not an APPI matter (the law protects the living), so nothing else changes
    # (migration 0017). `died_on` only when the caller gave it.
    death_reported_at: Mapped[dt.datetime | None]
    died_on: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[CustomerState] = mapped_column(text_enum(CustomerState), default=CustomerState.ACTIVE)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # Derived from name and name_kana by desk_app.domain.kana whenever those are set (see the validators
    # below; the demo loader and migration 0002 compute them with the same functions), so that search
    # is an indexed prefix range however the agent types the name.
    name_search: Mapped[str | None] = mapped_column(search_key_type(), index=True)
    kana_search: Mapped[str | None] = mapped_column(search_key_type(), index=True)

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
    kind: Mapped[PhoneKind] = mapped_column(text_enum(PhoneKind))
    raw: Mapped[str] = mapped_column(String(64))
    e164: Mapped[str] = mapped_column(String(20), index=True)

    customer: Mapped[Customer] = relationship(back_populates="phones")


class DeskChange(Base):
    """A customer's field corrected at the desk and not yet confirmed by the mail-order system's export.

    Written by every correction (`services/cases/corrections.correct_customer`); an import that brings a
    different value for the field reports a conflict and keeps the desk's (unless told to overwrite), and
    one that brings the same value settles it (the row goes). Field names only, never values (migration
    0011).
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
    channel: Mapped[OrderChannel] = mapped_column(text_enum(OrderChannel))
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
    basis: Mapped[ProvisionBasis] = mapped_column(text_enum(ProvisionBasis))


class ProvisionStop(Base):
    """A customer's stop of third-party provision, made at the desk by a stop-provision case (APPI Art. 35).

    One row per stop: of every provision not required (`recipient_name` None, and the customer's
    `provision_opt_in` off) or of one recipient's. Imports never remove one, and report a file that goes
    against it. The stop outlives its case: retention may purge the case (`case_id` is then NULL), erasure
    removes the stops with the rest of the customer's data (migration 0016).
    """

    __tablename__ = "provision_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    ground: Mapped[ProvisionStopGround] = mapped_column(text_enum(ProvisionStopGround))
    stopped_at: Mapped[dt.datetime]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)


# The partial indexes' condition: open cases. Spelt with literals, as services/case_log.py queries it,
# because both databases use a partial index only for a query whose condition is the index's own.
