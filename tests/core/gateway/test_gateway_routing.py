"""The gateway routes each call to the right desks: named ones, the queue's available ones, a group's;
the answering desk keeps the call and the others close it; a missed call reaches every desk it rang."""

from __future__ import annotations

from desk_app.callerid.events import call_event
from desk_app.domain.enums import CallSource, CallState, PresenceState
from desk_app.gateway.service import SerialLine
from tests.support.gateway_floor import call, floor, set_presence


def test_a_call_naming_one_desk_rings_that_desk_only(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato, suzuki = place.desk("sato"), place.desk("suzuki")
        assert place.post(call("newCall", "c-1", user=["201"])) == (200, {})
        ringing = sato.next()
        assert (ringing.state, ringing.call_id, ringing.number_display) == (
            CallState.RINGING,
            "c-1",
            "03-1234-5678",
        )
        assert place.post(call("answer", "c-1", user="201")) == (200, {})
        assert place.post(call("hangup", "c-1", cause="normalClearing")) == (200, {})
        assert [sato.next().state, sato.next().state] == [CallState.ANSWERED, CallState.ENDED]
        assert suzuki.drained() == []


def test_a_queue_call_rings_every_available_desk_and_the_answer_closes_it_elsewhere(
    postgres_url: str,
) -> None:
    with floor(postgres_url) as place:
        sato, suzuki = place.desk("sato"), place.desk("suzuki")
        tanaka = place.desk("tanaka", available=False)
        set_presence(place.engine, place.agents["tanaka"], PresenceState.AWAY, "休憩")
        place.post(call("newCall", "q-1"))
        assert sato.next().state is CallState.RINGING
        assert suzuki.next().state is CallState.RINGING
        place.post(call("answer", "q-1", user="佐藤 美咲"))
        at_sato, at_suzuki = sato.next(), suzuki.next()
        assert (at_sato.state, at_sato.answered_by) == (CallState.ANSWERED, "sato")
        assert (at_suzuki.state, at_suzuki.answered_by) == (CallState.ANSWERED, "sato")
        place.post(call("hangup", "q-1"))
        assert sato.next().state is CallState.ENDED
        assert suzuki.drained() == []
        assert tanaka.drained() == []


def test_a_call_nobody_answers_is_missed_at_every_desk_it_rang(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato, suzuki = place.desk("sato"), place.desk("suzuki")
        place.post(call("newCall", "m-1"))
        place.post(call("hangup", "m-1", cause="cancel"))
        assert [sato.next().state, sato.next().state] == [CallState.RINGING, CallState.MISSED]
        assert [suzuki.next().state, suzuki.next().state] == [CallState.RINGING, CallState.MISSED]


def test_a_number_display_call_rings_the_queue_and_the_desk_that_answers_says_so(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato, suzuki = place.desk("sato"), place.desk("suzuki")
        line = place.gateway._from_line(SerialLine(device="/dev/null", line="0120-000-111"))
        line(
            call_event(call_id="nd-1", state=CallState.RINGING, source=CallSource.SERIAL, number="0312345678")
        )
        at_sato = sato.next()
        assert (at_sato.state, at_sato.source, at_sato.line) == (
            CallState.RINGING,
            CallSource.SERIAL,
            "0120-000-111",
        )
        assert suzuki.next().state is CallState.RINGING
        sato.follower.mark_answered("nd-1")
        assert (sato.next().answered_by, suzuki.next().answered_by) == ("sato", "sato")
        # The adapter hears the line go quiet; it never knew of the answer, the gateway does.
        line(
            call_event(call_id="nd-1", state=CallState.MISSED, source=CallSource.SERIAL, number="0312345678")
        )
        assert sato.next().state is CallState.ENDED
        assert suzuki.drained() == []
        # A second answer, or one for a call this desk was never rung for, changes nothing.
        sato.follower.mark_answered("nd-1")
        suzuki.follower.mark_answered("nobody-rang")
        assert sato.drained() == []
