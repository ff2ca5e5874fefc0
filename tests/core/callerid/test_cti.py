"""The Generic CTI endpoint, spoken to by a real HTTP client on loopback, as a PBX would."""

from __future__ import annotations

import http.client
import json
import logging
import secrets
import socket
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from desk_app.callerid.cti import CtiListener, is_loopback, network_token_problem
from desk_app.callerid.cti_http import MAX_BODY_BYTES
from desk_app.callerid.events import CallEvent
from desk_app.callerid.source import SourceStatus
from desk_app.domain.enums import CallSource, CallState, NoNumberReason, SourceState

TOKEN = "s3cret-T0ken"


@dataclass
class Endpoint:
    listener: CtiListener
    events: list[CallEvent] = field(default_factory=list)
    statuses: list[SourceStatus] = field(default_factory=list)

    @property
    def port(self) -> int:
        assert self.listener.bound_port is not None
        return self.listener.bound_port

    def request(
        self,
        body: bytes | None = b"",
        *,
        path: str = f"/api/v1/cti/{TOKEN}",
        method: str = "POST",
        content_type: str | None = "application/x-www-form-urlencoded",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, json.loads(payload) if payload else None

    def form(self, *pairs: tuple[str, str], **kwargs: Any) -> tuple[int, Any]:
        return self.request(urllib.parse.urlencode(pairs).encode(), **kwargs)

    def json(self, document: object, **kwargs: Any) -> tuple[int, Any]:
        return self.request(json.dumps(document).encode(), content_type="application/json", **kwargs)


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    listener = CtiListener(TOKEN, port=0, capacity=5, request_timeout=0.5)
    endpoint = Endpoint(listener)
    listener.start(endpoint.events.append, endpoint.statuses.append)
    yield endpoint
    listener.stop()


def call(event: str, call_id: str = "c1", **fields: str) -> list[tuple[str, str]]:
    pairs = [("event", event), ("from", "0312345678"), ("to", "0120000000"), ("direction", "in")]
    pairs += [("callId", call_id), *fields.items()]
    return pairs


def states(endpoint: Endpoint) -> list[CallState]:
    return [event.state for event in endpoint.events]


def test_listens_on_loopback_and_says_where(endpoint: Endpoint) -> None:
    [listening] = endpoint.statuses
    assert listening.state is SourceState.LISTENING
    assert listening.source == f"CTI 127.0.0.1:{endpoint.port}"
    assert TOKEN not in listening.describe()
    assert endpoint.listener.host == "127.0.0.1"


def test_form_new_call_answer_hangup(endpoint: Endpoint) -> None:
    assert endpoint.form(*call("newCall", user="Alice")) == (200, {})
    assert endpoint.form(*call("answer", answeringNumber="201"), ("user[]", "Alice"), ("user[]", "Bob")) == (
        200,
        {},
    )
    assert endpoint.form(*call("hangup", cause="normalClearing", answeringNumber="201")) == (200, {})
    ringing, answered, ended = endpoint.events
    assert (ringing.state, answered.state, ended.state) == (
        CallState.RINGING,
        CallState.ANSWERED,
        CallState.ENDED,
    )
    assert {event.call_id for event in endpoint.events} == {"c1"}
    assert {event.source for event in endpoint.events} == {CallSource.CTI}
    assert (ringing.number_e164, ringing.number_display, ringing.line) == (
        "+81312345678",
        "03-1234-5678",
        "0120000000",
    )
    assert answered.line == "Alice, Bob"
    assert ended.number_e164 == "+81312345678"


def test_json_sequence_with_user_array(endpoint: Endpoint) -> None:
    base = {"from": "09012345678", "to": "0120000000", "direction": "in", "callId": 42}
    assert endpoint.json({"event": "newCall", "user": ["Alice", "Bob"], "queue": "desk", **base}) == (200, {})
    assert endpoint.json({"event": "answer", "user[]": ["Carol"], **base}) == (200, {})
    assert endpoint.json({"event": "hangup", "cause": "normalClearing", **base}) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]
    assert endpoint.events[0].line == "desk"
    assert endpoint.events[0].call_id == "42"
    assert endpoint.events[1].line == "Carol"


def test_answer_falls_back_to_the_answering_number(endpoint: Endpoint) -> None:
    endpoint.form(*call("newCall"))
    endpoint.form(*call("answer", answeringNumber="201"))
    assert endpoint.events[1].line == "201"


def test_hung_up_before_answer_is_missed(endpoint: Endpoint) -> None:
    endpoint.form(*call("newCall"))
    endpoint.form(*call("hangup", cause="noAnswer"))
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]
    # The call is forgotten once over: a late repeat of the hangup records nothing.
    assert endpoint.form(*call("hangup", cause="noAnswer")) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]


@pytest.mark.parametrize("caller", ["anonymous", "Anonymous"])
def test_anonymous_caller_is_withheld(endpoint: Endpoint, caller: str) -> None:
    endpoint.form(("event", "newCall"), ("from", caller), ("direction", "in"), ("callId", "a1"))
    [ringing] = endpoint.events
    assert (ringing.reason, ringing.number_e164, ringing.raw_number) == (NoNumberReason.WITHHELD, None, None)


def test_international_number_without_plus_as_zammad_writes_it(endpoint: Endpoint) -> None:
    endpoint.form(("event", "newCall"), ("from", "4930609854180"), ("callId", "x"))
    assert endpoint.events[0].number_e164 == "+4930609854180"


def test_outbound_calls_are_accepted_but_not_rung(endpoint: Endpoint) -> None:
    pairs = [
        ("event", "newCall"),
        ("from", "201"),
        ("to", "0312345678"),
        ("direction", "out"),
        ("callId", "o"),
    ]
    assert endpoint.form(*pairs) == (200, {})
    assert endpoint.events == []


def test_a_repeated_new_call_rings_once(endpoint: Endpoint) -> None:
    endpoint.form(*call("newCall"))
    endpoint.form(*call("newCall"))
    assert states(endpoint) == [CallState.RINGING]


def test_answer_for_a_call_never_seen_ringing_is_recorded(endpoint: Endpoint) -> None:
    endpoint.form(*call("answer", call_id="late", answeringNumber="201"))
    endpoint.form(*call("hangup", call_id="late"))
    assert states(endpoint) == [CallState.ANSWERED, CallState.ENDED]


def test_tracked_calls_are_bounded(endpoint: Endpoint) -> None:
    for n in range(7):
        endpoint.form(*call("newCall", call_id=f"c{n}"))
    endpoint.form(*call("hangup", call_id="c0"))
    endpoint.form(*call("hangup", call_id="c6"))
    assert [(e.state, e.call_id) for e in endpoint.events[7:]] == [(CallState.MISSED, "c6")]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/cti/wrong", 403),
        (f"/api/v1/cti/{TOKEN}x", 403),
        (f"/api/v1/cti/{TOKEN[:-1]}", 403),
        ("/api/v1/cti", 401),
        ("/api/v1/cti/", 401),
        ("/api/v1/other", 404),
        (f"/api/v1/cti/{TOKEN}/more", 404),
        ("/", 404),
    ],
)
def test_wrong_or_missing_token_records_nothing(endpoint: Endpoint, path: str, status: int) -> None:
    code, body = endpoint.form(*call("newCall"), path=path)
    assert code == status
    assert "error" in body
    assert endpoint.events == []


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_only_post_is_allowed(endpoint: Endpoint, method: str) -> None:
    code, body = endpoint.request(None, method=method, content_type=None)
    assert (code, body) == (405, {"error": "only POST is allowed"})


def test_a_body_over_64_kib_is_refused_without_reading_it(endpoint: Endpoint) -> None:
    body = urllib.parse.urlencode([*call("newCall"), ("queue", "x" * MAX_BODY_BYTES)]).encode()
    code, payload = endpoint.request(body)
    assert (code, payload) == (413, {"error": "body is larger than 64 KiB"})
    assert endpoint.events == []
    assert endpoint.form(*call("newCall")) == (200, {})


def test_a_declared_huge_body_is_refused_before_it_is_sent(endpoint: Endpoint) -> None:
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5) as client:
        client.sendall(
            f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n".encode()
        )
        answer = client.recv(4096)
    assert answer.startswith(b"HTTP/1.0 413")


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ("Transfer-Encoding: chunked\r\n", 411),
        ("", 411),
        ("Content-Length: lots\r\n", 400),
        ("Content-Length: -1\r\n", 400),
    ],
)
def test_a_body_without_a_usable_length_is_refused(endpoint: Endpoint, headers: str, status: int) -> None:
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5) as client:
        client.sendall(f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
        answer = client.recv(4096)
    assert answer.startswith(f"HTTP/1.0 {status}".encode())
    assert endpoint.events == []


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"{not json", "application/json", "body is not valid JSON"),
        (b"\xff\xfe", "application/json", "body is not valid JSON"),
        (b"[1, 2]", "application/json", "body must be a JSON object"),
        (b'{"from": "0312345678", "callId": "1"}', "application/json", "event is missing"),
        (
            b'{"event": "ring", "callId": "1"}',
            "application/json",
            "unknown event: expected newCall, answer or hangup",
        ),
        (b'{"event": "newCall"}', "application/json", "callId is missing"),
        (b'{"event": "newCall", "callId": "1", "from": {"n": 3}}', "application/json", "from must be text"),
        (
            b'{"event": "newCall", "callId": "1", "direction": "sideways"}',
            "application/json",
            "direction must be in or out",
        ),
        (b"from=0312345678&callId=1", None, "event is missing"),
        (b"event=newCall&event=hangup&callId=1", None, "event is given more than once"),
        (b"event=newCall&callId=" + b"1" * 200, None, "callId is too long"),
        (b"event=newCall&callId=1&from=%ff", None, "form fields are not valid UTF-8"),
        (b"&".join([b"a=1"] * 200), None, "too many form fields"),
        (
            b"event=newCall&callId=1",
            "multipart/form-data; boundary=x",
            "unsupported content type: send form fields or JSON",
        ),
    ],
)
def test_malformed_requests_get_400_with_the_reason(
    endpoint: Endpoint, body: bytes, content_type: str | None, reason: str
) -> None:
    code, payload = endpoint.request(body, content_type=content_type)
    assert code == (415 if content_type and content_type.startswith("multipart") else 400)
    assert payload == {"error": reason}
    assert endpoint.events == []


def test_a_stalled_client_is_dropped_and_others_are_served(endpoint: Endpoint) -> None:
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5) as stalled:
        stalled.sendall(f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nContent-Length: 100\r\n\r\nevent=".encode())
        assert endpoint.form(*call("newCall")) == (200, {})
        started = time.monotonic()
        # The server gives up on the missing body after its request timeout (0.5 s here) and closes.
        assert stalled.recv(4096) == b""
        assert time.monotonic() - started < 3
    assert states(endpoint) == [CallState.RINGING]


def test_logs_hold_no_number_and_no_token(endpoint: Endpoint, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="desk_app"):
        endpoint.form(*call("newCall"))
        endpoint.form(*call("hangup"))
        endpoint.form(*call("newCall"), path="/api/v1/cti/guessed-T0ken")
        endpoint.request(b"{bad", content_type="application/json")
    assert "newCall" in caplog.text
    for secret in ("0312345678", "312345678", TOKEN, "guessed-T0ken"):
        assert secret not in caplog.text
    counts = endpoint.listener.counts()
    assert (counts["newCall"], counts["hangup"], counts["refused 403"], counts["refused 400"]) == (1, 1, 1, 1)


def test_stop_is_prompt_idempotent_and_frees_the_port() -> None:
    statuses: list[SourceStatus] = []
    listener = CtiListener(TOKEN, port=0)
    listener.start(lambda _event: None, statuses.append)
    port = listener.bound_port
    started = time.monotonic()
    listener.stop()
    listener.stop()
    assert time.monotonic() - started < 1.0
    assert [status.state for status in statuses] == [SourceState.LISTENING, SourceState.STOPPED]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_port_in_use_fails_with_a_clear_state(endpoint: Endpoint) -> None:
    statuses: list[SourceStatus] = []
    second = CtiListener(TOKEN, port=endpoint.port)
    second.start(lambda _event: None, statuses.append)
    second.stop()
    [failed] = statuses
    assert failed.state is SourceState.FAILED
    assert "cannot listen" in failed.detail


def test_an_empty_token_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="token"):
        CtiListener("")


STRONG_TOKEN = "Xk3v9QpL2mWz8RtB5nYc7HdF4gJs6AeU"  # 32 characters, 32 different


@pytest.mark.parametrize("host", ["0.0.0.0", "", "192.0.2.10", "desk-pc.example", "::"])
@pytest.mark.parametrize("token", ["a", "s3cret-T0ken", STRONG_TOKEN[:31], "ab" * 20, "0" * 64])
def test_an_endpoint_reachable_from_the_network_refuses_a_weak_token(host: str, token: str) -> None:
    statuses: list[SourceStatus] = []
    listener = CtiListener(token, host=host, port=0)
    listener.start(lambda _event: None, statuses.append)
    listener.stop()
    [refused] = statuses
    assert refused.state is SourceState.FAILED
    assert refused.detail.startswith(f"refused to listen on {host}, reachable from the network: ")
    assert "at least 32" in refused.detail or "random" in refused.detail
    if len(token) > 3:
        assert token not in refused.detail  # the status bar and the monitor's output never show it
    assert listener.bound_port is None  # never bound, not even for a moment


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_a_loopback_endpoint_starts_with_any_token(host: str) -> None:
    assert is_loopback(host)
    statuses: list[SourceStatus] = []
    listener = CtiListener("a", host=host, port=0)
    try:
        listener.start(lambda _event: None, statuses.append)
    finally:
        listener.stop()
    if statuses[0].state is SourceState.FAILED:  # no IPv6 on this machine: nothing to check for ::1
        assert host == "::1"
        assert "cannot listen" in statuses[0].detail
        return
    assert [status.state for status in statuses] == [SourceState.LISTENING, SourceState.STOPPED]


def test_long_random_tokens_guard_a_network_endpoint() -> None:
    assert network_token_problem(STRONG_TOKEN) is None
    assert network_token_problem(secrets.token_urlsafe(32)) is None
    assert network_token_problem("0123456789abcdef" * 2) is None
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("")
