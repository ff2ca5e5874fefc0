"""The complaint and suspicious-report registers: recording, escalation, search and counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, CaseKind, CaseState, ComplaintCategory, Proposal, ReportChannel
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.services.agents import UnknownAgent
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import SupervisorOnly, case_events, get_case
from desk_app.services.cases.register_search import (
    count_reports_by_number,
    count_reports_by_sender,
    search_complaints,
    search_reports,
)
from desk_app.services.cases.registers import (
    AlreadyRecorded,
    InvalidRegisterEntry,
    answer_complaint,
    complaint_of,
    escalate,
    record_complaint,
    record_report,
    report_of,
)
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Agent, Case, CaseEvent, Complaint, SuspiciousReport

S = CaseState
K = CaseKind
C = ComplaintCategory
RECEIVED_AT = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)
# 00:30 on 21 November in Japan, while it is still the 20th in UTC.
NOW = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)
TODAY_IN_JAPAN = dt.date(2026, 11, 21)
CALLBACK = "０９０－５５５５－６６６６"


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    roles = {"agent": AgentRole.AGENT, "agent2": AgentRole.AGENT, "supervisor": AgentRole.SUPERVISOR}
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=login, role=role, created_at=NOW)
            for login, role in roles.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


def _open(sessions: sessionmaker[Session], agents: dict[str, int], kind: CaseKind) -> int:
    with sessions.begin() as session:
        # No customer: the caller is unknown, which these two kinds allow.
        view = open_case(
            session,
            kind=kind,
            customer_id=None,
            agent_id=agents["agent"],
            received_at=RECEIVED_AT,
            target_days=14,
            now=RECEIVED_AT,
        )
        return view.case_id


def _complaint(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    *,
    escalate_it: bool = False,
    answer: str | None = "カタログ送付を停止した旨をお伝えした",
    category: ComplaintCategory = C.UNWANTED_MAILINGS,
    details: str = "停止を依頼したのにカタログが届いた",
) -> int:
    case_id = _open(sessions, agents, K.COMPLAINT)
    with sessions.begin() as session:
        record_complaint(
            session,
            case_id,
            agent_id=agents["agent"],
            category=category,
            details=details,
            answer_given=answer,
            escalate=escalate_it,
            # The callers are no customers: an escalation needs a number to call them back on.
            callback_number=CALLBACK if escalate_it else None,
            now=NOW,
        )
    return case_id


def _report(sessions: sessionmaker[Session], agents: dict[str, int], **overrides: Any) -> int:
    values: dict[str, Any] = {
        "channel": ReportChannel.SMS,
        "received_on": dt.date(2026, 11, 18),
        "claimed_sender": "ABC通販 お客様センター",
        "shown_number": "０３－１２３４－５６７８",
        "shown_url": None,
        "paid": False,
        "disclosed": True,
        "details": "未払い料金があると言われた",
    }
    values.update(overrides)
    case_id = _open(sessions, agents, K.SUSPICIOUS_REPORT)
    with sessions.begin() as session:
        record_report(session, case_id, agent_id=agents["agent"], now=NOW, **values)
    return case_id


def _events(sessions: sessionmaker[Session], case_id: int) -> list[tuple[str, dict[str, Any]]]:
    with sessions() as session:
        return [(e.kind, e.detail) for e in case_events(session, case_id)]


def _counts(sessions: sessionmaker[Session]) -> tuple[int | None, ...]:
    """Rows an operation could write, to show that a refused one wrote nothing."""
    with sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (CaseEvent, Complaint, SuspiciousReport)
        )


def _state_changes(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    return [(detail["from"], detail["to"]) for kind, detail in events if kind == "state_changed"]


# Complaints


def test_a_complaint_answered_on_the_call_completes_its_case_and_is_logged(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents)
    with sessions() as session:
        view = get_case(session, case_id)
        assert (view.state, view.customer_id, view.closed_at, view.fee_yen) == (S.COMPLETED, None, NOW, 0)
        row = complaint_of(session, case_id)
        assert row is not None
        assert (row.category, row.escalated, row.escalated_at) == (C.UNWANTED_MAILINGS, False, None)
        assert row.answer_given == "カタログ送付を停止した旨をお伝えした"
        assert (row.recorded_by_id, row.recorded_at, row.case_state) == (agents["agent"], NOW, S.COMPLETED)
        case = session.get(Case, case_id)
        assert case is not None
        assert case.assigned_to_id == agents["agent"]
        assert "escalated" not in case.details
    events = _events(sessions, case_id)
    assert [kind for kind, _ in events] == [
        "opened",
        "state_changed",
        "complaint_recorded",
        "state_changed",
    ]
    assert _state_changes(events) == [("received", "in_progress"), ("in_progress", "completed")]
    recorded = dict(events)["complaint_recorded"]
    assert recorded["category"] == "unwanted_mailings"
    assert (recorded["escalate"], recorded["answered"]) == (False, True)


def test_an_escalated_complaint_stays_open_unassigned_and_flagged_for_supervisors(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents, escalate_it=True, answer=None, category=C.LEAK_OR_MISUSE)
    with sessions() as session:
        view = get_case(session, case_id)
        assert (view.state, view.closed_at) == (S.IN_PROGRESS, None)
        case = session.get(Case, case_id)
        assert case is not None
        assert case.assigned_to_id is None
        assert case.details["escalated"] == {
            "by": agents["agent"],
            "at": NOW.isoformat(),
            "to": None,
            "note": None,
        }
        row = complaint_of(session, case_id)
        assert row is not None
        assert (row.escalated, row.escalated_to_id, row.escalated_at, row.answer_given) == (
            True,
            None,
            NOW,
            None,
        )
        assert (row.callback_number, row.customer_id) == ("+819055556666", None)
    events = _events(sessions, case_id)
    assert [kind for kind, _ in events] == ["opened", "state_changed", "complaint_recorded", "escalated"]
    assert dict(events)["escalated"]["assigned_to"] == {"before": agents["agent"], "after": None}


def test_a_complaint_is_either_answered_or_escalated(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT)
    before = _counts(sessions)
    with sessions.begin() as session, pytest.raises(InvalidRegisterEntry) as raised:
        record_complaint(
            session,
            case_id,
            agent_id=agents["agent"],
            category=C.OTHER,
            details="内容",
            answer_given="   ",
            escalate=False,
            now=NOW,
        )
    assert raised.value.field == "answer_given"
    assert _counts(sessions) == before
    with sessions() as session:
        assert get_case(session, case_id).state is S.RECEIVED


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("details", "停止を依頼したのに\x1b[2Jカタログ"),
        ("answer_given", "お詫びした\u202e"),
        ("details", "一\r二"),
    ],
)
def test_complaint_texts_refuse_control_and_text_direction_characters(
    sessions: sessionmaker[Session], agents: dict[str, int], field: str, text: str
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT)
    before = _counts(sessions)
    values = {"details": "内容", "answer_given": "お伝えした", field: text}
    with sessions.begin() as session, pytest.raises(InvalidRegisterEntry) as raised:
        record_complaint(
            session, case_id, agent_id=agents["agent"], category=C.OTHER, escalate=False, now=NOW, **values
        )
    assert raised.value.field == field
    assert _counts(sessions) == before
    # Several lines and tabs are what a note is made of: they stay.
    with sessions.begin() as session:
        record_complaint(
            session,
            case_id,
            agent_id=agents["agent"],
            category=C.OTHER,
            details="一行目\n\t二行目",
            answer_given="お伝えした",
            escalate=False,
            now=NOW,
        )
    with sessions() as session:
        row = complaint_of(session, case_id)
        assert row is not None
        assert row.details == "一行目\n\t二行目"


def test_an_escalation_needs_a_number_to_call_back_unless_one_is_registered(
    sessions: sessionmaker[Session], agents: dict[str, int], add_customer: Any
) -> None:
    def record(case_id: int, number: str | None) -> None:
        with sessions.begin() as session:
            record_complaint(
                session,
                case_id,
                agent_id=agents["agent"],
                category=C.OTHER,
                details="内容",
                answer_given=None,
                escalate=True,
                callback_number=number,
                now=NOW,
            )

    case_id = _open(sessions, agents, K.COMPLAINT)
    before = _counts(sessions)
    for number, problem in (
        (None, "is required: the caller has no registered number a supervisor could call"),
        ("  ", "is required: the caller has no registered number a supervisor could call"),
        ("03-1234", "not a valid phone number"),
        ("お昼頃", "not a valid phone number"),
    ):
        with pytest.raises(InvalidRegisterEntry) as raised:
            record(case_id, number)
        assert raised.value.field == "callback_number"
        assert raised.value.problem.startswith(problem)
        assert _counts(sessions) == before
    # A customer with a registered number is called there; a number they give instead is kept.
    customer = add_customer(phones=(("home", "03-1234-5678"),))
    unreachable = add_customer(phones=())
    with sessions.begin() as session:
        registered, elsewhere, no_number = (
            open_case(
                session,
                kind=K.COMPLAINT,
                customer_id=customer_id,
                agent_id=agents["agent"],
                received_at=RECEIVED_AT,
                target_days=14,
                now=RECEIVED_AT,
            ).case_id
            for customer_id in (customer, customer, unreachable)
        )
    with pytest.raises(InvalidRegisterEntry, match="callback_number: is required"):
        record(no_number, None)
    record(registered, None)
    record(elsewhere, "090-5555-6666")
    with sessions() as session:
        assert [
            (row.case_id, row.callback_number, row.customer_id)
            for row in search_complaints(session, viewer_id=agents["supervisor"])
        ] == [
            (elsewhere, "+819055556666", customer),
            (registered, None, customer),
        ]


@pytest.mark.parametrize(
    ("field", "category", "details"),
    [
        ("details", C.OTHER, "  "),
        ("details", C.OTHER, "あ" * 4001),
        ("category", "rude_weather", "内容"),
    ],
)
def test_complaint_input_is_checked_before_anything_is_written(
    sessions: sessionmaker[Session], agents: dict[str, int], field: str, category: Any, details: str
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT)
    before = _counts(sessions)
    with sessions.begin() as session, pytest.raises(InvalidRegisterEntry) as raised:
        record_complaint(
            session,
            case_id,
            agent_id=agents["agent"],
            category=category,
            details=details,
            answer_given="回答",
            escalate=False,
        )
    assert raised.value.field == field
    assert _counts(sessions) == before


def test_a_complaint_is_recorded_once(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    for escalated in (True, False):
        case_id = _complaint(sessions, agents, escalate_it=escalated)
        before = _counts(sessions)
        with sessions.begin() as session, pytest.raises(AlreadyRecorded, match="already has its complaint"):
            record_complaint(
                session,
                case_id,
                agent_id=agents["agent"],
                category=C.OTHER,
                details="二度目",
                answer_given="回答",
                escalate=False,
            )
        assert _counts(sessions) == before


def test_the_database_itself_holds_one_complaint_per_case(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents, escalate_it=True)
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(
            Complaint(
                case_id=case_id,
                category=C.OTHER,
                details="別の端末から",
                escalated=False,
                recorded_at=NOW,
                recorded_by_id=agents["agent2"],
            )
        )


def test_registers_refuse_cases_of_another_kind(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    report_case = _open(sessions, agents, K.SUSPICIOUS_REPORT)
    complaint_case = _open(sessions, agents, K.COMPLAINT)
    with sessions.begin() as session:
        with pytest.raises(IllegalTransition, match="suspicious_report case has no complaint"):
            record_complaint(
                session,
                report_case,
                agent_id=agents["agent"],
                category=C.OTHER,
                details="内容",
                answer_given="回答",
                escalate=False,
            )
        with pytest.raises(IllegalTransition, match="complaint case has no suspicious_report"):
            record_report(
                session,
                complaint_case,
                agent_id=agents["agent"],
                channel=ReportChannel.POST,
                received_on=dt.date(2026, 11, 18),
                claimed_sender="差出人",
                shown_number=None,
                shown_url=None,
                paid=False,
                disclosed=False,
                details="",
            )
        with pytest.raises(IllegalTransition):
            escalate(session, report_case, agent_id=agents["agent"], note=None)


def test_closed_or_pending_complaint_cases_take_no_complaint(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    withdrawn = _open(sessions, agents, K.COMPLAINT)
    pending = _open(sessions, agents, K.COMPLAINT)
    with sessions.begin() as session:
        transition(
            session,
            withdrawn,
            S.WITHDRAWN,
            agent_id=agents["agent"],
            expected_row_version=get_case(session, withdrawn).row_version,
            reason="お客様が取り下げ",
        )
        transition(
            session,
            pending,
            S.IN_PROGRESS,
            agent_id=agents["agent"],
            expected_row_version=get_case(session, pending).row_version,
        )
        transition(
            session,
            pending,
            S.AWAITING_APPROVAL,
            agent_id=agents["agent"],
            expected_row_version=get_case(session, pending).row_version,
            proposal=Proposal.REFUSAL,
            reason="対象外",
        )
    for case_id, problem in ((withdrawn, "already withdrawn"), (pending, "awaiting_approval")):
        with sessions.begin() as session, pytest.raises(IllegalTransition, match=problem):
            record_complaint(
                session,
                case_id,
                agent_id=agents["agent"],
                category=C.OTHER,
                details="内容",
                answer_given="回答",
                escalate=False,
            )


def test_escalating_to_a_named_supervisor_assigns_the_case_and_logs_the_assignee(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents, escalate_it=True, answer=None)
    later = NOW + dt.timedelta(hours=1)
    with sessions.begin() as session:
        view = escalate(
            session,
            case_id,
            agent_id=agents["agent2"],
            note="至急",
            to_agent_id=agents["supervisor"],
            now=later,
        )
        assert view.state is S.IN_PROGRESS
    with sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.assigned_to_id == agents["supervisor"]
        assert case.details["escalated"]["to"] == agents["supervisor"]
        assert case.details["escalated"]["note"] == "至急"
        row = complaint_of(session, case_id)
        assert row is not None
        assert (row.escalated_to_id, row.escalated_at) == (agents["supervisor"], later)
    escalations = [detail for kind, detail in _events(sessions, case_id) if kind == "escalated"]
    assert escalations[-1] == {
        "assigned_to": {"before": None, "after": agents["supervisor"]},
        "note": "至急",
    }


def test_escalation_needs_the_complaint_on_record(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    # Escalating needs the complaint on record: the script promises a call back first and records later.
    case_id = _open(sessions, agents, K.COMPLAINT)
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="no complaint recorded"):
        escalate(session, case_id, agent_id=agents["agent"], note=None)


def test_complaints_are_escalated_only_to_supervisors(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents, escalate_it=True, answer=None)
    before = _counts(sessions)
    with sessions.begin() as session, pytest.raises(SupervisorOnly):
        escalate(session, case_id, agent_id=agents["agent"], note=None, to_agent_id=agents["agent2"])
    assert _counts(sessions) == before


def test_a_supervisor_answers_an_escalated_complaint_and_completes_the_case(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _complaint(sessions, agents, escalate_it=True, answer="確認して折り返すとお伝えした")
    later = NOW + dt.timedelta(days=2)
    with sessions.begin() as session, pytest.raises(SupervisorOnly):
        answer_complaint(session, case_id, agent_id=agents["agent"], answer="回答")
    with sessions.begin() as session, pytest.raises(InvalidRegisterEntry) as raised:
        answer_complaint(session, case_id, agent_id=agents["supervisor"], answer=" ")
    assert raised.value.field == "answer"
    with sessions.begin() as session:
        view = answer_complaint(
            session, case_id, agent_id=agents["supervisor"], answer="調査の結果を説明し謝罪した", now=later
        )
        assert (view.state, view.closed_at) == (S.COMPLETED, later)
    with sessions() as session:
        row = complaint_of(session, case_id)
        assert row is not None
        assert row.answer_given == "調査の結果を説明し謝罪した"
    events = _events(sessions, case_id)
    answered = [(kind, detail) for kind, detail in events if kind == "complaint_answered"]
    assert answered == [
        (
            "complaint_answered",
            {
                "answer_given": {
                    "before": "確認して折り返すとお伝えした",
                    "after": "調査の結果を説明し謝罪した",
                }
            },
        )
    ]
    assert events[-1][0] == "state_changed"
    assert _state_changes(events)[-1] == ("in_progress", "completed")
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="already completed"):
        answer_complaint(session, case_id, agent_id=agents["supervisor"], answer="再回答")


def test_only_escalated_complaints_wait_for_an_answer(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT)
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="no complaint recorded"):
        answer_complaint(session, case_id, agent_id=agents["supervisor"], answer="回答")
    answered = _complaint(sessions, agents)
    with sessions.begin() as session, pytest.raises(IllegalTransition, match="already completed"):
        answer_complaint(session, answered, agent_id=agents["supervisor"], answer="回答")


def test_the_complaint_register_filters_by_category_escalation_text_and_pages(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    mailing = _complaint(sessions, agents, details="Catalogue keeps coming")
    leak = _complaint(sessions, agents, escalate_it=True, answer=None, category=C.LEAK_OR_MISUSE)
    answered_leak = _complaint(sessions, agents, escalate_it=True, answer=None, category=C.LEAK_OR_MISUSE)
    staff = _complaint(sessions, agents, category=C.STAFF_CONDUCT, details="言葉遣いが100%失礼")
    with sessions.begin() as session:
        answer_complaint(session, answered_leak, agent_id=agents["supervisor"], answer="説明した")
    with sessions() as session:

        def cases(**filters: Any) -> list[int]:
            return [
                row.case_id for row in search_complaints(session, viewer_id=agents["supervisor"], **filters)
            ]

        assert cases() == [staff, answered_leak, leak, mailing]
        assert cases(category=C.LEAK_OR_MISUSE) == [answered_leak, leak]
        assert cases(escalated=False) == [staff, mailing]
        assert cases(escalated=True, open_only=True) == [leak]
        assert cases(text="catalogue") == [mailing]
        assert cases(text="説明") == [answered_leak]
        # A percent sign is text to find, not a wildcard.
        assert cases(text="%") == [staff]
        first = search_complaints(session, viewer_id=agents["supervisor"], limit=3)
        rest = search_complaints(
            session, viewer_id=agents["supervisor"], limit=3, after_id=first[-1].complaint_id
        )
        assert [row.case_id for row in (*first, *rest)] == [staff, answered_leak, leak, mailing]
        with pytest.raises(ValueError, match="limit"):
            search_complaints(session, viewer_id=agents["supervisor"], limit=0)


# Suspicious reports


def test_a_report_is_recorded_with_its_number_in_e164_and_completes_its_case(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    case_id = _report(sessions, agents)
    with sessions() as session:
        view = get_case(session, case_id)
        assert (view.state, view.customer_id, view.closed_at, view.identity_verified, view.fee_yen) == (
            S.COMPLETED,
            None,
            NOW,
            False,
            0,
        )
        row = report_of(session, case_id)
        assert row is not None
        assert (row.shown_number_e164, row.shown_number_raw) == ("+81312345678", "０３－１２３４－５６７８")
        assert (row.channel, row.received_on, row.paid, row.disclosed) == (
            ReportChannel.SMS,
            dt.date(2026, 11, 18),
            False,
            True,
        )
        assert (row.claimed_sender, row.details, row.recorded_by_id) == (
            "ABC通販 お客様センター",
            "未払い料金があると言われた",
            agents["agent"],
        )
        stored = session.scalars(select(SuspiciousReport)).one()
        assert stored.claimed_sender_key == "abc通販お客様センター"
    events = _events(sessions, case_id)
    assert [kind for kind, _ in events] == ["opened", "state_changed", "report_recorded", "state_changed"]
    assert _state_changes(events) == [("received", "in_progress"), ("in_progress", "completed")]
    recorded = dict(events)["report_recorded"]
    assert (recorded["shown_number"], recorded["channel"], recorded["disclosed"]) == (
        "+81312345678",
        "sms",
        True,
    )


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("shown_number", {"shown_number": "0120-ABC-DEF"}),
        ("shown_number", {"shown_number": "12345"}),
        ("received_on", {"received_on": TODAY_IN_JAPAN + dt.timedelta(days=1)}),
        ("claimed_sender", {"claimed_sender": "  "}),
        ("claimed_sender", {"claimed_sender": "名" * 201}),
        ("shown_url", {"shown_url": "https://example.com/" + "a" * 500}),
        ("channel", {"channel": "fax"}),
        ("claimed_sender", {"claimed_sender": "みらい\x1b]0;pwned\x07通販"}),
        ("claimed_sender", {"claimed_sender": "みらい通販\ncom"}),
        ("shown_url", {"shown_url": "https://example.com/\u202egpj.exe"}),
        ("details", {"details": "届いた\x9b2J手紙"}),
    ],
)
def test_report_input_is_checked_and_a_refused_report_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], field: str, overrides: dict[str, Any]
) -> None:
    case_id = _open(sessions, agents, K.SUSPICIOUS_REPORT)
    before = _counts(sessions)
    values: dict[str, Any] = {
        "channel": ReportChannel.PHONE,
        "received_on": dt.date(2026, 11, 18),
        "claimed_sender": "差出人",
        "shown_number": None,
        "shown_url": None,
        "paid": False,
        "disclosed": False,
        "details": "",
        **overrides,
    }
    with sessions.begin() as session, pytest.raises(InvalidRegisterEntry) as raised:
        record_report(session, case_id, agent_id=agents["agent"], now=NOW, **values)
    assert raised.value.field == field
    assert field in str(raised.value)
    assert _counts(sessions) == before
    with sessions() as session:
        assert get_case(session, case_id).state is S.RECEIVED


def test_a_report_received_today_in_japan_is_not_in_the_future(
    sessions: sessionmaker[Session], agents: dict[str, int]
) -> None:
    # NOW is still the 20th in UTC; the 21st is already today in Japan.
    case_id = _report(
        sessions, agents, received_on=TODAY_IN_JAPAN, claimed_sender="名" * 200, shown_number=None, details=""
    )
    with sessions() as session:
        row = report_of(session, case_id)
        assert row is not None
        assert (row.received_on, row.shown_number_e164, row.shown_number_raw) == (TODAY_IN_JAPAN, None, None)


def test_a_report_is_recorded_once(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    case_id = _report(sessions, agents)
    before = _counts(sessions)
    with sessions.begin() as session, pytest.raises(AlreadyRecorded, match="already has its report"):
        record_report(
            session,
            case_id,
            agent_id=agents["agent"],
            channel=ReportChannel.POST,
            received_on=dt.date(2026, 11, 18),
            claimed_sender="差出人",
            shown_number=None,
            shown_url=None,
            paid=False,
            disclosed=False,
            details="",
        )
    assert _counts(sessions) == before


@pytest.fixture
def register(sessions: sessionmaker[Session], agents: dict[str, int]) -> dict[str, int]:
    """Five reports: one number three times, written three ways, and one sender typed three ways."""
    return {
        "sms_1": _report(sessions, agents, received_on=dt.date(2026, 11, 1)),
        "phone": _report(
            sessions,
            agents,
            channel=ReportChannel.PHONE,
            received_on=dt.date(2026, 11, 10),
            claimed_sender="ａｂｃ通販お客様 センター",
            shown_number="+81 3-1234-5678",
        ),
        "post": _report(
            sessions,
            agents,
            channel=ReportChannel.POST,
            received_on=dt.date(2026, 11, 12),
            claimed_sender="国民生活 センター",
            shown_number="090-1111-2222",
        ),
        "email": _report(
            sessions,
            agents,
            channel=ReportChannel.EMAIL,
            received_on=dt.date(2026, 11, 15),
            claimed_sender="ABC通販100%還元",
            shown_number=None,
            shown_url="https://abc-tsuhan.example/login",
        ),
        "sms_2": _report(sessions, agents, received_on=dt.date(2026, 11, 14), shown_number="03(1234)5678"),
    }


def test_the_report_register_is_searched_by_number_in_any_form(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int]
) -> None:
    with sessions() as session:
        found = search_reports(session, viewer_id=agents["supervisor"], number="tel:+81-3-1234-5678")
        assert [row.case_id for row in found] == [register["sms_2"], register["phone"], register["sms_1"]]
        assert [
            row.case_id
            for row in search_reports(session, viewer_id=agents["supervisor"], number="09011112222")
        ] == [register["post"]]
        assert search_reports(session, viewer_id=agents["supervisor"], number="   ") == search_reports(
            session, viewer_id=agents["supervisor"]
        )
        with pytest.raises(InvalidRegisterEntry) as raised:
            search_reports(session, viewer_id=agents["supervisor"], number="abc")
        assert raised.value.field == "number"


def test_the_report_register_is_searched_by_sender_however_it_was_typed(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int]
) -> None:
    with sessions() as session:

        def cases(**filters: Any) -> set[int]:
            return {row.case_id for row in search_reports(session, viewer_id=agents["supervisor"], **filters)}

        abc = {register[name] for name in ("sms_1", "phone", "email", "sms_2")}
        assert cases(sender="ＡＢＣ通販") == abc
        assert cases(sender="お客様センター") == abc - {register["email"]}
        assert cases(sender="生活 センター") == {register["post"]}
        # Wildcards are text: '%' finds only the sender that has one.
        assert cases(sender="100%") == {register["email"]}
        assert cases(sender="_") == set()


def test_the_report_register_filters_by_channel_and_dates_inclusive_and_pages(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int]
) -> None:
    with sessions() as session:
        sms = search_reports(session, viewer_id=agents["supervisor"], channel=ReportChannel.SMS)
        assert [row.case_id for row in sms] == [register["sms_2"], register["sms_1"]]
        window = search_reports(
            session, viewer_id=agents["supervisor"], since=dt.date(2026, 11, 10), until=dt.date(2026, 11, 14)
        )
        assert {row.case_id for row in window} == {register["phone"], register["post"], register["sms_2"]}
        first = search_reports(session, viewer_id=agents["supervisor"], limit=2)
        second = search_reports(
            session, viewer_id=agents["supervisor"], limit=2, after_id=first[-1].report_id
        )
        third = search_reports(
            session, viewer_id=agents["supervisor"], limit=2, after_id=second[-1].report_id
        )
        paged = [row.case_id for row in (*first, *second, *third)]
        assert paged == [row.case_id for row in search_reports(session, viewer_id=agents["supervisor"])]
        assert len(set(paged)) == 5
        with pytest.raises(ValueError, match="limit"):
            search_reports(session, viewer_id=agents["supervisor"], limit=501)


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    yield seen
    event.remove(engine, "before_cursor_execute", remember)


def test_reports_are_counted_by_number_in_the_database(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int], statements: list[str]
) -> None:
    with sessions() as session:
        counts = count_reports_by_number(session, viewer_id=agents["supervisor"])
        assert [(c.value, c.count, c.latest_received_on, c.label) for c in counts] == [
            ("+81312345678", 3, dt.date(2026, 11, 14), "03-1234-5678"),
            ("+819011112222", 1, dt.date(2026, 11, 12), "090-1111-2222"),
        ]
        # Counted in SQL: one grouped statement, not a row per report carried into Python (the other
        # statement reads the viewer's role).
        (counted,) = [statement for statement in statements if "suspicious_reports" in statement]
        assert "GROUP BY" in counted.upper()
        recent = count_reports_by_number(session, viewer_id=agents["supervisor"], since=dt.date(2026, 11, 12))
        assert [(c.value, c.count) for c in recent] == [("+81312345678", 1), ("+819011112222", 1)]
        assert [
            c.value for c in count_reports_by_number(session, viewer_id=agents["supervisor"], limit=1)
        ] == ["+81312345678"]


def test_reports_are_counted_by_sender_folded_most_reported_first(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int], statements: list[str]
) -> None:
    with sessions() as session:
        counts = count_reports_by_sender(session, viewer_id=agents["supervisor"])
        assert [(c.value, c.count, c.latest_received_on) for c in counts] == [
            ("abc通販お客様センター", 3, dt.date(2026, 11, 14)),
            ("abc通販100%還元", 1, dt.date(2026, 11, 15)),
            ("国民生活センター", 1, dt.date(2026, 11, 12)),
        ]
        assert counts[0].label in {"ABC通販 お客様センター", "ａｂｃ通販お客様 センター"}
        (counted,) = [statement for statement in statements if "suspicious_reports" in statement]
        assert "GROUP BY" in counted.upper()
        # The value searches the register for exactly the reports it counted.
        assert len(search_reports(session, viewer_id=agents["supervisor"], sender=counts[0].value)) == 3
        until = count_reports_by_sender(session, viewer_id=agents["supervisor"], until=dt.date(2026, 11, 10))
        assert [(c.value, c.count) for c in until] == [("abc通販お客様センター", 2)]


def test_only_supervisors_and_administrators_search_and_count_the_registers(
    sessions: sessionmaker[Session], agents: dict[str, int], register: dict[str, int]
) -> None:
    """The role on record decides, in the core: an agent's session gets no complaint, report or count."""
    _complaint(sessions, agents, escalate_it=True, answer=None)
    with sessions.begin() as session:
        admin = Agent(login="admin", display_name="admin", role=AgentRole.ADMIN, created_at=NOW)
        session.add(admin)
        session.flush()
        admin_id = admin.id
    reads: list[Callable[[Session, int], tuple[object, ...]]] = [
        lambda s, viewer: search_complaints(s, viewer_id=viewer),
        lambda s, viewer: search_reports(s, viewer_id=viewer),
        lambda s, viewer: count_reports_by_number(s, viewer_id=viewer),
        lambda s, viewer: count_reports_by_sender(s, viewer_id=viewer),
    ]
    with sessions() as session:
        for read in reads:
            assert read(session, agents["supervisor"])
            assert read(session, admin_id) == read(session, agents["supervisor"])
            for agent in ("agent", "agent2"):
                with pytest.raises(SupervisorOnly):
                    read(session, agents[agent])
            with pytest.raises(UnknownAgent):
                read(session, admin_id + 1)
