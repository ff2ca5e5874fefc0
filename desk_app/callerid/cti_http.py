"""The HTTP side of the Generic CTI endpoint: path, token, body limits and answers, on the standard server."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import socket
import socketserver
import time
import urllib.parse
from contextlib import AbstractContextManager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from desk_app.callerid.cti_request import CtiRequest, CtiRequestError, parse_cti_request
from desk_app.callerid.events import CallEvent

logger = logging.getLogger("desk_app.callerid.cti")

CTI_PATH = "/api/v1/cti"
# `desk-app gateway` answers GET here with its state (the lone desk's endpoint has no such page).
HEALTH_PATH = "/healthz"
# Zammad's answer to a newCall from a blocked number: the PBX rejects the call as busy.
REJECT_REPLY = {"action": "reject", "reason": "busy"}
MAX_BODY_BYTES = 64 * 1024
# A request (line, headers and body) must arrive within this long, however it is spread out: a client that
# stops sending, or sends a byte now and then, frees its thread when the time is up.
REQUEST_TIMEOUT_SECONDS = 5.0
# Connections the kernel holds while the desk accepts the ones before them: a PBX's burst of events (a
# queue ringing many lines) must not wait for a retransmitted SYN (a second or more) when the queue is full.
LISTEN_BACKLOG = 128
# More digits than any length up to MAX_BODY_BYTES needs; longer is refused without converting it.
_MAX_LENGTH_DIGITS = 18
# After refusing a request, read (and drop) this much of its body so the client sees the answer, not a reset.
_DRAIN_LIMIT_BYTES = 1024 * 1024
_DRAIN_SECONDS = 1.0


class _DeadlineReader(io.RawIOBase):
    """The client's socket, read with one deadline for the whole request rather than a timeout per read."""

    def __init__(self, connection: socket.socket, seconds: float) -> None:
        super().__init__()
        self._connection = connection
        self.extend(seconds)

    def extend(self, seconds: float) -> None:
        """From now, reading may take `seconds` more in all."""
        self._deadline = time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request took longer than its deadline")
        self._connection.settimeout(remaining)
        return self._connection.recv_into(buffer)


class CtiListener(Protocol):
    """What the HTTP side asks of the listener (`desk_app.callerid.cti.CtiListener` is the one there is): a
    protocol, so that the listener can own its server without the two modules importing each other."""

    request_timeout: float

    def token_matches(self, candidate: str) -> bool: ...

    def serving_request(self) -> AbstractContextManager[None]: ...

    def count(self, outcome: str) -> None: ...

    def record(self, request: CtiRequest) -> CallEvent | None:
        """The event the request makes, if any; may raise `CtiRequestError` to refuse it (503: retry)."""
        ...

    def publish(self, event: CallEvent) -> None: ...

    def rejects(self, request: CtiRequest) -> bool:
        """Whether to answer `REJECT_REPLY` instead of recording (a blocked caller's newCall)."""
        ...

    def health(self) -> dict[str, Any] | None:
        """What `GET /healthz` answers, or None where there is no such page."""
        ...


class CtiHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG
    # On Windows SO_REUSEADDR would let a second desk take the same port silently.
    allow_reuse_address = os.name != "nt"

    def __init__(self, address: tuple[str, int], listener: CtiListener) -> None:
        self.listener = listener
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _CtiRequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's FQDN, which can stall for seconds on Windows.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)


class _CtiRequestHandler(BaseHTTPRequestHandler):
    server: CtiHttpServer
    server_version = "InquiryDesk-CTI"
    sys_version = ""

    def handle(self) -> None:
        with self.server.listener.serving_request():
            super().handle()

    def setup(self) -> None:
        super().setup()
        # Every read from this client counts against one deadline, so a slow client frees its thread.
        self.rfile.close()
        self._reader = _DeadlineReader(self.connection, self.server.listener.request_timeout)
        self.rfile = io.BufferedReader(self._reader)

    def do_POST(self) -> None:
        listener = self.server.listener
        token = self._token_segment()
        if token is None:
            return
        if not listener.token_matches(token):
            self._refuse(403, "wrong token")
            return
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._refuse(411, "Content-Length is required")
            return
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            self._refuse(411, "Content-Length is required")
            return
        length = _content_length(length_text)
        if length is None:
            self._refuse(400, "Content-Length is not a number")
            return
        if length > MAX_BODY_BYTES:
            self._refuse(413, "body is larger than 64 KiB", unread=length)
            return
        body = self.rfile.read(length)
        if len(body) < length:
            self._refuse(400, "body is shorter than Content-Length", unread=0)
            return
        try:
            request = parse_cti_request(self.headers.get("Content-Type", ""), body)
        except CtiRequestError as exc:
            self._refuse(exc.status, str(exc), unread=0)
            return
        if listener.rejects(request):
            listener.count(f"{request.event.value} rejected")
            logger.info("CTI %s rejected: the number is blocked", request.event.value)
            self._reply(200, REJECT_REPLY)
            return
        try:
            event = listener.record(request)
        except CtiRequestError as exc:
            self._refuse(exc.status, str(exc), unread=0)
            return
        # Delivered before answering, so a 200 means the desk has the event.
        if event is not None:
            listener.publish(event)
        self._reply(200, {})

    def do_GET(self) -> None:
        if urllib.parse.urlsplit(self.path).path == HEALTH_PATH:
            health = self.server.listener.health()
            if health is not None:
                self._reply(200, health)
                return
        self._not_allowed()

    def do_HEAD(self) -> None:
        self._not_allowed()

    def do_PUT(self) -> None:
        self._not_allowed()

    def do_DELETE(self) -> None:
        self._not_allowed()

    def do_PATCH(self) -> None:
        self._not_allowed()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server answers a method it has no handler for with 501 and a newer HTTP version with 505;
        # the endpoint's documented answers are 2xx and 4xx only (a PBX may retry a 5xx without end).
        if code == HTTPStatus.NOT_IMPLEMENTED:
            self._not_allowed()
            return
        super().send_error(HTTPStatus.BAD_REQUEST if code >= 500 else code, message, explain)

    def _not_allowed(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == CTI_PATH or path.startswith(CTI_PATH + "/"):
            self._refuse(405, "only POST is allowed", allow="POST")
        else:
            self._refuse(404, "not found")

    def _token_segment(self) -> str | None:
        """The token from the path, or None after answering 401/404 for a path without one."""
        path = urllib.parse.urlsplit(self.path).path
        if path.rstrip("/") == CTI_PATH:
            self._refuse(401, "the token is missing from the path")
            return None
        token = path.removeprefix(CTI_PATH + "/").rstrip("/")
        if not path.startswith(CTI_PATH + "/") or "/" in token:
            self._refuse(404, "not found")
            return None
        return urllib.parse.unquote(token)

    def _refuse(self, status: int, reason: str, *, unread: int | None = None, allow: str = "") -> None:
        self.server.listener.count(f"refused {status}")
        logger.info("CTI request refused: %d %s", status, reason)
        self._reply(status, {"error": reason}, allow=allow)
        pending = unread if unread is not None else self._declared_length()
        if pending:
            self._drain(pending)

    def _reply(self, status: int, payload: dict[str, Any], *, allow: str = "") -> None:
        body = json.dumps(payload).encode("utf-8")
        # The read deadline may be all but spent; the answer gets a time of its own.
        self.connection.settimeout(self.server.listener.request_timeout)
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if allow:
            self.send_header("Allow", allow)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def _declared_length(self) -> int:
        return _content_length(self.headers.get("Content-Length", "")) or 0

    def _drain(self, length: int) -> None:
        # Closing with unread bytes makes the kernel reset the connection, and the client may then
        # lose the answer; read a bounded amount into nothing, with a short deadline of its own.
        self._reader.extend(_DRAIN_SECONDS)
        remaining = min(length, _DRAIN_LIMIT_BYTES)
        # A client that stops sending or hangs up has had its answer; there is nothing more to do.
        with contextlib.suppress(OSError):
            while remaining > 0:
                chunk = self.rfile.read1(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # The request line carries the token; the status alone is enough to follow what happens.
        logger.debug("CTI answered %s", code)

    def log_message(self, format: str, *args: Any) -> None:
        # http.server's own messages quote the request line, which carries the token.
        logger.info("CTI request refused by the HTTP layer (bad request line or headers, or too slow)")


def _content_length(text: str) -> int | None:
    """The declared body length, or None when it is not a plain decimal number."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    # A number longer than any length the endpoint accepts is simply too large (413), and is not converted.
    return int(digits) if len(digits) <= _MAX_LENGTH_DIGITS else MAX_BODY_BYTES + 1
