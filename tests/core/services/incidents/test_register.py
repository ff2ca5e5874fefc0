"""The incident register: only supervisors keep it, deadlines follow the categories, reports come in order
and once, a closed incident takes nothing more, and the access log keeps no words of it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.domain.messages import JAPANESE, render
from desk_app.services.incidents.register import (
    IncidentFields,
    IncidentRefused,
    close_incident,
    incident_detail,
    list_incidents,
    open_incident,
    record_report,
    update_incident,
)
from desk_app.storage.models import AccessLogEntry
from tests.conftest import CustomerFactory
from tests.support.gateway_floor import add_staff

JST = dt.timezone(dt.timedelta(hours=9))
# Discovered Monday 1 June 2026 at 10:00 in Japan.
DISCOVERED = dt.datetime(2026, 6, 1, 10, 0, tzinfo=JST)
NOW = dt.datetime(2026, 6, 2, 9, 0, tzinfo=JST).astimezone(dt.UTC)


@pytest.fixture
def staff(engine: Engine) -> dict[str, int]:
    return add_staff(engine)


def _fields(**changes: object) -> IncidentFields:
    values: dict[str, object] = {
        "title": "委託先からの顧客リスト流出",
        "discovered_at": DISCOVERED,
        "categories": frozenset({LeakCategory.OVER_THOUSAND}),
        "what_happened": "配送委託先のサーバーに不正アクセスがありました。",
        "items": "氏名、住所、電話番号",
    }
    values.update(changes)
    return IncidentFields(**values)  # type: ignore[arg-type]


def test_only_supervisors_keep_the_register(sessions: sessionmaker[Session], staff: dict[str, int]) -> None:
    with sessions.begin() as session:
        with pytest.raises(IncidentRefused, match="only a supervisor"):
            open_incident(session, staff["sato"], _fields(), now=NOW)
        incident_no = open_incident(session, staff["kimura"], _fields(), now=NOW)
        with pytest.raises(IncidentRefused, match="only a supervisor"):
            list_incidents(session, staff["sato"], today=NOW.date(), preliminary_days=5)
        with pytest.raises(IncidentRefused, match="only a supervisor"):
            record_report(
                session, staff["sato"], incident_no, ReportKind.PRELIMINARY, NOW.date(), "X", now=NOW
            )
    assert incident_no == "2026-L001"


def test_numbers_run_by_the_year_of_discovery_in_japan(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    new_year = dt.datetime(2027, 1, 1, 0, 30, tzinfo=JST)  # still 2026 in UTC
    with sessions.begin() as session:
        first = open_incident(session, staff["kimura"], _fields(), now=NOW)
        second = open_incident(session, staff["kimura"], _fields(), now=NOW)
        later = new_year.astimezone(dt.UTC) + dt.timedelta(hours=1)
        third = open_incident(session, staff["kimura"], _fields(discovered_at=new_year), now=later)
    assert (first, second, third) == ("2026-L001", "2026-L002", "2027-L001")


def test_deadlines_follow_the_categories_and_overdue_reports_are_named(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    kimura = staff["kimura"]
    with sessions.begin() as session:
        incident_no = open_incident(session, kimura, _fields(), now=NOW)
        (summary,) = list_incidents(session, kimura, today=dt.date(2026, 6, 5), preliminary_days=5)
        assert summary.deadlines is not None
        assert (summary.deadlines.preliminary_due, summary.deadlines.final_due) == (
            dt.date(2026, 6, 5),
            dt.date(2026, 6, 30),
        )
        assert summary.overdue == ()
        (summary,) = list_incidents(session, kimura, today=dt.date(2026, 6, 6), preliminary_days=5)
        assert summary.overdue == (ReportKind.PRELIMINARY,)
        assert summary.outstanding() == (ReportKind.PRELIMINARY, ReportKind.FINAL)
        update_incident(
            session,
            kimura,
            incident_no,
            _fields(categories=frozenset({LeakCategory.OVER_THOUSAND, LeakCategory.IMPROPER_PURPOSE})),
            now=NOW,
        )
        detail = incident_detail(session, kimura, incident_no, today=dt.date(2026, 7, 1), preliminary_days=5)
        assert detail.summary.deadlines is not None
        assert detail.summary.deadlines.final_due == dt.date(2026, 7, 30)
        assert detail.summary.overdue == (ReportKind.PRELIMINARY,)
        assert detail.fields.categories == {LeakCategory.OVER_THOUSAND, LeakCategory.IMPROPER_PURPOSE}


def test_reports_come_in_order_once_each_and_then_the_incident_closes(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    kimura = staff["kimura"]
    later = NOW + dt.timedelta(days=10)
    with sessions.begin() as session:
        incident_no = open_incident(session, kimura, _fields(), now=NOW)
        with pytest.raises(IncidentRefused, match=r"preliminary report .* before the final"):
            record_report(
                session, kimura, incident_no, ReportKind.FINAL, dt.date(2026, 6, 3), "F-1", now=later
            )
        with pytest.raises(IncidentRefused, match="cannot be closed while its preliminary"):
            close_incident(session, kimura, incident_no, now=later)
        with pytest.raises(IncidentRefused, match="before the incident was discovered or after today"):
            record_report(
                session, kimura, incident_no, ReportKind.PRELIMINARY, dt.date(2026, 5, 31), "P-1", now=later
            )
        with pytest.raises(IncidentRefused, match="reference"):
            record_report(
                session, kimura, incident_no, ReportKind.PRELIMINARY, dt.date(2026, 6, 3), " ", now=later
            )
        record_report(
            session, kimura, incident_no, ReportKind.PRELIMINARY, dt.date(2026, 6, 3), "P-1", now=later
        )
        with pytest.raises(IncidentRefused, match="already recorded"):
            record_report(
                session, kimura, incident_no, ReportKind.PRELIMINARY, dt.date(2026, 6, 4), "P-2", now=later
            )
        record_report(session, kimura, incident_no, ReportKind.FINAL, dt.date(2026, 6, 10), "F-1", now=later)
        (summary,) = list_incidents(session, kimura, today=dt.date(2026, 7, 15), preliminary_days=5)
        assert [(r.kind, r.reference, r.recorded_by) for r in summary.reports] == [
            (ReportKind.PRELIMINARY, "P-1", "kimura"),
            (ReportKind.FINAL, "F-1", "kimura"),
        ]
        assert summary.overdue == ()
        assert summary.outstanding() == ()
        close_incident(session, kimura, incident_no, now=later)
        with pytest.raises(IncidentRefused, match="is closed"):
            update_incident(session, kimura, incident_no, _fields(), now=later)
        assert (
            list_incidents(session, kimura, today=dt.date(2026, 7, 15), preliminary_days=5, open_only=True)
            == []
        )


def test_a_leak_with_no_category_is_not_reportable_but_may_close(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    kimura = staff["kimura"]
    with sessions.begin() as session:
        incident_no = open_incident(session, kimura, _fields(categories=frozenset()), now=NOW)
        (summary,) = list_incidents(session, kimura, today=dt.date(2026, 12, 1), preliminary_days=5)
        assert (summary.reportable, summary.overdue, summary.outstanding()) == (False, (), ())
        with pytest.raises(IncidentRefused, match="not reportable"):
            record_report(session, kimura, incident_no, ReportKind.PRELIMINARY, NOW.date(), "P", now=NOW)
        close_incident(session, kimura, incident_no, now=NOW)


def test_texts_are_checked_and_the_future_refused(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    kimura = staff["kimura"]
    with sessions.begin() as session:
        with pytest.raises(IncidentRefused, match="title is needed"):
            open_incident(session, kimura, _fields(title="  "), now=NOW)
        with pytest.raises(IncidentRefused, match="cause is needed"):
            open_incident(session, kimura, _fields(cause="a\x1bb"), now=NOW)
        with pytest.raises(IncidentRefused, match="at most 4000"):
            open_incident(session, kimura, _fields(measures="あ" * 4001), now=NOW)
        with pytest.raises(IncidentRefused, match="after now"):
            open_incident(session, kimura, _fields(discovered_at=NOW + dt.timedelta(minutes=1)), now=NOW)
        # Several lines are fine: an account of what happened is a paragraph or more.
        open_incident(session, kimura, _fields(what_happened="一行目\n二行目"), now=NOW)


def test_a_refused_text_is_named_in_the_language_it_is_read_in(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        with pytest.raises(IncidentRefused) as title:
            open_incident(session, staff["kimura"], _fields(title=""), now=NOW)
        with pytest.raises(IncidentRefused) as harm:
            open_incident(session, staff["kimura"], _fields(secondary_harm="x\x00"), now=NOW)
    assert render(title.value.explanation, JAPANESE).startswith("事案の件名を入力してください")
    assert render(harm.value.explanation, JAPANESE).startswith("事案の二次被害又はそのおそれを入力")
    assert str(harm.value).startswith("the incident's possible secondary harm is needed")


def test_the_access_log_keeps_each_change_without_the_incidents_words(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    kimura = staff["kimura"]
    with sessions.begin() as session:
        incident_no = open_incident(session, kimura, _fields(), now=NOW)
        update_incident(session, kimura, incident_no, _fields(cause="委託先の設定不備"), now=NOW)
    with sessions.begin() as session:
        details = list(session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)))
    assert details[-2:] == ["incident opened", "incident changed"]
    assert not any("委託先" in detail for detail in details)


def test_an_incident_whose_notices_could_not_reach_everyone_closes_only_once_announced(
    sessions: sessionmaker[Session], staff: dict[str, int], add_customer: CustomerFactory
) -> None:
    import dataclasses

    from sqlalchemy import update

    from desk_app.services.customers.notice_state import NO_ADDRESS
    from desk_app.services.incidents.affected import attach_numbers
    from desk_app.storage.models import Customer, IncidentCustomer

    kimura = staff["kimura"]
    later = NOW + dt.timedelta(days=10)
    customer = add_customer()
    with sessions.begin() as session:
        incident_no = open_incident(session, kimura, _fields(), now=NOW)
        number = session.scalars(select(Customer.customer_no).where(Customer.id == customer)).one()
        attach_numbers(session, kimura, incident_no, [number], now=NOW)
        for kind, on in (
            (ReportKind.PRELIMINARY, dt.date(2026, 6, 3)),
            (ReportKind.FINAL, dt.date(2026, 6, 10)),
        ):
            record_report(session, kimura, incident_no, kind, on, f"{kind.value}-1", now=later)
        # The customer's address is gone: before the notices are made, and once they skipped them.
        session.execute(update(Customer).values(postal_code=None))
        with pytest.raises(IncidentRefused, match=r"before its public announcement .* 1 of its customers"):
            close_incident(session, kimura, incident_no, now=later)
        session.execute(update(IncidentCustomer).values(notice_skipped=NO_ADDRESS))
        with pytest.raises(IncidentRefused, match=r"before its public announcement .* 1 of its customers"):
            close_incident(session, kimura, incident_no, now=later)
        detail = incident_detail(session, kimura, incident_no, today=later.date(), preliminary_days=5)
        announced = dataclasses.replace(
            detail.fields, published_on=dt.date(2026, 6, 5), publication="当社ウェブサイトに掲載"
        )
        update_incident(session, kimura, incident_no, announced, now=later)
        close_incident(session, kimura, incident_no, now=later)
        assert list_incidents(session, kimura, today=later.date(), preliminary_days=5, open_only=True) == []
