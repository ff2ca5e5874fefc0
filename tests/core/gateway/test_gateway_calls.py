"""What the gateway stores and answers: each event once (also from two gateways), never backwards, a
blocked caller rejected as busy, voicemail and forwarding as Zammad means them, and its health page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.config import Switchboard
from desk_app.domain.enums import CallState, PresenceState
from desk_app.gateway.service import Gateway
from desk_app.services.switchboard.blocklist import block_number
from desk_app.services.switchboard.presence import presence_of
from desk_app.storage.models import CallEventRow, CallRecord
from tests.support.gateway_floor import TOKEN, call, floor, get, post


def _rows(place_engine: object, call_id: str) -> list[tuple[str, CallState | None]]:
    with Session(place_engine) as session:  # type: ignore[arg-type]
        return [
            (row.kind, row.state)
            for row in session.scalars(
                select(CallEventRow).where(CallEventRow.call_id == call_id).order_by(CallEventRow.id)
            )
        ]


def test_a_repeated_event_is_stored_once_and_a_late_answer_moves_nothing_back(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato = place.desk("sato")
        for event in ("newCall", "newCall", "hangup", "answer", "hangup"):
            assert place.post(call(event, "late-1", user="201")) == (200, {})
        assert [sato.next().state, sato.next().state] == [CallState.RINGING, CallState.MISSED]
        assert _rows(place.engine, "late-1") == [
            ("newCall", CallState.RINGING),
            ("hangup", CallState.MISSED),
            ("answer", None),
        ]
        counts = place.gateway.cti.counts() if place.gateway.cti else {}
        assert counts["newCall duplicate"] == 1
        assert counts["hangup duplicate"] == 1
        assert counts["answer kept, not announced"] == 1
        assert sato.drained() == []


def test_two_gateways_fed_the_same_events_store_each_once(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato = place.desk("sato")
        second = Gateway(place.engine, Switchboard(), cti=("127.0.0.1", 0), token=TOKEN)
        second.start(lambda _status: None)
        try:
            assert second.cti is not None
            second_port = second.cti.bound_port
            assert second_port is not None
            for event in ("newCall", "answer", "hangup"):
                fields = call(event, "twice-1", user="201")
                assert place.post(fields) == (200, {})
                assert post(second_port, fields) == (200, {})
        finally:
            second.stop()
        assert [sato.next().state for _ in range(3)] == [
            CallState.RINGING,
            CallState.ANSWERED,
            CallState.ENDED,
        ]
        assert sato.drained() == []
        with Session(place.engine) as session:
            assert session.scalar(select(func.count()).select_from(CallEventRow)) == 3
            assert session.scalar(select(func.count()).select_from(CallRecord)) == 1


def test_a_blocked_number_gets_zammads_reject_and_rings_no_desk(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato = place.desk("sato")
        with Session(place.engine) as session, session.begin():
            block_number(
                session, place.agents["kimura"], "03-1234-5678", "なりすまし電話", now=dt.datetime.now(dt.UTC)
            )
        place.gateway.writer.refresh_lists(force=True)
        assert place.post(call("newCall", "blocked-1", number="0312345678")) == (
            200,
            {"action": "reject", "reason": "busy"},
        )
        assert place.post(call("newCall", "fine-1", number="0312345679", user="201")) == (200, {})
        assert sato.next().call_id == "fine-1"
        assert _rows(place.engine, "blocked-1") == []


def test_voicemail_leaves_the_call_missed_and_forwarding_before_an_answer_does_not(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato = place.desk("sato")
        place.post(call("newCall", "vm-1", user="201"))
        place.post(call("answer", "vm-1", user="voicemail"))
        place.post(call("hangup", "vm-1"))
        place.post(call("newCall", "fw-1", user="201"))
        place.post(call("hangup", "fw-1", cause="forwarded"))
        states = [(event.call_id, event.state) for event in (sato.next() for _ in range(4))]
        assert states == [
            ("vm-1", CallState.RINGING),
            ("vm-1", CallState.MISSED),
            ("fw-1", CallState.RINGING),
            ("fw-1", CallState.ENDED),
        ]


def test_the_answer_puts_the_agent_on_the_call_and_the_hang_up_into_after_call_work(
    postgres_url: str,
) -> None:
    with floor(postgres_url, Switchboard(after_call_seconds=90)) as place:
        place.desk("sato")
        place.post(call("newCall", "p-1"))
        place.post(call("answer", "p-1", answeringNumber="201"))
        now = dt.datetime.now(dt.UTC)
        with Session(place.engine) as session:
            assert presence_of(session, place.agents["sato"], now=now).state is PresenceState.ON_CALL
        place.post(call("hangup", "p-1"))
        with Session(place.engine) as session:
            after = presence_of(session, place.agents["sato"], now=dt.datetime.now(dt.UTC))
            assert after.state is PresenceState.AFTER_CALL
            assert after.after_call_until is not None
            assert dt.timedelta(seconds=80) < after.after_call_until - now < dt.timedelta(seconds=100)
            assert session.get(CallRecord, after.call_row_id) is not None


def test_health_says_the_database_answers_and_counts_todays_events(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        place.desk("sato")
        place.post(call("newCall", "h-1", user="201"))
        status, health = get(place.port, "/healthz")
        assert status == 200
        assert health["database_reachable"] is True
        assert health["events_today"] == 1
        assert health["desks_listening"] >= 1
        assert health["events_waiting"] == 0
        assert get(place.port, "/healthz/more")[0] == 404
