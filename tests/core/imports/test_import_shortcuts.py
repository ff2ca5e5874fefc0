"""The import's shortcuts give the answers of the long way: phone validity per number block, each column's
remembered outcomes, and the re-import's comparison with the stored row."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import CUSTOMER_COLUMNS, ImportKind, map_headers
from desk_app.imports.phone_validity import FREE_TAIL, JapanValidity, free_tail
from desk_app.imports.validate import RowValidator
from desk_app.services.admin.imports import ImportReport, import_file
from desk_app.services.admin.imports.customers import CustomerWriter as _CustomerWriter
from desk_app.storage.models import Customer, DeskChange, Phone
from tests.core.services.admin.test_imports import _customer

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
KEY = RegisterKey(b"erased-register key of the tests" * 2)
HEADERS = [column.header for column in CUSTOMER_COLUMNS]


def _uncached(national_number: int) -> bool:
    number = phonenumbers.PhoneNumber(country_code=81, national_number=national_number)
    return bool(phonenumbers.is_valid_number_for_region(number, "JP"))


# National significant numbers as exports hold them: an area code or mobile prefix, then any digits.
_PREFIXES = ["3", "6", "52", "11", "90", "80", "70", "50", "120", "800", "570", "990", "20", "60", "4", "9"]
national_numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.builds(
        lambda prefix, rest: int(prefix + rest),
        st.sampled_from(_PREFIXES),
        st.text("0123456789", min_size=0, max_size=10),
    ),
)


@settings(max_examples=3000, deadline=None)
@given(national_numbers, st.integers(min_value=0, max_value=10**FREE_TAIL - 1))
def test_a_number_block_is_valid_or_invalid_as_a_whole(national_number: int, tail: int) -> None:
    digits = str(national_number)
    if len(digits) <= FREE_TAIL:
        return
    neighbour = int(digits[:-FREE_TAIL] + f"{tail:0{FREE_TAIL}d}")
    assert _uncached(national_number) == _uncached(neighbour)


@settings(max_examples=3000, deadline=None)
@given(st.lists(national_numbers, min_size=1, max_size=30))
def test_the_cached_validity_is_phonenumbers_answer(numbers: list[int]) -> None:
    # A cache of two blocks starts again often: both roads (remembered and asked) are taken.
    cached = JapanValidity(max_blocks=2)
    for number in numbers:
        assert cached(number) == _uncached(number), number


def test_the_free_tail_is_read_from_the_patterns() -> None:
    assert FREE_TAIL >= 4  # Japan's patterns leave at least the subscriber number free
    assert free_tail(r"[6-9]0[1-9]\d{7}") == 7
    assert free_tail(r"(?:1[2-9]|2\d)\d{4}") == 4
    assert free_tail(r"12(?:3|45)\d{4}") == 4
    assert free_tail(r"1\d{2}5") == 0
    assert free_tail(r"[1-9]\d{2,5}") == 2
    assert free_tail(r"\d{3}(?:1|2\d)") == 0
    # A national significant number never starts with 0: such a branch says nothing about the tail.
    assert free_tail(r"0\d|[1-9]\d{5}") == 5
    assert free_tail(r"0\d{3}") is None


# --- remembered outcomes of repeating columns ----------------------------------------------------------

_CELLS = {
    "氏名カナ": ["ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ", "山田", "", " サトウ "],
    "郵便番号": ["100-0001", "〒5300001", "12345", "", "1000001 "],
    "都道府県": ["東京都", "大阪府", "東京", ""],
    "生年月日": ["1970/04/01", "2099-01-01", "19700401", "1899-12-31", "1970-02-30", ""],
    "ショッピングクレジット": ["0", "1", "はい", "x", ""],
    "カタログ送付": ["1", "0", "２", "", "'=1"],
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({header: st.sampled_from(cells) for header, cells in _CELLS.items()}),
        max_size=25,
    )
)
def test_a_remembered_outcome_is_the_outcome_of_checking_afresh(rows: list[dict[str, str]]) -> None:
    header_map = map_headers(ImportKind.CUSTOMERS, HEADERS)
    remembering = RowValidator(ImportKind.CUSTOMERS, header_map, now=NOW)
    for line, cells in enumerate(rows, start=2):
        row = _row("10000001", **cells)
        fresh = RowValidator(ImportKind.CUSTOMERS, header_map, now=NOW)
        assert remembering.check(line, row) == fresh.check(line, row)


# --- the re-import's comparison --------------------------------------------------------------------------


def _row(number: str, **changes: str) -> list[str]:
    """`test_imports`' customer with a workplace, a work number and every mailing flag set apart."""
    first = {
        "勤務先電話": "03-5555-0000",
        "ショッピングクレジット": "1",
        "勤務先名": "山田商店",
        "DM送付": "0",
        "メルマガ": "1",
    }
    return _customer(number, **{**first, **changes})


_CHANGES = {
    "氏名": ["佐藤 花子"],
    "建物名": [""],
    "電話番号(自宅)": ["", "03-3211-9999"],
    "携帯電話": ["", "080-1111-2222"],
    "勤務先電話": ["", "06-6345-1111"],
    "メールアドレス": ["", "hanako@example.jp"],
    "カタログ送付": ["0", ""],
    "DM送付": ["1", ""],  # stopped in the first file: never switched back on
    "メルマガ": ["0", ""],
}


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="cp932", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows([HEADERS, *rows])
    return path


def _state(session: Session, numbers: list[str]) -> list[Any]:
    """The customers' rows, numbers and desk changes, with the customer number and id as its place."""
    place = {number: index for index, number in enumerate(numbers)}
    ids = {}
    rows: list[Any] = []
    for customer in session.scalars(select(Customer).where(Customer.customer_no.in_(numbers))):
        ids[customer.id] = place[customer.customer_no]
        rows.append(
            (
                place[customer.customer_no],
                *(
                    getattr(customer, column.key)
                    for column in Customer.__table__.columns
                    if column.key not in {"id", "customer_no"}
                ),
            )
        )
    phones = session.execute(
        select(Phone.customer_id, Phone.kind, Phone.raw, Phone.e164).where(Phone.customer_id.in_(ids))
    )
    desk = session.execute(
        select(DeskChange.customer_id, DeskChange.field).where(DeskChange.customer_id.in_(ids))
    )
    return [
        sorted(rows),
        sorted((ids[row[0]], *row[1:]) for row in phones),
        sorted((ids[row[0]], row[1]) for row in desk),
    ]


def _outcome(report: ImportReport, numbers: list[str]) -> ImportReport:
    place = {number: f"#{index}" for index, number in enumerate(numbers)}
    return dataclasses.replace(
        report,
        seconds=0.0,
        file_name="",
        not_revived=tuple(place[number] for number in report.not_revived),
        conflicts=tuple(dataclasses.replace(c, customer_no=place[c.customer_no]) for c in report.conflicts),
    )


_runs = iter(range(10_000_000, 99_999_999, 10))


def _re_import(
    sessions: sessionmaker[Session], folder: Path, changes: list[dict[str, str]], desk_fields: set[str]
) -> tuple[ImportReport, list[Any]]:
    """A first file of four customers, desk changes to the first, then a second file changing some."""
    numbers = [str(next(_runs) + index) for index in range(len(changes))]
    first = _write(folder / "first.csv", [_row(number) for number in numbers])
    second = _write(folder / "second.csv", [_row(n, **c) for n, c in zip(numbers, changes, strict=True)])
    assert import_file(sessions, "customers", first, register_key=KEY, now=NOW).committed
    with sessions.begin() as session:
        customer_id = session.scalars(select(Customer.id).where(Customer.customer_no == numbers[0])).one()
        session.add_all(
            DeskChange(customer_id=customer_id, field=name, changed_at=NOW) for name in desk_fields
        )
    report = import_file(sessions, "customers", second, register_key=KEY, now=NOW)
    with sessions() as session:
        return _outcome(report, numbers), _state(session, numbers)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(
        st.dictionaries(st.sampled_from(sorted(_CHANGES)), st.none(), max_size=3).flatmap(
            lambda picked: st.fixed_dictionaries({name: st.sampled_from(_CHANGES[name]) for name in picked})
        ),
        min_size=4,
        max_size=4,
    ),
    desk_fields=st.sets(st.sampled_from(["name", "building", "email", "phone_home"]), max_size=2),
)
def test_the_re_imports_comparison_decides_as_the_full_rules(
    sessions: sessionmaker[Session],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    changes: list[dict[str, str]],
    desk_fields: set[str],
) -> None:
    folder = tmp_path_factory.mktemp("again")
    with monkeypatch.context() as patch:
        # The long way only: every stored customer through the merge of fields and phones.
        patch.setattr(_CustomerWriter, "_same_as_stored", lambda *_args: False)
        long_way = _re_import(sessions, folder, changes, desk_fields)
    assert _re_import(sessions, folder, changes, desk_fields) == long_way
