"""`desk-app callerid monitor`: runs caller-ID sources headless and prints one line per call event."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, TextIO

from desk_app.callerid.cti import CtiListener
from desk_app.callerid.events import CallEvent
from desk_app.callerid.hub import CallerIdHub
from desk_app.callerid.number_display_calls import DEFAULT_RING_GAP_SECONDS
from desk_app.callerid.serial_source import SerialAdapterSource
from desk_app.callerid.source import CallerIdSource, SourceStatus
from desk_app.cli.common import CTI_TOKEN_VARIABLE, ExitCode, fail
from desk_app.config import Config
from desk_app.domain.enums import SourceState
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.safe_text import for_terminal, json_for_terminal


def monitor(args: argparse.Namespace, config: Config, *, out: TextIO, err: TextIO) -> int:
    """Print each call event on `out` until interrupted or a limit is reached; the sources' states and
    warnings go to `err`. Returns the exit status."""
    try:
        sources = _monitor_sources(args, config)
    except ValueError as exc:
        return fail(str(exc), ExitCode.USAGE, err)
    return print_events(sources, args, out=out, err=err)


def print_events(
    sources: list[CallerIdSource],
    args: argparse.Namespace,
    *,
    out: TextIO,
    err: TextIO,
    as_json: Callable[[CallEvent], dict[str, Any]] = CallEvent.to_json,
) -> int:
    """Run `sources` and print each event (`args.json`: the object `as_json` makes) until interrupted or
    `args.max_events` or `args.duration` is reached."""
    arrivals: queue.Queue[CallEvent | SourceStatus] = queue.Queue()
    hub = CallerIdHub(sources, arrivals.put, arrivals.put)
    deadline = time.monotonic() + args.duration if args.duration else None
    printed = 0
    with _stop_on_signals() as stopping, _warnings_to(err):
        hub.start()
        try:
            while not stopping.is_set() and (deadline is None or time.monotonic() < deadline):
                try:
                    arrival = arrivals.get(timeout=0.1)
                except queue.Empty:
                    continue
                if isinstance(arrival, SourceStatus):
                    print(f"callerid: {for_terminal(arrival.describe())}", file=err, flush=True)
                    if all(status.state is SourceState.FAILED for status in hub.statuses()):
                        return fail("no caller-ID source could start", ExitCode.REFUSED, err)
                    continue
                if not _print_event(arrival, out, as_json=as_json if args.json else None):
                    break
                printed += 1
                if args.max_events and printed >= args.max_events:
                    break
        finally:
            hub.stop()
            while not arrivals.empty():
                arrival = arrivals.get_nowait()
                if isinstance(arrival, SourceStatus):
                    print(f"callerid: {for_terminal(arrival.describe())}", file=err, flush=True)
    return ExitCode.OK


def _monitor_sources(args: argparse.Namespace, config: Config) -> list[CallerIdSource]:
    token = args.cti_token or os.environ.get(CTI_TOKEN_VARIABLE)
    if args.cti_token and not args.cti:
        raise ValueError("--cti-token needs --cti HOST:PORT")
    if args.cti and not token:
        raise ValueError(f"--cti needs a token: --cti-token TOKEN or ${CTI_TOKEN_VARIABLE}")
    gap = args.ring_gap or DEFAULT_RING_GAP_SECONDS
    sources: list[CallerIdSource] = [
        SerialAdapterSource(
            device, baudrate=args.baudrate, enable_command=args.enable_command, ring_gap_seconds=gap
        )
        for device in args.serial
    ]
    if args.cti and token:
        host, port = args.cti
        sources.append(CtiListener(token, host=host, port=port))
    if not sources:
        sources += [
            SerialAdapterSource.from_config(item, ring_gap_seconds=gap) for item in config.serial_sources
        ]
        sources += [CtiListener.from_config(item) for item in config.cti_sources]
    if not sources:
        raise ValueError(
            "no caller-ID source: give --serial DEVICE or --cti HOST:PORT, "
            "or configure [[callerid.serial]] or [[callerid.cti]]"
        )
    return sources


def _print_event(
    event: CallEvent, out: TextIO, *, as_json: Callable[[CallEvent], dict[str, Any]] | None
) -> bool:
    """Print one event on `out`; False when nobody reads the output any more.

    What a PBX or an adapter sent (the number as written, the caller's name) is shown escaped: a control
    character in a CTI `from` field must not retitle or clear the terminal (`desk_app.domain.safe_text`).
    """
    line = json_for_terminal(as_json(event)) if as_json else _readable(event)
    try:
        try:
            print(line, file=out, flush=True)
        except UnicodeEncodeError:
            # A console code page (cp932) lacks some character a PBX or adapter sent: escape it.
            encoding = out.encoding or "ascii"
            if as_json:
                line = json.dumps(as_json(event))
            print(line.encode(encoding, "backslashreplace").decode(encoding), file=out, flush=True)
    except BrokenPipeError:
        # The reader (`| head`) is gone: point stdout at nothing so the exit flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return False
    return True


def _readable(event: CallEvent) -> str:
    if event.number_display:
        who = event.number_display
    elif event.raw_number:
        who = f"{event.raw_number} (not a valid number)"
    elif event.reason:
        who = f"{event.reason.value} ({event.reason.japanese})"
    else:
        who = "no caller ID"
    name = f" {event.caller_name}" if event.caller_name else ""
    line = f", line {event.line}" if event.line else ""
    at = event.at.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S")
    return for_terminal(
        f"{at}  {event.state.value:<8}  {who}{name}  [{event.source.value}{line}]  {event.call_id}"
    )


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """SIGINT and SIGTERM end the monitor cleanly (sources stopped, final states printed)."""
    stopping = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        # Signals reach only the main thread; elsewhere (an in-process test) the limits stop it.
        yield stopping
        return

    def handle(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _warnings_to(stream: TextIO) -> Iterator[None]:
    """Skipped adapter lines and refused CTI requests are reported on `stream` while the monitor runs."""
    callerid_logger = logging.getLogger("desk_app.callerid")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_TerminalFormatter("callerid: %(message)s"))
    handler.setLevel(logging.INFO)
    previous_level = callerid_logger.level
    if callerid_logger.getEffectiveLevel() > logging.INFO:
        callerid_logger.setLevel(logging.INFO)
    callerid_logger.addHandler(handler)
    try:
        yield
    finally:
        callerid_logger.removeHandler(handler)
        callerid_logger.setLevel(previous_level)


class _TerminalFormatter(logging.Formatter):
    """Log lines on the terminal, escaped like everything else the monitor prints."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(for_terminal(line) for line in super().format(record).split("\n"))
