"""The Cases pane: the open cases an agent works on, and what waits for a supervisor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.domain.lifecycle import FINAL_STATES
from desk_app.services.agents import require_active
from desk_app.services.cases.records import APPROVER_ROLES, pause_of
from desk_app.services.cases.scripts import DRAFT_PREFIX
from desk_app.storage.models import Case, Customer, ScriptDraftRow

QUEUE_LIMIT = 200


@dataclass(frozen=True)
class QueuedCase:
    case_id: int
    case_no: str
    kind: CaseKind
    state: CaseState
    customer_no: str | None
    due_on: dt.date
    # This agent left the case's talk script part-way: it resumes where it stopped.
    script_unfinished: bool
    # A supervisor's decision or answer is awaited and this agent may give it.
    needs_decision: bool
    # The case's clock is paused while the desk waits for the customer.
    paused: bool = False


def work_queue(
    session: Session, *, agent_id: int, role: AgentRole, limit: int = QUEUE_LIMIT
) -> tuple[QueuedCase, ...]:
    """Open cases assigned to the agent or to no one; for supervisors also every case awaiting approval.

    Ordered by due date, then case number; at most `limit` (the case log has them all).
    """
    # Through the gate whatever the role claimed: a disabled agent is shown no queue at all.
    recorded = require_active(session, agent_id)
    open_case = Case.state.not_in(list(FINAL_STATES))
    mine = or_(Case.assigned_to_id == agent_id, Case.assigned_to_id.is_(None))
    # What awaits approval is shown by the role on record, not the one the caller passes.
    supervisor = role in APPROVER_ROLES and recorded in APPROVER_ROLES
    visible = or_(mine, Case.state == CaseState.AWAITING_APPROVAL) if supervisor else mine
    rows = session.execute(
        select(Case, Customer.customer_no)
        .outerjoin(Customer, Customer.id == Case.customer_id)
        .where(and_(open_case, visible))
        .order_by(Case.due_on, Case.case_no)
        .limit(limit)
    ).all()
    with_drafts = set(
        session.scalars(select(ScriptDraftRow.draft_key).where(ScriptDraftRow.agent_id == agent_id))
    )
    result = []
    for case, customer_no in rows:
        awaiting = case.state is CaseState.AWAITING_APPROVAL
        proposer = (case.details or {}).get("proposal", {}) or {}
        escalated = case.kind is CaseKind.COMPLAINT and "escalated" in (case.details or {})
        result.append(
            QueuedCase(
                case_id=case.id,
                case_no=case.case_no,
                kind=case.kind,
                state=case.state,
                customer_no=customer_no,
                due_on=case.due_on,
                script_unfinished=f"{DRAFT_PREFIX}{case.id}" in with_drafts,
                needs_decision=supervisor and ((awaiting and proposer.get("by") != agent_id) or escalated),
                paused=pause_of(case.details) is not None,
            )
        )
    return tuple(result)
