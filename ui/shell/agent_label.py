"""The status bar's signed-in agent field: who works at the desk, or why no one does."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desk_app.domain.enums import AgentRole
from desk_app.services.accounts import SignInRefused
from desk_app.services.agents import AgentInfo, UnknownAgent


class AgentLabel(QLabel):
    """The agent's name and role; "Signing in…", "Locked" or a refusal while that is what is true."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Signed-in agent"))
        self.setContentsMargins(6, 0, 6, 0)

    def role_text(self, role: AgentRole) -> str:
        labels = {
            AgentRole.AGENT: self.tr("Agent"),
            AgentRole.SUPERVISOR: self.tr("Supervisor"),
            AgentRole.ADMIN: self.tr("Administrator"),
        }
        return labels.get(role, str(role))

    def show_agent(self, agent: AgentInfo | None) -> None:
        text = (
            self.tr("Not signed in")
            if agent is None
            else f"{agent.display_name} ({self.role_text(agent.role)})"
        )
        self.setText(text)
        self.setToolTip(text)

    def show_signing_in(self) -> None:
        self.setText(self.tr("Signing in…"))

    def show_locked(self) -> None:
        self.setText(self.tr("Locked"))

    def show_refusal(self, error: Exception) -> bool:
        """Say why a sign-in without a password was refused; False for an error that is no refusal."""
        if isinstance(error, UnknownAgent):
            self.setText(self.tr("Not signed in: unknown or inactive login"))
        elif isinstance(error, SignInRefused):
            self.setText(self.tr("Not signed in: this login signs in with its password"))
        else:
            return False
        return True
