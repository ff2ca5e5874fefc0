"""Alembic migrations, applied programmatically at start-up and by `desk-app db upgrade`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

# The newest revision in desk_app/migrations/versions; a test keeps the two equal. Knowing it lets
# start-up skip importing Alembic (about 0.1 s) when the database is already current, as it nearly
# always is.
SCHEMA_HEAD = "0021"


def _alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", "desk_app:migrations")
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> bool:
    """Bring the database to the newest schema; returns True when anything was applied."""
    if current_revision(engine) == SCHEMA_HEAD:
        return False
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")
    return True
