"""`desk-app ring NUMBER`: rings the running desk through its CTI endpoint, as a PBX would."""

from __future__ import annotations

import argparse
import os
import time
import urllib.parse
import uuid
from collections.abc import Callable

from desk_app.callerid.cti_client import post_cti_fields
from desk_app.callerid.cti_http import CTI_PATH
from desk_app.cli.callerid import (
    EXIT_INTERRUPTED,
    EXIT_NOT_DELIVERED,
    EXIT_OK,
    EXIT_USAGE,
    TOKEN_VARIABLE,
    fail,
)
from desk_app.config import Config, demo_cti_source
from desk_app.domain.phones import InvalidPhoneNumber, normalise

_WITHHELD_WORDS = ("withheld", "anonymous")


def ring(args: argparse.Namespace, config: Config, *, demo_token: Callable[[], str] | None = None) -> int:
    """Ring once (and hang up after `--hang-up-after`); returns the exit code.

    `demo_token()` reads the demo database's CTI token for `--demo` (it raises the caller's error when
    there is no demo database); only called when `--token` does not give one.
    """
    configured = config.cti_sources[0] if config.cti_sources else None
    if args.demo:
        # The demo desk's token is its database's own: read only when no --token is given.
        configured = demo_cti_source(args.token or (demo_token() if demo_token else ""))
    if args.cti:
        host, port = args.cti
    elif configured:
        host, port = configured.host, configured.port
    else:
        return fail("no CTI endpoint: give --cti HOST:PORT or configure [[callerid.cti]]", EXIT_USAGE)
    if args.demo:
        token = configured.token if configured else None
    else:
        token = args.token or os.environ.get(TOKEN_VARIABLE) or (configured.token if configured else None)
    if not token:
        return fail(f"no CTI token: give --token TOKEN or set ${TOKEN_VARIABLE}", EXIT_USAGE)
    if args.number.strip().lower() in _WITHHELD_WORDS:
        caller, shown = "anonymous", "withheld"
    else:
        try:
            number = normalise(args.number)
        except InvalidPhoneNumber as exc:
            return fail(f"{args.number!r} is {exc}", EXIT_USAGE)
        caller, shown = number.e164, number.national
    # A desk listening on every interface is reached on loopback from the same machine.
    target = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    netloc = f"[{target}]:{port}" if ":" in target else f"{target}:{port}"
    url = f"http://{netloc}{CTI_PATH}/{urllib.parse.quote(token, safe='')}"
    call_id = f"ring-{uuid.uuid4().hex[:12]}"
    fields = {"from": caller, "to": config.company.toll_free, "direction": "in", "callId": call_id}
    problem = post_cti_fields(url, netloc, {"event": "newCall", **fields})
    if problem:
        return fail(problem, EXIT_NOT_DELIVERED)
    print(f"rang the desk at {netloc}: {shown} (call {call_id})", flush=True)
    if args.hang_up_after:
        try:
            time.sleep(args.hang_up_after)
        except KeyboardInterrupt:
            return fail("interrupted before hanging up", EXIT_INTERRUPTED)
        problem = post_cti_fields(url, netloc, {"event": "hangup", "cause": "cancel", **fields})
        if problem:
            return fail(problem, EXIT_NOT_DELIVERED)
        print(f"hung up after {args.hang_up_after:g} s without an answer: a missed call", flush=True)
    return EXIT_OK
