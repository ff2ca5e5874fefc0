"""The one value type every caller-ID source produces: a `CallEvent`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desk_app.domain.enums import CallSource, CallState, NoNumberReason
from desk_app.domain.phones import InvalidPhoneNumber, normalise


@dataclass(frozen=True)
class CallEvent:
    """One thing that happened to one call, from one source.

    `number_e164` and `number_display` are set when the number is valid; a number the desk cannot
    read keeps only `raw_number`; a call without a number carries `reason` instead.
    """

    call_id: str
    at: dt.datetime
    state: CallState
    source: CallSource
    raw_number: str | None = None
    number_e164: str | None = None
    number_display: str | None = None
    reason: NoNumberReason | None = None
    line: str | None = None
    caller_name: str | None = None
    # Whom a PBX says the call rings at or who answered it (CTI `user`), for routing by name later; not
    # in `to_json`, whose keys the monitor's readers rely on.
    users: tuple[str, ...] = ()
    # On many desks (`desk_app.gateway`): the login of the desk that answered, so that the others close
    # the call's banner. Not in `to_json` either; `callerid follow` adds it.
    answered_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The object `desk-app callerid monitor --json` prints, one per line."""
        return {
            "event": self.state.value,
            "call_id": self.call_id,
            "number_e164": self.number_e164,
            "number_display": self.number_display,
            "reason": self.reason.value if self.reason else None,
            "source": self.source.value,
            "at": self.at.isoformat(),
            "line": self.line,
        }


def call_event(
    *,
    call_id: str,
    state: CallState,
    source: CallSource,
    number: str | None = None,
    reason: NoNumberReason | None = None,
    at: dt.datetime | None = None,
    line: str | None = None,
    caller_name: str | None = None,
    users: tuple[str, ...] = (),
) -> CallEvent:
    """Build an event, normalising `number` when there is one and it is valid."""
    e164 = display = None
    raw = number.strip() if number else None
    if raw and reason is None:
        try:
            parsed = normalise(raw)
        except InvalidPhoneNumber:
            pass
        else:
            e164, display = parsed.e164, parsed.national
    return CallEvent(
        call_id=call_id,
        at=at or dt.datetime.now(dt.UTC),
        state=state,
        source=source,
        raw_number=raw or None,
        number_e164=e164,
        number_display=display,
        reason=reason,
        line=line,
        caller_name=caller_name,
        users=users,
    )
