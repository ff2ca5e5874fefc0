"""Leak incidents' report deadlines in Japan's calendar: day 1 is the day of discovery, 30 or 60 days, and a
last day the Commission is closed moves to its next open day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.incidents import (
    LeakCategory,
    ReportKind,
    commission_closed,
    next_open_day,
    report_deadlines,
)

D = dt.date


def test_not_reportable_without_a_category() -> None:
    assert report_deadlines(D(2026, 6, 1), [], 5) is None


def test_day_of_discovery_is_day_one_for_both_reports() -> None:
    # Monday 1 June 2026: day 5 is Friday 5 June, day 30 is Tuesday 30 June.
    deadlines = report_deadlines(D(2026, 6, 1), [LeakCategory.OVER_THOUSAND], 5)
    assert deadlines is not None
    assert (deadlines.preliminary_due, deadlines.final_due) == (D(2026, 6, 5), D(2026, 6, 30))
    assert deadlines.due(ReportKind.PRELIMINARY) == D(2026, 6, 5)
    assert deadlines.due(ReportKind.FINAL) == D(2026, 6, 30)


def test_an_improper_purpose_gives_sixty_days_whatever_else_applies() -> None:
    deadlines = report_deadlines(D(2026, 6, 1), [LeakCategory.SPECIAL_CARE, LeakCategory.IMPROPER_PURPOSE], 3)
    assert deadlines is not None
    # Day 3 is Wednesday 3 June; day 60 is Thursday 30 July.
    assert (deadlines.preliminary_due, deadlines.final_due) == (D(2026, 6, 3), D(2026, 7, 30))


def test_a_category_change_moves_the_final_deadline() -> None:
    before = report_deadlines(D(2026, 6, 1), [LeakCategory.FINANCIAL_LOSS], 5)
    after = report_deadlines(D(2026, 6, 1), [LeakCategory.FINANCIAL_LOSS, LeakCategory.IMPROPER_PURPOSE], 5)
    assert before is not None
    assert after is not None
    assert before.preliminary_due == after.preliminary_due
    assert (before.final_due, after.final_due) == (D(2026, 6, 30), D(2026, 7, 30))


def test_a_last_day_on_a_weekend_moves_to_monday() -> None:
    # Discovered Wednesday 3 June 2026 with a four-day preliminary report: day 4 is Saturday 6 June.
    deadlines = report_deadlines(D(2026, 6, 3), [LeakCategory.SPECIAL_CARE], 4)
    assert deadlines is not None
    assert deadlines.preliminary_due == D(2026, 6, 8)  # day 4 = Saturday 6 June → Monday 8 June


def test_a_last_day_in_golden_week_moves_past_the_holidays() -> None:
    # Discovered on Saturday 4 April 2026, day 30 is Sunday 3 May (憲法記念日): closed through
    # Wednesday 6 May (振替休日), so the final report is due Thursday 7 May.
    deadlines = report_deadlines(D(2026, 4, 4), [LeakCategory.OVER_THOUSAND], 5)
    assert deadlines is not None
    assert deadlines.final_due == D(2026, 5, 7)


def test_the_year_end_closure_moves_a_deadline_into_january() -> None:
    # Discovered Sunday 29 November 2026: day 30 is Monday 28 December (open);
    # discovered Monday 30 November: day 30 is Tuesday 29 December → closed to 3 January (Sunday) →
    # Monday 4 January 2027.
    first = report_deadlines(D(2026, 11, 29), [LeakCategory.OVER_THOUSAND], 5)
    second = report_deadlines(D(2026, 11, 30), [LeakCategory.OVER_THOUSAND], 5)
    assert first is not None
    assert second is not None
    assert first.final_due == D(2026, 12, 28)
    assert second.final_due == D(2027, 1, 4)


def test_preliminary_days_are_three_to_five() -> None:
    for days in (2, 6):
        with pytest.raises(ValueError, match="3 to 5"):
            report_deadlines(D(2026, 6, 1), [LeakCategory.SPECIAL_CARE], days)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)))
def test_the_next_open_day_is_open_and_no_open_day_is_skipped(day: dt.date) -> None:
    found = next_open_day(day)
    assert found >= day
    assert not commission_closed(found)
    between = [day + dt.timedelta(days=n) for n in range((found - day).days)]
    assert all(commission_closed(closed) for closed in between)
    assert (found - day).days <= 9  # the longest closure: golden week or the year end with a weekend
