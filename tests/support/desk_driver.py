"""Driving the real main window as an agent does: rings, the New inquiry dialog, the talk script by keyboard,
the case's action dialogs, signing in through the dialog, and reading back what the database holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseState, RefusalGround
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.actions import CaseAction
from desk_app.storage.models import Case, CaseEvent, Customer, ScriptDraftRow
from tests.support.qt_input import ime_commit
from ui.calls.previous_call_bar import PreviousCallVeil
from ui.cases.action_step_pages import DeliveryStepPage
from ui.cases.case_actions_bar import CaseActionDialog
from ui.cases.identity_step_page import IdentityStepPage
from ui.cases.new_inquiry_dialog import REQUEST_KEYS
from ui.cases.script_wizard import ScriptWizard
from ui.shell.main_window import MainWindow

Ring = Callable[[str], str]
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class DeskDb(Protocol):
    """What the readers below need of a test database: its session factory."""

    @property
    def factory(self) -> sessionmaker[Session]: ...


# --- the keyboard ---------------------------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(qtbot: QtBot, which: str, modifier: Qt.KeyboardModifier = ALT) -> None:
    """One key (Alt+`which` unless told) to whatever has the keyboard."""
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{which}"), modifier)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Latin text as key presses; Japanese as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        ime_commit(widget, text)


def activate(qtbot: QtBot, window: QWidget) -> None:
    """What a window manager does when a dialog closes or the agent clicks the window: it becomes active."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


# --- calls ----------------------------------------------------------------------------------------------


def answer_call(qtbot: QtBot, window: MainWindow, ring: Ring, number: str) -> None:
    ring(number)
    with qtbot.waitSignal(window.flow.call_recorded, timeout=5_000):
        window.simulator_actions.answer_action.trigger()


def is_greyed(page: QWidget) -> bool:
    """A veil over the whole page, greying what shows through it."""
    veils = [veil for veil in page.findChildren(PreviousCallVeil) if veil.isVisible()]
    return len(veils) == 1 and veils[0].geometry() == page.rect()


def typed(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


# --- the talk script ------------------------------------------------------------------------------------


def start_inquiry(
    qtbot: QtBot,
    window: MainWindow,
    number: int,
    *,
    about_customer: bool = True,
    by_post_on: QDate | None = None,
) -> ScriptWizard:
    """Ctrl+N, the request's Alt key (the `number`th of the dialog's: Alt+1…Alt+9, then Alt+0 and letters),
    Enter: the case opens on the Case page with its script. `by_post_on`: Alt+P, a written request that
    arrived by post that day."""
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.new_inquiry_dialog is not None and window.new_inquiry_dialog.isVisible())
    dialog = window.new_inquiry_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    key(qtbot, REQUEST_KEYS[number - 1])
    qtbot.waitUntil(lambda: dialog.requests.checkedId() == number)
    if not about_customer and dialog.about_customer.isChecked():
        dialog.about_customer.click()
    if by_post_on is not None:
        key(qtbot, "P")
        qtbot.waitUntil(dialog.by_post.isChecked)
        dialog.arrived_on.setDate(by_post_on)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
    # A question about a leak waits for the open incidents, read in the background, to offer one.
    qtbot.waitUntil(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_page.wizard is not None, timeout=10_000)
    wizard = window.case_page.wizard
    assert wizard is not None
    assert window.pages.currentWidget() is window.case_page
    qtbot.waitUntil(wizard.isVisible)
    # The dialog has closed. A window manager hands activation back to the window; offscreen has none.
    activate(qtbot, window)
    wizard.focus_step()
    qtbot.waitUntil(lambda: wizard.isAncestorOf(QApplication.focusWidget()))
    return wizard


def next_step(qtbot: QtBot, wizard: ScriptWizard) -> None:
    """Ctrl+Return; returns once the wizard has moved on (an action step waits for the database)."""
    before = wizard.current_step
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: wizard.current_step != before or wizard.is_done, timeout=10_000)
    if not wizard.is_done:
        qtbot.waitUntil(lambda: focused() is not None)


def walk(qtbot: QtBot, wizard: ScriptWizard, until: str) -> None:
    """Next through say steps up to `until`."""
    while wizard.current_step != until:
        assert not wizard.is_done, f"finished before {until}"
        next_step(qtbot, wizard)


def choose(qtbot: QtBot, wizard: ScriptWizard, number: int) -> None:
    key(qtbot, str(number))
    options = wizard.page.options
    assert options is not None
    qtbot.waitUntil(lambda: options.checkedId() == number)
    next_step(qtbot, wizard)


def electronic_record(qtbot: QtBot, wizard: ScriptWizard) -> str:
    """At a disclosure's form: an electronic record (Alt+2), on through the step that records it to the
    notes; returns what that step said it would record."""
    choose(qtbot, wizard, 2)
    assert wizard.current_step == "electronic_address"
    walk(qtbot, wizard, "prepare_letter")
    page = wizard.page
    assert isinstance(page, DeliveryStepPage)
    said = page.outcome.text()
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    return said


def tick_and_next(qtbot: QtBot, wizard: ScriptWizard) -> None:
    assert wizard.page.confirm_box is not None
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert wizard.page.confirm_box.isChecked()
    next_step(qtbot, wizard)


def type_and_next(qtbot: QtBot, wizard: ScriptWizard, text: str) -> None:
    type_text(qtbot, focused(), text)
    next_step(qtbot, wizard)


def ask_question(qtbot: QtBot, wizard: ScriptWizard, question: int, said: str) -> IdentityStepPage:
    """Caller ID and a question: pick the question, type what the caller said, Alt+K; returns once the
    core has decided (the result is on the page)."""
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    assert not wizard.next_button.isEnabled()
    page.knowledge_item.setCurrentIndex(question)
    page.said.setFocus()
    page.said.clear()
    type_text(qtbot, page.said, said)
    # The mnemonic clicks a moment later (animateClick); until then the page still says how the last
    # check went. The result follows from the database.
    with qtbot.waitSignal(page.check_button.clicked, timeout=5_000):
        key(qtbot, "K")
    recording = page.tr("Recording…")  # in the window's language
    qtbot.waitUntil(lambda: page.result_label.text() not in ("", recording), timeout=10_000)
    return page


def verify_by_question(qtbot: QtBot, wizard: ScriptWizard, question: int, said: str) -> None:
    """Caller ID and a question answered right, then Next."""
    page = ask_question(qtbot, wizard, question, said)
    # Whatever the window's language, the page holds the method it verified by.
    assert page.verified_method is not None, page.result_label.text()
    next_step(qtbot, wizard)


def finish(qtbot: QtBot, window: MainWindow, wizard: ScriptWizard, note: str = "") -> None:
    """The last step (the note): Next finishes; the Case page then shows the case's actions."""
    assert wizard.current_step == "notes"
    if note:
        ime_commit(focused(), note)
    next_step(qtbot, wizard)
    qtbot.waitUntil(lambda: window.case_page.wizard is None, timeout=10_000)
    qtbot.waitUntil(window.case_page.actions_bar.isVisible)


def cancel_request(qtbot: QtBot, window: MainWindow, wizard: ScriptWizard, reason: str) -> None:
    """Cancel request…, the reason typed into the box that asks why, Enter; returns once the case is
    withdrawn and the script gone.

    The box is Qt's own modal `QInputDialog.getText`, which runs its own event loop: the typing is
    queued before the click and done from inside that loop.
    """
    answered: list[bool] = []

    def answer_the_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(10, answer_the_box)
            return
        field = box.findChild(QLineEdit)
        assert field is not None
        field.setFocus()
        ime_commit(field, reason)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        answered.append(True)

    QTimer.singleShot(0, answer_the_box)
    wizard.cancel_button.click()
    assert answered == [True]
    qtbot.waitUntil(lambda: window.case_page.wizard is None, timeout=10_000)
    activate(qtbot, window)  # the box has closed


# --- the case's actions ---------------------------------------------------------------------------------


def open_action_dialog(qtbot: QtBot, window: MainWindow, action: CaseAction) -> CaseActionDialog:
    """Press the action's button on the case on screen; returns its dialog once it shows."""
    bar = window.case_page.actions_bar
    qtbot.waitUntil(lambda: action in bar.buttons, timeout=10_000)
    bar.buttons[action].click()
    qtbot.waitUntil(lambda: bar.current_dialog is not None and bar.current_dialog.isVisible())
    dialog = bar.current_dialog
    assert dialog is not None
    return dialog


def open_case_dialog(qtbot: QtBot, window: MainWindow, case_id: int, action: CaseAction) -> CaseActionDialog:
    """Open the case and press the action's button; returns its dialog once it shows."""
    bar = window.case_page.actions_bar
    window.open_case(case_id)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id and action in bar.buttons)
    if action is CaseAction.REASSIGN:
        qtbot.waitUntil(lambda: bool(bar.agents), timeout=10_000)
    return open_action_dialog(qtbot, window, action)


def press_ok(qtbot: QtBot, window: MainWindow, dialog: CaseActionDialog) -> None:
    """OK; returns once the case is updated."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.waitSignal(window.case_page.actions_bar.case_updated, timeout=10_000):
        ok.click()


def run_case_action(qtbot: QtBot, window: MainWindow, action: CaseAction, reason: str = "") -> None:
    """Press the action's button, fill the dialog's reason, OK; returns once the case is updated."""
    dialog = open_action_dialog(qtbot, window, action)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    if reason:
        dialog.reason.setFocus()
        ime_commit(dialog.reason, reason)
    press_ok(qtbot, window, dialog)
    activate(qtbot, window)


def preview_letter(qtbot: QtBot, window: MainWindow) -> int:
    """Le&tter… (Alt+T) on the case on screen: the letter is made and previewed; returns its page count
    once the preview is closed (the letter stays for the mail room)."""
    bar = window.case_page.actions_bar
    activate(qtbot, window)
    qtbot.waitUntil(bar.letter_button.isVisible, timeout=10_000)
    with qtbot.waitSignal(bar.letter_made, timeout=20_000):
        key(qtbot, "T")
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=10_000)
    assert bar.preview is not None
    pages = bar.preview.pdf.page_count
    bar.preview.reject()
    return pages


def choose_ground(dialog: CaseActionDialog, ground: RefusalGround) -> None:
    assert dialog.answer is not None
    index = dialog.answer.ground.findData(ground.value)
    assert index > 0, f"{ground} is not offered"
    dialog.answer.ground.setCurrentIndex(index)


def type_into(widget: QPlainTextEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    ime_commit(widget, text)


def said(window: MainWindow) -> str:
    """What the actions bar told the agent after the last action: what happened, never a bare "Done"."""
    return window.case_page.actions_bar.message.text()


# --- signing in -----------------------------------------------------------------------------------------


def sign_in(qtbot: QtBot, window: MainWindow, login: str) -> None:
    """Sign `login` in as the window's start does; returns once the caller log is loaded and the window
    active."""
    with (
        qtbot.waitSignal(window.sign_in_finished, timeout=10_000),
        qtbot.waitSignal(window.call_log_view.loaded, timeout=10_000),
    ):
        window.sign_in(login)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def sign_in_with_password(qtbot: QtBot, window: MainWindow, login: str, password: str) -> AgentInfo | None:
    """The sign-in dialog the window shows: login, password, Enter; the agent signed in, or None."""
    dialog = window.sign_in_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.login_field.setText(login)
    dialog.password_field.setText(password)
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000) as finished:
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    agent: AgentInfo | None = finished.args[0]
    return agent


# --- what the database holds ----------------------------------------------------------------------------


def the_case(desk_db: DeskDb) -> Case:
    """The case opened last."""
    with desk_db.factory() as session:
        return session.scalars(select(Case).order_by(Case.id.desc())).first()  # type: ignore[return-value]


def events(desk_db: DeskDb, case_id: int) -> list[tuple[str, dict[str, Any]]]:
    with desk_db.factory() as session:
        rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id))
        return [(event.kind, dict(event.detail)) for event in rows]


def customer(desk_db: DeskDb, customer_no: str) -> Customer:
    with desk_db.factory() as session:
        found = session.scalars(select(Customer).where(Customer.customer_no == customer_no)).one()
        _ = found.phones
        return found


def state_of(desk_db: DeskDb, case_id: int) -> CaseState:
    with desk_db.factory() as session:
        return session.get_one(Case, case_id).state


def no_drafts_left(desk_db: DeskDb) -> bool:
    with desk_db.factory() as session:
        return session.scalars(select(ScriptDraftRow)).first() is None
