"""Real processes for caller-ID tests: a socat pseudo-terminal pair, its modem end, `desk-app` commands."""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCRIPT = Path(sys.executable).with_name("desk-app.exe" if os.name == "nt" else "desk-app")
SOCAT = shutil.which("socat")


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `condition` until it returns something true, or fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.01)


class SocatPair:
    """Two linked pseudo-terminals: `device` is the adapter's port the desk opens, `modem` the adapter."""

    def __init__(self, folder: Path) -> None:
        self.device = folder / "dev"
        self.modem = folder / "modem"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert SOCAT, "socat is needed for the serial tests (apt-get install socat)"
        self._process = subprocess.Popen(
            [
                SOCAT,
                f"pty,raw,echo=0,link={self.device}",
                f"pty,raw,echo=0,link={self.modem}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: self.device.exists() and self.modem.exists(), 5, "socat's pty links")

    def kill(self) -> None:
        """The adapter is unplugged: socat goes, and its links with it."""
        if self._process is None:
            return
        self._process.kill()
        self._process.wait(timeout=5)
        self._process = None
        # socat removes its links on a clean exit only; after a kill they dangle.
        for link in (self.device, self.modem):
            link.unlink(missing_ok=True)


class ModemEnd:
    """The adapter's side of the pair: the desk's writes arrive here, and the adapter's output leaves."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        self.received = bytearray()

    def write(self, data: bytes) -> None:
        os.write(self._fd, data)

    def read_until(self, wanted: bytes, timeout: float = 5) -> bytes:
        deadline = time.monotonic() + timeout
        while wanted not in self.received:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the modem end never received {wanted!r}; got {bytes(self.received)!r}")
            ready, _, _ = select.select([self._fd], [], [], left)
            if ready:
                self.received += os.read(self._fd, 4096)
        return bytes(self.received)

    def close(self) -> None:
        # Idempotent: closing a number twice could close a descriptor that has since been reused.
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class DeskAppProcess:
    """`desk-app ARGS` running, its stdout read as JSON lines (each with the moment it was read, for the
    benchmarks) and stderr as text; HOME and the XDG folders under `home`."""

    def __init__(self, home: Path, *args: str) -> None:
        environment = {
            **os.environ,
            "HOME": str(home / "home"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "PYTHONIOENCODING": "utf-8",
        }
        environment.pop("DESK_APP_CTI_TOKEN", None)
        self.process = subprocess.Popen(
            [str(SCRIPT), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=environment,
        )
        self._events: queue.Queue[str] = queue.Queue()
        self.stderr_lines: list[str] = []
        self.stdout_lines: list[str] = []
        # (time.perf_counter() when the line was read, the line)
        self.stdout_arrivals: list[tuple[float, str]] = []
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self._pumps = [
            threading.Thread(target=self._pump, args=(self.process.stdout, True), daemon=True),
            threading.Thread(target=self._pump, args=(self.process.stderr, False), daemon=True),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump(self, stream: Any, is_stdout: bool) -> None:
        for line in stream:
            if is_stdout:
                self.stdout_arrivals.append((time.perf_counter(), line))
                self.stdout_lines.append(line)
                self._events.put(line)
            else:
                self.stderr_lines.append(line)

    def next_event(self, timeout: float = 10) -> dict[str, Any]:
        try:
            line = self._events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(
                f"no event within {timeout} s; stderr: {''.join(self.stderr_lines)}"
            ) from None
        event: dict[str, Any] = json.loads(line)
        return event

    def wait_for_stderr(self, text: str, timeout: float = 10) -> None:
        """Wait for `text` on stderr; a process that ends first fails at once, with what it printed."""

        def seen() -> bool:
            if any(text in line for line in self.stderr_lines):
                return True
            if self.process.poll() is not None:
                for pump in self._pumps:
                    pump.join(timeout=5)
                if not any(text in line for line in self.stderr_lines):
                    raise AssertionError(
                        f"the process ended ({self.process.returncode}) before {text!r} on stderr: "
                        f"{''.join(self.stderr_lines)}"
                    )
                return True
            return False

        wait_until(seen, timeout, f"{text!r} on stderr")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.wait()

    def wait(self, timeout: float = 10) -> int:
        """The exit status, once the process has ended and all it printed has been read."""
        code = self.process.wait(timeout=timeout)
        for pump in self._pumps:
            pump.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.wait(timeout=5)


class MonitorProcess(DeskAppProcess):
    """`desk-app callerid monitor ARGS`."""

    def __init__(self, home: Path, *args: str) -> None:
        super().__init__(home, "callerid", "monitor", *args)
