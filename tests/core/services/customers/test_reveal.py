"""Revealing protected details: only an active agent, only for a call or a case about the customer, only
with a reason from the list or one in the agent's own words; a refused reveal reads and logs nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import call_event
from desk_app.domain.enums import AccessAction, AgentRole, CallSource, CallState, CaseKind
from desk_app.services.cases.opening import open_case
from desk_app.services.customers.calls import record_call_event
from desk_app.services.customers.reveal import (
    OTHER_REASON_MIN_CHARACTERS,
    RevealReason,
    RevealReasonInvalid,
    RevealRefused,
    other_reason_problem,
    reveal_protected_details,
)
from desk_app.storage.models import AccessLogEntry, Agent, Customer

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def desk(sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> dict[str, int]:
    """An active agent, a disabled one, two customers, a call and a case about the first customer."""
    customer = add_customer(phones=(("home", "03-1234-5678"),))
    other = add_customer(name="鈴木 花子", name_kana="スズキ ハナコ", phones=(("home", "06-6123-4567"),))
    with sessions.begin() as session:
        row = session.get_one(Customer, customer)
        row.birth_date = dt.date(1975, 4, 1)
        agents = {
            login: Agent(login=login, display_name=login, role=AgentRole.AGENT, active=active, created_at=NOW)
            for login, active in (("agent", True), ("gone", False))
        }
        session.add_all(agents.values())
        session.flush()
        call = record_call_event(
            session,
            call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number="03-1234-5678"),
        )
        case = open_case(
            session,
            kind=CaseKind.DISCLOSURE,
            customer_id=customer,
            agent_id=agents["agent"].id,
            received_at=NOW,
            target_days=14,
            now=NOW,
        )
        other_case = open_case(
            session,
            kind=CaseKind.DISCLOSURE,
            customer_id=other,
            agent_id=agents["agent"].id,
            received_at=NOW,
            target_days=14,
            now=NOW,
        )
        return {
            "customer": customer,
            "agent": agents["agent"].id,
            "gone": agents["gone"].id,
            "call": call,
            "case": case.case_id,
            "other_case": other_case.case_id,
        }


def _reveals(sessions: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    with sessions() as session:
        rows = session.execute(
            select(
                AccessLogEntry.agent_id, AccessLogEntry.call_id, AccessLogEntry.case_id, AccessLogEntry.detail
            )
            .where(AccessLogEntry.action == AccessAction.REVEAL)
            .order_by(AccessLogEntry.id)
        )
        return [tuple(row) for row in rows]


def _count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(AccessLogEntry)) or 0


def _reveal(sessions: sessionmaker[Session], customer: int, **arguments: Any) -> Any:
    with sessions.begin() as session:
        return reveal_protected_details(session, customer, **arguments)


@pytest.mark.parametrize(
    ("who", "where", "refused"),
    [
        (None, "call", "signed in"),  # no agent: what `reveal_protected_details(reason=".")` once allowed
        ("gone", "call", "no active agent"),
        (999_999, "call", "no active agent"),
        ("agent", None, "for a call or a case"),
        ("agent", "no_such_call", "no call"),
        ("agent", "other_case", "not about this customer"),
    ],
)
def test_a_reveal_needs_an_active_agent_and_a_call_or_a_case_about_the_customer(
    sessions: sessionmaker[Session],
    desk: dict[str, int],
    who: str | int | None,
    where: str | None,
    refused: str,
) -> None:
    agent = desk[who] if isinstance(who, str) else who
    place: dict[str, int] = {}
    if where == "call":
        place = {"call_id": desk["call"]}
    elif where == "no_such_call":
        place = {"call_id": desk["call"] + 1000}
    elif where == "other_case":
        place = {"case_id": desk["other_case"]}
    before = _count(sessions)
    with pytest.raises(RevealRefused, match=refused):
        _reveal(sessions, desk["customer"], agent_id=agent, reason=RevealReason.CALLBACK, **place)
    assert _count(sessions) == before


@pytest.mark.parametrize(
    ("reason", "other"),
    [
        (".", None),  # any text once passed as a reason
        ("identity verified", None),
        (RevealReason.OTHER, None),
        (RevealReason.OTHER, "."),
        (RevealReason.OTHER, "確認のため"),
        (RevealReason.OTHER, "aaaaaaaaaaaaaaaa"),
        (RevealReason.OTHER, "- - - - - - - - - - - -"),
    ],
)
def test_a_reveal_needs_a_listed_reason_or_an_other_reason_of_real_length(
    sessions: sessionmaker[Session], desk: dict[str, int], reason: str, other: str | None
) -> None:
    before = _count(sessions)
    with pytest.raises(RevealReasonInvalid):
        _reveal(
            sessions,
            desk["customer"],
            agent_id=desk["agent"],
            call_id=desk["call"],
            reason=reason,
            other_reason=other,
        )
    assert _count(sessions) == before


def test_a_reveal_for_a_call_or_a_case_logs_who_where_and_why(
    sessions: sessionmaker[Session], desk: dict[str, int]
) -> None:
    by_call = _reveal(
        sessions, desk["customer"], agent_id=desk["agent"], call_id=desk["call"], reason=RevealReason.CALLBACK
    )
    assert by_call.birth_date == dt.date(1975, 4, 1)
    other = "返品先の住所を本人と確認するため"
    assert other_reason_problem(other) is None
    assert len(other) >= OTHER_REASON_MIN_CHARACTERS
    _reveal(
        sessions,
        desk["customer"],
        agent_id=desk["agent"],
        case_id=desk["case"],
        reason=RevealReason.OTHER,
        other_reason=f"  {other}  ",
    )
    assert _reveals(sessions) == [
        (desk["agent"], desk["call"], None, "callback"),
        (desk["agent"], None, desk["case"], f"other: {other}"),
    ]
