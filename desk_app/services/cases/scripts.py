"""A talk script run on a case: opening it, its draft, what its steps need, its steps, finishing it."""

# The wizard only shows steps; what a step does to the record happens through the case services
# (`script_steps.py`), so every rule (identity first, no fee for free requests, four eyes) holds whatever
# the UI offers. Action steps are idempotent per step id: a restart that resumes at an action never runs
# it twice.

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.completion import RECORDED_KINDS, completion_problem
from desk_app.domain.enums import AccessAction, CaseKind, CustomerState, DeliveryAddress
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition, charges_fee
from desk_app.domain.messages import message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.scripts.model import CaseFacts, Note, Operation, Script
from desk_app.scripts.progress import ScriptDraft, path_to, values_on_path
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.cases.delivery import electronic_address
from desk_app.services.cases.drafts import discard_draft, load_draft, save_draft
from desk_app.services.cases.identity import (
    CallerIdUnavailable,
    IdentityCheckResult,
    caller_id_checks_left,
    caller_id_unavailable,
    record_identity_check,
)
from desk_app.services.cases.incident_answers import IncidentBriefing, incident_of_case
from desk_app.services.cases.knowledge import KnowledgeItem, answerable_knowledge
from desk_app.services.cases.opening import configured_fee, open_case
from desk_app.services.cases.provision_stops import stoppable_recipients
from desk_app.services.cases.proxies import ProxyView, proxy_of
from desk_app.services.cases.records import (
    CaseView,
    S,
    add_event,
    load_case,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.script_steps import OPERATIONS, check_answers, identity_detail
from desk_app.services.cases.transitions import move
from desk_app.storage.models import CallRecord, Case, Complaint, Customer, Phone

# A case's draft is kept under this prefix and its id; a call's draft, before a case is opened, has another.
DRAFT_PREFIX = "case:"
# A choose step answered `keep` at the consequence of a deletion: the caller withdrew there and then.
_WITHDRAWN_ON_CALL = {CaseKind.DELETION: ("consequence", "keep")}


@dataclass(frozen=True)
class ScriptedCase:
    """A case and the script state the wizard resumes from."""

    case: CaseView
    draft: ScriptDraft | None


@dataclass(frozen=True)
class CaseContext:
    """What the script's identity and action steps need besides the case: no protected details."""

    case: CaseView
    draft: ScriptDraft | None
    customer_no: str | None
    # The record's version as read: a correction made elsewhere since then is a conflict.
    customer_row_version: int | None
    # The fields a correction form shows as they are now (street, building and e-mail stay protected).
    current: Mapping[str, str]
    # Numbers the customer registered (national form): the only ones a callback may dial.
    registered_numbers: tuple[str, ...]
    # The number the call that opened the case came from (national form); None: no call or no number.
    caller_number: str | None
    # What decides the script's `when` steps: a customer on file, a number to call them back on.
    facts: CaseFacts
    # The agent's notes from the script's note steps, as typed (empty until the script is finished).
    notes: tuple[str, ...] = ()
    # The number a supervisor calls back about an escalated complaint (national form), when the caller
    # gave one; None: the registered number, or no complaint.
    callback_number: str | None = None
    # The identity questions the record can check (it holds a date of birth, a street number, an order).
    knowledge_items: tuple[KnowledgeItem, ...] = ()
    # How many more checks by caller ID and a question the case allows (0: a callback or documents now).
    caller_id_checks_left: int = 0
    # Why caller ID cannot verify this caller (no call, number withheld, …); None: the call can be used.
    caller_id_unavailable: CallerIdUnavailable | None = CallerIdUnavailable.NO_CALL
    # Where an electronic record would go (the registered address, or one confirmed in the identity
    # check); None: it is not possible, and a disclosure asked for electronically goes in writing.
    electronic_address: DeliveryAddress | None = None
    # A stop-provision case's: the recipients the customer's data went to on consent (latest first).
    provision_recipients: tuple[str, ...] = ()
    # Who asks for the person, when a proxy does (`proxies.py`); None: the person themselves.
    proxy: ProxyView | None = None
    # The leak incident a question about one is about, as the script reads it; None: about none.
    incident: IncidentBriefing | None = None


def draft_key(case_id: int) -> str:
    return f"{DRAFT_PREFIX}{case_id}"


def case_id_of(key: str) -> int | None:
    """The case a draft key belongs to; None for a key that is not a case's."""
    if key.startswith(DRAFT_PREFIX) and key[len(DRAFT_PREFIX) :].isdigit():
        return int(key[len(DRAFT_PREFIX) :])
    return None


def start_request(
    session: Session,
    *,
    script: Script,
    customer_id: int | None,
    agent_id: int,
    company: CompanyProfile,
    call_row_id: int | None = None,
    arrived_by_post_on: dt.date | None = None,
    incident_no: str | None = None,
    now: dt.datetime | None = None,
) -> ScriptedCase:
    """Open a case of the script's kind (received now, or on the day a written request arrived by post;
    a question about a leak incident about `incident_no`) and save the first draft, so a crash resumes it."""
    at = utc_now(now)
    case = open_case(
        session,
        kind=script.kind,
        customer_id=customer_id,
        agent_id=agent_id,
        received_at=None if arrived_by_post_on else at,
        arrived_by_post_on=arrived_by_post_on,
        target_days=company.response_target_days,
        fee_yen=configured_fee(script.kind, company),
        script_id=script.id,
        script_version=script.version,
        call_id=call_row_id,
        incident_no=incident_no,
        now=at,
    )
    draft = ScriptDraft(script_id=script.id, version=script.version, current_step=script.steps[0].id)
    save_draft(session, agent_id=agent_id, draft_key=draft_key(case.case_id), draft=draft, now=at)
    return ScriptedCase(case=case, draft=draft)


def save_progress(
    session: Session, case_id: int, *, agent_id: int, draft: ScriptDraft, now: dt.datetime | None = None
) -> None:
    save_draft(session, agent_id=agent_id, draft_key=draft_key(case_id), draft=draft, now=now)


def case_context(session: Session, case_id: int, *, agent_id: int, log_view: bool = False) -> CaseContext:
    """The case, this agent's draft for it (None once the script ended) and what its steps need.

    With `log_view` (the case is being opened, not refreshed), the customer's details shown are written
    to the access log as a view in this case. `AgentNotActive` for an agent unknown or disabled.
    """
    require_active(session, agent_id)
    case = load_case(session, case_id)
    view = view_of(case)
    if log_view and case.customer_id is not None:
        record_access(
            session,
            agent_id=agent_id,
            action=AccessAction.VIEW,
            customer_ids=[case.customer_id],
            detail="case opened",
            case_id=case.id,
        )
    draft = load_draft(session, agent_id=agent_id, draft_key=draft_key(case_id))
    if case.state in FINAL_STATES:
        draft = None
    caller_number = None
    call_id = (case.details or {}).get("call_id")
    if call_id is not None:
        call = session.get(CallRecord, call_id)
        caller_number = _national(call.e164) if call is not None else None
    customer = session.get(Customer, case.customer_id) if case.customer_id is not None else None
    facts = case_facts(session, case)
    notes = tuple(str(note) for note in (case.details or {}).get("script_notes", []))
    callback = _national(
        session.scalar(select(Complaint.callback_number).where(Complaint.case_id == case.id))
    )
    incident = incident_of_case(session, case.id) if case.kind is CaseKind.LEAK_INQUIRY else None
    if customer is None or customer.state is CustomerState.ERASED:
        return CaseContext(
            case=view,
            draft=draft,
            customer_no=customer.customer_no if customer else None,
            customer_row_version=None,
            current={},
            registered_numbers=(),
            caller_number=caller_number,
            facts=facts,
            notes=notes,
            callback_number=callback,
            incident=incident,
        )
    current = {
        field: value
        for field in ("name", "name_kana", "postal_code", "prefecture", "city")
        if (value := getattr(customer, field))
    }
    registered = tuple(_national(phone.e164) or phone.raw for phone in customer.phones)
    return CaseContext(
        case=view,
        draft=draft,
        customer_no=customer.customer_no,
        customer_row_version=customer.row_version,
        current=current,
        registered_numbers=registered,
        caller_number=caller_number,
        facts=facts,
        notes=notes,
        callback_number=callback,
        knowledge_items=answerable_knowledge(session, customer.id),
        caller_id_checks_left=caller_id_checks_left(session, case.id),
        caller_id_unavailable=caller_id_unavailable(session, case.id),
        electronic_address=electronic_address(case, customer),
        provision_recipients=(
            stoppable_recipients(session, customer.id) if case.kind is CaseKind.STOP_PROVISION else ()
        ),
        proxy=proxy_of(case),
        incident=incident,
    )


def case_facts(session: Session, case: Case) -> CaseFacts:
    """What the script's `when` steps test: a customer on file (not erased) with a registered number,
    whether the request charges a fee, and whether it is about a leak incident."""
    customer = session.get(Customer, case.customer_id) if case.customer_id is not None else None
    fee = charges_fee(case.kind, case.fee_yen)
    incident = case.kind is CaseKind.LEAK_INQUIRY and incident_of_case(session, case.id) is not None
    if customer is None or customer.state is CustomerState.ERASED:
        return CaseFacts(customer=False, registered_number=False, fee=fee, incident=incident)
    numbered = session.scalar(select(Phone.id).where(Phone.customer_id == customer.id).limit(1))
    return CaseFacts(customer=True, registered_number=numbered is not None, fee=fee, incident=incident)


def check_identity(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    method: IdentityMethod,
    inputs: Mapping[str, Any],
    now: dt.datetime | None = None,
) -> IdentityCheckResult:
    """One identity check from what the agent entered at the verify step.

    Inputs: `knowledge_item` and `said` (caller ID and a question: the calling number is never an input,
    `record_identity_check` reads it from the call that opened the case, and compares the answer with
    the record without keeping it); `dialled` and `result` (a callback); `document_type`, `received_on`
    and `matched` (documents: which of name, address, birth_date they show as on the record).
    """
    at = utc_now(now)
    detail = identity_detail(method, inputs, at)
    return record_identity_check(session, case_id, agent_id=agent_id, method=method, detail=detail, now=at)


def _national(e164: str | None) -> str | None:
    if not e164:
        return None
    try:
        return normalise(e164).national
    except InvalidPhoneNumber:
        return None


def run_action(
    session: Session,
    case_id: int,
    *,
    script: Script,
    step_id: str,
    answers: Mapping[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    company: CompanyProfile,
    now: dt.datetime | None = None,
) -> CaseView:
    """Carry out the action step `step_id` with the answers so far and what the agent entered (`inputs`).

    Each operation's inputs are documented in docs/SCRIPTS.md. A step already carried out for this case
    writes nothing the second time. `company` signs what an action sends (the fee-payment notice).
    """
    check_answers(answers)
    case = load_case(session, case_id)
    step = script.step(step_id)
    operation = getattr(step.detail, "operation", None)
    if not isinstance(operation, Operation):
        raise ValueError(f"step {step_id!r} of {script.id} is not an action step")
    if (case.script_id, case.script_version) != (script.id, script.version):
        raise ValueError(f"case {case.case_no} follows {case.script_id} version {case.script_version}")
    if step_id in (case.details or {}).get("actions_done", {}):
        return view_of(case)
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    at = utc_now(now)
    # Only what was said on the way to this step: an answer Back left on another branch is not used.
    values = values_on_path(script, step_id, answers, facts=case_facts(session, case))
    OPERATIONS[operation](session, case_id, values, inputs, agent_id, at, company)
    case = load_case(session, case_id)
    done = {
        **case.details.get("actions_done", {}),
        step_id: {"operation": operation.value, "at": at.isoformat()},
    }
    update_details(case, actions_done=done)
    session.flush()
    return view_of(case)


def finish_script(
    session: Session,
    case_id: int,
    *,
    script: Script,
    answers: Mapping[str, str],
    agent_id: int,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record every answer along the path taken, close what the call settled, and drop the draft.

    A suspension, stop of provision or correction whose change was applied, or a notice of purposes with
    its purposes recorded and no fee awaited, is completed; a deletion whose caller kept their data is
    withdrawn. Disclosures wait for the fee and the letter, deletions for a supervisor.
    """
    check_answers(answers)
    case = load_case(session, case_id)
    at = utc_now(now)
    taken = _taken(script, answers, case_facts(session, case))
    notes = [
        taken[step.id].strip()
        for step in script.steps
        if isinstance(step.detail, Note) and taken.get(step.id, "").strip()
    ]
    update_details(case, script_answers=taken)
    if notes:
        update_details(case, script_notes=notes)
    detail: dict[str, Any] = {"script_id": script.id, "script_version": script.version, "answers": taken}
    if notes:
        detail["notes"] = notes
    add_event(session, case, agent_id=agent_id, kind="script_finished", detail=detail, at=at)
    withdrawn = _WITHDRAWN_ON_CALL.get(case.kind)
    if withdrawn and taken.get(withdrawn[0]) == withdrawn[1] and case.state not in FINAL_STATES:
        move(
            session,
            case,
            S.WITHDRAWN,
            agent_id=agent_id,
            reason="withdrawn by the caller on the call",
            now=at,
        )
    elif case.state is S.IN_PROGRESS and _settled_on_call(case):
        move(session, case, S.COMPLETED, agent_id=agent_id, now=at)
    discard_draft(session, agent_id=agent_id, draft_key=draft_key(case_id))
    session.flush()
    return view_of(case)


def cancel_script(
    session: Session,
    case_id: int,
    *,
    script: Script,
    answers: Mapping[str, str],
    agent_id: int,
    reason: str,
    now: dt.datetime | None = None,
) -> CaseView:
    """The caller withdrew mid-script: the case is withdrawn with `reason`, the answers so far kept."""
    check_answers(answers)
    case = load_case(session, case_id)
    at = utc_now(now)
    update_details(case, script_answers=dict(answers))
    move(session, case, S.WITHDRAWN, agent_id=agent_id, reason=reason, now=at)
    discard_draft(session, agent_id=agent_id, draft_key=draft_key(case_id))
    session.flush()
    return view_of(case)


def _taken(script: Script, answers: Mapping[str, str], facts: CaseFacts) -> dict[str, str]:
    """The answers on the path the script finished along (Back may have left others behind)."""
    answered = [step.id for step in script.steps if step.id in answers]
    if not answered:
        return {}
    last = max(answered, key=script.index)
    on_path = set(path_to(script, last, answers, facts=facts))
    return {step: answer for step, answer in answers.items() if step in on_path}


def _settled_on_call(case: Case) -> bool:
    kind, details = case.kind, case.details or {}
    if kind is CaseKind.SUSPENSION:
        return "mailings" in details
    if kind is CaseKind.CORRECTION:
        return bool(details.get("corrected_fields")) and not details.get("follow_up")
    if kind in RECORDED_KINDS:
        return completion_problem(kind, details, fee_charged=charges_fee(kind, case.fee_yen)) is None
    return False
