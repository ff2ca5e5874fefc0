"""Japan time, the desk's one calendar: the zone, the date and the moment there, whatever the PC's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

# Stored times are UTC; every date the desk names is Japan's. tzdata ships the zone on Windows, which has
# no system zone database. Japan keeps no summer time, so this is UTC+09:00 ("JST") for every date the
# desk handles.
TOKYO = ZoneInfo("Asia/Tokyo")


def today_in_japan(now: dt.datetime | None = None) -> dt.date:
    """Japan's date at `now` (aware; default: the clock), whatever the machine's time zone.

    Every business date that defaults to "today" (a request or documents received, a fee received,
    mailings stopped, letters mailed, the day a letter is dated) is this day: at 01:16 in Tokyo a desk
    whose clock runs in UTC is still on the day before.
    """
    moment = now if now is not None else dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return moment.astimezone(TOKYO).date()


def now_in_japan() -> dt.datetime:
    """The clock's present moment, in Japan time."""
    return dt.datetime.now(TOKYO)
