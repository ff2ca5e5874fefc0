"""The gateway and its desks as real processes: `desk-app gateway` and `desk-app callerid follow --json`."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.support.callerid_processes import DeskAppProcess, wait_until
from tests.support.gateway_floor import get


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_follower(home: Path, url: str, login: str) -> DeskAppProcess:
    """`desk-app callerid follow --agent LOGIN --json`, not yet known to be listening (`wait_listening`)."""
    return DeskAppProcess(home, "callerid", "follow", "--agent", login, "--db", url, "--json")


def wait_listening(follower: DeskAppProcess, timeout: float = 30) -> None:
    """Until the follower listens on its agent's channel, or fail with what it said."""
    try:
        follower.wait_for_stderr(" listening", timeout)
    except AssertionError:
        raise AssertionError(f"the follower did not listen: {''.join(follower.stderr_lines)}") from None


def start_gateway(home: Path, url: str, port: int, token: str) -> DeskAppProcess:
    """`desk-app gateway --cti 127.0.0.1:PORT`, returned once `GET /healthz` says the database answers."""
    token_file = home / "cti-token"
    token_file.parent.mkdir(parents=True, exist_ok=True)
    token_file.write_text(token + "\n", encoding="utf-8")
    gateway = DeskAppProcess(
        home,
        "gateway",
        "--db",
        url,
        "--cti",
        f"127.0.0.1:{port}",
        "--cti-token-file",
        str(token_file),
        "--json",
    )

    def healthy() -> bool:
        if gateway.process.poll() is not None:
            raise AssertionError(f"the gateway stopped: {''.join(gateway.stderr_lines)}")
        try:
            status, health = get(port, "/healthz")
        except OSError:
            return False
        return status == 200 and bool(health["database_reachable"])

    wait_until(healthy, 60, "the gateway's /healthz")
    return gateway
