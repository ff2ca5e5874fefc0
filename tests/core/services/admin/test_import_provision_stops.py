"""Imports and a stop of third-party provision made at the desk: a customers file never allows provision on
consent again, and a provision record on consent after the stop is stored but reported, customer by customer;
`--overwrite-desk-changes` does not lift a stop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.imports.columns import PROVISION_COLUMNS
from desk_app.services.admin.doctor import examine
from desk_app.services.admin.imports import ProvisionStopKept, import_file
from desk_app.storage.models import Customer, ProvisionRecord, ProvisionStop
from tests.core.services.admin.test_imports import KEY, NOW, _customer, _write
from tests.support.letter_cases import LetterCases

CREDIT = "さくら信販株式会社"
MAKER = "ひなた電機株式会社"
# The stops below are made on 20 November 2026 (tests.support.letter_cases.NOW).
PROVISION_HEADERS = [column.header for column in PROVISION_COLUMNS]


def _provision(number: str, recipient: str, provided_on: str, basis: str = "同意") -> list[str]:
    values = {
        "顧客番号": number,
        "提供日": provided_on,
        "提供先": recipient,
        "提供先住所": "東京都千代田区中央2-3-4",
        "代表者": "代表取締役 山本 一郎",
        "提供項目": "氏名、住所、電話番号",
        "目的": "ショッピングクレジットの与信審査",
        "根拠": basis,
    }
    return [values[header] for header in PROVISION_HEADERS]


def _customers_on_file(sessions: sessionmaker[Session], tmp_path: Path) -> dict[str, int]:
    """Two customers imported from the mail-order system, each with provision on consent to two recipients."""
    import_file(
        sessions,
        "customers",
        _write(tmp_path / "customers.csv", [_customer("10000001"), _customer("10000002", 氏名="佐藤 花子")]),
        register_key=KEY,
        now=NOW - dt.timedelta(days=30),
    )
    rows = [
        _provision(number, recipient, "2026-05-01")
        for number in ("10000001", "10000002")
        for recipient in (CREDIT, MAKER)
    ]
    import_file(
        sessions,
        "provisions",
        _write(tmp_path / "provisions.csv", rows, headers=PROVISION_HEADERS),
        register_key=KEY,
        now=NOW - dt.timedelta(days=30),
    )
    with sessions() as session:
        return dict(session.execute(select(Customer.customer_no, Customer.id)).all())


def test_a_customers_file_never_allows_provision_on_consent_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    ids = _customers_on_file(sessions, tmp_path)
    desk = LetterCases(sessions)
    desk.provision_stop(ids["10000001"])
    again = _write(
        tmp_path / "again.csv",
        [_customer("10000001", 第三者提供="有"), _customer("10000002", 氏名="佐藤 花子", 第三者提供="0")],
    )
    for overwrite in (False, True):
        report = import_file(
            sessions, "customers", again, register_key=KEY, now=NOW, overwrite_desk_changes=overwrite
        )
        assert report.provision_stops_kept == (ProvisionStopKept("10000001"),)
        assert str(report.provision_stops_kept[0]) == (
            "customer 10000001: third-party provision stays stopped; the file's 第三者提供 not applied"
        )
    with sessions() as session:
        settings = dict(session.execute(select(Customer.customer_no, Customer.provision_opt_in)).all())
        # The mail-order system may switch a customer's provision off: the desk does not argue with that.
        assert settings == {"10000001": False, "10000002": False}
        assert session.scalar(select(ProvisionStop.customer_id)) == ids["10000001"]
        assert examine(session, now=NOW, only=("provisions",)).problems == ()


def test_a_provision_on_consent_after_a_stop_is_stored_and_reported(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    ids = _customers_on_file(sessions, tmp_path)
    desk = LetterCases(sessions)
    desk.provision_stop(ids["10000001"], recipient=CREDIT)
    desk.provision_stop(ids["10000002"])
    rows = [
        _provision("10000001", CREDIT, "2026-05-01"),  # already stored: a re-run says nothing
        _provision("10000001", CREDIT, "2026-11-20"),  # the day of the stop: it may have come first
        _provision("10000001", CREDIT, "2026-11-25"),  # after the stop of that recipient
        _provision("10000001", MAKER, "2026-11-25"),  # a recipient the customer did not stop
        _provision("10000002", MAKER, "2026-11-26"),  # after the stop of all provision not required
        _provision("10000002", "〇〇地方裁判所", "2026-11-26", "法令"),  # required by law: not stopped
    ]
    path = _write(tmp_path / "later.csv", rows, headers=PROVISION_HEADERS)
    report = import_file(sessions, "provisions", path, register_key=KEY, now=NOW)
    assert (report.inserted, report.unchanged) == (5, 1)
    assert report.provision_stops_kept == (
        ProvisionStopKept("10000001", CREDIT, dt.date(2026, 11, 25)),
        ProvisionStopKept("10000002", MAKER, dt.date(2026, 11, 26)),
    )
    assert str(report.provision_stops_kept[1]) == (
        f"customer 10000002: provision to {MAKER} on 2026-11-26 came after the stop recorded at the desk"
    )
    with sessions() as session:
        # Stored all the same: it is the record of what happened that the law asks to be kept.
        assert session.scalar(
            select(ProvisionRecord.id)
            .where(ProvisionRecord.provided_on == dt.date(2026, 11, 25))
            .where(ProvisionRecord.recipient_name == CREDIT)
        )
    again = import_file(sessions, "provisions", path, register_key=KEY, now=NOW)
    assert (again.inserted, again.provision_stops_kept) == (0, ())
