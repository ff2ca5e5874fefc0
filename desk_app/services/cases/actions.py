"""What an agent may do to a case now, so the UI offers only what the services will accept."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AgentRole, CaseKind, CaseState, FeeStatus, Proposal
from desk_app.domain.lifecycle import FEE_KINDS, FINAL_STATES, IDENTITY_KINDS, WORKED_KINDS
from desk_app.domain.messages import InvalidRequest, message
from desk_app.domain.refusal_grounds import RefusalAnswer, grounds_for, parse_ground
from desk_app.erased_register_key import KeySource
from desk_app.services.agents import require_active
from desk_app.services.cases import operations, registers
from desk_app.services.cases.assignment import extend_deadline, reassign
from desk_app.services.cases.pauses import pause_case, pause_reason, resume_case
from desk_app.services.cases.records import (
    APPROVER_ROLES,
    ApprovalRefused,
    CaseConflict,
    CaseView,
    ReasonRequired,
    assignee_or_supervisor,
    get_case,
    may_work,
)
from desk_app.services.cases.transitions import reopen, transition
from desk_app.storage.models import Agent

S = CaseState


class CaseAction(enum.StrEnum):
    RECORD_FEE_RECEIVED = "record_fee_received"
    WAIVE_FEE = "waive_fee"
    COMPLETE = "complete"
    ANSWER_COMPLAINT = "answer_complaint"
    PROPOSE_REFUSAL = "propose_refusal"
    APPROVE = "approve"
    DENY = "deny"
    PAUSE = "pause"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    EXTEND_DEADLINE = "extend_deadline"
    REASSIGN = "reassign"
    REOPEN = "reopen"


def available_actions(case: CaseView, *, agent_id: int, role: AgentRole) -> tuple[CaseAction, ...]:
    """The actions the services allow `agent_id` on `case` now, in the order a case moves."""
    supervisor = role in APPROVER_ROLES
    if case.state in FINAL_STATES:
        # Erased data cannot come back: a completed deletion stays closed.
        return (CaseAction.REOPEN,) if supervisor and not case.erased else ()
    actions: list[CaseAction] = []
    if case.kind in FEE_KINDS and case.state is S.FEE_PENDING:
        actions += [CaseAction.RECORD_FEE_RECEIVED, CaseAction.WAIVE_FEE]
    # A refusal of an unverified caller that a supervisor denied is back in progress but still unverified:
    # complete_case would refuse it, so it is not offered.
    fee_received = case.kind in FEE_KINDS and case.state is S.FEE_RECEIVED
    worked = case.kind in {*FEE_KINDS, *WORKED_KINDS} and case.state is S.IN_PROGRESS
    if case.identity_verified and (fee_received or worked):
        actions.append(CaseAction.COMPLETE)
    if case.kind is CaseKind.COMPLAINT and case.state is S.IN_PROGRESS and role in APPROVER_ROLES:
        # A complaint still open after its script was escalated: a supervisor answers it.
        actions.append(CaseAction.ANSWER_COMPLAINT)
    if case.state is S.AWAITING_APPROVAL:
        if role in APPROVER_ROLES and case.proposed_by != agent_id:
            actions += [CaseAction.APPROVE, CaseAction.DENY]
    elif case.state in (S.IDENTITY_PENDING, S.IN_PROGRESS) and _refusable(case):
        actions.append(CaseAction.PROPOSE_REFUSAL)
    # The clock is paused and resumed by whoever works the case; a decision awaited is not the customer's.
    if may_work(case.assigned_to_id, agent_id, role):
        if case.pause is not None:
            actions.append(CaseAction.RESUME)
        elif case.state is not S.AWAITING_APPROVAL:
            actions.append(CaseAction.PAUSE)
    # Withdrawing and extending are the assignee's or a supervisor's; under a proposal, only a supervisor's.
    if assignee_or_supervisor(case.assigned_to_id, agent_id, role):
        if case.state is not S.AWAITING_APPROVAL or supervisor:
            actions.append(CaseAction.WITHDRAW)
        if not case.deadline_extended:
            actions.append(CaseAction.EXTEND_DEADLINE)
    if supervisor:
        actions.append(CaseAction.REASSIGN)
    return tuple(actions)


_ANSWERED_ON_THE_CALL = frozenset(
    {CaseKind.COMPLAINT, CaseKind.SUSPICIOUS_REPORT, CaseKind.JOINT_USE, CaseKind.LEAK_INQUIRY}
)


def _refusable(case: CaseView) -> bool:
    """Complaints and reports are refused on the record, and a question about joint use or about a leak
    incident is answered, never refused; a request, while some ground fits it (a verified customer's wish to
    stop or delete has none: the policy honours it)."""
    if case.kind in _ANSWERED_ON_THE_CALL:
        return False
    if case.kind not in IDENTITY_KINDS:
        return True
    return bool(grounds_for(case.kind, verified=case.identity_verified, asked_on=case.request_ground))


def perform(
    session: Session,
    case_id: int,
    action: CaseAction,
    *,
    agent_id: int,
    expected_row_version: int,
    inputs: Mapping[str, Any],
    company: CompanyProfile | None = None,
    register_key: KeySource | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Carry out `action` with what the agent entered; the services check every rule again.

    Inputs: `reason` (waive, refusal, approve, deny, withdraw, extend, reopen, reassign; the answer for
    answer_complaint) — an internal note, never printed on a letter; `ground` and `customer_text`
    (propose a refusal, approve one: what the refusal letter tells the customer; an unknown ground is
    refused; an approver who leaves them out approves the proposed ones) and `alternative` (the measure
    taken instead, which an exception of APPI Art. 35 needs), `method` and `on` (fee
    received), `days` (extend), `note` (complete, pause, resume), `pause_reason` (pause: a `PauseReason`
    value), `to_agent` (reassign: an agent id, or None for the shared queue). `company` signs the letter
    an approved erasure stores before the data goes; `register_key` is read only for an erasure, whose
    number goes into the erased-customer register.
    """
    require_active(session, agent_id)
    case = get_case(session, case_id)
    if case.row_version != expected_row_version:
        raise CaseConflict(message("case.changed_elsewhere_short", case_no=case.case_no))
    reason = str(inputs.get("reason") or "").strip() or None
    refusing = action is CaseAction.PROPOSE_REFUSAL or (
        action is CaseAction.APPROVE and case.proposal is Proposal.REFUSAL
    )
    if action in (CaseAction.APPROVE, CaseAction.DENY):
        # Who may decide is checked before what they wrote: four eyes, and a supervisor.
        approver = session.get(Agent, agent_id)
        if approver is None or approver.role not in APPROVER_ROLES:
            raise ApprovalRefused(message("case.decide_needs_supervisor"))
        if case.proposed_by == agent_id:
            raise ApprovalRefused(message("case.four_eyes"))
        if reason is None and not refusing:
            # A supervisor's decision is kept with its reason, whichever way it goes (a refusal's is the
            # answer the customer is given, checked by the service).
            raise ReasonRequired(message("case.action_needs_reason", action=action))
    # Read only where a refusal is proposed or approved, like every input only its action reads.
    answer = _refusal_answer(inputs) if refusing else None
    if action is CaseAction.REOPEN:
        return reopen(
            session,
            case_id,
            agent_id=agent_id,
            reason=reason or "",
            expected_row_version=expected_row_version,
            now=now,
        )
    if action in (CaseAction.PAUSE, CaseAction.RESUME):
        note = str(inputs.get("note") or "").strip() or None
        if action is CaseAction.RESUME:
            return resume_case(
                session,
                case_id,
                agent_id=agent_id,
                note=note,
                expected_row_version=expected_row_version,
                now=now,
            )
        return pause_case(
            session,
            case_id,
            agent_id=agent_id,
            reason=pause_reason(inputs.get("pause_reason")),
            note=note,
            expected_row_version=expected_row_version,
            now=now,
        )
    if action is CaseAction.REASSIGN:
        to_agent = inputs.get("to_agent")
        return reassign(
            session,
            case_id,
            agent_id=agent_id,
            to_agent_id=to_agent if isinstance(to_agent, int) else None,
            expected_row_version=expected_row_version,
            reason=reason,
            now=now,
        )
    if action is CaseAction.RECORD_FEE_RECEIVED:
        on = inputs.get("on")
        return operations.record_fee(
            session,
            case_id,
            agent_id=agent_id,
            status=FeeStatus.RECEIVED,
            method=str(inputs.get("method") or "").strip() or None,
            on=dt.date.fromisoformat(str(on)) if on else None,
            now=now,
        )
    if action is CaseAction.WAIVE_FEE:
        return operations.record_fee(
            session, case_id, agent_id=agent_id, status=FeeStatus.WAIVED, reason=reason, now=now
        )
    if action is CaseAction.COMPLETE:
        return operations.complete_case(
            session,
            case_id,
            agent_id=agent_id,
            expected_row_version=expected_row_version,
            note=str(inputs.get("note") or "").strip() or None,
            now=now,
        )
    if action is CaseAction.ANSWER_COMPLAINT:
        return registers.answer_complaint(session, case_id, agent_id=agent_id, answer=reason or "", now=now)
    if action is CaseAction.APPROVE and case.proposal is Proposal.ERASURE:
        if register_key is None:
            raise InvalidRequest(message("case.erasure_needs_key"))
        erased = operations.erase_customer(
            session,
            case_id,
            approver_id=agent_id,
            register_key=register_key.load(),
            company=company,
            reason=reason,
            now=now,
        )
        return erased.case
    if action is CaseAction.EXTEND_DEADLINE:
        days = inputs.get("days")
        if not isinstance(days, int):
            raise InvalidRequest(message("case.extension_needs_days"))
        return extend_deadline(
            session, case_id, agent_id=agent_id, extra_days=days, reason=reason or "", now=now
        )
    # A denied refusal of a caller never verified goes back to the identity check, not to work.
    unverified = case.kind in IDENTITY_KINDS and not case.identity_verified
    targets = {
        CaseAction.APPROVE: S.REFUSED,
        CaseAction.DENY: S.IDENTITY_PENDING if unverified else S.IN_PROGRESS,
        CaseAction.WITHDRAW: S.WITHDRAWN,
        CaseAction.PROPOSE_REFUSAL: S.AWAITING_APPROVAL,
    }
    return transition(
        session,
        case_id,
        targets[action],
        agent_id=agent_id,
        expected_row_version=expected_row_version,
        proposal=Proposal.REFUSAL if action is CaseAction.PROPOSE_REFUSAL else None,
        reason=reason,
        answer=answer,
        now=now,
    )


def _refusal_answer(inputs: Mapping[str, Any]) -> RefusalAnswer | None:
    """The refusal's ground, text for the customer and alternative measure (an exception of APPI Art. 35
    that needs one) from the inputs; an unknown ground is refused."""
    ground = str(inputs.get("ground") or "").strip()
    text = str(inputs.get("customer_text") or "").strip()
    alternative = str(inputs.get("alternative") or "").strip() or None
    if not ground and not text:
        return None
    if not ground:
        raise ReasonRequired(message("case.choose_ground"))
    return RefusalAnswer(ground=parse_ground(ground), text=text, alternative=alternative)
