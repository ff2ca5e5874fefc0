"""`desk-app import` as a real process names each customer whose stop of third-party provision the file
went against, in words and in JSON."""

from __future__ import annotations

import csv
from pathlib import Path

from desk_app.domain.enums import ProvisionBasis
from desk_app.imports.columns import CUSTOMER_COLUMNS
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from tests.support.letter_cases import LetterCases

HEADERS = [column.header for column in CUSTOMER_COLUMNS]


def test_the_report_names_a_stop_of_provision_the_file_would_lift(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    desk = LetterCases(session_factory(engine))
    customer = desk.customer(provisions=("さくら信販株式会社",), provision_basis=ProvisionBasis.CONSENT)
    desk.provision_stop(customer)
    engine.dispose()
    values = dict.fromkeys(HEADERS, "")
    values.update(
        {"顧客番号": "80000001", "氏名": "山田 花子", "氏名カナ": "ヤマダ ハナコ", "第三者提供": "1"}
    )
    export = tmp_path / "customers.csv"
    with export.open("w", encoding="cp932", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerow([values[header] for header in HEADERS])

    said = desk_app("import", "customers", str(export), "--db", database_url)
    assert said.returncode == 0, said.stderr
    assert (
        "customer 80000001: third-party provision stays stopped; the file's 第三者提供 not applied"
        in said.stdout
    )
    as_json = desk_app("import", "customers", str(export), "--json", "--db", database_url)
    assert as_json.returncode == 0, as_json.stderr
    assert as_json.json()["provision_stops_kept"] == [
        {"customer_no": "80000001", "recipient": None, "provided_on": None}
    ]
