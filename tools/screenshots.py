"""The guides' and the docs' screenshots, in Japanese, on a fresh demo database.

    .venv/bin/python tools/screenshots.py             # 1366×768 at 100 % and at 150 % scaling

Runs offscreen (or under Xvfb when DISPLAY is set and QT_QPA_PLATFORM is not): each page is grabbed from
the window itself, so no window manager is needed. The 150 % set runs in a child process with
QT_SCALE_FACTOR=1.5, the window 1366×768 device pixels, as on a laptop set to 150 %.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE_IMAGES = ROOT / "docs" / "guide" / "images"
DOCS_SCALED = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1366, 768


def _settle(milliseconds: int = 1500) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _save(widget: object, path: Path) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path), "PNG", 9)
    print(path.relative_to(ROOT), f"{path.stat().st_size // 1024} KB")


def shoot(database_url: str, scaled: bool) -> None:
    os.environ["DESK_APP_LANGUAGE"] = "ja"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk_app.config import Config
    from desk_app.storage.engine import describe, make_engine, session_factory
    from ui.calls.callerid_bridge import caller_id_for
    from ui.common.background import BackgroundRunner
    from ui.common.fonts import load_bundled_fonts, use_japanese_fallback
    from ui.common.translations import install_translators, startup_language
    from ui.shell.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    use_japanese_fallback(app, load_bundled_fonts())
    install_translators(app, startup_language(QSettings()))
    engine = make_engine(database_url)
    runner = BackgroundRunner(session_factory(engine))
    config = Config()
    caller_id = caller_id_for(config)
    window = MainWindow(config, runner, describe(engine), caller_id=caller_id, demo=True)
    factor = 1.5 if scaled else 1.0
    window.resize(round(WIDTH / factor), round(HEIGHT / factor))
    window.show()
    caller_id.hub.start()
    suffix = "150pct" if scaled else "1366x768"
    try:
        window.sign_in("demo")
        _settle()
        if not scaled:
            window.focus_search()
            window.pages.search_pane.search_field.setText("サトウ")
            window.pages.search_pane.start_search()
            _settle()
            _save(window, GUIDE_IMAGES / "agent-search.png")
        caller_id.simulator.ring(_a_customers_number(database_url))
        _settle(2500)
        window.accept_call()
        _settle()
        _save(
            window,
            (GUIDE_IMAGES / "agent-screen-pop.png")
            if not scaled
            else DOCS_SCALED / f"screen-pop-{suffix}.png",
        )
        window.new_inquiry()
        _settle(500)
        dialog = window.new_inquiry_dialog
        if dialog is not None:
            dialog.requests.button(1).click()
            dialog.accept()
        _settle()
        _save(window, (GUIDE_IMAGES / "agent-case.png") if not scaled else DOCS_SCALED / f"case-{suffix}.png")
        window.sign_in(None)
        window.sign_in("supervisor.tanaka")
        _settle()
        for page, name in (
            (window.case_log, "case-log"),
            (window.dashboard, "dashboard"),
            (window.registers, "registers"),
        ):
            window.pages.setCurrentWidget(page)
            _settle(2000)
            if scaled:
                _save(window, DOCS_SCALED / f"{name}-{suffix}.png")
            else:
                _save(window, GUIDE_IMAGES / f"supervisor-{name}.png")
    finally:
        caller_id.hub.stop()
        runner.shutdown()
        engine.dispose()


def _a_customers_number(database_url: str) -> str:
    from sqlalchemy import select

    from desk_app.storage.engine import make_engine, session_factory
    from desk_app.storage.models import Phone

    engine = make_engine(database_url)
    with session_factory(engine)() as session:
        number = session.scalars(select(Phone.raw).order_by(Phone.id).limit(1)).one()
    engine.dispose()
    return number


def main() -> int:
    if len(sys.argv) == 3:
        shoot(sys.argv[1], sys.argv[2] == "scaled")
        return 0
    environment = {**os.environ}
    environment.setdefault("QT_QPA_PLATFORM", "offscreen" if "DISPLAY" not in os.environ else "xcb")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        environment["HOME"] = folder
        subprocess.run(
            [sys.executable, "-m", "desk_app", "demo-data", "--db", url, "--customers", "300"],
            check=True,
            env=environment,
        )
        subprocess.run([sys.executable, __file__, url, "plain"], check=True, env=environment)
        scaled = {**environment, "QT_SCALE_FACTOR": "1.5"}
        subprocess.run([sys.executable, __file__, url, "scaled"], check=True, env=scaled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
