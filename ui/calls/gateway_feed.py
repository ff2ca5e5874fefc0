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
        parent: QObject | None = None,
    ) -> None:
        """`on_event` and `on_status` are called on the GUI thread (the bridge's signals)."""
        super().__init__(parent)
        self._url = url
        self._on_event, self._on_status = on_event, on_status
        self._follower: GatewayFollower | None = None
        self._agent_id: int | None = None
        # Counts followers: only what the current one delivers reaches the bridge.
        self._generation = 0
        self._stopping: list[threading.Thread] = []
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
        follower = GatewayFollower(self._url, agent.id, agent.login)
        self._follower = follower
        follower.start(
            lambda event: self._event_arrived.emit(generation, event),
            lambda status: self._status_arrived.emit(generation, status),
        )

    def stop(self) -> None:
        """Stop following and wait until every follower has stopped: none may outlive the window."""
        self._retire(wait=True)
        self._agent_id = None
        for thread in self._stopping:
            thread.join()
        self._stopping.clear()

    def _retire(self, *, wait: bool = False) -> None:
        follower, self._follower = self._follower, None
        self._generation += 1
        if follower is None:
            return
        if wait:
            follower.stop()
        else:
            # Stopping waits for the follower's thread (a quarter of a second, longer while the server
            # does not answer): not on the GUI thread while an agent signs in.
            thread = threading.Thread(target=follower.stop, name="gateway-follower-stop", daemon=True)
            thread.start()
            self._stopping = [*(item for item in self._stopping if item.is_alive()), thread]
        self.retired.emit(follower.name)

    @Slot(int, object)
    def _pass_event(self, generation: int, event: CallEvent) -> None:
        if generation == self._generation:
            self._on_event(event)

    @Slot(int, object)
    def _pass_status(self, generation: int, status: SourceStatus) -> None:
        if generation == self._generation:
            self._on_status(status)
