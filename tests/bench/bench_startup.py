"""Time from process start to the main window's first paint, beside a bare PySide6 window as the floor.

    .venv/bin/python tests/bench/bench_startup.py            # 7 runs of `desk-app --demo`
    .venv/bin/python tests/bench/bench_startup.py --small    # 2 runs on a tiny database (CI)

Runs offscreen unless DISPLAY is set. The first start (which builds the demo database) is not timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DESK_APP = Path(sys.executable).with_name("desk-app.exe" if os.name == "nt" else "desk-app")

# The floor: an interpreter that imports PySide6, shows a window with a table, and paints it once.
BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableWidget(20, 4))
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        elapsed = time.time() - float(os.environ["DESK_APP_T0"])
        open(os.environ["DESK_APP_STARTUP_PROBE"], "w").write(f"{elapsed:.4f}")
        app.exit(0)
probe = Probe()
window.installEventFilter(probe)
window.resize(1100, 700)
window.show()
sys.exit(app.exec())
"""


def time_start(command: list[str], environment: dict[str, str], probe: Path) -> float:
    probe.unlink(missing_ok=True)
    env = {**environment, "DESK_APP_STARTUP_PROBE": str(probe), "DESK_APP_T0": repr(time.time())}
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if completed.returncode != 0 or not probe.exists():
        raise SystemExit(f"start-up run failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return float(probe.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small", action="store_true", help="two runs on a tiny database (CI)")
    args = parser.parse_args(argv)
    runs = 2 if args.small else args.runs

    with tempfile.TemporaryDirectory(prefix="desk-startup-") as folder:
        work = Path(folder)
        environment = {
            **os.environ,
            "XDG_DATA_HOME": str(work / "data"),
            "XDG_CONFIG_HOME": str(work / "config"),
            "HOME": str(work),
        }
        if not environment.get("DISPLAY"):
            environment["QT_QPA_PLATFORM"] = "offscreen"
        environment.pop("DESK_APP_DB", None)
        if args.small:
            url = f"sqlite:///{(work / 'small.sqlite3').as_posix()}"
            subprocess.run(
                [str(DESK_APP), "demo-data", "--customers", "200", "--db", url],
                env=environment,
                capture_output=True,
                check=True,
            )
            desk = [str(DESK_APP), "--demo", "--db", url]
        else:
            desk = [str(DESK_APP), "--demo"]
        # The first start builds the demo database; it is set-up, not start-up.
        time_start(desk, environment, work / "probe")
        desk_times = [time_start(desk, environment, work / "probe") for _ in range(runs)]
        bare_times = [
            time_start([sys.executable, "-c", BARE_WINDOW], environment, work / "probe") for _ in range(runs)
        ]

    desk_median, bare_median = statistics.median(desk_times), statistics.median(bare_times)
    print(f"platform: {environment.get('QT_QPA_PLATFORM', 'display ' + environment.get('DISPLAY', ''))}")
    print(
        f"desk-app --demo, start to first paint: median {desk_median * 1000:.0f} ms "
        f"(min {min(desk_times) * 1000:.0f}, max {max(desk_times) * 1000:.0f}, {runs} runs)"
    )
    print(f"bare PySide6 window with a table:      median {bare_median * 1000:.0f} ms")
    print(f"ratio desk / bare: {desk_median / bare_median:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
