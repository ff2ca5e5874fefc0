"""Times as the desk shows them: stored in UTC, shown in Japan time (Asia/Tokyo) whatever the PC's zone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from desk_app.domain import deadlines

# tzdata ships the zone on Windows, which has no system zone database.
TOKYO = deadlines.TOKYO


def japan_today_qdate() -> QDate:
    """Japan's date today, the default of every date editor: `QDate.currentDate()` is the machine's day,
    which on a desk whose clock runs in UTC is the day before until 09:00 in Japan."""
    day = deadlines.japan_today()
    return QDate(day.year, day.month, day.day)


def in_tokyo(at: dt.datetime) -> dt.datetime:
    """`at` in Japan time; a naive value is taken as UTC, which is how the database stores times."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(TOKYO)


def date_time_text(at: dt.datetime) -> str:
    """2026-11-26 14:03."""
    return in_tokyo(at).strftime("%Y-%m-%d %H:%M")


def short_date_time_text(at: dt.datetime) -> str:
    """11/26 14:03: enough for a caller log that holds months, not years."""
    return in_tokyo(at).strftime("%m/%d %H:%M")


def date_text(at: dt.datetime | dt.date) -> str:
    """2026-11-26; a datetime is taken to Japan time first (a UTC evening is the next day there)."""
    if isinstance(at, dt.datetime):
        return in_tokyo(at).strftime("%Y-%m-%d")
    return at.strftime("%Y-%m-%d")


def duration_text(seconds: int | None) -> str:
    """4:05, or 1:02:03 past an hour; empty when there is no duration."""
    if seconds is None:
        return ""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
