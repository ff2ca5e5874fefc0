"""`desk-app cases export` as a real process: a CSV Excel opens, filters, refusal for agents, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import AccessAction
from desk_app.storage.models import AccessLogEntry
from tests.support.case_log_data import CUSTOMER_NO, SPECS
from tests.support.case_log_data import add_case_log as add_case_log_on
from tests.support.credentials import set_password, token_env


def add_case_log(sessions: sessionmaker[Session]) -> dict[str, int]:
    # The command knows only the real date: the known log is dated back from today in Japan.
    return add_case_log_on(sessions, today=japan_today())


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_export_writes_a_csv_excel_opens(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    agents = add_case_log(sessions)
    target = tmp_path / "案件一覧.csv"
    completed = desk_app(
        "cases",
        "export",
        "--csv",
        str(target),
        "--as",
        "supervisor",
        "--db",
        database_url,
        env=token_env(sessions, "supervisor"),
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"wrote {len(SPECS)} cases to {target}"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(SPECS) + 1
    assert raw.count(b"\n") == raw.count(b"\r\n")
    rows = _rows(target)
    assert rows[0][:3] == ["案件番号", "種別", "状態"]
    assert {row[0] for row in rows[1:]} == {spec.case_no for spec in SPECS}
    assert "agent1 担当" in {row[4] for row in rows[1:]}
    with sessions.begin() as session:
        # The token's issue is logged too; the export is the one entry by the supervisor.
        entry = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.EXPORT)
        ).one()
    assert entry.agent_id == agents["supervisor"]


def test_filters_as_options(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    add_case_log(sessions)
    target = tmp_path / "overdue.csv"
    completed = desk_app(
        "cases",
        "export",
        "--csv",
        str(target),
        "--as",
        "admin",
        "--db",
        database_url,
        "--overdue",
        "--customer",
        CUSTOMER_NO,
        "--sort",
        "due",
        "--agent",
        "agent1",
        "--json",
        env=token_env(sessions, "admin"),
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.json() == {"rows": 1, "file": str(target)}
    supervisor = token_env(sessions, "supervisor")
    assert [row[0] for row in _rows(target)[1:]] == ["2026-000107"]
    year_ago = japan_today() - dt.timedelta(days=365)
    for options, expected in (
        (("--kind", "complaint", "--state", "completed"), ["2025-000201"]),
        (("--state", "open", "--text", "訂正"), ["2026-000102"]),
        (
            ("--received-from", str(year_ago - dt.timedelta(days=60)), "--received-to", str(year_ago)),
            ["2025-000202", "2025-000201"],
        ),
        (("--due-within", "9", "--sort", "due"), ["2026-000104", "2026-000103"]),
    ):
        completed = desk_app(
            "cases",
            "export",
            "--csv",
            str(target),
            "--as",
            "supervisor",
            "--db",
            database_url,
            *options,
            env=supervisor,
        )
        assert completed.returncode == 0, completed.stderr
        assert [row[0] for row in _rows(target)[1:]] == expected, options


def test_an_agent_is_refused_and_no_file_is_left(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    add_case_log(sessions)
    target = tmp_path / "cases.csv"
    completed = desk_app(
        "cases",
        "export",
        "--csv",
        str(target),
        "--as",
        "agent1",
        "--db",
        database_url,
        env=token_env(sessions, "agent1"),
    )
    assert completed.returncode == 1
    assert "only supervisors and administrators" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert list(tmp_path.glob("*cases.csv*")) == []
    unknown = desk_app(
        "cases",
        "export",
        "--csv",
        str(target),
        "--as",
        "nobody",
        "--password-stdin",
        "--db",
        database_url,
        input="a-guessed-password\n",
    )
    assert unknown.returncode == 1
    assert "nobody: wrong login or password" in unknown.stderr


def test_export_is_made_only_by_the_person_named_once_authenticated(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    """`--as` is no longer taken on trust: a password or an access token of that very person."""
    agents = add_case_log(sessions)
    password = set_password(sessions, "supervisor")
    target = tmp_path / "cases.csv"
    export = ("cases", "export", "--csv", str(target), "--as", "supervisor", "--db", database_url)

    nothing = desk_app(*export)
    assert nothing.returncode == 2
    assert "--password-stdin" in nothing.stderr
    assert "DESK_APP_TOKEN" in nothing.stderr
    wrong = desk_app(*export, "--password-stdin", input="not-the-password\n")
    assert wrong.returncode == 1
    assert "supervisor: wrong login or password" in wrong.stderr
    # Someone else's token (an agent's, here) does not make its holder the supervisor.
    borrowed = desk_app(*export, env=token_env(sessions, "agent1"))
    assert borrowed.returncode == 1
    assert "access token is not valid" in borrowed.stderr
    assert list(tmp_path.glob("*cases.csv*")) == []
    with sessions.begin() as session:
        assert (
            session.scalars(select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.EXPORT)).all()
            == []
        )

    typed = desk_app(*export, "--password-stdin", input=f"{password}\n")
    assert typed.returncode == 0, typed.stderr
    assert password not in typed.stdout + typed.stderr
    with sessions.begin() as session:
        entry = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.EXPORT)
        ).one()
    assert entry.agent_id == agents["supervisor"]


def test_usage_errors_exit_2(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    add_case_log(sessions)
    missing_as = desk_app("cases", "export", "--csv", str(tmp_path / "a.csv"), "--db", database_url)
    assert missing_as.returncode == 2
    assert "--as" in missing_as.stderr
    bad_date = desk_app(
        "cases",
        "export",
        "--csv",
        str(tmp_path / "a.csv"),
        "--as",
        "supervisor",
        "--received-from",
        "26/11/2026",
        "--db",
        database_url,
    )
    assert bad_date.returncode == 2
    assert "YYYY-MM-DD" in bad_date.stderr
    unwritable = desk_app(
        "cases",
        "export",
        "--csv",
        str(tmp_path / "no" / "such" / "a.csv"),
        "--as",
        "supervisor",
        "--db",
        database_url,
        env=token_env(sessions, "supervisor"),
    )
    assert unwritable.returncode == 2
    assert "cannot write" in unwritable.stderr
