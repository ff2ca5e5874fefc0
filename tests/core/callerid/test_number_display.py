"""Number Display adapter output: every line form and line end adapters print, and one event per call."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.callerid.events import CallEvent
from desk_app.callerid.number_display import (
    MAX_LINE_BYTES,
    CallDate,
    CallerName,
    CallerNumber,
    CallTime,
    DisplayItem,
    NumberDisplayParser,
    Ring,
    Skipped,
    parse_line,
)
from desk_app.callerid.number_display_calls import CallAssembler
from desk_app.domain.enums import CallState, NoNumberReason

AT = dt.datetime(2026, 11, 26, 1, 2, 3, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("line", "item"),
    [
        (b"RING", Ring()),
        (b"ring", Ring()),
        (b"  RING \t", Ring()),
        (b"\x00\x11RING", Ring()),
        (b"DATE = 0321", CallDate(3, 21)),
        (b"DATE=1231", CallDate(12, 31)),
        (b"date   =   0101", CallDate(1, 1)),
        (b"TIME = 1405", CallTime(14, 5)),
        (b"TIME = 0000", CallTime(0, 0)),
        (b"NMBR = 0312345678", CallerNumber("0312345678", None)),
        (b"NMBR=09012345678", CallerNumber("09012345678", None)),
        (b"nmbr = 03-1234-5678", CallerNumber("03-1234-5678", None)),
        (b"NMBR = +81312345678", CallerNumber("+81312345678", None)),
        ("NMBR = ０３１２３４５６７８".encode(), CallerNumber("0312345678", None)),
        (b"DDN_NMBR = 0312345678", CallerNumber("0312345678", None)),
        (b"NMBR = P", CallerNumber(None, NoNumberReason.WITHHELD)),
        (b"NMBR = p", CallerNumber(None, NoNumberReason.WITHHELD)),
        (b"NMBR = O", CallerNumber(None, NoNumberReason.OUT_OF_AREA)),
        (b"NMBR = C", CallerNumber(None, NoNumberReason.PUBLIC_PHONE)),
        (b"NMBR = S", CallerNumber(None, NoNumberReason.SERVICE_CONFLICT)),
        (b"NMBR = E", CallerNumber(None, NoNumberReason.ERROR)),
        (b"NMBR = PRIVATE", CallerNumber(None, NoNumberReason.WITHHELD)),
        (b"NAME = Yamada Taro", CallerName("Yamada Taro")),
        ("NAME = ヤマダ タロウ".encode(), CallerName("ヤマダ タロウ")),
        ("NAME = ヤマダ".encode("cp932"), CallerName("ヤマダ")),
        ("NAME = ﾔﾏﾀﾞ".encode("cp932"), CallerName("ヤマダ")),
        (b"NAME = O", CallerName(None)),
        (b"NAME = P", CallerName(None)),
        (b"NAME =", CallerName(None)),
        (b"", None),
        (b"   ", None),
    ],
)
def test_reads_each_line_form(line: bytes, item: DisplayItem | None) -> None:
    assert parse_line(line) == item


@pytest.mark.parametrize(
    ("line", "why", "quiet"),
    [
        (b"OK", "modem response", True),
        (b"ERROR", "modem response", True),
        (b"NO CARRIER", "modem response", True),
        (b"AT+VCID=1", "modem response", True),
        (b"ATZ", "modem response", True),
        (b"MESG = 060342", "MESG ignored", True),
        (b"hello world", "unrecognised line", False),
        (b"\xff\xfe\x80RING", "unrecognised line", False),
        (b"FOO = bar", "unrecognised line", False),
        (b"NMBR = call me", "malformed NMBR", False),
        (b"NMBR =", "malformed NMBR", False),
        (b"NMBR = " + b"1" * 40, "malformed NMBR", False),
        (b"DATE = 1332", "malformed DATE", False),
        (b"DATE = 03-21", "malformed DATE", False),
        (b"TIME = 2460", "malformed TIME", False),
        (b"TIME = \xff\xff", "malformed TIME", False),
    ],
)
def test_skips_noise_and_says_why_without_repeating_it(line: bytes, why: str, quiet: bool) -> None:
    item = parse_line(line)
    assert isinstance(item, Skipped)
    assert (item.why, item.quiet, item.length) == (why, quiet, len(line))


BURST = b"RING\r\n\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 0312345678\r\n\r\nRING\r\n"
BURST_ITEMS = [Ring(), CallDate(3, 21), CallTime(14, 5), CallerNumber("0312345678", None), Ring()]


@pytest.mark.parametrize("line_end", [b"\r\n", b"\n", b"\r", b"\n\r", b"\r\r\n"])
def test_every_line_end_reads_the_same(line_end: bytes) -> None:
    data = BURST.replace(b"\r\n", line_end)
    assert NumberDisplayParser().feed(data) == BURST_ITEMS


def test_keeps_a_partial_line_until_its_end_arrives() -> None:
    parser = NumberDisplayParser()
    assert parser.feed(b"NM") == []
    assert parser.mid_line
    assert parser.feed(b"BR = 03123") == []
    assert parser.feed(b"45678") == []
    assert parser.feed(b"\r") == [CallerNumber("0312345678", None)]
    assert parser.feed(b"\nRI") == []
    assert parser.feed(b"NG\n") == [Ring()]
    assert not parser.mid_line
    assert parser.buffered == 0


def test_skips_an_absurdly_long_line_without_keeping_it() -> None:
    parser = NumberDisplayParser()
    items = []
    for _ in range(50):
        items += parser.feed(b"x" * 1000)
        assert parser.buffered <= MAX_LINE_BYTES
    items += parser.feed(b"still the same line\r\nRING\r\n")
    assert items == [Skipped("line too long", MAX_LINE_BYTES), Ring()]
    assert parser.buffered == 0


def test_a_long_line_inside_one_chunk_is_skipped_too() -> None:
    items = NumberDisplayParser().feed(b"NMBR = " + b"9" * 5000 + b"\r\nRING\r\n")
    assert items == [Skipped("line too long", MAX_LINE_BYTES), Ring()]


def test_a_line_of_exactly_the_limit_is_still_read() -> None:
    line = b"NAME = " + b"a" * (MAX_LINE_BYTES - 7)
    assert len(line) == MAX_LINE_BYTES
    assert NumberDisplayParser().feed(line + b"\n") == [CallerName("a" * (MAX_LINE_BYTES - 7))]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=5000), cuts=st.lists(st.integers(min_value=0, max_value=5000), max_size=30))
def test_any_bytes_in_any_chunks_never_raise_or_grow_the_buffer(data: bytes, cuts: list[int]) -> None:
    parser = NumberDisplayParser()
    assembler = CallAssembler(line="COM3", ring_gap_seconds=8)
    bounds = sorted({0, len(data), *(cut for cut in cuts if cut <= len(data))})
    for now, (start, end) in enumerate(itertools.pairwise(bounds)):
        for item in parser.feed(data[start:end]):
            assembler.accept(item, float(now))
        assert parser.buffered <= MAX_LINE_BYTES
    assembler.idle(1000.0)


def _summary(events: list[CallEvent]) -> list[tuple[object, ...]]:
    return [(e.state, e.number_e164, e.raw_number, e.reason, e.caller_name, e.line) for e in events]


def _run(chunks: list[bytes], *, quiet_at: float = 1.0) -> list[CallEvent]:
    parser = NumberDisplayParser()
    assembler = CallAssembler(line="COM3", ring_gap_seconds=8, clock=lambda: AT)
    events: list[CallEvent] = []
    for chunk in chunks:
        for item in parser.feed(chunk):
            events += assembler.accept(item, 0.0)
    return events + assembler.idle(quiet_at)


BURSTS = [
    b"RING\r\nDATE = 0321\r\nTIME = 1405\r\nNMBR = 0312345678\r\n",
    b"DATE=0321\nTIME=1405\nNMBR=0312345678\nNAME=Yamada\nRING\n",
    b"RING\r\n\r\nDATE = 1231\r\nTIME = 2359\r\nNMBR = P\r\n\r\nRING\r\n",
    b"OK\r\nRING\n\rnmbr = c\n\rgarbage\xff\xfe\n\rRING\n\r",
    "RING\r\nNMBR = 09012345678\r\nNAME = ヤマダ\r\n".encode("cp932"),
]


@settings(max_examples=200, deadline=None)
@given(burst=st.sampled_from(BURSTS), cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=12))
def test_a_burst_split_anywhere_gives_the_same_event(burst: bytes, cuts: list[int]) -> None:
    bounds = sorted({0, len(burst), *(cut for cut in cuts if cut <= len(burst))})
    chunks = [burst[start:end] for start, end in itertools.pairwise(bounds)]
    assert _summary(_run(chunks)) == _summary(_run([burst]))
    assert [e.state for e in _run(chunks)] == [CallState.RINGING]


class Adapter:
    """Feeds lines to a parser and assembler at chosen moments, like the serial thread does."""

    def __init__(self, ring_gap: float = 8.0) -> None:
        self.parser = NumberDisplayParser()
        self.calls = iter(f"call-{n}" for n in itertools.count(1))
        self.assembler = CallAssembler(
            line="COM3", ring_gap_seconds=ring_gap, clock=lambda: AT, new_call_id=lambda: next(self.calls)
        )
        self.events: list[CallEvent] = []

    def send(self, at: float, data: bytes) -> list[CallEvent]:
        new: list[CallEvent] = []
        for item in self.parser.feed(data):
            new += self.assembler.accept(item, at)
        self.events += new
        return new

    def quiet(self, at: float) -> list[CallEvent]:
        new = self.assembler.idle(at)
        self.events += new
        return new


def test_japanese_order_rings_once_then_misses_when_the_rings_stop() -> None:
    adapter = Adapter()
    assert adapter.send(0.0, b"RING\r\n") == []
    assert adapter.quiet(0.5) == []
    adapter.send(1.0, b"DATE = 0321\r\nTIME = 1405\r\nNMBR = 0312345678\r\n")
    [ringing] = adapter.quiet(1.1)
    assert (ringing.state, ringing.number_display, ringing.call_id, ringing.line) == (
        CallState.RINGING,
        "03-1234-5678",
        "call-1",
        "COM3",
    )
    assert ringing.at == AT
    for second in (4.0, 7.0, 10.0):
        assert adapter.send(second, b"RING\r\n") == []
        assert adapter.quiet(second + 0.5) == []
    [missed] = adapter.quiet(18.0)
    assert (missed.state, missed.call_id, missed.number_e164) == (CallState.MISSED, "call-1", "+81312345678")


def test_id_before_the_first_ring_rings_once() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"DATE=0321\nTIME=1405\nNMBR=0612345678\n")
    [ringing] = adapter.quiet(0.1)
    adapter.send(1.0, b"RING\n")
    adapter.send(4.0, b"RING\n")
    assert ringing.number_display == "06-1234-5678"
    assert [e.state for e in adapter.events] == [CallState.RINGING]


def test_a_name_after_the_number_completes_the_burst_at_once() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"RING\n")
    assert adapter.send(0.1, b"NMBR = 0312345678\n") == []
    [ringing] = adapter.send(0.2, "NAME = ﾔﾏﾀﾞ ﾀﾛｳ\n".encode("cp932"))
    assert ringing.caller_name == "ヤマダ タロウ"


@pytest.mark.parametrize("code", ["P", "O", "C", "S", "E"])
def test_a_reason_code_rings_with_the_reason_and_no_number(code: str) -> None:
    adapter = Adapter()
    adapter.send(0.0, f"RING\r\nNMBR = {code}\r\n".encode())
    [ringing] = adapter.quiet(0.1)
    assert ringing.reason is NoNumberReason.from_code(code)
    assert (ringing.number_e164, ringing.number_display, ringing.raw_number) == (None, None, None)


def test_a_number_the_desk_cannot_read_keeps_its_raw_text() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"RING\nNMBR = 12\n")
    [ringing] = adapter.quiet(0.1)
    assert (ringing.raw_number, ringing.number_e164, ringing.reason) == ("12", None, None)


def test_rings_without_any_id_ring_at_the_second_ring_and_a_late_id_rings_again() -> None:
    adapter = Adapter()
    assert adapter.send(0.0, b"RING\n") == []
    assert adapter.quiet(1.0) == []
    [no_id] = adapter.send(3.0, b"RING\n")
    assert (no_id.raw_number, no_id.reason) == (None, None)
    [late] = adapter.send(3.5, b"NMBR = 0312345678\n")
    assert (late.state, late.call_id, late.number_display) == (CallState.RINGING, "call-1", "03-1234-5678")


def test_a_single_ring_then_silence_is_a_missed_call() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"RING\n")
    assert [e.state for e in adapter.quiet(9.0)] == [CallState.RINGING, CallState.MISSED]


def test_a_repeated_id_block_is_the_same_call() -> None:
    adapter = Adapter()
    for second in (0.0, 3.0, 6.0):
        adapter.send(second, b"RING\nNMBR = 0312345678\n")
        adapter.quiet(second + 0.1)
    assert [e.state for e in adapter.events] == [CallState.RINGING]


def test_another_callers_id_ends_the_last_call_and_rings_a_new_one() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"RING\nNMBR = 0312345678\n")
    adapter.quiet(0.1)
    ended = adapter.send(2.0, b"RING\nNMBR = O\n")
    adapter.quiet(2.1)
    assert [(e.state, e.call_id) for e in ended] == [(CallState.MISSED, "call-1")]
    assert [(e.state, e.call_id, e.reason) for e in adapter.events[2:]] == [
        (CallState.RINGING, "call-2", NoNumberReason.OUT_OF_AREA)
    ]


def test_an_answer_the_desk_learns_of_ends_the_call_as_ended() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"RING\nNMBR = 0312345678\n")
    adapter.quiet(0.1)
    [answered] = adapter.assembler.mark_answered("call-1")
    assert adapter.assembler.mark_answered("call-1") == []
    assert adapter.assembler.mark_answered("call-9") == []
    [ended] = adapter.quiet(10.0)
    assert (answered.state, ended.state) == (CallState.ANSWERED, CallState.ENDED)


def test_stray_lines_without_ring_or_number_are_not_a_call() -> None:
    adapter = Adapter()
    adapter.send(0.0, b"DATE = 0321\nTIME = 1405\nOK\nNAME = x\n")
    adapter.quiet(0.1)
    adapter.quiet(20.0)
    assert adapter.events == []


def test_noise_between_rings_does_not_keep_a_call_alive() -> None:
    adapter = Adapter(ring_gap=8.0)
    adapter.send(0.0, b"RING\nNMBR = 0312345678\n")
    adapter.quiet(0.1)
    for second in range(1, 12):
        adapter.send(float(second), b"OK\r\nnoise\r\n")
    assert [e.state for e in adapter.events] == [CallState.RINGING, CallState.MISSED]
