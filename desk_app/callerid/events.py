"""The one value type every caller-ID source produces: a `CallEvent`."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from desk_app.domain.phones import InvalidPhoneNumber, normalise


class CallState(enum.StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"


class NoNumberReason(enum.StrEnum):
    """Why a call came without a number: Number Display's reason codes P, O, C, S and E."""

    WITHHELD = "withheld"
    OUT_OF_AREA = "out_of_area"
    PUBLIC_PHONE = "public_phone"
    SERVICE_CONFLICT = "service_conflict"
    ERROR = "error"

    @classmethod
    def from_code(cls, code: str) -> NoNumberReason | None:
        """The reason for a one-letter Number Display code (any case), or None for anything else."""
        return _BY_CODE.get(code.strip().upper())

    @property
    def japanese(self) -> str:
        """What the agent reads on the banner."""
        return _JAPANESE[self]


_BY_CODE = {
    "P": NoNumberReason.WITHHELD,
    "O": NoNumberReason.OUT_OF_AREA,
    "C": NoNumberReason.PUBLIC_PHONE,
    "S": NoNumberReason.SERVICE_CONFLICT,
    "E": NoNumberReason.ERROR,
}
_JAPANESE = {
    NoNumberReason.WITHHELD: "非通知",
    NoNumberReason.OUT_OF_AREA: "表示圏外",
    NoNumberReason.PUBLIC_PHONE: "公衆電話",
    NoNumberReason.SERVICE_CONFLICT: "サービス競合",
    NoNumberReason.ERROR: "受信エラー",
}


class CallSource(enum.StrEnum):
    SERIAL = "serial"
    CTI = "cti"
    SIMULATOR = "simulator"


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
    )
