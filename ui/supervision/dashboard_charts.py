"""The dashboard's charts, built from the services' figures: one colour per case state, counts on the bars."""

# Each builder returns a new QChart (the page's chart view takes ownership) or None when the figure has
# nothing to show, so the page can say so in words instead of drawing empty axes.

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from desk_app.domain.enums import CaseKind, CaseState
from desk_app.services.admin.dashboard import (
    AgeingBucket,
    AgentHandled,
    IncidentReportCount,
    KindStateCount,
    OverduePoint,
)
from desk_app.services.cases.register_search import ReportCount
from ui.common.enum_labels import case_kind_label, case_state_label
from ui.common.translations import render_message

# Open states run from light to dark blue as the work advances; those waiting on someone else (the
# caller's fee, a supervisor's decision) are orange; overdue is red. Closed states: green, purple, grey.
STATE_COLOURS: dict[CaseState, str] = {
    CaseState.RECEIVED: "#9ecae1",
    CaseState.IDENTITY_PENDING: "#6baed6",
    CaseState.IDENTITY_VERIFIED: "#3182bd",
    CaseState.FEE_PENDING: "#fdae6b",
    CaseState.FEE_RECEIVED: "#fd8d3c",
    CaseState.IN_PROGRESS: "#08519c",
    CaseState.AWAITING_APPROVAL: "#d94801",
    CaseState.COMPLETED: "#31a354",
    CaseState.REFUSED: "#756bb1",
    CaseState.WITHDRAWN: "#969696",
}
OVERDUE_COLOUR = "#d62728"
AGEING_COLOUR = "#3182bd"
REPORTS_COLOUR = "#8c564b"


def _chart(title: str, font: QFont, *, legend: bool) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSizeF(font.pointSizeF() * 1.1)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.setBackgroundRoundness(0)
    chart.legend().setVisible(legend)
    chart.legend().setFont(font)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _text_colour(background: str) -> QColor:
    """Black or white, whichever reads on `background` (relative luminance, roughly)."""
    colour = QColor(background)
    luminance = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#000000") if luminance > 0.55 else QColor("#ffffff")


def _bar_set(label: str, values: Sequence[int], colour: str, font: QFont, *, inside: bool) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.append([float(value) for value in values])
    bar_set.setColor(QColor(colour))
    bar_set.setBorderColor(QColor(colour))
    bar_set.setLabelFont(font)
    bar_set.setLabelColor(_text_colour(colour) if inside else QColor("#000000"))
    return bar_set


def count_axis(maximum: float, title: str, font: QFont) -> QValueAxis:
    """A value axis of whole counts from 0, with at most about six ticks at round steps."""
    top = max(1, math.ceil(maximum))
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if top / candidate <= 6:
            break
    top = math.ceil(top / step) * step
    # Room above the tallest bar for its label.
    if top == maximum:
        top += step
    axis = QValueAxis()
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)
    axis.setLabelFormat("%d")
    _style_axis(axis, title, font)
    return axis


def _category_axis(categories: Sequence[str], title: str, font: QFont) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(categories))
    _style_axis(axis, title, font)
    return axis


def _style_axis(axis: QAbstractAxis, title: str, font: QFont) -> None:
    axis.setTitleText(title)
    axis.setTitleFont(font)
    axis.setLabelsFont(font)


def _attach(
    chart: QChart, series: QAbstractBarSeries | QLineSeries, x: QAbstractAxis, y: QAbstractAxis
) -> None:
    chart.addSeries(series)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)


def _label_bars(series: QAbstractBarSeries, position: QAbstractBarSeries.LabelsPosition) -> None:
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPrecision(6)
    series.setLabelsPosition(position)


def open_cases_chart(counts: Sequence[KindStateCount], font: QFont) -> QChart | None:
    """Open cases per request type, each bar split by state; the total follows the type's name."""
    if not counts:
        return None
    # Horizontal bars stack their categories from the bottom up: reversed, the first kind reads at the top.
    kinds = [kind for kind in reversed(CaseKind) if any(row.kind is kind for row in counts)]
    states = [state for state in CaseState if any(row.state is state for row in counts)]
    table = {(row.kind, row.state): row.count for row in counts}
    totals = {kind: sum(table.get((kind, state), 0) for state in states) for kind in kinds}
    chart = _chart(
        QCoreApplication.translate("DashboardCharts", "Open cases by request type and state"),
        font,
        legend=True,
    )
    # Up to seven states: a column beside the bars, where a row below would cut their names short.
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    series = QHorizontalStackedBarSeries()
    for state in states:
        values = [table.get((kind, state), 0) for kind in kinds]
        series.append(_bar_set(case_state_label(state), values, STATE_COLOURS[state], font, inside=True))
    _label_bars(series, QAbstractBarSeries.LabelsPosition.LabelsCenter)
    series.setBarWidth(0.7)
    categories = [f"{case_kind_label(kind)} ({totals[kind]})" for kind in kinds]
    y = _category_axis(
        categories, QCoreApplication.translate("DashboardCharts", "Request type (open cases)"), font
    )
    x = count_axis(max(totals.values()), QCoreApplication.translate("DashboardCharts", "Open cases"), font)
    _attach(chart, series, x, y)
    return chart


def ageing_chart(buckets: Sequence[AgeingBucket], font: QFont) -> QChart | None:
    """Open cases by days since they were received."""
    if not any(bucket.count for bucket in buckets):
        return None
    chart = _chart(
        QCoreApplication.translate("DashboardCharts", "How long open cases have waited"), font, legend=False
    )
    series = QBarSeries()
    series.append(
        _bar_set(
            QCoreApplication.translate("DashboardCharts", "Open cases"),
            [b.count for b in buckets],
            AGEING_COLOUR,
            font,
            inside=False,
        )
    )
    _label_bars(series, QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    x = _category_axis(
        [render_message(bucket.caption) for bucket in buckets],
        QCoreApplication.translate("DashboardCharts", "Days since received"),
        font,
    )
    # "15–30" is cut to "15–..." in a card a third of the page wide: upright it fits.
    x.setLabelsAngle(-90)
    y = count_axis(
        max(bucket.count for bucket in buckets),
        QCoreApplication.translate("DashboardCharts", "Open cases"),
        font,
    )
    _attach(chart, series, x, y)
    return chart


def overdue_chart(points: Sequence[OverduePoint], font: QFont) -> QChart | None:
    """Cases past their due date at the end of each week, oldest week first."""
    if not any(point.overdue for point in points):
        return None
    chart = _chart(
        QCoreApplication.translate("DashboardCharts", "Overdue cases at the end of each week"),
        font,
        legend=False,
    )
    series = QLineSeries()
    series.setName(QCoreApplication.translate("DashboardCharts", "Overdue cases"))
    for index, point in enumerate(points):
        series.append(QPointF(index, point.overdue))
    pen = QPen(QColor(OVERDUE_COLOUR))
    pen.setWidth(3)
    series.setPen(pen)
    series.setPointsVisible(True)
    series.setPointLabelsVisible(True)
    series.setPointLabelsFormat("@yPoint")
    series.setPointLabelsFont(font)
    series.setPointLabelsColor(QColor(OVERDUE_COLOUR))
    series.setPointLabelsClipping(False)
    x = _category_axis(
        [f"{point.day.month}/{point.day.day}" for point in points],
        QCoreApplication.translate("DashboardCharts", "Week ending"),
        font,
    )
    # A dozen dates side by side are cut to "1..." in a card a third of the page wide: upright they fit.
    x.setLabelsAngle(-90)
    y = count_axis(
        max(point.overdue for point in points),
        QCoreApplication.translate("DashboardCharts", "Overdue cases"),
        font,
    )
    _attach(chart, series, x, y)
    return chart


HANDLED_STATES = (CaseState.COMPLETED, CaseState.REFUSED, CaseState.WITHDRAWN)


def handled_chart(rows: Sequence[AgentHandled], font: QFont) -> QChart | None:
    """Cases each agent closed, split by how they ended; the total follows the agent's name."""
    if not rows:
        return None
    chart = _chart(
        QCoreApplication.translate("DashboardCharts", "Cases closed per agent in the last 30 days"),
        font,
        legend=True,
    )
    rows = list(reversed(rows))  # the busiest agent at the top
    series = QHorizontalStackedBarSeries()
    values = {
        CaseState.COMPLETED: [row.completed for row in rows],
        CaseState.REFUSED: [row.refused for row in rows],
        CaseState.WITHDRAWN: [row.withdrawn for row in rows],
    }
    for state in HANDLED_STATES:
        series.append(
            _bar_set(case_state_label(state), values[state], STATE_COLOURS[state], font, inside=True)
        )
    _label_bars(series, QAbstractBarSeries.LabelsPosition.LabelsCenter)
    series.setBarWidth(0.7)
    y = _category_axis(
        [f"{row.display_name} ({row.total})" for row in rows],
        QCoreApplication.translate("DashboardCharts", "Agent (cases closed)"),
        font,
    )
    x = count_axis(
        max(row.total for row in rows), QCoreApplication.translate("DashboardCharts", "Cases closed"), font
    )
    _attach(chart, series, x, y)
    return chart


def reported_numbers_chart(counts: Sequence[ReportCount], days: int, font: QFont) -> QChart | None:
    """The phone numbers most often shown in suspicious calls and messages, most reported at the top."""
    if not counts:
        return None
    title = QCoreApplication.translate("DashboardCharts", "Most reported numbers, last %1 days").replace(
        "%1", str(days)
    )
    axis = QCoreApplication.translate("DashboardCharts", "Number shown in the call or message")
    return _report_bars(title, [(row.label, row.count) for row in counts], axis, font)


def incident_reports_chart(counts: Sequence[IncidentReportCount], font: QFont) -> QChart | None:
    """The suspicious-contact reports linked to each open leak incident, the first discovered at the top;
    None when no incident is open."""
    if not counts:
        return None
    title = QCoreApplication.translate("DashboardCharts", "Reports linked to open leak incidents")
    axis = QCoreApplication.translate("DashboardCharts", "Leak incident")
    return _report_bars(title, [(row.incident_no, row.reports) for row in counts], axis, font)


def _report_bars(title: str, rows: Sequence[tuple[str, int]], axis_title: str, font: QFont) -> QChart:
    """Horizontal bars of reports per label, the first row at the top."""
    chart = _chart(title, font, legend=False)
    rows = list(reversed(rows))  # a horizontal bar chart draws its first category at the bottom
    reports = QCoreApplication.translate("DashboardCharts", "Reports")
    series = QHorizontalBarSeries()
    series.append(_bar_set(reports, [count for _, count in rows], REPORTS_COLOUR, font, inside=False))
    _label_bars(series, QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setBarWidth(0.7)
    y = _category_axis([label for label, _ in rows], axis_title, font)
    x = count_axis(max(count for _, count in rows), reports, font)
    _attach(chart, series, x, y)
    return chart


def describe(chart: QChart) -> str:
    """The chart's numbers in a sentence per category, for a screen reader (the chart view's description)."""
    categories: list[str] = []
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            categories = list(axis.categories())
    lines = [chart.title()]
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            sets = series.barSets()
            for index, category in enumerate(categories):
                parts = [f"{bar_set.label()} {bar_set.at(index):g}" for bar_set in sets if bar_set.at(index)]
                lines.append(f"{category}: {', '.join(parts) or '0'}")
        elif isinstance(series, QLineSeries):
            for index, point in enumerate(series.points()):
                label = categories[index] if index < len(categories) else str(index)
                lines.append(f"{label}: {point.y():g}")
    return "\n".join(lines)
