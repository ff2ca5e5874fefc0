"""Fixtures for the Qt layer: a sample database, the background runner and the main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import CallEvent
from desk_app.config import Config
from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    CustomerState,
    NoNumberReason,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
)
from desk_app.domain.phones import normalise
from desk_app.storage.engine import describe
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    CallRecord,
    Case,
    Customer,
    DemoDatabase,
    Order,
    OrderLine,
    Phone,
    ProvisionRecord,
)
from tests.support.desk_driver import sign_in
from ui.calls.callerid_bridge import CallerId, caller_id_for
from ui.common.background import BackgroundRunner
from ui.common.translations import install_translators, remove_translators
from ui.shell.main_window import MainWindow

AGENT_LOGIN = "yamada"
AGENT_NAME = "山田 花子"
INACTIVE_LOGIN = "retired"
# A supervisor, for the tests that ask for `supervisor_id`.
SUPERVISOR_LOGIN = "suzuki"
# Two customers share this home number (a family); a third held it before being erased.
SHARED_NUMBER = "03-1234-5678"
UNMATCHED_NUMBER = "03-9999-0000"
# 田中 次郎's work number: the one customer holding it.
SINGLE_NUMBER = "06-6123-4567"
# `rich_record` gives 田中 次郎 this many orders; some share a second, so paging must not repeat them.
RICH_ORDER_COUNT = 120

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
    supervisor_login: str = SUPERVISOR_LOGIN
    shared_number: str = SHARED_NUMBER
    unmatched_number: str = UNMATCHED_NUMBER
    single_number: str = SINGLE_NUMBER

    def access_log(self) -> list[AccessLogEntry]:
        with self.factory() as session:
            return list(session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)))

    def calls(self) -> list[CallRecord]:
        with self.factory() as session:
            return list(session.scalars(select(CallRecord).order_by(CallRecord.id)))


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
                # Marked as a demo database: the tests sign its agents in without a password
                # (`MainWindow.sign_in`), which the core allows on a demo database only.
                DemoDatabase(id=1, created_at=_CREATED, cti_token="ui-tests-" + "x" * 34),
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
                _customer("C0000004", "田中 次郎", "タナカ ジロウ", [(PhoneKind.WORK, SINGLE_NUMBER)]),
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
def supervisor_id(desk_db: DeskDatabase) -> int:
    """A supervisor beside the sample agent (no password: signed in as the sample agent is)."""
    with desk_db.factory.begin() as session:
        agent = Agent(
            login=SUPERVISOR_LOGIN, display_name="鈴木 主任", role=AgentRole.SUPERVISOR, created_at=_CREATED
        )
        session.add(agent)
        session.flush()
        return agent.id


@pytest.fixture
def runner(desk_db: DeskDatabase, qapp: object) -> Iterator[BackgroundRunner]:
    background = BackgroundRunner(desk_db.factory)
    yield background
    # Drained before the engine is disposed: no worker may outlive the connections it borrows.
    assert background.shutdown(10_000), "background work still running at teardown"


@pytest.fixture
def open_window(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, tmp_path: Path
) -> Iterator[Callable[..., MainWindow]]:
    """Opens and shows a main window on the test database, signed out until the test signs in.

    Its caller ID is the real hub with the simulator (and whatever `config` names, not started
    unless `start_caller_id`); the hub is stopped at teardown, before the runner.
    """
    hubs: list[CallerId] = []

    def open_main_window(
        config: Config | None = None, *, demo: bool = False, start_caller_id: bool = True
    ) -> MainWindow:
        # The erased-customer register's key in the test's own folder, never the user's configuration.
        config = config or Config(source=tmp_path / "config.toml")
        caller_id = caller_id_for(config)
        window = MainWindow(config, runner, describe(desk_db.engine), caller_id=caller_id, demo=demo)
        qtbot.addWidget(window)
        if start_caller_id:
            caller_id.hub.start()
            hubs.append(caller_id)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield open_main_window
    for caller_id in hubs:
        caller_id.hub.stop()


@pytest.fixture
def main_window(qtbot: QtBot, open_window: Callable[..., MainWindow]) -> MainWindow:
    """The window, shown and active, with the sample agent signed in and the caller log loaded."""
    window = open_window()
    sign_in(qtbot, window, AGENT_LOGIN)
    return window


@pytest.fixture
def ring(qtbot: QtBot, main_window: MainWindow) -> Callable[[str | NoNumberReason], str]:
    """Rings the window through its simulator, hub and bridge; returns once the screen pop is presented."""

    def ring_call(number_or_reason: str | NoNumberReason) -> str:
        with qtbot.waitSignal(main_window.flow.pop_presented, timeout=10_000) as presented:
            call_id = main_window.caller_id.simulator.ring(number_or_reason)
        assert presented.args == [call_id]
        return call_id

    return ring_call


@pytest.fixture
def deliver(qtbot: QtBot, main_window: MainWindow) -> Callable[[CallEvent], None]:
    """Hands an event to the bridge as a source thread would; returns once it is recorded."""

    def deliver_event(event: CallEvent) -> None:
        with qtbot.waitSignal(main_window.flow.call_recorded, timeout=10_000):
            main_window.caller_id.bridge.deliver_event(event)

    return deliver_event


@dataclass(frozen=True)
class RichRecord:
    customer_id: int
    order_count: int
    customer_no: str = "C0000004"


@pytest.fixture
def rich_record(whole_record: RichRecord, desk_db: DeskDatabase) -> RichRecord:
    """田中 次郎 made whole, with two cases written straight into the table (no events) for his record."""
    with desk_db.factory.begin() as session:
        for case_no, state in (("K-0001", CaseState.COMPLETED), ("K-0002", CaseState.IDENTITY_PENDING)):
            session.add(
                Case(
                    case_no=case_no,
                    kind=CaseKind.DISCLOSURE,
                    state=state,
                    customer_id=whole_record.customer_id,
                    opened_by_id=desk_db.agent_id,
                    received_at=_CREATED,
                    due_on=dt.date(2024, 4, 15),
                )
            )
    return whole_record


@pytest.fixture
def whole_record(desk_db: DeskDatabase) -> RichRecord:
    """田中 次郎 made whole: address, protected details, shopping credit, orders and provisions."""
    customer_id = desk_db.customer_ids["C0000004"]
    with desk_db.factory.begin() as session:
        customer = session.get_one(Customer, customer_id)
        customer.postal_code, customer.prefecture, customer.city = "5300001", "大阪府", "大阪市北区"
        customer.street, customer.building = "梅田1-2-3", "梅田ハイツ405"
        customer.birth_date = dt.date(1972, 3, 14)
        customer.email = "jiro.tanaka@example.jp"
        customer.shopping_credit = True
        customer.workplace_name, customer.workplace_phone = "株式会社なにわ精機", "06-6000-1111"
        customer.direct_mail_opt_in = False
        customer.direct_mail_changed_at = dt.datetime(2026, 10, 20, 16, 30, tzinfo=dt.UTC)
        for number in range(RICH_ORDER_COUNT):
            # Pairs of orders in the same second: keyset paging must neither repeat nor skip them.
            at = _CREATED + dt.timedelta(days=number // 2)
            order = Order(
                order_no=f"9{number:08d}",
                customer_id=customer_id,
                ordered_at=at,
                channel=OrderChannel.TV,
                amount_yen=1000 + number,
            )
            order.lines = [
                OrderLine(
                    line_no=1, product_code="P1", product_name="健康ステッパー", quantity=1, amount_yen=800
                ),
                OrderLine(
                    line_no=2, product_code="P2", product_name="替えベルト", quantity=1, amount_yen=200
                ),
            ]
            session.add(order)
        session.add(
            ProvisionRecord(
                customer_id=customer_id,
                provided_on=dt.date(2026, 8, 22),
                recipient_name="ひなた電機株式会社",
                recipient_address="愛知県名古屋市中区栄町4-5-6",
                recipient_representative="代表取締役 小林 一郎",
                items_provided="氏名、住所、電話番号",
                purpose="製品のリコールに関するご連絡",
                basis=ProvisionBasis.CONSENT,
            )
        )
    return RichRecord(customer_id=customer_id, order_count=RICH_ORDER_COUNT)


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    """The Japanese translators installed for one test, removed afterwards so later tests read English.

    Asked for before the window, so the window and the core's messages speak Japanese from the start.
    """
    translators = install_translators(qapp, "ja")
    assert len(translators) == 2, "the desk's and Qt's own Japanese translations"
    yield
    remove_translators(qapp, translators)
