"""The real program opens its window: `desk-app` as a process paints the main window and exits cleanly."""

from __future__ import annotations

from pathlib import Path


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
