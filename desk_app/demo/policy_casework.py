"""Demo cases answered from the published policy, through the services: a notice of the purposes of use
(its fee first where the configuration charges one) or the information on foreign recipients, recorded,
completed and its letter made or mailed; or refused on one of the law's grounds with a supervisor's
approval; and a question about joint use, or about a leak incident, answered on the call, with no identity
check and no letter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.demo import case_vocabulary as vocab
from desk_app.demo.case_steps import DemoCase
from desk_app.domain.enums import CaseKind, CaseState, FeeStatus
from desk_app.domain.lifecycle import charges_fee
from desk_app.services.cases import incident_answers, policy_answers
from desk_app.services.cases.records import get_case

S = CaseState
# The requests this module plays once the caller is verified.
POLICY_KINDS = frozenset({CaseKind.PURPOSES_NOTICE, CaseKind.FOREIGN_TRANSFER})
REFUSED = ("refused_mailed", "refusal_pending")


def answer_from_policy(case: DemoCase, kind: CaseKind, outcome: str) -> None:
    """Play a verified `kind` case to `outcome`: completed (its letter waiting or mailed) or refused."""
    view = get_case(case.session, case.case_id)
    if charges_fee(kind, view.fee_yen):
        _fee_paid(case)
    elif outcome in REFUSED:
        case.move(S.IN_PROGRESS)
    if outcome in REFUSED:
        case.refuse(approved=outcome == "refused_mailed", kind=kind, verified=True)
        if outcome == "refused_mailed":
            case.letter(mailed=True)
        return
    case.step(lambda session, at: _record(session, case, kind, at))
    if outcome in ("completed_mailed", "completed_waiting"):
        case.complete()
        case.letter(mailed=outcome == "completed_mailed")


def _record(session: Session, case: DemoCase, kind: CaseKind, at: dt.datetime) -> None:
    if kind is CaseKind.FOREIGN_TRANSFER:
        information = case.company.foreign_transfer
        policy_answers.record_foreign_transfer(
            session, case.case_id, agent_id=case.agent, information=information, now=at
        )
    else:
        purposes = case.company.purposes
        policy_answers.record_purposes(session, case.case_id, agent_id=case.agent, purposes=purposes, now=at)


def _fee_paid(case: DemoCase) -> None:
    """The fee requested (its notice mailed) and received, as a disclosure's is."""
    case.record_fee(FeeStatus.REQUESTED)
    case.mail_waiting()
    case.record_fee(FeeStatus.RECEIVED)


def _hung_up(case: DemoCase, outcome: str) -> bool:
    """A call cut off before the answer leaves the case received; a caller may hang up on it (withdrawn)."""
    if outcome == "withdrawn":
        case.move(S.WITHDRAWN, reason=case.rng.choice(vocab.WITHDRAWAL_REASONS))
    return outcome in ("received", "withdrawn")


def leak_inquiry_answered(case: DemoCase, outcome: str) -> None:
    """The incident the case is about explained (or, about none, the facts said to be checked), what the
    caller may ask for told, and the case closed as answered; some callers go on to ask for a request."""
    if _hung_up(case, outcome):
        return
    wish = case.rng.choices(incident_answers.WISHES, weights=(70, 12, 8, 10))[0]
    case.step(
        lambda session, at: incident_answers.answer_leak_inquiry(
            session, case.case_id, agent_id=case.agent, wish=wish, now=at
        )
    )
    case.move(S.COMPLETED)


def joint_use_answered(case: DemoCase, outcome: str) -> None:
    """The group's joint use explained as the configuration says and the case closed as answered."""
    if _hung_up(case, outcome):
        return
    company = case.company
    case.step(
        lambda session, at: policy_answers.answer_joint_use(
            session,
            case.case_id,
            agent_id=case.agent,
            joint_use=company.joint_use,
            company_name=company.name,
            now=at,
        )
    )
    case.move(S.COMPLETED)
