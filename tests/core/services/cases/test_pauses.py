"""A case's paused clock: pausing and resuming it, the due date moved by the days paused (midnights in
Japan), closing and the fee ending a pause, what is refused, the timeline, and the doctor's replay of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.audit.verify import verify
from desk_app.domain.deadlines import PAUSED, Deadline, days_paused
from desk_app.domain.enums import CaseKind, CaseState, FeeStatus, PauseReason, Proposal, RefusalGround
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.domain.messages import ENGLISH, JAPANESE, render
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.domain.timeline import event_message
from desk_app.services.admin.doctor import examine
from desk_app.services.cases import operations
from desk_app.services.cases.pauses import pause_case, pause_reason
from desk_app.services.cases.records import (
    CaseConflict,
    NotYourCase,
    ReasonRequired,
    add_event,
    case_events,
    get_case,
    load_case,
)
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Case, CaseEvent
from tests.support.letter_cases import COMPANY, NOW, LetterCases

K, S = CaseKind, CaseState
UTC = dt.UTC
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
# The cases are received on 10 November (Japan) with 14 days: due on 24 November.
DUE = dt.date(2026, 11, 24)
UNCONFIRMED = RefusalAnswer(
    ground=RefusalGround.IDENTITY_UNCONFIRMED, text="ご本人様と確認できませんでした。"
)


@pytest.fixture
def desk(sessions: Any) -> LetterCases:
    return LetterCases(sessions)


def _events(desk: LetterCases, case_id: int) -> list[tuple[str, dict[str, Any]]]:
    with desk.sessions() as session:
        return [(event.kind, event.detail) for event in case_events(session, case_id)]


def _clean(desk: LetterCases, at: dt.datetime) -> None:
    with desk.sessions() as session:
        problems = examine(session, now=at + dt.timedelta(minutes=1)).problems
        assert problems == (), [str(problem) for problem in problems]
        assert verify(session).intact


# --- the domain --------------------------------------------------------------------------------------------


def test_days_paused_are_the_midnights_in_japan_the_pause_spans() -> None:
    monday_morning = dt.datetime(2026, 11, 16, 0, 0, tzinfo=UTC)  # 09:00 on Monday in Japan
    assert days_paused(monday_morning, monday_morning + 8 * HOUR) == 0  # the same day: nothing moves
    before_midnight = dt.datetime(2026, 11, 16, 14, 59, tzinfo=UTC)  # 23:59 on Monday in Japan
    assert days_paused(before_midnight, before_midnight + dt.timedelta(minutes=1)) == 1
    # Monday to Thursday morning: three midnights, whatever the hours.
    assert days_paused(monday_morning, dt.datetime(2026, 11, 18, 23, 0, tzinfo=UTC)) == 3
    assert days_paused(monday_morning, monday_morning - DAY) == 0  # a desk's clock behind: never back
    with pytest.raises(ValueError, match="aware"):
        days_paused(monday_morning.replace(tzinfo=None), monday_morning)


def test_a_paused_deadline_says_paused_and_is_never_overdue() -> None:
    running = Deadline(received_on=dt.date(2026, 11, 10), due_on=DUE)
    paused = Deadline(received_on=dt.date(2026, 11, 10), due_on=DUE, paused_since=dt.date(2026, 11, 20))
    late = dt.date(2026, 11, 30)
    assert (running.days_left(late), running.overdue(late)) == (-6, True)
    assert (paused.days_left(late), paused.business_days_left(late), paused.overdue(late)) == (
        PAUSED,
        PAUSED,
        False,
    )
    # Ten days since the pause began: resumed today, it would be due ten days later.
    assert paused.due_if_resumed(late) == dt.date(2026, 12, 4)
    assert running.due_if_resumed(late) == DUE
    assert paused.extend(7, "繁忙のため").paused_since == dt.date(2026, 11, 20)


# --- pausing and resuming ---------------------------------------------------------------------------------


def test_resuming_moves_the_due_date_by_the_days_paused_and_says_so_in_both_languages(
    desk: LetterCases,
) -> None:
    case_id = desk.verified(K.SUSPENSION, desk.customer())
    paused = desk.pause(case_id, note=" 住所の確認書類を依頼 ")
    assert paused.pause is not None
    assert (paused.pause.reason, paused.pause.note, paused.pause.by) == (
        PauseReason.DOCUMENTS,
        "住所の確認書類を依頼",
        desk.agent,
    )
    assert paused.due_on == DUE
    assert paused.deadline.days_left(dt.date(2026, 12, 1)) is PAUSED
    # Three days later at 13:00 in Japan: three midnights, so three days on.
    resumed = desk.resume(case_id, at=NOW + 3 * DAY + 2 * HOUR)
    assert (resumed.pause, resumed.due_on) == (None, dt.date(2026, 11, 27))
    (pause_kind, pause_detail), (resume_kind, resume_detail) = _events(desk, case_id)[-2:]
    assert (pause_kind, resume_kind) == ("paused", "resumed")
    assert pause_detail == {"reason": "documents", "note": "住所の確認書類を依頼", "automatic": False}
    assert resume_detail["days"] == 3
    assert (resume_detail["before"], resume_detail["after"]) == ("2026-11-24", "2026-11-27")
    assert resume_detail["ended_by"] is None
    said = event_message(pause_kind, pause_detail)
    assert render(said, ENGLISH) == "Clock paused, waiting for documents — 住所の確認書類を依頼"
    assert render(said, JAPANESE) == "期限を一時停止（書類待ち） — 住所の確認書類を依頼"
    said = event_message(resume_kind, resume_detail)
    assert render(said, ENGLISH) == (
        "Clock running again after 3 days paused (documents): due 2026-11-27 — 書類が到着"
    )
    assert (
        render(said, JAPANESE) == "期限の一時停止を解除（書類待ち、停止 3 日）: 期限 2026-11-27 — 書類が到着"
    )
    _clean(desk, NOW + 3 * DAY + 2 * HOUR)


def _count_events(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CaseEvent)) or 0


def test_what_cannot_be_paused_or_resumed_is_refused_and_writes_nothing(desk: LetterCases) -> None:
    customer = desk.customer()
    running = desk.verified(K.SUSPENSION, customer)
    paused = desk.verified(K.CORRECTION, customer)
    desk.pause(paused)
    with desk.sessions() as session:
        before = _count_events(session)
    with pytest.raises(IllegalTransition, match="already paused, waiting for documents"):
        desk.pause(paused, reason=PauseReason.CONFIRMATION)
    with pytest.raises(IllegalTransition, match="is not paused"):
        desk.resume(running, at=NOW)
    # `printroom` is an agent the case is not assigned to: the case is not in their queue.
    with pytest.raises(NotYourCase, match="pause or resume the clock of"):
        desk.pause(running, by="printroom")
    with pytest.raises(NotYourCase):
        desk.resume(paused, at=NOW, by="printroom")
    with desk.sessions.begin() as session, pytest.raises(CaseConflict):
        pause_case(session, running, agent_id=desk.agent, reason=PauseReason.FEE, expected_row_version=0)
    with pytest.raises(ReasonRequired, match="fee, documents, proxy_papers, confirmation"):
        pause_reason("holiday")
    with desk.sessions() as session:
        assert _count_events(session) == before


def test_a_case_awaiting_a_decision_or_closed_is_not_paused(desk: LetterCases) -> None:
    customer = desk.customer()
    awaiting = desk.opened(K.DISCLOSURE, customer)
    for target, answer in ((S.IDENTITY_PENDING, None), (S.AWAITING_APPROVAL, UNCONFIRMED)):
        with desk.sessions.begin() as session:
            transition(
                session,
                awaiting,
                target,
                agent_id=desk.agent,
                expected_row_version=get_case(session, awaiting).row_version,
                proposal=Proposal.REFUSAL if answer else None,
                answer=answer,
                now=NOW,
            )
    with pytest.raises(IllegalTransition, match="awaits a supervisor's decision"):
        desk.pause(awaiting)
    closed = desk.suspension(customer)
    with pytest.raises(IllegalTransition, match="already completed"):
        desk.pause(closed)
    # A supervisor works every case: they may pause one assigned to someone else.
    other = desk.verified(K.SUSPENSION, customer)
    assert desk.pause(other, by="supervisor").pause is not None


def test_closing_a_paused_case_ends_its_pause_on_the_record(desk: LetterCases) -> None:
    case_id = desk.verified(K.SUSPENSION, desk.customer())
    desk.pause(case_id, reason=PauseReason.CONFIRMATION)
    at = NOW + 2 * DAY
    closed = desk.withdraw(case_id, at=at)
    assert (closed.state, closed.pause, closed.due_on) == (S.WITHDRAWN, None, dt.date(2026, 11, 26))
    (moved, _), (ended, detail) = _events(desk, case_id)[-2:]
    assert (moved, ended, detail["ended_by"], detail["days"]) == ("state_changed", "resumed", "closed", 2)
    assert render(event_message(ended, detail), ENGLISH).endswith("due 2026-11-26 — the case closed")
    _clean(desk, at)


def test_a_fee_pending_pauses_by_itself_and_the_fee_lets_the_clock_run(desk: LetterCases) -> None:
    case_id = desk.fee_requested(desk.customer())
    with desk.sessions() as session:
        view = get_case(session, case_id)
    assert view.state is S.FEE_PENDING
    assert view.pause is not None
    assert (view.pause.reason, view.pause.since) == (PauseReason.FEE, NOW)
    paused = [detail for kind, detail in _events(desk, case_id) if kind == "paused"]
    assert paused == [{"reason": "fee", "note": None, "automatic": True}]
    assert (
        render(event_message("paused", paused[0]), JAPANESE)
        == "期限を一時停止（手数料待ち）（手数料の請求による）"
    )
    at = NOW + 5 * DAY
    view = desk.fee_received(case_id, on=dt.date(2026, 11, 24), at=at)
    assert (view.state, view.pause, view.due_on) == (S.FEE_RECEIVED, None, dt.date(2026, 11, 29))
    # The fee moved the case on, the clock ran again, then the fee-payment notice was voided.
    kinds = [kind for kind, _ in _events(desk, case_id)][-4:]
    assert kinds == ["fee", "state_changed", "resumed", "letter_voided"]
    detail = _events(desk, case_id)[-2][1]
    assert (detail["ended_by"], detail["days"]) == ("fee_settled", 5)
    _clean(desk, at)


def test_a_pause_for_something_else_outlasts_the_fee(desk: LetterCases) -> None:
    """Paused for documents before the fee was asked for: the fee neither pauses it twice nor ends it."""
    case_id = desk.verified(K.DISCLOSURE, desk.customer())
    desk.pause(case_id)
    with desk.sessions.begin() as session:
        operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.REQUESTED, company=COMPANY, now=NOW + HOUR
        )
        operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.WAIVED, reason="再送付", now=NOW + DAY
        )
        view = get_case(session, case_id)
    assert view.state is S.IN_PROGRESS
    assert view.pause is not None
    assert view.pause.reason is PauseReason.DOCUMENTS
    assert [kind for kind, _ in _events(desk, case_id)].count("paused") == 1
    _clean(desk, NOW + DAY)


# --- the doctor's replay ----------------------------------------------------------------------------------


def _problems(desk: LetterCases, at: dt.datetime) -> list[str]:
    with desk.sessions() as session:
        return [str(problem) for problem in examine(session, now=at, only=("pauses", "replay")).problems]


def test_the_doctor_replays_every_due_date_and_pause_from_the_events(desk: LetterCases) -> None:
    customer = desk.customer()
    moved = desk.verified(K.SUSPENSION, customer)
    desk.pause(moved)
    desk.resume(moved, at=NOW + 2 * DAY)
    unmarked = desk.verified(K.CORRECTION, customer)
    desk.pause(unmarked)
    twice = desk.verified(K.SUSPENSION, customer)
    desk.pause(twice)
    later = NOW + 3 * DAY
    assert _problems(desk, later) == []
    numbers = {case_id: desk.case_no(case_id) for case_id in (moved, unmarked, twice)}
    with desk.sessions.begin() as session:
        # Edited with SQL, past the services: a due date a day later, a pause wiped from the row.
        load_case(session, moved).due_on = dt.date(2026, 11, 27)
        row = load_case(session, unmarked)
        row.details = {key: value for key, value in row.details.items() if key != "pause"}
        # A second pause written past the services' checks, and a resume that moves too far.
        case = load_case(session, twice)
        add_event(session, case, agent_id=desk.agent, kind="paused", detail={"reason": "fee"}, at=later)
        resumed = {"reason": "documents", "days": 5, "before": "2026-11-24", "after": "2026-11-29"}
        add_event(session, case, agent_id=desk.agent, kind="resumed", detail=resumed, at=later)
    last = _last_event(desk, twice)
    moved_no, unmarked_no, twice_no = numbers[moved], numbers[unmarked], numbers[twice]
    assert _problems(desk, later) == [
        f"pauses: case {moved_no}: is due 2026-11-27, but its events make it 2026-11-26",
        f"pauses: case {twice_no}: event {last - 1} pauses a clock that is already paused",
        f"pauses: case {twice_no}: event {last} moves the due date 5 days, but the pause spanned 3",
        f"pauses: case {twice_no}: is due 2026-11-24, but its events make it 2026-11-29",
        f"replay: case {unmarked_no}: its events leave the clock paused, but the case is not marked paused",
        # The replay's second pause ended with the first: the row's pause is one its events ended.
        f"replay: case {twice_no}: is marked paused, but its events leave the clock running",
    ]


def _last_event(desk: LetterCases, case_id: int) -> int:
    with desk.sessions() as session:
        return session.scalar(select(func.max(CaseEvent.id)).where(CaseEvent.case_id == case_id)) or 0


def test_a_closed_case_left_paused_and_a_resume_without_a_pause_are_found(desk: LetterCases) -> None:
    case_id = desk.suspension(desk.customer())
    at = NOW + DAY
    with desk.sessions.begin() as session:
        case = session.get_one(Case, case_id)
        add_event(session, case, agent_id=desk.agent, kind="resumed", detail={"reason": "fee"}, at=at)
        add_event(session, case, agent_id=desk.agent, kind="paused", detail={"reason": "fee"}, at=at)
        case.details = {**case.details, "pause": {"reason": "fee", "since": at.isoformat(), "by": desk.agent}}
    number, last = desk.case_no(case_id), _last_event(desk, case_id)
    assert _problems(desk, at) == [
        f"pauses: case {number}: event {last - 1} resumes a clock that was not paused",
        f"pauses: case {number}: is completed with its clock still paused",
    ]
