"""Importing the mail-order system's CSV exports: encodings, all-or-nothing, --skip-bad, re-runs, erasure."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.imports.columns import COLUMNS, CUSTOMER_COLUMNS, ImportKind
from desk_app.imports.run import ImportFileError, import_file
from desk_app.imports.validate import phone
from desk_app.phones import InvalidPhoneNumber, normalise
from desk_app.services.access_log import NO_ONE
from desk_app.storage.models import AccessLogEntry, Customer, CustomerState, Order, OrderLine, Phone

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
HEADERS = [column.header for column in CUSTOMER_COLUMNS]


def _customer(number: str, **changes: str) -> list[str]:
    values = {
        "顧客番号": number,
        "氏名": "山田 太郎",
        "氏名カナ": "ﾔﾏﾀﾞ ﾀﾛｳ",
        "郵便番号": "100-0001",
        "都道府県": "東京都",
        "市区町村": "千代田区",
        "番地": "千代田1-1",
        "建物名": "髙島ビル①",
        "電話番号(自宅)": "03-3211-1234",
        "携帯電話": "090-1234-5678",
        "勤務先電話": "",
        "生年月日": "1970/04/01",
        "メールアドレス": "taro@example.jp",
        "ショッピングクレジット": "0",
        "勤務先名": "",
        "カタログ送付": "1",
        "DM送付": "1",
        "メルマガ": "0",
        **changes,
    }
    return [values[header] for header in HEADERS]


def _write(path: Path, rows: list[list[str]], encoding: str = "cp932", headers: list[str] = HEADERS) -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def _good_and_bad(tmp_path: Path) -> Path:
    rows = [
        _customer("10000001"),
        _customer("10000002", 氏名="佐藤 花子", 氏名カナ="サトウ ハナコ", 郵便番号="12345"),  # line 3
        _customer("10000003", 氏名="鈴木 一郎", 氏名カナ="スズキ イチロウ", 携帯電話="090-1234"),  # line 4
        _customer("10000004", 氏名="高橋 美咲", 氏名カナ="タカハシ ミサキ", 生年月日="2099-01-01"),  # line 5
        _customer("10000005", 氏名="", 氏名カナ="イトウ"),  # line 6
        _customer("10000006", 氏名="伊藤 翔太", 氏名カナ="イトウ ショウタ"),
    ]
    return _write(tmp_path / "顧客.csv", rows)


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_cp932_file_with_bad_rows_writes_nothing_and_names_line_and_field(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    report = import_file(sessions, "customers", _good_and_bad(tmp_path), now=NOW)
    assert not report.committed
    assert report.encoding == "cp932"
    assert (report.read, report.rejected, report.inserted) == (6, 4, 0)
    shown = [str(problem) for problem in report.problems]
    assert "line 3: 郵便番号: must be 7 digits" in shown
    assert any(text.startswith("line 4: 携帯電話: not a phone number") for text in shown)
    assert "line 5: 生年月日: in the future" in shown
    assert "line 6: 氏名: required" in shown
    assert _count(sessions, Customer) == 0
    assert _count(sessions, AccessLogEntry) == 0


def test_skip_bad_imports_the_good_rows_and_writes_the_rejects_in_the_same_encoding(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.csv"
    report = import_file(sessions, "customers", _good_and_bad(tmp_path), skip_bad=rejects, now=NOW)
    assert report.committed
    assert (report.inserted, report.rejected) == (2, 4)
    with rejects.open(encoding="cp932", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == [*HEADERS, "問題"]
    assert [row[0] for row in rows[1:]] == ["10000002", "10000003", "10000004", "10000005"]
    assert rows[1][-1] == "line 3: 郵便番号: must be 7 digits"
    assert rows[1][7] == "髙島ビル①"  # CP932's own characters survive the round trip
    with sessions() as session:
        customer = session.scalars(select(Customer).where(Customer.customer_no == "10000001")).one()
        assert (customer.name_kana, customer.kana_search, customer.name_search) == (
            "ヤマダ タロウ",
            "ヤマダタロウ",
            "山田太郎",
        )
        assert customer.postal_code == "1000001"
        assert customer.birth_date == dt.date(1970, 4, 1)
        assert sorted((p.kind.value, p.e164) for p in customer.phones) == [
            ("home", "+81332111234"),
            ("mobile", "+819012345678"),
        ]
        entry = session.scalars(select(AccessLogEntry)).one()
        assert entry.action.value == "change"
        assert entry.customer_id is None
        assert entry.detail.startswith(f"{NO_ONE}import customers 顧客.csv (cp932): 6 read, 2 new, 0 changed")
        assert "山田" not in entry.detail


def test_a_re_import_changes_nothing_and_keeps_row_versions(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000001"), _customer("10000002", 氏名="佐藤 花子")])
    first = import_file(sessions, ImportKind.CUSTOMERS, path, now=NOW)
    assert (first.inserted, first.updated) == (2, 0)
    second = import_file(sessions, ImportKind.CUSTOMERS, path, now=NOW + dt.timedelta(days=1))
    assert (second.inserted, second.updated, second.unchanged, second.committed) == (0, 0, 2, True)
    with sessions() as session:
        assert set(session.scalars(select(Customer.row_version))) == {1}
        assert set(session.scalars(select(Customer.updated_at))) == {NOW}
    changed = _write(
        tmp_path / "c2.csv",
        [_customer("10000001", 番地="千代田2-2"), _customer("10000002", 氏名="佐藤 花子")],
    )
    third = import_file(sessions, ImportKind.CUSTOMERS, changed, now=NOW + dt.timedelta(days=2))
    assert (third.updated, third.unchanged) == (1, 1)
    with sessions() as session:
        versions = dict(session.execute(select(Customer.customer_no, Customer.row_version)).all())
        assert versions == {"10000001": 2, "10000002": 1}


def test_an_erased_customer_is_reported_and_stays_erased(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000042"), _customer("10000043")])
    import_file(sessions, "customers", path, now=NOW)
    with sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.customer_no == "10000042")
            .values(state=CustomerState.ERASED, name=None, name_kana=None, street=None, row_version=5)
        )
        session.execute(Phone.__table__.delete())
    report = import_file(sessions, "customers", path, now=NOW + dt.timedelta(days=1))
    assert report.committed
    assert report.not_revived == ("10000042",)
    assert report.unchanged == 0
    assert report.updated == 1
    with sessions() as session:
        erased = session.scalars(select(Customer).where(Customer.customer_no == "10000042")).one()
        assert (erased.state, erased.name, erased.row_version, erased.phones) == (
            CustomerState.ERASED,
            None,
            5,
            [],
        )


def test_a_stopped_mailing_is_not_turned_back_on(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    import_file(
        sessions, "customers", _write(tmp_path / "a.csv", [_customer("10000001", DM送付="0")]), now=NOW
    )
    report = import_file(sessions, "customers", _write(tmp_path / "b.csv", [_customer("10000001")]), now=NOW)
    assert (report.stops_kept, report.unchanged) == (1, 1)
    with sessions() as session:
        assert session.scalar(select(Customer.direct_mail_opt_in)) is False


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_utf8_with_and_without_bom_is_detected(
    sessions: sessionmaker[Session], tmp_path: Path, encoding: str
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000001")], encoding=encoding)
    report = import_file(sessions, "customers", path, now=NOW)
    assert report.committed
    assert report.inserted == 1
    assert report.encoding == encoding
    with sessions() as session:
        assert session.scalar(select(Customer.building)) == "髙島ビル①"


def test_the_encoding_option_overrides_detection(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    # A short CP932 file can also be valid UTF-8 by chance; an explicit choice is then what counts.
    path = _write(tmp_path / "c.csv", [_customer("10000001")], encoding="cp932")
    with pytest.raises(ImportFileError, match="not valid utf-8"):
        import_file(sessions, "customers", path, encoding="utf-8", now=NOW)
    report = import_file(sessions, "customers", path, encoding="Shift_JIS", now=NOW)
    assert (report.encoding, report.inserted) == ("cp932", 1)


def test_english_headers_are_accepted_and_missing_required_ones_refused(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    english = [column.aliases[0] for column in CUSTOMER_COLUMNS]
    report = import_file(
        sessions, "customers", _write(tmp_path / "e.csv", [_customer("1")], headers=english), now=NOW
    )
    assert report.inserted == 1
    with pytest.raises(ImportFileError, match="required columns missing: 氏名カナ"):
        import_file(
            sessions, "customers", _write(tmp_path / "m.csv", [], headers=["顧客番号", "氏名"]), now=NOW
        )


def test_cancelling_through_progress_writes_nothing(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rows = [_customer(f"{10_000_000 + i}") for i in range(4_500)]
    seen: list[tuple[int, int]] = []

    def stop_after_two_batches(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 4_000

    report = import_file(
        sessions, "customers", _write(tmp_path / "c.csv", rows), progress=stop_after_two_batches, now=NOW
    )
    assert report.cancelled
    assert not report.committed
    assert seen == [(2_000, 4_500), (4_000, 4_500)]
    assert _count(sessions, Customer) == 0


ORDER_HEADERS = [column.header for column in COLUMNS[ImportKind.ORDERS]]


def test_orders_upsert_by_order_number(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    import_file(sessions, "customers", _write(tmp_path / "c.csv", [_customer("10000001")]), now=NOW)
    head = ["A-1", "10000001", "2026/11/01 10:30", "テレビ", "￥3,980"]
    rows = [
        [*head, "1", "P-1", "羽毛布団", "1", "2980"],
        [*head, "2", "P-2", "枕", "1", "1000"],
        ["A-2", "10000001", "2026-11-02 09:00:00", "web", "500", "", "", "", "", ""],
    ]
    path = _write(tmp_path / "o.csv", rows, headers=ORDER_HEADERS)
    first = import_file(sessions, "orders", path, now=NOW)
    assert (first.read, first.inserted, first.committed) == (3, 2, True)
    again = import_file(sessions, "orders", path, now=NOW)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    rows[1][-1] = "1200"
    changed = import_file(
        sessions, "orders", _write(tmp_path / "o2.csv", rows, headers=ORDER_HEADERS), now=NOW
    )
    assert (changed.updated, changed.unchanged) == (1, 1)
    with sessions() as session:
        order = session.scalars(select(Order).where(Order.order_no == "A-1")).one()
        assert order.ordered_at == dt.datetime(2026, 11, 1, 1, 30, tzinfo=dt.UTC)
        assert order.channel.value == "tv"
        assert order.amount_yen == 3980
        assert [(line.product_name, line.amount_yen) for line in order.lines] == [
            ("羽毛布団", 2980),
            ("枕", 1200),
        ]
    assert _count(sessions, OrderLine) == 2


def test_an_order_for_an_unknown_customer_is_rejected(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = [["A-1", "99999999", "2026/11/01 10:30", "電話", "100", "", "", "", "", ""]]
    report = import_file(sessions, "orders", _write(tmp_path / "o.csv", rows, headers=ORDER_HEADERS), now=NOW)
    assert not report.committed
    assert [str(problem) for problem in report.problems] == ["line 2: 顧客番号: no such customer"]


@pytest.mark.parametrize(
    "text",
    [
        "03-3211-1234",
        "0332111234",
        "090-1234-5678",
        "09012345678",
        "03-0000-0000",
        "0120-123-456",
        "099-9999-9999",
    ],
)
def test_the_fast_phone_road_agrees_with_normalise(text: str) -> None:
    try:
        expected = normalise(text).e164
    except InvalidPhoneNumber:
        expected = None
    try:
        got = phone(text).e164
    except ValueError:
        got = None
    assert got == expected


def test_every_header_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for columns in COLUMNS.values():
        for column in columns:
            assert f"| {column.header} |" in readme, column.header
