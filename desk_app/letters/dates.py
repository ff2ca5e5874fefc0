"""Dates as Japanese letters write them: 2026年11月26日, or in the era, 令和8年11月26日."""

from __future__ import annotations

import datetime as dt

# First day of each era, newest first. Dates before Meiji 6 (the solar calendar) are written in the
# Gregorian calendar: nobody alive has them, and their lunar dates would need a conversion table.
_ERAS = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1873, 1, 1), "明治"),
)
_MEIJI_FIRST_YEAR = 1868


def gregorian_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def era_date(day: dt.date) -> str:
    """The date in the Japanese era; the first year of an era is 元年, as letters write it."""
    for start, name in _ERAS:
        if day >= start:
            first_year = _MEIJI_FIRST_YEAR if name == "明治" else start.year
            year = day.year - first_year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return gregorian_date(day)


def japanese_date(day: dt.date, *, era: bool) -> str:
    return era_date(day) if era else gregorian_date(day)
