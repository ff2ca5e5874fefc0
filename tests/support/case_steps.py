"""The steps of the case service tests (tests/core/services/cases): one clock, one customer's numbers, a case
opened, verified and moved, and a snapshot of everything an operation could write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, CaseState, Proposal, RefusalGround
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.services.cases.identity import Callback, CallbackResult, record_identity_check
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import AccessLogEntry, Case, CaseEvent, Customer, Phone

S = CaseState
K = CaseKind
RECEIVED_AT = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)  # 10:30 in Japan
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
UNCONFIRMED = RefusalAnswer(
    ground=RefusalGround.IDENTITY_UNCONFIRMED, text="ご本人様であることを確認できませんでした。"
)
HOME = "03-1234-5678"
COMPANY = CompanyProfile()


def _open(
    sessions: sessionmaker[Session], agents: dict[str, int], kind: CaseKind, customer_id: int | None
) -> int:
    with sessions.begin() as session:
        view = open_case(
            session,
            kind=kind,
            customer_id=customer_id,
            agent_id=agents["agent"],
            received_at=RECEIVED_AT,
            target_days=14,
            fee_yen=404,
            now=NOW,
        )
        return view.case_id


def _verify(sessions: sessionmaker[Session], agents: dict[str, int], case_id: int) -> None:
    detail = Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED)
    with sessions.begin() as session:
        result = record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=detail
        )
        assert result.verified


def _move(
    sessions: sessionmaker[Session],
    case_id: int,
    target: CaseState,
    agent_id: int,
    *,
    proposal: Proposal | None = None,
    reason: str | None = None,
    answer: RefusalAnswer | None = None,
) -> None:
    with sessions.begin() as session:
        version = get_case(session, case_id).row_version
        transition(
            session,
            case_id,
            target,
            agent_id=agent_id,
            expected_row_version=version,
            proposal=proposal,
            reason=reason,
            answer=answer,
        )


def _snapshot(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    """Everything an operation could write, to show that a refused one wrote nothing."""
    with sessions() as session:
        cases = session.execute(select(Case.id, Case.state, Case.row_version, Case.details)).all()
        customers = session.execute(select(Customer.id, Customer.row_version, Customer.name)).all()
        counts = [
            session.scalar(select(func.count()).select_from(t)) for t in (CaseEvent, Phone, AccessLogEntry)
        ]
        return (sorted(map(tuple, cases)), sorted(map(tuple, customers)), counts)


def _events(sessions: sessionmaker[Session], case_id: int, kind: str) -> list[dict[str, Any]]:
    with sessions() as session:
        return [event.detail for event in case_events(session, case_id) if event.kind == kind]
