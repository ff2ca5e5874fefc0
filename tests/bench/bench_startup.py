"""Time from process start to the desk's first paint, beside a bare PySide6 window as the floor.

    .venv/bin/python tests/bench/bench_startup.py            # 7 runs of each, interleaved
    .venv/bin/python tests/bench/bench_startup.py --small    # 2 runs on a tiny database (CI)

The desk and the bare window start in turn, so whatever else loads the machine weighs on both alike; the
medians, their ratio and the load average are printed, with the time until the main window painted (its
database checked and opened). Runs offscreen unless DISPLAY is set. The first start (which builds the demo
database) is not timed.
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


def time_start(command: list[str], environment: dict[str, str], work: Path) -> tuple[float, float]:
    """Seconds to the first paint and to the main window's paint (the same for the bare window)."""
    probe, ready = work / "probe", work / "ready"
    probe.unlink(missing_ok=True)
    ready.unlink(missing_ok=True)
    env = {
        **environment,
        "DESK_APP_STARTUP_PROBE": str(probe),
        "DESK_APP_READY_PROBE": str(ready),
        "DESK_APP_T0": repr(time.time()),
    }
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if completed.returncode != 0 or not probe.exists():
        raise SystemExit(f"start-up run failed ({completed.returncode}): {completed.stderr[-2000:]}")
    first_paint = float(probe.read_text())
    return first_paint, float(ready.read_text()) if ready.exists() else first_paint


def load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


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
        time_start(desk, environment, work)
        load_before = load_average()
        desk_times: list[tuple[float, float]] = []
        bare_times: list[float] = []
        for _ in range(runs):
            desk_times.append(time_start(desk, environment, work))
            bare_times.append(time_start([sys.executable, "-c", BARE_WINDOW], environment, work)[0])

    first_paints = [first for first, _ in desk_times]
    desk_median, bare_median = statistics.median(first_paints), statistics.median(bare_times)
    ready_median = statistics.median(ready for _, ready in desk_times)
    print(f"platform: {environment.get('QT_QPA_PLATFORM', 'display ' + environment.get('DISPLAY', ''))}")
    print(f"load average (1, 5, 15 min): {load_before} before, {load_average()} after")
    print(
        f"desk-app --demo, start to first paint: median {desk_median * 1000:.0f} ms "
        f"(min {min(first_paints) * 1000:.0f}, max {max(first_paints) * 1000:.0f}, {runs} runs)"
    )
    print(
        f"bare PySide6 window with a table:      median {bare_median * 1000:.0f} ms "
        f"(min {min(bare_times) * 1000:.0f}, max {max(bare_times) * 1000:.0f}, interleaved)"
    )
    print(f"ratio desk / bare: {desk_median / bare_median:.1f}x")
    print(f"desk-app --demo, start to main window (database open): median {ready_median * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
