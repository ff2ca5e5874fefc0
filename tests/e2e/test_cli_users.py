"""`desk-app users` as a real process: add, list, disable, reset-password, with passwords on stdin."""

from __future__ import annotations

import subprocess

from sqlalchemy import create_engine, select

from desk_app.storage.models import Agent
from tests.e2e.conftest import SCRIPT


def _with_stdin(database_url: str, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "users", *args, "--db", database_url],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_users_add_list_disable_and_reset(desk_app, database_url: str) -> None:
    added = _with_stdin(
        database_url,
        "add", "kato", "--name", "加藤 美咲", "--role", "supervisor", "--password-stdin",
        stdin="umeboshi-onigiri-7\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added kato" in added.stdout
    assert "umeboshi" not in added.stdout + added.stderr

    listed = desk_app("users", "list", "--json", "--db", database_url)
    assert listed.returncode == 0, listed.stderr
    (row,) = listed.json()
    assert row["login"] == "kato"
    assert row["role"] == "supervisor"
    assert row["has_password"] is True
    assert "scrypt" not in listed.stdout

    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.scalar(select(Agent.password_hash).where(Agent.login == "kato"))
    engine.dispose()
    assert stored is not None
    assert stored.startswith("scrypt$32768$8$1$")

    again = _with_stdin(
        database_url,
        "add",
        "kato",
        "--name",
        "x",
        "--role",
        "agent",
        "--password-stdin",
        stdin="another-pass-1\n",
    )
    assert again.returncode == 1
    assert "already taken" in again.stderr

    disabled = desk_app("users", "disable", "kato", "--db", database_url)
    assert disabled.returncode == 0, disabled.stderr
    assert desk_app("users", "list", "--json", "--db", database_url).json()[0]["active"] is False

    reset = _with_stdin(
        database_url, "reset-password", "kato", "--password-stdin", stdin="a-new-long-secret\n"
    )
    assert reset.returncode == 0, reset.stderr
    assert "lockout is lifted" in reset.stdout


def test_refusals_and_usage_errors_have_their_exit_codes(desk_app, database_url: str) -> None:
    weak = _with_stdin(
        database_url, "add", "ito", "--name", "伊藤", "--role", "agent", "--password-stdin", stdin="short\n"
    )
    assert weak.returncode == 1
    assert "at least 10 characters" in weak.stderr
    assert "Traceback" not in weak.stderr

    unknown = desk_app("users", "disable", "nobody", "--db", database_url)
    assert unknown.returncode == 1
    assert "no account with login 'nobody'" in unknown.stderr

    no_terminal = _with_stdin(database_url, "reset-password", "nobody", stdin="")
    assert no_terminal.returncode == 2
    assert "--password-stdin" in no_terminal.stderr

    bad_role = desk_app("users", "add", "ito", "--name", "伊藤", "--role", "boss", "--db", database_url)
    assert bad_role.returncode == 2

    no_database = desk_app("users", "list", "--db", "postgresql+psycopg://app@127.0.0.1:1/none")
    assert no_database.returncode == 3
