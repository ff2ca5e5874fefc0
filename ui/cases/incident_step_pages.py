"""The action step of a question about a leak incident: what Next records as told (the incident's account
and measures as its record says now, or that no incident was named), and the request the caller asked
for, which the agent opens next."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from desk_app.config import CompanyProfile
from desk_app.scripts.model import Language, Step
from desk_app.services.cases.incident_answers import IncidentBriefing
from ui.cases.script_step_page import HINT_STYLE, StepPage


class LeakAnswerPage(StepPage):
    """`incident`: the incident the case is about (None: none named); `wish`: the `wishes` step's answer."""

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        incident: IncidentBriefing | None,
        wish: str,
    ) -> None:
        super().__init__(step, company, language, answer)
        if incident is None:
            heading = self.tr(
                "No incident is named: Next records that the caller was told the facts are being established."
            )
            told = ""
        else:
            heading = (
                self.tr("What the caller was told of incident %1 (%2):")
                .replace("%1", incident.incident_no)
                .replace("%2", incident.title)
            )
            told = "\n\n".join(
                (
                    self.tr("What happened: %1").replace("%1", incident.what_happened),
                    self.tr("Measures: %1").replace("%1", incident.measures),
                )
            )
        title = QLabel(heading)
        title.setWordWrap(True)
        self.add_input(title)
        self.told = QPlainTextEdit()
        self.told.setReadOnly(True)
        self.told.setTabChangesFocus(True)
        self.told.setAccessibleName(heading)
        self.told.setPlainText(told)
        self.told.setMinimumHeight(120)
        self.add_input(self.told)
        # Hidden once in its page: shown before it had a parent, it would open as a window of its own.
        self.told.setHidden(incident is None)
        self.outcome = QLabel(self._outcome(wish))
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(HINT_STYLE)
        self.add_input(self.outcome)

    def _outcome(self, wish: str) -> str:
        done = self.tr("Next records the answer; finishing the script closes the case as answered.")
        follow = {
            "suspension": self.tr("Then open the suspension the caller asked for (New inquiry, Alt+4)."),
            "deletion": self.tr("Then open the deletion the caller asked for (New inquiry, Alt+5)."),
            "report": self.tr("Then record the caller's suspicious-contact report (New inquiry, Alt+7)."),
        }
        return f"{done}\n{follow[wish]}" if wish in follow else done

    def focus_input(self) -> bool:
        if not self.told.isHidden():
            self.told.setFocus()
            return True
        return False
