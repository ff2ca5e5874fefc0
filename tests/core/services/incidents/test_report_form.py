"""The report's items: the form's headings in order, notices made and why not, the public announcement
made or not, formula-safe CSV, only for supervisors, and an incident no category makes reportable said to
be so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.services.incidents.affected import attach_numbers
from desk_app.services.incidents.register import IncidentRefused, update_incident
from desk_app.services.incidents.report_form import as_text, report_csv, report_items, report_json
from desk_app.storage.models import IncidentCustomer
from tests.conftest import CustomerFactory
from tests.support.incidents import (
    OPENED,
    customer_numbers,
    incident_fields,
    open_test_incident,
    stored_letter,
)

TODAY = OPENED.date()
HEADINGS = [
    "事案番号",
    "件名",
    "発覚日",
    "発覚の経緯",
    "報告対象となる事態",
    "報告期限",
    "提出済みの報告",
    "概要",
    "漏えい等が発生し又は発生したおそれがある個人データの項目",
    "本人の数",
    "原因",
    "二次被害又はそのおそれの有無及びその内容",
    "本人への対応の実施状況",
    "本人への案内の内容",
    "公表の実施状況",
    "再発防止のための措置",
    "その他参考となる事項",
]


def test_the_items_follow_the_form_and_count_the_notices(
    sessions: sessionmaker[Session], staff: dict[str, int], add_customer: CustomerFactory
) -> None:
    keeper = staff["kimura"]
    for _ in range(6):
        add_customer()
    with sessions.begin() as session:
        # A cause that a spreadsheet would run as a formula is written as text.
        incident_no = open_test_incident(session, keeper, cause='=HYPERLINK("x")')
        attach_numbers(session, keeper, incident_no, customer_numbers(session), now=OPENED)
        letter_id = stored_letter(session, keeper, incident_no=incident_no)
        link = IncidentCustomer
        session.execute(update(link).where(link.customer_id <= 2).values(notice_letter_id=letter_id))
        session.execute(update(link).where(link.customer_id == 3).values(notice_skipped="deceased"))
        session.execute(update(link).where(link.customer_id.in_([4, 5])).values(notice_skipped="erased"))
        items = report_items(session, keeper, incident_no, today=TODAY, preliminary_days=5, now=OPENED)
    assert [item.heading for item in items] == HEADINGS
    values = {item.heading: item.value for item in items}
    assert values["本人の数"] == 6
    assert values["本人への対応の実施状況"] == {
        "通知済み": 2,
        "通知せず（消去済み）": 2,
        "通知せず（死亡の届出）": 1,
        "未通知": 1,
    }
    assert values["その他参考となる事項"] == {
        "この事案についての問い合わせの案件数": 0,
        "関連する不審な連絡の報告数": 0,
    }
    assert values["提出済みの報告"] == []
    assert values["公表の実施状況"] == "未公表"
    assert as_text(values["提出済みの報告"]) == "なし"
    rows = list(csv.reader(io.StringIO(report_csv(items), newline="")))
    assert dict(rows[1:])["原因"] == '\'=HYPERLINK("x")'
    assert json.loads(report_json(items))["原因"] == '=HYPERLINK("x")'


def test_an_incident_no_category_applies_to_is_not_reportable(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        incident_no = open_test_incident(session, staff["kimura"], categories=frozenset())
        items = report_items(
            session, staff["ishii"], incident_no, today=TODAY, preliminary_days=3, now=OPENED
        )
        with pytest.raises(IncidentRefused, match="only a supervisor"):
            report_items(session, staff["sato"], incident_no, today=TODAY, preliminary_days=3, now=OPENED)
    values = {item.heading: as_text(item.value) for item in items}
    assert values["報告対象となる事態"] == values["報告期限"] == "該当なし（報告対象外）"


def test_the_announcement_is_written_with_its_day_in_csv_and_json(
    sessions: sessionmaker[Session], staff: dict[str, int], incident_no: str
) -> None:
    keeper = staff["kimura"]
    with sessions.begin() as session:
        # Words a spreadsheet would run if they began the cell; the day in front keeps them text anyway.
        announced = incident_fields(published_on=dt.date(2026, 6, 2), publication="=当社ウェブサイトに掲載")
        update_incident(session, keeper, incident_no, announced, now=OPENED)
        items = report_items(session, keeper, incident_no, today=TODAY, preliminary_days=5, now=OPENED)
    expected = "公表済み（2026-06-02）：=当社ウェブサイトに掲載"
    assert [item.heading for item in items] == HEADINGS
    assert {item.heading: item.value for item in items}["公表の実施状況"] == expected
    rows = list(csv.reader(io.StringIO(report_csv(items), newline="")))
    assert dict(rows[1:])["公表の実施状況"] == expected
    as_json = json.loads(report_json(items))
    assert list(as_json) == HEADINGS
    assert as_json["公表の実施状況"] == expected
