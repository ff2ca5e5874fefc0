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
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGraphicsTextItem,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.every_window import (
    View,
    fill,
    language,  # noqa: F401 - the fixture, English then Japanese
    shown_widgets,
    walk,
)
from ui.background import BackgroundRunner
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

ROOT = Path(__file__).resolve().parents[2]
SCREEN_ENV = "DESK_TEST_SCREEN"


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


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() is not Qt.Orientation.Horizontal:
        return []
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
            problems.append(f"column {text!r} needs {needed} px, has {header.sectionSize(section)}")
    if header.length() > header.viewport().width() + 1:
        problems.append(f"columns need {header.length()} px of {header.viewport().width()}: scrolling")
    return problems


def _chart_problems(view: QChartView) -> list[str]:
    scene = view.chart().scene()
    if scene is None:
        return []
    return [
        f"chart label {item.toPlainText()!r} is cut short"
        for item in scene.items()
        if isinstance(item, QGraphicsTextItem) and item.isVisible() and "…" in item.toPlainText()
    ]


def clipped(view: View) -> list[str]:
    problems: list[str] = []
    for widget in shown_widgets(view.root) if isinstance(view.root, QWidget) else []:
        if isinstance(widget, QLabel):
            problems.append(_label_problem(widget) or "")
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
            problems.append(_button_problem(widget) or "")
        elif isinstance(widget, QHeaderView):
            problems += _header_problems(widget)
        elif isinstance(widget, QChartView):
            problems += _chart_problems(widget)
    return [problem for problem in problems if problem]


@pytest.mark.usefixtures("language")
def test_text_fits_on_this_screen(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
) -> None:
    """The walk in the window filling the screen: 1366×768 unless `DESK_TEST_SCREEN` names another."""
    width, height = (int(part) for part in os.environ.get(SCREEN_ENV, "1366x768").split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    fill(desk_db.factory)
    window = open_window()
    # The window in device-independent pixels: a 1920 px screen at 150 % holds 1280 of them.
    window.resize(round(width / scale), round(height / scale) - 40)
    problems: list[str] = []
    for view in walk(qtbot, window, runner, desk_db.factory):
        if isinstance(view.root, MainWindow) or not view.name.startswith("menu"):
            problems += [f"{view.name}: {problem}" for problem in clipped(view)]
    if problems:
        pytest.fail("\n".join(dict.fromkeys(problems)), pytrace=False)


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_text_fits_on_a_full_hd_screen_at_each_scale(scale: str, tmp_path: Path) -> None:
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
