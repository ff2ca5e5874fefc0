"""A case's paused clock: while the desk waits for the customer, the due date waits too.

An agent pauses a case waiting for the fee, documents, a proxy's papers or a confirmation with the person
(`PauseReason`), with a note if they like, and resumes it when that arrives. While it is paused the pause is
kept in the case's details (`details["pause"]`: what is awaited, the note, when and by whom it began) and
days left say `deadlines.PAUSED`; resuming moves the due date on by the days paused (`deadlines.days_paused`:
the midnights in Japan the pause spanned) and clears it. Each pause and each end of one is a case event
(`paused`, `resumed`, in the audit chain), the end carrying the days and the due date before and after, so
`desk-app doctor` can replay every due date from the events.

Who: the agents whose work queue holds the case (`records.may_work`) and supervisors. When: any open case
but one awaiting a supervisor's decision (then the desk is awaited, not the customer); a paused case is not
paused again, a running one not resumed. A paused case may still move from state to state; its pause ends,
recorded, when it closes (completed, refused or withdrawn).

The fee: a disclosure waiting for its fee is waiting for the customer by definition, so `transitions.move`
pauses it itself on entering fee pending (reason fee) and lets the clock run again when the fee is received
or waived. Left to the agents, the same wait would count against one case's deadline and not another's, and
the dashboard's overdue figure would depend on who worked the case. The clock runs again from the moment the
fee is recorded, not the (earlier) day it arrived: the due date is never later than the customer's wait
justifies.

Nothing here commits; the changes go through `records.add_event` like every other case event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain.deadlines import TOKYO, days_paused
from desk_app.domain.enums import CaseState, PauseReason
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition
from desk_app.domain.messages import message
from desk_app.services.cases.records import (
    CaseView,
    NotYourCase,
    ReasonRequired,
    S,
    add_event,
    load_agent,
    load_case,
    may_work,
    pause_of,
    require_current,
    utc_now,
    view_of,
)
from desk_app.storage.models import Case

# How a pause ended, when no one resumed it: the fee was settled, or the case closed.
FEE_SETTLED = "fee_settled"
CLOSED = "closed"


def pause_case(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    reason: PauseReason,
    note: str | None = None,
    expected_row_version: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """Pause the case's clock while the desk waits for `reason`; `IllegalTransition` for a case closed,
    already paused or awaiting a supervisor's decision, `NotYourCase` for an agent who does not work it."""
    case = _worked_case(session, case_id, agent_id, expected_row_version)
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    pause = pause_of(case.details)
    if pause is not None:
        raise IllegalTransition(message("pause.already_paused", case_no=case.case_no, reason=pause.reason))
    if case.state is S.AWAITING_APPROVAL:
        raise IllegalTransition(message("pause.awaiting_approval", case_no=case.case_no))
    start_pause(session, case, reason=PauseReason(reason), note=note, agent_id=agent_id, at=utc_now(now))
    session.flush()
    return view_of(case)


def resume_case(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    note: str | None = None,
    expected_row_version: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """Let the paused case's clock run again, its due date moved on by the days paused."""
    case = _worked_case(session, case_id, agent_id, expected_row_version)
    if pause_of(case.details) is None:
        raise IllegalTransition(message("pause.not_paused", case_no=case.case_no))
    end_pause(session, case, agent_id=agent_id, at=utc_now(now), note=note)
    session.flush()
    return view_of(case)


def pause_reason(text: object) -> PauseReason:
    """A reason as the window or a script names it (`fee`, `documents`, …); `ReasonRequired` otherwise."""
    try:
        return PauseReason(str(text or "").strip())
    except ValueError:
        reasons = tuple(reason.value for reason in PauseReason)
        raise ReasonRequired(message("pause.needs_reason", reasons=reasons)) from None


def _worked_case(session: Session, case_id: int, agent_id: int, expected_row_version: int) -> Case:
    case = load_case(session, case_id)
    require_current(case, expected_row_version)
    agent = load_agent(session, agent_id)
    if not may_work(case.assigned_to_id, agent.id, agent.role):
        what = message("case.what.pause")
        raise NotYourCase(message("case.not_yours", case_no=case.case_no, what=what))
    return case


def _cleaned(note: str | None) -> str | None:
    return note.strip() if note and note.strip() else None


def start_pause(
    session: Session,
    case: Case,
    *,
    reason: PauseReason,
    note: str | None,
    agent_id: int,
    at: dt.datetime,
    automatic: bool = False,
) -> None:
    """Write the pause into the case and its `paused` event; the caller has checked it may be paused."""
    note = _cleaned(note)
    since = at.astimezone(dt.UTC)
    # `day` (Japan's date it began) lets SQL compare it with days, as the dashboard's overdue trend does.
    kept = {
        "reason": reason.value,
        "note": note,
        "since": since.isoformat(),
        "day": since.astimezone(TOKYO).date().isoformat(),
        "by": agent_id,
    }
    case.details = {**(case.details or {}), "pause": kept}
    detail = {"reason": reason.value, "note": note, "automatic": automatic}
    add_event(session, case, agent_id=agent_id, kind="paused", detail=detail, at=at)


def end_pause(
    session: Session,
    case: Case,
    *,
    agent_id: int,
    at: dt.datetime,
    note: str | None = None,
    ended_by: str | None = None,
) -> None:
    """End the case's pause at `at`: the due date moves on by the days paused; a `resumed` event says so.

    `ended_by` is None when an agent resumed it, else `FEE_SETTLED` or `CLOSED`."""
    details = case.details or {}
    pause = details["pause"]
    days = days_paused(dt.datetime.fromisoformat(pause["since"]), at)
    before = case.due_on
    case.due_on = before + dt.timedelta(days=days)
    case.details = {key: value for key, value in details.items() if key != "pause"}
    detail: dict[str, Any] = {
        "reason": pause["reason"],
        "since": pause["since"],
        "days": days,
        "before": before.isoformat(),
        "after": case.due_on.isoformat(),
        "note": _cleaned(note),
        "ended_by": ended_by,
    }
    add_event(session, case, agent_id=agent_id, kind="resumed", detail=detail, at=at)


def follow_state(session: Session, case: Case, before: CaseState, *, agent_id: int, at: dt.datetime) -> None:
    """What a change of state from `before` does to the clock (`transitions.move` calls it after every one):
    closing ends a pause; fee pending pauses the clock for the fee, and leaving it lets a fee pause end."""
    pause = pause_of(case.details)
    if pause is not None and case.state in FINAL_STATES:
        end_pause(session, case, agent_id=agent_id, at=at, ended_by=CLOSED)
    elif pause is not None and before is S.FEE_PENDING and case.state is not S.FEE_PENDING:
        if pause.reason is PauseReason.FEE:
            end_pause(session, case, agent_id=agent_id, at=at, ended_by=FEE_SETTLED)
    elif pause is None and case.state is S.FEE_PENDING and before is not S.FEE_PENDING:
        start_pause(
            session, case, reason=PauseReason.FEE, note=None, agent_id=agent_id, at=at, automatic=True
        )
