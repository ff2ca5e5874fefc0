"""The Generic CTI endpoint fed the requests Zammad's own request tests send (`spec/requests/integration/
cti_spec.rb`): `call_id`, `user` in its three shapes, voicemail, causes, and late events."""

from __future__ import annotations

import json
import logging
import urllib.parse

import pytest

from desk_app.callerid.cti_request import parse_cti_request
from desk_app.callerid.simulator import CallSimulator, UnknownCall
from desk_app.domain.enums import CallState
from tests.core.callerid import test_cti
from tests.core.callerid.test_cti import TOKEN, Endpoint

FORM = "application/x-www-form-urlencoded"


# The same endpoint as the other CTI tests: a listener on 127.0.0.1:0 remembering at most 5 open calls.
endpoint = test_cti.endpoint


def zammad(event: str, call_id: str = "1234567890-3", **fields: object) -> dict[str, object]:
    """An inbound request as Zammad's spec posts it: `call_id`, and `from`/`to` as it writes them."""
    return {"event": event, "direction": "in", "to": "4930600000000", "from": "4912347114711",
            "call_id": call_id, **fields}  # fmt: skip


def post_form(endpoint: Endpoint, fields: dict[str, object]) -> tuple[int, object]:
    # Rails posts a list as `user[]=a&user[]=b`, as the spec's `params:` does.
    pairs: list[tuple[str, object]] = []
    for name, value in fields.items():
        if isinstance(value, list):
            pairs += [(f"{name}[]", item) for item in value]
        else:
            pairs.append((name, value))
    return endpoint.request(urllib.parse.urlencode(pairs).encode())


def states(endpoint: Endpoint) -> list[CallState]:
    return [event.state for event in endpoint.events]


# --- the call id ------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_json", [False, True])
def test_call_id_as_zammad_sends_it_is_accepted(endpoint: Endpoint, as_json: bool) -> None:
    post = endpoint.json if as_json else (lambda document: post_form(endpoint, document))
    assert post(zammad("newCall", user="user 1")) == (200, {})
    assert post(zammad("answer")) == (200, {})
    assert post(zammad("hangup", cause="normalClearing")) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]
    assert {event.call_id for event in endpoint.events} == {"1234567890-3"}


def test_call_id_and_call_id_agreeing_are_one_id(endpoint: Endpoint) -> None:
    assert post_form(endpoint, zammad("newCall", callId="1234567890-3")) == (200, {})
    assert [event.call_id for event in endpoint.events] == ["1234567890-3"]


def test_call_id_and_call_id_differing_are_refused(endpoint: Endpoint) -> None:
    assert post_form(endpoint, zammad("newCall", callId="other")) == (
        400,
        {"error": "callId and call_id differ"},
    )
    assert endpoint.events == []


# --- events that come late or twice -----------------------------------------------------------------


def test_an_answer_after_the_hangup_is_acknowledged_and_changes_nothing(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall", user="user 1"))
    post_form(endpoint, zammad("answer"))
    post_form(endpoint, zammad("hangup", cause="normalClearing"))
    # The spec's "inbound - I - answer for hangup by customer", sent as JSON.
    assert endpoint.json(zammad("answer")) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]
    assert endpoint.listener.counts()["answer late"] == 1


def test_an_answer_after_a_missed_call_does_not_make_it_answered(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall"))
    post_form(endpoint, zammad("hangup", cause="cancel"))
    assert post_form(endpoint, zammad("answer", user="user 1")) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]


@pytest.mark.parametrize(
    ("late", "count"),
    [("newCall", "newCall late"), ("hangup", "hangup repeated")],
)
def test_a_ring_or_hangup_for_a_call_already_over_changes_nothing(
    endpoint: Endpoint, late: str, count: str
) -> None:
    post_form(endpoint, zammad("newCall"))
    post_form(endpoint, zammad("hangup", cause="noAnswer"))
    assert post_form(endpoint, zammad(late)) == (200, {})
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]
    assert endpoint.listener.counts()[count] == 1


def test_a_ring_after_the_answer_does_not_ring_again(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall"))
    post_form(endpoint, zammad("answer", user="user 1"))
    assert post_form(endpoint, zammad("newCall")) == (200, {})
    post_form(endpoint, zammad("hangup", cause="normalClearing"))
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]
    counts = endpoint.listener.counts()
    assert (counts["newCall"], counts["newCall late"], counts["answer"], counts["hangup"]) == (1, 1, 1, 1)


def test_late_events_are_counted_but_never_logged_with_the_number(
    endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="desk_app"):
        post_form(endpoint, zammad("newCall"))
        post_form(endpoint, zammad("hangup"))
        post_form(endpoint, zammad("answer"))
    assert "answer late" in caplog.text
    for secret in ("4912347114711", "12347114711", "1234567890-3", TOKEN):
        assert secret not in caplog.text


def test_the_simulator_still_refuses_an_answer_after_the_hang_up() -> None:
    simulator = CallSimulator()
    events: list[object] = []
    simulator.start(events.append, lambda _status: None)
    call_id = simulator.ring("03-1234-5678")
    simulator.hang_up(call_id)
    with pytest.raises(UnknownCall):
        simulator.answer(call_id)
    with pytest.raises(UnknownCall):
        simulator.hang_up(call_id)
    assert len(events) == 2


# --- user ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (["user 1", "user 2"], ("user 1", "user 2")),
        ("user 1", ("user 1",)),
        ("user 1,user 2", ("user 1", "user 2")),
        ("", ()),
    ],
)
def test_user_in_each_shape_zammad_sends_is_a_tuple_of_names(user: object, expected: tuple[str, ...]) -> None:
    fields = zammad("newCall", user=user)
    pairs = [(f"{k}[]", v) for k, vs in fields.items() if isinstance(vs, list) for v in vs]
    pairs += [(k, v) for k, v in fields.items() if not isinstance(v, list)]
    as_form = parse_cti_request(FORM, urllib.parse.urlencode(pairs).encode())
    as_json = parse_cti_request("application/json", json.dumps(fields).encode())
    assert as_form.users == as_json.users == expected


def test_users_travel_on_the_events_and_the_comma_list_names_the_answered_line(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall", call_id="1234567890-5", user="user 1,user 2"))
    post_form(endpoint, zammad("answer", call_id="1234567890-5", user="user 2"))
    ringing, answered = endpoint.events
    assert ringing.users == ("user 1", "user 2")
    assert (answered.users, answered.line) == (("user 2",), "user 2")


def test_users_do_not_change_the_monitors_json_keys(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall", user=["user 1", "user 2"]))
    assert set(endpoint.events[0].to_json()) == {
        "event", "call_id", "number_e164", "number_display", "reason", "source", "at", "line",
    }  # fmt: skip


# --- voicemail and causes ----------------------------------------------------------------------------


def test_an_answer_by_voicemail_is_a_missed_call(endpoint: Endpoint) -> None:
    # The spec's "inbound - II": rung at two users, taken by voicemail, hung up: Zammad marks it not done.
    post_form(endpoint, zammad("newCall", call_id="1234567890-4", user=["user 1", "user 2"]))
    assert post_form(endpoint, zammad("answer", call_id="1234567890-4", user="voicemail")) == (200, {})
    assert states(endpoint) == [CallState.RINGING]  # not a desk answering: nothing to show yet
    post_form(endpoint, zammad("hangup", call_id="1234567890-4", cause="normalClearing"))
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]
    assert endpoint.listener.counts()["answer by voicemail"] == 1


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param(("voicemail", "user 1"), id="a desk picks up from voicemail"),
        pytest.param(("user 1", "voicemail"), id="voicemail after a desk answered is late"),
    ],
)
def test_a_call_a_desk_answered_is_ended_whatever_voicemail_did(
    endpoint: Endpoint, answers: tuple[str, str]
) -> None:
    post_form(endpoint, zammad("newCall"))
    for user in answers:
        post_form(endpoint, zammad("answer", user=user))
    post_form(endpoint, zammad("hangup", cause="normalClearing"))
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]


@pytest.mark.parametrize(
    ("cause", "final"),
    [
        ("cancel", CallState.MISSED),
        ("noAnswer", CallState.MISSED),
        ("busy", CallState.MISSED),
        ("congestion", CallState.MISSED),
        ("notFound", CallState.MISSED),
        ("normalClearing", CallState.MISSED),
        ("forwarded", CallState.ENDED),
    ],
)
def test_a_hangup_before_any_answer_is_missed_unless_forwarded(
    endpoint: Endpoint, cause: str, final: CallState
) -> None:
    post_form(endpoint, zammad("newCall", user="user 1"))
    post_form(endpoint, zammad("hangup", cause=cause))
    assert states(endpoint) == [CallState.RINGING, final]


@pytest.mark.parametrize("cause", ["normalClearing", "busy", "cancel", "forwarded"])
def test_a_hangup_after_an_answer_is_ended_whatever_the_cause(endpoint: Endpoint, cause: str) -> None:
    post_form(endpoint, zammad("newCall"))
    post_form(endpoint, zammad("answer", answeringNumber="201"))
    post_form(endpoint, zammad("hangup", cause=cause, answeringNumber="201"))
    assert states(endpoint) == [CallState.RINGING, CallState.ANSWERED, CallState.ENDED]
    assert endpoint.events[1].line == "201"


def test_voicemail_forwarded_is_still_missed(endpoint: Endpoint) -> None:
    post_form(endpoint, zammad("newCall"))
    post_form(endpoint, zammad("answer", user="voicemail"))
    post_form(endpoint, zammad("hangup", cause="forwarded"))
    assert states(endpoint) == [CallState.RINGING, CallState.MISSED]


# --- direction ------------------------------------------------------------------------------------------


def test_zammads_outbound_call_rings_nothing(endpoint: Endpoint) -> None:
    # The spec's "outbound - II": the agent dials out, the customer answers and hangs up (no from/to then).
    out = {"direction": "out", "call_id": "1234567890-2"}
    base = {"from": "4930600000000", "to": "4912347114711"}
    assert post_form(endpoint, {"event": "newCall", **out, **base, "user": ["user 1"]}) == (200, {})
    assert post_form(endpoint, {"event": "answer", **out, **base}) == (200, {})
    assert post_form(endpoint, {"event": "hangup", **out, "cause": "cancel"}) == (200, {})
    assert endpoint.events == []
    counts = endpoint.listener.counts()
    assert counts["newCall outbound ignored"] == counts["hangup outbound ignored"] == 1
