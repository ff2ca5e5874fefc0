"""`desk-app incidents searches list|save|delete` and `incidents attach --search` as real processes: a
supervisor saves criteria from a JSON file, lists them counted, replaces and deletes them, and attaches a
search's customers; agents are refused, a search no one saved and a file of no criteria are usage
mistakes, and unreadable criteria in the table are listed but refused when run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState, OrderChannel
from desk_app.storage.models import AccessLogEntry, Agent, IncidentCustomer, SavedSearch, table_of
from tests.e2e.conftest import DeskApp, incidents_as
from tests.support.gateway_floor import add_staff
from tests.support.incidents import KEEPERS, OPENED, open_test_incident
from tests.support.selection_data import Shop, jst

JULY_WEB = {"version": 1, "ordered_from": "2026-07-01", "ordered_to": "2026-07-31", "order_channels": ["web"]}


@pytest.fixture
def floor(engine: Engine, sessions: sessionmaker[Session]) -> tuple[str, list[str]]:
    """An open incident; three customers who ordered on the web in July (one erased), one in August."""
    keeper = add_staff(engine, KEEPERS)["kimura"]
    with sessions.begin() as session:
        shop = Shop(session)
        july = [shop.customer(), shop.customer(), shop.customer(state=CustomerState.ERASED, name=None)]
        for customer_id in july:
            shop.order(customer_id, jst(2026, 7, 31, 23, 59), OrderChannel.WEB)
        shop.order(shop.customer(name="髙橋 一郎"), jst(2026, 8, 1, 0, 0), OrderChannel.WEB)
        return open_test_incident(session, keeper), [f"{70000000 + n}" for n in range(1, 5)]


def _criteria(folder: Path, document: object, name: str = "criteria.json") -> str:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_a_supervisor_saves_lists_attaches_replaces_and_deletes_a_search(
    desk_app: DeskApp,
    sessions: sessionmaker[Session],
    database_url: str,
    floor: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    incident_no, numbers = floor
    incidents = incidents_as(desk_app, sessions, database_url)
    saved = incidents("searches", "save", "7月のWeb注文", "--criteria", _criteria(tmp_path, JULY_WEB))
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.splitlines() == [
        "saved 7月のWeb注文: an order placed from 2026-07-01 to 2026-07-31 through Web",
        "  finds 3 customers (1 erased, 0 deceased, 0 without address) now",
    ]
    listed = incidents("searches", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (entry,) = listed.json()["searches"]
    assert entry["name"] == "7月のWeb注文"
    assert entry["criteria"] == ["an order placed from 2026-07-01 to 2026-07-31 through Web"]
    assert entry["updated_by"] == "kimura"
    assert entry["count"] == {"total": 3, "erased": 1, "deceased": 0, "no_address": 0}
    assert entry["problem"] is None
    text = incidents("searches", "list").stdout.strip().split("\t")
    assert text[0] == "7月のWeb注文"
    assert text[2].startswith("updated ")
    assert text[2].endswith(" by kimura")
    assert text[3] == "3 customers (1 erased, 0 deceased, 0 without address)"

    attached = incidents("attach", incident_no, "--search", "7月のWeb注文", "--json")
    assert attached.returncode == 0, attached.stderr
    report = attached.json()
    assert (report["search"], report["committed"], report["read"], report["attached"]) == (
        "7月のWeb注文",
        True,
        3,
        3,
    )
    assert (report["erased"], report["encoding"]) == (1, None)
    again = incidents("attach", incident_no, "--search", "7月のWeb注文")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == f"saved search 7月のWeb注文 to incident {incident_no}: attached"
    assert "attached 0, already attached 3" in again.stdout

    taken = incidents(
        "searches",
        "save",
        "7月のWeb注文",
        "--criteria",
        _criteria(tmp_path, {"version": 1, "has_email": True}),
    )
    assert taken.returncode == 2
    assert "saved search 7月のWeb注文 already exists: give --replace to replace it" in taken.stderr
    replaced = incidents(
        "searches",
        "save",
        "7月のWeb注文",
        "--replace",
        "--criteria",
        _criteria(tmp_path, {**JULY_WEB, "ordered_to": "2026-08-01"}),
    )
    assert replaced.returncode == 0, replaced.stderr
    assert "finds 4 customers" in replaced.stdout
    deleted = incidents("searches", "delete", "7月のWeb注文")
    assert deleted.returncode == 0, deleted.stderr
    assert incidents("searches", "list").stdout == "no saved searches\n"

    with sessions.begin() as session:
        details = session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
        linked = session.scalars(select(IncidentCustomer.customer_id)).all()
    assert len(linked) == 3
    said = "\n".join(details)
    assert "saved search 1 saved: an order placed from 2026-07-01 to 2026-07-31 through Web" in said
    assert "saved search 1 changed" in said
    assert "saved search 1 deleted" in said
    assert (
        f"incident {incident_no}: 3 customers attached, 0 already attached (3 customers found by saved"
        in said
    )
    # Never a customer's number or name, never the search's name.
    assert not any(word in said for word in ("7月", "髙橋", "山田", *numbers))


def test_refusals_and_mistakes_have_their_exit_status(
    desk_app: DeskApp,
    sessions: sessionmaker[Session],
    database_url: str,
    floor: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    incident_no, _numbers = floor
    agent = incidents_as(desk_app, sessions, database_url, "sato")
    refused = agent("searches", "save", "mine", "--criteria", _criteria(tmp_path, JULY_WEB))
    assert refused.returncode == 1
    assert "only a supervisor or an administrator" in refused.stderr
    assert agent("searches", "list").returncode == 1
    incidents = incidents_as(desk_app, sessions, database_url)
    unknown = incidents("attach", incident_no, "--search", "誰も保存していない")
    assert unknown.returncode == 2
    assert "no saved search is called 誰も保存していない" in unknown.stderr
    assert incidents("searches", "delete", "誰も保存していない").returncode == 2
    hostile = incidents(
        "searches", "save", "x", "--criteria", _criteria(tmp_path, {"version": 1, "sql": "1=1"})
    )
    assert hostile.returncode == 2
    assert "the saved search's criteria cannot be read (unknown key 'sql')" in hostile.stderr
    empty = incidents("searches", "save", "x", "--criteria", _criteria(tmp_path, {"version": 1}))
    assert empty.returncode == 1
    assert "give at least one criterion" in empty.stderr
    missing = incidents("searches", "save", "x", "--criteria", str(tmp_path / "none.json"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
    both = incidents("attach", incident_no, "--csv", "a.csv", "--search", "x")
    assert both.returncode == 2
    neither = incidents("attach", incident_no)
    assert neither.returncode == 2

    with sessions.begin() as session:
        agent_id = session.scalar(select(Agent.id).where(Agent.login == "kimura"))
        session.execute(
            insert(table_of(SavedSearch)).values(
                name="壊れた条件",
                criteria='{"version": 1, "order_channels": ["pigeon"]}',
                created_by_id=agent_id,
                created_at=OPENED,
                updated_by_id=agent_id,
                updated_at=OPENED,
                row_version=1,
            )
        )
    listed = incidents("searches", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (entry,) = listed.json()["searches"]
    assert (entry["count"], entry["criteria"]) == (None, [])
    assert entry["problem"].startswith("the saved search's criteria cannot be read (order_channels:")
    run = incidents("attach", incident_no, "--search", "壊れた条件")
    assert run.returncode == 1
    assert (
        "the saved search 壊れた条件 cannot be run: the saved search's criteria cannot be read" in run.stderr
    )
    with sessions.begin() as session:
        assert session.scalars(select(IncidentCustomer)).all() == []
