"""A talk script's steps as the services take them: the agent's inputs checked, each action step's work."""

# Every action step goes through the case services (`operations`, `registers`), so every rule — identity
# first, no fee for free requests, four eyes — holds whatever the wizard offers. `scripts.run_action`
# carries a step out once per case; what it calls is `OPERATIONS` below.

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import (
    ComplaintCategory,
    FeeStatus,
    ProvisionStopGround,
    ReportChannel,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.messages import FieldName, InvalidRequest, Message, MessageError, message
from desk_app.domain.provision_stops import ALL_NOT_REQUIRED, ONE_RECIPIENT
from desk_app.domain.safe_text import text_problem
from desk_app.scripts.model import Ask, Choose, Operation, Script
from desk_app.services.cases import incident_answers, operations, policy_answers, provision_stops, registers
from desk_app.services.cases.identity import (
    Callback,
    CallbackResult,
    CallerIdAndKnowledge,
    DocumentCheck,
    Documents,
    IdentityDetail,
    confirmed_email,
)
from desk_app.services.cases.knowledge import KnowledgeItem
from desk_app.services.cases.records import add_event, load_case, update_details
from desk_app.services.cases.verified import require_verified, start_work


class ActionInputError(MessageError, ValueError):
    """What the agent entered for an action step cannot be used; the message names the field."""

    def __init__(self, field: str, problem: Message | str) -> None:
        super().__init__(message("field.problem", field=FieldName(field), problem=problem))
        self.field = field
        self.problem = str(problem)


def answer_values(script: Script, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers by name: an ask step's `field`, a choose step's id. What action steps read."""
    values: dict[str, str] = {}
    for step in script.steps:
        if step.id not in answers:
            continue
        if isinstance(step.detail, Ask):
            values[step.detail.field] = answers[step.id]
        elif isinstance(step.detail, Choose):
            values[step.id] = answers[step.id]
    return values


def check_answers(answers: Mapping[str, str]) -> None:
    """The answers kept with the case hold no control or text-direction characters, whoever sent them
    (the wizard checks each as it is typed, with `scripts.answers.check_answer`)."""
    for step_id, answer in answers.items():
        problem = text_problem(answer, multiline=True) if isinstance(answer, str) else None
        if problem is not None:
            raise ActionInputError(step_id, problem)


def input_date(field: str, text: object, default: dt.date | None = None) -> dt.date:
    if text in (None, "") and default is not None:
        return default
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ActionInputError(field, message("field.not_date")) from None


def identity_detail(method: IdentityMethod, inputs: Mapping[str, Any], at: dt.datetime) -> IdentityDetail:
    """What the agent entered at the verify step, as the identity check takes it; `ActionInputError` names
    the field that cannot be used."""
    detail: IdentityDetail
    if method is IdentityMethod.CALLER_ID_AND_KNOWLEDGE:
        try:
            item = KnowledgeItem(str(inputs.get("knowledge_item")))
        except ValueError:
            raise ActionInputError("knowledge_item", message("identity.choose_question")) from None
        said = str(inputs.get("said") or "")
        if not said.strip():
            raise ActionInputError("said", message("identity.type_answer"))
        detail = CallerIdAndKnowledge(knowledge_item=item, said=said)
    elif method is IdentityMethod.CALLBACK:
        try:
            result = CallbackResult(str(inputs.get("result")))
        except ValueError:
            raise ActionInputError("result", message("identity.callback_result")) from None
        detail = Callback(
            dialled=str(inputs.get("dialled") or ""), at=at, result=result, email=_email_input(inputs)
        )
    else:
        document_type = str(inputs.get("document_type") or "").strip()
        if not document_type:
            raise ActionInputError("document_type", message("identity.document_type"))
        try:
            matched = frozenset(DocumentCheck(str(item)) for item in inputs.get("matched") or ())
        except ValueError:
            raise ActionInputError("matched", message("identity.matched_items")) from None
        detail = Documents(
            received_on=input_date("received_on", inputs.get("received_on"), japan_today(at)),
            document_type=document_type,
            matched=matched,
            email=_email_input(inputs),
        )
    return detail


def _email_input(inputs: Mapping[str, Any]) -> str | None:
    """The e-mail address a callback or the documents confirmed, checked here so the field is named."""
    try:
        return confirmed_email(str(inputs.get("email") or ""))
    except InvalidRequest as refused:
        raise ActionInputError("email", refused.explanation) from None


# --- the action steps -------------------------------------------------------------------------------


def _request_fee(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    if inputs.get("waive"):
        reason = str(inputs.get("reason") or "").strip()
        if not reason:
            raise ActionInputError("reason", message("fee.waived_needs_reason"))
        operations.record_fee(
            session, case_id, agent_id=agent_id, status=FeeStatus.WAIVED, reason=reason, now=at
        )
    else:
        operations.record_fee(
            session, case_id, agent_id=agent_id, status=FeeStatus.REQUESTED, company=company, now=at
        )


def _record_fee(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    method = str(inputs.get("method") or "").strip()
    if not method:
        raise ActionInputError("method", message("fee.method_required"))
    on = input_date("on", inputs.get("on"), japan_today(at))
    operations.record_fee(
        session, case_id, agent_id=agent_id, status=FeeStatus.RECEIVED, method=method, on=on, now=at
    )


def _stop_mailings(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    chosen = set(operations.mailings_named(values.get("mailings", "")))
    stop = {mailing: bool(inputs.get(mailing, mailing in chosen)) for mailing in operations.MAILINGS}
    effective = input_date("effective", inputs.get("effective") or values.get("stop_from"), japan_today(at))
    ground = _request_ground(values, inputs)
    operations.stop_mailings(
        session, case_id, agent_id=agent_id, effective=effective, ground=ground, now=at, **stop
    )


def _request_ground(values: dict[str, str], inputs: Mapping[str, Any]) -> SuspensionGround:
    """The ground the caller gave at the script's `ground` step (APPI Art. 35(1), (5), or their wish)."""
    try:
        return SuspensionGround(str(inputs.get("ground") or values.get("ground") or ""))
    except ValueError:
        raise ActionInputError("ground", message("request_ground.choose")) from None


def _stop_provision(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    # The caller's choices (`which`, `ground`); the step's page names the recipient and may change the scope.
    scope = str(inputs.get("scope") or values.get("which") or "")
    try:
        ground = ProvisionStopGround(str(inputs.get("ground") or values.get("ground") or ""))
    except ValueError:
        raise ActionInputError("ground", message("provision.choose_ground")) from None
    recipient = None
    if scope == ONE_RECIPIENT:
        recipient = str(inputs.get("recipient") or "").strip()
        if not recipient:
            raise ActionInputError("recipient", message("provision.choose_recipient"))
    elif scope != ALL_NOT_REQUIRED:
        raise ActionInputError("which", message("provision.choose_scope"))
    provision_stops.stop_provision(
        session, case_id, agent_id=agent_id, recipient=recipient, ground=ground, now=at
    )


def _record_purposes(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    # The purposes configured now, with their version: what the notice will list.
    policy_answers.record_purposes(session, case_id, agent_id=agent_id, purposes=company.purposes, now=at)


def _record_foreign_transfer(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    information = company.foreign_transfer
    policy_answers.record_foreign_transfer(
        session, case_id, agent_id=agent_id, information=information, now=at
    )


def _answer_joint_use(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    joint_use, name = company.joint_use, company.name
    policy_answers.answer_joint_use(
        session, case_id, agent_id=agent_id, joint_use=joint_use, company_name=name, now=at
    )


def _answer_leak_inquiry(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    wish = values.get("wishes") or "none"
    incident_answers.answer_leak_inquiry(session, case_id, agent_id=agent_id, wish=wish, now=at)


def _apply_correction(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    changes = inputs.get("changes") or {}
    if not isinstance(changes, Mapping):
        raise ActionInputError("changes", message("action.changes_table"))
    if values.get("target") == "other" and not changes:
        # Something the desk cannot change on the call: it is passed on, and the case stays open.
        case = require_verified(session, case_id)
        start_work(session, case, agent_id, at)
        detail = {"details": values.get("other_details", "")}
        update_details(case, follow_up=detail)
        add_event(session, case, agent_id=agent_id, kind="follow_up", detail=detail, at=at)
        return
    version = inputs.get("expected_row_version")
    if not isinstance(version, int):
        raise ActionInputError("expected_row_version", message("action.version_required"))
    operations.apply_correction(
        session,
        case_id,
        agent_id=agent_id,
        changes=dict(changes),
        expected_customer_row_version=version,
        now=at,
    )


def _propose_erasure(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    ground = _request_ground(values, inputs)
    operations.propose_erasure(
        session, case_id, agent_id=agent_id, note=inputs.get("note"), ground=ground, now=at
    )


def _prepare_letter(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    delivery = values.get("delivery", "letter")
    email = values.get("delivery_email") if delivery == "electronic" else None
    operations.choose_delivery(session, case_id, agent_id=agent_id, delivery=delivery, email=email, now=at)


def _escalate(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    # The caller has been told a supervisor will call back; the complaint is recorded escalated later in
    # the script (record_complaint), and this event keeps when the promise was made.
    case = load_case(session, case_id)
    note = str(inputs.get("note") or "").strip() or None
    update_details(case, escalation_promised={"by": agent_id, "at": at.isoformat(), "note": note})
    add_event(session, case, agent_id=agent_id, kind="escalation_promised", detail={"note": note}, at=at)


def _record_complaint(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    registers.record_complaint(
        session,
        case_id,
        agent_id=agent_id,
        category=ComplaintCategory(values.get("category", "other")),
        details=values.get("details", ""),
        answer_given=values.get("answer_given") or None,
        escalate=values.get("escalation") == "escalate",
        callback_number=values.get("callback_number") or None,
        now=at,
    )


_PAID = {"paid", "paid_and_disclosed"}
_DISCLOSED = {"disclosed", "paid_and_disclosed"}


def _record_report(
    session: Session,
    case_id: int,
    values: dict[str, str],
    inputs: Mapping[str, Any],
    agent_id: int,
    at: dt.datetime,
    company: CompanyProfile,
) -> None:
    answer = values.get("paid_or_disclosed", "neither")
    registers.record_report(
        session,
        case_id,
        agent_id=agent_id,
        channel=ReportChannel(values.get("channel", "phone")),
        received_on=input_date("received_on", values.get("received_on"), japan_today(at)),
        claimed_sender=values.get("claimed_sender", ""),
        shown_number=values.get("shown_number") or None,
        shown_url=values.get("shown_url") or None,
        paid=answer in _PAID,
        disclosed=answer in _DISCLOSED,
        details=values.get("details", ""),
        now=at,
    )


# What each action step does, by the operation the script names.
OPERATIONS = {
    Operation.REQUEST_FEE: _request_fee,
    Operation.RECORD_FEE: _record_fee,
    Operation.STOP_MAILINGS: _stop_mailings,
    Operation.APPLY_CORRECTION: _apply_correction,
    Operation.PROPOSE_ERASURE: _propose_erasure,
    Operation.PREPARE_LETTER: _prepare_letter,
    Operation.ESCALATE: _escalate,
    Operation.RECORD_COMPLAINT: _record_complaint,
    Operation.RECORD_REPORT: _record_report,
    Operation.STOP_PROVISION: _stop_provision,
    Operation.RECORD_PURPOSES: _record_purposes,
    Operation.RECORD_FOREIGN_TRANSFER: _record_foreign_transfer,
    Operation.ANSWER_JOINT_USE: _answer_joint_use,
    Operation.ANSWER_LEAK_INQUIRY: _answer_leak_inquiry,
}
