"""The caller log: events in any order make one consistent row; listing, paging and purging by age."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import CallEvent, call_event
from desk_app.cli.calls import add_purge_arguments, run_purge
from desk_app.config import Config, Retention
from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CallSource,
    CallState,
    CustomerState,
    NoNumberReason,
)
from desk_app.domain.periods import Age, parse_age
from desk_app.services.access_log import record_access
from desk_app.services.customers.calls import (
    CallCursor,
    close_stale_calls,
    purge_calls,
    recent_calls,
    record_call_event,
)
from desk_app.storage.models import AccessLogEntry, Agent, CallRecord, Customer

AddCustomer = Callable[..., int]
T0 = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)


def _event(state: CallState, seconds: float = 0, call_id: str = "call-1", **kwargs: object) -> CallEvent:
    return call_event(
        call_id=call_id,
        state=state,
        source=CallSource.CTI,
        at=T0 + dt.timedelta(seconds=seconds),
        **kwargs,  # type: ignore[arg-type]
    )


def _agent(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as session:
        agent = Agent(login="ito", display_name="伊藤 健", role=AgentRole.AGENT, created_at=T0)
        session.add(agent)
        session.flush()
        return agent.id


def _apply(sessions: sessionmaker[Session], *events: CallEvent, **kwargs: int | None) -> list[int]:
    with sessions.begin() as session:
        return [record_call_event(session, event, **kwargs) for event in events]


def _rows(sessions: sessionmaker[Session]) -> list[CallRecord]:
    with sessions() as session:
        return list(session.scalars(select(CallRecord).order_by(CallRecord.id)))


def test_ring_answer_hang_up_make_one_row_with_the_times_and_the_agent(
    sessions: sessionmaker[Session],
) -> None:
    agent = _agent(sessions)
    ids = _apply(sessions, _event(CallState.RINGING, number="03-1234-5678", line="1"))
    ids += _apply(sessions, _event(CallState.ANSWERED, 8), agent_id=agent)
    ids += _apply(sessions, _event(CallState.ENDED, 128))
    assert len(set(ids)) == 1
    [row] = _rows(sessions)
    assert (row.state, row.e164, row.raw_number, row.line, row.agent_id) == (
        CallState.ENDED,
        "+81312345678",
        "03-1234-5678",
        "1",
        agent,
    )
    assert (row.started_at, row.answered_at, row.ended_at) == (
        T0,
        T0 + dt.timedelta(seconds=8),
        T0 + dt.timedelta(seconds=128),
    )
    with sessions() as session:
        [summary] = recent_calls(session)
    assert (summary.number_display, summary.answered_by, summary.duration_seconds, summary.missed) == (
        "03-1234-5678",
        "伊藤 健",
        120,
        False,
    )


def test_a_call_hung_up_before_answer_is_missed(sessions: sessionmaker[Session]) -> None:
    _apply(sessions, _event(CallState.RINGING, number="0312345678"), _event(CallState.MISSED, 20))
    [row] = _rows(sessions)
    assert (row.state, row.answered_at, row.ended_at) == (
        CallState.MISSED,
        None,
        T0 + dt.timedelta(seconds=20),
    )
    with sessions() as session:
        [summary] = recent_calls(session)
    assert summary.missed
    assert summary.duration_seconds is None


@pytest.mark.parametrize(
    ("states", "final"),
    [
        # (event, seconds after the ring) in the order they arrive
        ([(CallState.ENDED, 60), (CallState.ANSWERED, 5), (CallState.RINGING, 0)], CallState.ENDED),
        ([(CallState.RINGING, 0), (CallState.ENDED, 60), (CallState.RINGING, 0)], CallState.ENDED),
        ([(CallState.MISSED, 30), (CallState.RINGING, 0)], CallState.MISSED),
        ([(CallState.RINGING, 0), (CallState.MISSED, 30), (CallState.ANSWERED, 5)], CallState.ENDED),
        ([(CallState.RINGING, 0), (CallState.ENDED, 30), (CallState.MISSED, 30)], CallState.MISSED),
        ([(CallState.RINGING, 0), (CallState.ANSWERED, 5), (CallState.MISSED, 30)], CallState.ENDED),
        ([(CallState.RINGING, 0), (CallState.ANSWERED, 5), (CallState.ANSWERED, 5)], CallState.ANSWERED),
        ([(CallState.ANSWERED, 5), (CallState.RINGING, 0)], CallState.ANSWERED),
    ],
)
def test_events_out_of_order_or_twice_still_make_one_consistent_row(
    sessions: sessionmaker[Session], states: list[tuple[CallState, int]], final: CallState
) -> None:
    for state, seconds in states:  # each in its own transaction, as each arrives on its own
        _apply(sessions, _event(state, seconds, number="0312345678"))
    [row] = _rows(sessions)
    assert row.state is final
    assert row.started_at == T0 + dt.timedelta(seconds=min(seconds for _, seconds in states))
    ends = [seconds for state, seconds in states if state in (CallState.ENDED, CallState.MISSED)]
    assert row.ended_at == (T0 + dt.timedelta(seconds=max(ends)) if ends else None)
    answers = [seconds for state, seconds in states if state is CallState.ANSWERED]
    assert row.answered_at == (T0 + dt.timedelta(seconds=min(answers)) if answers else None)


def test_calls_are_told_apart_by_source_and_a_reused_id_a_day_later_is_a_new_call(
    sessions: sessionmaker[Session],
) -> None:
    _apply(sessions, _event(CallState.RINGING, number="0312345678"))
    _apply(sessions, call_event(call_id="call-1", state=CallState.RINGING, source=CallSource.SERIAL, at=T0))
    _apply(sessions, _event(CallState.RINGING, 86_400, number="0312345678"))
    assert [(row.source, row.started_at) for row in _rows(sessions)] == [
        ("cti", T0),
        ("serial", T0),
        ("cti", T0 + dt.timedelta(days=1)),
    ]


def test_a_withheld_call_shows_its_reason_and_no_number(sessions: sessionmaker[Session]) -> None:
    _apply(sessions, _event(CallState.RINGING, reason=NoNumberReason.WITHHELD))
    with sessions() as session:
        [summary] = recent_calls(session)
    assert (summary.number_display, summary.reason, summary.customer_id) == (
        None,
        NoNumberReason.WITHHELD,
        None,
    )


def test_the_matched_customer_is_shown_until_erased(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    customer = add_customer(phones=(("home", "03-1234-5678"),))
    _apply(sessions, _event(CallState.RINGING, number="0312345678"), customer_id=customer)
    _apply(sessions, _event(CallState.ENDED, 10))  # a later event without the customer keeps it
    with sessions() as session:
        [summary] = recent_calls(session)
        assert (summary.customer_id, summary.customer_no, summary.customer_name) == (
            customer,
            "90000001",
            "山田 太郎",
        )
        assert [s.call_row_id for s in recent_calls(session, customer_id=customer)] == [summary.call_row_id]
        assert recent_calls(session, customer_id=customer + 1) == []
    with sessions.begin() as session:
        stored = session.get(Customer, customer)
        assert stored is not None
        stored.state, stored.name, stored.name_kana = CustomerState.ERASED, None, None
    with sessions() as session:
        [summary] = recent_calls(session)
    assert (summary.customer_id, summary.customer_no, summary.customer_name) == (None, None, None)
    assert summary.number_display == "03-1234-5678"


def test_the_caller_log_pages_by_keyset_without_repeats_or_gaps(sessions: sessionmaker[Session]) -> None:
    # Three calls in each second: pages must break ties by id.
    events = [_event(CallState.RINGING, n // 3, call_id=f"c{n}", number="0312345678") for n in range(25)]
    _apply(sessions, *events)
    with sessions() as session:
        everything = [s.call_row_id for s in recent_calls(session)]
        seen: list[int] = []
        cursor: CallCursor | None = None
        while True:
            page = recent_calls(session, limit=4, before=cursor)
            if not page:
                break
            seen += [s.call_row_id for s in page]
            cursor = page[-1].cursor
    assert len(everything) == 25
    assert seen == everything
    rows = {row.id: row.started_at for row in _rows(sessions)}
    assert [rows[i] for i in everything] == sorted(rows.values(), reverse=True)


def test_purge_deletes_old_calls_and_keeps_their_access_log_without_the_link(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    customer = add_customer()
    [old] = _apply(sessions, _event(CallState.RINGING, -400 * 86_400, call_id="old", number="0312345678"))
    [new] = _apply(sessions, _event(CallState.RINGING, 0, call_id="new", number="0312345678"))
    with sessions.begin() as session:
        for call in (old, new):
            record_access(
                session, agent_id=None, action=AccessAction.VIEW, customer_ids=[customer], call_id=call
            )
    with sessions.begin() as session:
        assert purge_calls(session, older_than=T0 - dt.timedelta(days=365)) == 1
    assert [row.call_id for row in _rows(sessions)] == ["new"]
    with sessions() as session:
        log = sorted(session.execute(select(AccessLogEntry.customer_id, AccessLogEntry.call_id)), key=str)
    assert log == sorted([(customer, None), (customer, new)], key=str)
    with sessions.begin() as session, pytest.raises(ValueError, match="aware"):
        purge_calls(session, older_than=dt.datetime(2026, 1, 1))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("12m", Age(months=12)),
        ("90d", Age(days=90)),
        ("1y", Age(years=1)),
        (" 2 Years ", Age(years=2)),
        ("6months", Age(months=6)),
        ("1 day", Age(days=1)),
    ],
)
def test_ages_are_read_as_people_write_them(text: str, age: Age) -> None:
    assert parse_age(text) == age


@pytest.mark.parametrize("text", ["", "12", "m", "0d", "-3m", "1.5y", "12w", "101y", "12m3d"])
def test_ages_that_are_no_ages_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an age"):
        parse_age(text)


@pytest.mark.parametrize(
    ("age", "moment", "expected"),
    [
        (
            Age(months=12),
            dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC),
            dt.datetime(2025, 3, 31, 12, tzinfo=dt.UTC),
        ),
        (Age(months=1), dt.datetime(2026, 3, 31, tzinfo=dt.UTC), dt.datetime(2026, 2, 28, tzinfo=dt.UTC)),
        (Age(years=2), dt.datetime(2026, 2, 28, tzinfo=dt.UTC), dt.datetime(2024, 2, 28, tzinfo=dt.UTC)),
        (Age(months=3), dt.datetime(2026, 1, 15, tzinfo=dt.UTC), dt.datetime(2025, 10, 15, tzinfo=dt.UTC)),
        (Age(days=90), dt.datetime(2026, 3, 31, tzinfo=dt.UTC), dt.datetime(2025, 12, 31, tzinfo=dt.UTC)),
    ],
)
def test_ages_count_back_by_the_calendar(age: Age, moment: dt.datetime, expected: dt.datetime) -> None:
    assert age.before(moment) == expected


def _purge_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_purge_arguments(parser)
    return parser.parse_args(argv)


def test_the_purge_command_uses_the_configured_retention_and_prints_counts_only(
    engine: Engine, sessions: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    for n, days in enumerate((10, 100, 200, 800)):
        _apply(sessions, _event(CallState.RINGING, -days * 86_400, call_id=f"c{n}", number="0312345678"))
    config = Config(retention=Retention(call_log_months=6))
    assert run_purge(_purge_args(), config, engine, now=T0) == 0
    first = capsys.readouterr().out
    assert run_purge(_purge_args("--older-than", "90d", "--json"), config, engine, now=T0) == 0
    second = capsys.readouterr().out
    assert first.startswith("purged 2 calls that began before 2026-05-20")
    assert second.startswith('{"purged": 1, "older_than": "90d"')
    for output in (first, second):
        assert "1234" not in output
        assert "+81" not in output
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(CallRecord)) == 1
    with pytest.raises(SystemExit):
        _purge_args("--older-than", "soon")


def test_calls_whose_end_never_came_are_closed_hours_later(sessions: sessionmaker[Session]) -> None:
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    rows = {
        "old-ringing": (CallState.RINGING, now - dt.timedelta(hours=3)),
        "old-answered": (CallState.ANSWERED, now - dt.timedelta(hours=3)),
        "fresh-ringing": (CallState.RINGING, now - dt.timedelta(minutes=10)),
        "old-ended": (CallState.ENDED, now - dt.timedelta(hours=5)),
    }
    with sessions.begin() as session:
        for call_id, (state, started) in rows.items():
            session.add(CallRecord(call_id=call_id, source="test", started_at=started, state=state))
    with sessions.begin() as session:
        assert close_stale_calls(session, now=now) == 2
    with sessions() as session:
        states = dict(session.execute(select(CallRecord.call_id, CallRecord.state)).all())
    assert states == {
        "old-ringing": CallState.MISSED,
        "old-answered": CallState.ENDED,
        "fresh-ringing": CallState.RINGING,
        "old-ended": CallState.ENDED,
    }
