"""Leak incidents (漏えい等, APPI Art. 26): which reportable categories apply, and when the reports to the
Personal Information Protection Commission are due, in Japan's calendar.

The categories are the Enforcement Rules' Art. 7. Any one of the first three makes a single person's data
reportable; the fourth counts people. The preliminary report (速報) is due "promptly" — the guidelines say
about three to five days — so the configuration says how many; the final report (確報) within 30 days, or
60 where an improper purpose is involved (Rules Art. 8(2)). The day the company learnt of the leak is day 1
(PPC guidelines 3-5-3-4), and a last day that falls when the Commission is closed moves to its next open
day (Act on Holidays of Administrative Organs, Art. 2): weekends, public holidays and 29 December to
3 January.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

import jpholiday


class LeakCategory(enum.StrEnum):
    """A reportable category (Enforcement Rules Art. 7)."""

    SPECIAL_CARE = "special_care"  # (i) 要配慮個人情報
    FINANCIAL_LOSS = "financial_loss"  # (ii) data whose misuse could cause financial loss
    # (iii) by an improper purpose (unauthorised access, data taken out), including personal information the
    # company was in the middle of acquiring (the 2024 amendment).
    IMPROPER_PURPOSE = "improper_purpose"
    OVER_THOUSAND = "over_thousand"  # (iv) more than 1,000 people


class ReportKind(enum.StrEnum):
    """A report to the Commission."""

    PRELIMINARY = "preliminary"  # 速報
    FINAL = "final"  # 確報


# The guidelines' "about three to five days" for the preliminary report; the configuration picks one.
PRELIMINARY_DAYS_ALLOWED = range(3, 6)
FINAL_DAYS = 30
FINAL_DAYS_IMPROPER_PURPOSE = 60


@dataclass(frozen=True)
class ReportDeadlines:
    preliminary_due: dt.date
    final_due: dt.date

    def due(self, kind: ReportKind) -> dt.date:
        return self.preliminary_due if kind is ReportKind.PRELIMINARY else self.final_due


def commission_closed(day: dt.date) -> bool:
    """A weekend, a public holiday or the year-end and new-year closure (29 December to 3 January)."""
    year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    return day.weekday() >= 5 or year_end or jpholiday.is_holiday(day)


def next_open_day(day: dt.date) -> dt.date:
    """`day` itself, or the first day after it that the Commission is open."""
    while commission_closed(day):
        day += dt.timedelta(days=1)
    return day


def report_deadlines(
    discovered_on: dt.date, categories: Iterable[LeakCategory], preliminary_days: int
) -> ReportDeadlines | None:
    """When each report is due; None when no category applies (the leak is not reportable)."""
    if preliminary_days not in PRELIMINARY_DAYS_ALLOWED:
        raise ValueError(f"preliminary_days must be 3 to 5, not {preliminary_days}")
    applying = frozenset(categories)
    if not applying:
        return None
    final_days = FINAL_DAYS_IMPROPER_PURPOSE if LeakCategory.IMPROPER_PURPOSE in applying else FINAL_DAYS
    # Day 1 is the day of discovery, so the n-th day is n - 1 days after it.
    return ReportDeadlines(
        preliminary_due=next_open_day(discovered_on + dt.timedelta(days=preliminary_days - 1)),
        final_due=next_open_day(discovered_on + dt.timedelta(days=final_days - 1)),
    )
