"""The GUI entry point (`inquiry_desk.gui` → `ui.app:run`): application, fonts, database and main window."""

from __future__ import annotations

import dataclasses
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from desk_app import __version__
from desk_app.config import Config, demo_cti_source
from desk_app.launch import GuiLaunch
from desk_app.storage.engine import describe, make_engine, session_factory
from ui.background import BackgroundRunner
from ui.callerid_bridge import caller_id_for
from ui.fonts import load_bundled_fonts, use_japanese_fallback
from ui.main_window import MainWindow
from ui.startup_probe import install_from_environment
from ui.translations import install_translators, remove_translators, startup_language

# Start-up is measured from here when the launcher did not say when the process started.
_IMPORTED_AT = time.time()

APPLICATION_NAME = "Inquiry Desk"
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
    """Show the main window, start the caller-ID sources and run the event loop; returns the exit code.

    The command line has already applied the migrations; this only opens the database.
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

    engine = make_engine(launch.database_url)
    runner = BackgroundRunner(session_factory(engine))
    app.aboutToQuit.connect(runner.shutdown)
    caller_id = caller_id_for(caller_id_config(launch))
    # Before the first widget: texts are translated when a widget is built.
    translators = install_translators(app, startup_language(QSettings()))
    try:
        window = MainWindow(launch.config, runner, describe(engine), caller_id=caller_id, demo=launch.demo)
        install_from_environment(window, _IMPORTED_AT)
        window.show()
        if launch.demo:
            # The demo agents have no password; the core refuses this path to any agent who has one.
            window.sign_in(launch.agent_login)
        else:
            # A real desk always asks for the password; `--agent LOGIN` only fills in the login.
            window.ask_sign_in(launch.agent_login)
        # Started once the window listens; a serial port or CTI listener that fails says so in the
        # status bar instead of stopping the desk.
        caller_id.hub.start()
        return app.exec()
    finally:
        # Sources stop before the engine goes; an event that slipped in after the runner stopped is
        # dropped by the window (ScreenPopFlow), never run.
        caller_id.hub.stop()
        # Closing the last window posts a Quit the finished loop never sees; left queued, it would
        # stop the next event loop at once (tests call run() in a process that carries on).
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        # No worker may outlive the engine it borrows connections from.
        runner.shutdown()
        engine.dispose()
        remove_translators(app, translators)
