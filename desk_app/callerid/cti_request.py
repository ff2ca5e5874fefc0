"""Reads one Zammad-style Generic CTI request body (form fields or JSON) into a checked `CtiRequest`."""

from __future__ import annotations

import enum
import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

from desk_app.domain.enums import NoNumberReason

MAX_FIELD_LENGTH = 256
MAX_CALL_ID_LENGTH = 128
MAX_USERS = 50
# Generous for Zammad's dozen fields; a flood of fields is not a PBX talking.
MAX_FORM_FIELDS = 100
# What PBXs put in `from` when the caller withheld the number.
_WITHHELD_WORDS = frozenset({"anonymous", "restricted", "private", "withheld"})
# The `user` Zammad treats as voicemail having taken the call: not a desk answering, so still to call back.
VOICEMAIL_USER = "voicemail"
# The hangup `cause` Zammad does not count as missed when nobody had answered: another party took the call.
FORWARDED_CAUSE = "forwarded"


class CtiEvent(enum.StrEnum):
    NEW_CALL = "newCall"
    ANSWER = "answer"
    HANGUP = "hangup"


class CtiRequestError(ValueError):
    """A request the endpoint refuses; the message is the short reason sent back, without personal data."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class CtiRequest:
    event: CtiEvent
    call_id: str
    caller: str
    callee: str
    inbound: bool
    users: tuple[str, ...] = ()
    queue: str | None = None
    answering_number: str | None = None
    cause: str | None = None

    @property
    def by_voicemail(self) -> bool:
        """An answer by voicemail alone (Zammad: `user` is exactly `voicemail`)."""
        return len(self.users) == 1 and self.users[0].casefold() == VOICEMAIL_USER

    @property
    def forwarded(self) -> bool:
        return (self.cause or "").casefold() == FORWARDED_CAUSE


def parse_cti_request(content_type: str, body: bytes) -> CtiRequest:
    """Raise `CtiRequestError` (400, or 415 for an unknown body type) for anything malformed."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        fields = _json_fields(body)
    elif media_type in ("", "application/x-www-form-urlencoded"):
        fields = _form_fields(body)
    else:
        raise CtiRequestError("unsupported content type: send form fields or JSON", 415)
    return _checked(fields)


def caller_of(text: str) -> tuple[str | None, NoNumberReason | None]:
    """The number in `from`, or the reason it has none; Zammad writes international numbers without '+'."""
    text = text.strip()
    if not text:
        return None, None
    if text.lower() in _WITHHELD_WORDS:
        return None, NoNumberReason.WITHHELD
    if text.isascii() and text.isdigit() and not text.startswith("0") and len(text) >= 10:
        return f"+{text}", None
    return text, None


def _json_integer(digits: str) -> int:
    # Read before Python's own guard (4300 digits) would raise a bare ValueError: no field holds a number
    # longer than a field may be, and a huge one costs quadratic time to convert.
    if len(digits) > MAX_FIELD_LENGTH:
        raise CtiRequestError("a number in the body is too long")
    return int(digits)


def _json_fields(body: bytes) -> dict[str, list[Any]]:
    try:
        document = json.loads(body, parse_int=_json_integer)
    except CtiRequestError:
        raise
    except RecursionError:
        raise CtiRequestError("body is nested too deeply") from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, and any other refusal of the decoder
        raise CtiRequestError("body is not valid JSON") from None
    if not isinstance(document, dict):
        raise CtiRequestError("body must be a JSON object")
    fields: dict[str, list[Any]] = {}
    for key, value in document.items():
        name = key.removesuffix("[]")
        fields.setdefault(name, []).extend(value if isinstance(value, list) else [value])
    return fields


def _form_fields(body: bytes) -> dict[str, list[Any]]:
    try:
        text = body.decode("utf-8")
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=MAX_FORM_FIELDS
        )
    except UnicodeError:
        raise CtiRequestError("form fields are not valid UTF-8") from None
    except ValueError:
        raise CtiRequestError("too many form fields") from None
    fields: dict[str, list[Any]] = {}
    for key, value in pairs:
        fields.setdefault(key.removesuffix("[]"), []).append(value)
    return fields


def _checked(fields: dict[str, list[Any]]) -> CtiRequest:
    event_text = _text(fields, "event")
    if event_text is None:
        raise CtiRequestError("event is missing")
    try:
        event = CtiEvent(event_text)
    except ValueError:
        raise CtiRequestError("unknown event: expected newCall, answer or hangup") from None
    call_id = _call_id(fields)
    direction = (_text(fields, "direction") or "in").lower()
    if direction not in ("in", "out"):
        raise CtiRequestError("direction must be in or out")
    return CtiRequest(
        event=event,
        call_id=call_id,
        caller=_text(fields, "from") or "",
        callee=_text(fields, "to") or "",
        inbound=direction == "in",
        users=_users(fields.get("user", [])),
        queue=_text(fields, "queue") or None,
        answering_number=_text(fields, "answeringNumber") or None,
        cause=_text(fields, "cause") or None,
    )


def _call_id(fields: dict[str, list[Any]]) -> str:
    """Zammad itself sends `call_id`; its documentation and older PBXs say `callId`. Either will do, and
    both only when they agree: two ids in one request leave no way to tell which call it is about."""
    camel = _text(fields, "callId", limit=MAX_CALL_ID_LENGTH)
    snake = _text(fields, "call_id", limit=MAX_CALL_ID_LENGTH)
    if camel and snake and camel != snake:
        raise CtiRequestError("callId and call_id differ")
    call_id = camel or snake
    if not call_id:
        raise CtiRequestError("callId is missing")
    return call_id


def _users(values: list[Any]) -> tuple[str, ...]:
    """`user` as Zammad's PBXs send it: repeated (`user[]=a&user[]=b`, a JSON list), one name, or one text
    of names separated by commas (`user 1,user 2`); blanks are left out."""
    if len(values) > MAX_USERS:
        raise CtiRequestError("too many users")
    names = [
        name.strip()
        for value in values
        if value not in ("", None)
        for name in _as_text("user", value).split(",")
        if name.strip()
    ]
    if len(names) > MAX_USERS:
        raise CtiRequestError("too many users")
    return tuple(names)


def _text(fields: dict[str, list[Any]], name: str, *, limit: int = MAX_FIELD_LENGTH) -> str | None:
    values = fields.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise CtiRequestError(f"{name} is given more than once")
    if values[0] is None:
        return None
    return _as_text(name, values[0], limit=limit).strip()


def _as_text(name: str, value: Any, *, limit: int = MAX_FIELD_LENGTH) -> str:
    # Some PBXs send callId as a JSON number; any other non-text value is a mistake.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise CtiRequestError(f"{name} must be text")
    if len(value) > limit:
        raise CtiRequestError(f"{name} is too long")
    return value
