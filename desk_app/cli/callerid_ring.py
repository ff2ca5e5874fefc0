"""`desk-app ring NUMBER`: rings the running desk through its CTI endpoint, as a PBX would."""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.callerid import MAX_WAIT_SECONDS
from desk_app.cli.common import (
    CTI_TOKEN_VARIABLE,
    CommandContext,
    ExitCode,
    add_command,
    fail,
    host_port,
    seconds,
)
from desk_app.cli.demo import demo_cti_token
from desk_app.config import Config, demo_cti_source

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands

NAME = "ring"
_WITHHELD_WORDS = ("withheld", "anonymous")


def register(commands: Subcommands) -> None:
    ring = add_command(commands, NAME, help="simulate an incoming call at a running desk's CTI endpoint")
    add_ring_arguments(ring)


def add_ring_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Ring the running desk through its CTI endpoint, as a PBX would. "
        "Exit status: 0 delivered, 1 not delivered, 2 usage."
    )
    parser.add_argument("number", metavar="NUMBER", help="the caller's number, or withheld / anonymous")
    parser.add_argument("--cti", type=host_port, metavar="HOST:PORT", help="default: first [[callerid.cti]]")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="ring the demo desk (`desk-app --demo`) on its loopback endpoint, with the token of its demo"
        " database (the default demo database, or --db)",
    )
    parser.add_argument("--token", metavar="TOKEN", help=f"default: ${CTI_TOKEN_VARIABLE} or the config's")
    parser.add_argument(
        "--hang-up-after",
        type=seconds(MAX_WAIT_SECONDS),
        metavar="S",
        help="hang up unanswered after S s (missed)",
    )


def run(args: argparse.Namespace, context: CommandContext) -> int:
    def demo_token() -> str:
        return demo_cti_token(context.demo_database_url())

    return run_ring(args, context.config, demo_token=demo_token, out=context.stdout, err=context.stderr)


def run_ring(
    args: argparse.Namespace,
    config: Config,
    *,
    demo_token: Callable[[], str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Ring once (and hang up after `--hang-up-after`); returns the exit code.

    `demo_token()` reads the demo database's CTI token for `--demo` (it raises the caller's error when
    there is no demo database); only called when `--token` does not give one.
    """
    # Imported here: building the parser for every `desk-app` command must not load phonenumbers.
    from desk_app.callerid.cti_client import post_cti_fields
    from desk_app.callerid.cti_http import CTI_PATH
    from desk_app.domain.phones import InvalidPhoneNumber, normalise

    out, err = out or sys.stdout, err or sys.stderr
    configured = config.cti_sources[0] if config.cti_sources else None
    if args.demo:
        # The demo desk's token is its database's own: read only when no --token is given.
        configured = demo_cti_source(args.token or (demo_token() if demo_token else ""))
    if args.cti:
        host, port = args.cti
    elif configured:
        host, port = configured.host, configured.port
    else:
        return fail(
            "no CTI endpoint: give --cti HOST:PORT or configure [[callerid.cti]]", ExitCode.USAGE, err
        )
    if args.demo:
        token = configured.token if configured else None
    else:
        token = args.token or os.environ.get(CTI_TOKEN_VARIABLE) or (configured.token if configured else None)
    if not token:
        return fail(f"no CTI token: give --token TOKEN or set ${CTI_TOKEN_VARIABLE}", ExitCode.USAGE, err)
    if args.number.strip().lower() in _WITHHELD_WORDS:
        caller, shown = "anonymous", "withheld"
    else:
        try:
            number = normalise(args.number)
        except InvalidPhoneNumber as exc:
            return fail(f"{args.number!r} is {exc}", ExitCode.USAGE, err)
        caller, shown = number.e164, number.national
    # A desk listening on every interface is reached on loopback from the same machine.
    target = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    netloc = f"[{target}]:{port}" if ":" in target else f"{target}:{port}"
    url = f"http://{netloc}{CTI_PATH}/{urllib.parse.quote(token, safe='')}"
    call_id = f"ring-{uuid.uuid4().hex[:12]}"
    fields = {"from": caller, "to": config.company.toll_free, "direction": "in", "callId": call_id}
    problem = post_cti_fields(url, netloc, {"event": "newCall", **fields})
    if problem:
        return fail(problem, ExitCode.REFUSED, err)
    print(f"rang the desk at {netloc}: {shown} (call {call_id})", file=out, flush=True)
    if args.hang_up_after:
        try:
            time.sleep(args.hang_up_after)
        except KeyboardInterrupt:
            return fail("interrupted before hanging up", ExitCode.INTERRUPTED, err)
        problem = post_cti_fields(url, netloc, {"event": "hangup", "cause": "cancel", **fields})
        if problem:
            return fail(problem, ExitCode.REFUSED, err)
        print(
            f"hung up after {args.hang_up_after:g} s without an answer: a missed call", file=out, flush=True
        )
    return ExitCode.OK
