"""One CSV row to clean values, or problems naming the line and the field (its Japanese header)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import phonenumbers

from desk_app.domain.japan_time import TOKYO, today_in_japan
from desk_app.domain.kana import is_kana
from desk_app.domain.messages import Message, MessageError, as_message, message
from desk_app.domain.phones import InvalidPhoneNumber, PhoneNumber, normalise
from desk_app.domain.safe_text import from_csv_cell, text_problem
from desk_app.imports.columns import (
    BASIS_WORDS,
    CHANNEL_WORDS,
    COLUMNS,
    FLAG_WORDS,
    ORDER_LINE_FIELDS,
    PREFECTURES,
    Column,
    FieldType,
    HeaderMap,
    ImportKind,
    fold_header,
)
from desk_app.imports.phone_validity import JapanValidity

EARLIEST_BIRTH = dt.date(1900, 1, 1)
EARLIEST_RECORD = dt.date(1980, 1, 1)
_PLAIN_JAPANESE_NUMBER = re.compile(r"0\d{1,4}-?\d{1,4}-?\d{3,4}")
_DIGITS_ONLY = re.compile(r"\d+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DATETIME = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_YEN = re.compile(r"[¥￥,円\s]")
_valid_in_japan = JapanValidity()
# Workplaces' numbers repeat (one company, many customers); the written form is looked up once each.
MAX_NATIONAL_FORMS = 50_000
_national_forms: dict[str, str] = {}


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one line; `field` is the column's header as the file spells it.

    `explanation` is the problem as a `Message` (text the core gave no code, such as a control-character
    finding, shown as it is); `message` its English, as the rejects file and `--json` have always said.
    """

    line: int
    field: str
    explanation: Message | str

    @property
    def message(self) -> str:
        return str(self.explanation)

    @property
    def said(self) -> Message:
        """The whole line as a person reads it: line, field and problem."""
        problem = as_message(self.explanation)
        if self.field:
            return message("import.line_field", line=self.line, field=self.field, problem=problem)
        return message("import.line", line=self.line, problem=problem)

    def __str__(self) -> str:
        return str(self.said)


class Invalid(MessageError, ValueError):
    """A value that cannot be imported; the message says why, in words for the person fixing the file."""


def phone(text: str) -> PhoneNumber:
    """A phone number through `desk_app.domain.phones.normalise`, with a fast road for the usual export form.

    Exports hold numbers such as 03-1234-5678 or 09012345678 a million times over, and phonenumbers'
    matcher costs ~60 µs each; for that plain form the same library's validity check on the parsed number
    gives the same answer (tests compare the two), asked once per number block (`phone_validity`).
    Anything else takes the general road.
    """
    if _PLAIN_JAPANESE_NUMBER.fullmatch(text):
        digits = text.replace("-", "")
        if _valid_in_japan(int(digits[1:])):
            return PhoneNumber(e164="+81" + digits[1:], national="")
    try:
        return normalise(text)
    except InvalidPhoneNumber as exc:
        raise Invalid(message("import.not_phone", detail=str(exc))) from None


def national(number: PhoneNumber) -> str:
    """The national written form, computed only where it is stored (the workplace's number)."""
    if number.national:
        return number.national
    written = _national_forms.get(number.e164)
    if written is None:
        parsed = phonenumbers.parse(number.e164)
        written = str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
        if len(_national_forms) >= MAX_NATIONAL_FORMS:
            _national_forms.clear()
        _national_forms[number.e164] = written
    return written


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _date(text: str, earliest: dt.date, today: dt.date) -> dt.date:
    folded = _folded(text)
    match = _DATE.fullmatch(folded)
    if match is None and len(folded) == 8 and folded.isdigit():
        match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", folded)
    if match is None:
        raise Invalid(message("import.not_date"))
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise Invalid(message("import.no_such_day")) from None
    if day > today:
        raise Invalid(message("import.future"))
    if day < earliest:
        raise Invalid(message("import.before", day=earliest.isoformat()))
    return day


def _datetime(text: str, now: dt.datetime) -> dt.datetime:
    match = _DATETIME.fullmatch(_folded(text))
    if match is None:
        raise Invalid(message("import.not_datetime"))
    try:
        moment = dt.datetime(
            int(match[1]),
            int(match[2]),
            int(match[3]),
            int(match[4]),
            int(match[5]),
            int(match[6] or 0),
            tzinfo=TOKYO,
        )
    except ValueError:
        raise Invalid(message("import.no_such_datetime")) from None
    moment = moment.astimezone(dt.UTC)
    if moment > now:
        raise Invalid(message("import.future"))
    if moment.date() < EARLIEST_RECORD:
        raise Invalid(message("import.before", day=EARLIEST_RECORD.isoformat()))
    return moment


def _integer(text: str, *, minimum: int, pattern: re.Pattern[str] | None = None) -> int:
    folded = _folded(text)
    if pattern is not None:
        folded = pattern.sub("", folded)
    if not _DIGITS_ONLY.fullmatch(folded.removeprefix("-")):
        raise Invalid(message("import.not_whole_number"))
    value = int(folded)
    if value < minimum or value > 2_000_000_000:
        raise Invalid(message("import.out_of_range", minimum=minimum))
    return value


def _word(text: str, words: dict[str, Any], what: Message) -> Any:
    value = words.get(fold_header(text))
    if value is None:
        raise Invalid(message("import.unknown_word", what=what, text=text))
    return value


def _number(text: str, length: int) -> str:
    folded = _folded(text)
    if not _DIGITS_ONLY.fullmatch(folded) or len(folded) > length:
        raise Invalid(message("import.digits_only", length=length))
    return folded


# Customer numbers are digits, at most as long as the column holds (`columns.CUSTOMER_COLUMNS`).
CUSTOMER_NO_LENGTH = 16


def _customer_no(text: str) -> str:
    return _number(text, CUSTOMER_NO_LENGTH)


def _postal_code(text: str) -> str:
    digits = _folded(text).removeprefix("〒").strip().replace("-", "")
    if len(digits) != 7 or not digits.isdigit():
        raise Invalid(message("import.postal_code_digits"))
    return digits


def _kana(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).strip()
    if not is_kana(folded):
        raise Invalid(message("field.not_kana"))
    return folded


def _email(text: str) -> str:
    folded = _folded(text)
    if not _EMAIL.fullmatch(folded):
        raise Invalid(message("field.not_email"))
    return folded


def _prefecture(text: str) -> str:
    folded = _folded(text)
    if folded not in PREFECTURES:
        raise Invalid(message("import.not_prefecture"))
    return folded


# Column types whose values repeat from row to row; the outcome of each distinct text is remembered, up to
# MAX_REMEMBERED texts a column (then the rest are checked each time: memory stays flat). Plain text is
# among them (cities, buildings, workplaces repeat): a lookup costs less than the checks even when it misses.
REPEATING = frozenset(
    {
        FieldType.TEXT,
        FieldType.KANA,
        FieldType.POSTAL_CODE,
        FieldType.PREFECTURE,
        FieldType.DATE,
        FieldType.FLAG,
        FieldType.YEN,
        FieldType.COUNT,
        FieldType.CHANNEL,
        FieldType.BASIS,
    }
)
MAX_REMEMBERED = 20_000
# A field's value or the problem with it (its message), its stripped text (empty: blank), and whether
# the text came as far as its parser (past the checks for unsafe characters and length).
_Outcome = tuple[Any, Message | None, str, bool]


def _outcome(
    text: str, max_length: int | None, parse: Callable[[str], Any], unsafe_somewhere: bool
) -> _Outcome:
    """One field's outcome, checked."""
    stripped = text.strip()
    if not stripped:
        return None, None, stripped, False
    if unsafe_somewhere:
        unsafe = text_problem(stripped)
        if unsafe is not None:
            return None, unsafe, stripped, False
    if max_length is not None and len(stripped) > max_length:
        return None, message("field.too_long", limit=max_length), stripped, False
    try:
        return parse(text), None, stripped, True
    except Invalid as exc:
        return None, exc.explanation, stripped, True


def customer_no_cell(text: str) -> tuple[str | None, Message | None]:
    """A customer-number cell checked as `RowValidator.check` checks one (a rejects file's apostrophe taken
    off, unsafe characters, length, digits): (the number, None), (None, the problem), or (None, None) when
    blank."""
    if text[:1] == "'":
        text = from_csv_cell(text)
    value, said, _stripped, _parsed = _outcome(text, CUSTOMER_NO_LENGTH, _customer_no, True)
    return value, said


class RowValidator:
    """Checks the rows of one file: the parsers for its columns are chosen once from the header map."""

    def __init__(self, kind: ImportKind, headers: HeaderMap, *, now: dt.datetime) -> None:
        self.kind = kind
        today = today_in_japan(now)
        parsers: dict[FieldType, Callable[[str], Any]] = {
            FieldType.TEXT: str.strip,
            FieldType.CUSTOMER_NO: _customer_no,
            FieldType.ORDER_NO: lambda text: _folded(text),
            FieldType.KANA: _kana,
            FieldType.POSTAL_CODE: _postal_code,
            FieldType.PREFECTURE: _prefecture,
            FieldType.PHONE: lambda text: phone(text.strip()),
            FieldType.DATE: lambda text: _date(
                text, EARLIEST_BIRTH if kind is ImportKind.CUSTOMERS else EARLIEST_RECORD, today
            ),
            FieldType.DATETIME: lambda text: _datetime(text, now),
            FieldType.EMAIL: _email,
            FieldType.FLAG: lambda text: _word(text, FLAG_WORDS, message("import.what.flag")),
            FieldType.YEN: lambda text: _integer(text, minimum=0, pattern=_YEN),
            FieldType.COUNT: lambda text: _integer(text, minimum=1),
            FieldType.CHANNEL: lambda text: _word(text, CHANNEL_WORDS, message("import.what.channel")),
            FieldType.BASIS: lambda text: _word(text, BASIS_WORDS, message("import.what.basis")),
        }
        self.fields: list[tuple[Column, int | None, Callable[[str], Any]]] = [
            (column, headers.positions.get(column.field), parsers[column.type]) for column in COLUMNS[kind]
        ]
        # What `check` needs of each column, unpacked once rather than looked up a million times, and for
        # the columns whose values repeat (flags, prefectures, postal codes, dates, kana…) each text's
        # outcome, remembered: every check depends on the text alone (and on `now`, fixed for the file).
        self.plan: list[
            tuple[
                str, str, bool, int | None, bool, int | None, Callable[[str], Any], dict[str, _Outcome] | None
            ]
        ] = [
            (
                column.field,
                column.header,
                column.required,
                column.max_length,
                column.type is FieldType.PHONE,
                position,
                parse,
                {} if column.type in REPEATING else None,
            )
            for column, position, parse in self.fields
        ]
        # The fields the file has a column for: an absent column says nothing about a stored value.
        self.present = frozenset(headers.positions)

    def check(self, line: int, row: list[str]) -> tuple[dict[str, Any], list[Problem]]:
        """The row's clean values (absent or blank fields as None) and its problems (empty when good).

        Control characters and text-direction controls are refused in every field
        (`desk_app.domain.safe_text.text_problem`).
        """
        clean: dict[str, Any] = {}
        problems: list[Problem] = []
        width = len(row)
        # One search of the whole row finds no unsafe character in nearly every row; only a row where it
        # finds one is checked field by field (a field's text is part of the row, so this misses none).
        unsafe_somewhere = text_problem(",".join(row)) is not None
        for field, header, required, max_length, is_phone, position, parse, memo in self.plan:
            if position is not None and position < width:
                text = row[position]
                if text[:1] == "'":
                    # A rejects file the desk wrote, fixed and sent back, has the apostrophe its formulas
                    # got.
                    text = from_csv_cell(text)
            else:
                text = ""
            known = memo.get(text) if memo is not None else None
            if known is None:
                known = _outcome(text, max_length, parse, unsafe_somewhere)
                if memo is not None and len(memo) < MAX_REMEMBERED:
                    memo[text] = known
            value, said, stripped, parsed = known
            if not stripped:
                clean[field] = None
                if required:
                    problems.append(Problem(line, header, message("import.required")))
                continue
            if is_phone and parsed:
                clean["raw_" + field] = stripped
            if said is None:
                clean[field] = value
            else:
                problems.append(Problem(line, header, said))
        if not problems:
            self._row_rules(line, clean, problems)
        return clean, problems

    def _row_rules(self, line: int, clean: dict[str, Any], problems: list[Problem]) -> None:
        if self.kind is ImportKind.CUSTOMERS and clean["shopping_credit"] and not clean["workplace_name"]:
            # Shopping credit is granted on the workplace (the company's policy §8).
            problems.append(
                Problem(line, "勤務先名", message("import.required_with", column="ショッピングクレジット"))
            )
        if self.kind is ImportKind.ORDERS and clean["product_code"] is not None:
            headers = {column.field: column.header for column in COLUMNS[ImportKind.ORDERS]}
            for field in ORDER_LINE_FIELDS:
                if clean[field] is None:
                    problems.append(
                        Problem(line, headers[field], message("import.required_with", column="商品コード"))
                    )
