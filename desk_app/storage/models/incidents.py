"""Leak incidents (漏えい等): the register, its reports to the Commission, the customers affected and the
cases and suspicious-contact reports about each (migration 0018); the saved searches that find affected
customers (migration 0020); the public announcement (公表) of an incident (migration 0021).

Links to cases and reports are tables of their own: an incident is something a case or a report may be
about, not a property of every case, and SQLite could not add the column to `cases` in place.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.domain.incidents import ReportKind
from desk_app.storage.models.base import Base, UtcDateTime, text_enum


class Incident(Base):
    """One leak, loss or damage (or the fear of one) as the company learnt of it and handles it."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_no: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    discovered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    discovered_how: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[str] = mapped_column(Text, default="")
    cause: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    secondary_harm: Mapped[str] = mapped_column(Text, default="")
    customer_guidance: Mapped[str] = mapped_column(Text, default="")
    # The reportable categories that apply (`domain.incidents.LeakCategory` values); empty: not reportable.
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The public announcement (公表): the day, in Japan, and how and where (当社ウェブサイトに掲載, 記者発表);
    # both or neither. It stands in for the notice to a customer who cannot be reached (Art. 26(2) proviso).
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    publication: Mapped[str] = mapped_column(Text, default="", server_default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))


class IncidentReport(Base):
    """A report submitted to the Personal Information Protection Commission: the preliminary or the final."""

    __tablename__ = "incident_reports"
    __table_args__ = (UniqueConstraint("incident_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[ReportKind] = mapped_column(text_enum(ReportKind))
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))


class IncidentCustomer(Base):
    """A customer whose data the incident involves; the link is all that is kept, never a copy of the data."""

    __tablename__ = "incident_customers"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True, index=True)
    attached_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    attached_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    # The notice (漏えい等のお知らせ) made for the customer, or why none went: erased, deceased, no_address.
    # Indexed (migration 0019): the mail room finds a notice's customer by its letter.
    notice_letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL"), index=True
    )
    notice_skipped: Mapped[str | None] = mapped_column(String(16))


class IncidentCase(Base):
    """A case about an incident: a call from an affected customer asking about it."""

    __tablename__ = "incident_cases"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)


class IncidentSuspiciousLink(Base):
    """A report of suspicious mail or calls that a supervisor judged connected to an incident."""

    __tablename__ = "incident_suspicious_links"

    suspicious_report_id: Mapped[int] = mapped_column(ForeignKey("suspicious_reports.id"), primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    linked_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))


class SavedSearch(Base):
    """A named customer selection (`domain.selections`) that supervisors run to attach affected customers.

    `criteria` is the selection's JSON (`selections.to_json`), read back whole or refused; never customer
    data. `row_version` lets a second supervisor's change or deletion be noticed instead of overwritten.
    """

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    criteria: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (read once by the mapper)
