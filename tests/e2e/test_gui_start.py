"""The real program opens its window: `desk-app` as a process paints the main window and exits cleanly."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole
from desk_app.storage.models import Agent, Customer


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


# What the first paint must not wait for: each is imported when first used.
NOT_AT_START = ("reportlab", "desk_app.letters", "desk_app.imports", "PySide6.QtPdf", "PySide6.QtPdfWidgets")

# What the start window's first paint must not wait for: the database is opened after it.
NOT_BEFORE_THE_DATABASE = (
    "sqlalchemy",
    "alembic",
    "desk_app.storage",
    "ui.shell.main_window",
    "ui.common.background",
)

# The real start (command line, window, first paint), then the modules it loaded, written to a file:
# those loaded when the start window painted, then all those loaded by the end.
MODULES_AT_FIRST_PAINT = """
import json, sys
from desk_app.cli.main import main
from ui.shell.start_window import StartWindow
at_start = []
def note(): at_start.extend(sorted(sys.modules))
original = StartWindow.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    self.painted.connect(note)
StartWindow.__init__ = init
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as listing:
    json.dump({"start window": at_start, "end": sorted(sys.modules)}, listing)
sys.exit(code)
"""


def _among(loaded: list[str], packages: tuple[str, ...]) -> list[str]:
    return [name for name in loaded if any(name == p or name.startswith(f"{p}.") for p in packages)]


def test_opening_the_window_imports_neither_reportlab_nor_the_letters(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    assert desk_app("demo-data", "--customers", "20", "--db", database_url).returncode == 0
    probe, listing = tmp_path / "first-paint", tmp_path / "modules.json"
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DESK_APP_")},
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_APP_STARTUP_PROBE": str(probe),
    }
    completed = subprocess.run(
        [sys.executable, "-c", MODULES_AT_FIRST_PAINT, str(listing), "--db", database_url, "--agent", "demo"],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert probe.exists()
    loaded = json.loads(listing.read_text(encoding="utf-8"))
    assert _among(loaded["end"], NOT_AT_START) == []
    assert "ui.shell.main_window" in loaded["end"]
    # The start window painted before SQLAlchemy, the models or the main window were imported.
    assert loaded["start window"]
    assert _among(loaded["start window"], NOT_BEFORE_THE_DATABASE) == []


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


def test_a_database_that_cannot_be_opened_closes_the_start_window_and_is_said_in_one_line(
    desk_app, tmp_path: Path
) -> None:
    """The start window paints before the database is opened; a database the desk cannot open is told as
    it was before there was a start window: one line, exit 3, no main window."""
    probe = tmp_path / "first-paint"
    missing_folder = f"sqlite:///{(tmp_path / 'no such folder' / 'desk.sqlite3').as_posix()}"
    env = {"QT_QPA_PLATFORM": "offscreen", "DESK_APP_STARTUP_PROBE": str(probe)}
    completed = desk_app("--db", missing_folder, "--agent", "yamada", env=env)
    assert completed.returncode == 3
    # (Qt's offscreen platform may say first that it does not support a window hint.)
    assert completed.stderr.splitlines()[-1] == (
        "desk-app: cannot open the database: The database file cannot be opened."
        " Check that its folder exists."
    )
    assert "Traceback" not in completed.stderr
    assert not probe.exists()
