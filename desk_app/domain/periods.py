"""Retention periods as people say them ("12m", "90d", "1y") and the moments they reach back to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Age:
    """A span of calendar time as people say it: 12 months, 90 days, 1 year."""

    years: int = 0
    months: int = 0
    days: int = 0

    def before(self, moment: dt.datetime) -> dt.datetime:
        """`moment` minus this age, by the calendar: 12 months before 31 March is 31 March a year ago,
        and one month before 31 March is 28 (or 29) February."""
        total_months = moment.year * 12 + moment.month - 1 - self.years * 12 - self.months
        year, month = divmod(total_months, 12)
        month += 1
        day = min(moment.day, _days_in_month(year, month))
        return moment.replace(year=year, month=month, day=day) - dt.timedelta(days=self.days)

    def __str__(self) -> str:
        parts = [(self.years, "y"), (self.months, "m"), (self.days, "d")]
        return "".join(f"{count}{unit}" for count, unit in parts if count) or "0d"


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


_AGE = re.compile(r"\s*(\d{1,4})\s*(d|days?|m|months?|y|years?)\s*", re.IGNORECASE)


def parse_age(text: str) -> Age:
    """'90d', '12m', '1y' (also '12 months') as an `Age`; raises ValueError naming the accepted forms."""
    match = _AGE.fullmatch(text)
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"not an age: {text!r} (use a whole number of days, months or years: 90d, 12m, 1y)")
    count, unit = int(match.group(1)), match.group(2)[0].lower()
    if count > {"d": 36_525, "m": 1_200, "y": 100}[unit]:
        raise ValueError(f"not an age: {text!r} (more than a hundred years)")
    return Age(**{{"d": "days", "m": "months", "y": "years"}[unit]: count})
