"""A question about a leak incident (漏えい等: APPI Art. 26), answered on the call: the incident the case is
about (`incident_cases`), what its talk script reads from it, and the answer recorded as it was told."""

# The incident's account may be rewritten while it is handled; the case keeps what the caller was told, as
# a joint-use answer keeps its version. Nothing of the caller's own is disclosed (the notice by post tells
# an affected customer so), hence no identity check. The case is linked when it opens, to an open incident
# or to none: `services/incidents/customer_incidents.py` holds the rule of which one, from the customer's.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.completion import LEAK_INQUIRY_RECORD
from desk_app.domain.enums import CaseKind
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition
from desk_app.domain.messages import InvalidRequest, message
from desk_app.services.cases.records import (
    CaseView,
    S,
    add_event,
    load_case,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.transitions import move
from desk_app.storage.models import Case, Incident, IncidentCase

# What a caller may go on to ask, as the script's `wishes` step records it.
WISHES = ("none", "suspension", "deletion", "report")


@dataclass(frozen=True)
class IncidentBriefing:
    """What the talk script reads out of the incident a case is about, as its record says now."""

    incident_no: str
    title: str
    what_happened: str
    measures: str

    def talk_values(self) -> dict[str, str]:
        """The script's `{incident_…}` placeholders (`scripts.render.CASE_PLACEHOLDERS`)."""
        return {
            "incident_no": self.incident_no,
            "incident_title": self.title,
            "incident_what_happened": self.what_happened,
            "incident_measures": self.measures,
        }


def incident_of_case(session: Session, case_id: int) -> IncidentBriefing | None:
    """The incident the case is about; None for a case about none."""
    found = session.scalar(
        select(Incident)
        .join(IncidentCase, IncidentCase.incident_id == Incident.id)
        .where(IncidentCase.case_id == case_id)
    )
    if found is None:
        return None
    return IncidentBriefing(found.incident_no, found.title, found.what_happened, found.measures)


def link_new_case(session: Session, case: Case, incident_no: str | None) -> str | None:
    """Record that a case just opened is about incident `incident_no` (None: about none); the number linked.

    Only a question about a leak incident names one (`InvalidRequest` otherwise), and only an open incident
    (`InvalidRequest` for one unknown or closed).
    """
    if incident_no is None:
        return None
    if case.kind is not CaseKind.LEAK_INQUIRY:
        raise InvalidRequest(message("case.incident_wrong_kind", kind=case.kind))
    incident = session.scalar(select(Incident).where(Incident.incident_no == incident_no))
    if incident is None:
        raise InvalidRequest(message("case.incident_unknown", incident=incident_no))
    if incident.closed_at is not None:
        raise InvalidRequest(message("case.incident_closed", incident_no=incident_no))
    session.add(IncidentCase(case_id=case.id, incident_id=incident.id))
    return incident.incident_no


def answer_leak_inquiry(
    session: Session, case_id: int, *, agent_id: int, wish: str = "none", now: dt.datetime | None = None
) -> CaseView:
    """Record that the caller was told what the case's incident says happened and what is being done (or,
    a case about no incident, that the facts are being established), the apology and how to stop the use of
    their data, erase it or report misuse; `wish`: what they went on to ask (`WISHES`), which the desk opens
    as a request of its own. The case goes to work and is completed as answered when the script finishes.
    """
    case = load_case(session, case_id)
    if case.kind is not CaseKind.LEAK_INQUIRY:
        raise IllegalTransition(message("leak_inquiry.wrong_kind", kind=case.kind))
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    if wish not in WISHES:
        raise ValueError(f"wish must be one of {', '.join(WISHES)}, not {wish!r}")
    at = utc_now(now)
    if case.state is S.RECEIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)
    incident = incident_of_case(session, case.id)
    told = {
        "incident_no": incident.incident_no if incident else None,
        "what_happened": incident.what_happened if incident else "",
        "measures": incident.measures if incident else "",
        "wish": wish,
    }
    update_details(case, **{LEAK_INQUIRY_RECORD: {**told, "at": at.isoformat()}})
    detail = {"incident_no": told["incident_no"], "wish": wish}
    add_event(session, case, agent_id=agent_id, kind="leak_inquiry_answered", detail=detail, at=at)
    session.flush()
    return view_of(case)
