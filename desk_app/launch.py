"""What the command line hands to the GUI, which it finds through the `inquiry_desk.gui` entry point.

The core never imports the Qt layer; the GUI registers itself as a plug-in instead, so the layer
contract holds and headless commands never pay for importing Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from desk_app.config import Config

GUI_ENTRY_POINT_GROUP = "inquiry_desk.gui"


@dataclass(frozen=True)
class GuiLaunch:
    config: Config
    database_url: str
    agent_login: str | None
    demo: bool
    qt_args: tuple[str, ...] = ()


class GuiRunner(Protocol):
    def __call__(self, launch: GuiLaunch) -> int: ...


class GuiNotInstalled(RuntimeError):
    pass


def find_gui() -> GuiRunner:
    for entry in entry_points(group=GUI_ENTRY_POINT_GROUP):
        if entry.name == "main":
            runner: GuiRunner = entry.load()
            return runner
    raise GuiNotInstalled("the desk's window is not installed (entry point inquiry_desk.gui:main missing)")
