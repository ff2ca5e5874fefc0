"""The real program opens its window: `desk-app` as a process paints the main window and exits cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.models import Agent, AgentRole, Customer


def test_the_window_appears_on_a_database_given_by_url(desk_app, database_url: str, tmp_path: Path) -> None:
    assert desk_app("demo-data", "--customers", "50", "--db", database_url).returncode == 0
    probe = tmp_path / "first-paint"
    completed = desk_app(
        "--db",
        database_url,
        "--agent",
        "demo",
        env={"QT_QPA_PLATFORM": "offscreen", "DESK_APP_STARTUP_PROBE": str(probe)},
    )
    assert completed.returncode == 0, completed.stderr
    assert 0 < float(probe.read_text()) < 60
    assert "Traceback" not in completed.stderr


def test_demo_mode_builds_its_database_on_first_use_and_reuses_it(desk_app, tmp_path: Path) -> None:
    probe = tmp_path / "first-paint"
    env = {"QT_QPA_PLATFORM": "offscreen", "DESK_APP_STARTUP_PROBE": str(probe)}
    first = desk_app("--demo", env=env)
    assert first.returncode == 0, first.stderr
    assert "preparing the demo database" in first.stderr
    demo_files = list((tmp_path / "data").rglob("demo.sqlite3"))
    assert len(demo_files) == 1
    second = desk_app("--demo", env=env)
    assert second.returncode == 0, second.stderr
    assert "preparing" not in second.stderr


def test_demo_mode_refuses_a_real_database_and_writes_nothing_to_it(
    desk_app, database_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """`desk-app --demo --db REAL` once filled an empty real database with demo customers and opened it
    without a password, an administrator set up before the first import included."""
    with sessions.begin() as session:
        session.add(
            Agent(
                login="admin",
                display_name="管理者",
                role=AgentRole.ADMIN,
                created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
            )
        )
    probe = tmp_path / "first-paint"
    env = {"QT_QPA_PLATFORM": "offscreen", "DESK_APP_STARTUP_PROBE": str(probe)}
    completed = desk_app("--demo", "--db", database_url, "--agent", "admin", env=env)
    assert completed.returncode == 2
    assert "is not a demo database" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not probe.exists()
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0
        assert session.scalars(select(Agent.login)).all() == ["admin"]
