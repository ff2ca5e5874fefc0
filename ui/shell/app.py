"""The GUI entry point (`inquiry_desk.gui` → `ui.shell.app:run`): application, fonts, start window, then the
database and the main window.

The start window paints before SQLAlchemy, the models or the main window are imported; the database is
checked and opened off the GUI thread after that paint, and only then is the main window built: nothing
can be used, and no one signs in, before the checks are done.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from desk_app import __version__
from desk_app.config import Config, demo_cti_source
from desk_app.launch import GuiLaunch
from ui.common.fonts import load_bundled_fonts, use_japanese_fallback
from ui.common.translations import install_translators, remove_translators, startup_language
from ui.shell.start_window import StartWindow
from ui.shell.startup_probe import FirstPaintProbe, install_from_environment

if TYPE_CHECKING:
    from ui.calls.callerid_bridge import CallerId
    from ui.common.background import BackgroundRunner
    from ui.shell.main_window import MainWindow

# Start-up is measured from here when the launcher did not say when the process started.
_IMPORTED_AT = time.time()

APPLICATION_NAME = "Inquiry Desk"
# The database opens once the start window has painted, or after this long without a paint.
UNPAINTED_START_MS = 1_000
ORGANISATION_NAME = "InquiryDesk"


def caller_id_config(launch: GuiLaunch) -> Config:
    """The configuration the caller-ID sources start from: the demo desk also listens on its loopback
    CTI endpoint when none is configured, with the token of its demo database, so `desk-app ring --demo
    NUMBER` can ring it."""
    config = launch.config
    if launch.demo and launch.demo_cti_token and not config.cti_sources:
        return dataclasses.replace(config, cti_sources=(demo_cti_source(launch.demo_cti_token),))
    return config


def run(launch: GuiLaunch) -> int:
    """Show the start window, open the database, then the main window and the caller-ID sources, and run
    the event loop; returns the exit code.

    What opening the database raises (a database refused, a broken script) is raised here once the start
    window has closed, for the command line to report as it would have before any window.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # qt_args is a whole argv, program name first (the CLI passes its own).
        app = QApplication(list(launch.qt_args) or [sys.argv[0] if sys.argv else "desk-app"])
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationVersion(__version__)
    use_japanese_fallback(app, load_bundled_fonts())
    # Before the first widget: texts are translated when a widget is built.
    translators = install_translators(app, startup_language(QSettings()))
    start = StartWindow(launch.config, demo=launch.demo)
    desk = DeskStart(launch, start, install_from_environment(start, _IMPORTED_AT))
    try:
        start.show()
        exit_code = app.exec()
    finally:
        desk.stop()
        start.close()
        # Closing the last window posts a Quit the finished loop never sees; left queued, it would
        # stop the next event loop at once (tests call run() in a process that carries on).
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        remove_translators(app, translators)
    if desk.error is not None:
        raise desk.error
    return exit_code


def has_terminal() -> bool:
    """Whether the command line can print what stopped the desk (a windowed program has no stderr)."""
    return sys.stderr is not None


def failure_words(error: BaseException | None) -> str:
    """What stopped the desk, in the window's language where the core said it with a message code."""
    from desk_app.domain.messages import MessageError, message_of
    from ui.common.translations import render_message

    if isinstance(error, MessageError):
        return render_message(message_of(error))
    # Anything else may carry a driver's wording: its kind and the administrator's check, not its text.
    kind = type(error).__name__ if error is not None else "?"
    return QCoreApplication.translate(
        "DeskStart", "The database could not be opened (%1). Ask an administrator to run “desk-app doctor”."
    ).replace("%1", kind)


class DeskStart(QObject):
    """Once the start window has painted: `launch.opened()` on a thread of its own, then the main window.

    Not the `BackgroundRunner`: the runner works in sessions of an engine, which is made for the database
    only once that database has been checked. `error` is what the opening raised, if it did.
    """

    # Emitted from the opening thread; delivered on the GUI thread.
    _opening_done = Signal()

    def __init__(self, launch: GuiLaunch, start: StartWindow, probe: FirstPaintProbe | None) -> None:
        super().__init__()
        self._launch = launch
        self._start = start
        self._probe = probe
        self._opened: GuiLaunch | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, name="open the database")
        self._stopped = False
        self.window: MainWindow | None = None
        self._dispose_engine: Callable[[], None] | None = None
        self._runner: BackgroundRunner | None = None
        self._caller_id: CallerId | None = None
        self._opening_done.connect(self._show_desk, Qt.ConnectionType.QueuedConnection)
        start.painted.connect(self._begin)
        # A window started minimised may not paint until someone looks at it; the database opens anyway.
        self._unpainted = QTimer(self)
        self._unpainted.setSingleShot(True)
        self._unpainted.timeout.connect(self._begin)
        self._unpainted.start(UNPAINTED_START_MS)

    @Slot()
    def _begin(self) -> None:
        self._unpainted.stop()
        if self._thread.ident is None and not self._stopped:
            self._thread.start()

    def _open(self) -> None:
        """Runs on the opening thread: the command line's checks, nothing of Qt but the signal."""
        try:
            self._opened = self._launch.opened()
        except BaseException as exc:  # raised again on the GUI thread, whatever it is
            self.error = exc
        finally:
            # Even then: the start window must never wait for ever.
            self._opening_done.emit()

    @Slot()
    def _show_desk(self) -> None:
        if self._stopped:
            return
        if self._opened is None:
            if not has_terminal():
                # A windowed desk (the bundle on Windows) has nowhere to print the refusal: the start
                # window says it until the agent closes it, then run() raises it as ever.
                self._start.show_failure(failure_words(self.error))
                return
            # exit(), not quit(): the database refused, there is nothing to close but this window.
            QCoreApplication.exit(1)
            return
        try:
            self._build(self._opened)
        except BaseException as exc:  # raised again by run(), as it was before the window painted
            self.error = exc
            QCoreApplication.exit(1)

    def _build(self, launch: GuiLaunch) -> None:
        # Imported now: SQLAlchemy, the models and every page are not needed to paint the start window.
        from desk_app.services.database import open_database
        from ui.calls.callerid_bridge import caller_id_for
        from ui.common.background import BackgroundRunner
        from ui.shell.main_window import MainWindow

        database = open_database(launch.database_url)
        self._dispose_engine = database.dispose
        self._runner = runner = BackgroundRunner(database.sessions)
        app = QCoreApplication.instance()
        assert app is not None
        app.aboutToQuit.connect(runner.shutdown)
        self._caller_id = caller_id = caller_id_for(
            caller_id_config(launch), database_url=launch.database_url
        )
        window = MainWindow(
            launch.config, runner, database.description, caller_id=caller_id, demo=launch.demo
        )
        self.window = window
        if self._probe is not None:
            self._probe.watch_main_window(window)
        # Where the start window was, if it was moved; shown before that one closes, so the application
        # never finds itself without a window.
        window.setGeometry(self._start.geometry())
        window.show()
        self._start.close()
        if launch.demo:
            # The demo agents have no password; the core refuses this path to any agent who has one.
            window.sign_in(launch.agent_login)
        else:
            # A real desk always asks for the password; `--agent LOGIN` only fills in the login.
            window.ask_sign_in(launch.agent_login)
        # Started once the window listens; a serial port or CTI listener that fails says so in the
        # status bar instead of stopping the desk.
        caller_id.hub.start()

    def stop(self) -> None:
        """After the event loop: the opening is waited for (a migration is never cut short), the caller-ID
        sources stop, then the runner and the engine."""
        self._stopped = True
        self._unpainted.stop()
        if self._thread.is_alive():
            self._thread.join()
        if self._caller_id is not None:
            # Sources stop before the engine goes (the gateway's follower too); an event that slipped in
            # after the runner stopped is dropped by the window (ScreenPopFlow), never run.
            self._caller_id.stop()
        if self._runner is not None:
            # No worker may outlive the engine it borrows connections from.
            self._runner.shutdown()
        if self._dispose_engine is not None:
            self._dispose_engine()
