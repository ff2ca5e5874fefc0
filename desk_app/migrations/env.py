"""Alembic environment: runs against the engine the desk hands over, never a URL from an ini file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from desk_app.storage.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through desk_app.storage.migrate, which supplies the engine")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
