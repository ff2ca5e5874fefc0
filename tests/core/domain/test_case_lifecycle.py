"""The case lifecycle: every legal path per request kind, and illegal moves refused with a reason."""

from __future__ import annotations

import datetime as dt
import itertools

import jpholiday
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.deadlines import (
    ExtensionRefused,
    business_days_between,
    deadline_for,
    is_business_day,
)
from desk_app.domain.enums import CaseKind, CaseState, Proposal
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition, check_transition, next_states

S = CaseState


def walk(kind: CaseKind, path: list[CaseState]) -> None:
    for current, target in itertools.pairwise(path):
        check_transition(kind, current, target)


@pytest.mark.parametrize("kind", [CaseKind.DISCLOSURE, CaseKind.PROVISION_DISCLOSURE])
def test_a_disclosure_goes_through_identity_and_fee(kind: CaseKind) -> None:
    walk(
        kind,
        [
            S.RECEIVED,
            S.IDENTITY_PENDING,
            S.IDENTITY_VERIFIED,
            S.FEE_PENDING,
            S.FEE_RECEIVED,
            S.IN_PROGRESS,
            S.COMPLETED,
        ],
    )
    # A waived fee goes straight to work.
    check_transition(kind, S.FEE_PENDING, S.IN_PROGRESS)


@pytest.mark.parametrize("kind", [CaseKind.CORRECTION, CaseKind.SUSPENSION])
def test_corrections_and_suspensions_need_identity_but_no_fee(kind: CaseKind) -> None:
    walk(kind, [S.RECEIVED, S.IDENTITY_PENDING, S.IDENTITY_VERIFIED, S.IN_PROGRESS, S.COMPLETED])
    with pytest.raises(IllegalTransition, match="cannot go from identity_verified to fee_pending"):
        check_transition(kind, S.IDENTITY_VERIFIED, S.FEE_PENDING)


@pytest.mark.parametrize("kind", [CaseKind.COMPLAINT, CaseKind.SUSPICIOUS_REPORT])
def test_complaints_and_reports_go_straight_to_work(kind: CaseKind) -> None:
    walk(kind, [S.RECEIVED, S.IN_PROGRESS, S.COMPLETED])
    with pytest.raises(IllegalTransition):
        check_transition(kind, S.RECEIVED, S.IDENTITY_PENDING)


def test_nothing_skips_identity_verification() -> None:
    for kind in (CaseKind.DISCLOSURE, CaseKind.CORRECTION, CaseKind.SUSPENSION, CaseKind.DELETION):
        for target in (S.IN_PROGRESS, S.FEE_PENDING, S.COMPLETED):
            with pytest.raises(IllegalTransition):
                check_transition(kind, S.RECEIVED, target)
            with pytest.raises(IllegalTransition):
                check_transition(kind, S.IDENTITY_PENDING, target)


def test_a_deletion_is_completed_only_through_approval_of_an_erasure() -> None:
    kind = CaseKind.DELETION
    walk(kind, [S.RECEIVED, S.IDENTITY_PENDING, S.IDENTITY_VERIFIED, S.IN_PROGRESS])
    with pytest.raises(IllegalTransition, match="cannot go from in_progress to completed"):
        check_transition(kind, S.IN_PROGRESS, S.COMPLETED)
    check_transition(kind, S.IN_PROGRESS, S.AWAITING_APPROVAL, Proposal.ERASURE)
    check_transition(kind, S.AWAITING_APPROVAL, S.COMPLETED, Proposal.ERASURE)
    # A denial sends it back to work; an erasure proposal cannot end in a refusal.
    check_transition(kind, S.AWAITING_APPROVAL, S.IN_PROGRESS, Proposal.ERASURE)
    with pytest.raises(IllegalTransition):
        check_transition(kind, S.AWAITING_APPROVAL, S.REFUSED, Proposal.ERASURE)


def test_erasure_is_proposed_only_for_a_verified_deletion() -> None:
    with pytest.raises(IllegalTransition, match="only a deletion request"):
        check_transition(CaseKind.CORRECTION, S.IN_PROGRESS, S.AWAITING_APPROVAL, Proposal.ERASURE)
    with pytest.raises(IllegalTransition, match="once identity is verified"):
        check_transition(CaseKind.DELETION, S.IDENTITY_PENDING, S.AWAITING_APPROVAL, Proposal.ERASURE)
    with pytest.raises(IllegalTransition, match="with a proposal"):
        check_transition(CaseKind.DELETION, S.IN_PROGRESS, S.AWAITING_APPROVAL)


def test_a_refusal_needs_a_supervisor_and_can_come_before_identity_is_verified() -> None:
    check_transition(CaseKind.DISCLOSURE, S.IDENTITY_PENDING, S.AWAITING_APPROVAL, Proposal.REFUSAL)
    check_transition(CaseKind.DISCLOSURE, S.AWAITING_APPROVAL, S.REFUSED, Proposal.REFUSAL)
    with pytest.raises(IllegalTransition):
        check_transition(CaseKind.DISCLOSURE, S.IN_PROGRESS, S.REFUSED)


@pytest.mark.parametrize("kind", list(CaseKind))
def test_final_states_are_final_and_any_open_case_can_be_withdrawn(kind: CaseKind) -> None:
    for state in CaseState:
        if state in FINAL_STATES:
            assert next_states(kind, state) == frozenset()
            with pytest.raises(IllegalTransition, match="already"):
                check_transition(kind, state, S.IN_PROGRESS)
        else:
            assert S.WITHDRAWN in next_states(kind, state, Proposal.REFUSAL)


def test_the_due_date_is_received_plus_the_target_in_japan_time() -> None:
    # 23:30 UTC on 31 March is already 1 April in Tokyo.
    deadline = deadline_for(dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC), 14)
    assert deadline.received_on == dt.date(2026, 4, 1)
    assert deadline.due_on == dt.date(2026, 4, 15)
    assert deadline.days_left(dt.date(2026, 4, 10)) == 5
    assert not deadline.overdue(dt.date(2026, 4, 15))
    assert deadline.overdue(dt.date(2026, 4, 16))
    assert deadline.days_left(dt.date(2026, 4, 17)) == -2


def test_business_days_skip_weekends_and_japanese_public_holidays() -> None:
    assert not is_business_day(dt.date(2026, 5, 4))  # みどりの日
    assert not is_business_day(dt.date(2026, 5, 9))  # Saturday
    assert is_business_day(dt.date(2026, 5, 7))
    # Golden Week 2026: Wed 29 Apr (昭和の日) … Wed 6 May (振替休日) leaves 30 Apr, 1 May and 7 May.
    assert business_days_between(dt.date(2026, 4, 28), dt.date(2026, 5, 7)) == 3
    deadline = deadline_for(dt.datetime(2026, 4, 28, 1, 0, tzinfo=dt.UTC), 9)
    assert deadline.business_days_left(dt.date(2026, 4, 28)) == 3
    assert deadline.business_days_left(dt.date(2026, 5, 11)) == -2


def test_one_extension_with_a_reason() -> None:
    deadline = deadline_for(dt.datetime(2026, 4, 1, 1, 0, tzinfo=dt.UTC), 14)
    extended = deadline.extend(7, "書類の到着待ち")
    assert extended.due_on == dt.date(2026, 4, 22)
    assert extended.extension_reason == "書類の到着待ち"
    with pytest.raises(ExtensionRefused, match="already been extended"):
        extended.extend(7, "again")
    with pytest.raises(ExtensionRefused, match="needs a reason"):
        deadline.extend(7, "  ")
    with pytest.raises(ExtensionRefused):
        deadline.extend(0, "zero")


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        deadline_for(dt.datetime(2026, 4, 1), 14)  # noqa: DTZ001


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
    span=st.integers(min_value=-40, max_value=2000),
)
@settings(max_examples=300, deadline=None)
def test_business_days_are_counted_as_a_day_by_day_walk_would(start: dt.date, span: int) -> None:
    end = start + dt.timedelta(days=span)
    walked, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        walked += day.weekday() < 5 and not jpholiday.is_holiday(day)
    assert business_days_between(start, end) == walked
