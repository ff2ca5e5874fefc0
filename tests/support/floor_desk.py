"""The real desk window on a call-centre floor: `gateway_floor`'s gateway and staff on a PostgreSQL
database, and a main window on the same database with the gateway's follower for whoever signs in."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Config, Switchboard
from desk_app.domain.enums import CustomerState, PhoneKind, PresenceState, SourceState
from desk_app.domain.phones import normalise
from desk_app.services.switchboard.presence import Presence, presence_of
from desk_app.storage.engine import describe, session_factory
from desk_app.storage.models import CallRecord, Customer, DemoDatabase, Phone
from tests.support.gateway_floor import Floor, floor
from ui.calls.callerid_bridge import caller_id_for
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import source_state_label
from ui.shell.desk_floor import DeskFloor
from ui.shell.main_window import MainWindow

# The customer a call from the gateway floor's usual number (`gateway_floor.call`) pops.
CALLER_NUMBER = "03-1234-5678"
CALLER_NAME = "佐藤 一郎"
_CREATED = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)
WAIT_MS = 10_000


@dataclass
class FloorDesk:
    """The floor, and one desk window on it."""

    place: Floor
    window: MainWindow
    runner: BackgroundRunner
    sessions: sessionmaker[Session]

    @property
    def floor(self) -> DeskFloor:
        assert self.window.floor is not None
        return self.window.floor

    def presence(self, login: str) -> Presence:
        with self.sessions() as session:
            return presence_of(session, self.place.agents[login], now=dt.datetime.now(dt.UTC))

    def state(self, login: str) -> PresenceState:
        return self.presence(login).state

    def call(self, call_id: str) -> CallRecord:
        with self.sessions() as session:
            return session.scalars(select(CallRecord).where(CallRecord.call_id == call_id)).one()

    def sign_in(self, qtbot: QtBot, login: str) -> None:
        """Signed in at this desk, marked available and followed, ready for the gateway's calls."""
        with qtbot.waitSignal(self.window.sign_in_finished, timeout=WAIT_MS):
            self.window.sign_in(login)
        presence = self.floor.presence
        qtbot.waitUntil(
            lambda: presence.presence is not None and presence.presence.state is PresenceState.AVAILABLE,
            timeout=WAIT_MS,
        )
        listening = f"gateway {login} {source_state_label(SourceState.LISTENING)}"
        qtbot.waitUntil(lambda: listening in self.window.caller_id_label.text(), timeout=WAIT_MS)


def _prepare(sessions: sessionmaker[Session]) -> None:
    """The demo's mark (the tests sign in without passwords) and a customer on the usual number."""
    with sessions.begin() as session:
        session.add(DemoDatabase(id=1, created_at=_CREATED, cti_token="floor-tests-" + "x" * 32))
        session.add(
            Customer(
                customer_no="C0000001",
                name=CALLER_NAME,
                name_kana="サトウ イチロウ",
                state=CustomerState.ACTIVE,
                created_at=_CREATED,
                updated_at=_CREATED,
                phones=[Phone(kind=PhoneKind.HOME, raw=CALLER_NUMBER, e164=normalise(CALLER_NUMBER).e164)],
            )
        )


@contextlib.contextmanager
def floor_desk(
    qtbot: QtBot, url: str, folder: Path, settings: Switchboard | None = None
) -> Iterator[FloorDesk]:
    """A shown desk window, nobody signed in, on a floor whose gateway and desk share `settings`.

    Afterwards the window is closed (signing its agent out), its sources stopped, then the runner and
    the gateway.
    """
    settings = settings or Switchboard()
    with floor(url, settings) as place:
        sessions = session_factory(place.engine)
        _prepare(sessions)
        runner = BackgroundRunner(sessions)
        config = Config(source=folder / "config.toml", switchboard=settings)
        caller_id = caller_id_for(config, database_url=url)
        window = MainWindow(config, runner, describe(place.engine), caller_id=caller_id)
        qtbot.addWidget(window)
        caller_id.hub.start()
        window.show()
        qtbot.waitExposed(window)
        try:
            yield FloorDesk(place, window, runner, sessions)
        finally:
            window.close()
            caller_id.stop()
            assert runner.shutdown(WAIT_MS), "background work still running at teardown"
