"""A desk whose connection is cut listens again and reads what was routed to it meanwhile."""

from __future__ import annotations

from sqlalchemy import text

from desk_app.domain.enums import CallState, SourceState
from desk_app.gateway.follower import APPLICATION_NAME
from tests.support.gateway_floor import call, floor


def test_a_desk_cut_off_reconnects_and_gets_the_call_that_rang_meanwhile(postgres_url: str) -> None:
    with floor(postgres_url) as place:
        sato = place.desk("sato")
        with place.engine.connect() as connection:
            killed = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE application_name = :name"
                ),
                {"name": APPLICATION_NAME},
            ).scalar_one()
        assert killed == 1
        # Routed while the desk is (most likely) still cut off: stored, and read on reconnecting.
        assert place.post(call("newCall", "r-1", user=["201"])) == (200, {})
        sato.wait_for_state(SourceState.DISCONNECTED)
        sato.wait_for_state(SourceState.LISTENING)
        ringing = sato.next()
        assert (ringing.state, ringing.call_id) == (CallState.RINGING, "r-1")
        assert sato.follower.reconnects >= 1
        assert sato.drained() == []
