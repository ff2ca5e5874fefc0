"""`desk-app callerid monitor --cti` as a process, rung by real HTTP posts and by `desk-app ring`."""

from __future__ import annotations

import http.server
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.callerid_processes import MonitorProcess, wait_until

TOKEN = "e2e-T0ken"
EVENT_KEYS = {"event", "call_id", "number_e164", "number_display", "reason", "source", "at", "line"}
# The desk is on loopback: a proxy from the environment must not carry the tests' requests.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Desk:
    """A running monitor with a CTI listener on a port the system chose."""

    def __init__(self, monitor: MonitorProcess) -> None:
        self.monitor = monitor
        monitor.wait_for_stderr("listening")
        listening = next(line for line in monitor.stderr_lines if "listening" in line)
        match = re.search(r"CTI 127\.0\.0\.1:(\d+) listening", listening)
        assert match, listening
        self.port = int(match.group(1))
        self.address = f"127.0.0.1:{self.port}"

    def post(self, fields: dict[str, str] | list[tuple[str, str]], *, token: str = TOKEN) -> int:
        request = urllib.request.Request(
            f"http://{self.address}/api/v1/cti/{token}",
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
        )
        try:
            with OPENER.open(request, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    def post_json(self, document: object) -> int:
        request = urllib.request.Request(
            f"http://{self.address}/api/v1/cti/{TOKEN}",
            data=json.dumps(document).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with OPENER.open(request, timeout=5) as response:
            return int(response.status)


@pytest.fixture
def start_desk(tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    started: list[MonitorProcess] = []

    def start(*extra: str) -> Desk:
        monitor = MonitorProcess(tmp_path, "--cti", "127.0.0.1:0", "--cti-token", TOKEN, *extra)
        started.append(monitor)
        return Desk(monitor)

    yield start
    for monitor in started:
        monitor.kill()


def fields(event: str, call_id: str = "pbx-1", caller: str = "0312345678", **extra: str) -> dict[str, str]:
    return {"event": event, "from": caller, "to": "0120000000", "direction": "in", "callId": call_id, **extra}


def test_prints_one_json_object_per_call_event(start_desk) -> None:
    desk = start_desk("--json", "--max-events", "3")
    assert desk.post(fields("newCall")) == 200
    assert desk.post([*fields("answer").items(), ("user[]", "Alice")]) == 200
    assert desk.post(fields("hangup", cause="normalClearing")) == 200
    events = [desk.monitor.next_event() for _ in range(3)]
    assert desk.monitor.wait() == 0
    assert [e["event"] for e in events] == ["ringing", "answered", "ended"]
    for event in events:
        assert set(event) == EVENT_KEYS
        assert (event["call_id"], event["source"], event["number_e164"]) == ("pbx-1", "cti", "+81312345678")
        assert event["number_display"] == "03-1234-5678"
        assert event["at"].endswith("+00:00")
    assert events[1]["line"] == "Alice"


def test_bad_requests_are_reported_and_the_monitor_carries_on(start_desk) -> None:
    desk = start_desk("--json", "--max-events", "1")
    assert desk.post(fields("newCall"), token="wrong") == 403
    assert desk.post({"event": "explode", "callId": "1"}) == 400
    with socket.create_connection(("127.0.0.1", desk.port), timeout=5) as client:
        client.sendall(b"\x00\xff garbage\r\n\r\n")
        client.recv(1024)
    assert desk.post_json({"event": "newCall", "from": "anonymous", "direction": "in", "callId": "w"}) == 200
    event = desk.monitor.next_event()
    assert desk.monitor.wait() == 0
    assert (event["event"], event["reason"], event["number_e164"]) == ("ringing", "withheld", None)
    stderr = "".join(desk.monitor.stderr_lines)
    assert "refused: 403" in stderr
    assert "refused: 400" in stderr
    assert "Traceback" not in stderr


def test_readable_lines_without_json(start_desk) -> None:
    desk = start_desk("--max-events", "1")
    desk.post(fields("newCall"))
    wait_until(lambda: desk.monitor.stdout_lines, 10, "a line on stdout")
    assert desk.monitor.wait() == 0
    [line] = desk.monitor.stdout_lines
    assert "ringing" in line
    assert "03-1234-5678" in line
    assert "[cti, line 0120000000]" in line


def test_sigterm_and_sigint_stop_it_cleanly(start_desk) -> None:
    terminated, interrupted = start_desk("--json"), start_desk("--json")
    terminated.monitor.process.terminate()
    assert interrupted.monitor.interrupt() == 0
    assert terminated.monitor.wait() == 0
    for desk in (terminated, interrupted):
        assert any("stopped" in line for line in desk.monitor.stderr_lines)
        assert not any("Traceback" in line for line in desk.monitor.stderr_lines)


def test_duration_ends_the_monitor(start_desk) -> None:
    desk = start_desk("--duration", "0.3")
    assert desk.monitor.wait() == 0


def test_a_port_in_use_is_a_clear_failure(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monitor = MonitorProcess(tmp_path, "--cti", f"127.0.0.1:{port}", "--cti-token", TOKEN)
        try:
            assert monitor.wait() == 1
        finally:
            monitor.kill()
    stderr = "".join(monitor.stderr_lines)
    assert "failed (cannot listen" in stderr
    assert "no caller-ID source could start" in stderr


def test_a_network_endpoint_with_a_weak_token_is_refused_and_says_why(tmp_path: Path) -> None:
    monitor = MonitorProcess(tmp_path, "--cti", "0.0.0.0:0", "--cti-token", "a", "--duration", "20")
    try:
        assert monitor.wait() == 1
    finally:
        monitor.kill()
    stderr = "".join(monitor.stderr_lines)
    assert "CTI 0.0.0.0:0 failed (refused to listen on 0.0.0.0, reachable from the network" in stderr
    assert "at least 32" in stderr
    assert "no caller-ID source could start" in stderr


def test_usage_mistakes_exit_2(desk_app) -> None:
    # The other mistakes are checked in-process (tests/core/callerid/test_callerid_hub.py).
    completed = desk_app("callerid", "monitor")
    assert completed.returncode == 2
    assert "no caller-ID source" in completed.stderr


def test_ring_rings_the_running_desk_and_can_hang_up(start_desk, desk_app) -> None:
    desk = start_desk("--json", "--max-events", "2")
    completed = desk_app(
        "ring", "090-1234-5678", "--cti", desk.address, "--token", TOKEN, "--hang-up-after", "0.1"
    )
    assert completed.returncode == 0, completed.stderr
    assert "rang the desk" in completed.stdout
    assert "missed call" in completed.stdout
    ringing, missed = desk.monitor.next_event(), desk.monitor.next_event()
    assert (ringing["event"], ringing["number_e164"], ringing["source"]) == (
        "ringing",
        "+819012345678",
        "cti",
    )
    assert (missed["event"], missed["call_id"]) == ("missed", ringing["call_id"])


def test_ring_withheld_uses_the_configured_endpoint(start_desk, desk_app, tmp_path: Path) -> None:
    desk = start_desk("--json", "--max-events", "1")
    config = tmp_path / "desk.toml"
    config.write_text(f'[[callerid.cti]]\ntoken = "{TOKEN}"\nport = {desk.port}\n', encoding="utf-8")
    completed = desk_app("--config", str(config), "ring", "withheld")
    assert completed.returncode == 0, completed.stderr
    event = desk.monitor.next_event()
    assert (event["event"], event["reason"]) == ("ringing", "withheld")


def test_ring_with_a_wrong_token_is_refused(start_desk, desk_app) -> None:
    desk = start_desk("--json")
    completed = desk_app("ring", "0312345678", "--cti", desk.address, "--token", "nope")
    assert completed.returncode == 1
    assert "HTTP 403" in completed.stderr
    assert not desk.monitor.stdout_lines


def test_ring_with_nobody_listening(desk_app) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    completed = desk_app("ring", "0312345678", "--cti", f"127.0.0.1:{port}", "--token", TOKEN)
    assert completed.returncode == 1
    assert f"no desk is listening on 127.0.0.1:{port}" in completed.stderr


def test_ring_usage_mistakes_exit_2(desk_app) -> None:
    completed = desk_app("ring", "not-a-number", "--cti", "127.0.0.1:9", "--token", "t")
    assert completed.returncode == 2
    assert "is not a phone number" in completed.stderr


def test_ring_demo_rings_with_the_demo_databases_own_token(desk_app, tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from desk_app.storage.demo_mark import demo_mark

    demo = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert desk_app("demo-data", "--customers", "20", "--db", demo).returncode == 0
    engine = create_engine(demo)
    with engine.connect() as connection:
        mark = demo_mark(connection)
    engine.dispose()
    assert mark is not None
    # A listener that takes only that database's token: a fixed, known word would be refused (403).
    assert not mark.cti_token.startswith("-")
    monitor = MonitorProcess(tmp_path, "--cti", "127.0.0.1:0", "--cti-token", mark.cti_token, "--json")
    try:
        desk = Desk(monitor)
        completed = desk_app("ring", "--demo", "0312345678", "--db", demo, "--cti", desk.address)
        assert completed.returncode == 0, completed.stderr
        assert monitor.next_event()["number_e164"] == "+81312345678"
    finally:
        monitor.kill()
    # Without a demo database there is no token to ring with: said in one line, nothing created.
    missing = tmp_path / "no-demo.sqlite3"
    nothing = desk_app("ring", "--demo", "0312345678", "--db", f"sqlite:///{missing}")
    assert nothing.returncode == 2
    assert "no demo database" in nothing.stderr
    assert not missing.exists()


def test_ring_demo_targets_the_demo_desks_loopback_endpoint(desk_app, tmp_path) -> None:
    from desk_app.config import DEMO_CTI_PORT

    demo = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert desk_app("demo-data", "--customers", "20", "--db", demo).returncode == 0
    completed = desk_app("ring", "--demo", "0312345678", "--db", demo)
    # No demo desk runs during the tests, so the message names where it looked.
    assert completed.returncode == 1
    assert f"no desk is listening on 127.0.0.1:{DEMO_CTI_PORT}" in completed.stderr


# What a hostile PBX (or anyone holding the token) can put in a call: an OSC that retitles the terminal,
# a clear-screen, a C1 CSI, text-direction overrides.
HOSTILE_FROM = "\x1b]0;pwned\x07\x1b[2J03\u202e12"
HOSTILE_CALL_ID = "pbx-\u202e1-\x9b2J"
HOSTILE_LINE = "Alice\u2067\x1b[31m"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2067")


def test_readable_lines_show_what_the_pbx_sent_escaped(start_desk) -> None:
    desk = start_desk("--max-events", "2")
    assert desk.post(fields("newCall", caller=HOSTILE_FROM, call_id=HOSTILE_CALL_ID)) == 200
    assert desk.post([*fields("answer", call_id=HOSTILE_CALL_ID).items(), ("user[]", HOSTILE_LINE)]) == 200
    wait_until(lambda: len(desk.monitor.stdout_lines) >= 2, 10, "two lines on stdout")
    assert desk.monitor.wait() == 0
    output = "".join(desk.monitor.stdout_lines)
    for character in RAW:
        assert character not in output
    assert "\\x1b]0;pwned\\x07\\x1b[2J03\\u202e12 (not a valid number)" in output
    assert "pbx-\\u202e1-\\x9b2J" in output
    assert "Alice\\u2067\\x1b[31m" in output


def test_json_events_escape_text_direction_and_c1_characters_and_mean_the_same(start_desk) -> None:
    desk = start_desk("--json", "--max-events", "2")
    assert desk.post(fields("newCall", call_id=HOSTILE_CALL_ID)) == 200
    assert desk.post([*fields("answer", call_id=HOSTILE_CALL_ID).items(), ("user[]", HOSTILE_LINE)]) == 200
    events = [desk.monitor.next_event() for _ in range(2)]
    assert desk.monitor.wait() == 0
    output = "".join(desk.monitor.stdout_lines)
    for character in RAW:
        assert character not in output
    assert [event["call_id"] for event in events] == [HOSTILE_CALL_ID, HOSTILE_CALL_ID]
    assert events[1]["line"] == HOSTILE_LINE


class _HostileDesk(http.server.BaseHTTPRequestHandler):
    """Something listening where a desk should be, whose refusal tries to take over the terminal."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"error": "\x1b]0;pwned\x07\x1b[2Jgo away\u202e"}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_ring_shows_what_the_other_end_answered_escaped(desk_app) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileDesk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"127.0.0.1:{server.server_address[1]}"
        completed = desk_app("ring", "0312345678", "--cti", address, "--token", TOKEN)
    finally:
        server.shutdown()
        server.server_close()
    assert completed.returncode == 1
    assert "HTTP 400" in completed.stderr
    for character in ("\x1b", "\x07", "\u202e"):
        assert character not in completed.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2Jgo away\\u202e" in completed.stderr
