"""The desk's source on a call-centre floor: a `GatewayFollower` for whoever is signed in, feeding the bridge.

On the gateway's PostgreSQL database the calls come routed to an agent, not to a machine, so the follower
is made when an agent signs in and replaced when another one does. A follower's thread may still deliver
after it was told to stop, and Qt may still hold what it delivered just before: both are dropped here, on
the GUI thread, so the previous agent's calls never pop for the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desk_app.callerid.events import CallEvent
from desk_app.callerid.source import SourceStatus
from desk_app.config import Switchboard
from desk_app.gateway.follower import GatewayFollower
from desk_app.services.agents import AgentInfo


class GatewayFeed(QObject):
    """Follows the signed-in agent (`follow`); `stop()` before the window goes waits for every follower."""

    # A follower stopped for good (its agent left the desk): the status bar forgets its name.
    retired = Signal(str)
    # From the followers' threads: (generation, event or status).
    _event_arrived = Signal(int, object)
    _status_arrived = Signal(int, object)

    def __init__(
        self,
        url: str,
        on_event: Callable[[CallEvent], None],
        on_status: Callable[[SourceStatus], None],
        settings: Switchboard,
        parent: QObject | None = None,
    ) -> None:
        """`on_event` and `on_status` are called on the GUI thread (the bridge's signals)."""
        super().__init__(parent)
        self._url = url
        self._settings = settings
        self._on_event, self._on_status = on_event, on_status
        self._follower: GatewayFollower | None = None
        self._agent_id: int | None = None
        # Counts followers: only what the current one delivers reaches the bridge.
        self._generation = 0
        # Followers stopping, and answers being written, off the GUI thread: waited for by `stop`.
        self._threads: list[threading.Thread] = []
        self._event_arrived.connect(self._pass_event, Qt.ConnectionType.QueuedConnection)
        self._status_arrived.connect(self._pass_status, Qt.ConnectionType.QueuedConnection)

    @property
    def follower(self) -> GatewayFollower | None:
        """The follower of the agent signed in now; None while no one is."""
        return self._follower

    def follow(self, agent: AgentInfo | None) -> None:
        """Follow `agent`'s calls from now on (None: nobody's); the same agent again changes nothing."""
        if (agent.id if agent is not None else None) == self._agent_id:
            return
        self._retire()
        self._agent_id = agent.id if agent is not None else None
        if agent is None:
            return
        generation = self._generation
        follower = GatewayFollower(self._url, agent.id, agent.login, settings=self._settings)
        self._follower = follower
        follower.start(
            lambda event: self._event_arrived.emit(generation, event),
            lambda status: self._status_arrived.emit(generation, status),
        )

    @Slot(str)
    def mark_answered(self, call_id: str) -> None:
        """The agent opened a Number Display call's banner: an adapter cannot see answers, so the follower
        writes the answer for this desk (the gateway closes the call at the others)."""
        if self._follower is not None:
            self._in_background(self._follower.mark_answered, call_id, name="gateway-answer")

    def stop(self) -> None:
        """Stop following and wait until every follower has stopped: none may outlive the window."""
        self._retire(wait=True)
        self._agent_id = None
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _in_background(self, task: Callable[..., None], *args: object, name: str) -> None:
        # A database round trip (longer while the server does not answer): not on the GUI thread.
        thread = threading.Thread(target=task, args=args, name=name, daemon=True)
        thread.start()
        self._threads = [*(item for item in self._threads if item.is_alive()), thread]

    def _retire(self, *, wait: bool = False) -> None:
        follower, self._follower = self._follower, None
        self._generation += 1
        if follower is None:
            return
        if wait:
            follower.stop()
        else:
            # Stopping waits for the follower's thread: not while an agent signs in.
            self._in_background(follower.stop, name="gateway-follower-stop")
        self.retired.emit(follower.name)

    @Slot(int, object)
    def _pass_event(self, generation: int, event: CallEvent) -> None:
        if generation == self._generation:
            self._on_event(event)

    @Slot(int, object)
    def _pass_status(self, generation: int, status: SourceStatus) -> None:
        if generation == self._generation:
            self._on_status(status)
