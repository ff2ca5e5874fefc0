"""Attaching the customers a leak incident affects: read as the customer import reads a file, all or
nothing with every wrong line named, counted once, counted by what their notice will meet, only link rows
written, in chunks, and by supervisors only."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.reading import ImportFileError
from desk_app.services.customers.search import search_customers
from desk_app.services.erased_register import register_erased
from desk_app.services.incidents import affected
from desk_app.services.incidents.affected import Attaching, attach_csv, attach_numbers
from desk_app.services.incidents.register import IncidentRefused, close_incident
from desk_app.storage.models import AccessLogEntry, Customer, IncidentCustomer
from tests.conftest import CustomerFactory
from tests.support.incidents import OPENED, open_test_incident, stored_letter

NOW = OPENED
KEY = RegisterKey.generate()


@pytest.fixture
def numbers(add_customer: CustomerFactory, sessions: sessionmaker[Session]) -> list[str]:
    """Five customers: 90000001 an ordinary one, …02 erased, …03 reported deceased, …04 with no postal
    code, …05 with no address line."""
    ids = [add_customer() for _ in range(5)]
    with sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.id == ids[1])
            .values(
                state=CustomerState.ERASED,
                name=None,
                postal_code=None,
                prefecture=None,
                city=None,
                street=None,
            )
        )
        session.execute(update(Customer).where(Customer.id == ids[2]).values(death_reported_at=NOW))
        session.execute(update(Customer).where(Customer.id == ids[3]).values(postal_code=""))
        session.execute(
            update(Customer).where(Customer.id == ids[4]).values(prefecture=None, city="", street=None)
        )
        return list(session.scalars(select(Customer.customer_no).order_by(Customer.id)))


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _attached(sessions: sessionmaker[Session]) -> set[str]:
    with sessions.begin() as session:
        return set(
            session.scalars(
                select(Customer.customer_no).join(
                    IncidentCustomer, IncidentCustomer.customer_id == Customer.id
                )
            )
        )


@pytest.mark.parametrize(
    ("encoding", "header"),
    [("cp932", "顧客番号"), ("utf-8-sig", "顧客番号"), ("utf-8", "customer_no")],
)
def test_a_file_in_either_encoding_attaches_its_customers_counted_once_and_by_state(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    numbers: list[str],
    tmp_path: Path,
    encoding: str,
    header: str,
) -> None:
    rows = [f"{header},氏名,備考"] + [f"{number},髙橋 一郎,①" for number in numbers] + [f"{numbers[0]},,重複"]
    path = _write(tmp_path / "漏えい対象.csv", "\r\n".join(rows) + "\r\n", encoding)
    with sessions.begin() as session:
        report = attach_csv(session, staff["kimura"], incident_no, path, now=NOW, register_key=KEY)
    assert report.problems == ()
    assert report.committed
    assert (report.read, report.attached, report.already_attached, report.repeated) == (6, 5, 0, 1)
    assert (report.erased, report.deceased, report.no_address, report.noticed) == (1, 1, 2, 0)
    assert report.encoding == {"cp932": "cp932", "utf-8-sig": "utf-8-sig", "utf-8": "utf-8"}[encoding]
    assert _attached(sessions) == set(numbers)
    with sessions.begin() as session:
        links = list(session.scalars(select(IncidentCustomer)))
        entry = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc())).first()
    assert {(link.attached_by_id, link.notice_letter_id, link.notice_skipped) for link in links} == {
        (staff["kimura"], None, None)
    }
    assert entry is not None
    assert entry.customer_id is None
    assert (
        entry.detail == f"incident {incident_no}: 5 customers attached, 0 already attached (6 numbers read)"
    )
    assert not any(number in entry.detail for number in numbers)


def test_attaching_again_counts_the_customers_already_attached_and_those_noticed(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    numbers: list[str],
    tmp_path: Path,
) -> None:
    with sessions.begin() as session:
        first = attach_numbers(session, staff["kimura"], incident_no, numbers[:2], now=NOW)
        notice = stored_letter(session, staff["kimura"], incident_no=incident_no)
        link = IncidentCustomer
        customer = select(Customer.id).where(Customer.customer_no == numbers[0]).scalar_subquery()
        session.execute(update(link).where(link.customer_id == customer).values(notice_letter_id=notice))
    assert first.attached == 2
    path = _write(tmp_path / "list.csv", "顧客番号\n" + "\n".join(numbers) + "\n")
    with sessions.begin() as session:
        again = attach_csv(session, staff["ishii"], incident_no, path, now=NOW)
    assert (again.attached, again.already_attached, again.noticed) == (3, 2, 1)
    with sessions.begin() as session:
        attached_by = dict(
            session.execute(select(IncidentCustomer.customer_id, IncidentCustomer.attached_by_id)).all()
        )
    assert sorted(attached_by.values()) == [staff["kimura"]] * 2 + [staff["ishii"]] * 3


def test_one_wrong_line_attaches_nothing_and_every_wrong_line_is_named(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    numbers: list[str],
    tmp_path: Path,
) -> None:
    text = (
        "顧客番号,備考\n"
        f"{numbers[0]},ok\n"  # line 2
        "99999999,unknown\n"  # 3
        ",blank\n"  # 4
        "\n"  # 5: an empty line, skipped as the import skips it
        "12AB,malformed\n"  # 6
        f'{numbers[1]},"two\nlines"\n'  # 7-8
        "12345678901234567,too long\n"  # 9
        "99999999,unknown again\n"  # 10
        f"{numbers[0]},repeated\n"  # 11
    )
    path = _write(tmp_path / "bad.csv", text)
    with sessions.begin() as session:
        report = attach_csv(session, staff["kimura"], incident_no, path, now=NOW)
    assert not report.committed
    assert report.attached == 0
    assert [(problem.line, problem.field) for problem in report.problems] == [
        (4, "顧客番号"),
        (6, "顧客番号"),
        (9, "顧客番号"),
        (3, "顧客番号"),
        (10, "顧客番号"),
    ]
    said = {problem.line: problem.message for problem in report.problems}
    assert said[3] == said[10] == "no such customer"
    assert said[4] == "required"
    assert said[6] == "must be digits only, at most 16"
    assert said[9] == "longer than 16 characters"
    assert str(affected.refusal(report)) == f"nothing attached to incident {incident_no}: 5 lines are wrong"
    assert _attached(sessions) == set()
    with sessions.begin() as session:
        details = session.scalars(select(AccessLogEntry.detail)).all()
    assert not any("attached" in detail for detail in details)


def test_a_file_that_is_not_a_list_of_numbers_is_refused_whole(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    numbers: list[str],
    tmp_path: Path,
) -> None:
    cases = {
        "no_column.csv": ("氏名\n山田 太郎\n", "required columns missing: 顧客番号"),
        "stray_quote.csv": (f'顧客番号\n{numbers[0]}\n"{numbers[1]}\n', "not readable as CSV"),
        "empty.csv": ("", "the file is empty"),
        "latin1.csv": (None, "neither UTF-8 nor CP932"),
    }
    for name, (text, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(text.encode() if text is not None else "顧客番号\n".encode() + b"\x81\xff\n")
        with sessions.begin() as session, pytest.raises(ImportFileError, match=expected):
            attach_csv(session, staff["kimura"], incident_no, path, now=NOW)
    assert _attached(sessions) == set()


def test_only_supervisors_attach_and_only_to_an_open_incident(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    numbers: list[str],
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "list.csv", f"顧客番号\n{numbers[0]}\n")
    with sessions.begin() as session:
        with pytest.raises(IncidentRefused, match="only a supervisor"):
            attach_csv(session, staff["sato"], incident_no, path, now=NOW)
        with pytest.raises(IncidentRefused, match="there is no incident 2026-L099"):
            attach_numbers(session, staff["kimura"], "2026-L099", numbers, now=NOW)
    with sessions.begin() as session:
        other = open_test_incident(session, staff["kimura"], title="誤送信", categories=frozenset())
        close_incident(session, staff["kimura"], other, now=NOW)
        with pytest.raises(IncidentRefused, match="is closed"):
            attach_csv(session, staff["kimura"], other, path, now=NOW)
    assert _attached(sessions) == set()


def test_a_search_result_is_attached_by_its_customers_numbers(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str, add_customer: CustomerFactory
) -> None:
    for _ in range(3):
        add_customer(name="高橋 花子", name_kana="タカハシ ハナコ")
    add_customer(name="山田 太郎", name_kana="ヤマダ タロウ")
    with sessions.begin() as session:
        result = search_customers(session, "タカハシ", agent_id=staff["kimura"])
        report = attach_numbers(
            session, staff["kimura"], incident_no, [hit.customer_no for hit in result.hits], now=NOW
        )
    assert (report.source, report.attached, report.committed) == ("search", 3, True)
    assert _attached(sessions) == {hit.customer_no for hit in result.hits}


def test_a_number_only_the_erased_register_knows_is_named_as_erased(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str, numbers: list[str]
) -> None:
    with sessions.begin() as session:
        register_erased(session, KEY, ["80000001"])
    with sessions.begin() as session:
        report = attach_numbers(
            session, staff["kimura"], incident_no, [numbers[0], "80000001"], now=NOW, register_key=KEY
        )
    assert [(problem.line, problem.message) for problem in report.problems] == [
        (2, "erased; no longer on file, so it cannot be attached")
    ]
    with sessions.begin() as session:
        without_key = attach_numbers(session, staff["kimura"], incident_no, ["80000001"], now=NOW)
    assert [problem.message for problem in without_key.problems] == ["no such customer"]


def test_a_long_list_is_looked_up_in_chunks(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    engine: Engine,
) -> None:
    monkeypatch.setattr(affected, "CHUNK", 40)
    with sessions.begin() as session:
        session.execute(
            insert(Customer),
            [
                {
                    "customer_no": str(70_000_000 + i),
                    "name": "顧客",
                    "postal_code": "1000001",
                    "city": "千代田区",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(250)
            ],
        )
    # Every number twice, the second time after the first's chunk has gone; one unknown number in the
    # middle and at the end, each named.
    listed = [str(70_000_000 + i) for i in range(250)]
    lines = ["顧客番号", *listed[:120], "69999999", *listed, *listed[120:], "69999999"]
    path = _write(tmp_path / "long.csv", "\n".join(lines) + "\n")
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        with sessions.begin() as session:
            report = attach_csv(session, staff["kimura"], incident_no, path, now=NOW)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [problem.line for problem in report.problems] == [122, 503]
    assert (report.read, report.repeated) == (502, 250)
    lookups = [sql for sql in statements if "FROM customers" in sql]
    assert 7 <= len(lookups) <= 16
    monkeypatch.setattr(affected, "CHUNK", 1000)
    good = tmp_path / "good.csv"
    _write(good, "\n".join(["顧客番号", *listed, *listed]) + "\n")
    with sessions.begin() as session:
        report = attach_csv(session, staff["kimura"], incident_no, good, now=NOW)
    assert (report.attached, report.repeated, report.committed) == (250, 250, True)


def test_a_long_list_says_how_far_it_is_and_a_cancel_keeps_nothing(
    sessions: sessionmaker[Session],
    staff: dict[str, int],
    incident_no: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(affected, "CHUNK", 40)
    with sessions.begin() as session:
        session.execute(
            insert(Customer),
            [
                {
                    "customer_no": str(70_000_000 + i),
                    "name": "顧客",
                    "postal_code": "1000001",
                    "city": "千代田区",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(200)
            ],
        )
        entries = session.scalar(select(func.count()).select_from(AccessLogEntry))
    path = _write(
        tmp_path / "long.csv", "\n".join(["顧客番号", *(str(70_000_000 + i) for i in range(200))]) + "\n"
    )
    seen: list[int] = []
    # Stopped once three chunks are in: the links written so far are rolled back with the rest.
    asked = Attaching(progress=seen.append, cancelled=lambda: len(seen) >= 3)
    with sessions.begin() as session:
        report = attach_csv(session, staff["kimura"], incident_no, path, now=NOW, attaching=asked)
    assert seen == [40, 80, 120]
    assert (report.cancelled, report.committed, report.attached) == (True, False, 0)
    assert _attached(sessions) == set()
    with sessions.begin() as session:
        assert session.scalar(select(func.count()).select_from(AccessLogEntry)) == entries
    # Run to its end, it says each chunk and keeps every link.
    seen.clear()
    with sessions.begin() as session:
        report = attach_csv(
            session, staff["kimura"], incident_no, path, now=NOW, attaching=Attaching(progress=seen.append)
        )
    assert seen == [40, 80, 120, 160, 200]
    assert (report.cancelled, report.committed, report.attached) == (False, True, 200)
