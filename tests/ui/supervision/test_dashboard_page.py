"""The dashboard page on a known case log: each chart shows the figures, read back from its series."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChart, QLineSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.enums import AgentRole, CaseKind, CaseState, PauseReason, ReportChannel
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.registers import record_report, report_of
from desk_app.services.incidents.report_links import link_report
from desk_app.storage.models import Agent
from tests.support.case_log_data import NOW, TODAY, add_case_log, pause
from tests.support.leak_incidents import open_leak_incident
from ui.common.background import BackgroundRunner
from ui.supervision.dashboard_charts import OVERDUE_COLOUR, STATE_COLOURS
from ui.supervision.dashboard_page import ChartCard, DashboardPage

SUPERVISOR_LOGIN = "kanri"

if TYPE_CHECKING:
    from conftest import DeskDatabase


@pytest.fixture
def page(qtbot: QtBot, runner: BackgroundRunner) -> DashboardPage:
    dashboard = DashboardPage(runner)
    qtbot.addWidget(dashboard)
    dashboard.today = lambda: TODAY
    dashboard.resize(1200, 800)
    return dashboard


def supervisor(desk_db: DeskDatabase) -> AgentInfo:
    """A supervisor on record (the core checks the role the database holds, not the one claimed here)."""
    with desk_db.factory.begin() as session:
        found = session.scalars(select(Agent).where(Agent.login == SUPERVISOR_LOGIN)).one_or_none()
        if found is None:
            found = Agent(
                login=SUPERVISOR_LOGIN, display_name="管理 主任", role=AgentRole.SUPERVISOR, created_at=NOW
            )
            session.add(found)
            session.flush()
        return AgentInfo(found.id, found.login, found.display_name, found.role)


def sign_in(qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_agent(supervisor(desk_db))


def report(desk_db: DeskDatabase, number: str, received_on: dt.date) -> int:
    """A suspicious call recorded through the services: its case is completed at NOW by the desk's agent."""
    with desk_db.factory.begin() as session:
        case_id = open_case(
            session,
            kind=CaseKind.SUSPICIOUS_REPORT,
            customer_id=None,
            agent_id=desk_db.agent_id,
            received_at=NOW - dt.timedelta(hours=1),
            target_days=14,
            now=NOW - dt.timedelta(hours=1),
        ).case_id
        record_report(
            session,
            case_id,
            agent_id=desk_db.agent_id,
            channel=ReportChannel.PHONE,
            received_on=received_on,
            claimed_sender="ABC通販 お客様センター",
            shown_number=number,
            shown_url=None,
            paid=False,
            disclosed=False,
            details="",
            now=NOW,
        )
    return case_id


def chart_of(card: ChartCard) -> QChart:
    chart = card.chart
    assert chart is not None
    assert not card.is_empty
    return chart


def categories(chart: QChart) -> list[str]:
    [axis] = [axis for axis in chart.axes() if isinstance(axis, QBarCategoryAxis)]
    return list(axis.categories())


def bars(chart: QChart) -> dict[str, dict[str, int]]:
    """{category: {bar set label: value}}, zeros left out, read from the chart's one bar series."""
    [series] = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    table: dict[str, dict[str, int]] = {}
    for index, category in enumerate(categories(chart)):
        values = {
            bar_set.label(): int(bar_set.at(index)) for bar_set in series.barSets() if bar_set.at(index)
        }
        table[category] = values
    return table


def test_an_empty_database_says_so_for_every_figure(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase
) -> None:
    assert all(card.is_empty for card in page.cards())
    assert "Sign in" in page.open_cases.empty.text()
    sign_in(qtbot, page, desk_db)
    assert all(card.is_empty for card in page.cards())
    texts = {card.accessibleName(): card.empty.text() for card in page.cards()}
    assert "No case is open" in texts["Open cases by request type and state"]
    assert "No case is open" in texts["Open cases by days since received"]
    assert "No case was past its due date" in texts["Overdue cases, last 8 weeks"]
    assert "No case was closed in the last 30 days" in texts["Cases closed per agent, last 30 days"]
    assert "No suspicious call or message" in texts["Most reported numbers"]
    assert "No leak incident is open." in texts["Reports linked to open leak incidents"]
    assert all(card.currentWidget() is card.empty for card in page.cards())
    assert page.as_of.text().startswith("as of ")


def test_each_chart_shows_the_figures_of_the_case_log(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase
) -> None:
    add_case_log(desk_db.factory)
    linked = report(desk_db, "090-1234-5678", TODAY - dt.timedelta(days=3))
    report(desk_db, "０９０（１２３４）５６７８", TODAY - dt.timedelta(days=1))
    report(desk_db, "03-1234-5678", TODAY - dt.timedelta(days=2))
    # Received outside the chart's 90 days: not counted there (its case still counts as handled).
    report(desk_db, "06-6123-0000", TODAY - dt.timedelta(days=120))
    # Two open leak incidents, one report linked to the first.
    chief = supervisor(desk_db).id
    leak = open_leak_incident(desk_db.factory, chief)
    quiet = open_leak_incident(desk_db.factory, chief, title="宛名データの誤送付")
    with desk_db.factory.begin() as session:
        found = report_of(session, linked)
        assert found is not None
        link_report(session, chief, found.report_id, leak, now=NOW)
    sign_in(qtbot, page, desk_db)

    open_cases = chart_of(page.open_cases)
    assert bars(open_cases) == {
        "Disclosure (2)": {"Received": 1, "Fee pending": 1},
        "Correction (2)": {"Identity pending": 1, "In progress": 1},
        "Suspension of use (1)": {"In progress": 1},
        "Deletion (1)": {"Awaiting approval": 1},
        "Complaint (1)": {"In progress": 1},
    }
    # Bars stack from the bottom: the first request type is drawn at the top.
    assert categories(open_cases)[-1] == "Disclosure (2)"
    [series] = open_cases.series()
    assert isinstance(series, QAbstractBarSeries)
    assert series.isLabelsVisible()
    colours = {bar_set.label(): bar_set.color().name() for bar_set in series.barSets()}
    assert colours["Awaiting approval"] == STATE_COLOURS[CaseState.AWAITING_APPROVAL]

    ageing = chart_of(page.ageing)
    assert categories(ageing) == ["0–3", "4–7", "8–14", "15–30", ">30"]
    assert [counts.get("Open cases", 0) for counts in bars(ageing).values()] == [2, 1, 1, 2, 1]

    overdue = chart_of(page.overdue)
    [line] = overdue.series()
    assert isinstance(line, QLineSeries)
    assert [point.y() for point in line.points()] == [0, 0, 0, 1, 2, 2, 3, 3]
    assert categories(overdue) == ["10/8", "10/15", "10/22", "10/29", "11/5", "11/12", "11/19", "11/26"]
    assert line.pen().color().name() == OVERDUE_COLOUR
    assert line.pointLabelsVisible()

    handled = chart_of(page.handled)
    assert bars(handled) == {
        "agent2 担当 (1)": {"Refused": 1},
        "山田 花子 (4)": {"Completed": 4},
        "agent1 担当 (3)": {"Completed": 2, "Withdrawn": 1},
    }

    numbers = chart_of(page.reported_numbers)
    assert bars(numbers) == {"03-1234-5678": {"Reports": 1}, "090-1234-5678": {"Reports": 2}}
    # The most reported number reads at the top.
    assert categories(numbers)[-1] == "090-1234-5678"

    incidents = chart_of(page.incident_reports)
    assert bars(incidents) == {leak: {"Reports": 1}, quiet: {}}
    # The first discovered reads at the top.
    assert categories(incidents)[-1] == leak

    for card in page.cards():
        chart = chart_of(card)
        assert chart.title()
        assert chart.titleFont().family() == page.font().family()
        assert all(axis.titleText() for axis in chart.axes())
        assert all(axis.labelsFont().family() == page.font().family() for axis in chart.axes())
        assert card.view.accessibleName() == card.accessibleName()
        assert chart.title() in card.view.accessibleDescription()


def test_paused_cases_are_counted_apart_and_not_as_overdue_since_their_pause(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase
) -> None:
    agents = add_case_log(desk_db.factory)
    sign_in(qtbot, page, desk_db)
    assert page.paused.text() == "No case is paused."
    # Two of the three cases overdue today wait for the customer from today on.
    pause(desk_db.factory, "2026-000106", agents["agent1"], PauseReason.FEE)
    pause(desk_db.factory, "2026-000107", agents["agent1"], PauseReason.DOCUMENTS)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh_button.click()
    assert page.paused.text() == (
        "Paused, waiting for the customer (not counted as overdue): 2 — the fee 1, documents 1"
    )
    [line] = chart_of(page.overdue).series()
    assert isinstance(line, QLineSeries)
    assert [point.y() for point in line.points()] == [0, 0, 0, 1, 2, 2, 3, 1]


def test_refresh_and_f5_read_the_figures_again(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase
) -> None:
    sign_in(qtbot, page, desk_db)
    assert page.reported_numbers.is_empty
    report(desk_db, "03-1234-5678", TODAY)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh_button.click()
    assert bars(chart_of(page.reported_numbers)) == {"03-1234-5678": {"Reports": 1}}
    assert bars(chart_of(page.handled)) == {"山田 花子 (1)": {"Completed": 1}}

    report(desk_db, "03-1234-5678", TODAY)
    page.show()
    qtbot.waitExposed(page)
    page.refresh_button.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.refresh_button, Qt.Key.Key_F5)
    assert bars(chart_of(page.reported_numbers)) == {"03-1234-5678": {"Reports": 2}}
    assert page.as_of.text().startswith("as of ")


def test_signing_out_clears_the_figures(qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase) -> None:
    add_case_log(desk_db.factory)
    sign_in(qtbot, page, desk_db)
    assert not page.open_cases.is_empty
    page.set_agent(None)
    assert all(card.is_empty for card in page.cards())
    assert page.figures is None
    page.refresh()  # nothing to refresh for no one
    assert page.as_of.text() == ""


def test_an_agent_claiming_to_be_a_supervisor_gets_no_figures(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase, runner: BackgroundRunner
) -> None:
    """The page asks the core as the agent signed in; the core goes by the role on record."""
    add_case_log(desk_db.factory)
    claimed = AgentInfo(desk_db.agent_id, desk_db.agent_login, desk_db.agent_name, AgentRole.SUPERVISOR)
    shown: list[Exception] = []
    runner.show_error = shown.append  # type: ignore[method-assign]
    with qtbot.waitSignal(page.load_failed, timeout=10_000) as failed:
        page.set_agent(claimed)
    assert isinstance(failed.args[0], PermissionError)
    assert shown == [failed.args[0]]
    assert page.figures is None
    assert all(card.is_empty for card in page.cards())


@pytest.mark.usefixtures("japanese")
def test_the_ageing_buckets_are_spans_of_days_in_japanese(
    qtbot: QtBot, page: DashboardPage, desk_db: DeskDatabase
) -> None:
    add_case_log(desk_db.factory)
    sign_in(qtbot, page, desk_db)
    assert categories(chart_of(page.ageing)) == ["0〜3日", "4〜7日", "8〜14日", "15〜30日", "30日超"]
