"""Where a case changes state: every move is checked, then applied, here and nowhere else.

`move` is what every service calls (the identity checks, the operations, the registers, the scripts);
`transition` is the same move for a case id read at `expected_row_version` (the actions bar, the demo);
`reopen` brings a closed case back. Each writes its event, ends or starts a pause of the case's clock where
the new state calls for it (`pauses.follow_state`) and voids the letters the new state no longer calls for,
in the caller's transaction, and never commits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.completion import completion_problem
from desk_app.domain.enums import CaseState, Proposal, RefusalGround
from desk_app.domain.letter_rules import held_reason, reopened_reason, voids_on_change
from desk_app.domain.lifecycle import (
    FINAL_STATES,
    IDENTITY_KINDS,
    IllegalTransition,
    charges_fee,
    check_transition,
)
from desk_app.domain.messages import message
from desk_app.domain.refusal_grounds import GroundNotAllowed, RefusalAnswer, check_alternative, check_ground
from desk_app.services.cases.pauses import follow_state
from desk_app.services.cases.records import (
    APPROVER_ROLES,
    ApprovalRefused,
    CaseView,
    ReasonRequired,
    S,
    add_event,
    answer_of,
    load_agent,
    load_case,
    request_ground_of,
    require_assignee_or_supervisor,
    require_current,
    require_supervisor,
    update_details,
    utc_now,
    view_of,
)
from desk_app.storage.models import Agent, Case, Letter

# Moves that end or turn down a request: the caller is owed a reason (APPI Art. 36 for refusals).
_NEEDS_REASON = frozenset({S.WITHDRAWN, S.REFUSED})
# What a supervisor may decide about a proposal: approve it, or deny it back to work or to the identity check.
_DECISIONS = frozenset({S.COMPLETED, S.REFUSED, S.IN_PROGRESS, S.IDENTITY_PENDING})


def transition(
    session: Session,
    case_id: int,
    target: CaseState,
    *,
    agent_id: int,
    expected_row_version: int,
    proposal: Proposal | None = None,
    reason: str | None = None,
    answer: RefusalAnswer | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Move a case to `target`; `CaseConflict` if it changed since `expected_row_version` was read.

    `answer` is a refusal's ground and text for the customer, given when it is proposed and (or, if the
    approver leaves it, as proposed) when it is approved; `reason` is then the proposer's or approver's
    own note, which is never printed. An erasure is approved only through `operations.erase_customer`,
    so that a completed deletion always means the data is gone.
    """
    case = load_case(session, case_id)
    require_current(case, expected_row_version)
    pending = (case.details or {}).get("proposal")
    if (
        case.state is S.AWAITING_APPROVAL
        and pending
        and pending["kind"] == Proposal.ERASURE
        and target is S.COMPLETED
    ):
        raise IllegalTransition(message("case.erasure_by_erase"))
    move(session, case, target, agent_id=agent_id, proposal=proposal, reason=reason, answer=answer, now=now)
    return view_of(case)


@dataclass(frozen=True)
class _Move:
    """A state change that passed every check: what `_apply` writes."""

    current: CaseState
    target: CaseState
    # What is proposed, or (deciding) what was proposed.
    proposal: Proposal | None
    # The note the change keeps; deciding a refusal that no letter answers, the proposal's.
    reason: str | None
    # Deciding a proposal: the approver's own note.
    decision_reason: str | None
    answer: RefusalAnswer | None
    pending: dict[str, Any] | None


def move(
    session: Session,
    case: Case,
    target: CaseState,
    *,
    agent_id: int,
    proposal: Proposal | None = None,
    reason: str | None = None,
    answer: RefusalAnswer | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Check the move of `case` to `target` by `agent_id`, then make it and write its state_changed event.

    The checks, in order: the lifecycle allows the move, and a completion finds the work its kind records
    done (`domain/completion.py`); the agent is active and may make it (a decision
    on a proposal and an administrative case are a supervisor's, withdrawing the assignee's or a
    supervisor's); identity is verified where the move needs it; a decision is not the proposer's and a
    denial gives a reason; a refusal's answer fits the case; a withdrawal or refusal says why. The first
    rule broken raises, and nothing is written.
    """
    at = utc_now(now)
    checked = _check(
        session, case, target, agent_id=agent_id, proposal=proposal, reason=reason, answer=answer
    )
    _apply(session, case, checked, agent_id=agent_id, at=at)


def _check(
    session: Session,
    case: Case,
    target: CaseState,
    *,
    agent_id: int,
    proposal: Proposal | None,
    reason: str | None,
    answer: RefusalAnswer | None,
) -> _Move:
    reason = reason.strip() if reason and reason.strip() else None
    details = case.details or {}
    pending = details.get("proposal")
    current = case.state
    if current is S.AWAITING_APPROVAL:
        # The proposal on record decides the outcome, not what the approver passes.
        proposal = Proposal(pending["kind"]) if pending else None
    administrative = bool(details.get("administrative"))
    check_transition(
        case.kind, current, target, proposal, administrative=administrative, fee_yen=case.fee_yen
    )
    charged = charges_fee(case.kind, case.fee_yen)
    unfinished = (
        completion_problem(case.kind, details, fee_charged=charged) if target is S.COMPLETED else None
    )
    if unfinished is not None:
        raise IllegalTransition(unfinished)
    agent = load_agent(session, agent_id)
    _check_agent(case, agent, target, administrative=administrative)
    _check_identity(case, target, administrative=administrative)
    decision_reason = reason
    if current is S.AWAITING_APPROVAL and target in _DECISIONS:
        # Approving or denying a proposal is never the proposer's (four eyes); the role is checked above.
        if pending and pending["by"] == agent_id:
            raise ApprovalRefused(message("case.four_eyes"))
        if target is S.REFUSED and case.kind not in IDENTITY_KINDS:
            # No letter answers it: the proposal's reason is the refusal's; the approver's is kept apart.
            decision_reason, reason = reason, (pending or {}).get("reason") or reason
        elif target in (S.IN_PROGRESS, S.IDENTITY_PENDING) and reason is None:
            raise ReasonRequired(message("case.denial_needs_reason"))
    refusing = (target is S.AWAITING_APPROVAL and proposal is Proposal.REFUSAL) or target is S.REFUSED
    if refusing:
        answer = _refusal_answer(case, answer, pending)
    else:
        _no_answer(answer)
    if target in _NEEDS_REASON and reason is None and answer is None:
        raise ReasonRequired(message("case.state_needs_reason", state=target))
    if target is S.AWAITING_APPROVAL and proposal is Proposal.REFUSAL and reason is None and answer is None:
        raise ReasonRequired(message("case.refusal_needs_reason"))
    return _Move(current, target, proposal, reason, decision_reason, answer, pending)


def _check_agent(case: Case, agent: Agent, target: CaseState, *, administrative: bool) -> None:
    if case.state is S.AWAITING_APPROVAL and agent.role not in APPROVER_ROLES:
        # Whatever becomes of a proposal — approved, denied, or the case withdrawn under it — is a
        # supervisor's decision: an agent could otherwise end a deletion or refusal a supervisor is weighing.
        raise ApprovalRefused(message("case.decide_supervisor_only"))
    if target is S.WITHDRAWN:
        require_assignee_or_supervisor(case, agent, message("case.what.withdraw"))
    if administrative and agent.role not in APPROVER_ROLES:
        raise ApprovalRefused(message("case.administrative_supervisor_only"))


def _check_identity(case: Case, target: CaseState, *, administrative: bool) -> None:
    verified = "identity" in (case.details or {})
    if target is S.IDENTITY_VERIFIED and not verified:
        raise IllegalTransition(message("case.identity_by_check"))
    if target is S.IN_PROGRESS and case.kind in IDENTITY_KINDS and not verified and not administrative:
        # Work on a caller's own data starts only once they are verified (a denied refusal of an
        # unverified caller goes back to identity pending instead).
        raise IllegalTransition(message("case.identity_not_verified_for_work"))


def _refusal_answer(case: Case, given: RefusalAnswer | None, pending: Any) -> RefusalAnswer | None:
    """A refusal's answer to the customer, checked: the one given, else (approving) the one proposed."""
    if case.kind not in IDENTITY_KINDS:
        # Complaints and reports are refused on the record, with no letter and so no ground.
        _no_answer(given)
        return None
    chosen = given or answer_of(pending if case.state is S.AWAITING_APPROVAL else None)
    if chosen is None:
        raise ReasonRequired(message("case.refusal_needs_ground_and_text"))
    text = chosen.text.strip()
    if not text:
        raise ReasonRequired(message("case.refusal_needs_text"))
    details = case.details or {}
    asked_on = request_ground_of(details)
    check_ground(case.kind, chosen.ground, verified="identity" in details, asked_on=asked_on)
    # An exception of Art. 35 that holds only with an alternative measure is refused without one.
    alternative = check_alternative(chosen)
    return RefusalAnswer(ground=RefusalGround(chosen.ground), text=text, alternative=alternative)


def _no_answer(given: RefusalAnswer | None) -> None:
    if given is not None:
        raise GroundNotAllowed(message("case.ground_only_by_letter"))


def _kept_answer(answer: RefusalAnswer) -> dict[str, str]:
    """The answer as a proposal or decision keeps it; an alternative measure only where one was taken."""
    kept = {"ground": answer.ground.value, "text": answer.text}
    if answer.alternative:
        kept["alternative"] = answer.alternative
    return kept


def _apply(session: Session, case: Case, checked: _Move, *, agent_id: int, at: dt.datetime) -> None:
    answer, pending, proposal = checked.answer, checked.pending, checked.proposal
    told = {"answer": _kept_answer(answer)} if answer else {}
    if checked.target is S.AWAITING_APPROVAL:
        update_details(
            case,
            proposal={
                "kind": proposal.value if proposal else None,
                "by": agent_id,
                "at": at.isoformat(),
                "reason": checked.reason,
                **told,
            },
        )
    elif checked.current is S.AWAITING_APPROVAL:
        decision = {
            **(pending or {}),
            "decided_by": agent_id,
            "at": at.isoformat(),
            "outcome": checked.target.value,
            "decision_reason": checked.decision_reason,
        }
        if checked.target is S.REFUSED and answer:
            # What the approver decided the customer is told; the proposal's answer is kept beside it.
            decision.update(told, proposed_answer=(pending or {}).get("answer"))
        details = case.details or {}
        kept = {key: value for key, value in details.items() if key != "proposal"}
        case.details = {**kept, "decisions": [*details.get("decisions", []), decision]}
    case.state = checked.target
    if checked.target in FINAL_STATES:
        case.closed_at = at
    detail = {
        "from": checked.current.value,
        "to": checked.target.value,
        "reason": checked.reason,
        "proposal": proposal.value if proposal else None,
    }
    if checked.current is S.AWAITING_APPROVAL and checked.decision_reason != checked.reason:
        detail["decision_reason"] = checked.decision_reason
    if answer:
        detail.update(ground=answer.ground.value, customer_text=answer.text)
        if answer.alternative:
            detail["alternative"] = answer.alternative
    add_event(session, case, agent_id=agent_id, kind="state_changed", detail=detail, at=at)
    # Closing ends a pause; fee pending pauses the clock and leaving it lets the clock run (`pauses.py`).
    follow_state(session, case, checked.current, agent_id=agent_id, at=at)
    void_stale_letters(session, case, agent_id=agent_id, at=at, reopened=False)
    session.flush()


def reopen(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    reason: str,
    expected_row_version: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """A supervisor reopens a closed case with a reason: back to work, or to the identity check when the
    caller was never verified. A completed deletion stays closed: erased data cannot come back."""
    case = load_case(session, case_id)
    require_current(case, expected_row_version)
    require_supervisor(session, agent_id, message("case.supervisor_only", what=message("case.what.reopen")))
    if case.state not in FINAL_STATES:
        raise IllegalTransition(message("case.still_open", state=case.state))
    if "erasure" in (case.details or {}):
        raise IllegalTransition(message("case.erased_no_reopen"))
    if not (reason and reason.strip()):
        raise ReasonRequired(message("case.reopen_needs_reason"))
    at = utc_now(now)
    verified = case.kind not in IDENTITY_KINDS or "identity" in (case.details or {})
    target = S.IN_PROGRESS if verified else S.IDENTITY_PENDING
    current = case.state
    case.state = target
    case.closed_at = None
    detail = {"from": current.value, "to": target.value, "reason": reason.strip(), "proposal": None}
    add_event(session, case, agent_id=agent_id, kind="reopened", detail=detail, at=at)
    void_stale_letters(session, case, agent_id=agent_id, at=at, reopened=True)
    session.flush()
    return view_of(case)


def void_stale_letters(
    session: Session, case: Case, *, agent_id: int, at: dt.datetime, reopened: bool
) -> list[int]:
    """Void the case's unmailed letters that its new state no longer calls for; a `letter_voided` event each.

    Called by every state change after the case has moved (see `letter_rules.voids_on_change`): a refused
    disclosure keeps no disclosure letter waiting, a withdrawn case none, a reopened case none. Voided letters
    stay on file with the reason. Returns the ids voided.
    """
    if not voids_on_change(case.state, reopened=reopened):
        return []
    waiting = session.scalars(
        select(Letter)
        .where(Letter.case_id == case.id, Letter.mailed_at.is_(None), Letter.voided_at.is_(None))
        .order_by(Letter.id)
    ).all()
    voided = []
    for letter in waiting:
        why = (
            reopened_reason(case.case_no)
            if reopened
            else held_reason(letter.kind, case.kind, case.state, case.details, case.case_no)
        )
        if why is None:
            continue
        letter.voided_at = at
        # Kept in English; `letter_rules.stored_reason` reads it back as its message.
        letter.void_reason = str(why)[:500]
        detail = {"letter_id": letter.id, "kind": letter.kind.value, "reason": letter.void_reason}
        add_event(session, case, agent_id=agent_id, kind="letter_voided", detail=detail, at=at)
        voided.append(letter.id)
    return voided
