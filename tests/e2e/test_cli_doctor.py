"""`desk-app doctor` as a real process: clean is 0, each problem a named line (or JSON) and 1, a missing
database 3 without creating it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from desk_app.domain.enums import CaseState
from desk_app.services.cases.letters import generate_letter
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Case
from tests.support.letter_cases import COMPANY, NOW, LetterCases


def test_doctor_names_each_problem_and_exits_one(desk_app, database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    desk = LetterCases(session_factory(engine))
    case_id = desk.disclosure(desk.customer())
    with desk.sessions.begin() as session:
        letter = generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
    clean = desk_app("doctor", "--db", database_url)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.strip().splitlines()[-1].startswith("doctor: clean (letters, identity, erasures")
    with desk.sessions.begin() as session:
        session.execute(update(Case).where(Case.id == case_id).values(state=CaseState.WITHDRAWN))
    engine.dispose()
    found = desk_app("doctor", "--db", database_url)
    assert found.returncode == 1
    lines = found.stdout.splitlines()
    assert any(
        line.startswith(f"letters: letter {letter.letter_id}: a disclosure letter waits") for line in lines
    )
    assert any(line.startswith(f"replay: case {letter.case_no}: is withdrawn") for line in lines)
    as_json = desk_app("doctor", "--json", "--check", "letters", "--db", database_url)
    assert as_json.returncode == 1
    payload = as_json.json()
    assert payload["clean"] is False
    assert payload["checks"] == ["letters"]
    assert payload["problems"][0]["check"] == "letters"
    assert payload["problems"][0]["subject"] == f"letter {letter.letter_id}"
    assert set(payload["problems"][0]) == {"check", "subject", "message"}
    # Nothing personal in what a scheduler may keep in its logs.
    assert "山田" not in found.stdout + as_json.stdout
    japanese = desk_app("doctor", "--db", database_url, env={"DESK_APP_LANGUAGE": "ja"})
    assert japanese.returncode == 1
    said = japanese.stdout.splitlines()
    assert any(line.startswith(f"案件とイベント: 案件 {letter.case_no}: ") for line in said)
    assert said[-1].startswith("データベースの点検: 問題")
    assert said[-1].endswith(
        "（通知書、本人確認、消去、台帳、第三者提供の停止、拒否、方針に基づく回答、日時、通話、期限の一時停止、"
        "代理人・ご逝去、漏えい等の事案、案件とイベント、監査証跡を確認）"
    )


def test_doctor_never_creates_or_migrates_a_database(desk_app, tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    completed = desk_app("doctor", "--db", f"sqlite:///{missing}")
    assert completed.returncode == 3
    assert completed.stderr.strip() == f"desk-app: no database at {missing}"
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    make_engine(f"sqlite:///{empty}").dispose()
    empty.touch()
    old = desk_app("doctor", "--db", f"sqlite:///{empty}")
    assert old.returncode == 3
    assert "empty (no schema)" in old.stderr
    assert "db upgrade" in old.stderr


def test_a_fresh_demo_database_passes_doctor_and_prints_every_letter_kind(
    desk_app, database_url: str, tmp_path: Path
) -> None:
    filled = desk_app("demo-data", "--customers", "3000", "--seed", "11", "--db", database_url)
    assert filled.returncode == 0, filled.stderr
    checked = desk_app("doctor", "--db", database_url)
    assert checked.returncode == 0, checked.stdout
    out = tmp_path / "print-run"
    batch = desk_app("letters", "batch", "--ready", "--out", str(out), "--json", "--db", database_url)
    assert batch.returncode == 0, batch.stderr
    kinds = {record["kind"] for record in batch.json()}
    assert kinds == {
        "disclosure",
        "provision_records",
        "correction_completed",
        "mailing_stopped",
        "deletion_completed",
        "refusal",
        "fee_payment_notice",
        "provision_stopped",
        "purposes_notice",
        "foreign_transfer_info",
    }
    assert len(list(out.iterdir())) == len(batch.json())
    # The print run changed nothing the rules care about.
    assert desk_app("doctor", "--db", database_url).returncode == 0
