"""Hostile and odd input, as properties: phone numbers written any way, Number Display lines, CTI requests,
and text with control or text-direction characters on its way in (imports), out (terminals) and to Excel.

Complements the example tests and the properties already in test_phones.py (any text) and
test_number_display.py (any bytes in any chunks): here the inputs are shaped like the real thing, so the
interesting paths (valid numbers, well-formed lines, requests that pass the token) are reached often.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import re
import socket
import string
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.cti import CtiListener
from desk_app.callerid.cti_http import CtiHttpServer
from desk_app.callerid.cti_request import (
    MAX_CALL_ID_LENGTH,
    MAX_FIELD_LENGTH,
    CtiRequest,
    CtiRequestError,
    parse_cti_request,
)
from desk_app.callerid.events import CallEvent
from desk_app.callerid.number_display import (
    CallDate,
    CallerName,
    CallerNumber,
    CallTime,
    DisplayItem,
    NumberDisplayParser,
    Ring,
)
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import (
    FORMULA_STARTS,
    csv_cell,
    for_terminal,
    from_csv_cell,
    is_formula,
    json_for_terminal,
    text_problem,
)
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import CUSTOMER_COLUMNS
from desk_app.services.admin.imports import import_file
from desk_app.services.customers.calls import record_call_event
from desk_app.storage.models import CallRecord, Customer, Phone

E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
_KEY = RegisterKey(b"erased-register key of the property tests")
_IMPORT_HEADERS = [column.header for column in CUSTOMER_COLUMNS]


def _customer_row(number: str, **values: str) -> list[str]:
    row = dict.fromkeys(_IMPORT_HEADERS, "")
    row.update({"顧客番号": number, "氏名": "山田 太郎", "氏名カナ": "ヤマダ タロウ", **values})
    return [row[header] for header in _IMPORT_HEADERS]


# The answers docs/CALLER_ID.md promises; anything else (a 5xx above all) is a bug.
DOCUMENTED_STATUSES = frozenset({200, 400, 401, 403, 404, 405, 411, 413, 415})

# --- phone numbers ------------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("0123456789-+()", "０１２３４５６７８９－＋（）")
_PHONE_PREFIXES = [
    "0",
    "03",
    "06",
    "090",
    "080",
    "0120",
    "050",
    "+81",
    "+81 (0)",
    "tel:+81",
    "81",
    "+1 ",
    "+44 ",
]
_PHONE_NOISE = ["", " ", "-", "－", "ー", "‐", "(", ")", " 自宅", "携帯 ", "内線12", "x", "TEL:", ";ext=1"]


@st.composite
def phone_like(draw: st.DrawFn) -> str:
    """Text shaped like a phone number as people, forms and exchanges write one; often valid, often not."""
    parts = [draw(st.sampled_from(_PHONE_PREFIXES))]
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(st.text(alphabet=string.digits, min_size=1, max_size=5)))
        parts.append(draw(st.sampled_from(_PHONE_NOISE)))
    text = "".join(parts)
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return text


@settings(max_examples=300, deadline=None)
@given(st.one_of(phone_like(), st.text(max_size=40)))
# A free-dial prefix the parser keeps with its leading zeros: sixteen digits, more than E.164 allows.
@example("00660000000000")
def test_phone_numbers_normalise_to_one_e164_form_or_are_refused(text: str) -> None:
    try:
        number = normalise(text)
    except InvalidPhoneNumber:
        return  # the one refusal allowed; anything else propagates and fails the test
    assert E164.fullmatch(number.e164), number.e164
    assert normalise(number.e164) == number
    assert normalise(number.national) == number


# --- Number Display lines -----------------------------------------------------------------------------

_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"


def _spacing(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", " ", "  ", "\t"]))


@st.composite
def display_lines(draw: st.DrawFn) -> tuple[bytes, DisplayItem]:
    """One well-formed adapter line as some adapter prints it, and the item it means."""
    kind = draw(st.sampled_from(["ring", "date", "time", "number", "name"]))
    key_case = draw(st.sampled_from([str.upper, str.lower, str.title]))
    if kind == "ring":
        return key_case("RING").encode(), Ring()
    if kind == "date":
        month, day = draw(st.integers(1, 12)), draw(st.integers(1, 31))
        item: DisplayItem = CallDate(month, day)
        key, value = "DATE", f"{month:02d}{day:02d}"
    elif kind == "time":
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        item, key, value = CallTime(hour, minute), "TIME", f"{hour:02d}{minute:02d}"
    elif kind == "number":
        value = draw(st.sampled_from(["0", "+81"])) + draw(st.text(string.digits, min_size=6, max_size=12))
        item, key = CallerNumber(value, None), draw(st.sampled_from(["NMBR", "DDN_NMBR"]))
    else:
        value = draw(st.text(alphabet=_KATAKANA + string.ascii_letters, min_size=2, max_size=16))
        item, key = CallerName(value), "NAME"
    encoding = "cp932" if kind == "name" and draw(st.booleans()) else "utf-8"
    line = f"{key_case(key)}{_spacing(draw)}={_spacing(draw)}{value}{_spacing(draw)}"
    return line.encode(encoding), item


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(display_lines(), min_size=1, max_size=8),
    line_end=st.sampled_from([b"\r\n", b"\n", b"\r", b"\n\r"]),
    chunk=st.integers(1, 64),
)
def test_well_formed_lines_read_back_as_the_items_they_print(
    lines: list[tuple[bytes, DisplayItem]], line_end: bytes, chunk: int
) -> None:
    stream = b"".join(line + line_end for line, _item in lines)
    parser = NumberDisplayParser()
    read: list[DisplayItem] = []
    for start in range(0, len(stream), chunk):
        read += parser.feed(stream[start : start + chunk])
    assert read == [item for _line, item in lines]


# --- CTI requests: the parser -------------------------------------------------------------------------

FIELD_NAMES = [
    "event",
    "from",
    "to",
    "direction",
    "callId",
    "user",
    "user[]",
    "queue",
    "cause",
    "answeringNumber",
]
_EVENTS = ["newCall", "answer", "hangup", "newcall", "", "ring"]
_field_values = st.one_of(
    st.sampled_from([*_EVENTS, "in", "out", "anonymous", "0312345678", "493012345678", "normalClearing"]),
    st.text(max_size=40),
    st.text(min_size=MAX_FIELD_LENGTH - 2, max_size=MAX_FIELD_LENGTH + 2),
)
_json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _field_values)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_field_names = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))


@st.composite
def cti_bodies(draw: st.DrawFn) -> tuple[str, bytes]:
    """A content type and a body: form fields, JSON, near-misses of both, or any bytes."""
    shape = draw(st.sampled_from(["call", "call", "form", "json", "long number", "bytes"]))
    if shape == "long number":
        # A JSON number longer than any field, up to past Python's own limit on converting digits (4300).
        digits = draw(st.sampled_from([MAX_CALL_ID_LENGTH, MAX_FIELD_LENGTH + 1, 4300, 4301, 5000, 20000]))
        name = draw(st.sampled_from(["callId", "from", "user", "x"]))
        number = draw(st.sampled_from(["1", "-9"])) + "7" * (digits - 1)
        call = {"event": "newCall", "callId": "c1", "from": "0312345678"}
        body = (json.dumps({**call, name: "@"}).replace('"@"', number)).encode()
        return "application/json", body
    if shape == "call":
        # A request a PBX could send, its fields at and around their length limits.
        call = {
            "event": draw(st.sampled_from(["newCall", "answer", "hangup"])),
            "callId": draw(st.text(min_size=1, max_size=MAX_CALL_ID_LENGTH)),
            "from": draw(st.one_of(_field_values, st.text(min_size=60, max_size=MAX_FIELD_LENGTH))),
            "to": draw(_field_values),
            "direction": draw(st.sampled_from(["in", "in", "out", "IN"])),
            "queue": draw(st.text(max_size=MAX_FIELD_LENGTH)),
        }
        as_json = draw(st.booleans())
        body = json.dumps(call).encode() if as_json else urlencode(call).encode()
        content_type = "application/json" if as_json else "application/x-www-form-urlencoded"
    elif shape == "form":
        pairs = draw(st.lists(st.tuples(_field_names, _field_values), max_size=14))
        body = urlencode(pairs).encode()
        content_type = draw(st.sampled_from(["", "application/x-www-form-urlencoded", "text/plain"]))
    elif shape == "json":
        document = draw(st.one_of(st.dictionaries(_field_names, _json_values, max_size=12), _json_values))
        body = json.dumps(document).encode()
        content_type = draw(st.sampled_from(["application/json", "application/vnd.pbx+json; charset=utf-8"]))
    else:
        body = draw(st.binary(max_size=300))
        content_type = draw(st.sampled_from(["", "application/json", "multipart/form-data", "\x00;;"]))
    return content_type, body


@settings(max_examples=400, deadline=None)
@given(cti_bodies())
def test_the_cti_parser_accepts_a_checked_request_or_refuses_with_400_or_415(body: tuple[str, bytes]) -> None:
    content_type, payload = body
    outcome: CtiRequest | CtiRequestError
    try:
        outcome = parse_cti_request(content_type, payload)
    except CtiRequestError as refused:
        outcome = refused
    if isinstance(outcome, CtiRequestError):
        assert outcome.status in (400, 415)
        return
    request = outcome
    assert 0 < len(request.call_id) <= MAX_CALL_ID_LENGTH
    for text in (request.caller, request.callee, *request.users):
        assert isinstance(text, str)
        assert len(text) <= MAX_FIELD_LENGTH


# --- CTI requests: the endpoint, over HTTP, into the call log ------------------------------------------

TOKEN = "pr0perty-T0ken"
_METHODS = st.sampled_from(["POST"] * 8 + ["GET", "PUT", "OPTIONS", "TRACE", "BREW", "M-SEARCH"])
_PATHS = st.sampled_from(
    [
        f"/api/v1/cti/{TOKEN}",
        f"/api/v1/cti/{TOKEN}",
        f"/api/v1/cti/{TOKEN}",
        f"/api/v1/cti/{TOKEN}/",
        f"/api/v1/cti/{TOKEN}?x=1",
        "/api/v1/cti/wrong",
        "/api/v1/cti",
        "/api/v1/cti/a/b",
        "/",
        "/api/v1/cti/%00",
    ]
)
_header_values = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"), max_size=30
)


@dataclass
class Exchange:
    """One raw HTTP request the property sends: the request line, headers and body as bytes."""

    method: str
    path: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def encode(self) -> bytes:
        head = [f"{self.method} {self.path} HTTP/1.1", "Host: 127.0.0.1"]
        head += [f"{name}: {value}" for name, value in self.headers]
        return "\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + self.body


@st.composite
def exchanges(draw: st.DrawFn) -> Exchange:
    content_type, body = draw(cti_bodies())
    headers: list[tuple[str, str]] = []
    length = draw(
        st.sampled_from(
            ["right", "right", "right", "missing", "short", "long", "huge", "digits", "junk", "negative"]
        )
    )
    lengths = {
        "right": str(len(body)),
        "short": str(max(0, len(body) - 3)),
        "long": str(len(body) + 3),
        "huge": str(10**9),
        # Thousands of digits: more than Python converts to an int (4300) without being told to.
        "digits": draw(st.sampled_from(["0" * 5000 + str(len(body)), "9" * 5000, "1" * 4301])),
        "junk": draw(_header_values),
        "negative": "-1",
    }
    if length in lengths:
        headers.append(("Content-Length", lengths[length]))
    if content_type or draw(st.booleans()):
        headers.append(("Content-Type", content_type))
    if draw(st.integers(0, 9)) == 0:
        headers.append(("Transfer-Encoding", "chunked"))
    names = st.sampled_from(["X-Forwarded-For", "Accept", "User-Agent", "Expect", "Connection", "X-Junk"])
    headers += draw(st.lists(st.tuples(names, _header_values), max_size=4))
    return Exchange(draw(_METHODS), draw(_PATHS), headers, body)


def _status(port: int, exchange: Exchange) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(exchange.encode())
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_WR)  # the client has said all it will
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    assert status_line.startswith("HTTP/1."), (
        f"no status line for {exchange.encode()[:300]!r}: {answer[:80]!r}"
    )
    return int(status_line.split()[1])


class RecordingEndpoint(CtiListener):
    """The CTI endpoint recording what it accepts into the call log, as the desk's screen pop flow does."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(TOKEN, port=0, request_timeout=0.5)
        self.failures: list[Exception] = []
        self._sessions = sessions

    def record_into_call_log(self, event: CallEvent) -> None:
        try:
            with self._sessions.begin() as session:
                record_call_event(session, event)
        except Exception as exc:
            self.failures.append(exc)


@pytest.fixture
def endpoint(sessions: sessionmaker[Session]) -> Iterator[RecordingEndpoint]:
    listener = RecordingEndpoint(sessions)
    listener.start(listener.record_into_call_log, lambda _status: None)
    yield listener
    listener.stop()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exchange=exchanges())
def test_the_endpoint_answers_every_request_with_a_documented_status(
    endpoint: RecordingEndpoint, sessions: sessionmaker[Session], exchange: Exchange
) -> None:
    assert endpoint.bound_port is not None
    status = _status(endpoint.bound_port, exchange)
    assert status in DOCUMENTED_STATUSES, (status, exchange)
    accepted = status == 200
    if accepted:
        assert exchange.method == "POST"
        assert exchange.path.split("?")[0].rstrip("/") == f"/api/v1/cti/{TOKEN}"
    assert not endpoint.failures, endpoint.failures  # an accepted call always fits the call log
    # Nothing half-written: every row in the call log is a whole, well-formed call.
    with sessions() as session:
        for row in session.scalars(select(CallRecord)):
            assert row.source == "cti"
            assert 0 < len(row.call_id) <= MAX_CALL_ID_LENGTH
            assert row.e164 is None or E164.fullmatch(row.e164)
            assert row.started_at is not None
            assert row.ended_at is None or row.ended_at >= row.started_at


def test_a_call_with_fields_at_the_cti_limits_is_recorded_within_the_call_log_columns(
    endpoint: RecordingEndpoint, sessions: sessionmaker[Session]
) -> None:
    assert endpoint.bound_port is not None
    long_ids = ["x" * MAX_CALL_ID_LENGTH, "x" * (MAX_CALL_ID_LENGTH - 1) + "y"]
    for call_id in long_ids:
        body = urlencode(
            {"event": "newCall", "callId": call_id, "from": "0" * MAX_FIELD_LENGTH, "queue": "q" * 256}
        ).encode()
        exchange = Exchange("POST", f"/api/v1/cti/{TOKEN}", [("Content-Length", str(len(body)))], body)
        assert _status(endpoint.bound_port, exchange) == 200
    assert not endpoint.failures
    with sessions() as session:
        rows = list(session.scalars(select(CallRecord)))
    assert len(rows) == 2  # two calls, though their ids share the first 64 characters
    for row in rows:
        assert len(row.call_id) <= 64
        assert row.raw_number is not None
        assert len(row.raw_number) <= 64
        assert row.line is not None
        assert len(row.line) <= 32


# --- text at the desk's edges: stored, shown on a terminal, written to CSV -----------------------------

_UNSAFE_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x00, max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from([chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]),
)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Text as names and addresses are written, with the characters that break things mixed in now and then.
_people_text = st.text(
    alphabet=st.one_of(
        st.sampled_from("山田太郎髙島ビル①ｱｲｳアイウエオあいう 　-1234=+@'\"、。"),
        st.characters(codec="utf-8"),
        _UNSAFE_CHARACTERS,
    ),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(_people_text)
def test_a_terminal_never_gets_a_control_or_text_direction_character(text: str) -> None:
    shown = for_terminal(text)
    assert _UNSAFE.search(shown) is None
    # Clean text is shown as it is; text the desk would refuse is always shown changed.
    assert (shown == text) == (text_problem(text) is None)
    assert (text_problem(text) is None) == (_UNSAFE.search(text) is None)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.integers(), _people_text),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_people_text, inner, max_size=4),
        max_leaves=10,
    )
)
def test_json_for_a_terminal_is_the_same_json_without_raw_control_characters(value: object) -> None:
    text = json_for_terminal(value)
    assert _UNSAFE.search(text) is None
    assert json.loads(text) == value


@settings(max_examples=500, deadline=None)
@given(st.one_of(_people_text, st.from_regex(r"['=+\-@\t\r＝＋－＠][^\n]{0,12}", fullmatch=True)))
def test_a_csv_cell_is_never_a_formula_and_reads_back_exactly(text: str) -> None:
    cell = csv_cell(text)
    assert not is_formula(cell)
    assert from_csv_cell(cell) == text
    if not text.lstrip("'").startswith(FORMULA_STARTS):
        assert cell == text


_IMPORT_TEXT_HEADERS = ["氏名", "市区町村", "番地", "建物名", "勤務先名"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.sampled_from(_IMPORT_TEXT_HEADERS),
    before=st.text(alphabet="山田千代田ビル1-", min_size=1, max_size=4),
    unsafe=_UNSAFE_CHARACTERS,
    after=st.text(alphabet="太郎区町ビル2", min_size=1, max_size=4),
    formula=st.sampled_from(["", "=", "+", "-", "@", "＝"]),
)
def test_an_imported_value_with_a_control_character_is_rejected_and_the_rejects_read_back(
    sessions: sessionmaker[Session],
    tmp_path_factory: pytest.TempPathFactory,
    header: str,
    before: str,
    unsafe: str,
    after: str,
    formula: str,
) -> None:
    folder = tmp_path_factory.mktemp("import")
    # Inside the value: at its ends the characters Python counts as blanks are trimmed, never stored.
    value = formula + before + unsafe + after
    good = _customer_row("10000001")
    bad = _customer_row("10000002", **{header: value, "勤務先名": value if header == "勤務先名" else ""})
    path = folder / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows([_IMPORT_HEADERS, good, bad])
    rejects = folder / "rejects.csv"
    report = import_file(sessions, "customers", path, register_key=_KEY, skip_bad=rejects, now=_NOW)
    assert report.rejected == 1
    assert {problem.field for problem in report.problems} == {header}
    with rejects.open(encoding="utf-8-sig", newline="") as stream:
        written = list(csv.reader(stream))
    for row in written:
        for cell in row:
            assert not is_formula(cell), cell
    assert [from_csv_cell(cell) for cell in written[1][:-1]] == bad
    with sessions() as session:
        stored = session.scalars(select(Customer.name)).all()
        for text in stored:
            assert text_problem(text or "") is None
        session.execute(delete(Phone))
        session.execute(delete(Customer))
        session.commit()


_FIRST = {
    "郵便番号": "1000001",
    "都道府県": "東京都",
    "市区町村": "千代田区",
    "番地": "千代田1-1",
    "建物名": "髙島ビル",
    "電話番号(自宅)": "03-3211-1234",
    "携帯電話": "090-1234-5678",
    "勤務先電話": "03-5555-0000",
    "生年月日": "1970-04-01",
    "メールアドレス": "taro@example.jp",
    "ショッピングクレジット": "1",
    "勤務先名": "山田商店",
    "カタログ送付": "1",
    "DM送付": "1",
    "メルマガ": "1",
}
_SECOND = {
    "郵便番号": "5300001",
    "都道府県": "大阪府",
    "市区町村": "大阪市北区",
    "番地": "梅田1-1",
    "建物名": "",
    "電話番号(自宅)": "06-6345-0000",
    "携帯電話": "",
    "勤務先電話": "06-6345-1111",
    "生年月日": "1971-05-02",
    "メールアドレス": "hanako@example.jp",
    "ショッピングクレジット": "1",
    "勤務先名": "大阪商店",
    "カタログ送付": "1",
    "DM送付": "1",
    "メルマガ": "1",
}
_COLUMNS_OF = {
    "郵便番号": ("postal_code",),
    "都道府県": ("prefecture",),
    "市区町村": ("city",),
    "番地": ("street",),
    "建物名": ("building",),
    "電話番号(自宅)": ("home",),
    "携帯電話": ("mobile",),
    "勤務先電話": ("work", "workplace_phone"),
    "生年月日": ("birth_date",),
    "メールアドレス": ("email",),
    "勤務先名": ("workplace_name",),
}


def _held(session: Session) -> dict[str, object]:
    customer = session.scalars(select(Customer)).one()
    held: dict[str, object] = {
        name: getattr(customer, name)
        for names in _COLUMNS_OF.values()
        for name in names
        if hasattr(Customer, name)
    }
    for kind in ("home", "mobile", "work"):
        held[kind] = sorted(phone.e164 for phone in customer.phones if phone.kind.value == kind)
    return held


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(present=st.sets(st.sampled_from(sorted(_COLUMNS_OF))))
def test_a_file_changes_only_the_fields_it_has_columns_for(
    sessions: sessionmaker[Session], tmp_path_factory: pytest.TempPathFactory, present: set[str]
) -> None:
    folder = tmp_path_factory.mktemp("columns")
    first, second = folder / "first.csv", folder / "second.csv"
    with first.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([_IMPORT_HEADERS, _customer_row("10000001", **_FIRST)])
    # The workplace goes with shopping credit: the second file always has both, as the first.
    headers = [
        "顧客番号",
        "氏名",
        "氏名カナ",
        "ショッピングクレジット",
        "勤務先名",
        *sorted(present - {"勤務先名"}),
    ]
    row = {"顧客番号": "10000001", "氏名": "山田 太郎", "氏名カナ": "ヤマダ タロウ", **_SECOND}
    with second.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([headers, [row[header] for header in headers]])
    try:
        import_file(sessions, "customers", first, register_key=_KEY, now=_NOW)
        with sessions() as session:
            before = _held(session)
        import_file(sessions, "customers", first, register_key=_KEY, now=_NOW)  # nothing new
        report = import_file(sessions, "customers", second, register_key=_KEY, now=_NOW)
        assert report.committed, report.problems
        with sessions() as session:
            after = _held(session)
        named = {name for header in headers if header in _COLUMNS_OF for name in _COLUMNS_OF[header]}
        for name, value in before.items():
            # Every value of the second file differs from the first: a named field always changes.
            assert (after[name] == value) == (name not in named), name
    finally:
        with sessions.begin() as session:
            session.execute(delete(Phone))
            session.execute(delete(Customer))


# --- CTI requests: numbers of thousands of digits, slow senders, bursts ------------------------------


def test_numbers_of_thousands_of_digits_are_answered_not_dropped(
    endpoint: RecordingEndpoint, sessions: sessionmaker[Session]
) -> None:
    assert endpoint.bound_port is not None
    port, path = endpoint.bound_port, f"/api/v1/cti/{TOKEN}"
    # A JSON callId of 5,000 digits: past the 4,300 digits Python converts without being told to.
    body = b'{"event": "newCall", "from": "0312345678", "callId": ' + b"1" * 5000 + b"}"
    exchange = Exchange("POST", path, [("Content-Type", "application/json")], body)
    exchange.headers.append(("Content-Length", str(len(body))))
    assert _status(port, exchange) == 400
    # A Content-Length of 5,000 digits is too large; the same length written with 5,000 leading zeros is not.
    assert _status(port, Exchange("POST", path, [("Content-Length", "9" * 5000)], b"event=")) == 413
    call = urlencode({"event": "newCall", "callId": "padded", "from": "0312345678"}).encode()
    padded = Exchange("POST", path, [("Content-Length", "0" * 5000 + str(len(call)))], call)
    assert _status(port, padded) == 200
    assert not endpoint.failures
    with sessions() as session:
        assert [row.call_id for row in session.scalars(select(CallRecord))] == ["padded"]


SLOW_SENDERS = 5
SLOW_BYTE_EVERY = 0.1  # well inside the endpoint's 0.5 s, so no single read ever times out
SLOW_SENDING_FOR_AT_MOST = 4.0


def test_slow_senders_are_cut_off_when_their_request_deadline_passes(endpoint: RecordingEndpoint) -> None:
    """Five clients each send a byte every 0.1 s (one at its request line, others at headers or body);
    the endpoint's 0.5 s is a deadline for the whole request, so all five are closed soon after it."""
    assert endpoint.bound_port is not None
    starts = [
        b"P",
        f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nX-Slow: ".encode(),
        f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nHost: x\r\n".encode(),
        f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nContent-Length: 60000\r\n\r\nevent=newCall&x=".encode(),
        f"POST /api/v1/cti/{TOKEN} HTTP/1.1\r\nContent-Length: 60000\r\n\r\n".encode(),
    ]
    assert len(starts) == SLOW_SENDERS
    senders = [socket.create_connection(("127.0.0.1", endpoint.bound_port), timeout=2) for _ in starts]
    for sender in senders:
        sender.settimeout(0)  # the test asks without waiting whether the endpoint has hung up
    closed_after: dict[int, float] = {}
    began = time.monotonic()
    try:
        for sender, start in zip(senders, starts, strict=True):
            sender.sendall(start)
        while len(closed_after) < SLOW_SENDERS and time.monotonic() - began < SLOW_SENDING_FOR_AT_MOST:
            time.sleep(SLOW_BYTE_EVERY)
            for number, sender in enumerate(senders):
                if number in closed_after:
                    continue
                if _closed_by_peer(sender):
                    closed_after[number] = time.monotonic() - began
                    continue
                with contextlib.suppress(OSError):
                    sender.send(b"a")
    finally:
        for sender in senders:
            sender.close()
    assert sorted(closed_after) == list(range(SLOW_SENDERS)), f"still held open: {closed_after}"
    # 0.5 s of request time, plus a poll and the scheduler's slack.
    assert max(closed_after.values()) < endpoint.request_timeout + 1.0, closed_after
    wait_for(lambda: endpoint.requests_in_flight == 0, 2.0)


BURST = 100


def test_a_burst_of_connections_waits_in_the_listen_queue_instead_of_being_dropped() -> None:
    """A hundred connections at once while the endpoint accepts none: the kernel queues them all (with a
    backlog of 5, every connection past the sixth waits for a retransmitted SYN, a second or more)."""
    listener = CtiListener(TOKEN, port=0)
    server = CtiHttpServer(("127.0.0.1", 0), listener)  # bound and listening, never accepting
    connections: list[socket.socket] = []
    try:
        for _ in range(BURST):
            connections.append(socket.create_connection(server.server_address[:2], timeout=0.5))
        assert len(connections) == BURST
    finally:
        for connection in connections:
            connection.close()
        server.server_close()


def _closed_by_peer(connection: socket.socket) -> bool:
    """Whether the other end has closed (after any last words it sent); never waits."""
    try:
        while chunk := connection.recv(4096):
            del chunk
    except BlockingIOError:
        return False
    except OSError:
        return True  # reset by the peer
    return True


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        time.sleep(0.02)
