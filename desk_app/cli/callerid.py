"""`desk-app callerid monitor`: its arguments, and the monitor (`callerid_monitor`) run lazily."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from desk_app.cli.common import (
    CTI_TOKEN_VARIABLE,
    CommandContext,
    add_command,
    host_port,
    seconds,
    whole_number,
)

if TYPE_CHECKING:
    from desk_app.cli.common import Subcommands
    from desk_app.config import Config

NAME = "callerid"
# A week of monitoring, an hour before a simulated ring is abandoned or a serial call is over.
MAX_DURATION_SECONDS = 7 * 24 * 3600.0
MAX_WAIT_SECONDS = 3600.0


def register(commands: Subcommands) -> None:
    callerid = commands.add_parser(NAME, help="caller-ID sources")
    actions = callerid.add_subparsers(dest="callerid_command", metavar="ACTION", required=True)
    monitor = add_command(actions, "monitor", help="run caller-ID sources headless and print each call event")
    add_monitor_arguments(monitor)
    follow = add_command(
        actions, "follow", help="print each call event the gateway routes to one agent's desk (PostgreSQL)"
    )
    add_follow_arguments(follow)


def add_follow_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Follow one agent's desk on a gateway's PostgreSQL database, headless: print each call event "
        "routed to it, one line each, until interrupted. Started mid-call, it starts at that call's first "
        "event."
    )
    parser.add_argument("--agent", metavar="LOGIN", required=True, help="the agent whose desk to follow")
    parser.add_argument(
        "--available",
        action="store_true",
        help="mark the agent available while following (queue calls ring only available desks)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per event: the monitor\'s keys, "desk", "answered_by"',
    )
    parser.add_argument("--max-events", type=whole_number(1, 10**9), metavar="N", help="stop after N events")
    parser.add_argument(
        "--duration", type=seconds(MAX_DURATION_SECONDS), metavar="S", help="stop after S seconds"
    )


def add_monitor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run caller-ID sources headless and print one line per call event until interrupted. "
        "Without source options, runs the sources in the configuration file."
    )
    parser.add_argument("--serial", metavar="DEVICE", action="append", default=[], help="adapter port")
    parser.add_argument(
        "--baudrate", type=whole_number(300, 115_200), default=1200, metavar="N", help="serial speed (1200)"
    )
    parser.add_argument(
        "--enable-command", default="AT+VCID=1", metavar="TEXT", help='sent on open; "" sends nothing'
    )
    parser.add_argument("--cti", type=host_port, metavar="HOST:PORT", help="listen for Generic CTI")
    parser.add_argument(
        "--cti-token", metavar="TOKEN", help=f"the CTI token (default: ${CTI_TOKEN_VARIABLE})"
    )
    parser.add_argument(
        "--ring-gap",
        type=seconds(MAX_WAIT_SECONDS),
        metavar="S",
        help="seconds without RING after which a serial call is over (8)",
    )
    parser.add_argument("--json", action="store_true", help="print each event as one JSON object")
    parser.add_argument("--max-events", type=whole_number(1, 10**9), metavar="N", help="stop after N events")
    parser.add_argument(
        "--duration", type=seconds(MAX_DURATION_SECONDS), metavar="S", help="stop after S seconds"
    )


def run(args: argparse.Namespace, context: CommandContext) -> int:
    if args.callerid_command == "follow":
        from desk_app.cli.callerid_follow import follow

        return follow(args, context)
    return run_monitor(args, context.config, out=context.stdout, err=context.stderr)


def run_monitor(
    args: argparse.Namespace, config: Config, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Print each call event (on `out`, standard output by default) until interrupted or a limit is
    reached; the sources' states and warnings go to `err`. Returns the exit status."""
    # Imported here: building the parser must not cost every other command the sources' imports.
    from desk_app.cli.callerid_monitor import monitor

    return monitor(args, config, out=out or sys.stdout, err=err or sys.stderr)
