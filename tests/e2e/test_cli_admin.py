"""Admin commands as real processes: version, database upgrade, and configuration errors in plain words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desk_app import __version__


def test_python_dash_m_is_the_same_program() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "desk_app", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert completed.stdout.strip() == f"desk-app {__version__}"


def test_db_upgrade_applies_once_then_reports_nothing_to_do(desk_app, database_url: str) -> None:
    first = desk_app("db", "upgrade", "--db", database_url)
    assert first.returncode == 0, first.stderr
    assert "upgraded to revision" in first.stdout
    second = desk_app("db", "upgrade", "--db", database_url)
    assert second.returncode == 0
    assert "already at revision" in second.stdout
    current = desk_app("db", "current", "--db", database_url)
    assert current.stdout.strip() == first.stdout.split("revision ")[-1].strip()


def test_a_bad_config_file_names_the_key_not_a_traceback(desk_app, tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text("[company]\ndisclosure_fee_yen = 'four hundred'\n", encoding="utf-8")
    completed = desk_app("--config", str(config), "lookup", "03-1234-5678")
    assert completed.returncode == 2
    assert "company.disclosure_fee_yen" in completed.stderr
    assert "must be a whole number" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_the_config_file_can_choose_the_database(desk_app, tmp_path: Path) -> None:
    database = tmp_path / "from-config.sqlite3"
    config = tmp_path / "desk.toml"
    config.write_text(f"[database]\nurl = 'sqlite:///{database.as_posix()}'\n", encoding="utf-8")
    completed = desk_app("db", "upgrade", "--config", str(config))
    assert completed.returncode == 0, completed.stderr
    assert database.exists()


def test_an_unreachable_database_is_a_clear_error(desk_app, tmp_path: Path) -> None:
    completed = desk_app("lookup", "03-1234-5678", "--db", "postgresql+psycopg://app@127.0.0.1:1/none")
    assert completed.returncode == 3
    assert completed.stderr.startswith("desk-app: cannot open the database")
    assert "Traceback" not in completed.stderr


def test_an_unsupported_database_url_is_refused(desk_app) -> None:
    completed = desk_app("db", "upgrade", "--db", "mysql://x@y/z")
    assert completed.returncode == 2
    assert "unsupported database" in completed.stderr
