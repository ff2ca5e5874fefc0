"""The PostgreSQL server restarts while a desk is open: the agent is told, the script keeps its answers,
the desk reconnects by itself and the newest draft reaches the database. Stops the real server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import CaseState
from desk_app.services.cases.drafts import load_draft
from desk_app.services.cases.scripts import draft_key
from desk_app.storage.models import Case
from tests.support.postgres_control import PostgresControl
from ui.cases.script_wizard import ScriptWizard
from ui.common.background import BackgroundRunner
from ui.shell.database_status import DatabaseState
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

SERVER = PostgresControl.from_environment()

pytestmark = pytest.mark.skipif(
    SERVER is None,
    reason="stops a real PostgreSQL server: runs under `python3 dev.py test --postgres` "
    "(DESK_APP_TEST_DB and DESK_APP_TEST_PG_*)",
)


@pytest.fixture
def server(main_window: MainWindow) -> Iterator[PostgresControl]:
    """Asked for after the window, so it is torn down first: the server runs again before the database
    fixtures drop their schema, even when the test failed while it was stopped."""
    assert SERVER is not None
    yield SERVER
    SERVER.ensure_running()


def step(qtbot: QtBot, wizard: ScriptWizard) -> None:
    before = wizard.current_step
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_step != before or wizard.is_done, timeout=10_000)


def choose(qtbot: QtBot, wizard: ScriptWizard, number: int) -> None:
    options = wizard.page.options
    assert options is not None
    options.button(number).click()
    step(qtbot, wizard)


def type_answer(qtbot: QtBot, wizard: ScriptWizard, text: str) -> None:
    field = wizard.page.answer_field
    assert field is not None
    field.setPlainText(text) if hasattr(field, "setPlainText") else field.setText(text)
    qtbot.waitUntil(wizard.next_button.isEnabled)
    step(qtbot, wizard)


def test_a_server_restart_mid_script_keeps_the_answers_and_saves_the_newest_draft_on_reconnection(
    qtbot: QtBot,
    main_window: MainWindow,
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
    server: PostgresControl,
) -> None:
    page = main_window.case_page
    # The window's own watch, tried again every 200 ms instead of every few seconds.
    watch = main_window.database_watch
    watch.set_probe_interval(200)
    main_window.pages.setCurrentWidget(page)
    page.start_request("complaint", None, None)
    qtbot.waitUntil(lambda: page.wizard is not None, timeout=10_000)
    wizard = page.wizard
    assert wizard is not None
    step(qtbot, wizard)  # greeting → listen, saved
    qtbot.waitUntil(lambda: not page.work.busy, timeout=10_000)
    case = page.case
    assert case is not None

    server.stop()
    with qtbot.waitSignal(watch.lost, timeout=10_000):
        step(qtbot, wizard)  # listen → category: the draft cannot be saved
    qtbot.waitUntil(page.draft_status.isVisible, timeout=10_000)
    assert "cannot be reached" in page.draft_status.text()
    assert watch.label.isVisible()
    assert watch.label.text() == "Database unreachable — retrying…"
    # The agent carries on with the caller; the wizard holds every answer.
    choose(qtbot, wizard, 2)  # wrong registered details
    qtbot.waitUntil(lambda: not page.work.busy, timeout=10_000)
    assert wizard.current_step == "details"
    assert wizard.answers["category"] == "wrong_data"
    assert page.unsaved_draft is not None
    assert page.unsaved_draft.draft.current_step == "details"  # the newest one is kept
    assert watch.state is DatabaseState.UNREACHABLE

    with qtbot.waitSignal(watch.reconnected, timeout=30_000):
        server.start()
    qtbot.waitUntil(lambda: page.unsaved_draft is None and not page.work.busy, timeout=10_000)
    assert not page.draft_status.isVisible()
    assert watch.label.text() == "Reconnected"
    with desk_db.factory() as session:
        saved = load_draft(session, agent_id=desk_db.agent_id, draft_key=draft_key(case.case_id))
    assert saved is not None
    assert saved.current_step == "details"
    assert saved.answers["category"] == "wrong_data"

    # And the script finishes as if nothing had happened.
    type_answer(qtbot, wizard, "The catalogue kept coming to the old address.")
    choose(qtbot, wizard, 2)  # answered on the call
    type_answer(qtbot, wizard, "Explained and apologised.")
    assert wizard.current_step == "record_complaint"
    step(qtbot, wizard)
    while not wizard.is_done:
        step(qtbot, wizard)
    qtbot.waitUntil(lambda: page.wizard is None, timeout=10_000)
    with desk_db.factory() as session:
        assert session.get_one(Case, case.case_id).state is CaseState.COMPLETED
        assert load_draft(session, agent_id=desk_db.agent_id, draft_key=draft_key(case.case_id)) is None
