"""Text that crosses the desk's edges: what stored text may hold, how a terminal is shown it, how a CSV
cell is written so that Excel never runs it as a formula.

Three rules, each in one place, used by every reader and writer at the edges:

- `text_problem`: imported and typed text may not hold control characters (C0, DEL, C1) or the Unicode
  bidi embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069): they rewrite a terminal
  (ESC sequences set its title or clear it) and reorder what a person reads (U+202E shows "gpj.exe" as
  "exe.jpg"). Multi-line fields keep line feeds and tabs.
- `for_terminal` / `json_for_terminal`: whatever reaches the database anyway (a caller-ID source, rows
  from before these checks) is shown escaped, `\\x1b` or `\\u202e`, never raw.
- `csv_writer`: every CSV the desk writes goes through it, and a cell Excel would read as a formula
  (starting with = + - @, tab or CR — OWASP's list — or their full-width forms) is written with a
  leading apostrophe; `from_csv_cell` takes that apostrophe off again when the desk reads its own file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from desk_app.domain.messages import Message, message

# U+202A–U+202E: LRE, RLE, PDF, LRO, RLO; U+2066–U+2069: LRI, RLI, FSI, PDI.
BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F): Unicode's "Cc" category, exactly.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
# A note of several lines keeps its line feeds (U+000A) and tabs (U+0009).
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# What JSON leaves raw with ensure_ascii=False: it escapes C0 itself.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A plain number is not a formula even when signed ("-3 days left"): it stays a number in Excel.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def text_problem(text: str, *, multiline: bool = False) -> Message | None:
    """Why `text` may not be stored, for the person who typed or exported it (`str()` is English); None
    when clean.

    Refused: control characters and bidi controls. With `multiline`, a line feed and a tab are allowed
    (a note of several lines); a carriage return never is.
    """
    found = (_UNSAFE_MULTILINE if multiline else _UNSAFE).search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    if found.group() in BIDI_CONTROLS:
        return message("text.bidi_control", character=code)
    if found.group() == "\n":
        return message("text.one_line")
    return message("text.control", character=code)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` as a terminal may print it: every control and bidi character shown as `\\x1b`, `\\u202e`.

    Line feeds and tabs are escaped too, so a value stays on its line and in its column.
    """
    return _UNSAFE.sub(_escape, text)


def json_for_terminal(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)` with DEL, C1 and bidi controls escaped as `\\uXXXX` too.

    The JSON means the same (a reader gets the same strings back); only its printed form is safe.
    """
    text = json.dumps(value, ensure_ascii=False)
    # These characters can only stand inside strings, where `\\uXXXX` is the same character.
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would read the cell `text` as a formula (a signed plain number is a number)."""
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def csv_cell(value: object) -> str:
    """One cell as the desk writes it: text, a formula-looking value behind an apostrophe (OWASP).

    A value that already starts with apostrophes before a formula gets one more, so that `from_csv_cell`
    gives every value back exactly.
    """
    text = "" if value is None else str(value)
    return "'" + text if is_formula(text.lstrip("'")) else text


def from_csv_cell(text: str) -> str:
    """A cell the desk wrote, read back: the apostrophe `csv_cell` added is taken off again."""
    return text[1:] if text.startswith("'") and is_formula(text.lstrip("'")) else text


class FormulaSafeWriter:
    """`csv.writer` for Excel (CRLF) whose every cell goes through `csv_cell`."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: TextIO) -> FormulaSafeWriter:
    """The one way the desk writes CSV: Excel's line ends, no cell Excel would run."""
    return FormulaSafeWriter(stream)
