"""Who works an open case and by when: a supervisor reassigns it, and its deadline is extended once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition
from desk_app.domain.messages import message
from desk_app.services.cases.records import (
    CaseView,
    add_event,
    load_agent,
    load_case,
    require_assignee_or_supervisor,
    require_current,
    require_supervisor,
    update_details,
    utc_now,
    view_of,
)


def extend_deadline(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    extra_days: int,
    reason: str,
    now: dt.datetime | None = None,
) -> CaseView:
    """The one extension a case may have (`ExtensionRefused` otherwise), kept in details and the log."""
    case = load_case(session, case_id)
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    require_assignee_or_supervisor(case, load_agent(session, agent_id), message("case.what.extend"))
    current = view_of(case).deadline
    extended = current.extend(extra_days, reason)
    at = utc_now(now)
    extension = {
        "days": extra_days,
        "reason": extended.extension_reason,
        "by": agent_id,
        "at": at.isoformat(),
        "due_before": current.due_on.isoformat(),
    }
    update_details(case, extension=extension)
    case.due_on = extended.due_on
    detail = {"before": current.due_on.isoformat(), "after": extended.due_on.isoformat(), "reason": reason}
    add_event(session, case, agent_id=agent_id, kind="deadline_extended", detail=detail, at=at)
    session.flush()
    return view_of(case)


def reassign(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    to_agent_id: int | None,
    expected_row_version: int,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """A supervisor gives an open case to another agent (None: back to the shared queue)."""
    case = load_case(session, case_id)
    require_current(case, expected_row_version)
    require_supervisor(session, agent_id, message("case.supervisor_only", what=message("case.what.reassign")))
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final_reopen", state=case.state))
    if to_agent_id is not None:
        load_agent(session, to_agent_id)
    if to_agent_id == case.assigned_to_id:
        raise IllegalTransition(message("case.already_assigned"))
    before = case.assigned_to_id
    case.assigned_to_id = to_agent_id
    cleaned = reason.strip() if reason and reason.strip() else None
    detail = {"before": before, "after": to_agent_id, "reason": cleaned}
    add_event(session, case, agent_id=agent_id, kind="reassigned", detail=detail, at=utc_now(now))
    session.flush()
    return view_of(case)
