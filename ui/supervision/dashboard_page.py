"""The supervisors' dashboard: six figures from the services' SQL aggregates and the open leak incidents'
next deadlines, read in one operation."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import Incidents
from desk_app.domain import deadlines
from desk_app.services.admin.dashboard import PausedCount
from desk_app.services.agents import AgentInfo
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import pause_reason_label
from ui.common.japan_time import in_tokyo
from ui.supervision import dashboard_charts, ops
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR, deadline_line
from ui.supervision.ops import HANDLED_DAYS, REPORT_DAYS, TREND_WEEKS, DashboardFigures

# A chart card's room on the page: its chart's minimum width and the grid's spacing.
CARD_ROOM = 340


class ChartCard(QStackedWidget):
    """One figure: its chart, or a sentence saying why there is none."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(accessible_name)
        self.view.setMinimumSize(320, 280)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(accessible_name)
        self.empty.setMargin(16)
        self.addWidget(self.view)
        self.addWidget(self.empty)
        self._chart: QChart | None = None

    @property
    def chart(self) -> QChart | None:
        """The chart shown, or None while the card says it is empty."""
        return self._chart

    @property
    def is_empty(self) -> bool:
        return self._chart is None

    def show_chart(self, chart: QChart | None, empty_title: str, empty_text: str) -> None:
        old = self.view.chart()
        if chart is None:
            self._chart = None
            self.empty.setText(f"<b>{empty_title}</b><br><br>{empty_text}")
            self.view.setAccessibleDescription("")
            self.setCurrentWidget(self.empty)
        else:
            self._chart = chart
            self.view.setChart(chart)
            self.view.setAccessibleDescription(dashboard_charts.describe(chart))
            self.setCurrentWidget(self.view)
        if chart is not None and old is not chart:
            # The view gave up the old chart when it took the new one.
            old.deleteLater()


class DashboardPage(QWidget):
    """Refresh (or F5 anywhere on the page) reads the figures again; `loaded` follows each refresh."""

    loaded = Signal()
    load_failed = Signal(object)

    def __init__(
        self, runner: BackgroundRunner, incidents: Incidents | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._preliminary_days = (incidents or Incidents()).preliminary_days
        self._agent: AgentInfo | None = None
        self._generation = 0
        # Which day the figures count from; tests fix it so a known case log gives known numbers.
        self.today: Callable[[], dt.date] = lambda: deadlines.japan_today()
        self.figures: DashboardFigures | None = None
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.as_of = QLabel()
        self.as_of.setAccessibleName(self.tr("Figures as of"))
        # Cases waiting for the customer are counted apart: none of them is in the overdue figure.
        self.paused = QLabel()
        self.paused.setAccessibleName(self.tr("Paused cases"))
        # A line for each open leak incident still owing the Commission a report; none, no lines.
        self.incidents = QLabel()
        self.incidents.setWordWrap(True)
        self.incidents.setTextFormat(Qt.TextFormat.RichText)
        self.incidents.setAccessibleName(self.tr("Leak incidents awaiting a report"))
        self.incidents.hide()
        self.open_cases = ChartCard(self.tr("Open cases by request type and state"))
        self.ageing = ChartCard(self.tr("Open cases by days since received"))
        self.overdue = ChartCard(self.tr("Overdue cases, last %1 weeks").replace("%1", str(TREND_WEEKS)))
        self.handled = ChartCard(
            self.tr("Cases closed per agent, last %1 days").replace("%1", str(HANDLED_DAYS))
        )
        self.reported_numbers = ChartCard(self.tr("Most reported numbers"))
        self.incident_reports = ChartCard(self.tr("Reports linked to open leak incidents"))
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.as_of)
        top.addSpacing(24)
        top.addWidget(self.paused)
        top.addStretch(1)
        grid_widget = QWidget()
        self._grid = QGridLayout(grid_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(grid_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.incidents)
        layout.addWidget(self._scroll, 1)
        self._arrange()
        self._show_nothing(self.tr("Sign in to see the figures."))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """As many cards side by side as the page has room for, so a narrow page scrolls down, never
        sideways with charts cut off; the open cases' chart (its legend the widest) spans two columns."""
        room = self._scroll.viewport().width() if self.isVisible() else self.width()
        columns = max(1, min(3, room // CARD_ROOM))
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards():
            self._grid.removeWidget(card)
        wide = min(2, columns)
        self._grid.addWidget(self.open_cases, 0, 0, 1, wide)
        position = wide
        for card in (self.handled, self.ageing, self.overdue, self.reported_numbers, self.incident_reports):
            self._grid.addWidget(card, position // columns, position % columns)
            position += 1
        for column in range(3):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def cards(self) -> tuple[ChartCard, ...]:
        return (
            self.open_cases,
            self.ageing,
            self.overdue,
            self.handled,
            self.reported_numbers,
            self.incident_reports,
        )

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self._agent = agent
        self._generation += 1
        self.figures = None
        if agent is None:
            self._show_nothing(self.tr("Sign in to see the figures."))
        else:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._agent is None or self._runner.is_shut_down:
            return
        self._generation += 1
        generation = self._generation
        today = self.today()
        viewer_id = self._agent.id
        self.as_of.setText(self.tr("Updating…"))
        self._runner.run(
            ops.dashboard_figures(viewer_id, today, self._preliminary_days),
            name="dashboard figures",
            on_success=lambda figures: self._arrived(generation, figures),
            on_error=lambda error: self._failed(generation, error),
            owner=self,
        )

    def event(self, event: QEvent) -> bool:
        # The window's F5 refreshes the Cases dock; on this page F5 refreshes the dashboard instead.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F5
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F5 and not event.modifiers():
            self.refresh()
            event.accept()
            return
        super().keyPressEvent(event)

    def _arrived(self, generation: int, figures: DashboardFigures) -> None:
        if generation != self._generation or self._agent is None:
            return
        self.figures = figures
        self.as_of.setText(self.tr("as of %1").replace("%1", in_tokyo(figures.read_at).strftime("%H:%M")))
        self.paused.setText(self.paused_text(figures.paused))
        self._show_incidents(figures)
        font = self.font()
        charts = dashboard_charts
        self.open_cases.show_chart(
            charts.open_cases_chart(figures.open_cases, font),
            self.tr("Open cases"),
            self.tr("No case is open: every request has been completed, refused or withdrawn."),
        )
        self.ageing.show_chart(
            charts.ageing_chart(figures.ageing, font),
            self.tr("Days since received"),
            self.tr("No case is open, so none is waiting."),
        )
        self.overdue.show_chart(
            charts.overdue_chart(figures.overdue, font),
            self.tr("Overdue cases"),
            self.tr("No case was past its due date at the end of any of the last %1 weeks.").replace(
                "%1", str(TREND_WEEKS)
            ),
        )
        self.handled.show_chart(
            charts.handled_chart(figures.handled, font),
            self.tr("Cases closed per agent"),
            self.tr("No case was closed in the last %1 days.").replace("%1", str(HANDLED_DAYS)),
        )
        self.reported_numbers.show_chart(
            charts.reported_numbers_chart(figures.reported_numbers, REPORT_DAYS, font),
            self.tr("Most reported numbers"),
            self.tr(
                "No suspicious call or message showing a phone number was reported in the last %1 days."
            ).replace("%1", str(REPORT_DAYS)),
        )
        self.incident_reports.show_chart(
            charts.incident_reports_chart(figures.incident_reports, font),
            self.tr("Reports linked to open leak incidents"),
            self.tr("No leak incident is open."),
        )
        self.loaded.emit()

    def paused_text(self, paused: tuple[PausedCount, ...]) -> str:
        """Open cases with the clock paused, in all and per reason awaited."""
        total = sum(count.count for count in paused)
        if not total:
            return self.tr("No case is paused.")
        each = ", ".join(f"{pause_reason_label(count.reason)} {count.count}" for count in paused)
        return (
            self.tr("Paused, waiting for the customer (not counted as overdue): %1 — %2")
            .replace("%1", str(total))
            .replace("%2", each)
        )

    def _show_incidents(self, figures: DashboardFigures) -> None:
        """Each open incident's next report and its last day; an overdue one in red, and said so."""
        lines = []
        for summary in figures.incidents:
            line = deadline_line(summary, figures.today)
            if line is None:
                continue
            # The next report is overdue exactly when any is: the final's day never comes before the other's.
            if summary.overdue:
                lines.append(f'<span style="color: {OVERDUE_COLOUR};">{html.escape(line)}</span>')
            else:
                lines.append(html.escape(line))
        if lines:
            heading = html.escape(self.tr("Leak incidents awaiting a report to the Commission:"))
            self.incidents.setText(f"<b>{heading}</b><br>" + "<br>".join(lines))
        self.incidents.setVisible(bool(lines))

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.as_of.setText(self.tr("The figures could not be read."))
        self._runner.show_error(error)
        self.load_failed.emit(error)

    def _show_nothing(self, text: str) -> None:
        self.as_of.setText("")
        self.paused.setText("")
        self.incidents.clear()
        self.incidents.hide()
        for card in self.cards():
            card.show_chart(None, card.accessibleName(), text)
