"""The doctor's pause check: each case's clock and due date replayed from its events.

Per case, in event order: a clock is paused at most once at a time, and resumed only while paused; each end
of a pause moves the due date from the one the case had by the days the pause spanned (`days_paused`: the
midnights in Japan between the two events); a closed case is not left paused; and the case's due date is the
one it opened with, moved by its extension and every pause. A case opened before its opening event kept its
due date is replayed from the first event that moves it. Whether the row's own record of an open pause is the
one its events left is the replay check's (`desk_app.audit.case_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.deadlines import days_paused
from desk_app.domain.enums import CaseState
from desk_app.domain.lifecycle import FINAL_STATES
from desk_app.domain.messages import Message, message
from desk_app.storage.models import Case, CaseEvent

# The events that set, move or pause a due date.
_CLOCK_EVENTS = ("opened", "deadline_extended", "paused", "resumed")


@dataclass(frozen=True)
class _Event:
    event_id: int
    kind: str
    at: dt.datetime
    detail: dict[str, Any]


def pause_findings(session: Session) -> Iterator[tuple[str, Message]]:
    """(case number, what is wrong) for every case whose clock its events contradict, in case order."""
    case_columns = (Case.id, Case.case_no, Case.state, Case.due_on)
    rows = session.execute(
        select(*case_columns, CaseEvent.id, CaseEvent.kind, CaseEvent.at, CaseEvent.detail)
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(CaseEvent.kind.in_(_CLOCK_EVENTS))
        .order_by(Case.id, CaseEvent.id)
    )
    for _case_id, group in groupby(rows, key=lambda row: row[0]):
        events = list(group)
        _, case_no, state, due_on = events[0][:4]
        replayed = [
            _Event(event_id, kind, at, detail if isinstance(detail, dict) else {})
            for *_case, event_id, kind, at, detail in events
        ]
        for said in _clock_problems(CaseState(state), due_on, replayed):
            yield case_no, said


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _clock_problems(state: CaseState, due_on: dt.date, events: Sequence[_Event]) -> Iterator[Message]:
    due: dt.date | None = None  # unknown until an event says it
    paused_at: dt.datetime | None = None
    for event in events:
        if event.kind == "opened":
            due = _day(event.detail.get("due_on"))
        elif event.kind == "paused":
            if paused_at is not None:
                yield message("doctor.paused_twice", event=event.event_id)
            else:
                paused_at = event.at
            continue
        elif event.kind == "resumed":
            if paused_at is None:
                # Nothing it says of the due date can be trusted; the due date's own check follows.
                yield message("doctor.resumed_unpaused", event=event.event_id)
                continue
            yield from _resume_problems(event, paused_at)
            paused_at = None
        before, after = _day(event.detail.get("before")), _day(event.detail.get("after"))
        if event.kind != "opened":
            if due is not None and before != due:
                yield message("doctor.due_moved_from", event=event.event_id, before=before, due_on=due)
            due = after
    if paused_at is not None and state in FINAL_STATES:
        yield message("doctor.closed_paused", state=state)
    if due is not None and due != due_on:
        yield message("doctor.due_on", due_on=due_on, replayed=due)


def _resume_problems(event: _Event, paused_at: dt.datetime) -> Iterator[Message]:
    before, after = _day(event.detail.get("before")), _day(event.detail.get("after"))
    spanned = days_paused(paused_at, event.at)
    moved = (after - before).days if before and after else None
    if moved != spanned or event.detail.get("days") != spanned:
        yield message("doctor.resume_days", event=event.event_id, days=moved, spanned=spanned)
