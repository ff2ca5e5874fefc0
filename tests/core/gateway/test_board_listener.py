"""The live board's listener: a report per batch of changes, and one after each reconnection."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from desk_app.domain.enums import PresenceState
from desk_app.gateway.board_listener import APPLICATION_NAME, BoardFeed, BoardListener, board_feed
from desk_app.services.switchboard.channels import BOARD
from desk_app.storage.engine import make_engine
from tests.support.gateway_floor import add_staff, set_presence

WAIT_SECONDS = 10.0


@dataclass
class Heard:
    """What a listener reported, in order: "change", or "up" / "down" for its connection."""

    reports: queue.Queue[str] = field(default_factory=queue.Queue)

    def change(self) -> None:
        self.reports.put("change")

    def connected(self, up: bool) -> None:
        self.reports.put("up" if up else "down")

    def next(self) -> str:
        return self.reports.get(timeout=WAIT_SECONDS)


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture
def listening(postgres_url: str) -> Iterator[tuple[BoardListener, Heard]]:
    """A listener started and connected, its first report (the one every connection makes) taken."""
    heard = Heard()
    listener = BoardListener(BoardFeed(postgres_url), heard.change, on_connected=heard.connected)
    listener.start()
    try:
        assert [heard.next(), heard.next()] == ["up", "change"]
        yield listener, heard
    finally:
        listener.stop()
    assert not listener.running


def test_a_presence_change_is_reported(listening: tuple[BoardListener, Heard], engine: Engine) -> None:
    _listener, heard = listening
    agents = add_staff(engine)
    set_presence(engine, agents["sato"], PresenceState.AVAILABLE)
    assert heard.next() == "change"


def test_a_burst_of_notifications_is_one_report(
    listening: tuple[BoardListener, Heard], engine: Engine
) -> None:
    listener, heard = listening
    with Session(engine) as session, session.begin():
        for number in range(20):
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"), {"channel": BOARD, "payload": str(number)}
            )
    assert heard.next() == "change"
    # Stopped at once: a report per notification would have come with the first, in the same moment.
    listener.stop()
    assert list(heard.reports.queue) == []


def test_after_its_connection_is_killed_it_reconnects_and_reports(
    listening: tuple[BoardListener, Heard], engine: Engine
) -> None:
    listener, heard = listening
    with engine.connect() as connection:
        killed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name"
            ),
            {"name": APPLICATION_NAME},
        ).scalar_one()
    assert killed >= 1
    # The report on reconnecting makes the board right after whatever it missed while down.
    assert [heard.next(), heard.next(), heard.next()] == ["down", "up", "change"]
    assert listener.reconnects >= 1
    agents = add_staff(engine)
    set_presence(engine, agents["suzuki"], PresenceState.AVAILABLE)
    assert heard.next() == "change"


def test_only_postgresql_announces_changes(postgres_url: str, tmp_path: Path) -> None:
    sqlite = make_engine(f"sqlite:///{(tmp_path / 'board.sqlite3').as_posix()}")
    postgres = make_engine(postgres_url)
    try:
        with Session(sqlite) as session:
            assert board_feed(session) is None
        with Session(postgres) as session:
            feed = board_feed(session)
        assert feed is not None
        assert make_engine(feed.url).url == postgres.url
        assert "url" not in repr(feed)
    finally:
        sqlite.dispose()
        postgres.dispose()
