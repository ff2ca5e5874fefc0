"""The one helper every writer uses: files 0600 and folders 0700 as created, under the usual umask 022."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app import paths
from desk_app.app_log import LOG_FILE_VARIABLE, LogFileError, log_to_file_from_environment
from desk_app.private_files import (
    ensure_private_file,
    make_private_folder,
    open_new_private,
    write_private_bytes,
)
from desk_app.storage.engine import make_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_folders_made_are_owner_only_and_existing_ones_keep_their_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    made = make_private_folder(tmp_path / "a" / "b" / "c")
    assert made.is_dir()
    assert [mode(tmp_path / part) for part in ("a", "a/b", "a/b/c")] == [0o700, 0o700, 0o700]
    assert mode(tmp_path) == 0o755
    assert make_private_folder(made) == made  # already there: nothing to do
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        make_private_folder(tmp_path / "file")


def test_a_new_file_replaces_what_was_there_and_is_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    with open_new_private(target, encoding="utf-8") as out:
        out.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert mode(target) == 0o600


def test_bytes_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    write_private_bytes(target, b"%PDF-1.4")
    assert (target.read_bytes(), mode(target)) == (b"%PDF-1.4", 0o600)
    folder_in_the_way = tmp_path / "taken.pdf"
    folder_in_the_way.mkdir()
    with pytest.raises((IsADirectoryError, PermissionError)):  # PermissionError on Windows
        write_private_bytes(folder_in_the_way, b"%PDF-1.4")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["letter.pdf", "taken.pdf"]


def test_a_log_is_created_owner_only_and_an_existing_one_keeps_its_mode(tmp_path: Path) -> None:
    log = tmp_path / "desk.log"
    ensure_private_file(log)
    assert mode(log) == 0o600
    shared = tmp_path / "shared.log"
    shared.write_text("kept\n", encoding="utf-8")
    shared.chmod(0o640)
    ensure_private_file(shared)
    assert (mode(shared), shared.read_text(encoding="utf-8")) == (0o640, "kept\n")


def test_the_log_file_is_created_owner_only_or_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "desk.log"
    monkeypatch.setenv(LOG_FILE_VARIABLE, str(log))
    handler = log_to_file_from_environment()
    assert handler is not None
    try:
        assert mode(log) == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    monkeypatch.setenv(LOG_FILE_VARIABLE, str(tmp_path / "no-such-folder" / "desk.log"))
    with pytest.raises(LogFileError) as refused:
        log_to_file_from_environment()
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith(f"cannot write the log {LOG_FILE_VARIABLE}=")


def test_a_new_sqlite_database_and_its_wal_and_shm_files_are_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "desk.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
        with engine.connect() as connection:  # the pool keeps it open: -wal and -shm stay
            connection.execute(text("SELECT x FROM t")).all()
            names = sorted(path.name for path in tmp_path.iterdir())
            assert names == ["desk.sqlite3", "desk.sqlite3-shm", "desk.sqlite3-wal"]
            assert {name: mode(tmp_path / name) for name in names} == dict.fromkeys(names, 0o600)
    finally:
        engine.dispose()


def test_an_existing_database_file_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    database = tmp_path / "shared.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    database.chmod(0o640)  # an administrator's choice, e.g. a group of backup operators
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert mode(database) == 0o640


def test_the_per_user_data_folder_is_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = paths.data_dir()
    assert folder == tmp_path / "data" / "InquiryDesk"
    assert (mode(tmp_path / "data"), mode(folder)) == (0o700, 0o700)
    folder.chmod(0o755)
    assert mode(paths.data_dir()) == 0o700
