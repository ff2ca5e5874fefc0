"""Every date editor offers Japan's today, whatever the machine's zone: at 01:16 on 7 December in Japan, on a
machine still on the 6th, the documents' and the fee's received dates, the stop date and the mailed date
default to the 7th, and the letters made from what the agent confirmed print the 7th on every line.

The one "today in Japan" function is given the moment (the core's own clock is injected with `now=`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain import deadlines
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.services.cases import letters
from desk_app.services.cases import scripts as case_scripts
from desk_app.services.cases.actions import CaseAction, perform
from desk_app.services.cases.identity import DocumentCheck
from desk_app.services.cases.records import case_events, get_case
from tests.support.letter_cases import COMPANY, LetterCases
from tests.support.machine_zone import JAPAN_DAY, MACHINE_ZONES, NIGHT_IN_JAPAN, letter_dates, machine_zone
from ui.cases.action_step_pages import MailingsStepPage
from ui.cases.case_actions_bar import CaseActionDialog
from ui.cases.identity_step_page import IdentityStepPage
from ui.mail_room.mail_room_page import MailedDialog

NOW = NIGHT_IN_JAPAN
SCRIPTS = load_scripts(resources_dir() / "scripts")
JAPAN_QDATE = QDate(2026, 12, 7)


@pytest.fixture(params=MACHINE_ZONES)
def night_in_japan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The machine set to `request.param`, and Japan's today taken at 01:16 on the 7th there."""
    real = deadlines.japan_today
    monkeypatch.setattr(deadlines, "japan_today", lambda now=None: real(now or NOW))
    with machine_zone(request.param):
        yield request.param


@pytest.fixture
def cases(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _started(cases: LetterCases, script_id: str) -> int:
    with cases.sessions.begin() as session:
        started = case_scripts.start_request(
            session,
            script=SCRIPTS[script_id],
            customer_id=cases.customer(),
            agent_id=cases.agent,
            company=COMPANY,
            now=NOW,
        )
        return started.case.case_id


def _verified_by_documents(qtbot: QtBot, cases: LetterCases, script_id: str) -> int:
    """The case opened now, and its identity checked by documents on the date the step page offers."""
    case_id = _started(cases, script_id)
    page = IdentityStepPage(
        SCRIPTS[script_id].step("verify_identity"),
        COMPANY,
        "ja",
        None,
        caller_number=None,
        registered_numbers=(),
        knowledge_items=(),
        check=lambda _method, _inputs: None,
    )
    qtbot.addWidget(page)
    (documents,) = [
        button
        for button in page.findChildren(QRadioButton)
        if button.property("method") == IdentityMethod.DOCUMENTS.value
    ]
    documents.setChecked(True)
    page.document_type.setText("運転免許証の写し")
    for check in (DocumentCheck.NAME, DocumentCheck.ADDRESS):
        page.document_matches[check].setChecked(True)
    assert page.received_on.date() == JAPAN_QDATE
    inputs = page.inputs()
    assert inputs["received_on"] == "2026-12-07"
    with cases.sessions.begin() as session:
        result = case_scripts.check_identity(
            session, case_id, agent_id=cases.agent, method=IdentityMethod.DOCUMENTS, inputs=inputs, now=NOW
        )
    assert result.verified
    return case_id


def _letter(cases: LetterCases, case_id: int) -> tuple[letters.LetterView, list[str]]:
    with cases.sessions.begin() as session:
        letter = letters.generate_letter(session, case_id, agent_id=cases.agent, company=COMPANY, now=NOW)
        pdf = letters.letter_pdf(session, letter.letter_id, agent_id=cases.agent, purpose="preview")
    return letter, letter_dates(pdf)


def test_every_date_editor_defaults_to_japans_today(
    qtbot: QtBot, night_in_japan: str, cases: LetterCases
) -> None:
    case_id = _started(cases, "disclosure")
    with cases.sessions() as session:
        view = get_case(session, case_id)
    identity = IdentityStepPage(
        SCRIPTS["disclosure"].step("verify_identity"),
        COMPANY,
        "ja",
        None,
        caller_number=None,
        registered_numbers=(),
        knowledge_items=(),
        check=lambda _method, _inputs: None,
    )
    fee = CaseActionDialog(CaseAction.RECORD_FEE_RECEIVED, "Fee received", view)
    stop = MailingsStepPage(
        SCRIPTS["suspension"].step("stop_mailings"),
        COMPANY,
        "ja",
        None,
        chosen=("catalogue",),
        stop_from=None,
    )
    mailed = MailedDialog(1)
    for widget in (identity, fee, stop, mailed):
        qtbot.addWidget(widget)
    offered = {
        "documents received": identity.received_on.date(),
        "fee received": fee.received_on.date(),
        "mailings stop": stop.effective.date(),
        "mailed": mailed.mailed_on.date(),
    }
    assert offered == dict.fromkeys(offered, JAPAN_QDATE)


def test_the_fee_and_mailed_dates_default_to_japans_today_and_the_letter_prints_only_it(
    qtbot: QtBot, night_in_japan: str, cases: LetterCases
) -> None:
    case_id = _verified_by_documents(qtbot, cases, "disclosure")
    answers = {"verify_identity": IdentityMethod.DOCUMENTS.value, "fee": "yes", "delivery": "letter"}
    with cases.sessions.begin() as session:
        for step_id in ("request_fee", "prepare_letter"):
            case_scripts.run_action(
                session,
                case_id,
                script=SCRIPTS["disclosure"],
                step_id=step_id,
                answers=answers,
                inputs={"waive": False},
                agent_id=cases.agent,
                company=COMPANY,
                now=NOW,
            )
        view = get_case(session, case_id)
    dialog = CaseActionDialog(CaseAction.RECORD_FEE_RECEIVED, "Fee received", view)
    qtbot.addWidget(dialog)
    assert dialog.received_on.date() == JAPAN_QDATE
    with cases.sessions.begin() as session:
        perform(
            session,
            case_id,
            CaseAction.RECORD_FEE_RECEIVED,
            agent_id=cases.agent,
            expected_row_version=view.row_version,
            inputs=dialog.inputs(),
            now=NOW,
        )
    letter, dates = _letter(cases, case_id)
    assert len(dates) >= 3  # 発行日, the day of the request, the day the fee was received
    assert set(dates) == {"2026年12月7日"}, dates

    mailed = MailedDialog(1)
    qtbot.addWidget(mailed)
    assert mailed.mailed_on.date() == JAPAN_QDATE
    method, on = mailed.chosen()
    assert on == JAPAN_DAY
    with cases.sessions.begin() as session:
        (view_mailed,) = letters.mark_mailed(
            session, [letter.letter_id], agent_id=cases.agent, method=method, on=on, now=NOW
        )
    assert view_mailed.mailed_on == JAPAN_DAY


def test_mailings_stop_from_japans_today_by_default_and_the_letter_says_so(
    qtbot: QtBot, night_in_japan: str, cases: LetterCases
) -> None:
    case_id = _verified_by_documents(qtbot, cases, "suspension")
    step = SCRIPTS["suspension"].step("stop_mailings")
    page = MailingsStepPage(step, COMPANY, "ja", None, chosen=("catalogue", "direct_mail"), stop_from=None)
    qtbot.addWidget(page)
    assert page.effective.date() == JAPAN_QDATE
    answers = {
        "verify_identity": IdentityMethod.DOCUMENTS.value,
        "mailings": "all",
        "ground": "customer_wish",
        "stop_from": "",
    }
    with cases.sessions.begin() as session:
        case_scripts.run_action(
            session,
            case_id,
            script=SCRIPTS["suspension"],
            step_id="stop_mailings",
            answers=answers,
            inputs=page.action_inputs(),
            agent_id=cases.agent,
            company=COMPANY,
            now=NOW,
        )
        case_scripts.finish_script(
            session,
            case_id,
            script=SCRIPTS["suspension"],
            answers={**answers, "notes": ""},
            agent_id=cases.agent,
            now=NOW,
        )
        (stopped,) = [e.detail for e in case_events(session, case_id) if e.kind == "mailings_stopped"]
    assert stopped["effective"] == "2026-12-07"
    _letter_view, dates = _letter(cases, case_id)
    assert len(dates) >= 3  # 発行日, the day of the request, the day the mailings stop
    assert set(dates) == {"2026年12月7日"}, dates
