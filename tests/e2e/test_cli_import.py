"""`desk-app import` as a real process: exit codes, the report, --skip-bad, a re-run that changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

from desk_app.imports.columns import CUSTOMER_COLUMNS

HEADERS = [column.header for column in CUSTOMER_COLUMNS]


def _row(number: str, postal: str = "1000001") -> list[str]:
    values = dict.fromkeys(HEADERS, "")
    values.update(
        {
            "顧客番号": number,
            "氏名": "山田 太郎",
            "氏名カナ": "ヤマダ タロウ",
            "郵便番号": postal,
            "都道府県": "東京都",
            "携帯電話": "090-1234-5678",
            "建物名": "髙島ビル",
        }
    )
    return [values[header] for header in HEADERS]


def _export(path: Path) -> Path:
    with path.open("w", encoding="cp932", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows([_row("10000001"), _row("10000002", postal="12-34"), _row("10000003")])
    return path


def test_import_exit_codes_report_and_rerun(desk_app, database_url: str, tmp_path: Path) -> None:
    export = _export(tmp_path / "customers.csv")
    rejected = desk_app("import", "customers", str(export), "--db", database_url)
    assert rejected.returncode == 1, rejected.stderr
    assert "REJECTED, nothing written" in rejected.stdout
    assert "line 3: 郵便番号: must be 7 digits" in rejected.stdout

    rejects = tmp_path / "rejects.csv"
    imported = desk_app(
        "import", "customers", str(export), "--skip-bad", str(rejects), "--json", "--db", database_url
    )
    assert imported.returncode == 0, imported.stderr
    report = imported.json()
    assert (report["encoding"], report["inserted"], report["rejected"]) == ("cp932", 2, 1)
    assert report["problems"] == [{"line": 3, "field": "郵便番号", "message": "must be 7 digits"}]
    assert rejects.read_bytes().decode("cp932").splitlines()[1].startswith("10000002,")

    again = desk_app(
        "import", "customers", str(export), "--skip-bad", str(rejects), "--json", "--db", database_url
    )
    assert again.returncode == 0
    assert (again.json()["inserted"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 2)


def test_import_file_problems_are_exit_2(desk_app, database_url: str, tmp_path: Path) -> None:
    missing = desk_app("import", "customers", str(tmp_path / "nope.csv"), "--db", database_url)
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    headless = tmp_path / "h.csv"
    headless.write_text("顧客番号,氏名\r\n1,山田\r\n", encoding="utf-8")
    bad_header = desk_app("import", "customers", str(headless), "--db", database_url)
    assert bad_header.returncode == 2
    assert "required columns missing: 氏名カナ" in bad_header.stderr
    assert "Traceback" not in bad_header.stderr
    wrong = desk_app(
        "import", "customers", str(_export(tmp_path / "c.csv")), "--encoding", "utf-8", "--db", database_url
    )
    assert wrong.returncode == 2
    assert "not valid utf-8" in wrong.stderr


def test_import_database_unreachable_is_exit_3(desk_app, tmp_path: Path) -> None:
    export = _export(tmp_path / "customers.csv")
    result = desk_app(
        "import", "customers", str(export), "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert result.returncode == 3
