"""The demo's staff answer at telephone extensions, so a PBX naming a desk by number finds its agent; an
extension an agent already held before the demo stays theirs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desk_app.demo import vocabulary
from desk_app.demo.generator import generate_demo_data
from desk_app.domain.enums import AgentRole
from desk_app.services.accounts import list_users
from desk_app.services.agents import AgentInfo
from desk_app.services.extensions import agent_for_pbx_user, set_extensions
from desk_app.storage.engine import make_engine
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Agent
from tests.support.databases import Databases

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)


def _engine(databases: Databases) -> Engine:
    engine = make_engine(databases.new())
    upgrade(engine)
    return engine


def _login(agent: AgentInfo | None) -> str | None:
    return agent.login if agent else None


def test_the_demo_agents_and_supervisors_have_extensions_a_pbx_finds(databases: Databases) -> None:
    engine = _engine(databases)
    generate_demo_data(engine, customers=30, seed=1, now=NOW)
    with Session(engine) as session:
        listed = {row.login: row.extensions for row in list_users(session)}
        assert listed == {login: vocabulary.EXTENSIONS.get(login, ()) for login, _, _ in vocabulary.AGENTS}
        assert all(listed[login] for login, _, role in vocabulary.AGENTS if role != "admin")
        for login, numbers in vocabulary.EXTENSIONS.items():
            for number in numbers:
                assert _login(agent_for_pbx_user(session, number)) == login
    engine.dispose()


def test_an_extension_held_before_the_demo_stays_with_its_agent(databases: Databases) -> None:
    engine = _engine(databases)
    with Session(engine) as session, session.begin():
        session.add(Agent(login="boss", display_name="管理 太郎", role=AgentRole.ADMIN, created_at=NOW))
        session.flush()
        set_extensions(session, "boss", ["201"], by=None, now=NOW)
    generate_demo_data(engine, customers=30, seed=1, now=NOW)
    with Session(engine) as session:
        listed = {row.login: row.extensions for row in list_users(session)}
        assert listed["boss"] == ("201",)
        assert listed["demo"] == ()
        assert listed["agent.sato"] == ("202",)
        assert _login(agent_for_pbx_user(session, "201")) == "boss"
    engine.dispose()
