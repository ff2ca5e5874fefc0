"""The calls that follow a leak incident, from the customer's side: which open incidents the customer on
screen is affected by (the screen pop's warning), which incident a question about one is about, and
opening that question."""

# An affected customer who calls about "the leak" means theirs: their case is about one of the incidents
# they are affected by, chosen by the agent when there are several. A customer not affected (or a caller
# who is no customer) may still ask, about any open incident or about none. Only the incident's number and
# title are shown, never whom else it affects; the record's view, which shows them, is logged as such.

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AccessAction, CaseKind
from desk_app.domain.messages import InvalidRequest, message
from desk_app.scripts.model import Script
from desk_app.services.access_log import record_access
from desk_app.services.cases.scripts import ScriptedCase, start_request
from desk_app.services.customers.record import CustomerRecord, IncidentMark
from desk_app.storage.models import Incident, IncidentCustomer

__all__ = [
    "IncidentMark",
    "InquiryChoices",
    "check_inquiry_incident",
    "incidents_of_customer",
    "inquiry_choices",
    "start_leak_inquiry",
    "with_incidents",
]


def _open_incidents() -> Select[str, str]:
    return (
        select(Incident.incident_no, Incident.title)
        .where(Incident.closed_at.is_(None))
        .order_by(Incident.discovered_at, Incident.id)
    )


def incidents_of_customer(session: Session, customer_id: int) -> list[IncidentMark]:
    """The open incidents the customer is affected by, the first discovered first (none: not affected)."""
    statement = _open_incidents().join(IncidentCustomer, IncidentCustomer.incident_id == Incident.id)
    rows = session.execute(statement.where(IncidentCustomer.customer_id == customer_id))
    return [IncidentMark(incident_no, title) for incident_no, title in rows]


def with_incidents(session: Session, record: CustomerRecord) -> CustomerRecord:
    """`record` with the open incidents its customer is affected by, read in the caller's transaction (the
    one that logged the record's view)."""
    return dataclasses.replace(record, incidents=tuple(incidents_of_customer(session, record.customer_id)))


@dataclasses.dataclass(frozen=True)
class InquiryChoices:
    """The incidents a question about a leak may be about: those the customer is affected by (`affected`)
    when there are any, else every open incident, or none at all (`may_name_none`)."""

    incidents: tuple[IncidentMark, ...]
    affected: bool

    @property
    def may_name_none(self) -> bool:
        return not self.affected


def inquiry_choices(
    session: Session, customer_id: int | None, *, agent_id: int | None = None
) -> InquiryChoices:
    """What New inquiry offers for a question about a leak from `customer_id` (None: no customer). Whether
    the customer is affected is theirs: with `agent_id` (the desk showing it), the view is logged."""
    if customer_id is not None and agent_id is not None:
        record_access(
            session,
            agent_id=agent_id,
            action=AccessAction.VIEW,
            customer_ids=[customer_id],
            detail="leak incidents",
        )
    if customer_id is not None:
        affected = incidents_of_customer(session, customer_id)
        if affected:
            return InquiryChoices(tuple(affected), affected=True)
    every = session.execute(_open_incidents())
    return InquiryChoices(tuple(IncidentMark(no, title) for no, title in every), affected=False)


def check_inquiry_incident(session: Session, customer_id: int | None, incident_no: str | None) -> None:
    """`InvalidRequest` unless a question about a leak may be about `incident_no` (None: no incident): an
    affected customer's is about one of theirs; anyone else's about an open incident or none (the case
    service refuses an unknown or closed one)."""
    choices = inquiry_choices(session, customer_id)
    if not choices.affected:
        return
    numbers = tuple(mark.incident_no for mark in choices.incidents)
    if incident_no not in numbers:
        raise InvalidRequest(message("case.incident_of_customer", incidents=", ".join(numbers)))


def start_leak_inquiry(
    session: Session,
    *,
    script: Script,
    customer_id: int | None,
    incident_no: str | None,
    agent_id: int,
    company: CompanyProfile,
    call_row_id: int | None = None,
    arrived_by_post_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ScriptedCase:
    """Open a question about a leak incident with its script (`cases.scripts.start_request`), about
    `incident_no` as `check_inquiry_incident` allows."""
    if script.kind is not CaseKind.LEAK_INQUIRY:
        raise ValueError(f"script {script.id} is not for a question about a leak incident")
    check_inquiry_incident(session, customer_id, incident_no)
    return start_request(
        session,
        script=script,
        customer_id=customer_id,
        agent_id=agent_id,
        company=company,
        call_row_id=call_row_id,
        arrived_by_post_on=arrived_by_post_on,
        incident_no=incident_no,
        now=now,
    )
