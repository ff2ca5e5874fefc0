"""Which customers a saved search names: criteria over what the customer table and its orders hold, kept as a
small JSON document so a supervisor can run the same search again as an investigation narrows (the orders a
leaked file held, the customers on a mailing list sent to the wrong printer).

Every criterion given must hold; within a list (channels, prefectures) any one will do. The order criteria
ask for one order that meets all of them: placed in the date range and through one of the channels. Dates
are Japan's and both ends are included. A selection with no criterion at all would name every customer by
accident and is refused; to name everyone, give the registration range up to today.

The JSON is read as something a hostile hand may have written: unknown keys, wrong types, a date that is no
date, a channel that is no channel, or a document over `MAX_JSON` characters are refused by
`SelectionError`, never half-read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desk_app.domain.enums import OrderChannel
from desk_app.domain.messages import Message, MessageError, message
from desk_app.domain.prefectures import PREFECTURE_ORDER
from desk_app.domain.safe_text import text_problem

VERSION = 1
MAX_JSON = 10_000
# A saved search's name, as the register lists it.
MAX_NAME = 100
# The days a criterion may name: any the desk's records hold, and none whose day after (or UTC moment)
# falls off the calendar.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


class SelectionError(MessageError):
    """A selection's JSON that cannot be read as one."""


@dataclass(frozen=True)
class CustomerSelection:
    ordered_from: dt.date | None = None
    ordered_to: dt.date | None = None
    order_channels: tuple[OrderChannel, ...] = ()
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    prefectures: tuple[str, ...] = ()
    # The first digits of the postal code (1 to 7), e.g. "100" for 〒100-xxxx.
    postal_prefix: str = ""
    shopping_credit: bool | None = None
    direct_mail_opt_in: bool | None = None
    catalogue_opt_in: bool | None = None
    has_email: bool | None = None

    @property
    def about_orders(self) -> bool:
        """Whether the customers must have an order that meets the order criteria."""
        return self.ordered_from is not None or self.ordered_to is not None or bool(self.order_channels)

    def is_empty(self) -> bool:
        return self == CustomerSelection()

    def normalised(self) -> CustomerSelection:
        """The same selection with its lists in a fixed order and without repeats."""
        channels = tuple(channel for channel in OrderChannel if channel in self.order_channels)
        known = [prefecture for prefecture in PREFECTURE_ORDER if prefecture in self.prefectures]
        unknown = sorted(set(self.prefectures) - set(PREFECTURE_ORDER))
        return dataclasses.replace(
            self,
            order_channels=channels,
            prefectures=(*known, *unknown),
            postal_prefix=self.postal_prefix.strip(),
        )


_DATES = ("ordered_from", "ordered_to", "registered_from", "registered_to")
_FLAGS = ("shopping_credit", "direct_mail_opt_in", "catalogue_opt_in", "has_email")
_RANGES = (("ordered_from", "ordered_to", "orders"), ("registered_from", "registered_to", "registration"))


def selection_problem(selection: CustomerSelection) -> Message | None:
    """Why `selection` cannot be run or saved, or None."""
    if selection.is_empty():
        return message("selection.empty")
    for start, end, what in _RANGES:
        first, last = getattr(selection, start), getattr(selection, end)
        if first is not None and last is not None and first > last:
            return message(f"selection.{what}_reversed", start=first, end=last)
    for name in _DATES:
        day = getattr(selection, name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            return message("selection.day_out_of_range", day=day, first=FIRST_DAY, last=LAST_DAY)
    unknown = [prefecture for prefecture in selection.prefectures if prefecture not in PREFECTURE_ORDER]
    if unknown:
        return message("selection.unknown_prefecture", prefecture=unknown[0])
    prefix = selection.postal_prefix
    if prefix and not (len(prefix) <= 7 and prefix.isascii() and prefix.isdigit()):
        return message("selection.postal_prefix", prefix=prefix)
    return None


def name_problem(name: str) -> Message | None:
    """Why `name` will not do for a saved search, or None. A full-width space (what a Japanese input
    method types) is a space like any other; control and bidi characters are refused, saying which."""
    text = name.strip()
    if not text or len(text) > MAX_NAME:
        return message("selection.name", limit=MAX_NAME)
    return text_problem(text)


def to_json(selection: CustomerSelection) -> str:
    """The criteria given, and the format's version; the same selection always gives the same text."""
    document: dict[str, Any] = {"version": VERSION}
    for field in dataclasses.fields(selection):
        value = getattr(selection.normalised(), field.name)
        if value is None or value in ("", ()):
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif field.name == "order_channels":
            value = [channel.value for channel in value]
        elif isinstance(value, tuple):
            value = list(value)
        document[field.name] = value
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> CustomerSelection:
    """The selection `text` holds; `SelectionError` for anything else."""
    if len(text) > MAX_JSON:
        raise SelectionError(message("selection.bad_json", reason=f"over {MAX_JSON} characters"))
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise SelectionError(message("selection.bad_json", reason=str(exc))) from None
    except RecursionError:
        # Thousands of nested brackets in a few kilobytes: no selection is shaped like that.
        raise SelectionError(message("selection.bad_json", reason="nested too deeply")) from None
    if not isinstance(document, dict):
        raise SelectionError(message("selection.bad_json", reason="not an object"))
    version = document.get("version")
    # True == 1 in Python, but a flag is no version.
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        raise SelectionError(message("selection.bad_json", reason=f"version {document.get('version')!r}"))
    known = {field.name for field in dataclasses.fields(CustomerSelection)}
    values: dict[str, Any] = {}
    for key, value in document.items():
        if key == "version":
            continue
        if key not in known:
            raise SelectionError(message("selection.bad_json", reason=f"unknown key {key!r}"))
        values[key] = _read(key, value)
    return CustomerSelection(**values).normalised()


def _read(key: str, value: Any) -> Any:
    def wrong() -> SelectionError:
        return SelectionError(message("selection.bad_json", reason=f"{key}: {value!r:.60}"))

    if key in _DATES:
        if not isinstance(value, str):
            raise wrong()
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise wrong() from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise wrong()
        return day
    if key in _FLAGS:
        if not isinstance(value, bool):
            raise wrong()
        return value
    if key == "postal_prefix":
        if not isinstance(value, str):
            raise wrong()
        return value
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise wrong()
    if key == "order_channels":
        try:
            return tuple(OrderChannel(item) for item in value)
        except ValueError:
            raise wrong() from None
    return tuple(value)


def describe_all(selection: CustomerSelection) -> Message:
    """The selection's criteria said as one line."""
    return message("selection.says_all", criteria=describe(selection))


def describe(selection: CustomerSelection) -> tuple[Message, ...]:
    """The selection in words, one message per criterion given (for lists, logs and confirmations)."""
    said: list[Message] = []
    if selection.about_orders:
        said.append(
            message(
                "selection.says_orders",
                start=selection.ordered_from,
                end=selection.ordered_to,
                channels=selection.order_channels or (message("selection.any_channel"),),
            )
        )
    if selection.registered_from is not None or selection.registered_to is not None:
        said.append(
            message("selection.says_registered", start=selection.registered_from, end=selection.registered_to)
        )
    if selection.prefectures:
        said.append(message("selection.says_prefectures", prefectures=selection.prefectures))
    if selection.postal_prefix:
        said.append(message("selection.says_postal", prefix=selection.postal_prefix))
    for flag in _FLAGS:
        value = getattr(selection, flag)
        if value is not None:
            said.append(message(f"selection.says_{flag}_{'yes' if value else 'no'}"))
    return tuple(said)
