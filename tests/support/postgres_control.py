"""Stopping and starting the test PostgreSQL server that `dev.py test --postgres` runs, for outage tests."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PostgresControl:
    """`pg_ctl` on the throwaway server: the same options dev.py started it with, as the same account."""

    pg_ctl: Path
    data: Path
    options: str
    run_as: str

    @classmethod
    def from_environment(cls) -> PostgresControl | None:
        """The server dev.py exported (DESK_APP_TEST_PG_*), or None when the tests run without one."""
        if not os.environ.get("DESK_APP_TEST_DB"):
            return None
        try:
            return cls(
                pg_ctl=Path(os.environ["DESK_APP_TEST_PG_CTL"]),
                data=Path(os.environ["DESK_APP_TEST_PG_DATA"]),
                options=os.environ["DESK_APP_TEST_PG_OPTIONS"],
                run_as=os.environ.get("DESK_APP_TEST_PG_RUN_AS", ""),
            )
        except KeyError:
            return None

    def _run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return subprocess.run(
            [*prefix, str(self.pg_ctl), "-D", str(self.data), *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def stop(self) -> None:
        """Fast shutdown, as an administrator restarting the server does: sessions are ended."""
        completed = self._run("-m", "fast", "-w", "stop")
        assert completed.returncode == 0, completed.stderr

    def start(self) -> None:
        log = self.data.parent / "server.log"
        completed = self._run("-l", log, "-w", "-o", self.options, "start")
        assert completed.returncode == 0, completed.stderr

    def running(self) -> bool:
        return self._run("status").returncode == 0

    def ensure_running(self) -> None:
        """For teardown: a test that failed half-way must not leave the rest of the suite without a server."""
        if not self.running():
            self.start()
