"""Action steps that record what the published policy tells the caller: the list the configuration holds
now, with its version, shown before Next records it on the case (or, for joint use, that it was told)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from desk_app.config import CompanyProfile
from desk_app.scripts.model import Action, Language, Operation, Step
from ui.cases.script_step_page import HINT_STYLE, StepPage


class PolicyListPage(StepPage):
    """What Next records: the purposes of use for the notice, the foreign countries with their recipients,
    or the joint use the caller was told of. The list scrolls, however long the configuration makes it; the
    agent may read from it if the caller asks."""

    def __init__(self, step: Step, company: CompanyProfile, language: Language, answer: str | None) -> None:
        super().__init__(step, company, language, answer)
        assert isinstance(step.detail, Action)
        heading, items, outcome = self._contents(step.detail.operation, company)
        title = QLabel(heading)
        title.setWordWrap(True)
        self.add_input(title)
        self.listed = QPlainTextEdit()
        self.listed.setReadOnly(True)
        self.listed.setTabChangesFocus(True)
        self.listed.setAccessibleName(heading)
        self.listed.setPlainText("\n".join(f"{number}. {item}" for number, item in enumerate(items, 1)))
        self.listed.setMinimumHeight(120)
        self.add_input(self.listed)
        self.outcome = QLabel(outcome)
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(HINT_STYLE)
        self.add_input(self.outcome)

    def _contents(self, operation: Operation, company: CompanyProfile) -> tuple[str, Sequence[str], str]:
        """The list's heading, its items and what Next does, for the step's operation."""
        if operation is Operation.RECORD_FOREIGN_TRANSFER:
            information = company.foreign_transfer
            heading = self.tr("Foreign recipients the letter describes (version %1):").replace(
                "%1", str(information.version)
            )
            items = [f"{country.country}: {country.recipient}" for country in information.countries]
            outcome = self.tr(
                "Next records them, with each country's protection system and the recipient's measures; the "
                "letter goes by post once the case is completed."
            )
            return heading, items or [self.tr("(none: no data goes abroad)")], outcome
        if operation is Operation.ANSWER_JOINT_USE:
            joint = company.joint_use
            heading = self.tr("Joint use as the caller was told (version %1):").replace(
                "%1", str(joint.version)
            )
            items = [
                *joint.companies,
                self.tr("Items: %1").replace("%1", joint.items),
                self.tr("Purpose: %1").replace("%1", joint.purpose),
                self.tr("Responsible: %1").replace("%1", joint.responsible_name(company.name)),
            ]
            outcome = self.tr("Next records the answer; finishing the script closes the case as answered.")
            return heading, items, outcome
        purposes = company.purposes
        heading = self.tr("Purposes of use the notice lists (version %1):").replace(
            "%1", str(purposes.version)
        )
        outcome = self.tr(
            "Next records them on the case; the notice goes by post once the case is completed."
        )
        return heading, purposes.items, outcome

    def focus_input(self) -> bool:
        self.listed.setFocus()
        return True
