"""The agent's presence on a call-centre floor (受付可, 通話中, 後処理, 離席): the status-bar button and its
menu, and the after-call bar, kept in step with the switchboard.

The desk chooses available or away; the calls move the rest (the gateway puts the answering agent on the
call, and the hang-up into after-call work). The desk reads its presence again when one of its calls is
answered or ends, when after-call work runs out, and every half minute for what no call announces.
Everything goes through one `SerialWork`, so what shows is what the last step left.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from desk_app.callerid.events import CallEvent
from desk_app.config import Switchboard
from desk_app.domain.enums import CallState, PresenceState
from desk_app.services.agents import AgentInfo
from desk_app.services.database import classify
from desk_app.services.switchboard.presence import Presence, PresenceRefused
from ui.calls import ops
from ui.calls.after_call_bar import AfterCallBar, numbered
from ui.common.background import BackgroundRunner, Work, refusal_text
from ui.common.japan_time import duration_text
from ui.common.serial_work import SerialWork

log = logging.getLogger(__name__)

# A supervisor's change, or after-call work ended at another desk's reading, reaches this desk by then.
POLL_MS = 30_000
TICK_MS = 1_000


def seconds_left(presence: Presence, now: dt.datetime) -> int:
    """Whole seconds of after-call work left (rounded up: 0:00 shows only when it is over)."""
    until = presence.after_call_until
    if until is None:
        return 0
    if until.tzinfo is None:
        until = until.replace(tzinfo=dt.UTC)
    return max(0, math.ceil((until - now).total_seconds()))


def presence_text(presence: Presence, now: dt.datetime) -> str:
    """The state in the floor's words: 受付可, 離席（休憩）, 後処理 0:42."""
    word = presence.state.japanese
    if presence.state is PresenceState.AWAY and presence.reason:
        return f"{word}（{presence.reason}）"
    if presence.state is PresenceState.AFTER_CALL and presence.after_call_until is not None:
        return f"{word} {duration_text(seconds_left(presence, now))}"
    return word


class PresenceControls(QObject):
    """The button (`button`), its menu (`menu`, also in the Call menu) and `after_call_bar`."""

    # The presence shown now (a Presence), or None while nobody is signed in.
    presence_changed = Signal(object)

    def __init__(self, runner: BackgroundRunner, settings: Switchboard, window: QWidget) -> None:
        super().__init__(window)
        self._runner, self._settings = runner, settings
        self._work = SerialWork(runner, self)
        self._agent: AgentInfo | None = None
        self._locked = False
        # Asked for once when the countdown reaches zero, and again only after the presence changed.
        self._expiring = False
        self.presence: Presence | None = None
        self.notice: QMessageBox | None = None

        self.menu = QMenu(self.tr("My s&tatus"), window)
        self.available_action = self._checkable(self.menu, self.tr("&Available (受付可)"))
        self.available_action.triggered.connect(lambda: self.choose(PresenceState.AVAILABLE))
        self.away_menu = self.menu.addMenu(self.tr("A&way (離席)"))
        self.away_actions: dict[str, QAction] = {}
        for index, reason in enumerate(settings.away_reasons):
            action = self._checkable(self.away_menu, numbered(index, reason))
            action.triggered.connect(lambda _=False, why=reason: self.choose(PresenceState.AWAY, why))
            self.away_actions[reason] = action
        self.menu.addSeparator()
        self.extend_action = self.menu.addAction(
            self.tr("&Extend after-call work by %1").replace(
                "%1", duration_text(settings.after_call_extension_seconds)
            )
        )
        self.extend_action.triggered.connect(self.extend)
        self.wrap_up_menu = self.menu.addMenu(self.tr("Wrap-up &code (応対区分)"))
        for index, code in enumerate(settings.wrap_up_codes):
            action = self.wrap_up_menu.addAction(numbered(index, code))
            action.triggered.connect(lambda _=False, chosen=code: self.wrap_up(chosen))

        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        self.button.setAccessibleName(self.tr("My status"))
        self.button.setToolTip(self.tr("Your status on the call floor: queue calls ring while it is 受付可"))
        self.after_call_bar = AfterCallBar(settings.wrap_up_codes, settings.after_call_extension_seconds)
        self.after_call_bar.extend_requested.connect(self.extend)
        self.after_call_bar.code_chosen.connect(self.wrap_up)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._count_down)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._show()

    @staticmethod
    def _checkable(menu: QMenu, text: str) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        return action

    @property
    def agent(self) -> AgentInfo | None:
        return self._agent

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        """Whoever signed in is marked available; whoever left the desk, signed out."""
        self._locked = False
        if (agent.id if agent else None) == (self._agent.id if self._agent else None):
            self._show()
            return
        previous, self._agent = self._agent, agent
        self._change(None)
        if previous is not None:
            self._work.run(
                ops.end_presence(previous.id), name="sign out of the switchboard", on_error=_left_anyway
            )
        if agent is None:
            self._poll.stop()
            return
        self._run(ops.begin_presence(agent.id), "sign in to the switchboard", asked=False)
        self._poll.start()

    def leave(self) -> None:
        """The window closes: the agent is signed out, at once (not behind work queued before)."""
        agent, self._agent = self._agent, None
        self._poll.stop()
        self._change(None)
        if agent is not None and not self._runner.is_shut_down:
            self._runner.run(
                ops.end_presence(agent.id), name="sign out of the switchboard", on_error=_left_anyway
            )

    @Slot()
    def lock(self) -> None:
        """The window is locked: the status stays as it is until someone signs in again."""
        self._locked = True
        self._show()

    @Slot()
    def refresh(self) -> None:
        if self._agent is not None:
            self._run(ops.presence_now(self._agent.id), "read the agent's presence", asked=False)

    @Slot(object)
    def follow_call(self, event: CallEvent) -> None:
        """An answer or a hang-up at this desk moves the presence: the gateway did so as it routed it."""
        if event.state in (CallState.ANSWERED, CallState.ENDED):
            self.refresh()

    def choose(self, state: PresenceState, reason: str | None = None) -> None:
        if self._agent is not None:
            work = ops.choose_presence(self._agent.id, state, reason, self._settings)
            self._run(work, "change the agent's presence", asked=True)

    @Slot()
    def extend(self) -> None:
        if self._agent is not None:
            work = ops.extend_after_call(self._agent.id, self._settings)
            self._run(work, "extend after-call work", asked=True)

    @Slot(str)
    def wrap_up(self, code: str) -> None:
        if self._agent is not None:
            self._run(ops.wrap_up(self._agent.id, code, self._settings), "wrap up a call", asked=True)

    def _run(self, work: Work[Presence], name: str, *, asked: bool) -> None:
        agent = self._agent
        self._work.run(
            work,
            name=name,
            on_success=lambda presence: self._arrived(agent, presence),
            on_error=lambda error: self._failed(agent, error, asked=asked),
        )

    def _arrived(self, agent: AgentInfo | None, presence: Presence) -> None:
        if agent is not None and agent == self._agent:
            self._change(presence)

    def _change(self, presence: Presence | None) -> None:
        if presence != self.presence:
            self._expiring = False
        self.presence = presence
        self._show()
        self.presence_changed.emit(presence)

    def _failed(self, agent: AgentInfo | None, error: Exception, *, asked: bool) -> None:
        if agent is None or agent != self._agent:
            return
        if isinstance(error, PresenceRefused):
            self._tell(refusal_text(error))
            # Refused because the state moved meanwhile (a call answered): show what it is now.
            self.refresh()
        elif asked or classify(error) is None:
            self._runner.show_error(error)
        # Else the database is out of reach: the status bar's database field says so already.

    def _tell(self, text: str) -> None:
        window = self.parent()
        if self.notice is not None:
            self.notice.close()
        self.notice = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("My status"),
            text,
            QMessageBox.StandardButton.Close,
            window if isinstance(window, QWidget) else None,
        )
        self.notice.open()

    def _show(self) -> None:
        agent, presence = self._agent, self.presence
        enabled = agent is not None and not self._locked
        self.button.setVisible(agent is not None)
        for control in (self.button, self.menu.menuAction(), self.after_call_bar):
            control.setEnabled(enabled)
        now = dt.datetime.now(dt.UTC)
        self.button.setText(presence_text(presence, now) if presence is not None else "…")
        state = presence.state if presence is not None else None
        self.available_action.setChecked(state is PresenceState.AVAILABLE)
        for reason, action in self.away_actions.items():
            action.setChecked(
                state is PresenceState.AWAY and presence is not None and presence.reason == reason
            )
        after_call = presence is not None and state is PresenceState.AFTER_CALL
        extendable = (
            presence is not None
            and after_call
            and not presence.after_call_extended
            and self._settings.after_call_extension_seconds > 0
        )
        self.extend_action.setEnabled(extendable)
        self.wrap_up_menu.menuAction().setEnabled(after_call)
        self.after_call_bar.setVisible(after_call)
        if presence is not None and after_call:
            self.after_call_bar.show_time(seconds_left(presence, now), extended=presence.after_call_extended)
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()

    @Slot()
    def _count_down(self) -> None:
        presence = self.presence
        if presence is None or presence.state is not PresenceState.AFTER_CALL:
            self._tick.stop()
            return
        now = dt.datetime.now(dt.UTC)
        left = seconds_left(presence, now)
        self.button.setText(presence_text(presence, now))
        self.after_call_bar.show_time(left, extended=presence.after_call_extended)
        if left == 0 and not self._expiring:
            # Over: the switchboard ends it as it is read (and says 受付可).
            self._expiring = True
            self.refresh()


def _left_anyway(error: Exception) -> None:
    """Signing out is the desk's courtesy to the floor: a failure is logged, the desk goes on."""
    log.warning("could not sign the agent out of the switchboard: %s", type(error).__name__)
