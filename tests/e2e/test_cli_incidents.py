"""`desk-app incidents list|attach|report` as real processes: a supervisor lists the register, attaches a
CSV of customers (all or nothing) and writes the report's items; agents are refused, an unknown incident is
a usage mistake, and no database is exit 3."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.incidents import ReportKind
from desk_app.services.incidents.register import close_incident, record_report, update_incident
from desk_app.storage.models import AccessLogEntry, Agent
from tests.conftest import CustomerFactory
from tests.e2e.conftest import DeskApp, incidents_as
from tests.support.gateway_floor import add_staff
from tests.support.incidents import KEEPERS, OPENED, customer_numbers, incident_fields, open_test_incident


@pytest.fixture
def floor(
    engine: Engine, sessions: sessionmaker[Session], add_customer: CustomerFactory
) -> tuple[str, list[str]]:
    """An open incident with its preliminary report on file, and three customers not yet attached."""
    keeper = add_staff(engine, KEEPERS)["kimura"]
    for _ in range(3):
        add_customer(name="髙橋 一郎", name_kana="タカハシ イチロウ")
    with sessions.begin() as session:
        incident_no = open_test_incident(session, keeper)
        record_report(
            session, keeper, incident_no, ReportKind.PRELIMINARY, OPENED.date(), "PPC-1", now=OPENED
        )
        return incident_no, customer_numbers(session)


def test_a_supervisor_lists_attaches_and_writes_the_report(
    desk_app: DeskApp,
    sessions: sessionmaker[Session],
    database_url: str,
    floor: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    incident_no, numbers = floor
    incidents = incidents_as(desk_app, sessions, database_url)
    listed = incidents("list", "--json")
    assert listed.returncode == 0, listed.stderr
    (entry,) = listed.json()["incidents"]
    assert entry["incident_no"] == incident_no
    assert entry["discovered_on"] == "2026-06-01"
    assert entry["categories"] == ["improper_purpose"]
    assert entry["deadlines"] == {"preliminary": "2026-06-05", "final": "2026-07-30"}
    assert [report["kind"] for report in entry["reports"]] == ["preliminary"]
    assert (entry["affected"], entry["closed"]) == (0, False)
    assert (entry["published_on"], entry["publication"]) == (None, "")
    # The real date is long past the final report's deadline.
    assert entry["overdue"] == ["final"]

    listing = tmp_path / "対象顧客.csv"
    listing.write_bytes(("顧客番号\r\n" + "\r\n".join([*numbers, numbers[0]]) + "\r\n").encode("cp932"))
    attached = incidents("attach", incident_no, "--csv", str(listing), "--json")
    assert attached.returncode == 0, attached.stderr
    counts = attached.json()
    assert (counts["encoding"], counts["attached"], counts["repeated"], counts["committed"]) == (
        "cp932",
        3,
        1,
        True,
    )

    text = incidents("list")
    assert text.returncode == 0
    fields = text.stdout.strip().split("\t")
    assert fields[:4] == [
        incident_no,
        "2026-06-01",
        "委託先サーバーへの不正アクセス",
        "by an improper purpose",
    ]
    assert "preliminary report filed 2026-06-02 (by 2026-06-05)" in fields[4]
    assert "final report OVERDUE (by 2026-07-30)" in fields[4]
    assert fields[5:] == ["3 affected"]

    target = tmp_path / "報告" / "2026-L001.csv"
    written = incidents("report", incident_no, "--out", str(target))
    assert written.returncode == 0, written.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    items = dict(rows[1:])
    assert rows[0] == ["項目", "内容"]
    assert items["本人の数"] == "3"
    assert items["発覚日"] == "2026-06-01"
    assert items["報告対象となる事態"] == "不正の目的によるおそれ（施行規則第7条第3号）"
    assert items["報告期限"] == "速報: 2026-06-05、確報: 2026-07-30"
    assert items["提出済みの報告"] == "種別 速報、提出日 2026-06-02、受付番号 PPC-1"
    assert items["本人への対応の実施状況"] == "通知済み: 0、未通知: 3"
    # Nothing of a customer: no name, no address, no number.
    content = raw.decode("utf-8-sig")
    assert not any(word in content for word in ("髙橋", "千代田", *numbers))
    assert (target.stat().st_mode & 0o777, target.parent.stat().st_mode & 0o777) == (0o600, 0o700)

    again = incidents("report", incident_no, "--out", str(target))
    assert again.returncode == 2
    assert "already exists: give --force" in again.stderr
    as_json = tmp_path / "report.json"
    assert incidents("report", incident_no, "--out", str(as_json)).returncode == 0
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert list(data)[:3] == ["事案番号", "件名", "発覚日"]
    assert data["本人への対応の実施状況"] == {"通知済み": 0, "未通知": 3}
    assert data["公表の実施状況"] == items["公表の実施状況"] == "未公表"
    with sessions.begin() as session:
        details = session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
    assert f"incident {incident_no}: 3 customers attached, 0 already attached (4 numbers read)" in details
    assert details.count(f"incident {incident_no}: the items of its report to the Commission written") == 2

    # Announced on the company's website: the list and the report say so.
    with sessions.begin() as session:
        keeper = session.scalars(select(Agent.id).where(Agent.login == "kimura")).one()
        announced = incident_fields(published_on=OPENED.date(), publication="当社ウェブサイトに掲載")
        update_incident(session, keeper, incident_no, announced, now=OPENED)
    (entry,) = incidents("list", "--json").json()["incidents"]
    assert (entry["published_on"], entry["publication"]) == ("2026-06-02", "当社ウェブサイトに掲載")
    # In the text line, after the fields read by their place: the day only.
    assert incidents("list").stdout.strip().split("\t")[5:] == ["3 affected", "announced 2026-06-02"]
    assert incidents("report", incident_no, "--out", str(as_json), "--force").returncode == 0
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["公表の実施状況"] == "公表済み（2026-06-02）：当社ウェブサイトに掲載"


def test_a_wrong_list_attaches_nothing_and_names_its_lines(
    desk_app: DeskApp,
    sessions: sessionmaker[Session],
    database_url: str,
    floor: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    incident_no, numbers = floor
    listing = tmp_path / "list.csv"
    listing.write_text(f"customer_no\n{numbers[0]}\nABC\n99999999\n", encoding="utf-8")
    refused = incidents_as(desk_app, sessions, database_url)("attach", incident_no, "--csv", str(listing))
    assert refused.returncode == 1
    assert "REJECTED, nothing attached" in refused.stdout
    assert "line 3: 顧客番号: must be digits only, at most 16" in refused.stdout
    assert "line 4: 顧客番号: no such customer" in refused.stdout
    assert f"nothing attached to incident {incident_no}: 2 lines are wrong" in refused.stderr


def test_refusals_and_mistakes_have_their_exit_status(
    desk_app: DeskApp,
    sessions: sessionmaker[Session],
    database_url: str,
    floor: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    incident_no, numbers = floor
    agent = incidents_as(desk_app, sessions, database_url, "sato")("list")
    assert agent.returncode == 1
    assert "only a supervisor or an administrator" in agent.stderr
    incidents = incidents_as(desk_app, sessions, database_url)
    unknown = incidents("report", "2026-L099", "--out", str(tmp_path / "x.csv"))
    assert unknown.returncode == 2
    assert "there is no incident 2026-L099" in unknown.stderr
    assert not (tmp_path / "x.csv").exists()
    missing = incidents("attach", incident_no, "--csv", str(tmp_path / "none.csv"))
    assert missing.returncode == 2
    listing = tmp_path / "list.csv"
    listing.write_text(f"顧客番号\n{numbers[0]}\n", encoding="utf-8")
    with sessions.begin() as session:
        keeper = session.scalar(select(Agent.id).where(Agent.login == "kimura"))
        assert keeper is not None
        closed = open_test_incident(session, keeper, categories=frozenset())
        close_incident(session, keeper, closed, now=OPENED)
    refused = incidents("attach", closed, "--csv", str(listing))
    assert refused.returncode == 1
    assert f"incident {closed} is closed" in refused.stderr
    nowhere = desk_app(
        "incidents",
        "list",
        "--as",
        "kimura",
        "--password-stdin",
        "--db",
        f"sqlite:///{tmp_path / 'none.sqlite3'}",
        input="x\n",
    )
    assert nowhere.returncode == 3
    assert "no database at" in nowhere.stderr
    assert not (tmp_path / "none.sqlite3").exists()
