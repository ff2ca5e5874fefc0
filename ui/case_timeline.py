"""A case's log as the agent reads it: when, who, and what changed, before → after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QWidget

from desk_app.cases.identity_methods import IdentityMethod
from desk_app.services.cases import CaseEventView
from desk_app.storage.models import CaseState
from ui.enum_labels import case_state_label
from ui.identity_step_page import method_label
from ui.japan_time import short_date_time_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseTimeline", text)


def _state(value: Any) -> str:
    try:
        return case_state_label(CaseState(value))
    except ValueError:
        return str(value)


def event_text(event: CaseEventView) -> str:
    """One line per event; the detail shown never includes what a caller said to prove who they are."""
    detail = event.detail
    if event.kind == "opened":
        text = _tr("Case opened")
    elif event.kind == "state_changed":
        text = f"{_state(detail.get('from'))} → {_state(detail.get('to'))}"
        proposals = {"erasure": _tr(" (erasure proposed)"), "refusal": _tr(" (refusal proposed)")}
        if detail.get("to") == "awaiting_approval" and detail.get("proposal") in proposals:
            text += proposals[detail["proposal"]]
        if detail.get("reason"):
            text += _tr(" (reason: %1)").replace("%1", str(detail["reason"]))
    elif event.kind == "identity_check":
        outcome = _tr("passed") if detail.get("verified") else _tr("failed")
        try:
            method = method_label(IdentityMethod(str(detail.get("method"))))
        except ValueError:
            method = str(detail.get("method"))
        text = _tr("Identity check (%1): %2").replace("%1", method).replace("%2", outcome)
    elif event.kind == "corrected":
        fields = ", ".join(sorted(detail.get("changes", {})))
        text = _tr("Corrected: %1").replace("%1", fields)
    elif event.kind == "mailings_stopped":
        mailings = ", ".join(sorted(detail.get("changes", {})))
        text = (
            _tr("Mailings stopped: %1 from %2")
            .replace("%1", mailings)
            .replace("%2", str(detail.get("effective")))
        )
    elif event.kind == "fee":
        text = _tr("Fee %1").replace("%1", str(detail.get("status")))
    elif event.kind == "erased":
        text = _tr("Personal data erased")
    elif event.kind == "script_finished":
        text = _tr("Talk script finished (%1 v%2)").replace("%1", str(detail.get("script_id")))
        text = text.replace("%2", str(detail.get("script_version")))
    else:
        text = event.kind.replace("_", " ")
    return f"{short_date_time_text(event.at)}  {event.agent_name}  —  {text}"


class CaseTimeline(QListWidget):
    """The case log, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("Case timeline"))
        self.setAlternatingRowColors(True)

    def show_events(self, events: tuple[CaseEventView, ...]) -> None:
        self.clear()
        self.addItems([event_text(event) for event in events])
