"""Storage: migrations build exactly the model, times stay UTC, row versions catch concurrent edits."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desk_app.domain.enums import AgentRole
from desk_app.storage import migrate
from desk_app.storage.engine import DatabaseUrlError, describe, make_engine
from desk_app.storage.models import Agent, Base, Customer


def test_migrations_build_exactly_what_the_models_declare(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_idempotent_and_reports_whether_it_changed_anything(database_url: str) -> None:
    engine = make_engine(database_url)
    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    assert migrate.upgrade(engine) is False
    engine.dispose()


def test_migrations_downgrade_to_nothing_and_back(engine: Engine) -> None:
    config = migrate._alembic_config(engine)
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert "customers" in inspect(engine).get_table_names()


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/wal.sqlite3")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize("url", ["nonsense", "mysql://user@host/db", "oracle://x"])
def test_unusable_urls_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        make_engine(url)


def test_describe_never_shows_a_password() -> None:
    engine = make_engine("postgresql+psycopg://desk:hunter2@db.example:5433/desk")
    assert describe(engine) == "PostgreSQL: db.example:5433/desk"


def test_times_come_back_as_aware_utc(sessions: sessionmaker[Session]) -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    created = dt.datetime(2026, 4, 1, 9, 30, tzinfo=tokyo)
    with sessions.begin() as session:
        session.add(Agent(login="a1", display_name="佐藤 花子", role=AgentRole.AGENT, created_at=created))
    with sessions() as session:
        stored = session.scalars(select(Agent.created_at)).one()
    assert stored == created
    assert stored.utcoffset() == dt.timedelta(0)
    assert stored.hour == 0


def test_naive_times_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(Exception, match="naive datetime"), sessions.begin() as session:
        session.add(
            Agent(login="a2", display_name="x", role=AgentRole.AGENT, created_at=dt.datetime(2026, 1, 1))  # noqa: DTZ001
        )


def test_a_second_desk_saving_a_stale_customer_gets_a_conflict(
    sessions: sessionmaker[Session], add_customer: object
) -> None:
    customer_id = add_customer()  # type: ignore[operator]
    first, second = sessions(), sessions()
    mine = first.get(Customer, customer_id)
    theirs = second.get(Customer, customer_id)
    assert mine is not None
    assert theirs is not None
    mine.city = "港区"
    first.commit()
    theirs.city = "新宿区"
    with pytest.raises(StaleDataError):
        second.commit()
    second.rollback()
    first.close()
    second.close()
    with sessions() as session:
        stored = session.get(Customer, customer_id)
        assert stored is not None
        assert (stored.city, stored.row_version) == ("港区", 2)


def test_the_start_up_shortcut_knows_the_newest_migration(engine: Engine) -> None:
    assert migrate.head_revision(engine) == migrate.SCHEMA_HEAD
