"""`desk-app gateway`, `desk-app callerid follow` and `desk-app blocklist` as processes, as a PBX, a
technician and a supervisor use them."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path
from queue import Empty, Queue

from sqlalchemy.orm import Session

from desk_app.services.accounts import reset_password
from desk_app.storage.engine import make_engine
from tests.support.callerid_processes import SCRIPT, wait_until
from tests.support.gateway_floor import TOKEN, add_staff, call, get, post

PASSWORD = "kagi-no-kotoba-0042"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _lines(stream: object, into: Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def test_a_follower_prints_the_calls_the_gateway_routes_to_its_desk(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    add_staff(engine)
    engine.dispose()
    token_file = tmp_path / "cti-token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    port = _free_port()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    gateway = subprocess.Popen(
        [
            SCRIPT,
            "gateway",
            "--db",
            postgres_url,
            "--cti",
            f"127.0.0.1:{port}",
            "--cti-token-file",
            token_file,
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    follow = subprocess.Popen(
        [
            SCRIPT,
            "callerid",
            "follow",
            "--agent",
            "sato",
            "--db",
            postgres_url,
            "--json",
            "--available",
            "--max-events",
            "3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    gateway_says: Queue[str] = Queue()
    threading.Thread(target=_lines, args=(gateway.stdout, gateway_says), daemon=True).start()
    follow_warns: Queue[str] = Queue()
    threading.Thread(target=_lines, args=(follow.stderr, follow_warns), daemon=True).start()
    try:
        assert json.loads(gateway_says.get(timeout=30)) == {
            "source": f"gateway CTI 127.0.0.1:{port}",
            "state": "listening",
            "detail": f"POST http://127.0.0.1:{port}/api/v1/cti/<token>",
        }
        wait_until(lambda: "listening" in follow_warns.get(timeout=30), 30, "the follower listening")
        assert post(port, call("newCall", "p-1", user=["201"])) == (200, {})
        assert post(port, call("answer", "p-1", user="201")) == (200, {})
        assert post(port, call("hangup", "p-1")) == (200, {})
        out, _err = follow.communicate(timeout=30)
        printed = [json.loads(line) for line in out.splitlines()]
        assert [line["event"] for line in printed] == ["ringing", "answered", "ended"]
        assert {line["desk"] for line in printed} == {"sato"}
        assert [line["answered_by"] for line in printed] == [None, "sato", "sato"]
        assert printed[0]["number_display"] == "03-1234-5678"
        assert set(printed[0]) >= {
            "event",
            "call_id",
            "number_e164",
            "number_display",
            "reason",
            "source",
            "at",
            "line",
        }
        assert follow.returncode == 0
        status, health = get(port, "/healthz")
        assert (status, health["database_reachable"], health["events_today"]) == (200, True, 3)
    finally:
        for process in (follow, gateway):
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=10)
        said = list(iter(lambda: _next(gateway_says), None))
        for process in (follow, gateway):
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
    counts = json.loads(said[-1])["counts"]
    assert counts["requests"] == {"newCall ringing": 1, "answer answered": 1, "hangup ended": 1}
    assert counts["stored"] == {"ringing": 1, "answered": 1, "ended": 1}
    assert gateway.returncode == 0


def _next(lines: Queue[str]) -> str | None:
    try:
        return lines.get(timeout=5)
    except Empty:
        return None


def test_the_gateway_refuses_sqlite_in_one_line(tmp_path: Path) -> None:
    completed = subprocess.run(
        [SCRIPT, "gateway", "--db", f"sqlite:///{tmp_path / 'desk.sqlite3'}", "--cti", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "desk-app: the gateway needs PostgreSQL (--db postgresql+psycopg://…);"
        " a single desk on SQLite listens for its own calls"
    ]


def test_a_supervisor_keeps_the_blocklist_and_an_agent_is_refused(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    add_staff(engine)
    with Session(engine) as session, session.begin():
        reset_password(session, "kimura", PASSWORD)
        reset_password(session, "sato", PASSWORD)
    engine.dispose()

    def blocklist(*args: str, login: str = "kimura") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SCRIPT, "blocklist", *args, "--as", login, "--password-stdin", "--db", postgres_url],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    added = blocklist("add", "03-1234-5678", "--reason", "なりすまし電話", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["blocked"][0] | {"added_at": None} == {
        "number": "+81312345678",
        "reason": "なりすまし電話",
        "added_at": None,
        "added_by": "kimura",
    }
    refused = blocklist("remove", "03-1234-5678", login="sato")
    assert refused.returncode == 1
    assert "only a supervisor" in refused.stderr
    removed = blocklist("remove", "03-1234-5678")
    assert (removed.returncode, removed.stdout) == (0, "no blocked numbers\n")
