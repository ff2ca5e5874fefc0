"""Every file the real `desk-app` writes is owner-only (0600, folders it creates 0700), whatever the umask.

The umask is set to the usual 022, under which a file made the ordinary way is readable by every account on
the machine; the modes are read back from the files the commands leave.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.imports.columns import CUSTOMER_COLUMNS


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """022, as on most machines; the commands run as child processes inherit it."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_database_its_folder_and_the_log_are_owner_only(desk_app, tmp_path: Path) -> None:
    log = tmp_path / "desk.log"
    # Without --db the desk uses its per-user data folder, created on first use.
    completed = desk_app("db", "upgrade", env={"DESK_APP_LOG": str(log)})
    assert completed.returncode == 0, completed.stderr
    assert desk_app("lookup", "0312345678", env={"DESK_APP_LOG": str(log)}).returncode == 1  # nobody holds it
    folder = tmp_path / "data" / "InquiryDesk"
    database = folder / "desk.sqlite3"
    assert (mode(folder), mode(database), mode(log)) == (0o700, 0o600, 0o600)
    # A data folder left readable by an earlier version is tightened at the next start.
    folder.chmod(0o755)
    assert desk_app("lookup", "0312345678").returncode == 1
    assert mode(folder) == 0o700


def test_a_new_sqlite_database_named_on_the_command_line_is_owner_only(desk_app, tmp_path: Path) -> None:
    database = tmp_path / "desk.sqlite3"
    assert desk_app("db", "upgrade", "--db", f"sqlite:///{database}").returncode == 0
    assert mode(database) == 0o600
    # SQLite gives its -wal and -shm files the database file's mode (checked with the files open in
    # tests/core/test_private_files.py); none is left behind once the last connection closes.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["desk.sqlite3"]


def test_letters_exports_and_rejects_are_owner_only(desk_app, database_url: str, tmp_path: Path) -> None:
    assert desk_app("demo-data", "--customers", "60", "--db", database_url).returncode == 0
    out = tmp_path / "print-room" / "today"
    batch = desk_app("letters", "batch", "--ready", "--out", str(out), "--json", "--db", database_url)
    assert batch.returncode == 0, batch.stderr
    files = [Path(record["file"]) for record in batch.json()]
    assert files
    assert (mode(out.parent), mode(out)) == (0o700, 0o700)
    assert {mode(path) for path in files} == {0o600}

    letter = tmp_path / "letters" / "one.pdf"
    case_no = batch.json()[0]["case_no"]
    render = desk_app("letters", "render", "--case", case_no, "--out", str(letter), "--db", database_url)
    assert render.returncode == 0, render.stderr
    assert (mode(letter.parent), mode(letter)) == (0o700, 0o600)

    export = tmp_path / "cases.csv"
    issued = desk_app(
        "users", "token", "issue", "supervisor.ito", "--name", "tests", "--json", "--db", database_url
    )
    assert issued.returncode == 0, issued.stderr
    exported = desk_app(
        "cases",
        "export",
        "--csv",
        str(export),
        "--as",
        "supervisor.ito",
        "--db",
        database_url,
        env={"DESK_APP_TOKEN": issued.json()["token"]},
    )
    assert exported.returncode == 0, exported.stderr
    assert mode(export) == 0o600

    headers = [column.header for column in CUSTOMER_COLUMNS]
    source, rejects = tmp_path / "customers.csv", tmp_path / "rejects.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(headers)
        bad = dict.fromkeys(headers, "")
        bad.update(
            {"顧客番号": "20000001", "氏名": "山田 太郎", "氏名カナ": "ヤマダ タロウ", "郵便番号": "12-34"}
        )
        writer.writerow([bad[header] for header in headers])
    rejects.write_text("an older file, readable by all\n", encoding="utf-8")
    rejects.chmod(0o644)
    imported = desk_app("import", "customers", str(source), "--skip-bad", str(rejects), "--db", database_url)
    assert imported.returncode == 0, imported.stderr
    assert "20000001" in rejects.read_text(encoding="utf-8")
    assert mode(rejects) == 0o600  # replaced by a new, private file, not rewritten in place


def test_letters_render_keeps_an_existing_file_unless_forced(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    assert desk_app("demo-data", "--customers", "60", "--db", database_url).returncode == 0
    batch = desk_app(
        "letters", "batch", "--ready", "--out", str(tmp_path / "batch"), "--json", "--db", database_url
    )
    case_no = batch.json()[0]["case_no"]
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"the print room's own file")
    letter.chmod(0o644)
    kept = desk_app("letters", "render", "--case", case_no, "--out", str(letter), "--db", database_url)
    assert kept.returncode == 2
    assert kept.stderr == f"desk-app: {letter} already exists: give --force to replace it\n"
    assert letter.read_bytes() == b"the print room's own file"
    assert kept.stdout == ""

    forced = desk_app(
        "letters", "render", "--case", case_no, "--out", str(letter), "--force", "--db", database_url
    )
    assert forced.returncode == 0, forced.stderr
    assert letter.read_bytes().startswith(b"%PDF")
    assert mode(letter) == 0o600
