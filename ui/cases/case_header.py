"""The top of the Case tab: the case's number, request, customer and state, its deadline, and its notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.domain import deadlines
from desk_app.domain.enums import Delivery
from desk_app.domain.lifecycle import IDENTITY_KINDS
from desk_app.services.cases.records import CaseView, DeliveryForm
from desk_app.services.cases.scripts import CaseContext
from ui.common.enum_labels import case_kind_label, case_state_label, days_left_text, label, pause_reason_label


class CaseHeader(QWidget):
    """Shows what `show_case` is given; `clear` leaves it empty for a page with no case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAccessibleName(self.tr("Case"))
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline_label = QLabel()
        self.deadline_label.setAccessibleName(self.tr("Deadline"))
        # How the request came (by post: the day it arrived), when a court claim may follow it, the form a
        # disclosure goes in, and the ground a suspension or deletion was asked on.
        self.request_label = QLabel()
        self.request_label.setAccessibleName(self.tr("How the request came and is answered"))
        self.request_label.setWordWrap(True)
        self.request_label.setStyleSheet("color: #5f6368;")
        # What the agent noted at the script's end and where a supervisor calls back: for whoever
        # picks the case up next.
        self.notes_label = QLabel()
        self.notes_label.setObjectName("case_notes")
        self.notes_label.setAccessibleName(self.tr("Case notes"))
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setStyleSheet(
            "#case_notes { background: #fffbe6; border: 1px solid #e6d9a2; padding: 6px; }"
        )
        self.notes_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.request_label)
        layout.addWidget(self.notes_label)

    def clear(self) -> None:
        self.title.clear()
        self.deadline_label.clear()
        self.request_label.clear()
        self._show_notes(None)

    def show_case(self, context: CaseContext) -> None:
        self._show_title(context.case, context.customer_no)
        self._show_notes(context)

    def _show_title(self, case: CaseView, customer: str | None) -> None:
        parts = [case.case_no, case_kind_label(case.kind), case_state_label(case.state)]
        if customer:
            parts.insert(2, self.tr("customer %1").replace("%1", customer))
        self.title.setText("  ·  ".join(parts))
        deadline = case.deadline
        today = deadlines.japan_today()
        if case.closed_at is not None:
            text = self.tr("Closed")
        elif case.pause is not None:
            # While the desk waits for the customer the due date waits too: say what it would be today.
            text = (
                self.tr("Due date %1 since %2, waiting for %3 — due %4 if the clock ran again today")
                .replace("%1", days_left_text(deadline.days_left(today)))
                .replace("%2", case.pause.since_day.isoformat())
                .replace("%3", pause_reason_label(case.pause.reason))
                .replace("%4", deadline.due_if_resumed(today).isoformat())
            )
        elif deadline.overdue(today):
            text = self.tr("Due %1 — overdue").replace("%1", deadline.due_on.isoformat())
        else:
            text = (
                self.tr("Due %1 — %2 days, %3 business days left")
                .replace("%1", deadline.due_on.isoformat())
                .replace("%2", str(deadline.days_left(today)))
                .replace("%3", str(deadline.business_days_left(today)))
            )
        if case.deadline_extended:
            text += self.tr(" (extended)")
        self.deadline_label.setText(text)
        self.request_label.setText("\n".join(self._request_lines(case)))
        self.request_label.setVisible(bool(self.request_label.text()))

    def _request_lines(self, case: CaseView) -> list[str]:
        received_on = case.deadline.received_on.isoformat()
        lines = []
        if case.received_by_post:
            lines.append(self.tr("Written request: received by post on %1.").replace("%1", received_on))
        if case.kind in IDENTITY_KINDS:
            # APPI Art. 39: the requester may go to court once two weeks have passed since it arrived.
            received = case.deadline.received_on
            lines.append(
                self.tr(
                    "Court claim possible from %1: the two weeks after the request arrived end on %2"
                    " (APPI Art. 39)."
                )
                .replace("%1", deadlines.court_claim_from(received).isoformat())
                .replace("%2", deadlines.two_weeks_end(received).isoformat())
            )
        if case.delivery is not None:
            lines.append(self._delivery_line(case.delivery))
        if case.request_ground is not None:
            # What a suspension or deletion was asked on: it decides which exceptions a refusal may cite.
            lines.append(self.tr("Ground given: %1.").replace("%1", label(case.request_ground)))
        return lines

    def _delivery_line(self, form: DeliveryForm) -> str:
        if form.obstacle is not None:
            return self.tr("Form: letter. The electronic record asked for is not possible: %1.").replace(
                "%1", label(form.obstacle)
            )
        if form.used is Delivery.ELECTRONIC and form.to is not None:
            return self.tr("Form: electronic record, to the %1.").replace("%1", label(form.to))
        return self.tr("Form: %1.").replace("%1", label(form.used))

    def _show_notes(self, context: CaseContext | None) -> None:
        lines = []
        proxy = context.proxy if context is not None else None
        if proxy is not None:
            # Who asks, for everyone who opens the case later: their kind and relationship, not the papers.
            line = (
                self.tr("Asked by a proxy: %1 (%2, %3).")
                .replace("%1", proxy.name)
                .replace("%2", label(proxy.kind))
                .replace("%3", proxy.relationship)
            )
            if proxy.awaits_person:
                line += " " + self.tr("Waiting for the person to confirm.")
            elif proxy.denied:
                line += " " + self.tr("The person denied appointing them.")
            lines.append(line)
        if context is not None and context.incident is not None:
            incident = context.incident
            lines.append(
                self.tr("About leak incident %1: %2.")
                .replace("%1", incident.incident_no)
                .replace("%2", incident.title)
            )
        if context is not None and context.callback_number:
            lines.append(self.tr("Call back on: %1").replace("%1", context.callback_number))
        for note in context.notes if context is not None else ():
            lines.append(self.tr("Note: %1").replace("%1", note))
        self.notes_label.setText("\n".join(lines))
        self.notes_label.setVisible(bool(lines))
