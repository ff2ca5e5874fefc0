"""A case's log as the agent reads it: when, who, and what changed, before → after."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QWidget

from desk_app.domain.timeline import event_message
from desk_app.services.cases.records import CaseEventView
from ui.common.japan_time import short_date_time_text
from ui.common.translations import render_message


def event_text(event: CaseEventView) -> str:
    """One line per event, in the window's language (`desk_app.domain.timeline` says what each
    event was)."""
    text = render_message(event_message(event.kind, event.detail))
    return f"{short_date_time_text(event.at)}  {event.agent_name}  —  {text}"


class CaseTimeline(QListWidget):
    """The case log, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("CaseTimeline", "Case timeline"))
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a long note stays readable

    def show_events(self, events: tuple[CaseEventView, ...]) -> None:
        self.clear()
        self.addItems([event_text(event) for event in events])
