#!/usr/bin/env python3
"""The two commands: `python3 dev.py demo` runs the desk on demo data; `python3 dev.py test` checks it all.

Each command first makes (or reuses) the virtual environment in .venv and installs the project into it,
so both work on a fresh clone and are safe to repeat. Standard library only: it runs before anything
is installed.

The tests run sealed: HOME, the XDG folders, TMPDIR (and their Windows counterparts) point at empty
folders made for the run and removed after it, the environment holds nothing from the developer's shell,
and the run fails if anything was written to the real home or temporary folders. What a test or
benchmark needs, it makes inside the run, so a machine that has never run the project gives the same
answer as one that has.
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
    # setuptools announces every editable install whose packages are not all in one folder (ours maps
    # resources/ into desk_app.resources) with a notice that asks nothing of anyone; only that one is hidden.
    filters = [os.environ.get("PYTHONWARNINGS", ""), "ignore:Editable installation."]
    quiet_notice = {**os.environ, "PYTHONWARNINGS": ",".join(item for item in filters if item)}
    run([PYTHON, "-m", "pip", "install", "--quiet", "--editable", ".[test]"], env=quiet_notice)
    STAMP.write_text(wanted)


def demo(extra: Sequence[str]) -> None:
    ensure_environment()
    run([PYTHON, "-m", "desk_app", "--demo", *extra])


# What the sealed environment keeps from the caller's: finding programs, and what Windows cannot start
# without. Everything else (DESK_APP_*, QT_*, DISPLAY, TZ, proxies, PYTHON*) is left behind.
KEPT_VARIABLES = (
    "PATH",
    "SYSTEMROOT",
    "SYSTEMDRIVE",
    "COMSPEC",
    "PATHEXT",
    "WINDIR",
    "NUMBER_OF_PROCESSORS",
    "CI",
)
XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
# How deep the real home and temporary folders are compared before and after a sealed run.
WATCH_DEPTH = 3


@contextmanager
def phase(name: str, timings: list[tuple[str, float]]) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        seconds = time.monotonic() - started
        timings.append((name, seconds))
        say(f"{name}: {seconds:.0f} s")


def _snapshot(folder: Path, skip: Path, depth: int = WATCH_DEPTH) -> dict[str, int]:
    """Every entry's modification time down to `depth` levels, leaving out `skip` (the sealed run's own)."""
    seen: dict[str, int] = {}
    pending = [(folder, 0)]
    while pending:
        current, level = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if path in (skip, ROOT) or skip in path.parents or ROOT in path.parents:
                continue
            try:
                seen[entry.path] = entry.stat(follow_symlinks=False).st_mtime_ns
                if level + 1 < depth and entry.is_dir(follow_symlinks=False):
                    pending.append((path, level + 1))
            except OSError:
                continue
    return seen


@contextmanager
def sealed_environment() -> Iterator[dict[str, str]]:
    """An environment whose home, configuration, data, cache and temporary folders are new and empty.

    Yields the environment for the child processes. Afterwards, fails the run if anything in the real
    home or temporary folders (down to WATCH_DEPTH levels) was created or changed, then removes the run's
    folders.
    """
    real_tmp = Path(tempfile.gettempdir()).resolve()
    real_home = Path.home().resolve()
    watched = sorted(
        {real_tmp, real_home, *(Path(os.environ[v]).resolve() for v in XDG_VARIABLES if os.environ.get(v))}
    )
    base = Path(tempfile.mkdtemp(prefix="desk-test-run-")).resolve()
    folders = {name: base / name for name in ("home", "tmp", "config", "data", "cache", "state", "runtime")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    # The PostgreSQL server runs as another account when the tests run as root: it must pass through.
    base.chmod(0o711)
    folders["tmp"].chmod(0o711)
    environment = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    environment.update(
        {
            "HOME": str(folders["home"]),
            "USERPROFILE": str(folders["home"]),
            "APPDATA": str(folders["config"]),
            "LOCALAPPDATA": str(folders["data"]),
            "XDG_CONFIG_HOME": str(folders["config"]),
            "XDG_DATA_HOME": str(folders["data"]),
            "XDG_CACHE_HOME": str(folders["cache"]),
            "XDG_STATE_HOME": str(folders["state"]),
            "XDG_RUNTIME_DIR": str(folders["runtime"]),
            "TMPDIR": str(folders["tmp"]),
            "TEMP": str(folders["tmp"]),
            "TMP": str(folders["tmp"]),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    before = {folder: _snapshot(folder, base) for folder in watched}
    try:
        yield environment
    finally:
        written = []
        for folder, seen in before.items():
            now = _snapshot(folder, base)
            written += sorted(path for path, mtime in now.items() if seen.get(path) != mtime)
        shutil.rmtree(base, ignore_errors=True)
        if written:
            say("the run wrote outside the clone and its own folders:")
            for path in written[:40]:
                say(f"  {path}")
            sys.exit(1)


def checks(environment: dict[str, str]) -> None:
    """Lint, types and the layer contract."""
    run([PYTHON, "-m", "ruff", "check", "."], env=environment)
    run([PYTHON, "-m", "ruff", "format", "--check", "."], env=environment)
    run([PYTHON, "-m", "mypy"], env=environment)
    run([BIN / "lint-imports"], env=environment)


def benchmarks_small(environment: dict[str, str]) -> None:
    """Every benchmark at a small scale, so none of them rots between on-demand full runs."""
    for script in sorted((ROOT / "tests" / "bench").glob("bench_*.py")):
        run([PYTHON, script, "--small"], env=environment)


def summary(timings: list[tuple[str, float]]) -> None:
    say("phases: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings))


# pytest-xdist: one worker per core, at most four. Only the SQLite run: the PostgreSQL run includes the
# outage tests, which stop the one server every worker would be using.
PARALLEL = ["--numprocesses=auto", "--maxprocesses=4"]


def test(pytest_args: Sequence[str]) -> None:
    ensure_environment()
    timings: list[tuple[str, float]] = []
    try:
        with sealed_environment() as environment:
            with phase("checks", timings):
                checks(environment)
            with phase("small benchmarks", timings):
                benchmarks_small(environment)
            with phase("SQLite tests", timings):
                run([PYTHON, "-m", "pytest", *PARALLEL, *pytest_args], env=environment)
    finally:
        summary(timings)


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
def postgres_server(environment: dict[str, str]) -> Iterator[str]:
    """A throwaway PostgreSQL server on loopback in the sealed temporary folder; yields its URL.

    The variables the outage tests need to stop and start it are added to `environment`.
    """
    bindir = _postgres_bindir()
    workdir = Path(tempfile.mkdtemp(prefix="desk-pg-", dir=environment["TMPDIR"]))
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
        env=environment,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} -c fsync=off"
    run(
        [*prefix, bindir / "pg_ctl", "-D", data, "-l", workdir / "server.log", "-w", "-o", options, "start"],
        env=environment,
    )
    # The outage tests stop and start this server themselves (tests/support/postgres_control.py).
    environment.update(
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
        run(
            [*prefix, bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            env=environment,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def test_postgres(pytest_args: Sequence[str]) -> None:
    ensure_environment()
    timings: list[tuple[str, float]] = []
    try:
        with (
            sealed_environment() as environment,
            phase("PostgreSQL tests", timings),
            postgres_server(environment) as url,
        ):
            environment["DESK_APP_TEST_DB"] = url
            say(f"core, UI and end-to-end tests against PostgreSQL at {url}")
            run(
                [PYTHON, "-m", "pytest", "tests/core", "tests/ui", "tests/e2e", *pytest_args],
                env=environment,
            )
    finally:
        summary(timings)


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
