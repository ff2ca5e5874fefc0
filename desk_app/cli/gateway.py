"""`desk-app gateway`: the headless call gateway a PBX posts to once, for every desk on PostgreSQL."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import (
    CTI_TOKEN_VARIABLE,
    CommandContext,
    CommandError,
    ExitCode,
    add_command,
    host_port,
    seconds,
)

if TYPE_CHECKING:
    from desk_app.callerid.source import SourceStatus
    from desk_app.cli.common import Subcommands
    from desk_app.gateway.service import SerialLine

NAME = "gateway"
MAX_DURATION_SECONDS = 366 * 24 * 3600.0


def register(commands: Subcommands) -> None:
    parser = add_command(
        commands,
        NAME,
        help="run the call gateway: one CTI endpoint and Number Display lines for every desk (PostgreSQL)",
        description=(
            "Take the PBX's Generic CTI posts (and Number Display adapters' rings) for every desk: store "
            "each event once in PostgreSQL, route it to the right desks and announce it (NOTIFY). Runs "
            "until interrupted. GET /healthz on the CTI address answers with the gateway's state. "
            "See docs/GATEWAY.md."
        ),
    )
    parser.add_argument("--cti", type=host_port, metavar="HOST:PORT", help="listen for Generic CTI")
    parser.add_argument(
        "--cti-token-file",
        type=Path,
        metavar="FILE",
        help=f"file holding the CTI token (default: ${CTI_TOKEN_VARIABLE})",
    )
    parser.add_argument(
        "--serial",
        metavar="DEVICE=LINE",
        action="append",
        default=[],
        type=_serial_line,
        help="a Number Display adapter and the line it watches (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print each state change as one JSON object")
    parser.add_argument(
        "--duration", type=seconds(MAX_DURATION_SECONDS), metavar="S", help="stop after S seconds"
    )


def _serial_line(text: str) -> SerialLine:
    from desk_app.gateway.service import SerialLine

    device, equals, line = text.partition("=")
    if not equals or not device.strip() or not line.strip():
        raise argparse.ArgumentTypeError(f"expected DEVICE=LINE, not {text!r}")
    return SerialLine(device=device.strip(), line=line.strip())


def run(args: argparse.Namespace, context: CommandContext) -> int:
    url = context.database_url()
    if not url.startswith("postgresql"):
        raise CommandError(
            "the gateway needs PostgreSQL (--db postgresql+psycopg://…);"
            " a single desk on SQLite listens for its own calls",
            ExitCode.USAGE,
        )
    token = _token(args)
    if not args.cti and not args.serial:
        raise CommandError("give --cti HOST:PORT, --serial DEVICE=LINE, or both", ExitCode.USAGE)
    if args.cti and not token:
        raise CommandError(
            f"--cti needs a token: --cti-token-file FILE or ${CTI_TOKEN_VARIABLE}", ExitCode.USAGE
        )
    engine = context.open_database()
    from desk_app.cli.callerid_monitor import _stop_on_signals, _warnings_to
    from desk_app.domain.enums import SourceState
    from desk_app.gateway.service import Gateway

    gateway = Gateway(engine, context.config.switchboard, cti=args.cti, token=token, serial=args.serial)
    out = context.stdout
    failed: list[str] = []

    def on_status(status: SourceStatus) -> None:
        if status.state is SourceState.FAILED:
            failed.append(status.source)
        _say(out, args.json, {"source": status.source, "state": status.state.value, "detail": status.detail})

    deadline = time.monotonic() + args.duration if args.duration else None
    with _stop_on_signals() as stopping, _warnings_to(context.stderr):
        gateway.start(on_status)
        try:
            if len(failed) == len(gateway.sources):
                return ExitCode.REFUSED
            while not stopping.is_set() and (deadline is None or time.monotonic() < deadline):
                stopping.wait(0.2)
        finally:
            gateway.stop()
            requests = gateway.cti.counts() if gateway.cti is not None else {}
            _say(out, args.json, {"counts": {"requests": requests, "stored": gateway.writer.counts()}})
            engine.dispose()
    return ExitCode.OK


def _token(args: argparse.Namespace) -> str | None:
    if args.cti_token_file is None:
        return os.environ.get(CTI_TOKEN_VARIABLE) or None
    try:
        return args.cti_token_file.read_text(encoding="utf-8").strip() or None
    except OSError as exc:
        raise CommandError(f"cannot read the token file: {exc.strerror}", ExitCode.USAGE) from None


def _say(out: TextIO, as_json: bool, payload: dict[str, object]) -> None:
    if as_json:
        print(json.dumps(payload, ensure_ascii=False), file=out, flush=True)
    elif "counts" in payload:
        counts = payload["counts"]
        assert isinstance(counts, dict)
        for what, numbers in counts.items():
            said = ", ".join(f"{word} {number}" for word, number in sorted(numbers.items())) or "none"
            print(f"gateway: {what}: {said}", file=out, flush=True)
    else:
        detail = f" ({payload['detail']})" if payload["detail"] else ""
        print(f"gateway: {payload['source']} {payload['state']}{detail}", file=out, flush=True)
