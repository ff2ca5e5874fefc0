"""`dev.py` runs tests sealed: empty home and temporary folders of its own, nothing inherited from the shell,
and a failed run when anything was written to the real home or temporary folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import dev


@pytest.fixture
def real_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A stand-in for the developer's real home and temporary folder, with a config file already there."""
    home, temp = tmp_path / "home", tmp_path / "temp"
    (home / ".config" / "InquiryDesk").mkdir(parents=True)
    (home / ".config" / "InquiryDesk" / "config.toml").write_text("[database]\n")
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for name in dev.XDG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DESK_APP_DB", "sqlite:////somewhere/real.sqlite3")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    return home, temp


def test_the_sealed_environment_is_empty_and_inherits_nothing(real_folders: tuple[Path, Path]) -> None:
    home, _temp = real_folders
    with dev.sealed_environment() as environment:
        assert not any(name.startswith(("DESK_APP_", "QT_")) for name in environment)
        for name in ("HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            folder = Path(environment[name])
            assert folder.is_dir()
            assert list(folder.iterdir()) == []
            assert home not in folder.parents
        made = Path(environment["TMPDIR"]).parent
        # The run's own folders may be written freely, and are gone afterwards.
        Path(environment["TMPDIR"], "cache.sqlite3").write_text("x")
    assert not made.exists()
    assert os.environ["DESK_APP_DB"]  # the caller's own environment is left as it was


@pytest.mark.parametrize("where", ["temp", "home", "config"])
def test_writing_outside_the_run_fails_it(real_folders: tuple[Path, Path], where: str) -> None:
    home, temp = real_folders
    target = {
        "temp": temp / "desk-case-log-bench" / "cases.sqlite3",
        "home": home / ".cache-of-something",
        "config": home / ".config" / "InquiryDesk" / "config.toml",
    }[where]

    def run_that_writes() -> None:
        with dev.sealed_environment():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("written by a test")

    with pytest.raises(SystemExit) as failed:
        run_that_writes()
    assert failed.value.code == 1
