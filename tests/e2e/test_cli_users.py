"""`desk-app users` as a real process: add, list, disable, set-role, reset-password and tokens, with passwords
on stdin, an administrator's password once one has one, and the last administrator kept."""

from __future__ import annotations

import json
import subprocess

from sqlalchemy import create_engine, select

from desk_app.storage.models import AccessLogEntry, AccessToken, Agent
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


ADMIN_PASSWORD = "kaisendon-2026!"


def _with_admin(database_url: str) -> None:
    """The first administrator, made while no administrator has a password (a new desk's set-up)."""
    added = _with_stdin(
        database_url,
        "add", "boss", "--name", "管理 太郎", "--role", "admin", "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr


def test_once_an_administrator_has_a_password_every_users_command_needs_one(
    desk_app, database_url: str
) -> None:
    _with_admin(database_url)
    # Nobody named, someone else named, a wrong password: each refused, nothing changed.
    anonymous = _with_stdin(
        database_url, "add", "mallory", "--name", "x", "--role", "admin", "--password-stdin",
        stdin="mallory-wants-in-1\n",
    )  # fmt: skip
    assert anonymous.returncode == 1
    assert "--as LOGIN" in anonymous.stderr
    assert desk_app("users", "list", "--db", database_url).returncode == 1
    wrong = _with_stdin(database_url, "list", "--as", "boss", "--password-stdin", stdin="guess-guess-1\n")
    assert wrong.returncode == 1
    assert "boss: wrong login or password" in wrong.stderr
    no_terminal = desk_app("users", "list", "--as", "boss", "--db", database_url)
    assert no_terminal.returncode == 2

    # The administrator's password first, then the new account's.
    added = _with_stdin(
        database_url,
        "add", "kato", "--name", "加藤 美咲", "--role", "supervisor", "--as", "boss", "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\numeboshi-onigiri-7\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = _with_stdin(
        database_url, "list", "--json", "--as", "boss", "--password-stdin", stdin=ADMIN_PASSWORD
    )
    assert [row["login"] for row in json.loads(listed.stdout)] == ["boss", "kato"]
    # A supervisor's password does not manage accounts.
    supervisor = _with_stdin(
        database_url, "disable", "boss", "--as", "kato", "--password-stdin", stdin="umeboshi-onigiri-7\n"
    )
    assert supervisor.returncode == 1
    assert "kato is not an administrator" in supervisor.stderr
    # Nor does the last administrator disable or demote themselves.
    for action in (("disable", "boss"), ("set-role", "boss", "--role", "agent")):
        last = _with_stdin(database_url, *action, "--as", "boss", "--password-stdin", stdin=ADMIN_PASSWORD)
        assert last.returncode == 1
        assert "last active administrator" in last.stderr
    promoted = _with_stdin(
        database_url,
        "set-role",
        "kato",
        "--role",
        "admin",
        "--as",
        "boss",
        "--password-stdin",
        stdin=ADMIN_PASSWORD,
    )
    assert promoted.returncode == 0, promoted.stderr
    assert "kato is now admin" in promoted.stdout

    engine = create_engine(database_url)
    with engine.connect() as connection:
        logged = connection.execute(
            select(AccessLogEntry.agent_id, AccessLogEntry.detail).order_by(AccessLogEntry.id)
        ).all()
        boss = connection.scalar(select(Agent.id).where(Agent.login == "boss"))
    engine.dispose()
    assert logged[0] == (None, "headless, no one signed in: account boss added (admin)")
    assert logged[1:] == [(boss, "account kato added (supervisor)"), (boss, "account kato given role admin")]


def test_tokens_are_issued_shown_once_listed_and_revoked(desk_app, database_url: str) -> None:
    _with_admin(database_url)
    admin = ("--as", "boss", "--password-stdin")
    issue = ("token", "issue", "boss", "--name", "nightly export", "--expires", "30", "--json")
    issued = _with_stdin(database_url, *issue, *admin, stdin=ADMIN_PASSWORD)
    assert issued.returncode == 0, issued.stderr
    token = json.loads(issued.stdout)
    assert token["token"].startswith("idt_")
    assert (token["login"], token["name"]) == ("boss", "nightly export")
    # Tokens do not manage accounts: only an administrator's typed password does.
    refused = desk_app(
        "users", "list", "--as", "boss", "--db", database_url, env={"DESK_APP_TOKEN": token["token"]}
    )
    assert refused.returncode == 2
    listed = _with_stdin(database_url, "token", "list", "--json", *admin, stdin=ADMIN_PASSWORD)
    (row,) = json.loads(listed.stdout)
    assert (row["token_id"], row["usable"], row["created_by"]) == (token["token_id"], True, "boss")
    assert token["token"] not in listed.stdout
    revoked = _with_stdin(
        database_url, "token", "revoke", str(token["token_id"]), *admin, stdin=ADMIN_PASSWORD
    )
    assert revoked.returncode == 0, revoked.stderr
    listed = _with_stdin(database_url, "token", "list", *admin, stdin=ADMIN_PASSWORD)
    assert "revoked" in listed.stdout
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.scalar(select(AccessToken.token_hash))
    engine.dispose()
    assert stored != token["token"]
    assert token["token"] not in (stored or "")


def test_extensions_are_given_with_add_replaced_cleared_and_listed(desk_app, database_url: str) -> None:
    _with_admin(database_url)
    admin = ("--as", "boss", "--password-stdin")
    added = _with_stdin(
        database_url,
        "add", "kato", "--name", "加藤 美咲", "--role", "agent", "--extension", "202", "--extension", "2001",
        *admin, stdin=f"{ADMIN_PASSWORD}\numeboshi-onigiri-7\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added kato" in added.stdout
    listed = _with_stdin(database_url, "list", "--json", *admin, stdin=ADMIN_PASSWORD)
    assert {row["login"]: row["extensions"] for row in json.loads(listed.stdout)} == {
        "boss": [],
        "kato": ["202", "2001"],
    }
    text = _with_stdin(database_url, "list", *admin, stdin=ADMIN_PASSWORD)
    assert text.stdout.splitlines() == ["boss\tadmin\t管理 太郎", "kato\tagent\t加藤 美咲\t\t202, 2001"]

    replaced = _with_stdin(database_url, "set-extensions", "kato", "203", *admin, stdin=ADMIN_PASSWORD)
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout == "extensions of kato: 203\n"
    cleared = _with_stdin(database_url, "set-extensions", "kato", *admin, stdin=ADMIN_PASSWORD)
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout == "extensions of kato: none\n"
    listed = _with_stdin(database_url, "list", "--json", *admin, stdin=ADMIN_PASSWORD)
    assert [row["extensions"] for row in json.loads(listed.stdout)] == [[], []]

    engine = create_engine(database_url)
    with engine.connect() as connection:
        logged = connection.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
    engine.dispose()
    assert logged[-4:] == [
        "account kato added (agent)",
        "account kato: extensions set to 202, 2001",
        "account kato: extensions set to 203",
        "account kato: extensions cleared",
    ]


def test_extension_refusals_have_their_exit_codes_and_change_nothing(desk_app, database_url: str) -> None:
    _with_admin(database_url)
    admin = ("--as", "boss", "--password-stdin")
    given = _with_stdin(database_url, "set-extensions", "boss", "201", *admin, stdin=ADMIN_PASSWORD)
    assert given.returncode == 0, given.stderr

    taken = _with_stdin(
        database_url,
        "add", "kato", "--name", "加藤 美咲", "--role", "agent", "--extension", "201",
        *admin, stdin=f"{ADMIN_PASSWORD}\numeboshi-onigiri-7\n",
    )  # fmt: skip
    assert taken.returncode == 1
    assert "extension 201 is already boss's" in taken.stderr
    for numbers, said in ((["1"], "2 to 8 digits, not '1'"), (["20a"], "not '20a'")):
        refused = _with_stdin(database_url, "set-extensions", "boss", *numbers, *admin, stdin=ADMIN_PASSWORD)
        assert refused.returncode == 1
        assert said in refused.stderr
        assert "Traceback" not in refused.stderr
    unknown = _with_stdin(database_url, "set-extensions", "nobody", "301", *admin, stdin=ADMIN_PASSWORD)
    assert unknown.returncode == 1
    assert "no account with login 'nobody'" in unknown.stderr
    anonymous = desk_app("users", "set-extensions", "boss", "301", "--db", database_url)
    assert anonymous.returncode == 1
    assert "--as LOGIN" in anonymous.stderr
    no_login = desk_app("users", "set-extensions", "--db", database_url)
    assert no_login.returncode == 2

    listed = _with_stdin(database_url, "list", "--json", *admin, stdin=ADMIN_PASSWORD)
    assert {row["login"]: row["extensions"] for row in json.loads(listed.stdout)} == {"boss": ["201"]}
