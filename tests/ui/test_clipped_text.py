"""No text cut off: every label, button, tick box, table header and chart axis label fits its room.

Walked at 1366×768 here, and at 1920×1080 at 100 %, 125 % and 150 % in a process of its own each (the
scale factor and the screen are fixed when Qt starts), in English and in Japanese.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGraphicsTextItem,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.config import Security
from tests.support.every_window import (
    View,
    fill,
    language,  # noqa: F401 - the fixture, English then Japanese
    shown_widgets,
    walk,
)
from ui.common.background import BackgroundRunner
from ui.shell.lock_screen import LockScreen
from ui.shell.main_window import MainWindow
from ui.shell.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from conftest import DeskDatabase

ROOT = Path(__file__).resolve().parents[2]
SCREEN_ENV = "DESK_TEST_SCREEN"
WALK_ENV = "DESK_TEST_WALK"


def _shown_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    if label.textFormat() is Qt.TextFormat.RichText or (
        label.textFormat() is Qt.TextFormat.AutoText and text.lstrip().startswith("<")
    ):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    elif label.buddy() is not None:
        text = _shown_text(text)
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 1_000_000), Qt.TextFlag.TextWordWrap, text)
        if needed.height() > room.height() + 1 or needed.width() > room.width() + 1:
            return (
                f"label {text!r} needs {needed.width()}×{needed.height()}, has {room.width()}×{room.height()}"
            )
        return None
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if widest > room.width() + 1:
        return f"label {text!r} needs {widest} px, has {room.width()}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _shown_text(button.text())
    if not text:
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    element = {
        QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
        QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
    }.get(type(button), QStyle.SubElement.SE_PushButtonContents)
    room = button.style().subElementRect(element, option, button).width()
    if isinstance(button, QPushButton):
        room -= 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button) // 2
    widest = max(QFontMetrics(button.font()).horizontalAdvance(line) for line in text.split("\n"))
    if widest > room + 1:
        return f"{type(button).__name__} {text!r} needs {widest} px, has {room}"
    return None


def _table_name(table: QAbstractItemView) -> str:
    return table.accessibleName() or table.objectName() or type(table).__name__


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() is not Qt.Orientation.Horizontal:
        return []
    table = header.parentWidget()
    name = _table_name(table) if isinstance(table, QAbstractItemView) else "table"
    problems = []
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        needed = metrics.horizontalAdvance(text) + margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        if needed > header.sectionSize(section):
            problems.append(f"{name}: column {text!r} needs {needed} px, has {header.sectionSize(section)}")
    if header.length() > header.viewport().width() + 1:
        widths = ", ".join(
            f"{model.headerData(section, Qt.Orientation.Horizontal)} {header.sectionSize(section)}"
            for section in range(header.count())
            if not header.isSectionHidden(section)
        )
        problems.append(
            f"{name}: columns need {header.length()} px of {header.viewport().width()}: scrolling ({widths})"
        )
    return problems


# The rows a cell check reads: as many as the view fits its columns to (`ui.common.table_view.FIT_ROWS`).
CHECKED_ROWS = 40


def _cell_problems(table: QTableView) -> list[str]:
    """Cell text wider than its column: the view draws it cut short with "…"."""
    model = table.model()
    if model is None or table.wordWrap():
        return []
    # The item delegate's text margin on each side, as QCommonStyle lays out a view item.
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    problems = []
    for row in range(min(model.rowCount(), CHECKED_ROWS)):
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            index = model.index(row, column)
            text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + margin
            if needed > table.columnWidth(column):
                header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                problems.append(
                    f"{_table_name(table)}: {header!r} cell {text!r} needs {needed} px,"
                    f" has {table.columnWidth(column)}"
                )
    return problems


def _placeholder_problem(field: QLineEdit) -> str | None:
    """A field's grey hint cut off: Qt elides it at the right edge."""
    text = field.placeholderText()
    if not text or field.text():
        return None
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    room = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    # QLineEdit keeps 2 px of its own either side of the text (its horizontal margin).
    width = room.width() - margins.left() - margins.right() - 4
    needed = QFontMetrics(field.font()).horizontalAdvance(text)
    if needed > width:
        return f"field hint {text!r} needs {needed} px, has {width}"
    return None


def _chart_texts(view: QChartView) -> list[QGraphicsTextItem]:
    """The chart's title, axis, legend and bar labels (PySide sees them through their QGraphicsObject)."""
    scene = view.chart().scene()
    items = scene.items() if scene is not None else []
    objects = [item.toGraphicsObject() for item in items]
    return [item for item in objects if isinstance(item, QGraphicsTextItem) and item.isVisible()]


def _chart_problems(view: QChartView) -> list[str]:
    # Qt Charts cuts a label too long for its room to "..." (some versions write "…").
    return [
        f"chart {view.chart().title()!r}: label {item.toPlainText()!r} is cut short"
        for item in _chart_texts(view)
        if any(mark in item.toPlainText() for mark in ("...", "…"))
    ]


def _sideways_problem(area: QScrollArea) -> str | None:
    """A page wider than its room: what is off to the right is cut off until the agent scrolls to it."""
    inner = area.widget()
    if inner is None or inner.width() <= area.viewport().width():
        return None
    name = area.accessibleName() or area.objectName() or type(area.parentWidget()).__name__
    return f"{name}: {inner.width()} px wide in {area.viewport().width()} px: scrolls sideways"


def _squeezed_problem(widget: QWidget) -> str | None:
    """A box whose rows have less height than they need: the layout lays them over one another."""
    layout = widget.layout()
    if layout is None or isinstance(widget, QScrollArea):
        return None
    needed = layout.totalHeightForWidth(widget.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > widget.height() + 1:
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        return f"{name}: needs {needed} px of height, has {widget.height()}"
    return None


def clipped(view: View) -> list[str]:
    problems: list[str] = []
    for widget in shown_widgets(view.root) if isinstance(view.root, QWidget) else []:
        problems.append(_squeezed_problem(widget) or "")
        if isinstance(widget, QLabel):
            problems.append(_label_problem(widget) or "")
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
            problems.append(_button_problem(widget) or "")
        elif isinstance(widget, QHeaderView):
            problems += _header_problems(widget)
        elif isinstance(widget, QTableView):
            problems += _cell_problems(widget)
        elif isinstance(widget, QLineEdit):
            problems.append(_placeholder_problem(widget) or "")
        elif isinstance(widget, QChartView):
            problems += _chart_problems(widget)
        elif isinstance(widget, QScrollArea):
            problems.append(_sideways_problem(widget) or "")
    return [problem for problem in problems if problem]


def _covers_the_lock(dialog: QWidget) -> str | None:
    """A dialog over a locked window must leave its words and button in view."""
    window = dialog.parentWidget()
    # A dialog over another dialog or window (the incident register's) is not over the lock screen.
    lock = window.centralWidget() if isinstance(window, MainWindow) else None
    if not isinstance(lock, LockScreen):
        return None
    for part in (lock.message, lock.sign_in_button):
        shown = QRect(part.mapToGlobal(QPoint(0, 0)), part.size())
        if dialog.frameGeometry().intersects(shown):
            return f"the dialog covers the lock screen's {part.text()!r}"
    return None


def _laid_out() -> None:
    # What the agent sees once the event loop has turned: the layouts a background answer asked for
    # (a label's new text, a table's rows) have run.
    QApplication.processEvents()


@pytest.mark.usefixtures("language")
def test_text_fits_on_this_screen(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
) -> None:
    """The walk in the window filling the screen: 1366×768 unless `DESK_TEST_SCREEN` names another;
    every view unless `DESK_TEST_WALK` is "pages" (the pages, the docks and the menus' dialogs)."""
    width, height = (int(part) for part in os.environ.get(SCREEN_ENV, "1366x768").split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    fill(desk_db.factory)
    window = open_window()
    # The window in device-independent pixels: a 1920 px screen at 150 % holds 1280 of them.
    window.resize(round(width / scale), round(height / scale) - 40)
    problems: list[str] = []
    for view in walk(qtbot, window, runner, desk_db.factory, full=os.environ.get(WALK_ENV) != "pages"):
        if isinstance(view.root, MainWindow) or not view.name.startswith("menu"):
            _laid_out()
            problems += [f"{view.name}: {problem}" for problem in clipped(view)]
            problems.append(f"{view.name}: {_covers_the_lock(view.root) or ''}")
    # The demo desk's sign-in, whose password field holds a hint.
    demo = SignInDialog(runner, Security(), demo=True, parent=window)
    demo.show()
    qtbot.waitExposed(demo)
    _laid_out()
    problems += [f"demo sign in: {problem}" for problem in clipped(View("demo sign in", demo))]
    demo.close()
    problems = [problem for problem in problems if not problem.endswith(": ")]
    if problems:
        pytest.fail("\n".join(dict.fromkeys(problems)), pytrace=False)


# The narrowest room (1280 device-independent pixels at 150 %) is walked through; wider ones show the
# pages, the docks and the menus' dialogs.
@pytest.mark.parametrize(("scale", "views"), [("1", "pages"), ("1.25", "pages"), ("1.5", "all")])
def test_text_fits_on_a_full_hd_screen_at_each_scale(scale: str, views: str, tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "hd", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}]}
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        SCREEN_ENV: "1920x1080",
        WALK_ENV: views,
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            f"{__file__}::test_text_fits_on_this_screen",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
