"""An incident's public announcement (公表): its day and how and where, both or neither, between the
discovery and today in Japan, one line of clean text; read back in the detail and the summary, cleared
again, and written to the access log without its words."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.messages import JAPANESE, render
from desk_app.services.incidents.register import (
    PUBLICATION_LONGEST,
    IncidentRefused,
    incident_detail,
    list_incidents,
    open_incident,
    update_incident,
)
from desk_app.storage.models import AccessLogEntry, Incident
from tests.support.incidents import incident_fields

JST = dt.timezone(dt.timedelta(hours=9))
# Discovered Monday 1 June 2026 at 10:00 in Japan (`incident_fields`); the register is written on 10 June
# at 08:30 in Japan, still 9 June in UTC.
NOW = dt.datetime(2026, 6, 10, 8, 30, tzinfo=JST).astimezone(dt.UTC)
WEBSITE = "当社ウェブサイトに掲載"


@pytest.fixture
def keeper(staff: dict[str, int]) -> int:
    return staff["kimura"]


def _refusal(session: Session, keeper: int, **changes: object) -> IncidentRefused:
    with pytest.raises(IncidentRefused) as refused:
        open_incident(session, keeper, incident_fields(**changes), now=NOW)
    return refused.value


def test_an_announcement_is_kept_read_back_and_cleared(sessions: sessionmaker[Session], keeper: int) -> None:
    with sessions.begin() as session:
        incident_no = open_incident(session, keeper, incident_fields(), now=NOW)
        detail = incident_detail(session, keeper, incident_no, today=NOW.date(), preliminary_days=5)
        assert (detail.fields.published_on, detail.fields.publication) == (None, "")
        assert (detail.summary.published_on, detail.summary.publication) == (None, "")
        # Today in Japan is 10 June, though UTC still says 9 June; the words are kept without the spaces.
        announced = incident_fields(published_on=dt.date(2026, 6, 10), publication=f"  {WEBSITE}、記者発表 ")
        update_incident(session, keeper, incident_no, announced, now=NOW)
        detail = incident_detail(session, keeper, incident_no, today=NOW.date(), preliminary_days=5)
        assert (detail.fields.published_on, detail.fields.publication) == (
            dt.date(2026, 6, 10),
            f"{WEBSITE}、記者発表",
        )
        (summary,) = list_incidents(session, keeper, today=NOW.date(), preliminary_days=5)
        assert (summary.published_on, summary.publication) == (dt.date(2026, 6, 10), f"{WEBSITE}、記者発表")
        update_incident(session, keeper, incident_no, incident_fields(), now=NOW)
    with sessions() as session:
        stored = session.scalars(select(Incident)).one()
        assert (stored.published_on, stored.publication) == (None, "")


def test_an_announcement_on_the_day_of_discovery_is_taken_when_opening(
    sessions: sessionmaker[Session], keeper: int
) -> None:
    with sessions.begin() as session:
        fields = incident_fields(published_on=dt.date(2026, 6, 1), publication=WEBSITE)
        incident_no = open_incident(session, keeper, fields, now=NOW)
        detail = incident_detail(session, keeper, incident_no, today=NOW.date(), preliminary_days=5)
    assert detail.fields.published_on == dt.date(2026, 6, 1)


def test_the_day_and_the_words_go_together(sessions: sessionmaker[Session], keeper: int) -> None:
    with sessions.begin() as session:
        for changes in (
            {"published_on": dt.date(2026, 6, 5)},
            {"published_on": dt.date(2026, 6, 5), "publication": "   "},
            {"publication": WEBSITE},
        ):
            refused = _refusal(session, keeper, **changes)
            assert str(refused) == "a public announcement needs both its date and how and where it was made"
        assert session.scalars(select(Incident)).all() == []


def test_the_day_lies_between_the_discovery_and_today_in_japan(
    sessions: sessionmaker[Session], keeper: int
) -> None:
    with sessions.begin() as session:
        for day in (dt.date(2026, 5, 31), dt.date(2026, 6, 11)):
            refused = _refusal(session, keeper, published_on=day, publication=WEBSITE)
            assert str(refused) == (
                "an incident cannot have been announced before it was discovered or after today"
            )
        # The discovery moved later than an announcement already typed: refused too.
        later = dt.datetime(2026, 6, 6, 9, 0, tzinfo=JST)
        refused = _refusal(
            session, keeper, discovered_at=later, published_on=dt.date(2026, 6, 5), publication=WEBSITE
        )
    assert render(refused.explanation, JAPANESE) == "公表日は発覚日以降、今日以前の日付にしてください"


def test_the_words_are_one_clean_line_within_the_limit(sessions: sessionmaker[Session], keeper: int) -> None:
    day = dt.date(2026, 6, 5)
    with sessions.begin() as session:
        too_long = _refusal(session, keeper, published_on=day, publication="あ" * (PUBLICATION_LONGEST + 1))
        assert (
            str(too_long) == f"the incident's public announcement is at most {PUBLICATION_LONGEST} characters"
        )
        for unclean in (f"{WEBSITE}\n記者発表", f"{WEBSITE}\x1b[2J", f"\u202e{WEBSITE}"):
            refused = _refusal(session, keeper, published_on=day, publication=unclean)
            assert str(refused).startswith("the incident's public announcement is needed")
        assert render(refused.explanation, JAPANESE) == (
            f"事案の公表の方法を入力してください（{PUBLICATION_LONGEST}文字以内）"
        )
        open_incident(
            session,
            keeper,
            incident_fields(published_on=day, publication="あ" * PUBLICATION_LONGEST),
            now=NOW,
        )


def test_the_access_log_says_what_became_of_the_announcement_without_its_words(
    sessions: sessionmaker[Session], keeper: int
) -> None:
    day = dt.date(2026, 6, 5)
    with sessions.begin() as session:
        incident_no = open_incident(
            session, keeper, incident_fields(published_on=day, publication=WEBSITE), now=NOW
        )
        steps = (
            incident_fields(published_on=day, publication=WEBSITE, cause="設定不備"),
            incident_fields(published_on=day, publication="記者発表"),
            incident_fields(),
            incident_fields(),
            incident_fields(published_on=day, publication=WEBSITE),
        )
        for fields in steps:
            update_incident(session, keeper, incident_no, fields, now=NOW)
    with sessions() as session:
        details = list(session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)))
    assert details[-6:] == [
        "incident opened; its public announcement recorded",
        "incident changed",
        "incident changed; its public announcement changed",
        "incident changed; its public announcement cleared",
        "incident changed",
        "incident changed; its public announcement recorded",
    ]
    assert not any(word in detail for detail in details for word in ("ウェブサイト", "記者", "2026"))
