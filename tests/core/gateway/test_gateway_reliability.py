"""Every desk gets every event of its calls exactly once, in order, through what goes wrong on a site: a desk
killed mid-call, PostgreSQL restarted under a stream of calls, two gateways fed the same events.

These run on a PostgreSQL server of this module's own, since one of them stops and starts it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desk_app.config import Switchboard
from desk_app.domain.enums import CallState
from desk_app.gateway import cti as gateway_cti
from desk_app.gateway.service import Gateway
from desk_app.storage.engine import make_engine
from desk_app.storage.models import CallEventRow
from tests.support.callerid_processes import wait_until
from tests.support.gateway_floor import TOKEN, Desk, Floor, call, floor, get, post
from tests.support.gateway_processes import start_follower, wait_listening
from tests.support.postgres_control import PostgresControl
from tests.support.private_postgres import private_server

EXTENSIONS = {"sato": "201", "suzuki": "202", "tanaka": "203"}
# Each call: rung at one desk by its extension, answered there, hung up.
STEPS = (("newCall", CallState.RINGING), ("answer", CallState.ANSWERED), ("hangup", CallState.ENDED))
Expected = dict[str, list[tuple[str, CallState]]]


@pytest.fixture(scope="module")
def restartable_server() -> Iterator[tuple[str, PostgresControl]]:
    with private_server() as (url, control):
        yield url, control


@pytest.fixture(scope="module")
def postgres_server(restartable_server: tuple[str, PostgresControl]) -> str:
    """`postgres_url` makes this module's databases on its own server."""
    return restartable_server[0]


@pytest.fixture
def control(restartable_server: tuple[str, PostgresControl], postgres_url: str) -> Iterator[PostgresControl]:
    """The server's `pg_ctl`; running again after the test, before its database is dropped."""
    _url, server = restartable_server
    yield server
    server.ensure_running()


def caller(index: int) -> str:
    return f"03{55_510_000 + index}"


def post_calls(place: Floor, first: int, last: int, expected: Expected, *ports: int) -> None:
    """Calls `first`…`last - 1`, each at one desk in turn, posted to every port given (the floor's by
    default, all at once when several gateways share the PBX's events); what each desk should then show."""
    logins = list(EXTENSIONS)
    with ThreadPoolExecutor(max_workers=len(ports) or 1) as pool:
        for index in range(first, last):
            login = logins[index % len(logins)]
            call_id = f"r-{index}"
            for kind, state in STEPS:
                users: object = [EXTENSIONS[login]] if kind == "newCall" else EXTENSIONS[login]
                fields = call(kind, call_id, caller(index), user=users)
                answers = list(pool.map(post, ports or (place.port,), [fields] * (len(ports) or 1)))
                assert answers == [(200, {})] * len(answers)
                expected[login].append((call_id, state))


def connections(url: str) -> int:
    """Clients connected to the server now (this question's own connection among them)."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return int(
                connection.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
                )
            )
    finally:
        engine.dispose()


def received(desk: Desk, count: int, timeout: float = 30.0) -> list[tuple[str, CallState]]:
    """The next `count` events at `desk`, then nothing more."""
    events = [desk.next(timeout) for _ in range(count)]
    assert desk.drained() == []
    return [(event.call_id, event.state) for event in events]


def test_a_desk_killed_mid_call_shows_the_call_again_then_its_end(postgres_url: str, tmp_path: Path) -> None:
    with floor(postgres_url) as place:
        before = connections(postgres_url)
        first = start_follower(tmp_path, postgres_url, "sato")
        try:
            wait_listening(first)
            # A desk holds one connection while it follows: the one it found its agent with is given back.
            wait_until(lambda: connections(postgres_url) == before + 1, 10, "one connection for the desk")
            for kind in ("newCall", "answer", "hangup"):
                place.post(call(kind, "done-1", user="201"))
            place.post(call("newCall", "k-1", user=["201"]))
            assert [first.next_event()["event"] for _ in range(4)] == [
                "ringing",
                "answered",
                "ended",
                "ringing",
            ]
        finally:
            first.kill()
        assert place.post(call("answer", "k-1", user="201")) == (200, {})
        again = start_follower(tmp_path, postgres_url, "sato")
        try:
            wait_listening(again)
            shown = [again.next_event(), again.next_event()]
            assert [(e["call_id"], e["event"], e["answered_by"]) for e in shown] == [
                ("k-1", "ringing", None),
                ("k-1", "answered", "sato"),
            ]
            assert place.post(call("hangup", "k-1", cause="normalClearing")) == (200, {})
            ended = again.next_event()
            assert (ended["call_id"], ended["event"], ended["desk"]) == ("k-1", "ended", "sato")
        finally:
            assert again.interrupt() == 0
    # The finished call is not shown again, and no follower printed anything twice.
    assert len(first.stdout_lines) == 4
    assert len(again.stdout_lines) == 3


def test_postgresql_restarted_under_calls_loses_and_repeats_nothing(
    postgres_url: str,
    control: PostgresControl,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The PBX is answered sooner while the database is away (the event waits in the buffer all the same).
    monkeypatch.setattr(gateway_cti, "STORE_WAIT_SECONDS", 0.2)
    caplog.set_level(logging.INFO)
    expected: Expected = {login: [] for login in EXTENSIONS}
    with floor(postgres_url) as place:
        desks = {login: place.desk(login) for login in EXTENSIONS}
        post_calls(place, 0, 6, expected)
        control.stop()
        post_calls(place, 6, 12, expected)
        assert place.gateway.writer.waiting == 18
        status, health = get(place.port, "/healthz")
        assert status == 200
        assert (health["status"], health["events_waiting"]) == ("database unreachable", 18)
        control.start()
        post_calls(place, 12, 18, expected)
        for login, desk in desks.items():
            assert received(desk, len(expected[login])) == expected[login], login
            assert desk.follower.reconnects >= 1
        assert place.gateway.writer.waiting == 0
        assert place.gateway.writer.counts()["retries"] >= 1
        with Session(place.engine) as session:
            assert session.scalar(select(func.count()).select_from(CallEventRow)) == 18 * 3
    said = [record.getMessage() for record in caplog.records]
    assert any(re.fullmatch(r"database unreachable: \d+ event\(s\) waiting", line) for line in said)
    assert "gateway connection lost; reconnecting" in said
    for index in range(18):
        assert caller(index)[2:] not in caplog.text


def test_two_gateways_posted_the_same_events_at_once_store_each_once(postgres_url: str) -> None:
    expected: Expected = {login: [] for login in EXTENSIONS}
    with floor(postgres_url) as place:
        desks = {login: place.desk(login) for login in EXTENSIONS}
        engine = make_engine(postgres_url)
        second = Gateway(engine, Switchboard(), cti=("127.0.0.1", 0), token=TOKEN)
        second.start(lambda _status: None)
        try:
            assert second.cti is not None
            assert second.cti.bound_port is not None
            post_calls(place, 0, 12, expected, place.port, second.cti.bound_port)
            for login, desk in desks.items():
                assert received(desk, len(expected[login])) == expected[login], login
        finally:
            second.stop()
            engine.dispose()
        with Session(place.engine) as session:
            assert session.scalar(select(func.count()).select_from(CallEventRow)) == 12 * 3
        counts = [place.gateway.writer.counts(), second.writer.counts()]
    stored = sum(part.get(state.value, 0) for part in counts for _kind, state in STEPS)
    assert (stored, sum(part.get("duplicate", 0) for part in counts)) == (36, 36)
