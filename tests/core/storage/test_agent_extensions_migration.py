"""Migration 0014: a database from before extensions upgrades with its agents kept and none holding one, the
new table holds each number once, and the downgrade takes only the table away."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.domain.enums import AgentRole
from desk_app.services.agents import AgentInfo
from desk_app.services.extensions import agent_for_pbx_user, set_extensions
from desk_app.storage import migrate
from desk_app.storage.engine import make_engine
from desk_app.storage.models import Agent, AgentExtension
from tests.support.databases import Databases

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


def test_a_database_from_0013_upgrades_keeping_its_agents_and_downgrades_again(databases: Databases) -> None:
    engine = make_engine(databases.new())
    config = migrate._alembic_config(engine)
    try:
        command.upgrade(config, "0013")
        assert "agent_extensions" not in inspect(engine).get_table_names()
        with Session(engine) as session, session.begin():
            session.add_all(
                Agent(login=login, display_name=name, role=AgentRole.AGENT, created_at=NOW)
                for login, name in (("sato", "佐藤 美咲"), ("suzuki", "鈴木 健太"))
            )

        command.upgrade(config, "0014")
        assert migrate.current_revision(engine) == "0014"
        with Session(engine) as session:
            assert session.scalars(select(AgentExtension)).all() == []
            assert session.scalars(select(Agent.login).order_by(Agent.login)).all() == ["sato", "suzuki"]
            sato = session.scalars(select(Agent.id).where(Agent.login == "sato")).one()
        with Session(engine) as session, session.begin():
            set_extensions(session, "sato", ["201"], by=None, now=NOW)
        with Session(engine) as session:
            assert agent_for_pbx_user(session, "201") == AgentInfo(sato, "sato", "佐藤 美咲", AgentRole.AGENT)
            suzuki = session.scalars(select(Agent.id).where(Agent.login == "suzuki")).one()
        # The database itself keeps a number to one agent, whatever writes to it.
        with Session(engine) as session, pytest.raises(IntegrityError), session.begin():
            session.add(AgentExtension(extension="201", agent_id=suzuki))

        command.downgrade(config, "0013")
        assert "agent_extensions" not in inspect(engine).get_table_names()
        with Session(engine) as session:
            assert session.scalars(select(Agent.login).order_by(Agent.login)).all() == ["sato", "suzuki"]
        command.upgrade(config, "head")
        assert "agent_extensions" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
