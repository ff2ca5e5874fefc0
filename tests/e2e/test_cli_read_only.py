"""Read-only commands never create or migrate a database: a mistyped path or an old schema is exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from desk_app.storage import migrate
from desk_app.storage.engine import make_engine

READ_ONLY = {
    "audit verify": ("audit", "verify"),
    "audit anchor": ("audit", "anchor", "--out", "{folder}/anchor.json"),
    "lookup": ("lookup", "03-1234-5678"),
    "doctor": ("doctor",),
    "users list": ("users", "list"),
    "cases export": ("cases", "export", "--csv", "{folder}/cases.csv", "--as", "sato"),
    "postal-codes check": ("postal-codes", "check"),
    "retention dry run": ("retention", "run", "--dry-run"),
}


def _arguments(name: str, folder: Path) -> list[str]:
    return [part.format(folder=folder.as_posix()) for part in READ_ONLY[name]]


@pytest.mark.parametrize("name", list(READ_ONLY))
def test_a_mistyped_path_is_exit_3_and_no_database_is_made(desk_app, tmp_path: Path, name: str) -> None:
    mistyped = tmp_path / "dsek.sqlite3"
    completed = desk_app(*_arguments(name, tmp_path), "--db", f"sqlite:///{mistyped.as_posix()}")
    assert completed.returncode == 3, completed.stdout + completed.stderr
    assert completed.stderr == f"desk-app: no database at {mistyped.as_posix()}\n"
    assert completed.stdout == ""
    assert (
        sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(("dsek", "anchor", "cases")))
        == []
    )


@pytest.mark.parametrize("name", ["audit verify", "lookup", "retention dry run"])
def test_an_old_schema_is_exit_3_and_left_as_it_was(desk_app, tmp_path: Path, name: str) -> None:
    database = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{database.as_posix()}")
    command.upgrade(migrate._alembic_config(engine), "0010")
    engine.dispose()
    completed = desk_app(*_arguments(name, tmp_path), "--db", f"sqlite:///{database.as_posix()}")
    assert completed.returncode == 3
    assert completed.stderr.startswith("desk-app: the database is at revision 0010, not ")
    assert "desk-app db upgrade" in completed.stderr
    engine = make_engine(f"sqlite:///{database.as_posix()}")
    assert migrate.current_revision(engine) == "0010"
    engine.dispose()


@pytest.mark.parametrize("name", ["audit verify", "users list", "cases export"])
def test_an_empty_database_is_never_given_a_schema(
    desk_app, database_url: str, tmp_path: Path, name: str
) -> None:
    # A SQLite file not yet made, or a PostgreSQL schema with no tables (under `dev.py test --postgres`).
    completed = desk_app(*_arguments(name, tmp_path), "--db", database_url)
    assert completed.returncode == 3
    assert completed.stderr.startswith(
        ("desk-app: no database at ", "desk-app: the database is empty (no schema)")
    )
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) is None
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
