"""`desk-app audit verify` and `audit anchor` as real processes: intact after demo data, a row changed behind
its back named, a rewind caught by an exported anchor, a case row edited in SQL named, a missing key made."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.services.access_log import record_access
from desk_app.storage.engine import make_engine
from desk_app.storage.models import Agent
from tests.support.letter_cases import LetterCases

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def _change_a_row(database_url: str, row_id: int) -> None:
    """Edit a case event's kind with the database's own tools, not the program's."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        connection = sqlite3.connect(url.database or "")
        with connection:
            connection.execute("UPDATE case_events SET kind = 'note' WHERE id = ?", (row_id,))
        connection.close()
        return
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE case_events SET kind = 'note' WHERE id = :id"), {"id": row_id})
    engine.dispose()


def test_verify_passes_on_demo_data_then_names_a_changed_row(desk_app, database_url: str) -> None:
    filled = desk_app("demo-data", "--customers", "300", "--db", database_url)
    assert filled.returncode == 0, filled.stderr
    intact = desk_app("audit", "verify", "--db", database_url)
    assert intact.returncode == 0, intact.stderr
    lines = intact.stdout.splitlines()
    assert lines[0].startswith("case_events: intact, ")
    assert lines[0].endswith(" rows checked")
    assert lines[1].startswith("access_log: intact, ")
    events = int(lines[0].split(", ")[1].split()[0].replace(",", ""))
    assert events > 30
    # The demo's cases were worked through the services, which log every view and change.
    accesses = int(lines[1].split(", ")[1].split()[0].replace(",", ""))
    assert accesses > 0

    _change_a_row(database_url, 17)
    broken = desk_app("audit", "verify", "--db", database_url)
    assert broken.returncode == 1
    assert "case_events: BROKEN: row 17 was changed (16 rows checked before it)" in broken.stdout
    assert broken.stderr.strip() == "desk-app: audit chain broken: case_events: row 17 was changed"
    assert "Traceback" not in broken.stderr

    as_json = desk_app("audit", "verify", "--json", "--db", database_url)
    assert as_json.returncode == 1
    report = as_json.json()
    assert report["intact"] is False
    assert report["chains"][0]["problem"] == {
        "kind": "changed",
        "row_id": 17,
        "message": "row 17 was changed",
    }
    assert report["chains"][1] == {"chain": "access_log", "rows_checked": accesses, "problem": None}


def test_a_headless_lookup_joins_the_access_log_chain(desk_app, database_url: str) -> None:
    assert desk_app("demo-data", "--customers", "200", "--db", database_url).returncode == 0
    engine = make_engine(database_url)
    with engine.connect() as connection:
        number = connection.execute(text("SELECT raw FROM phones ORDER BY id LIMIT 1")).scalar_one()
    engine.dispose()
    assert desk_app("lookup", number, "--db", database_url).returncode == 0
    verified = desk_app("audit", "verify", "--json", "--db", database_url)
    assert verified.returncode == 0, verified.stdout
    assert verified.json()["chains"][1]["rows_checked"] >= 1


def test_an_unreachable_database_exits_3(desk_app) -> None:
    completed = desk_app("audit", "verify", "--db", "postgresql+psycopg://app@127.0.0.1:1/none")
    assert completed.returncode == 3
    assert completed.stderr.startswith("desk-app: cannot open the database")
    assert "Traceback" not in completed.stderr


def _views(sessions: sessionmaker[Session], count: int) -> None:
    with sessions.begin() as session:
        agent = Agent(login=f"a{count}", display_name="佐藤", role=AgentRole.AGENT, created_at=NOW)
        session.add(agent)
        session.flush()
        for n in range(count):
            record_access(
                session, agent_id=agent.id, action=AccessAction.VIEW, customer_ids=[None], detail=f"view {n}"
            )


def test_an_exported_anchor_catches_a_rewind_to_an_older_head(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    _views(sessions, 3)
    # What an older copy of the database holds: a genuine head, sealed with the desk's key.
    with engine.connect() as connection:
        old = connection.execute(
            text("SELECT last_id, last_hash, seal FROM audit_chain_heads WHERE chain = 'access_log'")
        ).one()
    _views(sessions, 4)
    anchor = tmp_path / "anchors" / "2026-12-08.json"
    anchor.parent.mkdir()
    made = desk_app("audit", "anchor", "--out", str(anchor), "--db", database_url)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(
        f"anchor written to {anchor}: case_events up to row 0, access_log up to row 7"
    )
    if os.name == "posix":
        assert stat.S_IMODE(anchor.stat().st_mode) == 0o600
    held = desk_app("audit", "verify", "--anchor", str(anchor), "--db", database_url)
    assert held.returncode == 0, held.stdout + held.stderr
    assert held.stdout.splitlines()[-1].startswith("anchor: every chain still holds what the anchor of ")

    # The rows after the old head deleted and the old head put back, seal and all.
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM access_log WHERE id > :id"), {"id": old.last_id})
        connection.execute(
            text(
                "UPDATE audit_chain_heads SET last_id = :id, last_hash = :hash, seal = :seal"
                " WHERE chain = 'access_log'"
            ),
            {"id": old.last_id, "hash": old.last_hash, "seal": old.seal},
        )
    alone = desk_app("audit", "verify", "--db", database_url)
    assert alone.returncode == 0  # without the anchor, an older genuine state cannot be told from the truth
    rewound = desk_app("audit", "verify", "--anchor", str(anchor), "--json", "--db", database_url)
    assert rewound.returncode == 1
    report = rewound.json()
    assert report["intact"] is False
    assert report["chains"][1]["problem"]["kind"] == "rewound"
    assert report["chains"][1]["problem"]["row_id"] == 7
    assert report["anchor"]["chains"]["access_log"] == 7
    assert "the chain ends at row 3, but the anchor of " in rewound.stderr
    assert "Traceback" not in rewound.stderr


def test_an_anchor_that_was_edited_or_is_missing_is_a_usage_error(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    _views(sessions, 2)
    anchor = tmp_path / "anchor.json"
    assert desk_app("audit", "anchor", "--out", str(anchor), "--db", database_url).returncode == 0
    anchor.write_text(
        anchor.read_text(encoding="utf-8").replace('"last_id": 2', '"last_id": 1'), encoding="utf-8"
    )
    edited = desk_app("audit", "verify", "--anchor", str(anchor), "--db", database_url)
    assert edited.returncode == 2
    assert edited.stderr == (
        f"desk-app: {anchor}: the anchor's MAC does not match this desk's audit key: it was changed, or made"
        " with another key\n"
    )
    missing = desk_app("audit", "verify", "--anchor", str(tmp_path / "none.json"), "--db", database_url)
    assert missing.returncode == 2
    assert missing.stderr == f"desk-app: {tmp_path / 'none.json'}: no such anchor file\n"
    unwritable = desk_app("audit", "anchor", "--out", str(tmp_path / "no" / "a.json"), "--db", database_url)
    assert unwritable.returncode == 2
    assert unwritable.stderr.startswith(f"desk-app: cannot write {tmp_path / 'no' / 'a.json'}: ")


def test_a_desk_without_the_key_makes_its_own_and_says_the_heads_are_not_its(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path, add_customer
) -> None:
    _views(sessions, 2)
    add_customer()
    # No DESK_APP_AUDIT_KEY: the per-user file, which this desk has never had.
    completed = desk_app("audit", "verify", "--db", database_url, env={"DESK_APP_AUDIT_KEY": ""})
    key = tmp_path / "config" / "InquiryDesk" / "audit.key"
    assert completed.stderr.startswith(
        f"desk-app: made a new audit key at {key} (readable by this account only)."
    )
    assert key.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert completed.returncode == 1
    assert completed.stdout.count("does not carry the audit key's seal") == 4
    again = desk_app("audit", "verify", "--db", database_url, env={"DESK_APP_AUDIT_KEY": ""})
    assert "made a new audit key" not in again.stderr
    # Nor does it write: a lookup, which logs its view, stops in one line instead of extending the chain.
    refused = desk_app("lookup", "03-1234-5678", "--db", database_url, env={"DESK_APP_AUDIT_KEY": ""})
    assert refused.returncode == 3
    assert refused.stderr == (
        "desk-app: the audit chain 'access_log' has a head this desk's audit key did not seal (changed"
        " outside the program, or this desk has another key than the others): run `desk-app audit verify`\n"
    )
    assert refused.stdout == ""
    # A broken key file is a configuration error in one line.
    key.write_text("not a key\n", encoding="ascii")
    broken = desk_app("audit", "verify", "--db", database_url, env={"DESK_APP_AUDIT_KEY": ""})
    assert broken.returncode == 2
    assert broken.stderr == (
        f"desk-app: configuration error: {key}: not an audit key (at least 64 hexadecimal digits expected)\n"
    )


def test_a_case_row_edited_in_sql_breaks_verify(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str
) -> None:
    desk = LetterCases(sessions)
    refused = desk.refusal(desk.customer(), "ご本人確認ができなかったため")
    assert desk_app("audit", "verify", "--db", database_url).returncode == 0
    with engine.begin() as connection:
        connection.execute(text("UPDATE cases SET state = 'completed' WHERE id = :id"), {"id": refused})
    completed = desk_app("audit", "verify", "--db", database_url)
    assert completed.returncode == 1
    number = desk.case_no(refused)
    assert f"cases: BROKEN: case {number}: is completed, but its events leave it refused" in completed.stdout
    assert completed.stderr == (
        f"desk-app: audit chain broken: cases: case {number}: is completed, but its events leave it refused\n"
    )


def test_with_desk_app_language_ja_verify_and_a_bad_anchor_speak_japanese(
    desk_app, engine: Engine, sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    _views(sessions, 2)
    japanese = {"DESK_APP_LANGUAGE": "ja"}
    intact = desk_app("audit", "verify", "--db", database_url, env=japanese)
    assert intact.returncode == 0, intact.stderr
    assert "アクセスログ: 異常なし（2行を確認）" in intact.stdout.splitlines()
    assert "intact" not in intact.stdout
    missing = desk_app(
        "audit", "verify", "--anchor", str(tmp_path / "none.json"), "--db", database_url, env=japanese
    )
    assert missing.returncode == 2
    assert missing.stderr == f"desk-app: {tmp_path / 'none.json'}: アンカーファイルがありません\n"
    # JSON keeps its English messages, whatever the language.
    as_json = desk_app("audit", "verify", "--json", "--db", database_url, env=japanese)
    assert as_json.json()["chains"][1] == {"chain": "access_log", "rows_checked": 2, "problem": None}
