"""An incremental parser for what a Number Display adapter or modem prints: RING, DATE, TIME, NMBR, NAME."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desk_app.domain.enums import NoNumberReason

# No adapter prints a line near this long; a longer one is noise and is skipped without being kept.
MAX_LINE_BYTES = 1024
# Longer than any number an exchange delivers (ITU-T E.164 allows 15 digits) with room for separators.
MAX_NUMBER_LENGTH = 32

_LINE_END = re.compile(rb"[\r\n]")
# Control bytes other than line ends are line noise (XON/XOFF, NUL padding) and carry no meaning.
_CONTROL_BYTES = bytes(range(32)) + b"\x7f"
_NUMBER_TEXT = re.compile(r"\+?[0-9][0-9 ()\-]*")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_MODEM_RESPONSES = frozenset(
    {"OK", "ERROR", "CONNECT", "NO CARRIER", "BUSY", "NO DIALTONE", "NO DIAL TONE", "NO ANSWER"}
)
# Words some adapters print instead of the one-letter code.
_REASON_WORDS = {
    "PRIVATE": NoNumberReason.WITHHELD,
    "ANONYMOUS": NoNumberReason.WITHHELD,
    "OUT OF AREA": NoNumberReason.OUT_OF_AREA,
    "UNAVAILABLE": NoNumberReason.OUT_OF_AREA,
}


@dataclass(frozen=True)
class Ring:
    """One ring; adapters repeat it every few seconds while the call rings."""


@dataclass(frozen=True)
class CallDate:
    month: int
    day: int


@dataclass(frozen=True)
class CallTime:
    hour: int
    minute: int


@dataclass(frozen=True)
class CallerNumber:
    """`NMBR =`: the number as delivered, or the reason there is none."""

    number: str | None
    reason: NoNumberReason | None


@dataclass(frozen=True)
class CallerName:
    """`NAME =`: None when the name is withheld or unavailable."""

    name: str | None


@dataclass(frozen=True)
class Skipped:
    """A line that means nothing for caller ID; `why` never repeats the line, which may be personal."""

    why: str
    length: int
    quiet: bool = False


DisplayItem = Ring | CallDate | CallTime | CallerNumber | CallerName | Skipped


class NumberDisplayParser:
    """Turns bytes from the adapter, in chunks of any size, into items; holds at most one partial line."""

    def __init__(self) -> None:
        self._partial = bytearray()
        self._skipping_long_line = False

    @property
    def buffered(self) -> int:
        """Bytes of a partial line held until its line end arrives (never more than MAX_LINE_BYTES)."""
        return len(self._partial)

    @property
    def mid_line(self) -> bool:
        return bool(self._partial) or self._skipping_long_line

    def feed(self, data: bytes) -> list[DisplayItem]:
        items: list[DisplayItem] = []
        pieces = _LINE_END.split(data)
        # Every piece but the last was ended by CR or LF; CRLF, LFCR and CR alone just leave empty lines.
        for piece in pieces[:-1]:
            if self._skipping_long_line:
                self._skipping_long_line = False
                continue
            if len(self._partial) + len(piece) > MAX_LINE_BYTES:
                self._partial.clear()
                items.append(Skipped("line too long", MAX_LINE_BYTES))
                continue
            line = bytes(self._partial) + piece
            self._partial.clear()
            item = parse_line(line)
            if item is not None:
                items.append(item)
        tail = pieces[-1]
        if self._skipping_long_line:
            return items
        if len(self._partial) + len(tail) > MAX_LINE_BYTES:
            self._partial.clear()
            self._skipping_long_line = True
            items.append(Skipped("line too long", MAX_LINE_BYTES))
        else:
            self._partial += tail
        return items


def parse_line(raw: bytes) -> DisplayItem | None:
    """One line without its line end: an item, or None for a blank line."""
    line = raw.translate(None, _CONTROL_BYTES).strip()
    if not line:
        return None
    key_bytes, equals, value_bytes = line.partition(b"=")
    try:
        key = key_bytes.decode("ascii").strip().upper()
    except UnicodeDecodeError:
        return Skipped("unrecognised line", len(raw))
    if not equals:
        if key == "RING":
            return Ring()
        if key in _MODEM_RESPONSES or key.startswith("AT"):
            return Skipped("modem response", len(raw), quiet=True)
        return Skipped("unrecognised line", len(raw))
    value = _decode(value_bytes.strip())
    if key == "DATE":
        return _date(value, len(raw))
    if key == "TIME":
        return _time(value, len(raw))
    # DDN_NMBR is what some modems call the number (dialable directory number).
    if key in ("NMBR", "DDN_NMBR"):
        return _number(value, len(raw))
    if key == "NAME":
        name = unicodedata.normalize("NFKC", value).strip()
        if not name or NoNumberReason.from_code(name) is not None or name.upper() in _REASON_WORDS:
            return CallerName(None)
        return CallerName(name)
    if key == "MESG":
        return Skipped("MESG ignored", len(raw), quiet=True)
    if key.startswith("AT"):
        return Skipped("modem response", len(raw), quiet=True)
    return Skipped("unrecognised line", len(raw))


def _decode(value: bytes) -> str:
    # Japanese adapters that print names use Shift_JIS (cp932); UTF-8 goes first, as it rarely
    # decodes by chance.
    for encoding in ("utf-8", "cp932"):
        try:
            return value.decode(encoding)
        except UnicodeDecodeError:
            continue
    return value.decode("utf-8", errors="replace")


def _date(value: str, length: int) -> DisplayItem:
    if _FOUR_DIGITS.fullmatch(value):
        month, day = int(value[:2]), int(value[2:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return CallDate(month, day)
    return Skipped("malformed DATE", length)


def _time(value: str, length: int) -> DisplayItem:
    if _FOUR_DIGITS.fullmatch(value):
        hour, minute = int(value[:2]), int(value[2:])
        if hour <= 23 and minute <= 59:
            return CallTime(hour, minute)
    return Skipped("malformed TIME", length)


def _number(value: str, length: int) -> DisplayItem:
    text = unicodedata.normalize("NFKC", value).strip()
    reason = NoNumberReason.from_code(text) if len(text) == 1 else _REASON_WORDS.get(text.upper())
    if reason is not None:
        return CallerNumber(None, reason)
    if len(text) <= MAX_NUMBER_LENGTH and _NUMBER_TEXT.fullmatch(text):
        return CallerNumber(text, None)
    return Skipped("malformed NMBR", length)
