"""The desk's edges for text: what may be stored, how a terminal is shown it, how a CSV cell is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desk_app.domain.safe_text import (
    csv_cell,
    for_terminal,
    from_csv_cell,
    is_formula,
    json_for_terminal,
    text_problem,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("山田 太郎", None),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", None),
        ("髙島ビル①", None),
        ("a\x00b", "contains a control character (U+0000)"),
        ("\x1b[2J", "contains a control character (U+001B)"),
        ("a\x7fb", "contains a control character (U+007F)"),
        ("a\x85b", "contains a control character (U+0085)"),
        ("a\x9bb", "contains a control character (U+009B)"),
        ("a\tb", "contains a control character (U+0009)"),
        ("a\nb", "one line only"),
        ("exe.\u202egpj", "contains a text-direction control character (U+202E)"),
        ("\u202a\u202b\u202c\u202d", "contains a text-direction control character (U+202A)"),
        ("a\u2069b", "contains a text-direction control character (U+2069)"),
    ],
)
def test_what_text_may_hold(text: str, problem: str | None) -> None:
    said = text_problem(text)
    assert (None if said is None else str(said)) == problem


def test_a_multiline_text_keeps_line_feeds_and_tabs_but_no_carriage_return() -> None:
    assert text_problem("一\n\t二", multiline=True) is None
    assert str(text_problem("一\r\n二", multiline=True)) == "contains a control character (U+000D)"
    assert (
        str(text_problem("一\n\u202e二", multiline=True))
        == "contains a text-direction control character (U+202E)"
    )


def test_a_terminal_is_shown_escapes_never_the_characters() -> None:
    assert for_terminal("\x1b]0;pwned\x07山田\u202e\n\x9b") == "\\x1b]0;pwned\\x07山田\\u202e\\x0a\\x9b"
    assert for_terminal("山田 太郎 03-1234-5678") == "山田 太郎 03-1234-5678"


def test_json_for_a_terminal_means_the_same_json() -> None:
    value = {"name": "山田\x1b\u202e\x85\x7f", "n": [1, None, "\u2066"]}
    text = json_for_terminal(value)
    assert re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text) is None
    assert json.loads(text) == value
    assert "山田" in text  # still readable, not ASCII-escaped


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+81 3-1234-5678", "'+81 3-1234-5678"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1+2", "'＝1+2"),
        ("'=1", "''=1"),
        ("-26", "-26"),
        ("+3.5", "+3.5"),
        ("山田", "山田"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_csv_cell_is_never_a_formula_and_reads_back_as_written(value: object, cell: str) -> None:
    assert csv_cell(value) == cell
    assert not is_formula(cell)
    if isinstance(value, str):
        assert from_csv_cell(cell) == value


def test_every_csv_the_desk_writes_goes_through_the_formula_safe_writer() -> None:
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("desk_app", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "safe_text.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
