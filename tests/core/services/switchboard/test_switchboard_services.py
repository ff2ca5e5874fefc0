"""Presence, after-call work, wrap-up codes, the missed-call list and the blocklist, in the core.

Run on SQLite and on PostgreSQL alike: the switchboard's rules do not depend on NOTIFY."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.cti_request import CtiEvent
from desk_app.config import DeskGroup, Switchboard
from desk_app.domain.enums import AccessAction, CallSource, CallState, PresenceState
from desk_app.domain.phones import InvalidPhoneNumber
from desk_app.services.cases.records import SupervisorOnly
from desk_app.services.customers.calls import purge_calls
from desk_app.services.switchboard import presence
from desk_app.services.switchboard.blocklist import (
    BlocklistRefused,
    block_number,
    blocked_numbers,
    list_blocked,
    unblock_number,
)
from desk_app.services.switchboard.board import board, masked
from desk_app.services.switchboard.call_events import Incoming, accept
from desk_app.services.switchboard.missed import MissedCallTaken, missed_calls, take_missed_call
from desk_app.services.switchboard.routing import group_for, ring_targets
from desk_app.storage.models import AccessLogEntry, CallEventRoute, CallEventRow, CallRecord, PresenceChange
from tests.support.gateway_floor import add_staff

NOW = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)  # 10:00 in Japan
SETTINGS = Switchboard(after_call_seconds=60, after_call_extension_seconds=30)


@pytest.fixture
def staff(engine: Engine) -> dict[str, int]:
    return add_staff(engine)


def _incoming(
    kind: CtiEvent, call_id: str, *, at: dt.datetime = NOW, users: tuple[str, ...] = ()
) -> Incoming:
    return Incoming(
        source=CallSource.CTI, call_id=call_id, kind=kind, at=at, number="0312345678", users=users
    )


def test_after_call_work_extends_once_ends_with_a_code_kept_on_the_call(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    sato = staff["sato"]
    with sessions.begin() as session:
        presence.set_state(session, sato, PresenceState.AVAILABLE, now=NOW)
        accept(session, _incoming(CtiEvent.NEW_CALL, "a-1"), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.ANSWER, "a-1", users=("sato",)), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.HANGUP, "a-1"), settings=SETTINGS, now=NOW)
    with sessions.begin() as session:
        after = presence.presence_of(session, sato, now=NOW)
        assert after.state is PresenceState.AFTER_CALL
        assert after.after_call_until == NOW + dt.timedelta(seconds=60)
        with pytest.raises(presence.PresenceRefused, match="wrap-up code"):
            presence.set_state(session, sato, PresenceState.AVAILABLE, now=NOW)
        extended = presence.extend_after_call(session, sato, now=NOW, settings=SETTINGS)
        assert extended.after_call_until == NOW + dt.timedelta(seconds=90)
        with pytest.raises(presence.PresenceRefused, match="once"):
            presence.extend_after_call(session, sato, now=NOW, settings=SETTINGS)
        with pytest.raises(presence.PresenceRefused, match="not a wrap-up code"):
            presence.wrap_up(session, sato, "思いつき", now=NOW, settings=SETTINGS)
        done = presence.wrap_up(
            session, sato, "案内完了", now=NOW + dt.timedelta(seconds=20), settings=SETTINGS
        )
        assert done.state is PresenceState.AVAILABLE
        call = session.scalars(select(CallRecord)).one()
        assert call.wrap_up_code == "案内完了"
        assert (call.answered_at, call.ended_at, call.agent_id) == (NOW, NOW, sato)
        history = session.scalars(
            select(PresenceChange.state).where(PresenceChange.agent_id == sato).order_by(PresenceChange.id)
        ).all()
        assert history == [
            PresenceState.AVAILABLE,
            PresenceState.ON_CALL,
            PresenceState.AFTER_CALL,
            PresenceState.AVAILABLE,
        ]


def test_after_call_work_ends_by_itself_when_its_time_is_up_dated_then(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    sato = staff["sato"]
    with sessions.begin() as session:
        presence.set_state(session, sato, PresenceState.AVAILABLE, now=NOW)
        presence.on_call(session, sato, None, now=NOW)
        presence.call_ended(session, sato, now=NOW, settings=SETTINGS)
        assert presence.available_agents(session, now=NOW + dt.timedelta(seconds=59)) == ()
        later = NOW + dt.timedelta(minutes=5)
        assert presence.available_agents(session, now=later) == (sato,)
        last = session.scalars(select(PresenceChange).order_by(PresenceChange.id.desc()).limit(1)).one()
        assert (last.state, last.at) == (PresenceState.AVAILABLE, NOW + dt.timedelta(seconds=60))


def test_away_needs_a_configured_reason_and_an_agent_on_a_call_cannot_walk_away(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    sato = staff["sato"]
    with sessions.begin() as session:
        with pytest.raises(presence.PresenceRefused, match="away needs"):
            presence.set_state(session, sato, PresenceState.AWAY, now=NOW, reason="昼寝", settings=SETTINGS)
        away = presence.set_state(
            session, sato, PresenceState.AWAY, now=NOW, reason="休憩", settings=SETTINGS
        )
        assert (away.state, away.reason) == (PresenceState.AWAY, "休憩")
        with pytest.raises(presence.PresenceRefused, match="follows the calls"):
            presence.set_state(session, sato, PresenceState.ON_CALL, now=NOW)
        presence.on_call(session, sato, None, now=NOW)
        with pytest.raises(presence.PresenceRefused, match="on a call"):
            presence.set_state(session, sato, PresenceState.AWAY, now=NOW, reason="休憩", settings=SETTINGS)


def test_queue_calls_ring_available_desks_and_groups_ring_their_own(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    groups = (DeskGroup(to="0120-000-222", desks=("suzuki", "203")),)
    settings = Switchboard(groups=groups)
    with sessions.begin() as session:
        for login in ("sato", "suzuki", "tanaka"):
            presence.set_state(session, staff[login], PresenceState.AVAILABLE, now=NOW)
        queue = ring_targets(session, users=(), to="0120000111", settings=settings, now=NOW)
        assert queue == tuple(sorted((staff["sato"], staff["suzuki"], staff["tanaka"])))
        group = ring_targets(session, users=(), to="0120000222", settings=settings, now=NOW)
        assert group == tuple(sorted((staff["suzuki"], staff["tanaka"])))
        named = ring_targets(session, users=("nobody", "201"), to="0120000222", settings=settings, now=NOW)
        assert named == (staff["sato"],)
        nobody_known = ring_targets(session, users=("nobody",), to=None, settings=settings, now=NOW)
        assert nobody_known == queue
    assert group_for(groups, "+81120000222") == groups[0]
    assert group_for(groups, "0120000333") is None


def test_a_missed_call_is_taken_once_and_the_taking_is_recorded(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        accept(session, _incoming(CtiEvent.NEW_CALL, "m-1", users=("201",)), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.HANGUP, "m-1"), settings=SETTINGS, now=NOW)
    with sessions.begin() as session:
        [missed] = missed_calls(session, staff["suzuki"], now=NOW)
        assert (missed.number_display, missed.taken_by) == ("03-1234-5678", None)
        taken = take_missed_call(session, staff["suzuki"], missed.call_row_id, now=NOW)
        assert taken.taken_by == "suzuki"
    with sessions.begin() as session, pytest.raises(MissedCallTaken, match="already taken by suzuki"):
        take_missed_call(session, staff["tanaka"], missed.call_row_id, now=NOW)
    with sessions.begin() as session:
        assert missed_calls(session, staff["tanaka"], now=NOW, open_only=True) == []
        assert missed_calls(session, staff["tanaka"], now=NOW + dt.timedelta(days=1)) == []
        entry = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).one()
        assert (entry.agent_id, entry.action, entry.detail) == (
            staff["suzuki"],
            AccessAction.VIEW,
            "missed call taken for a callback",
        )
        with pytest.raises(MissedCallTaken, match="no missed call"):
            take_missed_call(session, staff["tanaka"], 999_999, now=NOW)


def test_only_supervisors_keep_the_blocklist_and_the_log_never_holds_the_number(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        with pytest.raises(BlocklistRefused, match="only a supervisor"):
            block_number(session, staff["sato"], "03-1234-5678", "いたずら", now=NOW)
        with pytest.raises(BlocklistRefused, match="needs a reason"):
            block_number(session, staff["kimura"], "03-1234-5678", "  ", now=NOW)
        with pytest.raises(InvalidPhoneNumber):
            block_number(session, staff["kimura"], "not a number", "いたずら", now=NOW)
        blocked = block_number(session, staff["kimura"], "０３－１２３４－５６７８", "なりすまし", now=NOW)
        assert (blocked.e164, blocked.number_display, blocked.added_by) == (
            "+81312345678",
            "03-1234-5678",
            "kimura",
        )
        assert blocked_numbers(session) == {"+81312345678"}
        assert [row.reason for row in list_blocked(session, staff["kimura"])] == ["なりすまし"]
        unblock_number(session, staff["kimura"], "03-1234-5678", now=NOW)
        with pytest.raises(BlocklistRefused, match="not on the blocklist"):
            unblock_number(session, staff["kimura"], "03-1234-5678", now=NOW)
        details = session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
        assert details[-2:] == ["number blocked", "number unblocked"]
        assert not any("5678" in detail for detail in details)


def test_the_board_masks_numbers_and_is_for_supervisors(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    with sessions.begin() as session:
        presence.set_state(session, staff["sato"], PresenceState.AVAILABLE, now=NOW)
        accept(session, _incoming(CtiEvent.NEW_CALL, "b-1"), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.NEW_CALL, "b-2", users=("202",)), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.ANSWER, "b-1", users=("201",)), settings=SETTINGS, now=NOW)
        accept(session, _incoming(CtiEvent.HANGUP, "b-2"), settings=SETTINGS, now=NOW)
        with pytest.raises(SupervisorOnly):
            board(session, staff["sato"], now=NOW)
        floor = board(session, staff["kimura"], now=NOW + dt.timedelta(seconds=30))
        [desk] = floor.desks
        assert (desk.login, desk.state, desk.call_number) == ("sato", PresenceState.ON_CALL, "＊＊＊＊5678")
        assert floor.ringing == ()
        assert [(row.number, row.taken_by) for row in floor.missed] == [("＊＊＊＊5678", None)]
    assert masked(None) == "—"
    assert CallState.MISSED.value == "missed"


def test_the_call_log_purge_takes_the_gateways_events_of_the_same_age(
    sessions: sessionmaker[Session], staff: dict[str, int]
) -> None:
    old, recent = NOW - dt.timedelta(days=400), NOW
    with sessions.begin() as session:
        presence.set_state(session, staff["sato"], PresenceState.AVAILABLE, now=old)
        for call_id, at in (("old-1", old), ("new-1", recent)):
            accept(session, _incoming(CtiEvent.NEW_CALL, call_id, at=at), settings=SETTINGS, now=at)
        answer = _incoming(CtiEvent.ANSWER, "old-1", at=old, users=("201",))
        accept(session, answer, settings=SETTINGS, now=old)
    with sessions.begin() as session:
        assert purge_calls(session, older_than=NOW - dt.timedelta(days=365)) == 1
    with sessions.begin() as session:
        assert session.scalars(select(CallEventRow.call_id)).all() == ["new-1"]
        assert {route.event_id for route in session.scalars(select(CallEventRoute))} == set(
            session.scalars(select(CallEventRow.id))
        )
        assert presence.presence_of(session, staff["sato"], now=NOW).call_row_id is None
