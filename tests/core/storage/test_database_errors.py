"""Database failures a user can fix are recognised from real driver errors; bugs are not dressed up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm.exc import StaleDataError

from desk_app.storage.engine import make_engine
from desk_app.storage.errors import MESSAGES, DatabaseProblem, classify


def test_a_database_locked_by_another_writer_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    engine = make_engine(f"sqlite:///{path.as_posix()}", sqlite_busy_timeout_ms=50)

    def write() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))

    with pytest.raises(OperationalError) as raised:
        write()
    holder.close()
    engine.dispose()
    assert classify(raised.value) is DatabaseProblem.BUSY


def test_a_read_only_database_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).executescript("CREATE TABLE t (x);")
    engine = make_engine(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    with pytest.raises(OperationalError) as raised, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert classify(raised.value) is DatabaseProblem.READ_ONLY


def test_a_missing_folder_cannot_be_opened(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{(tmp_path / 'no' / 'such' / 'x.sqlite3').as_posix()}")
    with pytest.raises(OperationalError) as raised, engine.connect():
        pass
    assert classify(raised.value) is DatabaseProblem.CANNOT_OPEN


def test_a_server_nobody_listens_on_is_unreachable() -> None:
    engine = make_engine("postgresql+psycopg://app@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    with pytest.raises(OperationalError) as raised, engine.connect():
        pass
    assert classify(raised.value) is DatabaseProblem.UNREACHABLE


def test_a_stale_row_is_a_conflict() -> None:
    assert classify(StaleDataError("UPDATE statement on table 'customers' expected 1 row")) is (
        DatabaseProblem.CONFLICT
    )


def test_bugs_are_not_dressed_up_as_user_problems(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{(tmp_path / 'x.sqlite3').as_posix()}")
    with pytest.raises((OperationalError, ProgrammingError)) as raised, engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))
    engine.dispose()
    assert classify(raised.value) is None
    assert classify(ValueError("boom")) is None


def test_every_problem_has_a_message() -> None:
    assert set(MESSAGES) == set(DatabaseProblem)
