"""When a case is due: received + the configured target (policy: "about 2 weeks"), in Japan's calendar.

While the desk waits for the customer (the fee, documents, a proxy's papers, a confirmation) the case's clock
is paused: days left say `PAUSED` rather than a count, the case is never overdue, and when the clock runs
again the due date moves on by the days paused (`days_paused`)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import jpholiday

from desk_app.domain.enums import ClockPaused
from desk_app.domain.japan_time import TOKYO as TOKYO
from desk_app.domain.japan_time import today_in_japan
from desk_app.domain.messages import Message, MessageError, message

# The case services, the command line and the window's date editors ask this module for Japan's zone and
# today by these names (a test of the editors replaces `japan_today` here); both are `japan_time`'s.
japan_today = today_in_japan


# What days left and business days left say while the clock is paused (一時停止中 / paused).
PAUSED = ClockPaused.PAUSED
DaysLeft = int | ClockPaused


class ExtensionRefused(MessageError, ValueError):
    pass


@dataclass(frozen=True)
class Deadline:
    received_on: dt.date
    due_on: dt.date
    extended: bool = False
    extension_reason: str | None = None
    # The day in Japan the clock was paused, while it is; None while it runs.
    paused_since: dt.date | None = None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    def days_left(self, today: dt.date) -> DaysLeft:
        """Calendar days until the due date; negative once overdue; `PAUSED` while the clock is paused."""
        if self.paused:
            return PAUSED
        return (self.due_on - today).days

    def business_days_left(self, today: dt.date) -> DaysLeft:
        """Working days after `today` up to and including the due date (weekends and public holidays
        excluded); negative, counted the same way, once overdue; `PAUSED` while the clock is paused."""
        if self.paused:
            return PAUSED
        if today <= self.due_on:
            return business_days_between(today, self.due_on)
        return -business_days_between(self.due_on, today)

    def overdue(self, today: dt.date) -> bool:
        """Past the due date with the clock running: a paused case waits for the customer, not the desk."""
        return not self.paused and today > self.due_on

    def due_if_resumed(self, today: dt.date) -> dt.date:
        """The due date the case would have if its clock ran again `today` (the due date while it runs)."""
        if self.paused_since is None:
            return self.due_on
        return self.due_on + dt.timedelta(days=max(0, (today - self.paused_since).days))

    def extend(self, extra_days: int, reason: str) -> Deadline:
        """The one extension a case may have, with its reason."""
        if self.extended:
            raise ExtensionRefused(message("deadline.extended_once"))
        if not reason.strip():
            raise ExtensionRefused(message("deadline.extension_needs_reason"))
        if not 1 <= extra_days <= 90:
            raise ExtensionRefused(message("deadline.extension_days"))
        return Deadline(
            received_on=self.received_on,
            due_on=self.due_on + dt.timedelta(days=extra_days),
            extended=True,
            extension_reason=reason.strip(),
            paused_since=self.paused_since,
        )


def days_paused(since: dt.datetime, until: dt.datetime) -> int:
    """The days a pause from `since` to `until` (aware) moves the due date: the midnights in Japan it spans.

    Due dates are whole days in Japan's calendar and a day cannot be split, so a partial day counts by the
    midnight rule: a pause begun and ended on the same day moves nothing (the desk worked the case that day),
    one from Monday afternoon to Tuesday morning moves it one day, and a pause from Monday to Thursday three.
    Calendar days, not business days, as the response target itself is counted.
    """
    if since.tzinfo is None or until.tzinfo is None:
        raise ValueError("a pause's times must be aware datetimes")
    return max(0, (until.astimezone(TOKYO).date() - since.astimezone(TOKYO).date()).days)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


@functools.cache
def _holidays(year: int) -> frozenset[dt.date]:
    """Japan's public holidays of `year`, read once: the case log asks for thousands of due dates."""
    return frozenset(day for day, _name in jpholiday.year_holidays(year))


def _weekdays_through(day: dt.date) -> int:
    """Weekdays from a fixed Monday up to and including `day` (an arithmetic count, no loop)."""
    days = (day - _EPOCH_MONDAY).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest, 5)


_EPOCH_MONDAY = dt.date(1970, 1, 5)


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days in (start, end]: the days an agent still has after `start` to finish by `end`."""
    if end <= start:
        return 0
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    holidays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _holidays(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - holidays


def deadline_for(received_at: dt.datetime, target_days: int) -> Deadline:
    """The deadline of a request received at `received_at` (aware), counted in Japan's dates."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be an aware datetime")
    received_on = received_at.astimezone(TOKYO).date()
    return Deadline(received_on=received_on, due_on=received_on + dt.timedelta(days=target_days))


def japan_midnight(day: dt.date) -> dt.datetime:
    """The first moment of `day` in Japan, in UTC: when a request that arrived that day was received."""
    return dt.datetime.combine(day, dt.time(), TOKYO).astimezone(dt.UTC)


# A written request is received on the day it arrived by post, whenever the desk opens its case: the
# deadline and the case's year count from that day. A date after today cannot have happened; one further
# back than this is a mistyped date (a year wrong), not post that lay unopened, and is a supervisor's
# question rather than a date to type in.
MAX_ARRIVAL_AGE_DAYS = 92


def arrival_problem(arrived_on: dt.date, today: dt.date) -> Message | None:
    """Why `arrived_on` cannot be a written request's day of arrival, or None when it can."""
    if arrived_on > today:
        return message("case.arrival_after_today", arrived_on=arrived_on.isoformat(), today=today.isoformat())
    earliest = today - dt.timedelta(days=MAX_ARRIVAL_AGE_DAYS)
    if arrived_on < earliest:
        return message(
            "case.arrival_too_early", arrived_on=arrived_on.isoformat(), earliest=earliest.isoformat()
        )
    return None


# APPI Art. 39: a claim in court about a request for disclosure, correction or suspension may be filed
# only once two weeks have passed from the day the request reached the company (unless the company
# refused it). As the Civil Code counts periods (Art. 140, 143), the day of arrival is not counted: the
# two weeks end with the fourteenth day after it, and a claim may be filed from the fifteenth. Calendar
# days: a holiday moves neither.
COURT_CLAIM_WAIT_DAYS = 14


def two_weeks_end(received_on: dt.date) -> dt.date:
    """The last day of the two weeks Art. 39 has a claimant wait after the request reached the company."""
    return received_on + dt.timedelta(days=COURT_CLAIM_WAIT_DAYS)


def court_claim_from(received_on: dt.date) -> dt.date:
    """The earliest day a claim in court about the request may be filed (Art. 39)."""
    return two_weeks_end(received_on) + dt.timedelta(days=1)
