"""A case's log as the agent reads it: when, who, and what changed, before → after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QWidget

from desk_app.cases.identity_methods import IdentityMethod
from desk_app.cases.refusal_grounds import RefusalGround
from desk_app.services.cases import CaseEventView
from desk_app.storage.models import CaseState, LetterKind
from ui.enum_labels import case_state_label, letter_kind_label, refusal_ground_label
from ui.identity_step_page import method_label
from ui.japan_time import short_date_time_text


def _state(value: Any) -> str:
    try:
        return case_state_label(CaseState(value))
    except ValueError:
        return str(value)


# Shown on the record only after a logged reveal: the timeline names the change, not the values.
_PROTECTED = frozenset({"street", "building", "email", "birth_date", "workplace_name", "workplace_phone"})


def _changes(changes: dict[str, Any]) -> str:
    """Each corrected field, before → after; protected fields by name only."""
    parts = []
    for field in sorted(changes):
        change = changes[field] if isinstance(changes[field], dict) else {}
        if field in _PROTECTED:
            parts.append(QCoreApplication.translate("CaseTimeline", "%1 (changed)").replace("%1", field))
        else:
            before, after = change.get("before"), change.get("after")
            parts.append(f"{field}: {before or '—'} → {after or '—'}")
    return "; ".join(parts)


def _ground(value: Any) -> str:
    try:
        return refusal_ground_label(RefusalGround(value))
    except ValueError:
        return str(value)


def _refusal_answer(detail: dict[str, Any]) -> str:
    """A state change's reasons: a refusal's ground and text for the customer apart from internal notes."""
    text = ""
    if detail.get("ground"):
        text += QCoreApplication.translate("CaseTimeline", " — ground: %1").replace(
            "%1", _ground(detail["ground"])
        )
    if detail.get("customer_text"):
        text += QCoreApplication.translate("CaseTimeline", " — on the letter: “%1”").replace(
            "%1", str(detail["customer_text"])
        )
    if detail.get("reason"):
        reason = (
            QCoreApplication.translate("CaseTimeline", " (internal note: %1)")
            if detail.get("customer_text")
            else QCoreApplication.translate("CaseTimeline", " (reason: %1)")
        )
        text += reason.replace("%1", str(detail["reason"]))
    if detail.get("decision_reason"):
        # A decision recorded before refusal grounds were kept: the approver's own reason.
        text += QCoreApplication.translate("CaseTimeline", " (approver: %1)").replace(
            "%1", str(detail["decision_reason"])
        )
    return text


def event_text(event: CaseEventView) -> str:
    """One line per event; the detail shown never includes what a caller said to prove who they are."""
    detail = event.detail
    if event.kind == "opened":
        text = QCoreApplication.translate("CaseTimeline", "Case opened")
    elif event.kind == "state_changed":
        text = f"{_state(detail.get('from'))} → {_state(detail.get('to'))}"
        proposals = {
            "erasure": QCoreApplication.translate("CaseTimeline", " (erasure proposed)"),
            "refusal": QCoreApplication.translate("CaseTimeline", " (refusal proposed)"),
        }
        if detail.get("to") == "awaiting_approval" and detail.get("proposal") in proposals:
            text += proposals[detail["proposal"]]
        text += _refusal_answer(detail)
    elif event.kind == "identity_check":
        outcome = (
            QCoreApplication.translate("CaseTimeline", "passed")
            if detail.get("verified")
            else QCoreApplication.translate("CaseTimeline", "failed")
        )
        try:
            method = method_label(IdentityMethod(str(detail.get("method"))))
        except ValueError:
            method = str(detail.get("method"))
        text = (
            QCoreApplication.translate("CaseTimeline", "Identity check (%1): %2")
            .replace("%1", method)
            .replace("%2", outcome)
        )
    elif event.kind == "corrected":
        text = QCoreApplication.translate("CaseTimeline", "Corrected: %1").replace(
            "%1", _changes(detail.get("changes", {}))
        )
    elif event.kind == "mailings_stopped":
        mailings = ", ".join(sorted(detail.get("changes", {})))
        text = (
            QCoreApplication.translate("CaseTimeline", "Mailings stopped: %1 from %2")
            .replace("%1", mailings)
            .replace("%2", str(detail.get("effective")))
        )
    elif event.kind == "fee":
        text = QCoreApplication.translate("CaseTimeline", "Fee %1").replace("%1", str(detail.get("status")))
    elif event.kind == "erased":
        text = QCoreApplication.translate("CaseTimeline", "Personal data erased")
    elif event.kind in ("letter_generated", "letter_printed", "letter_mailed"):
        texts = {
            "letter_generated": QCoreApplication.translate("CaseTimeline", "Letter made: %1"),
            "letter_printed": QCoreApplication.translate("CaseTimeline", "Letter printed: %1"),
            "letter_mailed": QCoreApplication.translate("CaseTimeline", "Letter mailed: %1"),
        }
        try:
            kind = letter_kind_label(LetterKind(str(detail.get("kind"))))
        except ValueError:
            kind = str(detail.get("kind"))
        text = texts[event.kind].replace("%1", kind)
    elif event.kind == "reassigned":
        text = QCoreApplication.translate("CaseTimeline", "Reassigned")
        if detail.get("reason"):
            text += QCoreApplication.translate("CaseTimeline", " (reason: %1)").replace(
                "%1", str(detail["reason"])
            )
    elif event.kind == "reopened":
        text = QCoreApplication.translate("CaseTimeline", "Reopened: %1").replace(
            "%1", _state(detail.get("to"))
        )
        if detail.get("reason"):
            text += QCoreApplication.translate("CaseTimeline", " (reason: %1)").replace(
                "%1", str(detail["reason"])
            )
    elif event.kind == "script_finished":
        text = QCoreApplication.translate("CaseTimeline", "Talk script finished (%1 v%2)").replace(
            "%1", str(detail.get("script_id"))
        )
        text = text.replace("%2", str(detail.get("script_version")))
        # The agent's notes from the script's last step, one line each.
        for note in detail.get("notes", []):
            note_text = " / ".join(str(note).splitlines())
            text += QCoreApplication.translate("CaseTimeline", " — Note: %1").replace("%1", note_text)
    else:
        text = event.kind.replace("_", " ")
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
