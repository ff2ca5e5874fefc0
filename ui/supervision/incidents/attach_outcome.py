"""What an attachment of affected customers did, as both ways of attaching them (a CSV file, a saved search)
show it: the counts when it was committed, or the refusal and every wrong line when nothing was attached."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from desk_app.services.incidents.affected import AttachReport, refusal
from ui.common.background import refusal_text
from ui.common.translations import render_message
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR


def counts_text(report: AttachReport) -> str:
    """What the source named, counted: each customer once, in the first state that applies. (The words were
    first the CSV dialog's: its context keeps their translations.)"""
    said = (
        QCoreApplication.translate("AttachDialog", "%1 (%2): %3 customers attached, %4 already attached.")
        .replace("%3", f"{report.attached:,}")
        .replace("%4", f"{report.already_attached:,}")
        .replace("%2", report.encoding or "")
    )
    if not report.encoding:
        # A saved search has no file, so no encoding to name: its empty brackets go before the name is in.
        said = said.replace(" ()", "").replace("（）", "")
    # What a person named goes in last, so a "%" in it is never taken for a place to fill.
    said = said.replace("%1", report.source)
    states = (
        QCoreApplication.translate(
            "AttachDialog", "Erased %1, deceased %2, no postal address %3, notice already made %4."
        )
        .replace("%1", f"{report.erased:,}")
        .replace("%2", f"{report.deceased:,}")
        .replace("%3", f"{report.no_address:,}")
        .replace("%4", f"{report.noticed:,}")
    )
    return said + "\n" + states


class AttachOutcome(QWidget):
    """The outcome line (red when something was refused) and the wrong lines under it, hidden when none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(QCoreApplication.translate("AttachDialog", "What the attachment did"))
        self.problems = QListWidget(self)
        self.problems.setAccessibleName(QCoreApplication.translate("AttachDialog", "Wrong lines"))
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problems, 1)

    def say(self, text: str, *, wrong: bool) -> None:
        self.outcome.setStyleSheet(f"color: {OVERDUE_COLOUR};" if wrong else "")
        self.outcome.setText(text)

    def clear(self) -> None:
        self.say("", wrong=False)
        self.problems.clear()
        self.problems.hide()

    def show_report(self, report: AttachReport) -> None:
        self.problems.clear()
        self.problems.hide()
        if report.committed:
            self.say(counts_text(report), wrong=False)
            return
        if report.cancelled:
            self.say(
                QCoreApplication.translate(
                    "AttachDialog", "Cancelled: nothing was attached (%1 read before it stopped)."
                ).replace("%1", f"{report.read:,}"),
                wrong=False,
            )
            return
        self.say(render_message(refusal(report)), wrong=True)
        # In the source's order: a malformed number is found as it is read, an unknown one a chunk later.
        in_order = sorted(report.problems, key=lambda problem: problem.line)
        self.problems.addItems([render_message(problem.said) for problem in in_order])
        self.problems.show()

    def show_failure(self, error: Exception) -> None:
        self.problems.clear()
        self.problems.hide()
        self.say(refusal_text(error), wrong=True)
