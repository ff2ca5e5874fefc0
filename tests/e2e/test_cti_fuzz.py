"""A bounded, seeded fuzz run against the real desk's CTI endpoint: every request answered with a documented
status, the desk still up afterwards, and only well-formed calls in the call log."""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import string
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, select

from desk_app.storage.models import CallRecord
from tests.support.callerid_processes import wait_until
from tests.support.desk_process import DeskWithCti

TOKEN = "fuzz-T0ken"
REQUESTS = 300
SEED = 20261126
DOCUMENTED_STATUSES = {200, 400, 401, 403, 404, 405, 411, 413, 415}
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
LONG_NUMBER_MARK = "@long-number@"


def _junk(rnd: random.Random, most: int) -> str:
    alphabet = string.printable + "０３ー－あア漢\u200b\ufeff"
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, most)))


def _request(rnd: random.Random, number: int) -> bytes:
    """One request, from well-formed calls to garbage, chosen by the seeded generator."""
    fields: dict[str, object] = {
        "event": rnd.choice(["newCall", "answer", "hangup", "newCall", "bogus", ""]),
        "callId": rnd.choice(
            [f"fuzz-{number}", f"fuzz-{number // 3}", _junk(rnd, 140), "x" * 128, LONG_NUMBER_MARK]
        ),
        "from": rnd.choice(["0312345678", "anonymous", "493012345678", _junk(rnd, 300), "+81 90-1234-5678"]),
        "to": rnd.choice(["0120000000", _junk(rnd, 20)]),
        "direction": rnd.choice(["in", "in", "out", _junk(rnd, 4)]),
    }
    for name in rnd.sample(list(fields), rnd.randint(0, 2)):
        del fields[name]
    if rnd.random() < 0.2:
        fields["user[]"] = [_junk(rnd, 10) for _ in range(rnd.randint(0, 60))]
    as_json = rnd.random() < 0.4
    if as_json:
        # As a JSON number, callId may be longer than the 4,300 digits Python converts unasked.
        body = json.dumps(fields).replace(f'"{LONG_NUMBER_MARK}"', "1" * 5000).encode()
        content_type = "application/json"
    else:
        body = urlencode(fields, doseq=True).encode()
        content_type = rnd.choice(["application/x-www-form-urlencoded", "", "text/xml"])
    if rnd.random() < 0.1:
        body = rnd.randbytes(rnd.randint(0, 400))
    method = rnd.choice(["POST"] * 10 + ["GET", "PUT", "OPTIONS", "FOO"])
    path = rnd.choice(
        [f"/api/v1/cti/{TOKEN}"] * 8 + ["/api/v1/cti/nope", "/api/v1/cti", "/x", f"/api/v1/cti/{TOKEN}/y"]
    )
    length = rnd.choice(
        [str(len(body))] * 6 + ["", "abc", str(10**8), "-5", str(len(body) + 1), "9" * 5000, "1" * 4301]
    )
    headers = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {content_type}"]
    if length:
        headers.append(f"Content-Length: {length}")
    if rnd.random() < 0.05:
        headers.append("Transfer-Encoding: chunked")
    return "\r\n".join(headers).encode("latin-1") + b"\r\n\r\n" + body


def _status(port: int, raw: bytes) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    assert line.startswith("HTTP/1."), f"no answer to {raw[:120]!r}: {answer[:80]!r}"
    return int(line.split()[1])


def test_the_running_desk_answers_300_hostile_requests_and_keeps_a_clean_call_log(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    assert desk_app("demo-data", "--customers", "20", "--db", database_url).returncode == 0
    desk = DeskWithCti(tmp_path, database_url, TOKEN)
    rnd = random.Random(SEED)
    statuses: list[int] = []
    try:
        for number in range(REQUESTS):
            statuses.append(_status(desk.port, _request(rnd, number)))
        assert set(statuses) <= DOCUMENTED_STATUSES, sorted(set(statuses) - DOCUMENTED_STATUSES)
        assert statuses.count(200) >= 10, "the run should exercise accepted calls too"
        # Still up, and still taking calls: one more, well-formed, reaches the call log.
        assert desk.post({"event": "newCall", "from": "0312345678", "callId": "after-fuzz"}) == 200
        assert desk.running
        engine = create_engine(database_url)
        try:

            def recorded() -> bool:
                with engine.connect() as connection:
                    return (
                        connection.execute(
                            select(CallRecord.id).where(CallRecord.call_id == "after-fuzz")
                        ).first()
                        is not None
                    )

            wait_until(recorded, 30, "the call after the fuzz run in the call log")
            with engine.connect() as connection:
                rows = connection.execute(
                    select(
                        CallRecord.call_id,
                        CallRecord.source,
                        CallRecord.e164,
                        CallRecord.started_at,
                        CallRecord.ended_at,
                        CallRecord.raw_number,
                        CallRecord.line,
                    )
                ).all()
        finally:
            engine.dispose()
    finally:
        desk.stop()
    assert rows
    for call_id, source, e164, started_at, ended_at, raw_number, line in rows:
        assert source == "cti"
        assert 0 < len(call_id) <= 64
        assert e164 is None or E164.fullmatch(e164)
        assert ended_at is None or ended_at >= started_at
        assert raw_number is None or len(raw_number) <= 64
        assert line is None or len(line) <= 32
    stderr = desk.stderr_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr[-2000:]


SLOW_SENDERS = 5
DESK_REQUEST_SECONDS = 5.0  # the endpoint's deadline for a whole request (REQUEST_TIMEOUT_SECONDS)
BYTE_EVERY_SECONDS = 1.0  # far inside it: no single read ever waits long enough to time out


def test_the_running_desk_cuts_off_slow_senders_at_the_request_deadline(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    """Five clients dribble a byte a second into the desk's endpoint: each is closed once its request has
    taken the endpoint's five seconds, however steadily it sends, and a PBX is answered all along."""
    assert desk_app("demo-data", "--customers", "20", "--db", database_url).returncode == 0
    desk = DeskWithCti(tmp_path, database_url, TOKEN)
    senders: list[socket.socket] = []
    closed_after: dict[int, float] = {}
    try:
        head = f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nContent-Length: 1000\r\n\r\nevent=".encode()
        starts = [b"P", f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nX-Slow: ".encode(), head, head, b"POST /"]
        began = time.monotonic()
        for start in starts:
            sender = socket.create_connection(("127.0.0.1", desk.port), timeout=5)
            sender.sendall(start)
            sender.settimeout(0)
            senders.append(sender)
        answered = False
        while len(closed_after) < SLOW_SENDERS and time.monotonic() - began < DESK_REQUEST_SECONDS + 4:
            time.sleep(BYTE_EVERY_SECONDS)
            for number, sender in enumerate(senders):
                if number not in closed_after and _closed_by_peer(sender):
                    closed_after[number] = time.monotonic() - began
                elif number not in closed_after:
                    with contextlib.suppress(OSError):
                        sender.send(b"n")
            if not answered:
                # The slow ones hold threads of their own, not the endpoint.
                assert desk.post({"event": "newCall", "from": "0312345678", "callId": "beside-slow"}) == 200
                answered = True
        assert sorted(closed_after) == list(range(SLOW_SENDERS)), f"still held open: {closed_after}"
        assert max(closed_after.values()) < DESK_REQUEST_SECONDS + 2.5, closed_after
        assert desk.running
    finally:
        for sender in senders:
            sender.close()
        desk.stop()
    stderr = desk.stderr_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr[-2000:]


def _closed_by_peer(connection: socket.socket) -> bool:
    """Whether the desk has closed the connection (after any last words); never waits."""
    try:
        while connection.recv(4096):
            pass
    except BlockingIOError:
        return False
    except OSError:
        return True  # reset
    return True
