"""Fixtures for the Qt layer: a sample database, the background runner and the main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Config
from desk_app.phones import normalise
from desk_app.storage.engine import describe
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    AgentRole,
    Customer,
    CustomerState,
    Phone,
    PhoneKind,
)
from ui.background import BackgroundRunner
from ui.main_window import MainWindow

AGENT_LOGIN = "yamada"
AGENT_NAME = "山田 花子"
INACTIVE_LOGIN = "retired"
# Two customers share this home number (a family); a third held it before being erased.
SHARED_NUMBER = "03-1234-5678"
UNMATCHED_NUMBER = "03-9999-0000"

_CREATED = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DeskDatabase:
    """The sample database; tests get the sample values from here rather than importing conftest."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]
    agent_id: int
    customer_ids: dict[str, int]
    agent_login: str = AGENT_LOGIN
    agent_name: str = AGENT_NAME
    inactive_login: str = INACTIVE_LOGIN
    shared_number: str = SHARED_NUMBER
    unmatched_number: str = UNMATCHED_NUMBER

    def access_log(self) -> list[AccessLogEntry]:
        with self.factory() as session:
            return list(session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)))


def _customer(
    customer_no: str,
    name: str | None,
    kana: str | None,
    phones: list[tuple[PhoneKind, str]],
    state: CustomerState = CustomerState.ACTIVE,
) -> Customer:
    return Customer(
        customer_no=customer_no,
        name=name,
        name_kana=kana,
        state=state,
        created_at=_CREATED,
        updated_at=_CREATED,
        phones=[Phone(kind=kind, raw=raw, e164=normalise(raw).e164) for kind, raw in phones],
    )


def _fill(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        session.add_all(
            [
                Agent(login=AGENT_LOGIN, display_name=AGENT_NAME, role=AgentRole.AGENT, created_at=_CREATED),
                Agent(
                    login=INACTIVE_LOGIN,
                    display_name="退職 太郎",
                    role=AgentRole.AGENT,
                    active=False,
                    created_at=_CREATED,
                ),
                _customer("C0000001", "佐藤 一郎", "サトウ イチロウ", [(PhoneKind.HOME, SHARED_NUMBER)]),
                _customer(
                    "C0000002",
                    "佐藤 花子",
                    "サトウ ハナコ",
                    [(PhoneKind.MOBILE, "090-1111-2222"), (PhoneKind.HOME, SHARED_NUMBER)],
                ),
                _customer("C0000003", None, None, [(PhoneKind.HOME, SHARED_NUMBER)], CustomerState.ERASED),
                _customer("C0000004", "田中 次郎", "タナカ ジロウ", [(PhoneKind.WORK, "06-6123-4567")]),
            ]
        )


@pytest.fixture
def desk_db(database_url: str, engine: Engine, sessions: sessionmaker[Session]) -> DeskDatabase:
    """The root conftest's migrated database (SQLite, or the server in DESK_APP_TEST_DB) with the sample."""
    _fill(sessions)
    with sessions() as session:
        agent_id = session.scalars(select(Agent.id).where(Agent.login == AGENT_LOGIN)).one()
        customer_ids = {no: id_ for id_, no in session.execute(select(Customer.id, Customer.customer_no))}
    return DeskDatabase(
        url=database_url, engine=engine, factory=sessions, agent_id=agent_id, customer_ids=customer_ids
    )


@pytest.fixture
def runner(desk_db: DeskDatabase, qapp: object) -> Iterator[BackgroundRunner]:
    background = BackgroundRunner(desk_db.factory)
    yield background
    # Drained before the engine is disposed: no worker may outlive the connections it borrows.
    assert background.shutdown(10_000), "background work still running at teardown"


@pytest.fixture
def open_window(qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase) -> Callable[..., MainWindow]:
    """Opens and shows a main window on the test database, signed out until the test signs in."""

    def open_main_window(config: Config | None = None, *, demo: bool = False) -> MainWindow:
        window = MainWindow(config or Config(), runner, describe(desk_db.engine), demo=demo)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_main_window


@pytest.fixture
def main_window(qtbot: QtBot, open_window: Callable[..., MainWindow]) -> MainWindow:
    """The window, shown and active, with the sample agent signed in."""
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(AGENT_LOGIN)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
