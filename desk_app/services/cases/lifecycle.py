"""Case work: opening a case, moving it through the lifecycle with four eyes and a log, and its deadline."""

# Identity checks live in `identity.py`, the operations that disclose, change or erase in
# `case_operations.py`. Everything here writes in the caller's transaction and never commits.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient

from desk_app.audit.append import append
from desk_app.audit.canonical import CASE_EVENTS
from desk_app.domain.deadlines import TOKYO, Deadline, deadline_for
from desk_app.domain.enums import AgentRole, CaseKind, CaseState, Proposal, RefusalGround
from desk_app.domain.letter_rules import held_reason, reopened_reason, voids_on_change
from desk_app.domain.lifecycle import (
    DISCLOSURE_KINDS,
    FINAL_STATES,
    IDENTITY_KINDS,
    IllegalTransition,
    check_transition,
)
from desk_app.domain.messages import InvalidRequest, Message, MessageError, message
from desk_app.domain.refusal_grounds import GroundNotAllowed, RefusalAnswer, check_ground
from desk_app.services.agents import active_agent
from desk_app.services.customers.lookup import require_customer
from desk_app.storage.models import Agent, Case, CaseEvent, Letter

S = CaseState
APPROVER_ROLES = frozenset({AgentRole.SUPERVISOR, AgentRole.ADMIN})
# Moves that end or turn down a request: the caller is owed a reason (APPI Art. 36 for refusals).
_NEEDS_REASON = frozenset({S.WITHDRAWN, S.REFUSED})


class CaseNotFound(MessageError, LookupError):
    pass


class CaseConflict(MessageError, RuntimeError):
    """Someone changed the case since it was read; nothing was written."""


class ApprovalRefused(MessageError, PermissionError):
    """An approval the four-eyes rule does not allow: the proposer, or an agent who is no supervisor."""


class ReasonRequired(MessageError, ValueError):
    pass


class NotYourCase(MessageError, PermissionError):
    """Withdrawing a case or extending its deadline is for the agent it is assigned to, or a supervisor."""


@dataclass(frozen=True)
class CaseView:
    case_id: int
    case_no: str
    kind: CaseKind
    state: CaseState
    customer_id: int | None
    received_at: dt.datetime
    due_on: dt.date
    deadline_extended: bool
    closed_at: dt.datetime | None
    fee_yen: int
    fee_received_at: dt.datetime | None
    identity_verified: bool
    # What awaits a supervisor's approval, and who proposed it.
    proposal: Proposal | None
    proposed_by: int | None
    script_id: str | None
    script_version: int | None
    row_version: int
    # The customer's data was erased by this case: nothing can reopen it.
    erased: bool = False
    # A proposed refusal's answer to the customer (what the letter would say) and the proposer's own
    # note for the supervisor, never printed.
    proposed_answer: RefusalAnswer | None = None
    proposal_note: str | None = None
    # Who works the case; None: the shared queue (an escalated complaint: any supervisor).
    assigned_to_id: int | None = None

    @property
    def deadline(self) -> Deadline:
        return Deadline(
            received_on=self.received_at.astimezone(TOKYO).date(),
            due_on=self.due_on,
            extended=self.deadline_extended,
        )


@dataclass(frozen=True)
class CaseEventView:
    at: dt.datetime
    agent_id: int
    kind: str
    detail: dict[str, Any]
    agent_name: str = ""


def view_of(case: Case) -> CaseView:
    details = case.details or {}
    pending = details.get("proposal")
    return CaseView(
        case_id=case.id,
        case_no=case.case_no,
        kind=case.kind,
        state=case.state,
        customer_id=case.customer_id,
        received_at=case.received_at,
        due_on=case.due_on,
        deadline_extended="extension" in details,
        closed_at=case.closed_at,
        fee_yen=case.fee_yen,
        fee_received_at=case.fee_received_at,
        identity_verified="identity" in details,
        proposal=Proposal(pending["kind"]) if pending else None,
        proposed_by=pending["by"] if pending else None,
        script_id=case.script_id,
        script_version=case.script_version,
        row_version=case.row_version,
        erased="erasure" in details,
        proposed_answer=answer_of(pending),
        proposal_note=(pending or {}).get("reason"),
        assigned_to_id=case.assigned_to_id,
    )


def answer_of(record: dict[str, Any] | None) -> RefusalAnswer | None:
    """The refusal answer kept in a proposal or decision; None for one made before grounds were kept."""
    stored = (record or {}).get("answer")
    if not stored:
        return None
    return RefusalAnswer(ground=RefusalGround(stored["ground"]), text=stored["text"])


def get_case(session: Session, case_id: int) -> CaseView:
    return view_of(load_case(session, case_id))


def case_events(session: Session, case_id: int) -> tuple[CaseEventView, ...]:
    """The case log, oldest first."""
    rows = session.execute(
        select(CaseEvent, Agent.display_name)
        .join(Agent, Agent.id == CaseEvent.agent_id)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.id)
    )
    return tuple(
        CaseEventView(at=e.at, agent_id=e.agent_id, kind=e.kind, detail=dict(e.detail), agent_name=name)
        for e, name in rows
    )


def load_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(message("case.not_found", case_id=case_id))
    return case


def load_agent(session: Session, agent_id: int) -> Agent:
    """The acting agent's row through the one gate (`agents.require_active`): `AgentNotActive` for an
    agent unknown or disabled."""
    return active_agent(session, agent_id)


def assignee_or_supervisor(assigned_to_id: int | None, agent_id: int, role: AgentRole) -> bool:
    """Whether the agent may withdraw the case or extend its deadline: the one it is assigned to, or a
    supervisor (a case in the shared queue has no assignee, so only a supervisor). `case_actions` offers
    those actions by the same rule."""
    return role in APPROVER_ROLES or (assigned_to_id is not None and assigned_to_id == agent_id)


def require_assignee_or_supervisor(case: Case, agent: Agent, what: Message) -> None:
    if not assignee_or_supervisor(case.assigned_to_id, agent.id, agent.role):
        raise NotYourCase(message("case.not_yours", case_no=case.case_no, what=what))


def utc_now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def add_event(
    session: Session, case: Case, *, agent_id: int, kind: str, detail: dict[str, Any], at: dt.datetime
) -> None:
    if case.id is None:  # a new case: its row must exist before an event can point at it
        session.flush()
    row = {"case_id": case.id, "at": at, "agent_id": agent_id, "kind": kind, "detail": detail}
    append(session, CASE_EVENTS, [row])


def update_details(case: Case, **changes: Any) -> None:
    # The JSON column does not track in-place mutation: assign a new dict.
    case.details = {**(case.details or {}), **changes}


def next_case_no(session: Session, year: int) -> str:
    """`YYYY-NNNNNN`: the next number in the year of receipt in Japan (the demo data's format)."""
    prefix = f"{year}-"
    latest = session.scalar(select(func.max(Case.case_no)).where(Case.case_no.startswith(prefix)))
    number = int(latest[len(prefix) :]) + 1 if latest else 1
    return f"{prefix}{number:06d}"


# Two desks opening cases at the same moment read the same highest number; the second insert then
# meets the unique index (on PostgreSQL once the first commits) and takes the next number.
_NUMBER_ATTEMPTS = 5


def _insert_numbered(session: Session, case: Case, year: int) -> None:
    for attempt in range(_NUMBER_ATTEMPTS):
        case.case_no = next_case_no(session, year)
        try:
            with session.begin_nested():
                session.add(case)
                session.flush()
            return
        except IntegrityError:
            if attempt == _NUMBER_ATTEMPTS - 1:
                raise
            session.expunge(case) if case in session else None
            make_transient(case)


def open_case(
    session: Session,
    *,
    kind: CaseKind,
    customer_id: int | None,
    agent_id: int,
    received_at: dt.datetime,
    target_days: int,
    fee_yen: int = 0,
    script_id: str | None = None,
    script_version: int | None = None,
    call_id: int | None = None,
    summary: str = "",
    now: dt.datetime | None = None,
) -> CaseView:
    """Open a case in RECEIVED. `fee_yen` is the configured disclosure fee; other kinds are free (Art. 38)."""
    if kind in IDENTITY_KINDS and customer_id is None:
        raise InvalidRequest(message("case.needs_customer", kind=kind))
    if customer_id is not None:
        require_customer(session, customer_id)
    load_agent(session, agent_id)
    deadline = deadline_for(received_at, target_days)
    details: dict[str, Any] = {"call_id": call_id} if call_id is not None else {}
    case = Case(
        case_no="",
        kind=kind,
        state=S.RECEIVED,
        customer_id=customer_id,
        opened_by_id=agent_id,
        assigned_to_id=agent_id,
        received_at=received_at,
        due_on=deadline.due_on,
        summary=summary,
        fee_yen=fee_yen if kind in DISCLOSURE_KINDS else 0,
        script_id=script_id,
        script_version=script_version,
        details=details,
    )
    _insert_numbered(session, case, deadline.received_on.year)
    opened = {"state": S.RECEIVED.value, "script_id": script_id, "script_version": script_version}
    add_event(session, case, agent_id=agent_id, kind="opened", detail=opened, at=utc_now(now))
    session.flush()
    return view_of(case)


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
    own note, which is never printed. An erasure is approved only through `case_operations.erase_customer`,
    so that a completed deletion always means the data is gone.
    """
    case = load_case(session, case_id)
    if case.row_version != expected_row_version:
        raise CaseConflict(
            message(
                "case.changed_elsewhere",
                case_no=case.case_no,
                version=case.row_version,
                expected=expected_row_version,
            )
        )
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
    """The checked state change behind `transition` and the operations; writes the state_changed event."""
    at = utc_now(now)
    reason = reason.strip() if reason and reason.strip() else None
    decision_reason = reason
    details = case.details or {}
    pending = details.get("proposal")
    current = case.state
    if current is S.AWAITING_APPROVAL:
        # The proposal on record decides the outcome, not what the approver passes.
        proposal = Proposal(pending["kind"]) if pending else None
    administrative = bool(details.get("administrative"))
    check_transition(case.kind, current, target, proposal, administrative=administrative)
    agent = load_agent(session, agent_id)
    if current is S.AWAITING_APPROVAL and agent.role not in APPROVER_ROLES:
        # Whatever becomes of a proposal — approved, denied, or the case withdrawn under it — is a
        # supervisor's decision: an agent could otherwise end a deletion or refusal a supervisor is weighing.
        raise ApprovalRefused(message("case.decide_supervisor_only"))
    if target is S.WITHDRAWN:
        require_assignee_or_supervisor(case, agent, message("case.what.withdraw"))
    if administrative and agent.role not in APPROVER_ROLES:
        raise ApprovalRefused(message("case.administrative_supervisor_only"))
    if target is S.IDENTITY_VERIFIED and "identity" not in details:
        raise IllegalTransition(message("case.identity_by_check"))
    if (
        target is S.IN_PROGRESS
        and case.kind in IDENTITY_KINDS
        and "identity" not in details
        and not administrative
    ):
        # Work on a caller's own data starts only once they are verified (a denied refusal of an
        # unverified caller goes back to identity pending instead).
        raise IllegalTransition(message("case.identity_not_verified_for_work"))
    if current is S.AWAITING_APPROVAL and target in (
        S.COMPLETED,
        S.REFUSED,
        S.IN_PROGRESS,
        S.IDENTITY_PENDING,
    ):
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
    told = {"answer": {"ground": answer.ground.value, "text": answer.text}} if answer else {}
    if target is S.AWAITING_APPROVAL:
        update_details(
            case,
            proposal={
                "kind": proposal.value if proposal else None,
                "by": agent_id,
                "at": at.isoformat(),
                "reason": reason,
                **told,
            },
        )
    elif current is S.AWAITING_APPROVAL:
        decision = {
            **(pending or {}),
            "decided_by": agent_id,
            "at": at.isoformat(),
            "outcome": target.value,
            "decision_reason": decision_reason,
        }
        if target is S.REFUSED and answer:
            # What the approver decided the customer is told; the proposal's answer is kept beside it.
            decision.update(told, proposed_answer=(pending or {}).get("answer"))
        kept = {key: value for key, value in details.items() if key != "proposal"}
        case.details = {**kept, "decisions": [*details.get("decisions", []), decision]}
    case.state = target
    if target in FINAL_STATES:
        case.closed_at = at
    detail = {
        "from": current.value,
        "to": target.value,
        "reason": reason,
        "proposal": proposal.value if proposal else None,
    }
    if current is S.AWAITING_APPROVAL and decision_reason != reason:
        detail["decision_reason"] = decision_reason
    if answer:
        detail.update(ground=answer.ground.value, customer_text=answer.text)
    add_event(session, case, agent_id=agent_id, kind="state_changed", detail=detail, at=at)
    void_stale_letters(session, case, agent_id=agent_id, at=at, reopened=False)
    session.flush()


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
    check_ground(case.kind, chosen.ground, verified="identity" in (case.details or {}))
    return RefusalAnswer(ground=RefusalGround(chosen.ground), text=text)


def _no_answer(given: RefusalAnswer | None) -> None:
    if given is not None:
        raise GroundNotAllowed(message("case.ground_only_by_letter"))


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


class SupervisorOnly(MessageError, PermissionError):
    """Reassigning and reopening are a supervisor's actions."""


def _supervisor(session: Session, agent_id: int, what: Message) -> Agent:
    agent = load_agent(session, agent_id)
    if agent.role not in APPROVER_ROLES:
        raise SupervisorOnly(message("case.supervisor_only", what=what))
    return agent


def _current(case: Case, expected_row_version: int) -> None:
    if case.row_version != expected_row_version:
        raise CaseConflict(
            message(
                "case.changed_elsewhere",
                case_no=case.case_no,
                version=case.row_version,
                expected=expected_row_version,
            )
        )


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
    _current(case, expected_row_version)
    _supervisor(session, agent_id, message("case.what.reassign"))
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
    _current(case, expected_row_version)
    _supervisor(session, agent_id, message("case.what.reopen"))
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
