"""`desk-app import` as a real process: exit codes, the report, --skip-bad, a re-run that changes nothing."""

from __future__ import annotations

import codecs
import csv
import stat
from pathlib import Path

from sqlalchemy import select

from desk_app.imports.columns import CUSTOMER_COLUMNS
from desk_app.storage.models import Customer, DeskChange

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


def test_skip_bad_naming_the_input_is_refused_and_the_input_kept(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    export = _export(tmp_path / "customers.csv")
    original = export.read_bytes()
    result = desk_app("import", "customers", str(export), "--skip-bad", str(export), "--db", database_url)
    assert result.returncode == 2
    assert "is the file being imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert export.read_bytes() == original


def test_a_desk_correction_is_kept_and_reported_unless_the_file_is_told_to_win(
    desk_app, sessions, database_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "customers.csv"
    with export.open("w", encoding="cp932", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows([_row("10000001")])
    assert desk_app("import", "customers", str(export), "--db", database_url).returncode == 0
    with sessions.begin() as session:
        customer = session.scalars(select(Customer).where(Customer.customer_no == "10000001")).one()
        customer.name = "山田 太朗"
        session.add(DeskChange(customer_id=customer.id, field="name", changed_at=customer.updated_at))

    kept = desk_app("import", "customers", str(export), "--json", "--db", database_url)
    assert kept.returncode == 0, kept.stderr
    assert kept.json()["desk_change_conflicts"] == [
        {"customer_no": "10000001", "field": "氏名", "desk_value_kept": True}
    ]
    shown = desk_app("import", "customers", str(export), "--db", database_url)
    assert "customer 10000001: 氏名 was corrected at the desk; the desk's value kept" in shown.stdout
    with sessions() as session:
        assert session.scalar(select(Customer.name)) == "山田 太朗"

    won = desk_app("import", "customers", str(export), "--overwrite-desk-changes", "--db", database_url)
    assert won.returncode == 0, won.stderr
    assert "customer 10000001: 氏名 was corrected at the desk; overwritten by the file" in won.stdout
    with sessions() as session:
        assert session.scalar(select(Customer.name)) == "山田 太郎"


def test_a_register_key_file_that_cannot_be_read_is_one_line_and_exit_2(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('[security]\nerased_register_key_file = "missing.key"\n', encoding="utf-8")
    export = _export(tmp_path / "customers.csv")
    result = desk_app("--config", str(config), "import", "customers", str(export), "--db", database_url)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "missing.key does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_default_register_key_is_made_owner_only_beside_the_configuration(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    export = _export(tmp_path / "customers.csv")
    desk_app("import", "customers", str(export), "--db", database_url)
    key = tmp_path / "config" / "InquiryDesk" / "erased-register.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text(encoding="ascii").strip())) == 32


def test_rejects_are_formula_safe_utf8_with_a_bom_and_the_report_escapes_the_files_words(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "customers.csv"
    with export.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([*HEADERS, "\x1b]0;pwned\x07memo"])
        bad = _row("10000002", postal="12-34")
        bad[HEADERS.index("氏名")] = "=1+2"
        writer.writerows([[*_row("10000001"), ""], [*bad, ""]])
    rejects = tmp_path / "rejects.csv"
    result = desk_app("import", "customers", str(export), "--skip-bad", str(rejects), "--db", database_url)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "columns not imported: \\x1b]0;pwned\\x07memo" in result.stdout
    data = rejects.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    line = data.decode("utf-8-sig").splitlines()[1]
    assert line.startswith("10000002,'=1+2,")
