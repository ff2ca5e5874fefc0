"""A walk through every page, tab, dock, menu and dialog an agent reaches, for the keyboard and layout tests.

An administrator signs in (every menu item and page exists then) on a database with cases in every state,
a letter in the mail room, calls in the caller log and leak incidents (one overdue for its reports). `walk`
yields each view while it shows; the caller checks it there, and the walk closes it afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QTabBar, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AgentRole, CustomerState, OrderChannel
from desk_app.domain.incidents import LeakCategory
from desk_app.domain.selections import CustomerSelection
from desk_app.scripts.model import CaseFacts, Choose, Script
from desk_app.scripts.progress import ProgressError, next_step
from desk_app.services.cases import letters
from desk_app.services.incidents import register, saved_searches
from desk_app.services.incidents.register import IncidentFields
from desk_app.storage.models import Agent, Case, Customer, IncidentCustomer
from tests.support.case_log_data import NOW, SPECS, add_cases
from tests.support.letter_cases import LetterCases, Purchase
from ui.cases.identity_step_page import IdentityStepPage
from ui.common.background import BackgroundRunner
from ui.common.japan_time import japan_today_qdate
from ui.common.translations import install_translators, remove_translators
from ui.shell.main_window import MainWindow
from ui.supervision.incidents.saved_search_dialog import SavedSearchDialog

ADMIN_LOGIN = "kanri"
# Rings a customer held alone (the record opens) and a family's shared number (the chooser opens).
SINGLE_NUMBER = "06-6123-4567"
SHARED_NUMBER = "03-1234-5678"


# A dialog of the walk: its name, what opens it, and where to find it once open.
Opener = tuple[str, Callable[[], object], Callable[[], QWidget | None]]


@dataclass(frozen=True)
class View:
    """One view on screen: `root` is the window it is in (the main window, a dialog or a menu)."""

    name: str
    root: QWidget


def fill(sessions: sessionmaker[Session]) -> None:
    """An administrator, cases in every state on the case log and dashboard, and one letter to mail."""
    cases = LetterCases(sessions)
    customer = cases.customer(
        name="山田 花子",
        purchases=[Purchase(order_no="M0001", products=(("ドラム式洗濯乾燥機", 1),), amount_yen=9800)],
    )
    letter_case = cases.disclosure(customer)
    with sessions.begin() as session:
        letters.generate_letter(session, letter_case, agent_id=cases.agent, company=CompanyProfile())
        session.add(Agent(login=ADMIN_LOGIN, display_name="管理 太郎", role=AgentRole.ADMIN, created_at=NOW))
        erased = session.scalars(select(Customer.id).where(Customer.state == CustomerState.ERASED)).first()
        agents = {
            "agent1": cases.agent,
            "agent2": cases.agents["printroom"],
            "supervisor": cases.agents["supervisor"],
        }
        today = japan_today_qdate().toPython()
        add_cases(session, agents, {"active": customer, "erased": erased or customer}, SPECS, today=today)
        add_incidents(session, agents["supervisor"], customer)


def add_incidents(session: Session, supervisor_id: int, affected: int) -> None:
    """An incident 40 days old with neither report on file (both overdue), one found this morning affecting
    the customer `affected`, a closed one that was never reportable, and a saved search with every kind of
    criterion."""
    now = dt.datetime.now(dt.UTC)
    everything = CustomerSelection(
        ordered_from=dt.date(2026, 9, 1),
        ordered_to=dt.date(2026, 11, 30),
        order_channels=(OrderChannel.CATALOGUE, OrderChannel.PHONE),
        registered_from=dt.date(2020, 4, 1),
        prefectures=("東京都", "神奈川県"),
        postal_prefix="100",
        direct_mail_opt_in=True,
        has_email=False,
    )
    saved_searches.save_search(
        session, supervisor_id, "カタログ秋号の送付先（誤送信分）", everything, now=now
    )
    for title, days_ago, categories in (
        (
            "配送委託先サーバーへの不正アクセス",
            40,
            {LeakCategory.IMPROPER_PURPOSE, LeakCategory.OVER_THOUSAND},
        ),
        ("カタログ送付先リストの誤送信", 0, {LeakCategory.FINANCIAL_LOSS}),
        ("社内での伝票の一時紛失", 10, set()),
    ):
        fields = IncidentFields(
            title=title,
            discovered_at=now - dt.timedelta(days=days_ago, minutes=5),
            categories=frozenset(categories),
            what_happened="調査中です。",
        )
        incident_no = register.open_incident(session, supervisor_id, fields, now=now)
        if not categories:
            register.close_incident(session, supervisor_id, incident_no, now=now)
        if days_ago == 0:
            incident = register.find_incident(session, incident_no)
            session.add(
                IncidentCustomer(
                    incident_id=incident.id,
                    customer_id=affected,
                    attached_at=now,
                    attached_by_id=supervisor_id,
                )
            )


def case_id(sessions: sessionmaker[Session], case_no: str) -> int:
    with sessions() as session:
        return session.scalars(select(Case.id).where(Case.case_no == case_no)).one()


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translators = install_translators(qapp, request.param) if request.param == "ja" else []
    yield request.param
    remove_translators(qapp, translators)


class Walk:
    """The steps of the walk; each waits for the background work its view started."""

    def __init__(self, qtbot: QtBot, window: MainWindow, runner: BackgroundRunner) -> None:
        self.qtbot = qtbot
        self.window = window
        self.runner = runner

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: self.runner.running_count == 0, timeout=20_000)

    def dialog(self, find: Callable[[], QWidget | None]) -> QWidget:
        self.qtbot.waitUntil(lambda: (found := find()) is not None and found.isVisible(), timeout=20_000)
        found = find()
        assert found is not None
        self.settle()
        return found

    def close(self, dialog: QWidget) -> None:
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
        self.qtbot.waitUntil(lambda: not dialog.isVisible())
        self.settle()

    def dialogs(self, openers: list[Opener]) -> Iterator[View]:
        """Each dialog opened, shown as a view, and closed again."""
        for title, open_it, find in openers:
            open_it()
            dialog = self.dialog(find)
            yield View(title, dialog)
            self.close(dialog)

    def show_page(self, page: QWidget) -> None:
        self.window.pages.setTabVisible(self.window.pages.indexOf(page), True)
        self.window.pages.setCurrentWidget(page)
        self.settle()


def answers_reaching(script: Script, facts: CaseFacts | None) -> dict[str, dict[str, str]]:
    """For each step the answers can reach, answers that lead to it (each option of each choice tried)."""
    found: dict[str, dict[str, str]] = {}
    stack: list[tuple[str, dict[str, str]]] = [(script.steps[0].id, {})]
    while stack:
        step_id, answers = stack.pop()
        if step_id in found:
            continue
        found[step_id] = answers
        detail = script.step(step_id).detail
        tries = [option.value for option in detail.options] if isinstance(detail, Choose) else ["yes", "x"]
        for answer in tries:
            try:
                following = next_step(script, step_id, answer, facts=facts)
            except ProgressError:
                continue
            if following is not None:
                stack.append((following, {**answers, step_id: answer}))
    return found


def _tabs(tabs: QTabWidget) -> list[int]:
    return [index for index in range(tabs.count()) if tabs.isTabVisible(index)]


def _inner_tab_widgets(page: QWidget) -> list[QTabWidget]:
    return [tabs for tabs in page.findChildren(QTabWidget) if tabs.isVisible()]


def walk(
    qtbot: QtBot,
    window: MainWindow,
    runner: BackgroundRunner,
    sessions: sessionmaker[Session],
    *,
    full: bool = True,
) -> Iterator[View]:
    """Every view, shown one after another in `window` (shown, signed out, on a database `fill` filled).

    Not `full`: one case of each state's actions and each script's first steps, not every one."""
    steps = Walk(qtbot, window, runner)
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(ADMIN_LOGIN)
    steps.settle()
    name = "main window"

    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        yield View(f"menu {menu_action.text()}", menu)
        for action in menu.actions():
            if isinstance(sub := action.menu(), QMenu):
                yield View(f"menu {sub.title()}", sub)

    # Every page of the main window, and every tab inside one, with both docks beside them.
    pages = window.pages
    for index in _tabs(pages):
        page = pages.widget(index)
        steps.show_page(page)
        yield View(f"{name} ▸ {pages.tabText(index)}", window)
        for tabs in _inner_tab_widgets(page):
            for inner in _tabs(tabs)[1:]:
                tabs.setCurrentIndex(inner)
                steps.settle()
                yield View(f"{name} ▸ {pages.tabText(index)} ▸ {tabs.tabText(inner)}", window)
            tabs.setCurrentIndex(0)

    # A customer's record opened by a call, its tables, and the reveal confirmation.
    with qtbot.waitSignal(window.flow.pop_presented, timeout=10_000):
        window.caller_id.simulator.ring(SINGLE_NUMBER)
    with qtbot.waitSignal(window.flow.call_recorded, timeout=10_000):
        window.simulator_actions.answer_action.trigger()
    window.accept_call()
    qtbot.waitUntil(lambda: window.pages.record_panel.record is not None, timeout=10_000)
    steps.show_page(window.pages.record_panel)
    yield View(f"{name} ▸ customer record during a call", window)
    tables = window.pages.record_panel.tables
    for inner in _tabs(tables):
        tables.setCurrentIndex(inner)
        steps.settle()
        yield View(f"{name} ▸ customer record ▸ {tables.tabText(inner)}", window)
    # A relative reporting the customer's death: the talk and what is asked.
    panel = window.pages.record_panel
    panel.report_death()
    death = steps.dialog(lambda: panel.death_dialog)
    yield View("death report dialog", death)
    steps.close(death)
    box = window.pages.record_panel.protected_box
    box.request_reveal()
    reveal = steps.dialog(lambda: box.reveal_dialog)
    yield View("reveal dialog", reveal)
    steps.close(reveal)
    with qtbot.waitSignal(window.flow.call_recorded, timeout=10_000):
        window.simulator_actions.hang_up_action.trigger()

    # A shared number rings: who is calling?
    with qtbot.waitSignal(window.flow.pop_presented, timeout=10_000):
        window.caller_id.simulator.ring(SHARED_NUMBER)
    steps.settle()
    yield View(f"{name} ▸ a call ringing", window)
    window.accept_call()
    steps.settle()
    steps.show_page(window.pages.chooser)
    yield View(f"{name} ▸ who is calling", window)
    with qtbot.waitSignal(window.flow.call_recorded, timeout=10_000):
        window.simulator_actions.hang_up_action.trigger()
    steps.settle()

    # An open case: its actions and each action's dialog.
    bar = window.case_page.actions_bar
    states_seen: set[object] = set()
    for spec in SPECS:
        if not full and spec.state in states_seen:
            continue
        states_seen.add(spec.state)
        case_no = spec.case_no
        window.open_case(case_id(sessions, case_no))
        qtbot.waitUntil(lambda no=case_no: bar.case is not None and bar.case.case_no == no, timeout=10_000)
        steps.settle()
        yield View(f"{name} ▸ case {case_no}", window)
        for action in list(bar.buttons):
            bar.buttons[action].click()
            dialog = steps.dialog(lambda: bar.current_dialog)
            yield View(f"case {case_no} ▸ {dialog.windowTitle()}", dialog)
            steps.close(dialog)

    # The talk script of every request, every step of it.
    with sessions() as session:
        customer = session.scalars(select(Customer.id).where(Customer.customer_no == "C0000004")).one()
    for script_id, script in window.scripts.items():
        window.case_page.start_request(script_id, customer, None)
        qtbot.waitUntil(lambda: window.case_page.wizard is not None, timeout=10_000)
        steps.show_page(window.case_page)
        wizard = window.case_page.wizard
        assert wizard is not None
        reached = list(answers_reaching(script, wizard.facts).items())
        for step_id, answers in reached if full else reached[:3]:
            # Every step, not only the ones on one path: the answers that lead there, then the step.
            wizard.answers = dict(answers)
            wizard._move_to(step_id)
            steps.settle()
            yield View(f"{name} ▸ script {script_id} ▸ {step_id}", window)
            if isinstance(page := wizard.page, IdentityStepPage):
                for button in page.methods.buttons()[1:]:
                    button.click()
                    yield View(f"{name} ▸ script {script_id} ▸ {step_id} ▸ {button.text()}", window)
        window.case_page.close_case()
        steps.settle()

    # The menus' dialogs.
    menu_dialogs: list[Opener] = [
        ("new inquiry", window.new_inquiry, lambda: window.new_inquiry_dialog),
        (
            "simulate a call",
            window.simulator_actions.simulate_action.trigger,
            lambda: window.simulator_actions.dialog,
        ),
        ("import", window.open_import, lambda: window.import_dialog),
        ("database check", window.database_check.action.trigger, lambda: window.database_check.box),
        ("audit trail", window.verify_audit, lambda: window.audit_box),
    ]
    yield from steps.dialogs(menu_dialogs)
    yield from _incident_register(steps, window)

    # The mail room's dialogs: a letter's preview and marking letters mailed.
    room = window.mail_room
    steps.show_page(room)
    qtbot.waitUntil(lambda: room.model.rowCount() > 0, timeout=10_000)
    room.open_preview(room.model.row_at(0))
    preview = steps.dialog(lambda: getattr(room, "preview", None))
    yield View("letter preview", preview)
    steps.close(preview)
    room.table.selectAll()
    room.ask_mailed()
    mailed = steps.dialog(lambda: room.current_dialog)
    yield View("mark mailed", mailed)
    steps.close(mailed)

    # Locked: the lock screen and the sign-in dialog over it, then its refusal of a wrong password.
    window.lock()
    sign_in = steps.dialog(lambda: window.sign_in_dialog)
    yield View(f"{name} ▸ locked", window)
    yield View("sign in", sign_in)
    assert window.sign_in_dialog is not None
    with qtbot.waitSignal(window.sign_in_dialog.refused, timeout=10_000):
        window.sign_in_dialog.login_field.setText("nobody")
        window.sign_in_dialog.password_field.setText("wrong password")
        window.sign_in_dialog.submit()
    steps.settle()
    yield View("sign in refused", sign_in)
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(ADMIN_LOGIN)


def _incident_register(steps: Walk, window: MainWindow) -> Iterator[View]:
    """The leak incident register (with its closed incidents too) and each of its dialogs."""
    window.incidents.action.trigger()
    steps.dialog(lambda: window.incidents.register)
    incidents = window.incidents.register
    assert incidents is not None
    steps.qtbot.waitUntil(lambda: incidents.model.rowCount() > 0, timeout=10_000)
    yield View("leak incidents", incidents)
    incidents.show_closed.setChecked(True)
    steps.qtbot.waitUntil(lambda: any(row.closed for row in incidents.model.rows), timeout=10_000)
    steps.settle()
    yield View("leak incidents with the closed", incidents)
    incidents.table.selectRow(0)
    in_front: Callable[[], QWidget | None] = lambda: incidents.dialog  # noqa: E731
    openers: list[Opener] = [
        ("new incident", incidents.new_incident, in_front),
        ("edit incident", incidents.edit_incident, in_front),
        ("record a report", incidents.record_report, in_front),
        ("make notices", incidents.make_notices, in_front),
        ("attach customers from CSV", incidents.attach_customers, in_front),
        ("attach customers by a saved search", incidents.attach_by_search, in_front),
        ("close incident", incidents.ask_close, lambda: incidents.confirm_box),
    ]
    yield from steps.dialogs(openers)
    # The saved search's criteria shown in the form, said in words.
    incidents.attach_by_search()
    searches = steps.dialog(in_front)
    assert isinstance(searches, SavedSearchDialog)
    steps.qtbot.waitUntil(lambda: searches.model.rowCount() > 0, timeout=10_000)
    searches.table.selectRow(0)
    steps.settle()
    yield View("attach customers by a saved search ▸ a search chosen", searches)
    steps.close(searches)
    steps.close(incidents)


def open_message_boxes() -> list[QMessageBox]:
    return [box for box in QApplication.topLevelWidgets() if isinstance(box, QMessageBox) and box.isVisible()]


def shown_tab_texts(root: QWidget) -> list[tuple[QObject, str]]:
    """The visible tabs of every tab bar showing in `root`'s window."""
    found: list[tuple[QObject, str]] = []
    for bar in root.findChildren(QTabBar):
        if bar.isVisible() and bar.window() is root:
            found += [(bar, bar.tabText(i)) for i in range(bar.count()) if bar.isTabVisible(i)]
    return found


def shown_widgets(root: QWidget) -> list[QWidget]:
    """The widgets showing in `root`'s own window (not in its dialogs)."""
    return [widget for widget in root.findChildren(QWidget) if widget.isVisible() and widget.window() is root]
