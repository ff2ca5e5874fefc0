"""Written requests: a request that arrived by post is opened without a call, received on the day it arrived
(its deadline, number and place in the case log count from then), said so on its timeline, in the case log
and its CSV; the day it arrived may not be after today nor implausibly long ago. And APPI Art. 39's two
weeks, after which a claim in court may follow the request."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain import deadlines
from desk_app.domain.enums import AgentRole, CallState, CaseKind, RequestChannel
from desk_app.domain.messages import JAPANESE, InvalidRequest, render
from desk_app.domain.timeline import event_message
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.services.cases.identity import CallerIdUnavailable
from desk_app.services.cases.log import EXPORT_HEADERS, case_log_page, export_cases
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.scripts import case_context, start_request
from desk_app.storage.models import CallRecord, Case
from tests.support.case_steps import COMPANY, HOME, NOW, RECEIVED_AT, _open

SCRIPTS = load_scripts(resources_dir() / "scripts")
TODAY = dt.date(2026, 11, 20)  # NOW in Japan


def _open_written(
    sessions: sessionmaker[Session], agent: int, customer: int | None, arrived_on: dt.date, **more: object
) -> int:
    with sessions.begin() as session:
        return open_case(
            session,
            kind=CaseKind.DISCLOSURE,
            customer_id=customer,
            agent_id=agent,
            target_days=14,
            fee_yen=404,
            arrived_by_post_on=arrived_on,
            now=NOW,
            **more,  # type: ignore[arg-type]
        ).case_id


def _case_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def test_a_written_request_is_received_and_due_from_the_day_it_arrived(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open_written(sessions, agents["agent"], customer, dt.date(2026, 11, 16))
    with sessions() as session:
        (opened,) = case_events(session, case_id)
        stored = session.get(Case, case_id)
        assert stored is not None
        view = case_context(session, case_id, agent_id=agents["agent"]).case
    # Received at the start of the 16th in Japan (15:00 UTC the day before), opened four days later.
    assert view.received_at == dt.datetime(2026, 11, 15, 15, 0, tzinfo=dt.UTC)
    assert view.deadline.received_on == dt.date(2026, 11, 16)
    assert view.due_on == dt.date(2026, 11, 30)
    assert view.channel is RequestChannel.POST
    assert view.received_by_post
    assert stored.details == {"channel": "post", "arrived_on": "2026-11-16"}
    assert opened.at == NOW
    assert opened.detail["channel"] == "post"
    assert opened.detail["arrived_on"] == "2026-11-16"
    said = event_message(opened.kind, opened.detail)
    assert str(said) == "Case opened: written request received by post on 2026-11-16"
    assert render(said, JAPANESE) == "案件を受付（書面による請求、2026-11-16 郵送で到達）"


def test_a_case_on_a_call_is_received_when_it_is_opened(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, CaseKind.DISCLOSURE, customer)
    with sessions() as session:
        view = get_case(session, case_id)
        (opened,) = case_events(session, case_id)
    assert view.channel is RequestChannel.PHONE
    assert not view.received_by_post
    assert view.received_at == RECEIVED_AT
    assert str(event_message(opened.kind, opened.detail)) == "Case opened"


def test_post_that_arrived_last_year_takes_a_number_of_that_year(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    new_year = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    with sessions.begin() as session:
        view = open_case(
            session,
            kind=CaseKind.DISCLOSURE,
            customer_id=customer,
            agent_id=agents["agent"],
            target_days=14,
            arrived_by_post_on=dt.date(2025, 12, 26),
            now=new_year,
        )
    assert view.case_no.startswith("2025-")
    assert view.due_on == dt.date(2026, 1, 9)


@pytest.mark.parametrize(
    ("arrived_on", "refused"),
    [
        (dt.date(2026, 11, 21), r"cannot have arrived on 2026-11-21, after today \(2026-11-20\)"),
        (dt.date(2026, 8, 19), "arrived on 2026-08-19, before 2026-08-20, is opened by a supervisor"),
        (dt.date(2025, 11, 19), "before 2026-08-20"),
    ],
)
def test_a_day_of_arrival_that_cannot_be_is_refused_and_nothing_is_written(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, arrived_on: dt.date, refused: str
) -> None:
    with pytest.raises(InvalidRequest, match=refused):
        _open_written(sessions, agents["agent"], customer, arrived_on)
    assert _case_count(sessions) == 0


def test_the_bounds_themselves_are_days_a_request_may_have_arrived(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    earliest = TODAY - dt.timedelta(days=deadlines.MAX_ARRIVAL_AGE_DAYS)
    assert earliest == dt.date(2026, 8, 20)
    for day in (TODAY, earliest):
        _open_written(sessions, agents["agent"], customer, day)
    assert _case_count(sessions) == 2


def test_a_written_request_has_no_call(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        call = CallRecord(call_id="c-1", source="serial", started_at=NOW, state=CallState.ANSWERED)
        session.add(call)
        session.flush()
        call_id = call.id
    with pytest.raises(InvalidRequest, match="it has no call to link"):
        _open_written(sessions, agents["agent"], customer, TODAY, call_id=call_id)
    with pytest.raises(ValueError, match="give no received_at"):
        _open_written(sessions, agents["agent"], customer, TODAY, received_at=NOW)
    assert _case_count(sessions) == 0


def test_a_written_request_started_with_its_script_is_verified_without_caller_id(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        started = start_request(
            session,
            script=SCRIPTS["disclosure"],
            customer_id=customer,
            agent_id=agents["agent"],
            company=COMPANY,
            arrived_by_post_on=dt.date(2026, 11, 18),
            now=NOW,
        )
    with sessions() as session:
        context = case_context(session, started.case.case_id, agent_id=agents["agent"])
    assert context.case.received_by_post
    assert context.case.deadline.received_on == dt.date(2026, 11, 18)
    assert context.caller_number is None
    assert context.caller_id_unavailable is CallerIdUnavailable.NO_CALL
    assert context.draft is not None
    assert context.draft.current_step == "greeting"
    assert HOME.replace("-", "") in {number.replace("-", "") for number in context.registered_numbers}


def test_the_case_log_and_its_export_say_which_requests_came_by_post(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    written = _open_written(sessions, agents["agent"], customer, dt.date(2026, 11, 16))
    _open(sessions, agents, CaseKind.COMPLAINT, None)
    with sessions.begin() as session:
        page = case_log_page(
            session, viewer_id=agents["supervisor"], viewer_role=AgentRole.SUPERVISOR, today=TODAY
        )
        out = io.StringIO(newline="")
        export_cases(
            session,
            out,
            viewer_id=agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            today=TODAY,
            now=NOW,
        )
    assert [(row.case_id == written, row.channel) for row in page.rows] == [
        (False, RequestChannel.PHONE),
        (True, RequestChannel.POST),
    ]
    assert page.rows[1].received_by_post
    rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert rows[0] == list(EXPORT_HEADERS)
    # Added after the first twelve columns, so a sheet reading those by position still finds them.
    assert EXPORT_HEADERS[12:14] == ("受付方法", "到達日")
    received, channel, arrived = (rows[0].index(name) for name in ("受付日時", "受付方法", "到達日"))
    assert [(row[received], row[channel], row[arrived]) for row in rows[1:]] == [
        ("2026-11-20 10:30", "電話", ""),
        ("2026-11-16 00:00", "郵送", "2026-11-16"),
    ]


def test_the_two_weeks_of_article_39_are_counted_from_the_day_after_arrival() -> None:
    # Arrived on Monday 2 March: the two weeks run 3 to 16 March, and a claim may be filed from the 17th.
    assert deadlines.two_weeks_end(dt.date(2026, 3, 2)) == dt.date(2026, 3, 16)
    assert deadlines.court_claim_from(dt.date(2026, 3, 2)) == dt.date(2026, 3, 17)
    # Calendar days, across a month's and a year's end alike.
    assert deadlines.court_claim_from(dt.date(2026, 12, 25)) == dt.date(2027, 1, 9)
