"""Times are shown in Japan whatever the PC's zone; durations read as minutes and seconds."""

from __future__ import annotations

import datetime as dt

from ui.common.japan_time import date_text, date_time_text, duration_text, short_date_time_text


def test_utc_is_shown_as_japan_time_across_midnight() -> None:
    at = dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC)
    assert date_time_text(at) == "2027-01-01 00:30"
    assert short_date_time_text(at) == "01/01 00:30"
    assert date_text(at) == "2027-01-01"


def test_a_naive_time_is_taken_as_utc_and_a_date_stays_a_date() -> None:
    assert date_time_text(dt.datetime(2026, 11, 26, 3, 0)) == "2026-11-26 12:00"  # noqa: DTZ001
    assert date_text(dt.date(1972, 3, 14)) == "1972-03-14"


def test_durations() -> None:
    assert duration_text(None) == ""
    assert duration_text(0) == "0:00"
    assert duration_text(95) == "1:35"
    assert duration_text(3723) == "1:02:03"
