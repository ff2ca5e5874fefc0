"""The simulator, the hub that runs every source at once, and the monitor command called in-process."""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import urllib.parse
import urllib.request

import pytest

from desk_app.callerid.cti import CtiListener
from desk_app.callerid.events import CallEvent
from desk_app.callerid.hub import CallerIdHub, sources_from_config
from desk_app.callerid.serial_source import SerialAdapterSource
from desk_app.callerid.simulator import CallSimulator, UnknownCall
from desk_app.callerid.source import SourceStatus
from desk_app.cli.callerid import add_monitor_arguments, run_monitor
from desk_app.cli.callerid_ring import add_ring_arguments, run_ring
from desk_app.cli.common import host_port
from desk_app.config import Config, CtiSource, SerialSource, parse_config
from desk_app.domain.enums import CallSource, CallState, NoNumberReason, SourceState


@pytest.fixture
def simulator() -> CallSimulator:
    return CallSimulator()


def test_simulated_call_rings_is_answered_and_ends(simulator: CallSimulator) -> None:
    events: list[CallEvent] = []
    simulator.start(events.append, lambda _status: None)
    call_id = simulator.ring("03-1234-5678")
    simulator.answer(call_id, line="desk 2")
    simulator.answer(call_id)
    simulator.hang_up(call_id)
    assert [(e.state, e.call_id) for e in events] == [
        (CallState.RINGING, call_id),
        (CallState.ANSWERED, call_id),
        (CallState.ENDED, call_id),
    ]
    assert {e.source for e in events} == {CallSource.SIMULATOR}
    assert (events[0].number_display, events[0].line, events[1].line) == (
        "03-1234-5678",
        "simulator",
        "desk 2",
    )


@pytest.mark.parametrize(
    ("shown", "reason"),
    [
        (NoNumberReason.PUBLIC_PHONE, NoNumberReason.PUBLIC_PHONE),
        ("withheld", NoNumberReason.WITHHELD),
        ("anonymous", NoNumberReason.WITHHELD),
        ("O", NoNumberReason.OUT_OF_AREA),
        ("service_conflict", NoNumberReason.SERVICE_CONFLICT),
    ],
)
def test_simulated_call_without_a_number(
    simulator: CallSimulator, shown: str | NoNumberReason, reason: NoNumberReason
) -> None:
    events: list[CallEvent] = []
    simulator.start(events.append, lambda _status: None)
    simulator.hang_up(simulator.ring(shown))
    assert [(e.state, e.reason, e.raw_number) for e in events] == [
        (CallState.RINGING, reason, None),
        (CallState.MISSED, reason, None),
    ]


def test_simulator_refuses_unknown_calls_and_use_before_start(simulator: CallSimulator) -> None:
    with pytest.raises(RuntimeError, match="not started"):
        simulator.ring("0312345678")
    simulator.start(lambda _event: None, lambda _status: None)
    with pytest.raises(UnknownCall):
        simulator.answer("sim-nope")
    with pytest.raises(UnknownCall):
        simulator.hang_up("sim-nope")


def test_hub_runs_sources_together_and_keeps_their_states(simulator: CallSimulator) -> None:
    events: list[CallEvent] = []
    statuses: list[SourceStatus] = []
    cti = CtiListener("t0ken", port=0)
    hub = CallerIdHub([cti, simulator], events.append, statuses.append)
    assert hub.describe() == "CTI 127.0.0.1:0 stopped; simulator stopped"
    hub.start()
    try:
        assert hub.describe() == f"CTI 127.0.0.1:{cti.bound_port} listening; simulator connected"
        simulator.ring("0312345678")
        request = urllib.request.Request(
            f"http://127.0.0.1:{cti.bound_port}/api/v1/cti/t0ken",
            data=urllib.parse.urlencode({"event": "newCall", "from": "anonymous", "callId": "p"}).encode(),
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=5) as response:
            assert response.status == 200
    finally:
        hub.stop()
        hub.stop()
    assert [e.source for e in events] == [CallSource.SIMULATOR, CallSource.CTI]
    assert {s.state for s in hub.statuses()} == {SourceState.STOPPED}
    assert [s.state for s in statuses][:2] == [SourceState.LISTENING, SourceState.CONNECTED]


def test_a_consumer_that_raises_does_not_stop_the_source(
    simulator: CallSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: CallEvent) -> None:
        raise RuntimeError(f"consumer bug with {event.raw_number}")

    simulator.start(broken, lambda _status: None)
    simulator.ring("0312345678")
    assert "consumer failed on a CallEvent: RuntimeError" in caplog.text
    assert "0312345678" not in caplog.text


def test_the_hub_tells_serial_sources_of_answers() -> None:
    serial = SerialAdapterSource("/nonexistent/tty")
    hub = CallerIdHub([serial], lambda _event: None)
    hub.mark_answered("serial-unknown")  # no such call: nothing happens, nothing raises


def test_sources_from_config() -> None:
    config = Config(serial_sources=(SerialSource("COM3"),), cti_sources=(CtiSource("tok", "0.0.0.0", 9000),))
    names = [source.name for source in sources_from_config(config)]
    assert names == ["serial COM3", "CTI 0.0.0.0:9000"]
    assert sources_from_config(parse_config("")) == []
    assert CallerIdHub([], lambda _event: None).describe() == "no caller-ID source configured"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("127.0.0.1:8765", ("127.0.0.1", 8765)), ("[::1]:80", ("::1", 80)), ("desk.local:0", ("desk.local", 0))],
)
def test_host_port(text: str, expected: tuple[str, int]) -> None:
    assert host_port(text) == expected


@pytest.mark.parametrize("text", ["8765", ":8765", "host:", "host:port", "host:70000"])
def test_host_port_refuses(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        host_port(text)


def test_monitor_in_process_prints_simulated_json(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_monitor_arguments(parser)
    args = parser.parse_args(["--cti", "127.0.0.1:0", "--cti-token", "t", "--json", "--max-events", "1"])
    config = Config()
    # The monitor runs here on a thread; the main thread plays the PBX once the port is known.
    outcome: list[int] = []
    thread = threading.Thread(target=lambda: outcome.append(run_monitor(args, config)))
    thread.start()
    try:
        port = _listening_port(capsys)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/cti/t",
            data=b"event=newCall&from=0312345678&callId=9&direction=in",
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=5):
            pass
    finally:
        thread.join(timeout=10)
    assert outcome == [0]
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["number_e164"] == "+81312345678"


def _listening_port(capsys: pytest.CaptureFixture[str]) -> int:
    deadline = time.monotonic() + 10
    seen = ""
    while time.monotonic() < deadline:
        seen += capsys.readouterr().err
        match = re.search(r"CTI 127\.0\.0\.1:(\d+) listening", seen)
        if match:
            return int(match.group(1))
        time.sleep(0.01)
    raise AssertionError(f"the monitor never listened: {seen}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no caller-ID source"),
        (["--cti", "127.0.0.1:0"], "--cti needs a token"),
        (["--cti-token", "x"], "--cti-token needs --cti"),
    ],
)
def test_monitor_usage_mistakes(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_APP_CTI_TOKEN", raising=False)
    parser = argparse.ArgumentParser()
    add_monitor_arguments(parser)
    assert run_monitor(parser.parse_args(args), Config()) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["not-a-number", "--cti", "127.0.0.1:9", "--token", "t"], "'not-a-number' is not a phone number"),
        (["0312345678"], "no CTI endpoint"),
        (["0312345678", "--cti", "127.0.0.1:9"], "no CTI token"),
    ],
)
def test_ring_usage_mistakes(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_APP_CTI_TOKEN", raising=False)
    parser = argparse.ArgumentParser()
    add_ring_arguments(parser)
    assert run_ring(parser.parse_args(args), Config()) == 2
    assert message in capsys.readouterr().err
