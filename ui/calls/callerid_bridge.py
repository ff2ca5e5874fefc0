"""Carries caller-ID events and source states from the sources' threads to the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from desk_app.callerid.events import CallEvent
from desk_app.callerid.hub import CallerIdHub
from desk_app.callerid.simulator import CallSimulator
from desk_app.config import Config

if TYPE_CHECKING:
    from ui.calls.gateway_feed import GatewayFeed


class CallerIdBridge(QObject):
    """Hand `deliver_event` and `deliver_status` to the sources; connect to `call_event` and `status_changed`.

    The deliver methods may be called from any thread: they only emit a signal, which Qt queues
    to the thread this object lives in.
    """

    call_event = Signal(object)
    status_changed = Signal(object)
    _event_arrived = Signal(object)
    _status_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._event_arrived.connect(self.call_event, Qt.ConnectionType.QueuedConnection)
        self._status_arrived.connect(self.status_changed, Qt.ConnectionType.QueuedConnection)

    def deliver_event(self, event: CallEvent) -> None:
        self._event_arrived.emit(event)

    def deliver_status(self, status: object) -> None:
        self._status_arrived.emit(status)


@dataclass(frozen=True)
class CallerId:
    """The window's caller ID: every configured source plus the simulator, feeding one bridge.

    Whoever makes it starts the hub once the window listens, and stops it (and `gateway`) before the window
    goes: a source's thread must not deliver to a bridge that no longer exists. On the gateway's database
    `gateway` follows whoever the window says is signed in.
    """

    bridge: CallerIdBridge
    hub: CallerIdHub
    simulator: CallSimulator
    gateway: GatewayFeed | None = None

    def stop(self) -> None:
        """Every source stopped: the configured ones, the simulator and the gateway's follower."""
        self.hub.stop()
        if self.gateway is not None:
            self.gateway.stop()


def caller_id_for(
    config: Config, parent: QObject | None = None, *, database_url: str | None = None
) -> CallerId:
    """The sources the configuration names and a simulator (always: training and demos), not started;
    on the gateway's database (`database_url` on PostgreSQL) also the feed of the signed-in agent's calls."""
    bridge = CallerIdBridge(parent)
    simulator = CallSimulator()
    hub = CallerIdHub.from_config(config, bridge.deliver_event, bridge.deliver_status, extra=[simulator])
    gateway = None
    if database_url is not None and database_url.startswith("postgresql"):
        # On first use: a desk on SQLite needs nothing of the follower.
        from ui.calls.gateway_feed import GatewayFeed

        gateway = GatewayFeed(
            database_url,
            bridge.call_event.emit,
            bridge.status_changed.emit,
            config.switchboard,
            parent,
        )
    return CallerId(bridge=bridge, hub=hub, simulator=simulator, gateway=gateway)
