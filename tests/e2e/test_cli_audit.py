"""`desk-app audit verify` as a real process: intact after demo data, a row changed behind its back named."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from sqlalchemy.engine import make_url

from desk_app.storage.engine import make_engine


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
