"""Paused cases in the case log, its CSV and the dashboard: found by their own filter (`--state paused` on the
command line), counted apart, and never overdue or coming due while the desk waits for the customer."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from typing import Any

import pytest

from desk_app.cli.cases import _filter, add_export_arguments
from desk_app.domain.deadlines import PAUSED
from desk_app.domain.enums import AgentRole, CaseKind, CaseState, PauseReason
from desk_app.services.admin import dashboard
from desk_app.services.admin.dashboard import PausedCount, TrendStep
from desk_app.services.cases.log import EXPORT_HEADERS, case_log_page, count_cases, export_cases
from desk_app.services.cases.log_filters import CaseLogFilter, CaseLogSort
from tests.support.letter_cases import NOW, LetterCases

K = CaseKind
LATER = dt.date(2026, 11, 28)


@pytest.fixture
def desk(sessions: Any) -> LetterCases:
    return LetterCases(sessions)


@pytest.fixture
def cases(desk: LetterCases) -> dict[str, int]:
    """Four open cases due on 24 November: paused on the 20th, running, paused on the 26th, and a fee pending
    (paused by itself on the 20th)."""
    customer = desk.customer()
    made = {
        "paused": desk.verified(K.SUSPENSION, customer),
        "running": desk.verified(K.SUSPENSION, customer),
        "paused_late": desk.verified(K.CORRECTION, customer),
        "fee": desk.fee_requested(customer),
    }
    desk.pause(made["paused"], reason=PauseReason.DOCUMENTS)
    late = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)
    desk.pause(made["paused_late"], reason=PauseReason.CONFIRMATION, at=late)
    return made


def _ids(desk: LetterCases, where: CaseLogFilter, today: dt.date) -> set[int]:
    with desk.sessions() as session:
        page = case_log_page(
            session,
            viewer_id=desk.agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            filter=where,
            sort=CaseLogSort.DUE_SOONEST,
            today=today,
        )
    return {row.case_id for row in page.rows}


def test_the_paused_filter_finds_paused_cases_and_overdue_leaves_them_out(
    desk: LetterCases, cases: dict[str, int]
) -> None:
    paused = {cases["paused"], cases["paused_late"], cases["fee"]}
    assert _ids(desk, CaseLogFilter(paused=True), LATER) == paused
    assert _ids(desk, CaseLogFilter(overdue=True), LATER) == {cases["running"]}
    assert _ids(desk, CaseLogFilter(due_within_days=10), dt.date(2026, 11, 20)) == {cases["running"]}
    assert _ids(desk, CaseLogFilter(open_only=True), LATER) == set(cases.values())
    with desk.sessions() as session:
        supervisor = desk.agents["supervisor"]
        counted = count_cases(
            session, viewer_id=supervisor, viewer_role=AgentRole.SUPERVISOR, filter=CaseLogFilter(paused=True)
        )
        rows = case_log_page(
            session, viewer_id=supervisor, viewer_role=AgentRole.SUPERVISOR, today=LATER
        ).rows
    assert counted == 3
    by_id = {row.case_id: row for row in rows}
    paused_row, running_row = by_id[cases["paused"]], by_id[cases["running"]]
    assert (paused_row.days_left, paused_row.business_days_left, paused_row.overdue) == (
        PAUSED,
        PAUSED,
        False,
    )
    assert paused_row.paused
    assert (running_row.days_left, running_row.overdue, running_row.paused) == (-4, True, False)
    assert CaseLogFilter(paused=True).used() == ("paused",)


def test_the_csv_says_paused_in_japanese_where_the_days_left_would_be(
    desk: LetterCases, cases: dict[str, int]
) -> None:
    out = io.StringIO(newline="")
    with desk.sessions.begin() as session:
        export_cases(
            session,
            out,
            viewer_id=desk.agents["supervisor"],
            viewer_role=AgentRole.SUPERVISOR,
            filter=CaseLogFilter(paused=True),
            today=LATER,
            now=NOW,
        )
    header, *rows = csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"), newline=""))
    assert tuple(header) == EXPORT_HEADERS
    left = header.index("残り日数")
    assert len(rows) == 3
    assert {(row[left - 1], row[left], row[left + 1]) for row in rows} == {("", "一時停止中", "一時停止中")}


def test_the_dashboard_counts_paused_cases_apart_and_never_as_overdue(
    desk: LetterCases, cases: dict[str, int]
) -> None:
    supervisor = desk.agents["supervisor"]
    with desk.sessions() as session:
        paused = dashboard.paused_cases(session, viewer_id=supervisor)
        trend = dashboard.overdue_trend(
            session, viewer_id=supervisor, points=4, step=TrendStep.DAY, today=LATER
        )
    assert paused == (
        PausedCount(PauseReason.FEE, 1),
        PausedCount(PauseReason.DOCUMENTS, 1),
        PausedCount(PauseReason.CONFIRMATION, 1),
    )
    # The running case is overdue every day; the one paused on the 26th only on the 25th, before its pause.
    assert [(point.day.day, point.overdue) for point in trend] == [(25, 2), (26, 1), (27, 1), (28, 1)]


def test_the_command_line_exports_paused_cases_with_state_paused() -> None:
    parser = argparse.ArgumentParser()
    add_export_arguments(parser)
    base = ["--csv", "cases.csv", "--as", "kimura"]
    assert _filter(parser.parse_args([*base, "--state", "paused"]), None) == CaseLogFilter(paused=True)
    # The states and `open` keep their meaning.
    assert _filter(parser.parse_args([*base, "--state", "open"]), None) == CaseLogFilter(open_only=True)
    assert _filter(parser.parse_args([*base, "--state", "fee_pending"]), 7) == CaseLogFilter(
        state=CaseState.FEE_PENDING, assigned_to_id=7
    )


def test_the_customers_record_lists_which_open_cases_are_paused(desk: LetterCases) -> None:
    from desk_app.services.customers.record import load_record

    customer = desk.customer()
    paused = desk.verified(K.SUSPENSION, customer)
    running = desk.verified(K.CORRECTION, customer)
    fee = desk.fee_requested(customer)
    desk.pause(paused, reason=PauseReason.DOCUMENTS)
    with desk.sessions() as session:
        record = load_record(session, customer)
    assert record is not None
    assert {case.case_id: case.paused for case in record.cases} == {paused: True, running: False, fee: True}
