"""Each case action through its button and dialog in the window, by the role that may take it: the dialog
asks for what the core needs (a reason, a date, an agent), OK carries it out, the database changes."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, CaseState, FeeStatus, LetterKind, Proposal, RefusalGround
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.letters.render import render_letter
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases import registers
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.records import CaseEventView, get_case
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Case, CaseEvent
from tests.support.desk_driver import choose_ground, open_case_dialog, press_ok, said, type_into
from tests.support.letter_cases import NOW, LetterCases
from tests.support.qt_input import ime_commit
from ui.cases.case_timeline import event_text
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

A = CaseAction
NEEDS_REASON = (A.PROPOSE_REFUSAL, A.APPROVE, A.DENY, A.WITHDRAW, A.REOPEN, A.EXTEND_DEADLINE, A.WAIVE_FEE)


@pytest.fixture
def cases(desk_db: DeskDatabase) -> LetterCases:
    return LetterCases(desk_db.factory)


@pytest.fixture
def window_as(
    qtbot: QtBot, open_window: Callable[..., MainWindow], cases: LetterCases
) -> Callable[[str], MainWindow]:
    windows: list[MainWindow] = []

    def open_as(login: str) -> MainWindow:
        window = open_window()
        windows.append(window)
        with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
            window.sign_in(login)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return open_as


def act(qtbot: QtBot, window: MainWindow, case_id: int, action: CaseAction, reason: str = "") -> None:
    """Open the case, press the action's button, fill the dialog, OK; returns once the case is updated."""
    dialog = open_case_dialog(qtbot, window, case_id, action)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    if action in NEEDS_REASON:
        assert not ok.isEnabled()  # nothing goes without its reason
    if reason:
        dialog.reason.setFocus()
        ime_commit(dialog.reason, reason)
    if action is A.REASSIGN:
        dialog.to_agent.setCurrentIndex(dialog.to_agent.findText("printroom"))
    press_ok(qtbot, window, dialog)


def state(cases: LetterCases, case_id: int) -> CaseState:
    with cases.sessions() as session:
        return get_case(session, case_id).state


def last_event(cases: LetterCases, case_id: int) -> CaseEvent:
    with cases.sessions() as session:
        return session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc())
        ).first()  # type: ignore[return-value]


PROPOSED = RefusalAnswer(
    ground=RefusalGround.IDENTITY_UNCONFIRMED, text="本人確認書類をお送りいただけませんでした。"
)


def propose_refusal(cases: LetterCases, case_id: int) -> None:
    with cases.sessions.begin() as session:
        transition(
            session,
            case_id,
            CaseState.AWAITING_APPROVAL,
            agent_id=cases.agent,
            expected_row_version=get_case(session, case_id).row_version,
            proposal=Proposal.REFUSAL,
            reason="本人確認書類が届かない",
            answer=PROPOSED,
            now=NOW,
        )


def test_an_agent_proposes_a_refusal_and_a_supervisor_denies_it_with_a_reason(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.CORRECTION, cases.customer())
    with cases.sessions.begin() as session:
        transition(
            session,
            case_id,
            CaseState.IN_PROGRESS,
            agent_id=cases.agent,
            expected_row_version=get_case(session, case_id).row_version,
            now=NOW,
        )
    agent = window_as("agent")
    dialog = open_case_dialog(qtbot, agent, case_id, A.PROPOSE_REFUSAL)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.answer is not None
    # A verified correction is not refused on disclosure's grounds, nor for an unconfirmed identity.
    offered = [dialog.answer.ground.itemData(i) for i in range(1, dialog.answer.ground.count())]
    assert offered == [RefusalGround.OTHER.value]
    type_into(dialog.reason, "訂正の根拠が確認できない")
    assert not ok.isEnabled()  # the internal note alone is not what the customer is told
    choose_ground(dialog, RefusalGround.OTHER)
    assert not ok.isEnabled()
    type_into(dialog.answer.text, "ご登録の内容が事実と相違ないことを確認いたしました。")
    press_ok(qtbot, agent, dialog)
    assert state(cases, case_id) is CaseState.AWAITING_APPROVAL
    assert said(agent) == "Refusal proposed: it awaits a supervisor's approval."
    proposed = last_event(cases, case_id).detail
    assert (proposed["ground"], proposed["customer_text"], proposed["reason"]) == (
        "other",
        "ご登録の内容が事実と相違ないことを確認いたしました。",
        "訂正の根拠が確認できない",
    )
    assert A.DENY not in agent.case_page.actions_bar.buttons  # not for the proposer
    supervisor = window_as("supervisor")
    act(qtbot, supervisor, case_id, A.DENY, "住民票の写しで確認できる")
    assert state(cases, case_id) is CaseState.IN_PROGRESS
    assert said(supervisor) == "Proposal denied: the case is back to In progress."
    assert last_event(cases, case_id).detail["reason"] == "住民票の写しで確認できる"


def test_the_approver_decides_the_ground_and_the_text_printed_on_the_letter(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.opened(CaseKind.DISCLOSURE, cases.customer())
    with cases.sessions.begin() as session:
        transition(
            session,
            case_id,
            CaseState.IDENTITY_PENDING,
            agent_id=cases.agent,
            expected_row_version=get_case(session, case_id).row_version,
            now=NOW,
        )
    propose_refusal(cases, case_id)
    supervisor = window_as("supervisor")
    dialog = open_case_dialog(qtbot, supervisor, case_id, A.APPROVE)
    answer = dialog.answer
    assert answer is not None
    # The dialog starts from the proposal and says which part the customer reads.
    assert answer.title() == "Printed on the letter to the customer"
    assert answer.chosen_ground() is RefusalGround.IDENTITY_UNCONFIRMED
    assert answer.customer_text() == PROPOSED.text
    internal = [box.title() for box in dialog.findChildren(QGroupBox) if box is not answer]
    assert internal == ["Internal — kept in the case log, never printed"]
    assert "本人確認書類が届かない" in [label.text() for label in dialog.findChildren(QLabel)]
    approved = "ご本人様確認のためのお電話に二度応答がなく、ご本人様であることを確認できませんでした。"
    choose_ground(dialog, RefusalGround.IDENTITY_UNCONFIRMED)
    type_into(answer.text, approved)
    type_into(dialog.reason, "二度の折り返しに応答なし")
    press_ok(qtbot, supervisor, dialog)
    assert state(cases, case_id) is CaseState.REFUSED
    assert said(supervisor) == "Refusal approved: the request is refused."
    event = last_event(cases, case_id)
    assert (event.detail["ground"], event.detail["customer_text"], event.detail["reason"]) == (
        "identity_unconfirmed",
        approved,
        "二度の折り返しに応答なし",
    )
    # The timeline shows what the approver decided the customer is told, apart from the note.
    timeline = supervisor.case_page.actions_bar.timeline
    qtbot.waitUntil(lambda: timeline.count() > 0 and approved in timeline.item(timeline.count() - 1).text())
    line = timeline.item(timeline.count() - 1).text()
    assert "ground: The caller's identity could not be confirmed" in line
    assert f"on the letter: “{approved}”" in line
    assert "(internal note: 二度の折り返しに応答なし)" in line
    assert PROPOSED.text not in line
    with cases.sessions() as session:
        kind, text = _letter_text(session, case_id)
    assert kind is LetterKind.REFUSAL
    assert "".join(approved.split()) in text


def _letter_text(session: Session, case_id: int) -> tuple[LetterKind, str]:
    letter = letter_for_case(session, case_id, today=NOW.date())
    pages = PdfReader(io.BytesIO(render_letter(letter, CompanyProfile()))).pages
    return letter.kind, "".join("".join(page.extract_text().split()) for page in pages)


def test_a_supervisor_reassigns_an_open_case(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.SUSPENSION, cases.customer())
    supervisor = window_as("supervisor")
    act(qtbot, supervisor, case_id, A.REASSIGN)
    with cases.sessions() as session:
        assert session.get_one(Case, case_id).assigned_to_id == cases.agents["printroom"]
    assert last_event(cases, case_id).kind == "reassigned"
    assert said(supervisor) == "Case given to printroom."


def test_an_agent_extends_the_deadline_once_and_is_not_offered_it_again(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.CORRECTION, cases.customer())
    with cases.sessions() as session:
        due = get_case(session, case_id).due_on
    agent = window_as("agent")
    act(qtbot, agent, case_id, A.EXTEND_DEADLINE, "書類の到着待ち")
    with cases.sessions() as session:
        extended = get_case(session, case_id)
    assert extended.deadline_extended
    assert (extended.due_on - due).days == 14
    assert said(agent) == f"Deadline extended to {extended.due_on.isoformat()}."
    bar = agent.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.deadline_extended)
    assert A.EXTEND_DEADLINE not in bar.buttons


def test_withdrawn_needs_a_reason_and_closes_the_case(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.SUSPENSION, cases.customer())
    agent = window_as("agent")
    act(qtbot, agent, case_id, A.WITHDRAW, "お客様が取り下げ")
    assert state(cases, case_id) is CaseState.WITHDRAWN
    assert said(agent) == "Request recorded as withdrawn."


def test_a_supervisor_reopens_a_closed_case_and_an_agent_cannot(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.correction(cases.customer(), {"city": "渋谷区神宮前"})
    agent = window_as("agent")
    agent.open_case(case_id)
    bar = agent.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id)
    assert bar.buttons == {}
    supervisor = window_as("supervisor")
    act(qtbot, supervisor, case_id, A.REOPEN, "訂正内容の再確認")
    assert state(cases, case_id) is CaseState.IN_PROGRESS
    assert said(supervisor) == "Case reopened: it is In progress again."


def test_a_supervisor_answers_an_escalated_complaint(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.opened(CaseKind.COMPLAINT, None)
    with cases.sessions.begin() as session:
        registers.record_complaint(
            session,
            case_id,
            agent_id=cases.agent,
            category=registers.ComplaintCategory.STAFF_CONDUCT,
            details="説明が不親切だった",
            answer_given=None,
            escalate=True,
            callback_number="090-3333-4444",
            now=NOW,
        )
    agent = window_as("agent")
    agent.open_case(case_id)
    bar = agent.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id)
    assert A.ANSWER_COMPLAINT not in bar.buttons
    supervisor = window_as("supervisor")
    act(qtbot, supervisor, case_id, A.ANSWER_COMPLAINT, "担当者指導を行い、お詫びの連絡をした")
    assert state(cases, case_id) is CaseState.COMPLETED
    assert said(supervisor) == "Answer to the complaint recorded; the case is completed."


def test_a_waived_fee_needs_its_reason(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.DISCLOSURE, cases.customer())
    with cases.sessions.begin() as session:
        case_operations.record_fee(
            session,
            case_id,
            agent_id=cases.agent,
            status=FeeStatus.REQUESTED,
            company=CompanyProfile(),
            now=NOW,
        )
    agent = window_as("agent")
    act(qtbot, agent, case_id, A.WAIVE_FEE, "災害救助法の適用地域")
    assert state(cases, case_id) is CaseState.IN_PROGRESS
    assert said(agent) == "Fee waived."


def test_a_supervisor_verifies_the_audit_trail_and_sees_a_changed_row_named(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.SUSPENSION, cases.customer())
    agent = window_as("agent")
    assert not agent.verify_audit_action.isVisible()
    supervisor = window_as("supervisor")
    assert supervisor.verify_audit_action.isVisible()
    supervisor.verify_audit_action.trigger()
    qtbot.waitUntil(
        lambda: supervisor.audit_box is not None and supervisor.audit_box.isVisible(), timeout=20_000
    )
    assert supervisor.audit_box is not None
    assert supervisor.audit_box.text().startswith("The audit trail is intact:")
    supervisor.audit_box.close()
    with cases.sessions.begin() as session:
        event_id = session.scalars(select(CaseEvent.id).where(CaseEvent.case_id == case_id)).first()
        # Someone edits the log behind the program's back.
        session.execute(update(CaseEvent).where(CaseEvent.id == event_id).values(kind="tampered"))
    supervisor.audit_box = None
    supervisor.verify_audit_action.trigger()
    qtbot.waitUntil(
        lambda: supervisor.audit_box is not None and supervisor.audit_box.isVisible(), timeout=20_000
    )
    assert supervisor.audit_box is not None
    assert supervisor.audit_box.text().startswith("The audit trail is broken.")
    assert f"row {event_id}" in supervisor.audit_box.text()


def test_the_timeline_shows_an_old_refusals_approver_reason_and_a_new_ones_answer(qtbot: QtBot) -> None:
    at = NOW
    old = CaseEventView(
        at=at,
        agent_id=2,
        kind="state_changed",
        agent_name="supervisor",
        detail={
            "from": "awaiting_approval",
            "to": "refused",
            "reason": "ご本人確認ができなかったため",
            "proposal": "refusal",
            "decision_reason": "二度の折り返しに応答なし",
        },
    )
    assert event_text(old).endswith(
        "Awaiting approval → Refused (reason: ご本人確認ができなかったため)"
        " (approver: 二度の折り返しに応答なし)"
    )
    new = CaseEventView(
        at=at,
        agent_id=1,
        kind="state_changed",
        agent_name="agent",
        detail={
            "from": "in_progress",
            "to": "awaiting_approval",
            "reason": "住所が一致しない",
            "proposal": "refusal",
            "ground": "violation_of_law",
            "customer_text": "法令により開示できません。",
        },
    )
    assert event_text(new).endswith(
        "In progress → Awaiting approval (refusal proposed)"
        " — ground: Disclosing would violate another law (Art. 33(2)(iii))"
        " — on the letter: “法令により開示できません。” (internal note: 住所が一致しない)"
    )


def test_another_agent_signing_in_over_an_open_case_never_acts_as_the_last_one(
    qtbot: QtBot, window_as: Callable[[str], MainWindow], cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.CORRECTION, cases.customer())
    window = window_as("agent")
    bar = window.case_page.actions_bar
    window.open_case(case_id)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id)
    assert bar.agent is not None
    assert bar.agent.login == "agent"
    # File > Sign in… as someone else, without signing out: the case closes, as after a lock.
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in("supervisor")
    assert (window.case_page.case, bar.case, bar.agent) == (None, None, None)
    window.open_case(case_id)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id)
    assert bar.agent is not None
    assert bar.agent.login == "supervisor"
