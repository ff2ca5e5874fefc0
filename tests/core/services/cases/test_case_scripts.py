"""Talk scripts run on a case: every request type from the first step to the last, with the database
changed exactly as the script says; identity first, action steps run once, the draft kept until the end,
and the caller's answer to the knowledge question never stored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CallState,
    CaseKind,
    CaseState,
    CustomerState,
    OrderChannel,
    Proposal,
    ProvisionBasis,
    SuspensionGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.erased_register_key import RegisterKey
from desk_app.paths import resources_dir
from desk_app.scripts.answers import check_answer
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Ask, Choose, InputType, LocalText, Option, Script, Step, StepKind
from desk_app.scripts.progress import ScriptDraft
from desk_app.services.cases import registers
from desk_app.services.cases.actions import CaseAction, available_actions, perform
from desk_app.services.cases.drafts import load_draft
from desk_app.services.cases.identity import CallbackRefused, CallerIdUnavailable
from desk_app.services.cases.knowledge import KnowledgeItem, knowledge_matches
from desk_app.services.cases.records import ApprovalRefused, case_events, get_case
from desk_app.services.cases.script_steps import ActionInputError, answer_values
from desk_app.services.cases.scripts import (
    cancel_script,
    case_context,
    case_id_of,
    check_identity,
    draft_key,
    finish_script,
    run_action,
    save_progress,
    start_request,
)
from desk_app.services.cases.step_proposals import correction_proposal, mailings_to_stop
from desk_app.services.cases.verified import IdentityNotVerified
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    CallRecord,
    Case,
    CaseEvent,
    Complaint,
    Customer,
    Order,
    Phone,
    ScriptDraftRow,
    SuspiciousReport,
)
from tests.support.letter_cases import provision_record

S = CaseState
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # 11:00 in Japan
REGISTER_KEY = RegisterKey(b"erased-register key of the script tests")
HOME = "03-1234-5678"
HOME_E164 = "+81312345678"
MOBILE = "090-1111-2222"
STRANGER = "090-9999-0000"
BIRTH_DATE = dt.date(1975, 4, 1)
COMPANY = CompanyProfile()
SCRIPTS: dict[str, Script] = load_scripts(resources_dir() / "scripts")
IDENTITY_SCRIPTS = ("disclosure", "provision_disclosure", "correction", "suspension", "deletion")


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    roles = {
        "agent": AgentRole.AGENT,
        "agent2": AgentRole.AGENT,
        "supervisor": AgentRole.SUPERVISOR,
        "supervisor2": AgentRole.SUPERVISOR,
    }
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=f"{login} name", role=role, created_at=NOW)
            for login, role in roles.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


@pytest.fixture
def customer(sessions: sessionmaker[Session], add_customer: Callable[..., int]) -> int:
    """A customer with a date of birth, a home and a mobile number and six orders (A1 the oldest)."""
    customer_id = add_customer(phones=(("home", HOME), ("mobile", MOBILE)))
    with sessions.begin() as session:
        row = session.get(Customer, customer_id)
        assert row is not None
        row.birth_date = BIRTH_DATE
        session.add_all(
            Order(
                order_no=f"A{number}",
                customer_id=customer_id,
                ordered_at=NOW - dt.timedelta(days=10 * (7 - number)),
                channel=OrderChannel.TV,
                amount_yen=9800,
            )
            for number in range(1, 7)
        )
    return customer_id


@pytest.fixture
def call(sessions: sessionmaker[Session], customer: int) -> int:
    """The call the request came in on, from the customer's home number."""
    with sessions.begin() as session:
        row = CallRecord(
            call_id="c-1",
            source="serial",
            started_at=NOW - dt.timedelta(minutes=5),
            state=CallState.ANSWERED,
            raw_number="0312345678",
            e164=HOME_E164,
            customer_id=customer,
        )
        session.add(row)
        session.flush()
        return row.id


# --- helpers: what the case page does, one transaction per user event ---------------------------------


def _start(
    sessions: sessionmaker[Session],
    script_id: str,
    agent_id: int,
    customer_id: int | None,
    call_row_id: int | None = None,
) -> int:
    with sessions.begin() as session:
        started = start_request(
            session,
            script=SCRIPTS[script_id],
            customer_id=customer_id,
            agent_id=agent_id,
            company=COMPANY,
            call_row_id=call_row_id,
            now=NOW,
        )
        return started.case.case_id


def _verify(sessions: sessionmaker[Session], case_id: int, agent_id: int, said: str = "1975年4月1日") -> bool:
    with sessions.begin() as session:
        result = check_identity(
            session,
            case_id,
            agent_id=agent_id,
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            inputs={"knowledge_item": KnowledgeItem.BIRTH_DATE.value, "said": said},
            now=NOW,
        )
        return result.verified


def _act(
    sessions: sessionmaker[Session],
    case_id: int,
    script_id: str,
    step_id: str,
    answers: dict[str, str],
    agent_id: int,
    inputs: Mapping[str, Any] | None = None,
) -> None:
    """Run the action step and record it done, as the wizard does when the host reports success."""
    with sessions.begin() as session:
        run_action(
            session,
            case_id,
            script=SCRIPTS[script_id],
            step_id=step_id,
            answers=dict(answers),
            inputs=inputs or {},
            agent_id=agent_id,
            company=COMPANY,
            now=NOW,
        )
    answers[step_id] = "done"


def _finish(
    sessions: sessionmaker[Session], case_id: int, script_id: str, answers: dict[str, str], agent_id: int
) -> None:
    with sessions.begin() as session:
        finish_script(
            session, case_id, script=SCRIPTS[script_id], answers=answers, agent_id=agent_id, now=NOW
        )


def _ask(script_id: str, step_id: str, typed: str) -> str:
    """The answer the wizard records for what the agent typed at an ask step."""
    detail = SCRIPTS[script_id].step(step_id).detail
    assert isinstance(detail, Ask)
    return check_answer(detail, typed)


def _events(sessions: sessionmaker[Session], case_id: int, kind: str | None = None) -> list[dict[str, Any]]:
    with sessions() as session:
        return [e.detail for e in case_events(session, case_id) if kind is None or e.kind == kind]


def _state(sessions: sessionmaker[Session], case_id: int) -> CaseState:
    with sessions() as session:
        return get_case(session, case_id).state


def _draft(sessions: sessionmaker[Session], case_id: int, agent_id: int) -> ScriptDraft | None:
    with sessions() as session:
        return load_draft(session, agent_id=agent_id, draft_key=draft_key(case_id))


def _customer(sessions: sessionmaker[Session], customer_id: int) -> dict[str, Any]:
    with sessions() as session:
        row = session.get(Customer, customer_id)
        assert row is not None
        phones = sorted((phone.kind.value, phone.e164) for phone in row.phones)
        columns = {column.key: getattr(row, column.key) for column in Customer.__mapper__.column_attrs}
        return {**columns, "phones": phones}


def _snapshot(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    """Everything a script step could write, to show that a refused one wrote nothing."""
    with sessions() as session:
        cases = session.execute(select(Case.id, Case.state, Case.row_version, Case.details)).all()
        customers = session.execute(
            select(Customer.id, Customer.row_version, Customer.name, Customer.catalogue_opt_in)
        ).all()
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (CaseEvent, Phone, AccessLogEntry, Complaint, SuspiciousReport, ScriptDraftRow)
        ]
        return (sorted(map(tuple, cases)), sorted(map(tuple, customers)), counts)


def _all_stored_text(sessions: sessionmaker[Session]) -> str:
    """Every case event, case detail and draft as JSON: where an answer could have been kept."""
    with sessions() as session:
        events = [e.detail for e in session.scalars(select(CaseEvent))]
        details = list(session.scalars(select(Case.details)))
        drafts = list(session.scalars(select(ScriptDraftRow.answers)))
        return json.dumps([events, details, drafts], ensure_ascii=False, default=str)


# --- the seven request types from greeting to notes ---------------------------------------------------


def test_disclosure_fee_requested_then_received_then_completed(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    with sessions.begin() as session:
        registered = session.get(Customer, customer)
        assert registered is not None
        registered.email = "taro@example.jp"
    case_id = _start(sessions, "disclosure", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {"verify_identity": IdentityMethod.CALLER_ID_AND_KNOWLEDGE.value, "fee": "yes"}
    _act(sessions, case_id, "disclosure", "request_fee", answers, agent, {"waive": False})
    assert _state(sessions, case_id) is S.FEE_PENDING
    answers["delivery"] = "electronic"
    _act(sessions, case_id, "disclosure", "prepare_letter", answers, agent)
    answers["notes"] = ""
    _finish(sessions, case_id, "disclosure", answers, agent)

    assert _state(sessions, case_id) is S.FEE_PENDING  # the fee and the letter are still to come
    (fee,) = _events(sessions, case_id, "fee")
    assert (fee["status"], fee["yen"]) == ("requested", 404)
    (delivery,) = _events(sessions, case_id, "delivery_chosen")
    sent = {"method": "electronic", "email": "taro@example.jp", "asked": "electronic", "to": "registered"}
    assert delivery == {"before": None, "after": sent}
    (finished,) = _events(sessions, case_id, "script_finished")
    assert finished["answers"] == answers
    with sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.details["delivery"] == sent
        assert set(case.details["actions_done"]) == {"request_fee", "prepare_letter"}
        view = get_case(session, case_id)
    assert CaseAction.RECORD_FEE_RECEIVED in available_actions(view, agent_id=agent, role=AgentRole.AGENT)

    with sessions.begin() as session:
        view = perform(
            session,
            case_id,
            CaseAction.RECORD_FEE_RECEIVED,
            agent_id=agent,
            expected_row_version=view.row_version,
            inputs={"method": "postal money order", "on": "2026-11-25"},
            now=NOW + dt.timedelta(days=5),
        )
    assert view.state is S.FEE_RECEIVED
    # Received on 25 November in Japan: midnight there is 15:00 UTC the day before.
    assert view.fee_received_at == dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
    assert CaseAction.COMPLETE in available_actions(view, agent_id=agent, role=AgentRole.AGENT)
    with sessions.begin() as session:
        view = perform(
            session,
            case_id,
            CaseAction.COMPLETE,
            agent_id=agent,
            expected_row_version=view.row_version,
            inputs={"note": "PDF sent"},
            now=NOW + dt.timedelta(days=6),
        )
    assert view.state is S.COMPLETED
    fees = _events(sessions, case_id, "fee")
    assert [(f["status"], f["method"], f["on"]) for f in fees] == [
        ("requested", None, None),
        ("received", "postal money order", "2026-11-25"),
    ]
    moves = [(e["from"], e["to"]) for e in _events(sessions, case_id, "state_changed")]
    assert moves[-2:] == [("fee_received", "in_progress"), ("in_progress", "completed")]


def test_the_identity_step_is_offered_only_questions_the_record_can_check(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, add_customer: Callable[..., int]
) -> None:
    agent = agents["agent"]
    full = _start(sessions, "disclosure", agent, customer)
    # add_customer's customer has a street with a number but no date of birth and no orders.
    sparse = _start(sessions, "disclosure", agent, add_customer(name="佐藤 一郎"))
    with sessions() as session:
        assert case_context(session, full, agent_id=agent).knowledge_items == (
            KnowledgeItem.BIRTH_DATE,
            KnowledgeItem.STREET_NUMBER,
            KnowledgeItem.RECENT_ORDER,
        )
        assert case_context(session, sparse, agent_id=agent).knowledge_items == (KnowledgeItem.STREET_NUMBER,)


def test_provision_disclosure_fee_waived_by_letter_then_completed(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "provision_disclosure", agent, customer)
    # No call: the identity is confirmed by calling the registered mobile back.
    with sessions() as session:
        numbers = case_context(session, case_id, agent_id=agent).registered_numbers
    assert "090-1111-2222" in numbers
    with sessions.begin() as session:
        result = check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.CALLBACK,
            inputs={"dialled": "090-1111-2222", "result": "answered"},
            now=NOW,
        )
    assert result.verified
    answers = {"verify_identity": "callback", "fee": "yes"}
    _act(
        sessions,
        case_id,
        "provision_disclosure",
        "request_fee",
        answers,
        agent,
        {"waive": True, "reason": "hardship"},
    )
    assert _state(sessions, case_id) is S.IN_PROGRESS
    answers["delivery"] = "letter"
    _act(sessions, case_id, "provision_disclosure", "prepare_letter", answers, agent)
    answers["notes"] = ""
    _finish(sessions, case_id, "provision_disclosure", answers, agent)

    (fee,) = _events(sessions, case_id, "fee")
    assert (fee["status"], fee["reason"]) == ("waived", "hardship")
    (delivery,) = _events(sessions, case_id, "delivery_chosen")
    assert delivery["after"] == {"method": "letter", "email": None, "asked": "letter"}
    with sessions.begin() as session:
        view = get_case(session, case_id)
        assert view.state is S.IN_PROGRESS
        done = perform(
            session,
            case_id,
            CaseAction.COMPLETE,
            agent_id=agent,
            expected_row_version=view.row_version,
            inputs={},
            now=NOW,
        )
    assert done.state is S.COMPLETED


def test_correction_of_the_address_changes_the_record_and_completes(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "target": "address",
        "new_postal_code": _ask("correction", "new_postal_code", "〒２３１－００２３"),
        "new_address": _ask("correction", "new_address", "神奈川県横浜市中区山下町1-2"),
        "read_back": "yes",
    }
    script = SCRIPTS["correction"]
    proposal = correction_proposal(answer_values(script, answers))
    assert proposal == {
        "postal_code": "2310023",
        "prefecture": "神奈川県",
        "city": "横浜市中区",
        "street": "山下町1-2",
    }
    with sessions() as session:
        context = case_context(session, case_id, agent_id=agent)
    assert context.current["city"] == "千代田区"
    assert context.caller_number == "03-1234-5678"
    before = _customer(sessions, customer)
    _act(
        sessions,
        case_id,
        "correction",
        "apply_correction",
        answers,
        agent,
        {"changes": proposal, "expected_row_version": context.customer_row_version},
    )
    answers["notes"] = ""
    _finish(sessions, case_id, "correction", answers, agent)

    after = _customer(sessions, customer)
    assert {f: after[f] for f in proposal} == proposal
    assert after["row_version"] == before["row_version"] + 1
    (corrected,) = _events(sessions, case_id, "corrected")
    assert corrected["changes"] == {
        "postal_code": {"before": "1000001", "after": "2310023"},
        "prefecture": {"before": "東京都", "after": "神奈川県"},
        "city": {"before": "千代田区", "after": "横浜市中区"},
        "street": {"before": "千代田1-1", "after": "山下町1-2"},
    }
    assert _state(sessions, case_id) is S.COMPLETED
    with sessions() as session:
        logged = session.scalars(select(AccessLogEntry).where(AccessLogEntry.case_id == case_id)).all()
    assert [entry.action for entry in logged] == [AccessAction.CHANGE]


def test_correction_of_a_phone_number_replaces_that_kind(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "target": "phone",
        "new_phone": _ask("correction", "new_phone", "０９０－３３３３－４４４４"),
        "read_back": "yes",
    }
    proposal = correction_proposal(answer_values(SCRIPTS["correction"], answers))
    assert proposal == {"phone": "+819033334444"}
    with sessions() as session:
        version = case_context(session, case_id, agent_id=agent).customer_row_version
    changes = {"phone_mobile": proposal["phone"]}  # the form asks which number it replaces
    _act(
        sessions,
        case_id,
        "correction",
        "apply_correction",
        answers,
        agent,
        {"changes": changes, "expected_row_version": version},
    )
    _finish(sessions, case_id, "correction", {**answers, "notes": ""}, agent)
    assert _customer(sessions, customer)["phones"] == [("home", HOME_E164), ("mobile", "+819033334444")]
    (corrected,) = _events(sessions, case_id, "corrected")
    assert corrected["changes"] == {"phone_mobile": {"before": ["+819011112222"], "after": "+819033334444"}}
    assert _state(sessions, case_id) is S.COMPLETED


def test_correction_of_something_else_is_passed_on_and_stays_open(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    before = _customer(sessions, customer)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "target": "other",
        "other_details": "勤務先の電話番号が古い",
        "other_read_back": "yes",
    }
    assert correction_proposal(answer_values(SCRIPTS["correction"], answers)) == {}
    _act(
        sessions,
        case_id,
        "correction",
        "pass_on",
        answers,
        agent,
        {"changes": {}, "expected_row_version": None},
    )
    _finish(sessions, case_id, "correction", {**answers, "notes": ""}, agent)
    assert _customer(sessions, customer) == before
    assert _events(sessions, case_id, "follow_up") == [{"details": "勤務先の電話番号が古い"}]
    with sessions() as session:
        view = get_case(session, case_id)
    assert view.state is S.IN_PROGRESS
    assert CaseAction.COMPLETE in available_actions(view, agent_id=agent, role=AgentRole.AGENT)


def test_suspension_stops_the_chosen_mailings_from_the_date_asked_and_completes(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspension", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "mailings": "catalogue",
        "ground": "beyond_purpose",
        "stop_from": _ask("suspension", "stop_from", "２０２６－１２－０１"),
    }
    values = answer_values(SCRIPTS["suspension"], answers)
    assert mailings_to_stop(values) == ("catalogue",)
    # The action page offers the choice ticked; the agent also ticks direct mail after asking again.
    inputs = {
        "catalogue": True,
        "direct_mail": True,
        "email_magazine": False,
        "effective": answers["stop_from"],
    }
    _act(sessions, case_id, "suspension", "stop_mailings", answers, agent, inputs)
    _finish(sessions, case_id, "suspension", {**answers, "notes": ""}, agent)

    after = _customer(sessions, customer)
    assert (after["catalogue_opt_in"], after["direct_mail_opt_in"], after["email_magazine_opt_in"]) == (
        False,
        False,
        False,  # never opted in
    )
    assert after["catalogue_changed_at"] == NOW
    assert after["email_magazine_changed_at"] is None
    (stopped,) = _events(sessions, case_id, "mailings_stopped")
    assert stopped == {
        "changes": {
            "catalogue": {"before": True, "after": False},
            "direct_mail": {"before": True, "after": False},
        },
        "effective": "2026-12-01",
    }
    # The ground the caller gave is kept with the case, before the mailings it stopped.
    assert _events(sessions, case_id, "request_ground") == [{"ground": "beyond_purpose"}]
    with sessions() as session:
        assert get_case(session, case_id).request_ground is SuspensionGround.BEYOND_PURPOSE
    assert _state(sessions, case_id) is S.COMPLETED


def test_suspension_without_inputs_stops_what_the_caller_chose_from_today(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspension", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "mailings": "all",
        "ground": "customer_wish",
        "stop_from": "",
    }
    _act(sessions, case_id, "suspension", "stop_mailings", answers, agent)
    (stopped,) = _events(sessions, case_id, "mailings_stopped")
    assert sorted(stopped["changes"]) == ["catalogue", "direct_mail", "email_magazine"]
    assert stopped["effective"] == "2026-11-20"


def test_a_stop_of_provision_stops_the_recipient_the_step_names_and_completes(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    with sessions.begin() as session:
        credit = provision_record(customer, "さくら信販株式会社", dt.date(2026, 9, 1), ProvisionBasis.CONSENT)
        session.add(credit)
    case_id = _start(sessions, "stop_provision", agent, customer, call)
    with sessions() as session:
        context = case_context(session, case_id, agent_id=agent)
    assert context.provision_recipients == ("さくら信販株式会社",)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "which": "recipient",
        "ground": "rights_at_risk",
        "exceptions": "yes",
    }
    # One recipient asked for, none named: refused, nothing written.
    before = _snapshot(sessions)
    with pytest.raises(ActionInputError, match="recipient"):
        _act(sessions, case_id, "stop_provision", "stop_provision", dict(answers), agent)
    assert _snapshot(sessions) == before
    inputs = {"scope": "recipient", "recipient": "さくら信販株式会社"}
    _act(sessions, case_id, "stop_provision", "stop_provision", answers, agent, inputs)
    _finish(sessions, case_id, "stop_provision", {**answers, "notes": ""}, agent)

    (stopped,) = _events(sessions, case_id, "provision_stopped")
    assert stopped == {"scope": "recipient", "recipient": "さくら信販株式会社", "ground": "rights_at_risk"}
    assert _customer(sessions, customer)["provision_opt_in"] is True
    assert _state(sessions, case_id) is S.COMPLETED


def test_a_stop_of_all_provision_needs_no_recipient_and_switches_provision_on_consent_off(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "stop_provision", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {"verify_identity": "caller_id_and_knowledge", "which": "all", "ground": "consent_withdrawn"}
    _act(sessions, case_id, "stop_provision", "stop_provision", answers, agent)
    _finish(sessions, case_id, "stop_provision", {**answers, "exceptions": "yes", "notes": ""}, agent)
    (stopped,) = _events(sessions, case_id, "provision_stopped")
    assert stopped == {"scope": "all", "recipient": None, "ground": "consent_withdrawn", "before": True}
    after = _customer(sessions, customer)
    assert (after["provision_opt_in"], after["provision_changed_at"]) == (False, NOW)
    assert _state(sessions, case_id) is S.COMPLETED


def test_deletion_is_proposed_and_erased_only_by_another_supervisor(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    proposer = agents["supervisor"]
    case_id = _start(sessions, "deletion", proposer, customer, call)
    assert _verify(sessions, case_id, proposer)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "ground": "no_longer_needed",
        "consequence": "proceed",
        "confirm_consequence": "yes",
    }
    _act(sessions, case_id, "deletion", "propose_erasure", answers, proposer, {"note": "caller insists"})
    _finish(sessions, case_id, "deletion", {**answers, "notes": ""}, proposer)
    with sessions() as session:
        view = get_case(session, case_id)
    assert (view.state, view.proposal, view.proposed_by) == (S.AWAITING_APPROVAL, Proposal.ERASURE, proposer)
    assert _customer(sessions, customer)["state"] is CustomerState.ACTIVE
    assert CaseAction.APPROVE not in available_actions(view, agent_id=proposer, role=AgentRole.SUPERVISOR)
    approver = agents["supervisor2"]
    assert CaseAction.APPROVE in available_actions(view, agent_id=approver, role=AgentRole.SUPERVISOR)

    before = _snapshot(sessions)
    for refused in (proposer, agents["agent"]):
        with sessions() as session, pytest.raises(ApprovalRefused):
            perform(
                session,
                case_id,
                CaseAction.APPROVE,
                agent_id=refused,
                expected_row_version=view.row_version,
                inputs={"reason": "確認済み"},
                now=NOW,
            )
    assert _snapshot(sessions) == before

    with sessions.begin() as session:
        done = perform(
            session,
            case_id,
            CaseAction.APPROVE,
            agent_id=approver,
            expected_row_version=view.row_version,
            inputs={"reason": "注文の未処理がないことを確認"},
            register_key=REGISTER_KEY,
            now=NOW,
        )
    assert done.state is S.COMPLETED
    erased = _customer(sessions, customer)
    assert erased["state"] is CustomerState.ERASED
    assert (erased["name"], erased["street"], erased["birth_date"], erased["phones"]) == (
        None,
        None,
        None,
        [],
    )
    (event,) = _events(sessions, case_id, "erased")
    assert event["customer_no"] == erased["customer_no"]
    with sessions() as session:
        logged = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.ERASE)
        ).all()
        assert [entry.agent_id for entry in logged] == [approver]
        names = {e.kind: e.agent_name for e in case_events(session, case_id)}
    assert names["erased"] == "supervisor2 name"


def test_deletion_kept_at_the_consequence_is_withdrawn_and_nothing_erased(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "deletion", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    before = _customer(sessions, customer)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "ground": "customer_wish",
        "consequence": "keep",
        "notes": "",
    }
    _finish(sessions, case_id, "deletion", answers, agent)
    assert _state(sessions, case_id) is S.WITHDRAWN
    assert _customer(sessions, customer) == before
    withdrawn = _events(sessions, case_id, "state_changed")[-1]
    assert (withdrawn["to"], withdrawn["reason"]) == ("withdrawn", "withdrawn by the caller on the call")


def test_complaint_escalated_then_answered_by_a_supervisor(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, customer)
    answers = {
        "category": "leak_or_misuse",
        "details": _ask("complaint", "details", "  知らない会社からDMが届いた  "),
        "escalation": "escalate",
        "callback_to": "registered",
    }
    _act(sessions, case_id, "complaint", "escalate", answers, agent, {"note": "call back tomorrow"})
    # Escalated, the complaint is recorded without an answer: the supervisor gives it.
    _act(sessions, case_id, "complaint", "record_complaint", answers, agent)
    _finish(sessions, case_id, "complaint", {**answers, "notes": ""}, agent)

    with sessions() as session:
        complaint = registers.complaint_of(session, case_id)
        view = get_case(session, case_id)
    assert complaint is not None
    assert (complaint.category, complaint.details, complaint.escalated) == (
        registers.ComplaintCategory.LEAK_OR_MISUSE,
        "知らない会社からDMが届いた",
        True,
    )
    # The supervisor calls the registered number.
    assert (complaint.answer_given, complaint.callback_number, complaint.customer_id) == (
        None,
        None,
        customer,
    )
    assert _events(sessions, case_id, "escalation_promised") == [{"note": "call back tomorrow"}]
    assert view.state is S.IN_PROGRESS
    assert CaseAction.ANSWER_COMPLAINT not in available_actions(view, agent_id=agent, role=AgentRole.AGENT)
    supervisor = agents["supervisor"]
    assert CaseAction.ANSWER_COMPLAINT in available_actions(
        view, agent_id=supervisor, role=AgentRole.SUPERVISOR
    )
    with sessions.begin() as session:
        done = perform(
            session,
            case_id,
            CaseAction.ANSWER_COMPLAINT,
            agent_id=supervisor,
            expected_row_version=view.row_version,
            inputs={"reason": "謝罪し、発送を停止しました"},
            now=NOW,
        )
    assert done.state is S.COMPLETED
    with sessions() as session:
        answered = registers.complaint_of(session, case_id)
    assert answered is not None
    assert answered.answer_given == "謝罪し、発送を停止しました"


def test_an_escalated_complaint_from_no_customer_records_the_number_to_call_back(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, None)
    with sessions() as session:
        context = case_context(session, case_id, agent_id=agent)
    assert (context.facts.customer, context.facts.registered_number) == (False, False)
    answers = {
        "category": "unwanted_mailings",
        "details": "家族宛てのDMが止まらない",
        "escalation": "escalate",
        "callback_number": _ask("complaint", "callback_number", "０９０－３３３３－４４４４"),
        "callback_read_back": "yes",
    }
    _act(sessions, case_id, "complaint", "escalate", answers, agent)
    _act(sessions, case_id, "complaint", "record_complaint", answers, agent)
    _finish(sessions, case_id, "complaint", {**answers, "notes": "夕方以降の連絡を希望"}, agent)
    with sessions() as session:
        complaint = registers.complaint_of(session, case_id)
        context = case_context(session, case_id, agent_id=agent)
    assert complaint is not None
    assert (complaint.escalated, complaint.answer_given, complaint.callback_number) == (
        True,
        None,
        "+819033334444",
    )
    # The case tab shows where to call back and the agent's note.
    assert context.callback_number == "090-3333-4444"
    assert context.notes == ("夕方以降の連絡を希望",)
    assert _state(sessions, case_id) is S.IN_PROGRESS


def test_an_escalated_complaint_without_a_number_to_call_is_refused(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, None)
    answers = {"category": "other", "details": "内容", "escalation": "escalate", "callback_number": ""}
    with sessions.begin() as session, pytest.raises(registers.InvalidRegisterEntry) as refused:
        run_action(
            session,
            case_id,
            script=SCRIPTS["complaint"],
            step_id="record_complaint",
            answers=answers,
            inputs={},
            agent_id=agent,
            company=COMPANY,
            now=NOW,
        )
    assert refused.value.field == "callback_number"
    assert "no registered number" in refused.value.problem
    answers["callback_number"] = "03-1234"
    with sessions.begin() as session, pytest.raises(registers.InvalidRegisterEntry) as refused:
        run_action(
            session,
            case_id,
            script=SCRIPTS["complaint"],
            step_id="record_complaint",
            answers=answers,
            inputs={},
            agent_id=agent,
            company=COMPANY,
            now=NOW,
        )
    assert refused.value.field == "callback_number"
    assert refused.value.problem.startswith("not a valid phone number")
    with sessions() as session:
        assert registers.complaint_of(session, case_id) is None


def test_an_answer_left_on_another_branch_is_not_recorded(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    """The agent chose "answered", typed an answer, went Back and escalated: no answer is recorded."""
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, customer)
    answers = {
        "category": "other",
        "details": "内容",
        "escalation": "escalate",
        "answer_given": "その場でお答えしかけた内容",
        "callback_to": "registered",
    }
    _act(sessions, case_id, "complaint", "escalate", answers, agent)
    _act(sessions, case_id, "complaint", "record_complaint", answers, agent)
    with sessions() as session:
        complaint = registers.complaint_of(session, case_id)
    assert complaint is not None
    assert (complaint.escalated, complaint.answer_given) == (True, None)


def test_notes_from_the_last_step_are_kept_on_the_case_and_in_its_log(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspension", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "mailings": "all",
        "ground": "customer_wish",
        "stop_from": "",
    }
    _act(sessions, case_id, "suspension", "stop_mailings", answers, agent)
    _finish(sessions, case_id, "suspension", {**answers, "notes": "  年末まで不在とのこと\n  "}, agent)
    (finished,) = _events(sessions, case_id, "script_finished")
    assert finished["notes"] == ["年末まで不在とのこと"]
    with sessions() as session:
        assert case_context(session, case_id, agent_id=agent).notes == ("年末まで不在とのこと",)
    # A blank note is no note.
    other = _start(sessions, "suspension", agent, customer, call)
    assert _verify(sessions, other, agent)
    _act(sessions, other, "suspension", "stop_mailings", dict(answers), agent)
    _finish(sessions, other, "suspension", {**answers, "notes": "   "}, agent)
    (finished,) = _events(sessions, other, "script_finished")
    assert "notes" not in finished
    with sessions() as session:
        assert case_context(session, other, agent_id=agent).notes == ()


def test_complaint_answered_on_the_call_completes(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, None)  # the caller need not be a customer
    answers = {
        "category": "staff_conduct",
        "details": "担当者の口調が失礼だった",
        "escalation": "answered",
        "answer_given": "お詫びし、指導すると伝えた",
    }
    _act(sessions, case_id, "complaint", "record_complaint", answers, agent)
    _finish(sessions, case_id, "complaint", {**answers, "notes": ""}, agent)
    with sessions() as session:
        complaint = registers.complaint_of(session, case_id)
    assert complaint is not None
    assert (complaint.escalated, complaint.answer_given) == (False, "お詫びし、指導すると伝えた")
    assert _state(sessions, case_id) is S.COMPLETED


def test_answers_with_control_characters_are_refused_by_the_core_whoever_sends_them(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "complaint", agent, None)
    answers = {
        "category": "staff_conduct",
        "details": "担当者の口調が失礼だった",
        "escalation": "answered",
        "answer_given": "お詫びし、指導すると伝えた",
    }
    _act(sessions, case_id, "complaint", "record_complaint", answers, agent)
    events = len(_events(sessions, case_id))
    for notes in ("\x1b]0;pwned\x07メモ", "メモ\u202e"):
        with pytest.raises(ActionInputError) as refused:
            _finish(sessions, case_id, "complaint", {**answers, "notes": notes}, agent)
        assert refused.value.field == "notes"
    assert len(_events(sessions, case_id)) == events
    with pytest.raises(ActionInputError, match="category: contains a control character"):
        _act(
            sessions,
            _start(sessions, "complaint", agent, None),
            "complaint",
            "record_complaint",
            {**answers, "category": "other\x00"},
            agent,
        )
    _finish(sessions, case_id, "complaint", {**answers, "notes": "一行目\n二行目"}, agent)
    assert _state(sessions, case_id) is S.COMPLETED


def test_suspicious_report_is_recorded_with_the_number_normalised(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspicious_report", agent, None)
    answers = {
        "channel": "sms",
        "shown_number": _ask("suspicious_report", "shown_number", "０３（９８７６）５４３２"),
        "received_on": _ask("suspicious_report", "received_on", "2026-11-18"),
        "claimed_sender": "みらい通販 お客様センター",
        "paid_or_disclosed": "disclosed",
        "details": "未払い料金があるとのSMS",
    }
    _act(sessions, case_id, "suspicious_report", "record_report", answers, agent)
    _finish(sessions, case_id, "suspicious_report", {**answers, "notes": ""}, agent)
    with sessions() as session:
        report = registers.report_of(session, case_id)
    assert report is not None
    assert (report.channel, report.shown_number_e164, report.received_on) == (
        registers.ReportChannel.SMS,
        "+81398765432",
        dt.date(2026, 11, 18),
    )
    assert (report.claimed_sender, report.paid, report.disclosed) == (
        "みらい通販 お客様センター",
        False,
        True,
    )
    assert report.details == "未払い料金があるとのSMS"
    assert _state(sessions, case_id) is S.COMPLETED


# --- identity first -------------------------------------------------------------------------------------

_ACTIONS: list[tuple[str, str, dict[str, str], dict[str, Any]]] = [
    ("disclosure", "request_fee", {"fee": "yes"}, {"waive": False}),
    ("disclosure", "prepare_letter", {"delivery": "letter"}, {}),
    ("provision_disclosure", "request_fee", {"fee": "yes"}, {"waive": True, "reason": "x"}),
    (
        "correction",
        "apply_correction",
        {"target": "address"},
        {"changes": {"city": "港区"}, "expected_row_version": 1},
    ),
    ("correction", "pass_on", {"target": "other", "other_details": "x"}, {"changes": {}}),
    ("suspension", "stop_mailings", {"mailings": "all", "ground": "customer_wish"}, {}),
    ("stop_provision", "stop_provision", {"which": "all", "ground": "leak"}, {}),
    ("purposes_notice", "record_purposes", {}, {}),
    ("foreign_transfer", "record_foreign_transfer", {}, {}),
    (
        "deletion",
        "propose_erasure",
        {"ground": "leak", "consequence": "proceed", "confirm_consequence": "yes"},
        {},
    ),
]


@pytest.mark.parametrize(("script_id", "step_id", "answers", "inputs"), _ACTIONS)
@pytest.mark.parametrize("checked", ["never", "failed"])
def test_every_action_refuses_an_unverified_caller_and_writes_nothing(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    call: int,
    script_id: str,
    step_id: str,
    answers: dict[str, str],
    inputs: dict[str, Any],
    checked: str,
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, script_id, agent, customer, call)
    if checked == "failed":
        assert not _verify(sessions, case_id, agent, said="1980-01-01")
    before = _snapshot(sessions)
    with sessions() as session:
        with pytest.raises(IdentityNotVerified):
            run_action(
                session,
                case_id,
                script=SCRIPTS[script_id],
                step_id=step_id,
                answers=answers,
                inputs=inputs,
                agent_id=agent,
                company=COMPANY,
                now=NOW,
            )
        session.commit()
    assert _snapshot(sessions) == before


def test_a_wrong_knowledge_answer_fails_and_the_case_stays_pending(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "disclosure", agent, customer, call)
    with sessions.begin() as session:
        result = check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            inputs={"knowledge_item": "recent_order", "said": "A1"},  # the sixth latest: too old
            now=NOW,
        )
    assert not result.verified
    assert result.failure == "the knowledge check failed"
    assert result.state is S.IDENTITY_PENDING
    (check,) = _events(sessions, case_id, "identity_check")
    assert (check["verified"], check["knowledge_passed"], check["caller_number"]) == (False, False, HOME_E164)
    with sessions() as session:
        assert not get_case(session, case_id).identity_verified
    with sessions.begin() as session:
        again = check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            inputs={"knowledge_item": "recent_order", "said": "ａ２"},
            now=NOW,
        )
    assert again.verified
    assert again.state is S.IDENTITY_VERIFIED


def test_knowledge_without_a_call_fails_even_when_right(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "disclosure", agent, customer)  # typed in, no call to take the number from
    with sessions() as session:
        unavailable = case_context(session, case_id, agent_id=agent).caller_id_unavailable
    assert unavailable is CallerIdUnavailable.NO_CALL
    assert not _verify(sessions, case_id, agent)
    (check,) = _events(sessions, case_id, "identity_check")
    assert check["knowledge_passed"] is True
    assert check["failure"] == "the case did not come in on a call"


def test_a_callback_to_an_unregistered_number_is_refused_and_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "deletion", agent, customer)
    before = _snapshot(sessions)
    with sessions() as session, pytest.raises(CallbackRefused):
        check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.CALLBACK,
            inputs={"dialled": STRANGER, "result": "answered"},
            now=NOW,
        )
    assert _snapshot(sessions) == before
    assert _state(sessions, case_id) is S.RECEIVED


def test_documents_verify_from_what_the_agent_entered(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer)
    with sessions.begin() as session:
        with pytest.raises(ActionInputError, match="document_type"):
            check_identity(
                session,
                case_id,
                agent_id=agent,
                method=IdentityMethod.DOCUMENTS,
                inputs={"document_type": " "},
            )
        result = check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.DOCUMENTS,
            inputs={
                "received_on": "2026-11-19",
                "document_type": "運転免許証の写し",
                "matched": ["name", "address"],
            },
            now=NOW,
        )
    assert result.verified
    (check,) = _events(sessions, case_id, "identity_check")
    assert (check["received_on"], check["document_type"]) == ("2026-11-19", "運転免許証の写し")


def test_the_knowledge_answer_is_never_stored(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspension", agent, customer, call)
    wrong, right = "1999年12月31日", "１９７５年４月１日"
    assert not _verify(sessions, case_id, agent, said=wrong)
    assert _verify(sessions, case_id, agent, said=right)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "mailings": "all",
        "ground": "customer_wish",
        "stop_from": "",
    }
    _act(sessions, case_id, "suspension", "stop_mailings", answers, agent)
    _finish(sessions, case_id, "suspension", {**answers, "notes": ""}, agent)
    stored = _all_stored_text(sessions)
    assert "identity_check" not in stored  # event kinds are not in the detail: the search sees details only
    for said in (wrong, right, "1999", "1975"):
        assert said not in stored


# --- action steps run once; drafts; finishing and cancelling ------------------------------------------


def test_an_action_step_repeated_writes_nothing_the_second_time(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "suspension", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "mailings": "catalogue",
        "ground": "customer_wish",
        "stop_from": "",
    }
    _act(sessions, case_id, "suspension", "stop_mailings", dict(answers), agent)
    before = _snapshot(sessions)
    with sessions() as session:
        events = len(case_events(session, case_id))
    # A restart resumes at the action (the draft was saved before it was marked done): Next runs it again.
    _act(sessions, case_id, "suspension", "stop_mailings", dict(answers), agent, {"direct_mail": False})
    with sessions() as session:
        assert len(case_events(session, case_id)) == events
    assert _snapshot(sessions) == before


def test_run_action_checks_the_step_and_the_script_version(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "disclosure", agent, customer)
    with sessions() as session:
        with pytest.raises(ValueError, match="not an action step"):
            run_action(
                session,
                case_id,
                script=SCRIPTS["disclosure"],
                step_id="fee",
                answers={},
                inputs={},
                agent_id=agent,
                company=COMPANY,
            )
        with pytest.raises(ValueError, match="follows disclosure"):
            run_action(
                session,
                case_id,
                script=SCRIPTS["deletion"],
                step_id="propose_erasure",
                answers={},
                inputs={},
                agent_id=agent,
                company=COMPANY,
            )


def test_the_draft_is_kept_from_start_until_finish(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "deletion", agent, customer, call)
    draft = _draft(sessions, case_id, agent)
    assert draft == ScriptDraft(script_id="deletion", version=3, current_step="greeting")
    assert case_id_of(draft_key(case_id)) == case_id
    assert case_id_of("call:7") is None
    moved = ScriptDraft(
        script_id="deletion",
        version=3,
        current_step="consequence",
        answers={"verify_identity": "callback", "ground": "customer_wish"},
    )
    with sessions.begin() as session:
        save_progress(session, case_id, agent_id=agent, draft=moved, now=NOW)
    with sessions() as session:
        assert case_context(session, case_id, agent_id=agent).draft == moved
        # Another agent's context has no draft: drafts are per agent.
        assert case_context(session, case_id, agent_id=agents["agent2"]).draft is None
    assert _verify(sessions, case_id, agent)
    _finish(
        sessions,
        case_id,
        "deletion",
        {
            "verify_identity": "caller_id_and_knowledge",
            "ground": "customer_wish",
            "consequence": "keep",
            "notes": "",
        },
        agent,
    )
    assert _draft(sessions, case_id, agent) is None
    with sessions() as session:
        assert case_context(session, case_id, agent_id=agent).draft is None


def test_finish_records_only_the_answers_on_the_path_taken(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    # The agent chose "address", typed a postal code, went Back and chose "other".
    answers = {
        "verify_identity": "caller_id_and_knowledge",
        "new_postal_code": "2310023",
        "target": "other",
        "other_details": "勤務先",
        "other_read_back": "yes",
    }
    _act(sessions, case_id, "correction", "pass_on", answers, agent, {"changes": {}})
    answers["notes"] = "n"
    _finish(sessions, case_id, "correction", answers, agent)
    (finished,) = _events(sessions, case_id, "script_finished")
    assert "new_postal_code" not in finished["answers"]
    assert finished["answers"]["other_details"] == "勤務先"
    with sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.details["script_answers"] == finished["answers"]


def test_cancel_withdraws_with_the_reason_and_drops_the_draft(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    assert _verify(sessions, case_id, agent)
    answers = {"verify_identity": "caller_id_and_knowledge", "target": "address"}
    with sessions.begin() as session:
        view = cancel_script(
            session,
            case_id,
            script=SCRIPTS["correction"],
            answers=answers,
            agent_id=agent,
            reason="the caller will write instead",
            now=NOW,
        )
    assert view.state is S.WITHDRAWN
    assert view.closed_at == NOW
    last = _events(sessions, case_id, "state_changed")[-1]
    assert (last["to"], last["reason"]) == ("withdrawn", "the caller will write instead")
    assert _draft(sessions, case_id, agent) is None
    with sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.details["script_answers"] == answers
        # Once closed, no action step runs.
        with pytest.raises(IllegalTransition):
            run_action(
                session,
                case_id,
                script=SCRIPTS["correction"],
                step_id="apply_correction",
                answers=answers,
                inputs={"changes": {"city": "港区"}, "expected_row_version": 1},
                agent_id=agent,
                company=COMPANY,
            )


def test_case_context_hides_protected_fields_and_lists_registered_numbers(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "correction", agent, customer, call)
    with sessions() as session:
        context = case_context(session, case_id, agent_id=agent)
    assert set(context.current) == {"name", "name_kana", "postal_code", "prefecture", "city"}
    assert sorted(context.registered_numbers) == ["03-1234-5678", "090-1111-2222"]
    assert context.customer_row_version == _customer(sessions, customer)["row_version"]
    assert context.case.script_id == "correction"


# --- pure helpers --------------------------------------------------------------------------------------


def test_answer_values_name_ask_answers_by_field_and_choices_by_step() -> None:
    answers = {"channel": "phone", "shown_number": "+81398765432", "advice": "x", "record_report": "done"}
    assert answer_values(SCRIPTS["suspicious_report"], answers) == {
        "channel": "phone",
        "shown_number": "+81398765432",
    }
    said = LocalText(ja="", en="")
    asked = Script(
        id="disclosure",
        version=1,
        kind=CaseKind.DISCLOSURE,
        title=said,
        steps=(
            Step("delivery", StepKind.CHOOSE, said, Choose((Option("electronic", said),))),
            Step("email", StepKind.ASK, said, Ask("delivery_email", InputType.EMAIL, True)),
        ),
    )
    assert answer_values(asked, {"email": "a@b.jp", "delivery": "electronic"}) == {
        "delivery_email": "a@b.jp",
        "delivery": "electronic",
    }


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("東京都千代田区千代田1-1", ("東京都", "千代田区", "千代田1-1")),
        ("大阪府大阪市北区梅田3-1-1", ("大阪府", "大阪市北区", "梅田3-1-1")),
        ("北海道虻田郡倶知安町南1条東1丁目", ("北海道", "虻田郡倶知安町", "南1条東1丁目")),
        ("和歌山県和歌山市七番丁23", ("和歌山県", "和歌山市", "七番丁23")),
        ("三重県四日市市諏訪町1-5", ("三重県", "四日市市", "諏訪町1-5")),
        ("千葉県市川市八幡1-1-1", ("千葉県", "市川市", "八幡1-1-1")),
        ("東京都町田市森野2-2-22", ("東京都", "町田市", "森野2-2-22")),
        ("東京都町田市中町1-2-3 第2地区", ("東京都", "町田市", "中町1-2-3 第2地区")),
        ("東京都羽村市緑ヶ丘1-1", ("東京都", "羽村市", "緑ヶ丘1-1")),
        ("東京都東村山市本町1-2", ("東京都", "東村山市", "本町1-2")),
        ("東京都新宿区市谷本村町5-1", ("東京都", "新宿区", "市谷本村町5-1")),
        ("愛知県名古屋市中村区名駅1-1", ("愛知県", "名古屋市中村区", "名駅1-1")),
        ("東京都西多摩郡瑞穂町箱根ケ崎2335", ("東京都", "西多摩郡瑞穂町", "箱根ケ崎2335")),
    ],
)
def test_correction_proposal_splits_an_address_after_prefecture_and_city(
    address: str, expected: tuple[str, str, str]
) -> None:
    proposal = correction_proposal(
        {"target": "address", "new_postal_code": "1000001", "new_address": address}
    )
    assert (proposal["prefecture"], proposal["city"], proposal["street"]) == expected
    assert proposal["postal_code"] == "1000001"


def test_correction_proposal_for_names_and_email() -> None:
    assert correction_proposal({"target": "name", "new_name": "佐藤 花子", "new_kana": "サトウ ハナコ"}) == {
        "name": "佐藤 花子",
        "name_kana": "サトウ ハナコ",
    }
    assert correction_proposal({"target": "email", "new_email": "h@example.jp"}) == {"email": "h@example.jp"}
    assert correction_proposal({"target": "other"}) == {}


@pytest.mark.parametrize(
    ("choice", "stopped"),
    [
        ("all", ("catalogue", "direct_mail", "email_magazine")),
        ("direct_mail", ("direct_mail",)),
        ("", ()),
    ],
)
def test_mailings_to_stop_follows_the_choice(choice: str, stopped: tuple[str, ...]) -> None:
    assert mailings_to_stop({"mailings": choice}) == stopped


# --- knowledge_matches ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "said", "matches"),
    [
        (KnowledgeItem.BIRTH_DATE, "1975-04-01", True),
        (KnowledgeItem.BIRTH_DATE, "1975/4/1", True),
        (KnowledgeItem.BIRTH_DATE, "１９７５年４月１日", True),
        (KnowledgeItem.BIRTH_DATE, " 1975 年 4 月 1 日 ", True),
        (KnowledgeItem.BIRTH_DATE, "1975-04-02", False),
        (KnowledgeItem.BIRTH_DATE, "1975-02-30", False),
        (KnowledgeItem.BIRTH_DATE, "4月1日", False),
        (KnowledgeItem.BIRTH_DATE, "19750401", True),
        (KnowledgeItem.BIRTH_DATE, "昭和50年4月1日", True),
        (KnowledgeItem.BIRTH_DATE, "1975年4月1日生まれ", False),  # one date and nothing else
        (KnowledgeItem.STREET_NUMBER, "1-1", True),
        (KnowledgeItem.STREET_NUMBER, "１－１", True),
        (KnowledgeItem.STREET_NUMBER, "1ー1", True),
        (KnowledgeItem.STREET_NUMBER, "1丁目1番", True),
        (KnowledgeItem.STREET_NUMBER, "一丁目一番地", True),
        (KnowledgeItem.STREET_NUMBER, "1の1", True),
        (KnowledgeItem.STREET_NUMBER, " 1 1 ", True),
        (KnowledgeItem.STREET_NUMBER, "1-12", False),  # another house in the same street
        (KnowledgeItem.STREET_NUMBER, "11", False),
        (KnowledgeItem.STREET_NUMBER, "2-1-1", False),
        (KnowledgeItem.STREET_NUMBER, "1-1-1", False),
        (KnowledgeItem.STREET_NUMBER, "千代田区千代田1-1", False),  # the number alone is the answer
        (KnowledgeItem.STREET_NUMBER, "1", False),
        (KnowledgeItem.RECENT_ORDER, "A6", True),
        (KnowledgeItem.RECENT_ORDER, "ａ２", True),
        (KnowledgeItem.RECENT_ORDER, "A1", False),  # the sixth latest
        (KnowledgeItem.RECENT_ORDER, "A", False),
        (KnowledgeItem.RECENT_ORDER, "   ", False),
    ],
)
def test_knowledge_matches(
    sessions: sessionmaker[Session], customer: int, item: KnowledgeItem, said: str, matches: bool
) -> None:
    with sessions() as session:
        assert knowledge_matches(session, customer, item, said) is matches


def test_knowledge_never_matches_what_the_record_does_not_hold(
    sessions: sessionmaker[Session], add_customer: Callable[..., int]
) -> None:
    bare = add_customer(phones=(("home", STRANGER),))
    with sessions() as session:
        assert not knowledge_matches(session, bare, KnowledgeItem.BIRTH_DATE, "1975-04-01")
        assert not knowledge_matches(session, bare, KnowledgeItem.RECENT_ORDER, "A1")
        assert not knowledge_matches(session, bare + 1000, KnowledgeItem.STREET_NUMBER, "1-1")


@pytest.mark.parametrize(
    ("item", "said"),
    [
        # Every town near the customer and every likely number: once enough to contain the record.
        (KnowledgeItem.STREET_NUMBER, "東京都千代田区千代田 港区芝 新宿区西新宿 1-1 1-2 2-1 2-2 〒1000001"),
        (KnowledgeItem.STREET_NUMBER, "千代田区千代田1-1 千代田1-2 港区芝1-1 〒1000001"),
        (KnowledgeItem.STREET_NUMBER, "千代田区千代田1-1、千代田1-2、千代田1-3"),
        (KnowledgeItem.STREET_NUMBER, "1-1 1-2"),
        (KnowledgeItem.BIRTH_DATE, "1975-04-01 1975-04-02 1975-04-03"),
        (KnowledgeItem.BIRTH_DATE, "1975年4月1日か2日"),
        (KnowledgeItem.RECENT_ORDER, "A6 A5 A4 A3 A2"),
        (KnowledgeItem.RECENT_ORDER, "A6、A5"),
    ],
)
def test_a_shotgun_answer_listing_many_facts_never_matches(
    sessions: sessionmaker[Session], customer: int, item: KnowledgeItem, said: str
) -> None:
    """The answer is compared as one fact, exactly: a list that contains the right one is not it."""
    with sessions() as session:
        assert knowledge_matches(session, customer, item, said) is False


def test_a_shotgun_answer_fails_the_check_through_the_script(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, call: int
) -> None:
    agent = agents["agent"]
    case_id = _start(sessions, "disclosure", agent, customer, call)
    with sessions.begin() as session:
        result = check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            inputs={"knowledge_item": "street_number", "said": "千代田区 港区 1-1 1-2 2-1 2-2 11 12"},
            now=NOW,
        )
    assert not result.verified
    assert result.failure == "the knowledge check failed"
    assert result.caller_id_checks_left == 2
