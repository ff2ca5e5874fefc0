"""The real desk (`desk-app --db URL --agent LOGIN`) as a process, offscreen, listening for Generic CTI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.support.callerid_processes import wait_until

SCRIPT = Path(sys.executable).with_name("desk-app.exe" if os.name == "nt" else "desk-app")
# The desk is on loopback: a proxy from the environment must not carry the tests' requests.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def desk_environment(folder: Path, **extra: str) -> dict[str, str]:
    """A private home and config folder, so no real user file is touched; no developer DESK_APP_DB."""
    environment = {
        **os.environ,
        "HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    environment.pop("DESK_APP_DB", None)
    environment.pop("DESK_APP_T0", None)  # a start time an in-process test left here would skew the probe
    environment.pop("DESK_APP_CTI_TOKEN", None)
    return environment


class DeskWithCti:
    """The window, signed in, its configured CTI endpoint on a free loopback port."""

    def __init__(
        self, folder: Path, database_url: str, token: str, *, agent: str = "demo", **env: str
    ) -> None:
        self.port = free_port()
        self.token = token
        config = folder / "desk.toml"
        config.write_text(
            f'[[callerid.cti]]\ntoken = "{token}"\nhost = "127.0.0.1"\nport = {self.port}\n', encoding="utf-8"
        )
        self.stderr_path = folder / "desk-stderr.txt"
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [str(SCRIPT), "--db", database_url, "--config", str(config), "--agent", agent],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            env=desk_environment(folder, **env),
        )
        wait_until(self._listening, 60, "the desk's CTI endpoint")

    def _listening(self) -> bool:
        assert self.process.poll() is None, self.stderr_path.read_text(encoding="utf-8", errors="replace")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1/cti/{urllib.parse.quote(self.token)}"

    def post(self, fields: dict[str, str]) -> int:
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(fields).encode(), method="POST"
        )
        try:
            with OPENER.open(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._stderr.close()
