"""A Zammad-compatible Generic CTI endpoint (`POST /api/v1/cti/<token>`): the source and its calls."""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import ipaddress
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

from desk_app import config
from desk_app.callerid.call_book import DEFAULT_CAPACITY, CallBook
from desk_app.callerid.cti_http import CTI_PATH, REQUEST_TIMEOUT_SECONDS, CtiHttpServer
from desk_app.callerid.cti_request import CtiEvent, CtiRequest, caller_of
from desk_app.callerid.events import CallEvent, call_event
from desk_app.callerid.source import EmitEvent, ReportStatus, SourceStatus, deliver
from desk_app.domain.enums import CallSource, CallState, SourceState

logger = logging.getLogger(__name__)

# How long `stop` lets requests already being answered finish.
STOP_GRACE_SECONDS = 0.5
# An endpoint other machines can reach is guarded by its token alone (there is no TLS and no other
# sign-in), so such an endpoint starts only with a token nobody could guess.
MIN_NETWORK_TOKEN_LENGTH = 32
MIN_NETWORK_TOKEN_DISTINCT = 8


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def network_token_problem(token: str) -> str | None:
    """Why `token` is too weak to guard an endpoint reachable from the network, or None if it will do.

    Randomness cannot be proven from one string; length and variety rule out words, short phrases and
    repeated characters, while random tokens pass (32 random hexadecimal digits show fewer than 8
    different ones about 4 times in 100 million).
    """
    if len(token) < MIN_NETWORK_TOKEN_LENGTH:
        return f"the token is too short ({len(token)} characters, at least {MIN_NETWORK_TOKEN_LENGTH} needed)"
    if len(set(token)) < MIN_NETWORK_TOKEN_DISTINCT:
        return "the token repeats a few characters; it must be random"
    return None


class CtiListener:
    """Listens on its own thread (one more per request); `bound_port` is known once `start` returns."""

    def __init__(
        self,
        token: str,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        capacity: int = DEFAULT_CAPACITY,
        request_timeout: float = REQUEST_TIMEOUT_SECONDS,
    ) -> None:
        if not token:
            raise ValueError("a CTI endpoint needs a token")
        self.host = host
        self.port = port
        self.request_timeout = request_timeout
        self._token = token.encode("utf-8")
        self._book = CallBook(capacity)
        self._server: CtiHttpServer | None = None
        self._thread: threading.Thread | None = None
        self._emit: EmitEvent | None = None
        self._on_status: ReportStatus | None = None
        self._counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self._stopped = False
        self._requests_in_flight = 0
        self._requests_done = threading.Condition()

    @classmethod
    def from_config(cls, settings: config.CtiSource) -> CtiListener:
        return cls(settings.token, host=settings.host, port=settings.port)

    @property
    def name(self) -> str:
        return f"CTI {self.host}:{self.bound_port or self.port}"

    @property
    def bound_port(self) -> int | None:
        return self._server.server_port if self._server else None

    @property
    def requests_in_flight(self) -> int:
        """Requests being read or answered now: each holds a thread until it ends or its deadline passes."""
        with self._requests_done:
            return self._requests_in_flight

    def counts(self) -> dict[str, int]:
        """How many requests ended each way (`newCall`, `refused 403`, …), for logs and tests."""
        with self._counts_lock:
            return dict(self._counts)

    def start(self, emit: EmitEvent, on_status: ReportStatus) -> None:
        if self._server is not None or self._stopped:
            raise RuntimeError(f"{self.name} was already started")
        self._emit, self._on_status = emit, on_status
        weak = None if is_loopback(self.host) else network_token_problem(self._token.decode("utf-8"))
        if weak is not None:
            logger.warning("CTI endpoint not started: it would listen beyond this machine with a weak token")
            detail = (
                f"refused to listen on {self.host}, reachable from the network: {weak} "
                f'(make one with: python -c "import secrets; print(secrets.token_hex(32))")'
            )
            deliver(on_status, SourceStatus(self.name, SourceState.FAILED, detail))
            return
        try:
            self._server = CtiHttpServer((self.host, self.port), self)
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            deliver(on_status, SourceStatus(self.name, SourceState.FAILED, f"cannot listen: {why}"))
            return
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="callerid-cti",
            daemon=True,
        )
        self._thread.start()
        where = f"POST http://{self.host}:{self.bound_port}{CTI_PATH}/<token>"
        deliver(on_status, SourceStatus(self.name, SourceState.LISTENING, where))

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown()
        # A request the desk has already acted on gets its answer before the desk goes (but a
        # stalled client does not hold the desk up).
        with self._requests_done:
            self._requests_done.wait_for(lambda: self._requests_in_flight == 0, timeout=STOP_GRACE_SECONDS)
        server.server_close()
        thread.join(timeout=2.0)
        if self._on_status is not None:
            deliver(self._on_status, SourceStatus(self.name, SourceState.STOPPED, ""))

    def token_matches(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode("utf-8"), self._token)

    @contextlib.contextmanager
    def serving_request(self) -> Iterator[None]:
        with self._requests_done:
            self._requests_in_flight += 1
        try:
            yield
        finally:
            with self._requests_done:
                self._requests_in_flight -= 1
                self._requests_done.notify_all()

    def count(self, outcome: str) -> None:
        with self._counts_lock:
            self._counts[outcome] += 1

    def record(self, request: CtiRequest) -> CallEvent | None:
        """The call event one accepted request makes, if any; `publish` delivers it."""
        now = dt.datetime.now(dt.UTC)
        if not request.inbound:
            # The desk pops customers for calls coming in; an agent's own outbound calls need no pop.
            self.count(f"{request.event.value} outbound ignored")
            return None
        number, reason = caller_of(request.caller)
        # What the desk knows of the call from this request alone: the ringing call an answer implies
        # when the desk did not see it ring (it started mid-call).
        ringing = call_event(
            call_id=request.call_id,
            state=CallState.RINGING,
            source=CallSource.CTI,
            number=number,
            reason=reason,
            at=now,
            line=request.queue or request.callee or None,
            users=request.users,
        )
        if request.event is CtiEvent.NEW_CALL:
            step = self._book.ring(ringing)
        elif request.event is CtiEvent.ANSWER:
            step = self._book.answer(
                request.call_id,
                at=now,
                line=", ".join(request.users) or request.answering_number,
                users=request.users,
                unseen=ringing,
                voicemail=request.by_voicemail,
            )
        else:
            step = self._book.hang_up(request.call_id, at=now, taken_elsewhere=request.forwarded)
        # A PBX expects 200 for a repeated or late event too (Zammad answers so); it is counted, not shown.
        outcome = request.event.value if step.event else f"{request.event.value} {step.progress.value}"
        self.count(outcome)
        logger.info("CTI %s", outcome)
        return step.event

    def publish(self, event: CallEvent) -> None:
        if self._emit is not None:
            deliver(self._emit, event)

    def rejects(self, request: CtiRequest) -> bool:
        """The lone desk keeps no blocklist: every call rings (the gateway's `rejects` checks one)."""
        return False

    def health(self) -> dict[str, Any] | None:
        return None
