"""Importing the mail-order system's CSV exports: encodings, all-or-nothing, --skip-bad, re-runs, erasure."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Config
from desk_app.domain.enums import AccessAction, AgentRole, CaseKind, CaseState, CustomerState
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import is_formula
from desk_app.erased_register_key import RegisterKey, RegisterKeyMismatch
from desk_app.imports.columns import COLUMNS, CUSTOMER_COLUMNS, ImportKind
from desk_app.imports.validate import phone
from desk_app.services.access_log import NO_ONE
from desk_app.services.admin.imports import ImportFileError, import_file
from desk_app.services.admin.retention import run as retention_run
from desk_app.services.cases.corrections import administrative_correction
from desk_app.services.erased_register import register_erased
from desk_app.storage import migrate
from desk_app.storage.engine import make_engine
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    Case,
    CaseEvent,
    Customer,
    DeskChange,
    ErasedNumber,
    Order,
    OrderLine,
    Phone,
    UtcDateTime,
)

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
KEY = RegisterKey(b"erased-register key of the tests" * 2)
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
        "第三者提供": "1",
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
    report = import_file(sessions, "customers", _good_and_bad(tmp_path), register_key=KEY, now=NOW)
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
    report = import_file(
        sessions, "customers", _good_and_bad(tmp_path), skip_bad=rejects, register_key=KEY, now=NOW
    )
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
    first = import_file(sessions, ImportKind.CUSTOMERS, path, register_key=KEY, now=NOW)
    assert (first.inserted, first.updated) == (2, 0)
    second = import_file(
        sessions, ImportKind.CUSTOMERS, path, register_key=KEY, now=NOW + dt.timedelta(days=1)
    )
    assert (second.inserted, second.updated, second.unchanged, second.committed) == (0, 0, 2, True)
    with sessions() as session:
        assert set(session.scalars(select(Customer.row_version))) == {1}
        assert set(session.scalars(select(Customer.updated_at))) == {NOW}
    changed = _write(
        tmp_path / "c2.csv",
        [_customer("10000001", 番地="千代田2-2"), _customer("10000002", 氏名="佐藤 花子")],
    )
    third = import_file(
        sessions, ImportKind.CUSTOMERS, changed, register_key=KEY, now=NOW + dt.timedelta(days=2)
    )
    assert (third.updated, third.unchanged) == (1, 1)
    with sessions() as session:
        versions = dict(session.execute(select(Customer.customer_no, Customer.row_version)).all())
        assert versions == {"10000001": 2, "10000002": 1}


def test_an_erased_customer_is_reported_and_stays_erased(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000042"), _customer("10000043")])
    import_file(sessions, "customers", path, register_key=KEY, now=NOW)
    with sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.customer_no == "10000042")
            .values(state=CustomerState.ERASED, name=None, name_kana=None, street=None, row_version=5)
        )
        session.execute(Phone.__table__.delete())
    report = import_file(sessions, "customers", path, register_key=KEY, now=NOW + dt.timedelta(days=1))
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
        sessions,
        "customers",
        _write(tmp_path / "a.csv", [_customer("10000001", DM送付="0")]),
        register_key=KEY,
        now=NOW,
    )
    report = import_file(
        sessions, "customers", _write(tmp_path / "b.csv", [_customer("10000001")]), register_key=KEY, now=NOW
    )
    assert (report.stops_kept, report.unchanged) == (1, 1)
    with sessions() as session:
        assert session.scalar(select(Customer.direct_mail_opt_in)) is False


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_utf8_with_and_without_bom_is_detected(
    sessions: sessionmaker[Session], tmp_path: Path, encoding: str
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000001")], encoding=encoding)
    report = import_file(sessions, "customers", path, register_key=KEY, now=NOW)
    assert report.committed
    assert report.inserted == 1
    assert report.encoding == encoding
    with sessions() as session:
        assert session.scalar(select(Customer.building)) == "髙島ビル①"


def test_the_encoding_option_overrides_detection(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    # A short CP932 file can also be valid UTF-8 by chance; an explicit choice is then what counts.
    path = _write(tmp_path / "c.csv", [_customer("10000001")], encoding="cp932")
    with pytest.raises(ImportFileError, match="not valid utf-8"):
        import_file(sessions, "customers", path, encoding="utf-8", register_key=KEY, now=NOW)
    report = import_file(sessions, "customers", path, encoding="Shift_JIS", register_key=KEY, now=NOW)
    assert (report.encoding, report.inserted) == ("cp932", 1)


def test_english_headers_are_accepted_and_missing_required_ones_refused(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    english = [column.aliases[0] for column in CUSTOMER_COLUMNS]
    report = import_file(
        sessions,
        "customers",
        _write(tmp_path / "e.csv", [_customer("1")], headers=english),
        register_key=KEY,
        now=NOW,
    )
    assert report.inserted == 1
    with pytest.raises(ImportFileError, match="required columns missing: 氏名カナ"):
        import_file(
            sessions,
            "customers",
            _write(tmp_path / "m.csv", [], headers=["顧客番号", "氏名"]),
            register_key=KEY,
            now=NOW,
        )


def test_cancelling_through_progress_writes_nothing(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rows = [_customer(f"{10_000_000 + i}") for i in range(4_500)]
    seen: list[tuple[int, int]] = []

    def stop_after_two_batches(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 4_000

    report = import_file(
        sessions,
        "customers",
        _write(tmp_path / "c.csv", rows),
        progress=stop_after_two_batches,
        register_key=KEY,
        now=NOW,
    )
    assert report.cancelled
    assert not report.committed
    assert seen == [(2_000, 4_500), (4_000, 4_500)]
    assert _count(sessions, Customer) == 0


ORDER_HEADERS = [column.header for column in COLUMNS[ImportKind.ORDERS]]


def test_orders_upsert_by_order_number(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    import_file(
        sessions, "customers", _write(tmp_path / "c.csv", [_customer("10000001")]), register_key=KEY, now=NOW
    )
    head = ["A-1", "10000001", "2026/11/01 10:30", "テレビ", "￥3,980"]
    rows = [
        [*head, "1", "P-1", "羽毛布団", "1", "2980"],
        [*head, "2", "P-2", "枕", "1", "1000"],
        ["A-2", "10000001", "2026-11-02 09:00:00", "web", "500", "", "", "", "", ""],
    ]
    path = _write(tmp_path / "o.csv", rows, headers=ORDER_HEADERS)
    first = import_file(sessions, "orders", path, register_key=KEY, now=NOW)
    assert (first.read, first.inserted, first.committed) == (3, 2, True)
    again = import_file(sessions, "orders", path, register_key=KEY, now=NOW)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    rows[1][-1] = "1200"
    changed = import_file(
        sessions,
        "orders",
        _write(tmp_path / "o2.csv", rows, headers=ORDER_HEADERS),
        register_key=KEY,
        now=NOW,
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
    report = import_file(
        sessions, "orders", _write(tmp_path / "o.csv", rows, headers=ORDER_HEADERS), register_key=KEY, now=NOW
    )
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
    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    for columns in COLUMNS.values():
        for column in columns:
            assert f"| {column.header} |" in readme, column.header


# --- the desk's own changes, absent columns, removed phones -------------------------------------------


def _supervisor(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as session:
        agent = Agent(login="sv", display_name="監督 花子", role=AgentRole.SUPERVISOR, created_at=NOW)
        session.add(agent)
        session.flush()
        return agent.id


def _correct_at_the_desk(sessions: sessionmaker[Session], customer_no: str, **changes: object) -> None:
    supervisor = _supervisor(sessions)
    with sessions.begin() as session:
        customer_id = session.scalars(select(Customer.id).where(Customer.customer_no == customer_no)).one()
        administrative_correction(
            session,
            customer_id=customer_id,
            agent_id=supervisor,
            changes=changes,
            reason="the customer wrote in",
            now=NOW + dt.timedelta(hours=1),
        )


def _stored(sessions: sessionmaker[Session], customer_no: str) -> Customer:
    with sessions() as session:
        customer = session.scalars(select(Customer).where(Customer.customer_no == customer_no)).one()
        session.expunge(customer)
        return customer


def _phones(sessions: sessionmaker[Session], customer_no: str) -> list[tuple[str, str]]:
    with sessions() as session:
        return sorted(
            (str(kind), e164)
            for kind, e164 in session.execute(
                select(Phone.kind, Phone.e164).join(Customer).where(Customer.customer_no == customer_no)
            )
        )


def _desk_changes(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(DeskChange.field)))


def test_a_correction_made_at_the_desk_is_kept_and_reported_until_the_export_agrees(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    original = _write(tmp_path / "c.csv", [_customer("10000001")])
    import_file(sessions, "customers", original, register_key=KEY, now=NOW)
    _correct_at_the_desk(sessions, "10000001", street="千代田9-9", phone_mobile="080-9999-0000")
    assert _desk_changes(sessions) == {"street", "phone_mobile"}

    # The next export still has the old values: the desk's stay, and the report says so.
    report = import_file(sessions, "customers", original, register_key=KEY, now=NOW + dt.timedelta(days=1))
    assert report.committed
    assert (report.updated, report.unchanged) == (0, 1)
    assert [(c.customer_no, c.field, c.kept) for c in report.conflicts] == [
        ("10000001", "番地", True),
        ("10000001", "携帯電話", True),
    ]
    assert _stored(sessions, "10000001").street == "千代田9-9"
    assert ("mobile", "+818099990000") in _phones(sessions, "10000001")

    # Once the mail-order system has the correction, the conflict is settled...
    agreed = _write(
        tmp_path / "agreed.csv", [_customer("10000001", 番地="千代田9-9", 携帯電話="080-9999-0000")]
    )
    report = import_file(sessions, "customers", agreed, register_key=KEY, now=NOW + dt.timedelta(days=2))
    assert (report.conflicts, report.unchanged) == ((), 1)
    assert _desk_changes(sessions) == set()
    # ...and a later change in the mail-order system is the system's to make.
    moved = _write(tmp_path / "moved.csv", [_customer("10000001", 番地="丸の内1-1")])
    report = import_file(sessions, "customers", moved, register_key=KEY, now=NOW + dt.timedelta(days=3))
    assert (report.conflicts, report.updated) == ((), 1)
    assert _stored(sessions, "10000001").street == "丸の内1-1"


def test_overwrite_desk_changes_lets_the_file_win_and_says_so(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    original = _write(tmp_path / "c.csv", [_customer("10000001")])
    import_file(sessions, "customers", original, register_key=KEY, now=NOW)
    _correct_at_the_desk(sessions, "10000001", name="山田 太朗")
    report = import_file(
        sessions,
        "customers",
        original,
        register_key=KEY,
        overwrite_desk_changes=True,
        now=NOW + dt.timedelta(days=1),
    )
    assert [(c.field, c.kept) for c in report.conflicts] == [("氏名", False)]
    assert report.updated == 1
    assert _stored(sessions, "10000001").name == "山田 太郎"
    assert _desk_changes(sessions) == set()


def test_a_file_without_a_column_keeps_what_is_stored_for_it(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    import_file(
        sessions,
        "customers",
        _write(tmp_path / "full.csv", [_customer("10000001")]),
        register_key=KEY,
        now=NOW,
    )
    before = _stored(sessions, "10000001")
    phones_before = _phones(sessions, "10000001")
    headers = ["顧客番号", "氏名", "氏名カナ", "番地"]
    narrow = _write(
        tmp_path / "narrow.csv", [["10000001", "山田 太郎", "ヤマダ タロウ", "千代田2-2"]], headers=headers
    )
    report = import_file(sessions, "customers", narrow, register_key=KEY, now=NOW + dt.timedelta(days=1))
    assert (report.updated, report.unchanged) == (1, 0)
    after = _stored(sessions, "10000001")
    assert after.street == "千代田2-2"
    for name in ("postal_code", "prefecture", "city", "building", "birth_date", "email", "catalogue_opt_in"):
        assert getattr(after, name) == getattr(before, name), name
    assert _phones(sessions, "10000001") == phones_before
    # A blank cell in a column the file has is still a value: the building is cleared.
    blank = _write(tmp_path / "blank.csv", [_customer("10000001", 番地="千代田2-2", 建物名="")])
    import_file(sessions, "customers", blank, register_key=KEY, now=NOW + dt.timedelta(days=2))
    assert _stored(sessions, "10000001").building is None


def test_a_customer_whose_numbers_were_all_removed_is_updated_with_the_rest_of_the_file(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    first = [_customer("10000001"), _customer("10000002", 氏名="佐藤 花子")]
    import_file(sessions, "customers", _write(tmp_path / "a.csv", first), register_key=KEY, now=NOW)
    removed = [
        _customer("10000001", **{"電話番号(自宅)": "", "携帯電話": ""}),
        _customer("10000002", 氏名="佐藤 花子", 番地="千代田3-3"),
    ]
    report = import_file(
        sessions, "customers", _write(tmp_path / "b.csv", removed), register_key=KEY, now=NOW
    )
    assert report.committed
    assert report.updated == 2
    assert _phones(sessions, "10000001") == []
    assert _phones(sessions, "10000002") == [("home", "+81332111234"), ("mobile", "+819012345678")]


# --- erased customers after retention ---------------------------------------------------------------


def test_a_customer_erased_and_purged_by_retention_is_not_revived_by_a_later_file(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000042"), _customer("10000043")])
    import_file(sessions, "customers", path, register_key=KEY, now=NOW)
    with sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.customer_no == "10000042")
            .values(state=CustomerState.ERASED, name=None, name_kana=None, street=None)
        )
        session.execute(
            delete(Phone).where(
                Phone.customer_id.in_(select(Customer.id).where(Customer.customer_no == "10000042"))
            )
        )
    with sessions.begin() as session:
        purged = retention_run(session, Config(), now=NOW, dry_run=False, register_key=KEY)
    assert purged.counts.erased_customers == 1
    assert _count(sessions, Customer) == 1

    report = import_file(sessions, "customers", path, register_key=KEY, now=NOW + dt.timedelta(days=1))
    assert report.not_revived == ("10000042",)
    assert report.inserted == 0
    with sessions() as session:
        assert session.scalars(select(Customer.customer_no)).all() == ["10000043"]
    orders = _write(
        tmp_path / "o.csv",
        [["A-1", "10000042", "2026/11/01 10:30", "電話", "100", "", "", "", "", ""]],
        headers=ORDER_HEADERS,
    )
    report = import_file(sessions, "orders", orders, register_key=KEY, now=NOW)
    assert (report.committed, report.not_revived, report.rejected) == (True, ("10000042",), 0)
    assert _count(sessions, Order) == 0
    # The register holds keyed hashes only: neither the number nor its plain hash is in it.
    with sessions() as session:
        digests = set(session.scalars(select(ErasedNumber.number_digest)))
    assert "10000042" not in str(digests)
    assert hashlib.sha256(b"10000042").hexdigest() not in digests


def test_a_desk_with_another_register_key_refuses_to_import(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with sessions.begin() as session:
        register_erased(session, KEY, ["10000042"])
    path = _write(tmp_path / "c.csv", [_customer("10000042")])
    with pytest.raises(RegisterKeyMismatch, match="another key"):
        import_file(sessions, "customers", path, register_key=RegisterKey(b"x" * 32), now=NOW)
    assert _count(sessions, Customer) == 0


# --- the rejects file ---------------------------------------------------------------------------------


def test_the_rejects_file_is_never_the_file_being_imported(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _good_and_bad(tmp_path)
    original = path.read_bytes()
    (tmp_path / "link.csv").symlink_to(path)
    for rejects in (path, tmp_path / "." / path.name, tmp_path / "link.csv"):
        with pytest.raises(ImportFileError, match="is the file being imported"):
            import_file(sessions, "customers", path, register_key=KEY, skip_bad=rejects, now=NOW)
        assert path.read_bytes() == original
    assert _count(sessions, Customer) == 0


def test_rejects_are_written_formula_safe_with_a_bom_and_import_again_as_they_were(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://evil.example/","click")'
    rows = [
        _customer("10000001", 氏名=formula, 郵便番号="12345", 建物名="@SUM(1+1)"),
        _customer("10000002", 氏名="佐藤 花子", 市区町村="-2+3+cmd|' /C calc'!A0"),
    ]
    path = _write(tmp_path / "c.csv", rows, encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    report = import_file(sessions, "customers", path, register_key=KEY, skip_bad=rejects, now=NOW)
    assert (report.inserted, report.rejected) == (1, 1)
    data = rejects.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    with rejects.open(encoding="utf-8-sig", newline="") as stream:
        written = list(csv.reader(stream))
    assert written[1][HEADERS.index("氏名")] == "'" + formula
    assert written[1][HEADERS.index("建物名")] == "'@SUM(1+1)"
    for row in written:
        for cell in row:
            assert not is_formula(cell), cell
    # The administrator fixes the postal code and imports the rejects file: the name is as it was sent.
    written[1][HEADERS.index("郵便番号")] = "1000001"
    with rejects.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows(written)
    again = import_file(sessions, "customers", rejects, register_key=KEY, now=NOW)
    assert (again.inserted, again.ignored_columns) == (1, ("問題",))
    assert _stored(sessions, "10000001").name == formula
    assert _stored(sessions, "10000002").city == "-2+3+cmd|' /C calc'!A0"


# --- control characters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "value", "problem"),
    [
        ("氏名", "山田\x00太郎", "contains a control character (U+0000)"),
        ("氏名", "\x1b]0;pwned\x07山田", "contains a control character (U+001B)"),
        ("建物名", "ビル\u202egnp.exe", "contains a text-direction control character (U+202E)"),
        ("市区町村", "千代田\u2066区", "contains a text-direction control character (U+2066)"),
        ("番地", "千代田\n1-1", "one line only"),
        ("メールアドレス", "taro\x85@example.jp", "contains a control character (U+0085)"),
    ],
)
def test_control_and_text_direction_characters_are_refused(
    sessions: sessionmaker[Session], tmp_path: Path, header: str, value: str, problem: str
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("10000001", **{header: value})], encoding="utf-8")
    report = import_file(sessions, "customers", path, register_key=KEY, now=NOW)
    assert not report.committed
    assert [str(p) for p in report.problems] == [f"line 2: {header}: {problem}"]
    assert _count(sessions, Customer) == 0


def test_migration_0011_counts_corrections_since_the_last_customers_import_as_desk_changes(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    config = migrate._alembic_config(engine)
    command.upgrade(config, "0010")
    last_import = NOW
    with Session(engine) as session, session.begin():
        agent = Agent(login="sv", display_name="監督", role=AgentRole.SUPERVISOR, created_at=NOW)
        session.add(agent)
        # The customers table as it was at 0010 (later migrations add columns the model already has).
        customer_rows = sa.table(
            "customers",
            *(sa.column(name) for name in ("id", "customer_no", "name", "name_kana", "state", "row_version")),
            *(sa.column(name) for name in ("shopping_credit", "catalogue_opt_in", "direct_mail_opt_in")),
            sa.column("email_magazine_opt_in"),
            sa.column("created_at", UtcDateTime()),
            sa.column("updated_at", UtcDateTime()),
        )
        states = (
            ("10000001", CustomerState.ACTIVE),
            ("10000002", CustomerState.ACTIVE),
            ("10000003", CustomerState.ERASED),
        )
        session.execute(
            customer_rows.insert(),
            [
                {
                    "id": number,
                    "customer_no": customer_no,
                    "name": "山田 太郎",
                    "name_kana": "ヤマダ タロウ",
                    "state": state.value,
                    "row_version": 1,
                    "shopping_credit": False,
                    "catalogue_opt_in": True,
                    "direct_mail_opt_in": True,
                    "email_magazine_opt_in": False,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for number, (customer_no, state) in enumerate(states, start=1)
            ],
        )
        ids = {customer_no: number for number, (customer_no, _) in enumerate(states, start=1)}
        session.flush()
        # The access log as it was at 0010 (later migrations add columns the model already has).
        access_log = sa.table(
            "access_log",
            sa.column("at", UtcDateTime()),
            *(sa.column(name) for name in ("agent_id", "action", "detail", "row_hash", "prev_hash")),
        )
        session.execute(
            access_log.insert().values(
                at=last_import,
                agent_id=None,
                action=AccessAction.CHANGE.value,
                detail="import customers c.csv (cp932): 3 read",
                row_hash="0" * 64,
                prev_hash="0" * 64,
            )
        )
        corrections = [
            ("10000001", last_import - dt.timedelta(days=1), {"street": {}}),  # the import already had it
            ("10000002", last_import + dt.timedelta(hours=1), {"street": {}, "phone_mobile": {}}),
            ("10000002", last_import + dt.timedelta(hours=2), {"street": {}}),
            ("10000003", last_import + dt.timedelta(hours=1), {"name": {}}),  # erased since
        ]
        for number, (customer_no, at, changes) in enumerate(corrections, start=1):
            case = Case(
                case_no=f"2026-{number:06d}",
                kind=CaseKind.CORRECTION,
                state=CaseState.COMPLETED,
                customer_id=ids[customer_no],
                opened_by_id=agent.id,
                received_at=at,
                due_on=at.date(),
            )
            session.add(case)
            session.flush()
            session.add(
                CaseEvent(
                    case_id=case.id,
                    at=at,
                    agent_id=agent.id,
                    kind="corrected",
                    detail={"changes": changes},
                    row_hash="0" * 64,
                    prev_hash="0" * 64,
                )
            )
    command.upgrade(config, "head")
    with Session(engine) as session:
        pending = {
            (row.customer_id, row.field): row.changed_at for row in session.scalars(select(DeskChange))
        }
    engine.dispose()
    assert pending == {
        (ids["10000002"], "street"): last_import + dt.timedelta(hours=2),
        (ids["10000002"], "phone_mobile"): last_import + dt.timedelta(hours=1),
    }
