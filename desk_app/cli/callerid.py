"""`desk-app callerid monitor` and `desk-app ring NUMBER`: their arguments, and the commands run lazily."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desk_app.domain.safe_text import for_terminal

if TYPE_CHECKING:
    from desk_app.config import Config

EXIT_OK = 0
EXIT_NOT_DELIVERED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
TOKEN_VARIABLE = "DESK_APP_CTI_TOKEN"


def host_port(text: str) -> tuple[str, int]:
    """`HOST:PORT` (`[::1]:PORT` for IPv6) as an argparse type."""
    host, colon, port_text = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    valid_port = (
        port_text.isascii() and port_text.isdigit() and len(port_text) <= 5 and int(port_text) <= 65_535
    )
    if not colon or not host or not valid_port:
        raise argparse.ArgumentTypeError(f"not HOST:PORT: {_shown(text)}")
    return host, int(port_text)


def _seconds(most: float) -> Callable[[str], float]:
    """An argparse type: seconds above 0 and at most `most` (so never infinite, never NaN)."""

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of seconds: {_shown(text)}") from None
        if not 0 < value <= most:  # NaN fails both comparisons
            raise argparse.ArgumentTypeError(
                f"must be more than 0 and at most {most:g} seconds: {_shown(text)}"
            )
        return value

    return seconds


def _whole_number(least: int, most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `least` to `most` (digits only, so never thousands of them)."""

    def whole_number(text: str) -> int:
        if (
            not (text.isascii() and text.isdigit() and len(text) <= len(str(most)))
            or not least <= int(text) <= most
        ):
            raise argparse.ArgumentTypeError(f"not a whole number from {least} to {most:,}: {_shown(text)}")
        return int(text)

    return whole_number


def _shown(text: str) -> str:
    """The value as the message quotes it: a pasted novel is cut short."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


# A week of monitoring, an hour before a simulated ring is abandoned or a serial call is over.
MAX_DURATION_SECONDS = 7 * 24 * 3600.0
MAX_WAIT_SECONDS = 3600.0


def add_monitor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run caller-ID sources headless and print one line per call event until interrupted. "
        "Without source options, runs the sources in the configuration file."
    )
    parser.add_argument("--serial", metavar="DEVICE", action="append", default=[], help="adapter port")
    parser.add_argument(
        "--baudrate", type=_whole_number(300, 115_200), default=1200, metavar="N", help="serial speed (1200)"
    )
    parser.add_argument(
        "--enable-command", default="AT+VCID=1", metavar="TEXT", help='sent on open; "" sends nothing'
    )
    parser.add_argument("--cti", type=host_port, metavar="HOST:PORT", help="listen for Generic CTI")
    parser.add_argument("--cti-token", metavar="TOKEN", help=f"the CTI token (default: ${TOKEN_VARIABLE})")
    parser.add_argument(
        "--ring-gap",
        type=_seconds(MAX_WAIT_SECONDS),
        metavar="S",
        help="seconds without RING after which a serial call is over (8)",
    )
    parser.add_argument("--json", action="store_true", help="print each event as one JSON object")
    parser.add_argument("--max-events", type=_whole_number(1, 10**9), metavar="N", help="stop after N events")
    parser.add_argument(
        "--duration", type=_seconds(MAX_DURATION_SECONDS), metavar="S", help="stop after S seconds"
    )


def run_monitor(args: argparse.Namespace, config: Config) -> int:
    # Imported here: building the parser must not cost every other command the sources' imports.
    from desk_app.cli.callerid_monitor import monitor

    return monitor(args, config)


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
    parser.add_argument("--token", metavar="TOKEN", help=f"default: ${TOKEN_VARIABLE} or the config's")
    parser.add_argument(
        "--hang-up-after",
        type=_seconds(MAX_WAIT_SECONDS),
        metavar="S",
        help="hang up unanswered after S s (missed)",
    )


def run_ring(args: argparse.Namespace, config: Config, *, demo_token: Callable[[], str] | None = None) -> int:
    from desk_app.cli.callerid_ring import ring

    return ring(args, config, demo_token=demo_token)


def fail(message: str, exit_code: int) -> int:
    # A message can quote what another program answered (a desk's refusal): shown escaped.
    print(f"desk-app: {for_terminal(message)}", file=sys.stderr)
    return exit_code
