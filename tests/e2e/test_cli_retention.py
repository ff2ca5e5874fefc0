"""`desk-app retention run` as a real process: the dry run, the run, then `audit verify` intact; nothing
deleted while the audit trail is broken."""

from __future__ import annotations

from sqlalchemy import text

from desk_app.services.admin.retention import RetentionCounts
from desk_app.storage.engine import make_engine


def _sql(database_url: str, sql: str, **values: object) -> object:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), values)
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def test_dry_run_then_run_then_the_audit_still_verifies(desk_app, database_url: str) -> None:
    # Demo data made as of 2018: its cases closed then are past five years now, its open ones stay.
    filled = desk_app("demo-data", "--customers", "200", "--as-of", "2018-06-01", "--db", database_url)
    assert filled.returncode == 0, filled.stderr

    dry = desk_app("retention", "run", "--dry-run", "--json", "--db", database_url)
    assert dry.returncode == 0, dry.stderr
    planned = dry.json()
    assert planned["dry_run"] is True
    assert planned["run_id"] is None
    assert set(planned["counts"]) == set(RetentionCounts().as_json())
    assert planned["counts"]["cases"] > 0
    assert planned["counts"]["case_events"] > planned["counts"]["cases"]

    words = desk_app("retention", "run", "--dry-run", "--db", database_url)
    assert words.returncode == 0, words.stderr
    assert words.stdout.startswith("retention dry run: would delete")
    assert f"{planned['counts']['cases']:>9,}  closed cases" in words.stdout

    # A case event edited in SQL: the run deletes nothing and says why, until the event is put back.
    kind = _sql(database_url, "SELECT kind FROM case_events WHERE id = 17")
    _sql(database_url, "UPDATE case_events SET kind = 'note' WHERE id = 17")
    refused = desk_app("retention", "run", "--db", database_url)
    assert refused.returncode == 1
    assert refused.stderr == (
        "desk-app: retention deletes nothing while the audit trail is broken (case_events: row 17 was"
        " changed); run `desk-app audit verify` and have it investigated\n"
    )
    assert (
        desk_app("retention", "run", "--dry-run", "--json", "--db", database_url).json()["counts"]
        == (planned["counts"])
    )
    _sql(database_url, "UPDATE case_events SET kind = :kind WHERE id = 17", kind=kind)

    done = desk_app("retention", "run", "--json", "--db", database_url)
    assert done.returncode == 0, done.stderr
    assert done.json()["counts"] == planned["counts"]
    assert done.json()["run_id"] == 1

    verified = desk_app("audit", "verify", "--db", database_url)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "BROKEN" not in verified.stdout

    again = desk_app("retention", "run", "--db", database_url)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("retention run 2: deleted")
    assert again.stdout.rstrip().endswith("0  rows in all")
    assert "Traceback" not in again.stderr
