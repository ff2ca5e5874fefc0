"""A Number Display adapter or modem on a serial port (pyserial), reconnecting when it is unplugged."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

import serial

from desk_app import config
from desk_app.callerid.events import CallEvent
from desk_app.callerid.number_display import NumberDisplayParser, Skipped
from desk_app.callerid.number_display_calls import DEFAULT_RING_GAP_SECONDS, CallAssembler
from desk_app.callerid.source import EmitEvent, ReportStatus, SourceStatus, deliver
from desk_app.domain.enums import SourceState

logger = logging.getLogger(__name__)

# Longer than the gap between two characters at 300 baud (33 ms), so a quiet read means the burst ended.
READ_TIMEOUT_SECONDS = 0.05
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 5.0
_READ_CHUNK = 4096


class SerialAdapterSource:
    """Reads the adapter on its own thread; `stop()` returns within about 0.1 s."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 1200,
        enable_command: str = "AT+VCID=1",
        ring_gap_seconds: float = DEFAULT_RING_GAP_SECONDS,
        retry_first_seconds: float = RETRY_FIRST_SECONDS,
        retry_max_seconds: float = RETRY_MAX_SECONDS,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.enable_command = enable_command
        self._retry_first = retry_first_seconds
        self._retry_max = retry_max_seconds
        self._assembler = CallAssembler(line=port, ring_gap_seconds=ring_gap_seconds)
        # The reader thread and mark_answered (from the GUI) both drive the assembler.
        self._assembler_lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._emit: EmitEvent | None = None
        self._on_status: ReportStatus | None = None
        self._last_status: tuple[SourceState, str] | None = None

    @classmethod
    def from_config(
        cls, settings: config.SerialSource, *, ring_gap_seconds: float | None = None
    ) -> SerialAdapterSource:
        return cls(
            settings.port,
            baudrate=settings.baudrate,
            enable_command=settings.enable_command,
            ring_gap_seconds=ring_gap_seconds or DEFAULT_RING_GAP_SECONDS,
        )

    @property
    def name(self) -> str:
        return f"serial {self.port}"

    def start(self, emit: EmitEvent, on_status: ReportStatus) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} was already started")
        self._emit, self._on_status = emit, on_status
        self._report(SourceState.STARTING, f"opening at {self.baudrate} baud")
        self._thread = threading.Thread(target=self._run, name=f"callerid-{self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)

    def mark_answered(self, call_id: str) -> None:
        """The agent answered this call: it ends as ENDED, not MISSED, when the rings stop."""
        with self._assembler_lock:
            events = self._assembler.mark_answered(call_id)
        self._deliver(events)

    def _run(self) -> None:
        try:
            command = (self.enable_command + "\r").encode("ascii") if self.enable_command else b""
        except UnicodeEncodeError:
            self._report(SourceState.FAILED, "the enable command must be plain ASCII")
            return
        delay = self._retry_first
        while not self._stopping.is_set():
            try:
                device = serial.Serial(
                    self.port, self.baudrate, timeout=READ_TIMEOUT_SECONDS, write_timeout=1.0
                )
            except ValueError as exc:
                self._report(SourceState.FAILED, f"bad serial setting: {exc}")
                return
            except (serial.SerialException, OSError) as exc:
                self._report(SourceState.DISCONNECTED, f"cannot open: {_why(exc)}; retrying")
                self._wait(delay)
                delay = min(delay * 2, self._retry_max)
                continue
            try:
                if command:
                    device.write(command)
                self._report(SourceState.CONNECTED, f"{self.baudrate} baud")
                delay = self._retry_first
                self._read(device)
            except (serial.SerialException, OSError) as exc:
                self._report(SourceState.DISCONNECTED, f"lost: {_why(exc)}; retrying")
                self._wait(delay)
            finally:
                _close_quietly(device)
        self._report(SourceState.STOPPED, "")

    def _read(self, device: serial.Serial) -> None:
        # A fresh parser per connection: a partial line from a lost device is not the start of the next.
        parser = NumberDisplayParser()
        while not self._stopping.is_set():
            data = device.read(max(1, min(device.in_waiting, _READ_CHUNK)))
            now = time.monotonic()
            with self._assembler_lock:
                if not data:
                    events = self._assembler.idle(now)
                else:
                    events = []
                    for item in parser.feed(data):
                        if isinstance(item, Skipped):
                            _log_skipped(item)
                        events += self._assembler.accept(item, now)
            self._deliver(events)

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)
        # A call that was ringing when the device went away still ends, as missed.
        with self._assembler_lock:
            events = self._assembler.expire(time.monotonic())
        self._deliver(events)

    def _deliver(self, events: Iterable[CallEvent]) -> None:
        if self._emit is None:
            return
        for event in events:
            deliver(self._emit, event)

    def _report(self, state: SourceState, detail: str) -> None:
        # Retrying reports the same thing every few seconds; the user needs it once.
        if self._on_status is None or self._last_status == (state, detail):
            return
        self._last_status = (state, detail)
        deliver(self._on_status, SourceStatus(self.name, state, detail))


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _close_quietly(device: serial.Serial) -> None:
    try:
        device.close()
    except (serial.SerialException, OSError):
        # The device is already gone; there is nothing left to release.
        logger.debug("closing a lost serial device failed", exc_info=True)


def _log_skipped(item: Skipped) -> None:
    # Only why and how long: the line itself may hold a caller's number or name.
    if item.quiet:
        logger.debug("serial adapter: %s (%d bytes)", item.why, item.length)
    else:
        logger.warning("serial adapter: skipped a line: %s (%d bytes)", item.why, item.length)
