"""The HTTP side of the Generic CTI endpoint: path, token, body limits and answers, on the standard server."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import socketserver
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from desk_app.callerid.cti_request import CtiRequestError, parse_cti_request

if TYPE_CHECKING:
    from desk_app.callerid.cti import CtiListener

logger = logging.getLogger("desk_app.callerid.cti")

CTI_PATH = "/api/v1/cti"
MAX_BODY_BYTES = 64 * 1024
# A client that stops sending mid-request frees its thread after this long.
REQUEST_TIMEOUT_SECONDS = 5.0
# After refusing a request, read (and drop) this much of its body so the client sees the answer, not a reset.
_DRAIN_LIMIT_BYTES = 1024 * 1024
_DRAIN_SECONDS = 1.0


class CtiHttpServer(ThreadingHTTPServer):
    daemon_threads = True
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
        # Every read from this client then has a deadline, so a stalled client frees its thread.
        self.connection.settimeout(self.server.listener.request_timeout)

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
        if not (length_text.strip().isascii() and length_text.strip().isdigit()):
            self._refuse(400, "Content-Length is not a number")
            return
        length = int(length_text)
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
        event = listener.record(request)
        # Delivered before answering, so a 200 means the desk has the event.
        if event is not None:
            listener.publish(event)
        self._reply(200, {})

    def do_GET(self) -> None:
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
        text = self.headers.get("Content-Length", "").strip()
        return int(text) if text.isascii() and text.isdigit() else 0

    def _drain(self, length: int) -> None:
        # Closing with unread bytes makes the kernel reset the connection, and the client may then
        # lose the answer; read a bounded amount into nothing, with a short deadline.
        deadline = time.monotonic() + _DRAIN_SECONDS
        self.connection.settimeout(_DRAIN_SECONDS)
        remaining = min(length, _DRAIN_LIMIT_BYTES)
        # A client that stops sending or hangs up has had its answer; there is nothing more to do.
        with contextlib.suppress(OSError):
            while remaining > 0 and time.monotonic() < deadline:
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
