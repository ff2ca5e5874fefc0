"""What the command line hands to the GUI, which it finds through the `inquiry_desk.gui` entry point.

The core never imports the Qt layer; the GUI registers itself as a plug-in instead, so the layer
contract holds and headless commands never pay for importing Qt.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from desk_app.config import Config

GUI_ENTRY_POINT_GROUP = "inquiry_desk.gui"
# What the entry point names (pyproject.toml), for a frozen bundle, which carries no package metadata.
# Imported by name at call time, as the entry point machinery does, so the layer contract still holds.
FROZEN_GUI = "ui.shell.app:run"


@dataclass(frozen=True)
class GuiLaunch:
    config: Config
    database_url: str
    agent_login: str | None
    demo: bool
    qt_args: tuple[str, ...] = ()
    # The demo database's own CTI token (from its demo mark), for the demo desk's loopback endpoint.
    demo_cti_token: str | None = None
    # The command line's checks of the scripts and the database (the demo's mark, migrations) and its
    # closing of stale calls, which the window runs off the GUI thread once it has painted: SQLAlchemy and
    # the models are not needed to paint it. Returns the launch as the database completes it.
    open_database: Callable[[], GuiLaunch] | None = dataclasses.field(default=None, compare=False)

    def opened(self) -> GuiLaunch:
        """This launch with its database checked and opened; whatever the check raises is the command
        line's to report (a `CommandError` said in one line), as if it had failed before the window."""
        if self.open_database is None:
            return self
        return dataclasses.replace(self.open_database(), open_database=None)


class GuiRunner(Protocol):
    def __call__(self, launch: GuiLaunch) -> int: ...


class GuiNotInstalled(RuntimeError):
    pass


def find_gui() -> GuiRunner:
    if getattr(sys, "frozen", False):
        module_name, _, attribute = FROZEN_GUI.partition(":")
        frozen_runner: GuiRunner = getattr(importlib.import_module(module_name), attribute)
        return frozen_runner
    for entry in entry_points(group=GUI_ENTRY_POINT_GROUP):
        if entry.name == "main":
            runner: GuiRunner = entry.load()
            return runner
    raise GuiNotInstalled("the desk's window is not installed (entry point inquiry_desk.gui:main missing)")
