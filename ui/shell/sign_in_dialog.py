"""The sign-in dialog: login and password, checked off the GUI thread; a refusal said in plain words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.config import Security
from desk_app.services.accounts import RefusalReason, SignInRefused
from desk_app.services.agents import AgentInfo
from ui.common.background import BackgroundRunner
from ui.shell import ops


class SignInDialog(QDialog):
    """Asks for login and password; emits `signed_in(agent)` and closes when the core accepts them.

    On the demo desk (`demo`), an empty password signs in a demo agent, who has none; the core
    refuses that for any agent who has a password. The password leaves this dialog only for the
    core's check and is never logged, shown or kept.
    """

    signed_in = Signal(object)
    # Emitted after every refusal, with the core's reason: lets tests wait for the answer.
    refused = Signal(object)

    def __init__(
        self,
        runner: BackgroundRunner,
        security: Security,
        *,
        login: str = "",
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._security = security
        self._demo = demo
        self._busy = False
        self.setWindowTitle(self.tr("Sign in"))
        self.setObjectName("sign_in_dialog")
        self.login_field = QLineEdit(login)
        self.login_field.setAccessibleName(self.tr("Login"))
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setAccessibleName(self.tr("Password"))
        if demo:
            self.password_field.setPlaceholderText(self.tr("Demo desk: leave empty"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login_field)
        form.addRow(self.tr("&Password:"), self.password_field)
        self._layout = layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Wide enough for the demo desk's hint in the password field and a refusal in three or four lines.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 52)
        (self.password_field if login else self.login_field).setFocus()

    def _say(self, words: str) -> None:
        """The message under the fields; the dialog grows to show all of it (a top-level window does not
        follow its wrapped label's height by itself)."""
        self.message.setText(words)
        self._layout.activate()
        height = self._layout.totalHeightForWidth(self.width())
        if height > self.height():
            self.resize(self.width(), height)

    @Slot()
    def submit(self) -> None:
        """Enter or the button: check the login and password in the background."""
        login = self.login_field.text().strip()
        if self._busy or not login:
            if not login:
                self._say(self.tr("Type your login."))
            return
        password = self.password_field.text()
        # Cleared at once: the typed password is in no widget while the check runs.
        self.password_field.clear()
        self._busy = True
        self.sign_in_button.setEnabled(False)
        self._say(self.tr("Signing in…"))
        check = ops.sign_in(
            login, password, security=self._security, passwordless=self._demo and not password
        )
        # The operation's name goes to error logs: it never includes the login or the password.
        self._runner.run(check, name="sign in", on_success=self._answered, on_error=self._failed, owner=self)

    def _answered(self, answer: AgentInfo | SignInRefused) -> None:
        self._busy = False
        self.sign_in_button.setEnabled(True)
        if isinstance(answer, SignInRefused):
            self._say(refusal_words(answer))
            self.password_field.setFocus()
            self.refused.emit(answer)
            return
        self.message.clear()
        self.signed_in.emit(answer)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.sign_in_button.setEnabled(True)
        self._say(self.tr("Sign-in could not be checked."))
        self._runner.show_error(error)


def refusal_words(refused: SignInRefused) -> str:
    """The refusal as the agent reads it: a locked login is told what an unknown one is (the core says
    the same for both), so the words name the lockout as a possibility, never as a fact."""

    words = {
        RefusalReason.WRONG_LOGIN_OR_PASSWORD: QCoreApplication.translate(
            "SignInDialog",
            "The login or the password is wrong. After several wrong passwords a login is refused for a"
            " while, even with the right one: try again later, or ask an administrator.",
        ),
        RefusalReason.DISABLED: QCoreApplication.translate(
            "SignInDialog", "This login has been disabled. Ask an administrator."
        ),
        RefusalReason.PASSWORD_REQUIRED: QCoreApplication.translate("SignInDialog", "Type your password."),
    }
    return words[refused.reason]
