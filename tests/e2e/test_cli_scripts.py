"""`desk-app scripts check` as a real process: the shipped scripts pass, a broken one is named precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

from desk_app.paths import resources_dir


def test_the_shipped_scripts_are_valid(desk_app) -> None:
    completed = desk_app("scripts", "check")
    assert completed.returncode == 0, completed.stderr
    assert "deletion: version" in completed.stdout


def test_a_broken_script_is_named_by_file_step_and_field(desk_app, tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    shutil.copytree(resources_dir() / "scripts", folder)
    deletion = folder / "deletion.toml"
    text = deletion.read_text(encoding="utf-8")
    deletion.write_text(text.replace('kind = "confirm"', 'kind = "confrim"', 1), encoding="utf-8")
    completed = desk_app("scripts", "check", str(folder))
    assert completed.returncode == 2
    assert completed.stderr.startswith("desk-app: talk script error: deletion.toml: step '")
    assert "kind" in completed.stderr
    assert "Traceback" not in completed.stderr
