"""A case as stored and as shown: loading it, its view and log, writing its events, and who may act on it."""

# The bottom of the case services: every other module here reads and writes a case through these, and
# raises these errors. Nothing here changes a case's state (`transitions.py` does) and nothing commits.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.audit.append import append
from desk_app.audit.canonical import CASE_EVENTS
from desk_app.domain.deadlines import TOKYO, Deadline
from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    Delivery,
    DeliveryAddress,
    DeliveryObstacle,
    PauseReason,
    Proposal,
    RefusalGround,
    RequestChannel,
    SuspensionGround,
)
from desk_app.domain.messages import Message, MessageError, message
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.services.agents import active_agent
from desk_app.storage.models import Agent, Case, CaseEvent, Phone

S = CaseState
APPROVER_ROLES = frozenset({AgentRole.SUPERVISOR, AgentRole.ADMIN})


class CaseNotFound(MessageError, LookupError):
    pass


class CaseConflict(MessageError, RuntimeError):
    """Someone changed the case since it was read; nothing was written."""


class ApprovalRefused(MessageError, PermissionError):
    """An approval the four-eyes rule does not allow: the proposer, or an agent who is no supervisor."""


class ReasonRequired(MessageError, ValueError):
    pass


class NotYourCase(MessageError, PermissionError):
    """Withdrawing a case or extending its deadline is for the agent it is assigned to, or a supervisor;
    pausing its clock for those whose work queue holds it, or a supervisor."""


class SupervisorOnly(MessageError, PermissionError):
    """What only a supervisor or an administrator does: reassigning and reopening a case, taking and
    answering an escalated complaint, reading the registers."""


@dataclass(frozen=True)
class DeliveryForm:
    """The form a disclosure goes in (APPI Art. 33(1)), as the case recorded it: the form the customer
    asked for, the one used, the trusted address an electronic record goes to, and why the asked form was
    not possible (then the letter says so)."""

    asked: Delivery
    used: Delivery
    to: DeliveryAddress | None = None
    obstacle: DeliveryObstacle | None = None

    @property
    def not_possible(self) -> bool:
        return self.obstacle is not None


def delivery_form_of(details: dict[str, Any] | None) -> DeliveryForm | None:
    """The form recorded in `details["delivery"]`; None before one was chosen. A choice recorded before
    the asked form was kept asked for the form it used."""
    chosen = (details or {}).get("delivery")
    if not isinstance(chosen, dict):
        return None
    used = Delivery.ELECTRONIC if chosen.get("method") == Delivery.ELECTRONIC.value else Delivery.LETTER
    asked = Delivery.ELECTRONIC if chosen.get("asked", used.value) == Delivery.ELECTRONIC.value else used
    to, obstacle = chosen.get("to"), chosen.get("obstacle")
    return DeliveryForm(
        asked=asked,
        used=used,
        to=DeliveryAddress(to) if to in set(DeliveryAddress) else None,
        obstacle=DeliveryObstacle(obstacle) if obstacle in set(DeliveryObstacle) else None,
    )


def channel_of(details: dict[str, Any] | None) -> RequestChannel:
    """How the request came in: by post when the case says so, otherwise on a call (or typed in)."""
    stored = (details or {}).get("channel")
    return RequestChannel.POST if stored == RequestChannel.POST.value else RequestChannel.PHONE


@dataclass(frozen=True)
class PauseView:
    """A case's clock paused (`pauses.py`): what the desk waits for from the customer, since when, by whom."""

    reason: PauseReason
    note: str | None
    since: dt.datetime
    by: int

    @property
    def since_day(self) -> dt.date:
        """The day in Japan the pause began: the due date moves by the days from it."""
        return self.since.astimezone(TOKYO).date()


def pause_of(details: dict[str, Any] | None) -> PauseView | None:
    """The pause kept in a case's details, or None while its clock runs."""
    kept = (details or {}).get("pause")
    if not kept:
        return None
    return PauseView(
        reason=PauseReason(kept["reason"]),
        note=kept.get("note"),
        since=dt.datetime.fromisoformat(kept["since"]),
        by=kept["by"],
    )


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
    # A written request came by post, received on the day it arrived (`received_at` is that day's start in
    # Japan); anything else came in on a call or was typed in at the desk.
    channel: RequestChannel = RequestChannel.PHONE
    # A disclosure's form once chosen: asked for, used, and why the asked form was not possible.
    delivery: DeliveryForm | None = None
    # The ground a suspension or deletion was asked on (APPI Art. 35(1), (5), or the customer's wish), once
    # its script's action recorded it; None before, and for every other kind.
    request_ground: SuspensionGround | None = None

    @property
    def received_by_post(self) -> bool:
        return self.channel is RequestChannel.POST

    # The case's clock is paused while the desk waits for the customer; None while it runs.
    pause: PauseView | None = None

    @property
    def deadline(self) -> Deadline:
        return Deadline(
            received_on=self.received_at.astimezone(TOKYO).date(),
            due_on=self.due_on,
            extended=self.deadline_extended,
            paused_since=self.pause.since_day if self.pause else None,
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
        channel=channel_of(details),
        delivery=delivery_form_of(details),
        request_ground=request_ground_of(details),
        pause=pause_of(details),
    )


def request_ground_of(details: dict[str, Any] | None) -> SuspensionGround | None:
    """The ground `details["request_ground"]` keeps (`verified.record_request_ground`); None for none."""
    stored = (details or {}).get("request_ground")
    return SuspensionGround(stored) if stored in set(SuspensionGround) else None


def answer_of(record: dict[str, Any] | None) -> RefusalAnswer | None:
    """The refusal answer kept in a proposal or decision; None for one made before grounds were kept."""
    stored = (record or {}).get("answer")
    if not stored:
        return None
    return RefusalAnswer(
        ground=RefusalGround(stored["ground"]), text=stored["text"], alternative=stored.get("alternative")
    )


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


def require_current(case: Case, expected_row_version: int) -> None:
    """`CaseConflict` if the case changed since `expected_row_version` was read."""
    if case.row_version != expected_row_version:
        raise CaseConflict(
            message(
                "case.changed_elsewhere",
                case_no=case.case_no,
                version=case.row_version,
                expected=expected_row_version,
            )
        )


def assignee_or_supervisor(assigned_to_id: int | None, agent_id: int, role: AgentRole) -> bool:
    """Whether the agent may withdraw the case or extend its deadline: the one it is assigned to, or a
    supervisor (a case in the shared queue has no assignee, so only a supervisor). `actions` offers
    those actions by the same rule."""
    return role in APPROVER_ROLES or (assigned_to_id is not None and assigned_to_id == agent_id)


def require_assignee_or_supervisor(case: Case, agent: Agent, what: Message) -> None:
    if not assignee_or_supervisor(case.assigned_to_id, agent.id, agent.role):
        raise NotYourCase(message("case.not_yours", case_no=case.case_no, what=what))


def may_work(assigned_to_id: int | None, agent_id: int, role: AgentRole) -> bool:
    """Whether the agent works the case: it is in their work queue (assigned to them, or to no one: the
    shared queue), or they are a supervisor. Pausing and resuming its clock is theirs; `actions` offers it
    by the same rule."""
    return role in APPROVER_ROLES or assigned_to_id is None or assigned_to_id == agent_id


def require_supervisor(session: Session, agent_id: int, refused: Message) -> Agent:
    """The agent's row if they are a supervisor or an administrator; `SupervisorOnly` saying `refused`."""
    agent = load_agent(session, agent_id)
    if agent.role not in APPROVER_ROLES:
        raise SupervisorOnly(refused)
    return agent


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


def registered_numbers(session: Session, customer_id: int) -> frozenset[str]:
    """The customer's registered phone numbers (E.164): the only ones a callback may dial."""
    return frozenset(session.scalars(select(Phone.e164).where(Phone.customer_id == customer_id)))


def case_row_version(session: Session, case_id: int) -> int | None:
    """The case's row version, or None once it is gone: whether another desk changed the case since it was
    read, told without reading any of its data (nothing of the customer's is viewed, so nothing is logged)."""
    version: int | None = session.scalar(select(Case.row_version).where(Case.id == case_id))
    return version
