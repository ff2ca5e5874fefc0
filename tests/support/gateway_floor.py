"""A call-centre floor for tests: a gateway in this process on a PostgreSQL database, agents with
extensions, a PBX posting Generic CTI forms to it, and desks following their agents."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import queue
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desk_app.callerid.events import CallEvent
from desk_app.callerid.source import SourceStatus
from desk_app.config import Switchboard
from desk_app.domain.enums import AgentRole, PresenceState, SourceState
from desk_app.gateway.follower import GatewayFollower
from desk_app.gateway.service import Gateway
from desk_app.services.extensions import set_extensions
from desk_app.services.switchboard.presence import set_state
from desk_app.storage.engine import make_engine
from desk_app.storage.models import Agent

TOKEN = "gateway-test-token-0123456789abcdef"
NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
# login, display name, role, extension
STAFF = (
    ("sato", "佐藤 美咲", AgentRole.AGENT, "201"),
    ("suzuki", "鈴木 健太", AgentRole.AGENT, "202"),
    ("tanaka", "田中 優子", AgentRole.AGENT, "203"),
    ("kimura", "木村 主任", AgentRole.SUPERVISOR, "301"),
)


Staff = Sequence[tuple[str, str, AgentRole, str]]


def add_staff(engine: Engine, staff: Staff = STAFF) -> dict[str, int]:
    """The agents of `staff` (login, display name, role, extension) with their extensions; their ids."""
    with Session(engine) as session, session.begin():
        agents = {
            login: Agent(login=login, display_name=name, role=role, created_at=NOW)
            for login, name, role, _extension in staff
        }
        session.add_all(agents.values())
        session.flush()
        for login, _name, _role, extension in staff:
            set_extensions(session, login, [extension], by=None, now=NOW)
        return {login: agent.id for login, agent in agents.items()}


def set_presence(engine: Engine, agent_id: int, state: PresenceState, reason: str | None = None) -> None:
    with Session(engine) as session, session.begin():
        set_state(
            session, agent_id, state, now=dt.datetime.now(dt.UTC), reason=reason, settings=Switchboard()
        )


def post(port: int, fields: dict[str, object], *, token: str = TOKEN) -> tuple[int, Any]:
    """A Generic CTI form post as Zammad's PBXs send it (`user[]` for a list)."""
    pairs: list[tuple[str, object]] = []
    for name, value in fields.items():
        pairs += [(f"{name}[]", item) for item in value] if isinstance(value, list) else [(name, value)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "POST",
        f"/api/v1/cti/{token}",
        body=urllib.parse.urlencode(pairs).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, json.loads(payload) if payload else None


def get(port: int, path: str) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, json.loads(payload) if payload else None


def call(event: str, call_id: str, number: str = "0312345678", **fields: object) -> dict[str, object]:
    return {
        "event": event,
        "direction": "in",
        "from": number,
        "to": "0120000111",
        "call_id": call_id,
        **fields,
    }


@dataclass
class Desk:
    """A follower and what it received, in order."""

    login: str
    follower: GatewayFollower
    events: queue.Queue[CallEvent] = field(default_factory=queue.Queue)
    statuses: queue.Queue[SourceStatus] = field(default_factory=queue.Queue)

    def start(self) -> Desk:
        self.follower.start(self.events.put, self.statuses.put)
        self.wait_for_state(SourceState.LISTENING)
        return self

    def wait_for_state(self, state: SourceState, timeout: float = 10.0) -> None:
        while True:
            status = self.statuses.get(timeout=timeout)
            if status.state is state:
                return

    def next(self, timeout: float = 10.0) -> CallEvent:
        return self.events.get(timeout=timeout)

    def drained(self) -> list[CallEvent]:
        """Everything received and not yet read (without waiting)."""
        found = []
        while True:
            try:
                found.append(self.events.get_nowait())
            except queue.Empty:
                return found


@dataclass
class Floor:
    engine: Engine
    url: str
    gateway: Gateway
    agents: dict[str, int]
    desks: list[Desk] = field(default_factory=list)

    @property
    def port(self) -> int:
        assert self.gateway.cti is not None
        assert self.gateway.cti.bound_port is not None
        return self.gateway.cti.bound_port

    def post(self, fields: dict[str, object]) -> tuple[int, Any]:
        return post(self.port, fields)

    def desk(self, login: str, *, available: bool = True) -> Desk:
        if available:
            set_presence(self.engine, self.agents[login], PresenceState.AVAILABLE)
        desk = Desk(login, GatewayFollower(self.url, self.agents[login], login)).start()
        self.desks.append(desk)
        return desk


@contextlib.contextmanager
def floor(url: str, settings: Switchboard | None = None) -> Iterator[Floor]:
    """A gateway on `url` listening on a free loopback port, with `STAFF`; everything stopped after."""
    engine = make_engine(url)
    agents = add_staff(engine)
    gateway = Gateway(engine, settings or Switchboard(), cti=("127.0.0.1", 0), token=TOKEN)
    statuses: list[SourceStatus] = []
    gateway.start(statuses.append)
    place = Floor(engine, url, gateway, agents)
    try:
        yield place
    finally:
        for desk in place.desks:
            desk.follower.stop()
        gateway.stop()
        engine.dispose()
