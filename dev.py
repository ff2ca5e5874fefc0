#!/usr/bin/env python3
"""The two commands: `python3 dev.py demo` runs the desk on demo data; `python3 dev.py test` checks it all.

Each command first makes (or reuses) the virtual environment in .venv and installs the project into it,
so both work on a fresh clone and are safe to repeat. Standard library only: it runs before anything
is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(command: Sequence[str | Path], **kwargs: object) -> None:
    printable = " ".join(str(part) for part in command)
    say(f"$ {printable}")
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, check=False, **kwargs)  # type: ignore[call-overload]
    if completed.returncode != 0:
        say(f"failed ({completed.returncode}): {printable}")
        sys.exit(completed.returncode)


def ensure_environment() -> None:
    """Create .venv and install the project with its test tools, unless pyproject.toml is unchanged."""
    # dev.py may be started by any python3 on the machine, before the project's own is set up.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("dev.py: Python 3.11 or newer is needed")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        run([sys.executable, "-m", "venv", VENV])
    run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PYTHON, "-m", "pip", "install", "--quiet", "--editable", ".[test]"])
    STAMP.write_text(wanted)


def demo(extra: Sequence[str]) -> None:
    ensure_environment()
    run([PYTHON, "-m", "desk_app", "--demo", *extra])


def checks() -> None:
    """Lint, types and the layer contract."""
    run([PYTHON, "-m", "ruff", "check", "."])
    run([PYTHON, "-m", "ruff", "format", "--check", "."])
    run([PYTHON, "-m", "mypy"])
    run([BIN / "lint-imports"])


def benchmarks_small() -> None:
    """Every benchmark at a small scale, so none of them rots between on-demand full runs."""
    for script in sorted((ROOT / "tests" / "bench").glob("bench_*.py")):
        run([PYTHON, script, "--small"])


def test(pytest_args: Sequence[str]) -> None:
    ensure_environment()
    checks()
    benchmarks_small()
    run([PYTHON, "-m", "pytest", *pytest_args])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bindir() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.insert(0, Path(found))
    if not candidates:
        sys.exit("dev.py: PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql")
    return candidates[0].parent


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server on loopback; yields its URL and removes every trace afterwards."""
    bindir = _postgres_bindir()
    workdir = Path(tempfile.mkdtemp(prefix="desk-pg-"))
    prefix: list[str] = []
    # initdb refuses to run as root: run the server as the postgres account instead.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = workdir / "data", _free_port()
    run(
        [
            *prefix,
            bindir / "initdb",
            "-D",
            data,
            "-U",
            "app",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        stdout=subprocess.DEVNULL,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} -c fsync=off"
    run([*prefix, bindir / "pg_ctl", "-D", data, "-l", workdir / "server.log", "-w", "-o", options, "start"])
    # The outage tests stop and start this server themselves (tests/support/postgres_control.py).
    os.environ.update(
        {
            "DESK_APP_TEST_PG_CTL": str(bindir / "pg_ctl"),
            "DESK_APP_TEST_PG_DATA": str(data),
            "DESK_APP_TEST_PG_OPTIONS": options,
            "DESK_APP_TEST_PG_RUN_AS": "postgres" if prefix else "",
        }
    )
    try:
        yield f"postgresql+psycopg://app@127.0.0.1:{port}/postgres"
    finally:
        run([*prefix, bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


def test_postgres(pytest_args: Sequence[str]) -> None:
    ensure_environment()
    with postgres_server() as url:
        os.environ["DESK_APP_TEST_DB"] = url
        say(f"core, UI and end-to-end tests against PostgreSQL at {url}")
        run([PYTHON, "-m", "pytest", "tests/core", "tests/ui", "tests/e2e", *pytest_args])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("command", choices=["demo", "test"])
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="test: run the core and e2e tests against a throwaway PostgreSQL",
    )
    args, extra = parser.parse_known_args()
    started = time.monotonic()
    if args.command == "demo":
        demo(extra)
    elif args.postgres:
        test_postgres(extra)
    else:
        test(extra)
    say(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
