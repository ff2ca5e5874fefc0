"""Runs the real `desk-app` console script as a subprocess, as admins' scripts and the PBX do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

SCRIPT = Path(sys.executable).with_name("desk-app.exe" if os.name == "nt" else "desk-app")


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


DeskApp = Callable[..., Completed]


def incidents_as(
    desk_app: DeskApp, sessions: sessionmaker[Session], database_url: str, login: str = "kimura"
) -> Callable[..., Completed]:
    """`desk-app incidents ARGS` acting as `login`, authenticated by an access token."""
    from tests.support.credentials import token_env

    environment = token_env(sessions, login)

    def run(*args: str) -> Completed:
        return desk_app("incidents", *args, "--as", login, "--db", database_url, env=environment)

    return run


@pytest.fixture
def desk_app(tmp_path: Path) -> DeskApp:
    """Run `desk-app ARGS` with a private config folder and home, so no real user file is touched; `input`
    is standard input (a pipe, never a terminal)."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120, input: str | None = None
    ) -> Completed:
        environment = {
            **os.environ,
            "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "PYTHONIOENCODING": "utf-8",
            **(env or {}),
        }
        if not env or "DESK_APP_DB" not in env:
            # A developer's own DESK_APP_DB must not leak into a test that did not ask for it.
            environment.pop("DESK_APP_DB", None)
        for name in ("DESK_APP_TOKEN", "DESK_APP_T0"):
            # Never inherited: a token, or a start time an in-process test left in this process's
            # environment (the window's start-up probe would count from that earlier moment).
            if not env or name not in env:
                environment.pop(name, None)
        completed = subprocess.run(
            [str(SCRIPT), *args],
            # Never the terminal pytest runs in: a command asking for a password must not wait on it.
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment,
            timeout=timeout,
            check=False,
        )
        return Completed(completed.returncode, completed.stdout, completed.stderr)

    return run
