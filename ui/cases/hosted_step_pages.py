"""The wizard's pages the case page provides: the identity check and the action steps, built from the case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QDate

from desk_app.config import CompanyProfile
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.scripts.model import Action, Operation, Script, Step, StepKind
from desk_app.scripts.progress import values_on_path
from desk_app.services.cases import step_proposals
from desk_app.services.cases.scripts import CaseContext
from ui.cases.action_step_pages import (
    CorrectionStepPage,
    DeliveryStepPage,
    FeeStepPage,
    MailingsStepPage,
    PlainActionPage,
    ProvisionStopStepPage,
)
from ui.cases.identity_step_page import IdentityStepPage
from ui.cases.incident_step_pages import LeakAnswerPage
from ui.cases.policy_step_pages import PolicyListPage
from ui.cases.script_step_page import StepPage


def hosted_page(
    step: Step,
    answers: Mapping[str, str],
    context: CaseContext,
    scripts: Mapping[str, Script],
    company: CompanyProfile,
    *,
    check_identity: Callable[[IdentityMethod, dict[str, object]], None],
    proxy_step: Callable[[object], None] | None = None,
) -> StepPage | None:
    """The page for `step` of the case's script, or None where the wizard's own page will do.

    An action step's page starts from the answers on the way taken to it; the identity page asks
    `check_identity` to check what the agent entered.
    """
    answer = answers.get(step.id)
    if step.kind is StepKind.VERIFY_IDENTITY:
        if answer is None and context.proxy is not None and context.case.identity_verified:
            # Verified since the page was made (the person confirmed their agent): by documents, the
            # only check a proxy's case allows.
            answer = IdentityMethod.DOCUMENTS.value
        return IdentityStepPage(
            step,
            company,
            "ja",
            answer,
            proxy=context.proxy,
            proxy_step=proxy_step,
            caller_number=context.caller_number,
            registered_numbers=context.registered_numbers,
            knowledge_items=context.knowledge_items,
            check=check_identity,
            caller_id_checks_left=context.caller_id_checks_left,
            caller_id_unavailable=context.caller_id_unavailable,
            # A written request's documents came with it, on the day it arrived.
            documents_received_on=_qdate(context.case.deadline.received_on)
            if context.case.received_by_post
            else None,
        )
    if not isinstance(step.detail, Action):
        return None
    script = scripts[context.case.script_id or ""]
    values = values_on_path(script, step.id, answers, facts=context.facts)
    operation = step.detail.operation
    if operation is Operation.REQUEST_FEE:
        return FeeStepPage(step, company, "ja", answer, fee_yen=context.case.fee_yen)
    if operation in (
        Operation.RECORD_PURPOSES,
        Operation.RECORD_FOREIGN_TRANSFER,
        Operation.ANSWER_JOINT_USE,
    ):
        return PolicyListPage(step, company, "ja", answer)
    if operation is Operation.ANSWER_LEAK_INQUIRY:
        wish = values.get("wishes", "none")
        return LeakAnswerPage(step, company, "ja", answer, incident=context.incident, wish=wish)
    if operation is Operation.STOP_MAILINGS:
        return MailingsStepPage(
            step,
            company,
            "ja",
            answer,
            chosen=step_proposals.mailings_to_stop(values),
            stop_from=values.get("stop_from") or None,
        )
    if operation is Operation.STOP_PROVISION:
        return ProvisionStopStepPage(
            step,
            company,
            "ja",
            answer,
            scope=values.get("which", ""),
            recipients=context.provision_recipients,
        )
    if operation is Operation.APPLY_CORRECTION:
        return CorrectionStepPage(
            step,
            company,
            "ja",
            answer,
            proposal=step_proposals.correction_proposal(values),
            current=context.current,
            row_version=context.customer_row_version,
        )
    if operation is Operation.PREPARE_LETTER:
        return DeliveryStepPage(
            step,
            company,
            "ja",
            answer,
            asked=values.get("delivery", "letter"),
            address=context.electronic_address,
        )
    return PlainActionPage(step, company, "ja", answer)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
