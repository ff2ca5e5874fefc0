"""The call gateway under load: a PBX's post to the line the right desk prints, beside a bare NOTIFY → LISTEN.

    .venv/bin/python tests/bench/bench_gateway.py                # 20 desks, 20 calls/s for 60 s
    .venv/bin/python tests/bench/bench_gateway.py --desks 50 --rate 10 --seconds 30
    .venv/bin/python tests/bench/bench_gateway.py --small        # 4 desks, 5 calls/s for 5 s (CI)

Everything runs on a throwaway PostgreSQL server of the benchmark's own (as `dev.py test --postgres` makes
one): `desk-app gateway` as one process and, for each desk, `desk-app callerid follow --json` as one
process with one connection, as a site runs them. Each call's `newCall` names one desk by its extension
(`user[]`); the same desk answers and the call is hung up, so every call is three events at one desk. An
event is timed from just before its post is sent to the moment this process reads the desk's line for it;
every event must reach its desk exactly once (lost, misrouted and duplicated events fail the run).

The floor, in the same run: one psycopg connection `NOTIFY`ing and another `LISTEN`ing, in this process,
first alone and then throughout the load at the events' own pace, so that both see the same machine. The
goals (p99 ≤ 50 ms, and ≤ 5 × the floor's p99 under the same load) are printed, not asserted: timings on a
shared machine vary, losing an event does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the gateway's helpers live in tests/support

from desk_app.audit.key import KEY_ENV  # noqa: E402
from desk_app.domain.enums import AgentRole  # noqa: E402
from desk_app.storage.engine import make_engine  # noqa: E402
from desk_app.storage.migrate import upgrade  # noqa: E402
from tests.support.callerid_processes import DeskAppProcess, wait_until  # noqa: E402
from tests.support.gateway_floor import TOKEN, add_staff, call, get, post  # noqa: E402
from tests.support.gateway_processes import (  # noqa: E402
    free_port,
    start_follower,
    start_gateway,
    wait_listening,
)
from tests.support.private_postgres import private_server  # noqa: E402


@dataclass(frozen=True)
class Scale:
    desks: int
    rate: float
    seconds: float


FULL = Scale(desks=20, rate=20.0, seconds=60.0)
SMALL = Scale(desks=4, rate=5.0, seconds=5.0)
# Each call: the post, and after it (seconds from the ring) the answer and the hang-up.
EVENTS = (("newCall", "ringing", 0.0), ("answer", "answered", 0.5), ("hangup", "ended", 1.0))
GOAL_P99_MS = 50.0
GOAL_FLOOR_TIMES = 5.0
IDLE_FLOOR_SAMPLES = 300
FLOOR_CHANNEL = "bench_floor"
# How long the desks may take to print the last events after the last post.
DRAIN_SECONDS = 30.0


def _ms(values: Sequence[float]) -> tuple[float, float, float, float]:
    ordered = sorted(values)
    pick = lambda share: ordered[min(len(ordered) - 1, int(share * len(ordered)))]  # noqa: E731
    return statistics.median(ordered) * 1e3, pick(0.95) * 1e3, pick(0.99) * 1e3, ordered[-1] * 1e3


def _line(label: str, values: Sequence[float]) -> tuple[float, float]:
    if not values:
        print(f"{label:<36}no samples")
        return float("nan"), float("nan")
    median, p95, p99, most = _ms(values)
    print(
        f"{label:<36}median {median:7.2f} ms   p95 {p95:7.2f} ms   p99 {p99:7.2f} ms"
        f"   max {most:7.2f} ms   ({len(values):,})"
    )
    return median, p99


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) process `pid` has used so far; 0 where /proc cannot tell (not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pss_mib(pid: int) -> float:
    """The process's proportional share of memory (its own pages, and shared ones divided among their
    users), in MiB; 0 where /proc cannot tell."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0.0)


@dataclass
class CpuMeter:
    """CPU used by each part between `start` and `stop`: the gateway, the desks, their database backends
    (PostgreSQL's server processes of each part's connections) and this process (the PBX and the readers)."""

    gateway: int
    desks: list[int]
    engine_url: str
    own_backends: tuple[int, ...]
    used: dict[str, float] = field(default_factory=dict)
    desk_backend_mib: list[float] = field(default_factory=list)
    # The server's connections at the last sample: the desks' (listening) and the gateway's.
    connections: tuple[int, int] = (0, 0)

    def _sample(self) -> dict[str, float]:
        with psycopg.connect(_conninfo(self.engine_url), autocommit=True) as connection:
            backends = connection.execute(
                "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
            ).fetchall()
        desk_backends = [pid for pid, name in backends if name == "inquiry-desk desk"]
        others = [
            pid for pid, name in backends if name != "inquiry-desk desk" and pid not in self.own_backends
        ]
        self.desk_backend_mib = [pss_mib(pid) for pid in desk_backends]
        self.connections = (len(desk_backends), len(others))
        times = os.times()
        return {
            "gateway": cpu_seconds(self.gateway),
            "gateway's backends": sum(map(cpu_seconds, others)),
            "desks": sum(map(cpu_seconds, self.desks)),
            "desks' backends": sum(map(cpu_seconds, desk_backends)),
            "this process (PBX, readers, floor)": times.user + times.system,
        }

    def start(self) -> None:
        self.used = self._sample()

    def stop(self) -> None:
        after = self._sample()
        self.used = {part: after[part] - self.used.get(part, 0.0) for part in after}


class NotifyFloor:
    """A bare `NOTIFY` on one psycopg connection, heard by `LISTEN` on another: what any desk's event
    costs at least. Each payload is a sequence number; `round_trips` pairs its sending and its hearing."""

    def __init__(self, conninfo: str) -> None:
        self._listener = psycopg.connect(conninfo, autocommit=True)
        self._listener.execute(f"LISTEN {FLOOR_CHANNEL}")
        self._sender = psycopg.connect(conninfo, autocommit=True)
        self.backends = (self._listener.info.backend_pid, self._sender.info.backend_pid)
        self._sent: dict[int, float] = {}
        self._heard: dict[int, float] = {}
        self._next = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="floor-listener", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stopping.is_set():
            for notification in self._listener.notifies(timeout=0.25):
                self._heard[int(notification.payload)] = time.perf_counter()

    def ping(self) -> int:
        number, self._next = self._next, self._next + 1
        self._sent[number] = time.perf_counter()
        self._sender.execute("SELECT pg_notify(%s, %s)", (FLOOR_CHANNEL, str(number)))
        return number

    def paced(self, count: int, interval: float, stop: threading.Event | None = None) -> range:
        """`count` pings, one every `interval` seconds (fewer if `stop` is set); the numbers sent."""
        first = self._next
        started = time.perf_counter()
        for index in range(count):
            if stop is not None and stop.is_set():
                break
            time.sleep(max(0.0, started + index * interval - time.perf_counter()))
            self.ping()
        return range(first, self._next)

    def round_trips(self, numbers: range) -> list[float]:
        wait_until(lambda: all(number in self._heard for number in numbers), 10, "the floor's notifications")
        return [self._heard[number] - self._sent[number] for number in numbers]

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=2)
        self._listener.close()
        self._sender.close()


@dataclass
class Load:
    """What was posted: when each event's post was sent, the desk each call is for, what the posts cost."""

    sent: dict[tuple[str, str], float] = field(default_factory=dict)
    desk_of: dict[str, str] = field(default_factory=dict)
    answered: list[float] = field(default_factory=list)
    behind: list[float] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def post_calls(port: int, desks: Sequence[tuple[str, str]], scale: Scale) -> Load:
    """`scale.rate` calls a second for `scale.seconds`, each on a thread of its own as a PBX's calls are."""
    load = Load()
    calls = round(scale.rate * scale.seconds)
    start = time.perf_counter() + 0.1

    def one_call(index: int, at: float) -> None:
        call_id = f"bench-{index}"
        login, extension = desks[index % len(desks)]
        load.desk_of[call_id] = login
        for kind, state, after in EVENTS:
            time.sleep(max(0.0, at + after - time.perf_counter()))
            users: object = [extension] if kind == "newCall" else extension
            fields = call(kind, call_id, f"03{55_500_000 + index % 100_000:08d}", user=users)
            load.sent[(call_id, state)] = sent = time.perf_counter()
            status, _reply = post(port, fields)
            load.answered.append(time.perf_counter() - sent)
            if status != 200:
                load.refused.append(f"{kind} {status}")

    threads = []
    for index in range(calls):
        at = start + index / scale.rate
        time.sleep(max(0.0, at - time.perf_counter()))
        load.behind.append(time.perf_counter() - at)
        thread = threading.Thread(target=one_call, args=(index, at), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return load


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    lost: int = 0
    misrouted: int = 0
    duplicated: int = 0


def tally(load: Load, followers: dict[str, DeskAppProcess]) -> Tally:
    """Each event at its desk: when first printed there; anything printed elsewhere, again, or never."""
    result = Tally()
    first: dict[tuple[str, str], float] = {}
    for login, follower in followers.items():
        for at, line in list(follower.stdout_arrivals):
            printed = json.loads(line)
            key = (printed["call_id"], printed["event"])
            if key not in load.sent or load.desk_of[key[0]] != login or printed["desk"] != login:
                result.misrouted += 1
            elif key in first:
                result.duplicated += 1
            else:
                first[key] = at
                result.latencies[key[1]].append(at - load.sent[key])
    result.lost = len(load.sent) - len(first)
    return result


def run(url: str, scale: Scale, folder: Path) -> int:
    engine = make_engine(url)
    upgrade(engine)
    staff = [(f"desk{n:03d}", f"Desk {n}", AgentRole.AGENT, str(2000 + n)) for n in range(1, scale.desks + 1)]
    add_staff(engine, staff)
    engine.dispose()
    desks = [(login, extension) for login, _name, _role, extension in staff]
    port = free_port()
    started = time.perf_counter()
    gateway = start_gateway(folder, url, port, TOKEN)
    followers = {login: start_follower(folder, url, login) for login, _extension in desks}
    floor = NotifyFloor(_conninfo(url))
    try:
        for follower in followers.values():
            wait_listening(follower, timeout=120)
        print(
            f"started       gateway and {len(followers)} followers in {time.perf_counter() - started:.1f} s"
        )
        idle_floor = floor.round_trips(floor.paced(IDLE_FLOOR_SAMPLES, 0.005))
        meter = CpuMeter(
            gateway.process.pid, [f.process.pid for f in followers.values()], url, floor.backends
        )
        meter.start()
        posting_done = threading.Event()
        events = round(scale.rate * scale.seconds) * len(EVENTS)
        pings: list[range] = []
        pinger = threading.Thread(
            target=lambda: pings.append(floor.paced(events, 1 / (scale.rate * len(EVENTS)), posting_done)),
            daemon=True,
        )
        pinger.start()
        load = post_calls(port, desks, scale)
        posting_done.set()
        pinger.join()
        deadline = time.monotonic() + DRAIN_SECONDS
        while sum(map(_printed, followers.values())) < len(load.sent) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a line printed twice comes right after the first
        meter.stop()
        loaded_floor = floor.round_trips(pings[0])
        _status, health = get(port, "/healthz")
    finally:
        floor.close()
        for follower in followers.values():
            follower.interrupt()
        gateway.interrupt()
    counts = next(
        (json.loads(line)["counts"] for line in reversed(gateway.stdout_lines) if '"counts"' in line), {}
    )
    result = tally(load, followers)
    print(
        f"load          {scale.rate:g} calls/s for {scale.seconds:g} s: {len(load.desk_of):,} calls,"
        f" {len(load.sent):,} events, over {len(desks)} desks"
    )
    print(
        f"events        lost {result.lost}, misrouted {result.misrouted}, duplicated {result.duplicated},"
        f" posts refused {len(load.refused)}"
    )
    print()
    report(load, result, idle_floor, loaded_floor)
    print()
    for part, seconds in meter.used.items():
        print(f"CPU           {part:<36}{seconds:6.1f} s   {seconds / len(load.sent) * 1e3:6.2f} ms/event")
    print(
        f"connections   desks {meter.connections[0]}, gateway {meter.connections[1]} (at the end of the load)"
    )
    if meter.desk_backend_mib:
        print(
            f"memory        each desk's database backend: {statistics.mean(meter.desk_backend_mib):.1f} MiB"
            f" (proportional share, mean of {len(meter.desk_backend_mib)})"
        )
    print(f"gateway       counts {json.dumps(counts, sort_keys=True)}")
    print(
        f"/healthz      desks listening {health['desks_listening']}, events today {health['events_today']},"
        f" waiting {health['events_waiting']}"
    )
    load_average = (
        ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )
    print(f"machine       {os.cpu_count()} cores, load average {load_average}")
    assert not load.refused, f"posts refused: {load.refused[:10]}"
    assert (result.lost, result.misrouted, result.duplicated) == (0, 0, 0), "every event at its desk, once"
    return 0


def report(load: Load, result: Tally, idle_floor: list[float], loaded_floor: list[float]) -> None:
    """The latencies, the floor's, their ratios and the goals."""
    _line("posting behind its schedule", load.behind)
    _line("POST answered (event stored)", load.answered)
    for _kind, state, _after in EVENTS:
        _line(f"  POST → {state} printed", result.latencies[state])
    every = [value for values in result.latencies.values() for value in values]
    median, p99 = _line("POST sent → event printed at desk", every)
    idle_median, idle_p99 = _line("floor: NOTIFY → LISTEN, idle", idle_floor)
    floor_median, floor_p99 = _line("floor: NOTIFY → LISTEN, under load", loaded_floor)
    print()
    for label, (base_median, base_p99) in (
        ("ratio to the floor under load", (floor_median, floor_p99)),
        ("ratio to the idle floor", (idle_median, idle_p99)),
    ):
        print(f"{label:<36}median {median / base_median:7.1f} ×   p99 {p99 / base_p99:7.1f} ×")
    print(f"{f'goal p99 ≤ {GOAL_P99_MS:g} ms':<36}{'met' if p99 <= GOAL_P99_MS else 'MISSED'}")
    verdict = "met" if p99 <= GOAL_FLOOR_TIMES * floor_p99 else "MISSED"
    print(f"{f'goal p99 ≤ {GOAL_FLOOR_TIMES:g} × the floor under load':<36}{verdict}")


def _printed(follower: DeskAppProcess) -> int:
    return len(follower.stdout_arrivals)


def _conninfo(url: str) -> str:
    """The libpq form of a SQLAlchemy URL, for psycopg itself."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--desks", type=int, help=f"follower processes (default {FULL.desks})")
    parser.add_argument("--rate", type=float, help=f"calls a second (default {FULL.rate:g})")
    parser.add_argument("--seconds", type=float, help=f"how long calls come in (default {FULL.seconds:g})")
    parser.add_argument(
        "--small",
        action="store_true",
        help=f"{SMALL.desks} desks, {SMALL.rate:g} calls/s for {SMALL.seconds:g} s (CI)",
    )
    args = parser.parse_args(argv)
    if args.small and (args.desks or args.rate or args.seconds):
        parser.error("--small sets the desks, the rate and the time")
    base = SMALL if args.small else FULL
    scale = Scale(args.desks or base.desks, args.rate or base.rate, args.seconds or base.seconds)
    with tempfile.TemporaryDirectory(prefix="bench_gateway_") as folder:
        # One audit key for this process and the ones it starts, inside the run's own folder.
        os.environ[KEY_ENV] = str(Path(folder, "audit.key"))
        with private_server() as (url, _control):
            return run(url, scale, Path(folder))


@pytest.mark.bench
def test_gateway_at_small_scale() -> None:
    assert main(["--small"]) == 0


if __name__ == "__main__":
    sys.exit(main())
